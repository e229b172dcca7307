// Fixity: left, right and non-associative operators at several precedence levels,
// parentheses for grouping, and prefix application of infix operators.
theory fixity;

inductive N = 0 | s(N);
inductive B = tt | ff;

op +(N, N) -> N infixl 6;
op -(N, N) -> N infixl 6;
op *(N, N) -> N infixl 7;
op ^(N, N) -> N infixr 8;
op ~(N, N) -> B infix 4;
op ==>(B, B) -> B infixr 1;
op neg(N) -> N;

axiom pow_zero: (>[a] (=[a ^ 0, s(0)]));
axiom pow_succ: (>[a,b] (=[a ^ s(b), a * a ^ b]));
axiom mixed:    (>[a,b,c] (=[a + b * c - a, -(+(a, *(b, c)), a)]));
axiom grouped:  (>[a,b,c] (=[(a + b) * c, a * c + b * c]));
axiom tower:    (>[a,b,c] (=[a ^ b ^ c, a ^ (b ^ c)]));
axiom cmp:      (>[a,b] (=[(a ~ b) ==> (b ~ a) ==> tt, tt]));
axiom neg_neg:  (>[a] (=[neg(neg(a)), a]));
axiom spaced:   (>[a,b] (=[ a+b , +( a , b ) ]));

conjecture sub_self: (=[x - x, 0]);
conjecture left:     (=[x - y - z, (x - y) - z]);
