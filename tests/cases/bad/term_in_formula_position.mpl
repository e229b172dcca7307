// An atom needs `[...]`: terms only appear inside brackets.
inductive N = 0 | s(N);
pred even(N);
axiom a: (even(0));
