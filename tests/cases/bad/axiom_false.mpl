// An axiom that contradicts the sorts.
inductive N = 0 | s(N);
axiom no_zero: !(in[0,N]);
