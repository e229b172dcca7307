(declare-datatype Nat ((Z) (S (p Nat))))
(prove (forall ((x Nat) (y Nat)) (= (@ x y) y)))
