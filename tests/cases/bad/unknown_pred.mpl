inductive N = 0 | s(N);
pred even(N);
axiom a: (>[x] (odd[x]));
