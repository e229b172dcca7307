// The order of the natural numbers as a declared predicate: `le[a, b]` is an atom of
// `pred le(N, N)`, axiomatised by its introduction rules (and the inversions a recursive
// definition would give), over the Peano axioms (imported). Compare axioms/order.mpl,
// where the order is a boolean-valued operator defined by recursion. The front end reads
// `le` as an operator into an implicit sort `Prop` and `le[a, b]` as `le(a, b) = ⊤`.
theory order_pred;

import "peano.mpl";

pred le(N, N);

axiom le_zero:      (>[b] (le[0, b]));
axiom le_succ:      (>[a,b] (le[a, b]) (le[s(a), s(b)]));
axiom le_succ_inv:  (>[a,b] (le[s(a), s(b)]) (le[a, b]));
axiom le_succ_zero: (>[a] !(le[s(a), 0]));

conjecture le_refl:    (>[a] (le[a, a]));
conjecture le_succ_r:  (>[a] (le[a, s(a)]));
conjecture le_add:     (>[a,b] (le[a, a + b]));
conjecture le_trans:   (>[a,b,c] (&(le[a, b]) (le[b, c])) (le[a, c]));
conjecture le_antisym: (>[a,b] (&(le[a, b]) (le[b, a])) (=[a, b]));
