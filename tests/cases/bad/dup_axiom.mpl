inductive N = 0 | s(N);
axiom refl: (>[x] (=[x, x]));
conjecture refl: (=[y, y]);
