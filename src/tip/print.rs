//! TIP terms printed back as SMT-LIB s-expressions (for equations, tests and messages).
//!
//! Invariants: the output reads back as the same term up to spans and sort annotations
//! (an `Apply` with explicit sorts prints them as `(_ f S ..)`; `as` annotations are
//! dropped); quoted symbols are re-quoted when they are not simple symbols.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2", "(declare-datatype Nat ((Z) (S (p Nat))))\n\
//!     (prove (forall ((n Nat)) (=> (= n Z) (not (= (S n) n)))))").unwrap();
//! assert_eq!(p.goals().next().unwrap().body.to_string(),
//!     "(forall ((n Nat)) (=> (= n Z) (not (= (S n) n))))");
//! ```

use std::fmt;

use super::ast::*;

fn symbol(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let simple = !s.is_empty()
        && !s.as_bytes()[0].is_ascii_digit()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"~!@$%^&*_-+=<>.?/".contains(&c));
    if simple {
        f.write_str(s)
    } else {
        write!(f, "|{s}|")
    }
}

impl fmt::Display for SortExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SortExpr::Con(n, args, _) if args.is_empty() => symbol(f, &n.text),
            SortExpr::Con(n, args, _) => {
                f.write_str("(")?;
                symbol(f, &n.text)?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
            SortExpr::Fun(args, r, _) => {
                f.write_str("(=>")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                write!(f, " {r})")
            }
        }
    }
}

fn binders(f: &mut fmt::Formatter<'_>, bs: &[Binder]) -> fmt::Result {
    f.write_str("(")?;
    for (k, b) in bs.iter().enumerate() {
        if k > 0 {
            f.write_str(" ")?;
        }
        f.write_str("(")?;
        symbol(f, &b.name.text)?;
        write!(f, " {})", b.sort)?;
    }
    f.write_str(")")
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Wildcard(_) => f.write_str("_"),
            Pattern::Var(n) => symbol(f, &n.text),
            Pattern::Con { name, binders, .. } if binders.is_empty() => symbol(f, &name.text),
            Pattern::Con { name, binders, .. } => {
                f.write_str("(")?;
                symbol(f, &name.text)?;
                for b in binders {
                    f.write_str(" ")?;
                    symbol(f, &b.text)?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TermKind::Bool(b) => write!(f, "{b}"),
            TermKind::Apply {
                name,
                explicit,
                args,
                ..
            } => {
                let open = !args.is_empty();
                if open {
                    f.write_str("(")?;
                }
                match explicit {
                    Some(sorts) => {
                        f.write_str("(_ ")?;
                        symbol(f, &name.text)?;
                        for s in sorts {
                            write!(f, " {s}")?;
                        }
                        f.write_str(")")?;
                    }
                    None => symbol(f, &name.text)?,
                }
                for a in args {
                    write!(f, " {a}")?;
                }
                if open {
                    f.write_str(")")?;
                }
                Ok(())
            }
            TermKind::Builtin(op, args) => {
                write!(f, "({}", op.as_str())?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
            TermKind::Quant(q, bs, body) => {
                let q = match q {
                    Quantifier::Forall => "forall",
                    Quantifier::Exists => "exists",
                };
                write!(f, "({q} ")?;
                binders(f, bs)?;
                write!(f, " {body})")
            }
            TermKind::Lambda(bs, body) => {
                f.write_str("(lambda ")?;
                binders(f, bs)?;
                write!(f, " {body})")
            }
            TermKind::Let(bs, body) => {
                f.write_str("(let (")?;
                for (k, (n, t)) in bs.iter().enumerate() {
                    if k > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str("(")?;
                    symbol(f, &n.text)?;
                    write!(f, " {t})")?;
                }
                write!(f, ") {body})")
            }
            TermKind::Match(s, cases) => {
                write!(f, "(match {s} (")?;
                for (k, c) in cases.iter().enumerate() {
                    if k > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "({} {})", c.pattern, c.rhs)?;
                }
                f.write_str("))")
            }
        }
    }
}
