// A parenthesised term that is never closed.
inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;
axiom a: (>[x] (=[(x + s(x), x]));
