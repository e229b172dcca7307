// Garbage after a declaration on the same line.
inductive N = 0 | s(N); s(0)
axiom a: (>[x] (=[x, x]));
