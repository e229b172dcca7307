// A signature axiom must agree with the declaration of its operator.
inductive N = 0 | s(N);
sort M;
def fXY[f,X,Y] := (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])));
axiom succ_fn: (fXY[s,N,M]);
