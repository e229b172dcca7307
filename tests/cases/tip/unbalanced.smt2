; A definition missing its last parenthesis.
(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun-rec
  plus ((x Nat) (y Nat)) Nat
  (match x
    ((Z y)
     ((S z) (S (plus z y)))))
(prove (forall ((x Nat)) (= (plus x Z) x)))
