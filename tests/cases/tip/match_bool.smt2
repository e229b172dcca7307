(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun
  choose ((b Bool) (x Nat)) Nat
  (match b
    ((true x)
     (false Z))))
