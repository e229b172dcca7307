// The file ends inside a form.
inductive N = 0 | s(N);
axiom a: (>[x] (=[x, x])
