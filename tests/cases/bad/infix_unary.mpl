inductive N = 0 | s(N);
op neg(N) -> N infixl 5;
