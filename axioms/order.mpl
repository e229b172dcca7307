// The order of the natural numbers: a <= b, defined by recursion as a boolean-valued
// operator `leq` over the Peano axioms (imported). `le[a,b]` abbreviates leq(a,b) = true.
// ergo proves the order facts below by induction, case splits and contradiction, with
// the lemmas it needs found by itself.
theory order;

import "peano.mpl";

inductive Bool = true | false;

op leq(N, N) -> Bool;

axiom true_ne_false: !(=[true, false]);
axiom leq_zero:      (>[b] (=[leq(0, b), true]));
axiom leq_succ_zero: (>[a] (=[leq(s(a), 0), false]));
axiom leq_succ:      (>[a,b] (=[leq(s(a), s(b)), leq(a, b)]));

def le[a,b] := (=[leq(a, b), true]);

conjecture le_refl:    (>[a] (le[a, a]));
conjecture le_zero:    (>[a] (le[0, a]));
conjecture le_succ:    (>[a] (le[a, s(a)]));
conjecture le_add:     (>[a,b] (le[a, a + b]));
conjecture le_trans:   (>[a,b,c] (&(le[a, b]) (le[b, c])) (le[a, c]));
conjecture le_antisym: (>[a,b] (&(le[a, b]) (le[b, a])) (=[a, b]));
