// Parameters are distinct, and no binder of the body hides one.
inductive N = 0 | s(N);
def pair[x,x] := (=[x, x]);
def hide[x] := (>[x] (=[s(x), x]));
