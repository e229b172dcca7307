// One `)` too many after a complete formula.
inductive N = 0 | s(N);
axiom a: (>[x] (=[x, x])));
