inductive N = 0 | s(N);
axiom a: (>[x] (=[x, ÿ]));
