// Peano arithmetic with + and * defined by recursion on the FIRST argument (as in
// Coq's and Lean's standard libraries). The peano-12 goals are the same as in
// peano.mpl; their hard cases move to the other side.
theory peano_first;

inductive N = 0 | s(N);

op +(N, N) -> N infixl 6;
op *(N, N) -> N infixl 7;

axiom succ_ne_zero: (>[a] !(=[s(a), 0]));
axiom succ_inj:     (>[a,b] (=[s(a), s(b)]) (=[a, b]));
axiom zero_add:     (>[b] (=[0 + b, b]));
axiom succ_add:     (>[a,b] (=[s(a) + b, s(a + b)]));
axiom zero_mul:     (>[b] (=[0 * b, 0]));
axiom succ_mul:     (>[a,b] (=[s(a) * b, b + a * b]));

// The peano-12 suite (TARGETS.md section A).
conjecture add_zero_l: (=[0 + x, x]);
conjecture add_succ_l: (=[s(x) + y, s(x + y)]);
conjecture add_comm:   (=[x + y, y + x]);
conjecture add_assoc:  (=[(x + y) + z, x + (y + z)]);
conjecture mul_zero_l: (=[0 * x, 0]);
conjecture mul_one_l:  (=[s(0) * x, x]);
conjecture mul_one_r:  (=[x * s(0), x]);
conjecture mul_succ_l: (=[s(x) * y, x * y + y]);
conjecture distrib_l:  (=[x * (y + z), x * y + x * z]);
conjecture distrib_r:  (=[(x + y) * z, x * z + y * z]);
conjecture mul_comm:   (=[x * y, y * x]);
conjecture mul_assoc:  (=[(x * y) * z, x * (y * z)]);
