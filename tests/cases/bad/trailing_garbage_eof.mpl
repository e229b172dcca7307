inductive N = 0 | s(N);
axiom refl: (>[x] (=[x, x]));
this is not a declaration
