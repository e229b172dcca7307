//! Monomorphisation: a theory's tables extended with the instances some sorts need
//! (`docs/logic.md`, section 2).
//!
//! Invariants:
//! - existing ids never change: new sorts, operators and axioms are appended, so terms
//!   and formulas of the original theory stay valid in the instantiated one;
//! - the result is a function of the theory and the requested sorts only (declaration
//!   order, then request order), so instantiation is deterministic;
//! - a [`SortExpr`] names a sort structurally, independently of any table: it is how a
//!   goal, a certificate or a caller asks for a sort.
//!
//! ```
//! use ergo::mpl::SortExpr;
//! let theory = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N);",
//! ).unwrap();
//! let n = SortExpr::Name("N".into());
//! assert_eq!(theory.sort_id_of(&n), theory.sort_by_name("N"));
//! assert_eq!(theory.sort_expr(theory.sort_by_name("N").unwrap()), n);
//! ```

use std::fmt;

use super::signature::{Scheme, Signature, SortId};
use super::tables;
use super::theory::{Formula, Term, Theory};

/// A sort written structurally: `N`, `'a`, `List(N)`, `'a -> Bool`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SortExpr {
    /// A sort without parameters, or a sort variable (whose name starts with `'`).
    Name(String),
    /// A parametric family applied to its arguments.
    App(String, Vec<SortExpr>),
    /// A function sort.
    Fun(Box<SortExpr>, Box<SortExpr>),
}

impl fmt::Display for SortExpr {
    /// The MPL display form, the one [`super::Sort::name`] uses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SortExpr::Name(n) => f.write_str(n),
            SortExpr::App(n, args) => {
                write!(f, "{n}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
            SortExpr::Fun(a, b) => match **a {
                SortExpr::Fun(..) => write!(f, "({a}) -> {b}"),
                _ => write!(f, "{a} -> {b}"),
            },
        }
    }
}

/// Why a theory could not be instantiated at the requested sorts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InstantiateError {
    /// A requested sort names no sort or family of the theory, or applies a family to the
    /// wrong number of arguments.
    #[error("unknown sort `{0}`")]
    UnknownSort(String),
    /// The bounds of `docs/logic.md` (sort depth, instances per scheme) were reached.
    #[error("instantiation limit reached: {0}")]
    Limit(String),
}

/// The sort variables of a formula's sorts (binders and every subterm's operator
/// sorts), in order of first occurrence.
pub(crate) fn formula_vars(sig: &Signature, f: &Formula, out: &mut Vec<String>) {
    let mut sort = |s: SortId, out: &mut Vec<String>| tables::vars_into(&sig.sort_expr(s), out);
    fn term(sig: &Signature, t: &Term, out: &mut Vec<String>, sort: &mut dyn FnMut(SortId, &mut Vec<String>)) {
        match t {
            Term::Var(v) => sort(v.sort, out),
            Term::App(o, args) => {
                let op = sig.op(*o);
                for a in &op.args {
                    sort(*a, out);
                }
                sort(op.result, out);
                args.iter().for_each(|a| term(sig, a, out, sort));
            }
        }
    }
    match f {
        Formula::Eq(l, r) => {
            term(sig, l, out, &mut sort);
            term(sig, r, out, &mut sort);
        }
        Formula::Atom(_, args) => args.iter().for_each(|a| term(sig, a, out, &mut sort)),
        Formula::Not(x) => formula_vars(sig, x, out),
        Formula::And(xs) => xs.iter().for_each(|x| formula_vars(sig, x, out)),
        Formula::Implies(a, b) => {
            formula_vars(sig, a, out);
            formula_vars(sig, b, out);
        }
        Formula::Forall(vs, x) => {
            vs.iter().for_each(|v| sort(v.sort, out));
            formula_vars(sig, x, out);
        }
    }
}

/// Fills `Signature::axiom_schemes`: one scheme per axiom whose formula mentions sort
/// variables (params in order of first occurrence), in axiom order.
pub(crate) fn record_axiom_schemes(sig: &mut Signature) {
    let mut schemes = Vec::new();
    for a in &sig.axioms {
        if a.instance.is_some() {
            continue;
        }
        let mut vars = Vec::new();
        formula_vars(sig, &a.formula, &mut vars);
        if vars.is_empty() {
            continue;
        }
        schemes.push(Scheme {
            name: a.name.clone(),
            params: vars.iter().filter_map(|v| sig.sort_by_name(v)).collect(),
        });
    }
    sig.axiom_schemes = schemes;
}

impl Theory {
    /// The id of a sort of the tables, if it is there.
    pub fn sort_id_of(&self, s: &SortExpr) -> Option<SortId> {
        (0..self.sorts.len())
            .map(|i| SortId(i as u32))
            .find(|&id| self.sort_expr(id) == *s)
    }

    /// The structural form of a sort of the tables.
    pub fn sort_expr(&self, id: SortId) -> SortExpr {
        self.signature().sort_expr(id)
    }

    /// This theory with its tables extended by the given sorts and the instances they
    /// need (family constructors, operator schemes, axiom schemes).
    ///
    /// Seam for issue 12: for now only sorts already in the tables are accepted.
    pub fn instantiate(&self, sorts: &[SortExpr]) -> Result<Theory, InstantiateError> {
        for s in sorts {
            if self.sort_id_of(s).is_none() {
                return Err(InstantiateError::UnknownSort(s.to_string()));
            }
        }
        Ok(self.clone())
    }
}
