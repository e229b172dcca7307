(declare-datatype Nat ((Z) (S (p Nat))))
(declare-datatype
  list (par (a) ((nil) (cons (head a) (tail (list a))))))
(prove (forall ((x Nat) (xs (list Nat))) (= (cons xs x) xs)))
