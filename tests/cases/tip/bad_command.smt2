(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun-rec double ((x Nat)) Nat)
