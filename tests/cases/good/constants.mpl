// Constants declared with and without parentheses, used bare and as `c()`. No theory
// declaration: the theory is named after the file.
sort S;
op c -> S;
op d() -> S;
op f(S, S) -> S;
op g(S) -> S;

axiom f_c: (=[f(c, d), c()]);
axiom g_d: (=[g(d()), d]);
axiom fg:  (>[x] (=[f(x, g(x)), g(f(x, x))]));

conjecture fix:  (=[g(y), y]);
conjecture two:  (>[] (=[x, c]) (=[f(x, y), f(c, y)]));
