// Polymorphic lists (issue 12, docs/logic.md section 1): a parametric inductive sort,
// operator schemes, function sorts, the Bool prelude (true, false, ite) and a lambda.
theory poly_lists;

inductive N = 0 | s(N);
inductive List('a) = nil | cons('a, List('a));

op +(N, N) -> N infixl 6;
op app(List('a), List('a)) -> List('a);
op rev(List('a)) -> List('a);
op len(List('a)) -> N;
op map('a -> 'b, List('a)) -> List('b);
op dropWhile('a -> Bool, List('a)) -> List('a);
op filter('a -> Bool, List('a)) -> List('a);

axiom add_zero:  (>[a] (=[a + 0, a]));
axiom add_succ:  (>[a,b] (=[a + s(b), s(a + b)]));
axiom app_nil:   (>[l] (=[app(nil, l), l]));
axiom app_cons:  (>[x,k,l] (=[app(cons(x, k), l), cons(x, app(k, l))]));
axiom rev_nil:   (=[rev(nil), nil]);
axiom rev_cons:  (>[x,l] (=[rev(cons(x, l)), app(rev(l), cons(x, nil))]));
axiom len_nil:   (=[len(nil), 0]);
axiom len_cons:  (>[x,l] (=[len(cons(x, l)), s(len(l))]));
axiom map_nil:   (>[f] (=[map(f, nil), nil]));
axiom map_cons:  (>[f,x,l] (=[map(f, cons(x, l)), cons(f(x), map(f, l))]));
axiom dw_nil:    (>[p] (=[dropWhile(p, nil), nil]));
axiom dw_cons:   (>[p,x,l] (=[dropWhile(p, cons(x, l)),
                               ite(p(x), dropWhile(p, l), cons(x, l))]));
axiom filter_nil:  (>[p] (=[filter(p, nil), nil]));
axiom filter_cons: (>[p,x,l] (=[filter(p, cons(x, l)),
                                 ite(p(x), cons(x, filter(p, l)), filter(p, l))]));

conjecture rev_rev:   (=[rev(rev(l)), l]);
conjecture app_assoc: (=[app(app(k, l), m), app(k, app(l, m))]);
conjecture len_app:   (=[len(app(k, l)), len(k) + len(l)]);
conjecture map_app:   (=[map(f, app(k, l)), app(map(f, k), map(f, l))]);
conjecture dw_false:  (=[dropWhile(\x. false, l), l]);
