inductive N = 0 | s(N);
axiom broken: (>[x] (=[x + , x]));
