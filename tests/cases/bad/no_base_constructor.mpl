// Every constructor is recursive: the sort would be empty.
inductive Stream = cons(Stream);
