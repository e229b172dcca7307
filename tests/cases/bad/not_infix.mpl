inductive N = 0 | s(N);
op -(N, N) -> N;
axiom a: (>[x] (=[x - x, 0]));
