// Each definition uses the previous one twice: the axiom expands to 2^14 uses.
inductive N = 0 | s(N);
def d0[x] := (=[x, 0]);
def d1[x] := (& (d0[x]) (d0[x]));
def d2[x] := (& (d1[x]) (d1[x]));
def d3[x] := (& (d2[x]) (d2[x]));
def d4[x] := (& (d3[x]) (d3[x]));
def d5[x] := (& (d4[x]) (d4[x]));
def d6[x] := (& (d5[x]) (d5[x]));
def d7[x] := (& (d6[x]) (d6[x]));
def d8[x] := (& (d7[x]) (d7[x]));
def d9[x] := (& (d8[x]) (d8[x]));
def d10[x] := (& (d9[x]) (d9[x]));
def d11[x] := (& (d10[x]) (d10[x]));
def d12[x] := (& (d11[x]) (d11[x]));
def d13[x] := (& (d12[x]) (d12[x]));
def d14[x] := (& (d13[x]) (d13[x]));
axiom a: (>[x] (d14[x]));
