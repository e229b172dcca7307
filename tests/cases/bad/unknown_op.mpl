inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;
axiom a: (>[x] (=[f(x), x]));
