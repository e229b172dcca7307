inductive N = 0 | s(N);
op +(N N) -> N;
