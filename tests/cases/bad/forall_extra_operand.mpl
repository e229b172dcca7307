// `(>[...] A B)` takes one or two formulas.
inductive N = 0 | s(N);
axiom too_many: (>[a] (=[a, a]) (=[s(a), s(a)]) (=[a, s(a)]));
