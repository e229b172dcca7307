// `(=[...])` takes exactly two terms (GL silently drops the rest).
inductive N = 0 | s(N);
axiom three: (>[a] (=[a, a, s(a)]));
