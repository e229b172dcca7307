// Signatures stated GL's way, in a theory with three sorts: the axioms `len_fn` and
// `app_fn` declare `len` and `++`, and `e0_in` the constant `e0`.
theory gl_signatures;

sort E;
inductive L = nil | cons(E, L);
inductive Nat = z | succ(Nat);

def fXY[f,X,Y] := (&
    (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])))
    (>[x] (in[x,X]) !(>[y] (in[y,Y]) !(in2[x,y,f])))
    (>[x,y1,y2] (&(in2[x,y1,f]) (in2[x,y2,f])) (=[y1,y2])));
def fXYZ[f,X,Y,Z] := (&
    (>[x,y,z] (in3[x,y,z,f]) (&(in[x,X]) (&(in[y,Y]) (in[z,Z]))))
    (>[x,y] (&(in[x,X]) (in[y,Y])) !(>[z] (in[z,Z]) !(in3[x,y,z,f])))
    (>[x,y,z1,z2] (&(in3[x,y,z1,f]) (in3[x,y,z2,f])) (=[z1,z2])));

axiom len_fn: (fXY[len,L,Nat]);
axiom app_fn: (&(fXYZ[++,L,L,L]) (in[e0,E]));
infixr 5 ++;

// Terms are allowed as arguments of the relations.
axiom app_nil:  (>[ys] (in[ys,L]) (in3[nil,ys,ys,++]));
axiom app_cons: (>[x,xs,ys,r] (in3[xs,ys,r,++]) (in3[cons(x, xs),ys,cons(x, r),++]));
axiom len_nil:  (in2[nil,z,len]);
axiom len_cons: (>[x,xs,n] (in2[xs,n,len]) (in2[cons(x, xs),succ(n),len]));
// A conditional fact stays conditional.
axiom cons_inj: (>[x,y,xs,ys,l] (&(in[x,E]) (in[y,E]) (=[cons(x, xs),l]) (=[cons(y, ys),l])) (=[x,y]));

conjecture app_nil_r: (>[xs] (in[xs,L]) (in3[xs,nil,xs,++]));
conjecture len_one: (in2[cons(e0, nil),succ(z),len]);
// Free variables, GL's way: r, t and u are eliminated.
conjecture app_assoc: (>[] (&(in3[xs,ys,r,++]) (in3[r,zs,t,++]))
                          (>[u] (in3[ys,zs,u,++]) (in3[xs,u,t,++])));
