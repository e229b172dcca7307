// Definitions with parameters (GL's macros). A parameter stands for whatever its body
// uses it as: an operator (prefix or infix), a set, a predicate, or a term.
theory gl_defs;

sort E;
inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;
op max(N, N) -> N;
pred <=(N, N);

// An operator parameter, in prefix form.
def comm[f] := (>[x,y] (=[f(x, y), f(y, x)]));
// A symbolic parameter used infix, and a set parameter in binder annotations.
def assoc[*,X] := (>[x:X,y:X,z:X] (=[(x * y) * z, x * (y * z)]));
// A predicate parameter, and a term parameter.
def refl[r] := (>[x] (r[x, x]));
def above[r,t] := (>[x] (r[t, x]) (r[t, s(x)]));
// A definition using another, and GL's relations over parameters.
def monoid[o,e,X] := (&(assoc[o,X]) (>[x] (in[x,X]) (in3[x,e,x,o])));
// No parameters.
def zero_fixed[] := (in3[0,0,0,max]);

axiom max_comm:   (comm[max]);
axiom le_refl:    (refl[<=]);
axiom le_zero:    (above[<=, 0]);
axiom add_monoid: (monoid[+,0,N]);
axiom max_zero:   (zero_fixed[]);

// Capture avoidance: the argument's `x` is free, the body's `x` is renamed.
conjecture above_x: (above[<=, x + s(0)]);
conjecture add_comm: (comm[+]);
// A definition inside a formula.
conjecture le_max: (>[a] (&(refl[<=]) (<=[a, max(a, a)])));
