// Deeply nested formulas, empty binder lists, and conjectures that mix free and bound
// variables.
theory nested;

inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;

axiom add_zero: (>[a] (=[a + 0, a]));
axiom implies:  (>[] (=[0, 0]) (=[s(0), s(0)]));
axiom bare:     (>[] (=[0 + 0, 0]));
axiom deep:     (>[a] (>[b] (>[c] (>[] (&(=[a, b]) (=[b, c])) (=[a, c])))));
axiom neg:      (>[a] !!!(=[s(a), 0]));
axiom conj:     (>[a,b] (&(=[a + 0, a]) (=[b + 0, b]) (>[c] (=[c + 0, c]))));

// `x` is free (quantified outermost); `b` is bound by the inner quantifier.
conjecture mixed: (>[b] (=[x + b, b + x]));
conjecture terms: (=[s(s(s(x + s(y + s(z))))), s(s(s(s(s(x + y + z)))))]);
