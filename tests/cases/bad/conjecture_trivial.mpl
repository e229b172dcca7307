// A conjecture made only of memberships says nothing.
inductive N = 0 | s(N);
conjecture nat: (>[x] (in[x,N]) (in[s(x),N]));
