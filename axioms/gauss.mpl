// Gauss's sum: the Peano axioms (imported) and a sum operator defined by recursion.
// ergo proves 2 * sum(n) = n * (n + 1) by finding the lemmas it needs itself.
theory gauss;

import "peano.mpl";

op sum(N) -> N;

axiom sum_zero: (=[sum(0), 0]);
axiom sum_succ: (>[n] (=[sum(s(n)), sum(n) + s(n)]));

conjecture gauss: (=[s(s(0)) * sum(n), n * s(n)]);
