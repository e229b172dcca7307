// A definition's body follows `:=`.
inductive N = 0 | s(N);
def zero[x] = (=[x, 0]);
