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

use super::signature::{Instance, Scheme, Signature, SortId};
use super::source_map::Span;
use super::tables::{self, TableError};
use super::theory::{Axiom, Formula, Term, Theory, Var};

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
    fn term(
        sig: &Signature,
        t: &Term,
        out: &mut Vec<String>,
        sort: &mut dyn FnMut(SortId, &mut Vec<String>),
    ) {
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
    /// need: the families' constructors at them, every operator scheme at every
    /// assignment of its params to concrete sorts of the tables under which its argument
    /// and result sorts are all in the tables, and every axiom scheme at every such
    /// assignment whose instances' operators exist (`app_nil[N]`, `instance: Some(..)`).
    /// Sorts deeper than [`MAX_SORT_DEPTH`] or more than [`MAX_INSTANCES`] instances of
    /// one scheme are an error. Ids of the original tables never change.
    pub fn instantiate(&self, sorts: &[SortExpr]) -> Result<Theory, InstantiateError> {
        let mut t = self.clone();
        let sig = t.signature_mut();
        for s in sorts {
            if tables::depth(s) > MAX_SORT_DEPTH {
                return Err(InstantiateError::Limit(format!(
                    "sort `{s}` is deeper than {MAX_SORT_DEPTH}"
                )));
            }
            tables::ensure(sig, s, Span::default()).map_err(|e| match e {
                TableError::TooDeep(_) => InstantiateError::Limit(e.to_string()),
                _ => InstantiateError::UnknownSort(s.to_string()),
            })?;
        }
        close(sig)?;
        Ok(t)
    }
}

/// The deepest sort [`Theory::instantiate`] assigns to a scheme's parameter.
pub const MAX_SORT_DEPTH: usize = 3;

/// The most instances of one scheme [`Theory::instantiate`] creates.
pub const MAX_INSTANCES: usize = 64;

/// The sorts of the tables at most [`MAX_SORT_DEPTH`] deep, sort variables included: a
/// sort variable is rigid in a theory, so `ite` at `List('a)` is an instance like any
/// other (a recursive definition over `List('a)` needs `ite_false` there).
fn concrete(sig: &Signature) -> Vec<SortId> {
    (0..sig.sorts.len())
        .map(|i| SortId(i as u32))
        .filter(|&id| tables::depth(&sig.sort_expr(id)) <= MAX_SORT_DEPTH)
        .collect()
}

/// Every assignment of `n` parameters to `sorts` (lexicographic in `sorts`' order).
fn assignments(n: usize, sorts: &[SortId]) -> Vec<Vec<SortId>> {
    let mut out = vec![Vec::new()];
    for _ in 0..n {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                sorts.iter().map(move |&s| {
                    let mut v = prefix.clone();
                    v.push(s);
                    v
                })
            })
            .collect();
    }
    out
}

/// Adds the operator and axiom scheme instances at the concrete sorts of the tables
/// (see [`Theory::instantiate`]).
pub(crate) fn close(sig: &mut Signature) -> Result<(), InstantiateError> {
    let sorts = concrete(sig);
    for scheme in sig.op_schemes.clone() {
        let Some(generic) = sig.generic_op(&scheme.name) else {
            continue;
        };
        let names: Vec<String> = scheme
            .params
            .iter()
            .map(|p| sig.sort(*p).name.clone())
            .collect();
        let g = sig.op(generic).clone();
        for args in assignments(scheme.params.len(), &sorts) {
            let map: Vec<(String, SortExpr)> = names
                .iter()
                .cloned()
                .zip(args.iter().map(|a| sig.sort_expr(*a)))
                .collect();
            let fits = g.args.iter().chain([&g.result]).all(|s| {
                sig.find_sort(&tables::substitute(&sig.sort_expr(*s), &map))
                    .is_some()
            });
            if !fits || sig.find_op_instance(&scheme.name, &args).is_some() {
                continue;
            }
            let count = sig
                .operators
                .iter()
                .filter(|o| o.instance.as_ref().is_some_and(|i| i.scheme == scheme.name))
                .count();
            if count >= MAX_INSTANCES {
                return Err(InstantiateError::Limit(format!(
                    "more than {MAX_INSTANCES} instances of `{}`",
                    scheme.name
                )));
            }
            tables::op_instance(sig, &scheme.name, &args, Span::default())
                .map_err(|e| InstantiateError::Limit(e.to_string()))?;
        }
    }
    for scheme in sig.axiom_schemes.clone() {
        let Some(generic) = sig
            .axioms
            .iter()
            .find(|a| a.name == scheme.name && a.instance.is_none())
            .cloned()
        else {
            continue;
        };
        let mut made = 0;
        for args in assignments(scheme.params.len(), &sorts) {
            let exists = sig.axioms.iter().any(|a| {
                a.instance
                    .as_ref()
                    .is_some_and(|i| i.scheme == scheme.name && i.args == args)
            });
            if exists || args == scheme.params {
                continue;
            }
            let map: Vec<(SortId, SortId)> = scheme
                .params
                .iter()
                .copied()
                .zip(args.iter().copied())
                .collect();
            let Some(formula) = Subst { sig, map: &map }.formula(&generic.formula) else {
                continue;
            };
            made += 1;
            if made > MAX_INSTANCES {
                return Err(InstantiateError::Limit(format!(
                    "more than {MAX_INSTANCES} instances of `{}`",
                    scheme.name
                )));
            }
            sig.axioms.push(Axiom {
                name: tables::instance_name(sig, &scheme.name, &args),
                formula,
                span: generic.span,
                instance: Some(Instance {
                    scheme: scheme.name.clone(),
                    args,
                }),
            });
        }
    }
    Ok(())
}

/// A formula's sorts (and so its operator instances) under an assignment of sort
/// variables; `None` when a sort or an instance is not in the tables.
struct Subst<'a> {
    sig: &'a Signature,
    map: &'a [(SortId, SortId)],
}

impl Subst<'_> {
    fn sort(&self, s: SortId) -> Option<SortId> {
        let map: Vec<(String, SortExpr)> = self
            .map
            .iter()
            .map(|(p, a)| (self.sig.sort(*p).name.clone(), self.sig.sort_expr(*a)))
            .collect();
        self.sig
            .find_sort(&tables::substitute(&self.sig.sort_expr(s), &map))
    }

    fn term(&self, t: &Term) -> Option<Term> {
        Some(match t {
            Term::Var(v) => Term::Var(Var {
                name: v.name,
                sort: self.sort(v.sort)?,
            }),
            Term::App(o, args) => {
                let op = self.sig.op(*o);
                let id = match &op.instance {
                    None => *o,
                    Some(i) => {
                        let args: Option<Vec<SortId>> =
                            i.args.iter().map(|a| self.sort(*a)).collect();
                        self.sig.find_op_instance(&i.scheme, &args?)?
                    }
                };
                Term::App(
                    id,
                    args.iter().map(|a| self.term(a)).collect::<Option<_>>()?,
                )
            }
        })
    }

    fn formula(&self, f: &Formula) -> Option<Formula> {
        Some(match f {
            Formula::Eq(l, r) => Formula::Eq(self.term(l)?, self.term(r)?),
            Formula::Atom(p, args) => Formula::Atom(
                *p,
                args.iter().map(|a| self.term(a)).collect::<Option<_>>()?,
            ),
            Formula::Not(x) => Formula::Not(Box::new(self.formula(x)?)),
            Formula::And(xs) => {
                Formula::And(xs.iter().map(|x| self.formula(x)).collect::<Option<_>>()?)
            }
            Formula::Implies(a, b) => {
                Formula::Implies(Box::new(self.formula(a)?), Box::new(self.formula(b)?))
            }
            Formula::Forall(vs, x) => Formula::Forall(
                vs.iter()
                    .map(|v| {
                        Some(Var {
                            name: v.name,
                            sort: self.sort(v.sort)?,
                        })
                    })
                    .collect::<Option<_>>()?,
                Box::new(self.formula(x)?),
            ),
        })
    }
}
