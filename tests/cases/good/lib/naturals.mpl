/* Natural numbers with addition, in prefix and infix style. */
inductive Nat = zero | succ(Nat);
op +(Nat, Nat) -> Nat infixl 6;
axiom plus_zero: (>[n] (=[+(n, zero), n]));
axiom plus_succ: (>[n,m] (=[n + succ(m), succ(n + m)]));
