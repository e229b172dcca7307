// Two sorts, and nothing says which one `x` and `y` have.
sort A;
sort B;
axiom a: (>[x, y] (=[x, y]));
