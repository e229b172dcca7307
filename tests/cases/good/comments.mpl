// Comments may appear between any two tokens.
/* A block comment
   spanning lines, with // inside and a stray * or / too. */
theory /* name: */ comments; // trailing

inductive /* sort */ N // line
  = 0 /* base */ | s(/* arg */ N) ;

op + /* plus */ (N, N) -> N infixl /* prec: */ 6;

axiom /**/ add_zero /**/ : /**/ (>[/* a */ a] (=[a /* plus */ + 0, a]));
axiom add_succ: (>[a, // first
                   b]  // second
  (=[ a + s(b) ,
      s( a + b ) ]) // done
);
/* The last comment ends the file. */
