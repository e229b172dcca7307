// A definition cannot use itself.
inductive N = 0 | s(N);
def nat[x] := (&(in[x,N]) (nat[s(x)]));
axiom a: (>[y] (nat[y]));
