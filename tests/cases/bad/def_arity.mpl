// A definition used with the wrong number of arguments.
inductive N = 0 | s(N);
def fXY[f,X,Y] := (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])));
axiom succ_fn: (fXY[s,N]);
