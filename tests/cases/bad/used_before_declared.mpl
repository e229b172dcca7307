// Declarations must come before their uses.
inductive N = 0 | s(N);
axiom a: (>[x] (=[double(x), x]));
op double(N) -> N;
