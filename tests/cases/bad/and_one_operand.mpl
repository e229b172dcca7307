// `&` needs at least two operands (GL silently accepts one).
inductive N = 0 | s(N);
axiom lonely: (>[a] (&(=[a, a])));
