//! First-order terms, positions, substitution, and equations used as rewrite rules.
//!
//! Invariants:
//! - A [`Term`] is either a variable or an operator applied to its arguments (a constant is
//!   an application to no arguments). Whether a symbol is a variable is decided once, when
//!   the term is parsed against a scope (see `signature.rs`); terms built here are never
//!   re-interpreted.
//! - Terms have no binders, so substitution cannot capture.
//! - Positions are paths of 0-based argument indices from the root; looking up or replacing
//!   at a position that does not exist returns `None`, never panics.
//! - `Display` prints the canonical s-expression (spec section 4).

use std::collections::BTreeMap;
use std::fmt;

/// A first-order term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A variable (a rigid variable of a goal or a variable of a rule).
    Var(String),
    /// An operator applied to arguments (none for a constant).
    App(String, Vec<Term>),
}

impl Term {
    /// The subterm at `pos`, if that position exists.
    pub fn at(&self, pos: &[usize]) -> Option<&Term> {
        let mut term = self;
        for &i in pos {
            term = match term {
                Term::App(_, args) => args.get(i)?,
                Term::Var(_) => return None,
            };
        }
        Some(term)
    }

    /// A copy of the term with the subterm at `pos` replaced by `new`, if `pos` exists.
    pub fn replace_at(&self, pos: &[usize], new: Term) -> Option<Term> {
        let mut out = self.clone();
        let mut slot = &mut out;
        for &i in pos {
            slot = match slot {
                Term::App(_, args) => args.get_mut(i)?,
                Term::Var(_) => return None,
            };
        }
        *slot = new;
        Some(out)
    }

    /// The term with every variable bound in `map` replaced by its value (simultaneously).
    pub fn subst(&self, map: &BTreeMap<String, Term>) -> Term {
        match self {
            Term::Var(v) => map.get(v).cloned().unwrap_or_else(|| self.clone()),
            Term::App(f, args) => Term::App(f.clone(), args.iter().map(|a| a.subst(map)).collect()),
        }
    }

    /// Whether the variable `var` occurs in the term.
    pub fn has_var(&self, var: &str) -> bool {
        match self {
            Term::Var(v) => v == var,
            Term::App(_, args) => args.iter().any(|a| a.has_var(var)),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Var(v) => f.write_str(v),
            Term::App(op, args) if args.is_empty() => f.write_str(op),
            Term::App(op, args) => {
                write!(f, "({op}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// An equation `forall vars. lhs = rhs`, usable as a rewrite rule in both directions.
///
/// `vars` (name and sort, in binder order) are the rule's variables; any other variable in
/// `lhs` or `rhs` is a rigid variable of the context the equation lives in (only
/// hypotheses have those; axioms and theorems are closed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    /// The rule variables with their sorts.
    pub vars: Vec<(String, String)>,
    /// The left side.
    pub lhs: Term,
    /// The right side.
    pub rhs: Term,
}

impl Equation {
    /// Whether `var` occurs free (as a rigid variable, not a rule variable) in the equation.
    pub fn mentions_free(&self, var: &str) -> bool {
        !self.vars.iter().any(|(v, _)| v == var) && (self.lhs.has_var(var) || self.rhs.has_var(var))
    }
}

impl fmt::Display for Equation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.vars.is_empty() {
            return write!(f, "(= {} {})", self.lhs, self.rhs);
        }
        f.write_str("(forall (")?;
        for (i, (v, s)) in self.vars.iter().enumerate() {
            let sep = if i > 0 { " " } else { "" };
            write!(f, "{sep}({v} {s})")?;
        }
        write!(f, ") (= {} {}))", self.lhs, self.rhs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str) -> Term {
        Term::Var(name.into())
    }
    fn app(op: &str, args: Vec<Term>) -> Term {
        Term::App(op.into(), args)
    }
    fn zero() -> Term {
        app("0", vec![])
    }

    /// (+ x (s 0))
    fn sample() -> Term {
        app("+", vec![v("x"), app("s", vec![zero()])])
    }

    #[test]
    fn prints_canonically() {
        assert_eq!(sample().to_string(), "(+ x (s 0))");
        assert_eq!(zero().to_string(), "0");
    }

    #[test]
    fn positions() {
        let t = sample();
        assert_eq!(t.at(&[]), Some(&t));
        assert_eq!(t.at(&[0]), Some(&v("x")));
        assert_eq!(t.at(&[1, 0]), Some(&zero()));
        assert_eq!(t.at(&[2]), None);
        assert_eq!(t.at(&[0, 0]), None);
        assert_eq!(t.at(&[1, 0, 0]), None);
        assert_eq!(t.at(&[usize::MAX]), None);
    }

    #[test]
    fn replace_at_positions() {
        let t = sample();
        assert_eq!(
            t.replace_at(&[1, 0], v("y")).unwrap().to_string(),
            "(+ x (s y))"
        );
        assert_eq!(t.replace_at(&[], zero()).unwrap(), zero());
        assert_eq!(t.replace_at(&[0, 1], zero()), None);
        assert_eq!(t.replace_at(&[5], zero()), None);
    }

    #[test]
    fn substitution_is_simultaneous() {
        let t = app("+", vec![v("a"), v("b")]);
        let map = BTreeMap::from([("a".to_string(), v("b")), ("b".to_string(), v("a"))]);
        assert_eq!(t.subst(&map).to_string(), "(+ b a)");
        assert!(t.has_var("a") && !t.has_var("c"));
    }

    #[test]
    fn free_mentions_ignore_rule_variables() {
        let eq = Equation {
            vars: vec![("y".into(), "N".into())],
            lhs: app("+", vec![v("n"), v("y")]),
            rhs: app("+", vec![v("y"), v("n")]),
        };
        assert!(eq.mentions_free("n"));
        assert!(!eq.mentions_free("y"));
        assert!(!eq.mentions_free("z"));
        assert_eq!(eq.to_string(), "(forall ((y N)) (= (+ n y) (+ y n)))");
    }
}
