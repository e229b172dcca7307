// `x` is used as an N (under s) and as a B (under not).
inductive N = 0 | s(N);
inductive B = tt | ff;
op not(B) -> B;
axiom a: (>[x] (=[s(x), s(0)]) (=[not(x), tt]));
