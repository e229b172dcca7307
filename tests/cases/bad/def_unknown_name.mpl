// `holds` is neither a parameter, a declared predicate nor an earlier definition.
inductive N = 0 | s(N);
def positive[x] := (holds[x]);
