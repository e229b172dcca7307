// Shared by left.mpl and right.mpl: imported twice, read once (a diamond).
theory base;

inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;

axiom add_zero: (>[a] (=[a + 0, a]));
axiom add_succ: (>[a,b] (=[a + s(b), s(a + b)]));
