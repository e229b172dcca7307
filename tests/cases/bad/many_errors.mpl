// Several independent errors in one file are all reported.
inductive N = 0 | s(N);
axiom a: (>[x] (=[f(x), x]));
axiom b: (=[y, 0]);
axiom c: (>[x] (p[x]));
axiom a: (>[x] (=[x, x]));
