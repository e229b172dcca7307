inductive N = 0 | s(N);
/* 🦀🦀 */ axiom a: (>[x] (=[f(x), x]));
