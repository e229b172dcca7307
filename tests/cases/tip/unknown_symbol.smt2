(declare-datatype Nat ((Z) (S (p Nat))))
(prove (forall ((x Nat)) (= (plus x Z) x)))
