//! Variables, well-sorted terms and formulas over a [`super::Signature`].
//!
//! Invariants (established by the resolver): an application has exactly its operator's
//! arity and each argument the declared argument sort; a [`Var`] carries its sort; a
//! formula's free variables are exactly those bound by an enclosing [`Formula::Forall`].

use std::fmt;

use super::signature::{Name, OpId, PredId, SortId};
use super::source_map::Span;
use super::theory::Theory;

/// A variable with its sort.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Var {
    /// Its interned name.
    pub name: Name,
    /// Its sort.
    pub sort: SortId,
}

/// A well-sorted term.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Term {
    /// A variable.
    Var(Var),
    /// An operator applied to exactly its arity of arguments.
    App(OpId, Vec<Term>),
}

impl Term {
    /// Number of symbols (operators and variables).
    pub fn size(&self) -> usize {
        match self {
            Term::Var(_) => 1,
            Term::App(_, args) => 1 + args.iter().map(Term::size).sum::<usize>(),
        }
    }

    /// Whether variable `v` occurs in the term.
    pub fn occurs(&self, v: &Var) -> bool {
        match self {
            Term::Var(w) => w == v,
            Term::App(_, args) => args.iter().any(|a| a.occurs(v)),
        }
    }

    /// The term with every occurrence of variable `v` replaced by `by`.
    pub fn substitute(&self, v: &Var, by: &Term) -> Term {
        match self {
            Term::Var(w) if w == v => by.clone(),
            Term::Var(_) => self.clone(),
            Term::App(f, args) => Term::App(*f, args.iter().map(|a| a.substitute(v, by)).collect()),
        }
    }

    /// The term with its variables renamed by `map` (variables not in it unchanged).
    pub fn rename(&self, map: &[(Var, Var)]) -> Term {
        match self {
            Term::Var(v) => Term::Var(map.iter().find(|(a, _)| a == v).map_or(*v, |(_, b)| *b)),
            Term::App(f, args) => Term::App(*f, args.iter().map(|a| a.rename(map)).collect()),
        }
    }

    /// Appends the variables of the term not yet in `out`, in order of first occurrence.
    pub fn vars_into(&self, out: &mut Vec<Var>) {
        match self {
            Term::Var(v) if !out.contains(v) => out.push(*v),
            Term::Var(_) => {}
            Term::App(_, args) => args.iter().for_each(|a| a.vars_into(out)),
        }
    }

    /// Adds the operators of the term (constants included) to `out`.
    pub fn operators_into(&self, out: &mut std::collections::BTreeSet<OpId>) {
        if let Term::App(f, args) = self {
            out.insert(*f);
            args.iter().for_each(|a| a.operators_into(out));
        }
    }
}

/// A formula of the MPL dialect.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Formula {
    /// `(=[t,u])`.
    Eq(Term, Term),
    /// `(name[t1,...])`: only while the files are resolved; a resolved theory reads
    /// atoms as equations `name(t1, ...) = ⊤` (see [`super::predicate`]).
    Atom(PredId, Vec<Term>),
    /// `!A`.
    Not(Box<Formula>),
    /// `(&A B ...)`, two or more operands.
    And(Vec<Formula>),
    /// The premise/conclusion pair of `(>[..] A B)`.
    Implies(Box<Formula>, Box<Formula>),
    /// `(>[x,y] ...)`: the variables, then the body.
    Forall(Vec<Var>, Box<Formula>),
}

/// A named axiom.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Axiom {
    /// Its name.
    pub name: String,
    /// A closed formula.
    pub formula: Formula,
    /// Where it was declared.
    pub span: Span,
    /// For an instance of an axiom scheme at sorts other than its parameters: the scheme
    /// and the sort arguments; `None` otherwise (monomorphic or generic).
    #[serde(default)]
    pub instance: Option<super::signature::Instance>,
}

/// A named conjecture: a closed formula to be proved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conjecture {
    /// Its name.
    pub name: String,
    /// A closed formula (free variables already quantified).
    pub formula: Formula,
    /// Where it was declared.
    pub span: Span,
}

/// Displays a term in prefix s-expression form, e.g. `(+ x (s y))`; the certificate and
/// e-graph notation.
pub struct SExpr<'a>(pub &'a Theory, pub &'a Term);

impl fmt::Display for SExpr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Term::Var(v) => f.write_str(self.0.name(v.name)),
            Term::App(op, args) if args.is_empty() => f.write_str(&self.0.op(*op).name),
            Term::App(op, args) => {
                write!(f, "({}", self.0.op(*op).name)?;
                for a in args {
                    write!(f, " {}", SExpr(self.0, a))?;
                }
                f.write_str(")")
            }
        }
    }
}
