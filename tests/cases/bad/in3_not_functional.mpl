// `in3` needs the graph of a function: a predicate is a relation, not declared
// functional.
inductive N = 0 | s(N);
pred add(N, N, N);
axiom add_zero: (>[a] (in3[a,0,a,add]));
