// A parameter used as an operator needs an operator name as its argument.
inductive N = 0 | s(N);
def fXY[f,X,Y] := (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])));
axiom bad: (fXY[s(0),N,N]);
op +(N, N) -> N infixl 6;
def comm[f] := (>[x,y] (=[f(x, y), f(y, x)]));
axiom worse: (comm[x + 0]);
