// Nor can definitions use each other in a cycle.
inductive N = 0 | s(N);
def even[x] := !(odd[x]);
def odd[x] := (>[y] (in2[y,x,s]) (even[y]));
axiom zero_even: (even[0]);
