// Predicates, atoms, negation, conjunction and implications nested several levels deep.
theory predicates;

inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;

pred even(N);
pred odd(N);
pred <(N, N);
pred zero_is_zero;

axiom even_zero: (even[0]);
axiom even_step: (>[n] (even[n]) (even[s(s(n))]));
axiom odd_one:   (odd[s(0)]);
axiom odd_step:  (>[n] (odd[n]) (odd[s(s(n))]));
axiom lt_succ:   (>[n] (<[n, s(n)]));
axiom lt_trans:  (>[a,b,c] (&(<[a, b]) (<[b, c])) (<[a, c]));
axiom lt_irrefl: (>[a] !(<[a, a]));
axiom parity:    (>[n] (&!(&(even[n]) (odd[n])) !!(=[n, n])));
axiom nested:    (>[a] (>[b] (>[] (<[a, b]) !(=[a, b]))));
axiom trivial:   (zero_is_zero[]);

conjecture even_or: (>[] (even[x]) !(odd[x]));
conjecture lt_add:  (>[] !(=[y, 0]) (<[x, x + y]));
conjecture three:   (&(<[0, s(0)]) (<[s(0), s(s(0))]) (<[0, s(s(0))]));
