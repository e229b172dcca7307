// Lists over an uninterpreted element sort, with lengths in the imported naturals:
// several sorts, so some binders need annotations and others get their sort inferred.
theory lists;
import "lib/naturals.mpl";

sort E;
inductive L = nil | cons(E, L);

op ++(L, L) -> L infixr 5;
op len(L) -> Nat;
op rev(L) -> L;
op single(E) -> L;

axiom app_nil:  (>[ys] (=[nil ++ ys, ys]));
axiom app_cons: (>[x, xs, ys] (=[cons(x, xs) ++ ys, cons(x, xs ++ ys)]));
axiom len_nil:  (=[len(nil), zero]);
axiom len_cons: (>[x, xs] (=[len(cons(x, xs)), succ(len(xs))]));
axiom single_def: (>[x:E] (=[single(x), cons(x, nil)]));
axiom rev_nil:  (=[rev(nil), nil]);
axiom rev_cons: (>[x, xs] (=[rev(cons(x, xs)), rev(xs) ++ single(x)]));

// `++` is infixr: a ++ b ++ c reads a ++ (b ++ c).
conjecture app_assoc: (=[(xs ++ ys) ++ zs, xs ++ ys ++ zs]);
conjecture len_app:   (=[len(xs ++ ys), len(xs) + len(ys)]);
conjecture rev_rev:   (=[rev(rev(xs)), xs]);
// The sort of `a` and `b` comes from the equation with a term of sort E... through cons.
conjecture cons_inj:  (>[a, b] (=[cons(a, nil), cons(b, nil)]) (=[a, b]));
// Annotation needed: nothing else fixes the sort of `u`.
conjecture refl_e:    (>[u:E] (=[u, u]));
