inductive N = 0 | s(N);
/* This comment never ends.
axiom a: (>[x] (=[x, x]));
