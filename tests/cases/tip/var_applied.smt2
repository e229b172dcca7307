(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun twice ((f (=> Nat Nat)) (x Nat)) Nat (f (f x)))
