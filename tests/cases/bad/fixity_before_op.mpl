// A fixity declaration comes after its operator.
inductive N = 0 | s(N);
infixl 6 +;
op +(N, N) -> N;
