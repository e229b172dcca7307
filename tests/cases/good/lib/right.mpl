// The right side of the diamond: an order over base.mpl.
import "./base.mpl";

pred <=(N, N);

axiom le_zero: (>[a] (<=[0, a]));
axiom le_succ: (>[a,b] (<=[a, b]) (<=[s(a), s(b)]));
