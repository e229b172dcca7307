// The left side of the diamond: multiplication over base.mpl.
import "base.mpl";

op *(N, N) -> N infixl 7;

axiom mul_zero: (>[a] (=[a * 0, 0]));
axiom mul_succ: (>[a,b] (=[a * s(b), a * b + a]));
