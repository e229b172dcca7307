inductive N = 0 | s(N);
axiom a: (>[x] (=[x, [31mred]));
