(declare-datatype
  list (par (a) ((nil) (cons (head a) (tail (list a))))))
(prove (= nil nil))
