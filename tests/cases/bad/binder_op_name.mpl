inductive N = 0 | s(N);
axiom a: (>[s] (=[s, s]));
