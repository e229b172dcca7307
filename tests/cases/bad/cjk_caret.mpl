inductive N = 0 | s(N);
/* 名前 */ axiom a: (>[x] (=[f(x), x]));
