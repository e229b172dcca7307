inductive N = 0 | s(N);
op max(N, N) -> N infixl 5;
