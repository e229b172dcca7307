inductive N = 0 | s(N);
inductive B = tt | ff;
axiom a: (=[s(0), tt]);
