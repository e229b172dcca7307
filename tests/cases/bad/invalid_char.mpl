// `#` is not an MPL character outside comments and strings.
sort N;
op 0 -> N;
axiom a: (=[0, #]);
