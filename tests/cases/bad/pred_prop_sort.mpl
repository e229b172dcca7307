// A theory with predicates reads them as operators into an implicit sort `Prop`: a
// declared sort of that name is an error.
inductive N = 0 | s(N);
sort Prop;
pred even(N);
axiom even_zero: (even[0]);
