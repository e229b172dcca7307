(declare-datatype Nat ((Z) (S (p Nat))))
(prove (forall ((x Nat)) (= x 0)))
