inductive N = 0 | s(N);
inductive B = tt | ff;
op not(B) -> B;
axiom a: (>[x:B] (=[not(s(0)), x]));
