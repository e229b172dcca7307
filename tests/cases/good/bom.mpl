// A UTF-8 byte-order mark before the first line is skipped.
inductive N = 0 | s(N);
axiom a: (>[x] !(=[s(x), 0]));
