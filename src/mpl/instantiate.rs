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

use super::signature::{SortId, SortShape};
use super::theory::Theory;

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

impl Theory {
    /// The id of a sort of the tables, if it is there.
    pub fn sort_id_of(&self, s: &SortExpr) -> Option<SortId> {
        (0..self.sorts.len())
            .map(|i| SortId(i as u32))
            .find(|&id| self.sort_expr(id) == *s)
    }

    /// The structural form of a sort of the tables.
    pub fn sort_expr(&self, id: SortId) -> SortExpr {
        let sort = self.sort(id);
        match &sort.shape {
            SortShape::Plain | SortShape::Param => SortExpr::Name(sort.name.clone()),
            SortShape::Instance { family, args } => SortExpr::App(
                family.clone(),
                args.iter().map(|&a| self.sort_expr(a)).collect(),
            ),
            SortShape::Function { from, to } => SortExpr::Fun(
                Box::new(self.sort_expr(*from)),
                Box::new(self.sort_expr(*to)),
            ),
        }
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
