// The set of `in[x, X]` must be a sort.
inductive N = 0 | s(N);
axiom succ_ne_zero: (>[a] (in[a,Nat]) !(in2[a,0,s]));
