inductive N = 0 | s(N);
axiom a: (>[x, y (=[x, y]));
