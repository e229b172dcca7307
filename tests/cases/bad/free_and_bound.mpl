// `x` is free (so quantified outermost) and also bound inside.
inductive N = 0 | s(N);
conjecture c: (&(=[x, x]) (>[x] (=[s(x), s(x)])));
