inductive N = 0 | s(N);
op f(N, M) -> N;
