inductive N = 0 | s(N);
inductive B = tt | ff;
op ~(N, N) -> N infix 4;
axiom a: (>[x] (=[x ~ x ~ x, x]));
