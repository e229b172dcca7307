sort A;
inductive A = a;
