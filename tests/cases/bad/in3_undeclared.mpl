// The relation of `in3` must be declared as a function first.
inductive N = 0 | s(N);
axiom add_zero: (>[a] (in[a,N]) (in3[a,0,a,plus]));
