// An argument list closed by `]`.
inductive N = 0 | s(N);
axiom a: (>[x] (=[s(x], x]));
