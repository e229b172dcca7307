// Lists over the natural numbers (TARGETS.md section C): append, length, reverse.
// ergo proves the three conjectures, finding the lemmas it needs itself.
theory lists;

inductive N = 0 | s(N);
inductive L = nil | cons(N, L);

op +(N, N) -> N infixl 6;
op app(L, L) -> L;
op len(L) -> N;
op rev(L) -> L;

axiom add_zero: (>[a] (=[a + 0, a]));
axiom add_succ: (>[a,b] (=[a + s(b), s(a + b)]));
axiom app_nil:  (>[l] (=[app(nil, l), l]));
axiom app_cons: (>[x,k,l] (=[app(cons(x, k), l), cons(x, app(k, l))]));
axiom len_nil:  (=[len(nil), 0]);
axiom len_cons: (>[x,l] (=[len(cons(x, l)), s(len(l))]));
axiom rev_nil:  (=[rev(nil), nil]);
axiom rev_cons: (>[x,l] (=[rev(cons(x, l)), app(rev(l), cons(x, nil))]));

conjecture app_assoc: (=[app(app(k, l), m), app(k, app(l, m))]);
conjecture len_app:   (=[len(app(k, l)), len(k) + len(l)]);
conjecture rev_rev:   (=[rev(rev(l)), l]);
