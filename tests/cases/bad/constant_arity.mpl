// `s` takes an argument and cannot be used as a constant.
inductive N = 0 | s(N);
axiom a: (=[s, 0]);
