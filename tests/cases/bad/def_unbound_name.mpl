// A definition's body is closed: `y` is neither a parameter nor bound.
inductive N = 0 | s(N);
def succ_of[x] := (in2[x,y,s]);
