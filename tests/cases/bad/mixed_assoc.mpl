inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;
op ++(N, N) -> N infixr 6;
axiom a: (>[x] (=[x + x ++ x, x]));
