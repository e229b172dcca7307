// Peano arithmetic written the way Generative Logic writes it: with relations instead of
// terms. `(in[x,N])` says x is in the set N, `(in2[x,y,s])` that (x, y) is in the graph
// of s, i.e. s(x) = y, and `(in3[x,y,z,+])` that x + y = z. The six axioms resolve to
// exactly the axioms of axioms/peano.mpl (a test checks it), so `ergo derive` finds the
// same theorems from either file.
theory peano_gl;

// GL's set of natural numbers with its zero and successor. GL's prover knows induction
// over them by their names; ergo is told by this declaration, which names them.
inductive N = 0 | s(N);

// f is a total function from X to Y: its graph relates elements of X to elements of Y,
// every x in X has an image, and only one.
def fXY[f,X,Y] := (&
    (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])))
    (>[x] (in[x,X]) !(>[y] (in[y,Y]) !(in2[x,y,f])))
    (>[x,y1,y2] (&(in2[x,y1,f]) (in2[x,y2,f])) (=[y1,y2])));

// f is a total function from X × Y to Z.
def fXYZ[f,X,Y,Z] := (&
    (>[x,y,z] (in3[x,y,z,f]) (&(in[x,X]) (in[y,Y]) (in[z,Z])))
    (>[x,y] (&(in[x,X]) (in[y,Y])) !(>[z] (in[z,Z]) !(in3[x,y,z,f])))
    (>[x,y,z1,z2] (&(in3[x,y,z1,f]) (in3[x,y,z2,f])) (=[z1,z2])));

// Signatures: these axioms declare + and * (and check 0 and s against the declaration
// above); they add no formula to the theory.
axiom zero_in_N: (in[0,N]);
axiom succ_fn:   (fXY[s,N,N]);
axiom add_fn:    (fXYZ[+,N,N,N]);
axiom mul_fn:    (fXYZ[*,N,N,N]);

// How results print with terms (GL has no term syntax).
infixl 6 +;
infixl 7 *;

// 0 is no successor, and s is injective.
axiom succ_ne_zero: (>[a] (in[a,N]) !(in2[a,0,s]));
axiom succ_inj:     (>[a,b,c] (&(in2[b,c,s]) (in2[a,c,s])) (=[a,b]));

// Addition and multiplication, by recursion on the second argument.
axiom add_zero: (>[a] (in[a,N]) (in3[a,0,a,+]));
axiom add_succ: (>[a,b,c,d] (&(in2[b,c,s]) (in3[a,b,d,+]))
                    (>[e] (in2[d,e,s]) (in3[a,c,e,+])));
axiom mul_zero: (>[a] (in[a,N]) (in3[a,0,0,*]));
axiom mul_succ: (>[a,b,c,d] (&(in2[b,c,s]) (in3[a,b,d,*]))
                    (>[e] (in3[d,a,e,+]) (in3[a,c,e,*])));
