inductive N = 0 | s(N);
axiom a: (>[x] (=[x, x]));
‮ axiom b: (>[x] (=[x, s(x)]));
