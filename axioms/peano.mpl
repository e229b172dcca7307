// Peano arithmetic: the natural numbers built from 0 and s, with + and * defined by
// recursion on the second argument (the textbook and GL convention).
theory peano;

inductive N = 0 | s(N);

op +(N, N) -> N infixl 6;
op *(N, N) -> N infixl 7;

axiom succ_ne_zero: (>[a] !(=[s(a), 0]));
axiom succ_inj:     (>[a,b] (=[s(a), s(b)]) (=[a, b]));
axiom add_zero:     (>[a] (=[a + 0, a]));
axiom add_succ:     (>[a,b] (=[a + s(b), s(a + b)]));
axiom mul_zero:     (>[a] (=[a * 0, 0]));
axiom mul_succ:     (>[a,b] (=[a * s(b), a * b + a]));

// The peano-12 suite (TARGETS.md section A). Free variables are universally quantified.
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
