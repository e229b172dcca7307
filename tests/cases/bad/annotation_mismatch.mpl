inductive N = 0 | s(N);
inductive B = tt | ff;
axiom a: (>[x:B] (=[s(x), 0]));
