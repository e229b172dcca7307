inductive M = z | t(M);
// café in Latin-1
