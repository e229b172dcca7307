// `in2` relates a unary function; `+` is binary.
inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;
axiom bad: (>[a,b] (in2[a,b,+]));
