inductive N = 0 | s(N);
def same[a b] := (=[a, b]);
