(declare-datatype Nat ((Z) (S (p Nat))))
(declare-datatype
  list (par (a) ((nil) (cons (head a) (tail (list a))))))
(define-fun-rec
  len (par (a) (((x (list a))) Nat))
  (match x
    ((Z Z)
     ((cons y ys) (S (len ys))))))
