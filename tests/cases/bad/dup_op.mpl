// An operator clashing with a constructor.
inductive N = 0 | s(N);
op s(N) -> N;
