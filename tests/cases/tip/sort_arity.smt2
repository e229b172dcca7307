(declare-datatype
  list (par (a) ((nil) (cons (head a) (tail (list a))))))
(define-fun-rec
  len (par (a) (((x list)) Bool))
  true)
