//! The monomorphic tables of a polymorphic theory: finding and creating sorts and
//! instances by their structure (`docs/logic.md`, section 2).
//!
//! Invariants:
//! - a sort of the tables is found by its structure ([`SortExpr`]), and is created at
//!   most once: `'a` once per name (shape `Param`), `List(N)` once (shape `Instance`,
//!   with the instances of the family's constructors, created with it), `'a -> Bool`
//!   once (shape `Function`); its name is the expression's display form;
//! - an operator instance is created at most once per scheme and sort arguments; its
//!   internal name is `scheme[A, B]` with the arguments' display forms (`cons[N]`,
//!   `cons['a]`, `@['a, 'b]`), its `instance` the scheme and the arguments, its sorts the
//!   generic instance's with the scheme's parameters replaced;
//! - everything is appended: no existing id changes;
//! - sorts nest at most [`MAX_DEPTH`] deep here (a family whose constructors would need
//!   ever deeper instances is reported, not followed forever).
//!
//! ```
//! use ergo::mpl::SortExpr;
//! let theory = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); inductive List('a) = nil | cons('a, List('a));",
//! ).unwrap();
//! let list_n = SortExpr::App("List".into(), vec![SortExpr::Name("N".into())]);
//! let t = theory.instantiate(&[list_n.clone()]).unwrap();
//! let id = t.sort_id_of(&list_n).unwrap();
//! assert_eq!(t.sort(id).name, "List(N)");
//! assert_eq!(t.op(t.sort(id).constructors[1]).name, "cons[N]");
//! ```

use super::instantiate::SortExpr;
use super::signature::{Instance, OpId, Operator, Scheme, Signature, Sort, SortId, SortShape};
use super::source_map::Span;

/// The deepest sort the tables create on demand.
pub(crate) const MAX_DEPTH: usize = 8;

/// Why a sort or an instance cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TableError {
    /// No sort, sort variable or family of this name.
    UnknownSort(String),
    /// A family applied to the wrong number of arguments (name, wanted, got).
    SortArity(String, usize, usize),
    /// Deeper than [`MAX_DEPTH`].
    TooDeep(String),
    /// No scheme of this name.
    UnknownScheme(String),
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableError::UnknownSort(s) => write!(f, "unknown sort `{s}`"),
            TableError::SortArity(s, want, got) => {
                write!(f, "sort `{s}` takes {want} sort arguments, {got} given")
            }
            TableError::TooDeep(s) => write!(f, "sort `{s}` is nested too deeply"),
            TableError::UnknownScheme(s) => write!(f, "unknown operator scheme `{s}`"),
        }
    }
}

/// How deep a sort expression nests (`N` is 1, `List(N)` 2, `'a -> List(N)` 3).
pub(crate) fn depth(e: &SortExpr) -> usize {
    match e {
        SortExpr::Name(_) => 1,
        SortExpr::App(_, args) => 1 + args.iter().map(depth).max().unwrap_or(0),
        SortExpr::Fun(a, b) => 1 + depth(a).max(depth(b)),
    }
}

/// The sort variables of a sort expression, appended in order of first occurrence.
pub(crate) fn vars_into(e: &SortExpr, out: &mut Vec<String>) {
    match e {
        SortExpr::Name(n) if n.starts_with('\'') => {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
        SortExpr::Name(_) => {}
        SortExpr::App(_, args) => args.iter().for_each(|a| vars_into(a, out)),
        SortExpr::Fun(a, b) => {
            vars_into(a, out);
            vars_into(b, out);
        }
    }
}

/// A sort expression with sort variables replaced by `map` (others unchanged).
pub(crate) fn substitute(e: &SortExpr, map: &[(String, SortExpr)]) -> SortExpr {
    match e {
        SortExpr::Name(n) => map
            .iter()
            .find(|(v, _)| v == n)
            .map_or_else(|| e.clone(), |(_, by)| by.clone()),
        SortExpr::App(f, args) => {
            SortExpr::App(f.clone(), args.iter().map(|a| substitute(a, map)).collect())
        }
        SortExpr::Fun(a, b) => {
            SortExpr::Fun(Box::new(substitute(a, map)), Box::new(substitute(b, map)))
        }
    }
}

impl Signature {
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

    /// The id of a sort of the tables, found by its structure.
    pub fn find_sort(&self, e: &SortExpr) -> Option<SortId> {
        match e {
            SortExpr::Name(n) => self.sort_by_name(n),
            SortExpr::App(f, args) => {
                let ids: Option<Vec<SortId>> = args.iter().map(|a| self.find_sort(a)).collect();
                let ids = ids?;
                self.sorts
                    .iter()
                    .position(|s| {
                        matches!(&s.shape, SortShape::Instance { family, args }
                            if family == f && *args == ids)
                    })
                    .map(|i| SortId(i as u32))
            }
            SortExpr::Fun(a, b) => {
                let (a, b) = (self.find_sort(a)?, self.find_sort(b)?);
                self.sorts
                    .iter()
                    .position(|s| s.shape == SortShape::Function { from: a, to: b })
                    .map(|i| SortId(i as u32))
            }
        }
    }

    /// The scheme of an operator name (`cons`, `@`, `lam.0`), if it is polymorphic.
    pub fn op_scheme(&self, name: &str) -> Option<&Scheme> {
        self.op_schemes.iter().find(|s| s.name == name)
    }

    /// The existing instance of an operator scheme at these sort arguments.
    pub fn find_op_instance(&self, scheme: &str, args: &[SortId]) -> Option<OpId> {
        self.operators
            .iter()
            .position(|o| {
                o.instance
                    .as_ref()
                    .is_some_and(|i| i.scheme == scheme && i.args == args)
            })
            .map(|i| OpId(i as u32))
    }

    /// The generic instance of an operator scheme (at its own parameters).
    pub fn generic_op(&self, scheme: &str) -> Option<OpId> {
        let params = self.op_scheme(scheme)?.params.clone();
        self.find_op_instance(scheme, &params)
    }

    /// The names of sort variables (`'a`, ...).
    fn param_names(&self, params: &[SortId]) -> Vec<String> {
        params.iter().map(|p| self.sort(*p).name.clone()).collect()
    }

    /// The name an operator is shown by: its scheme's for an instance, else its own.
    pub fn op_shown(&self, id: OpId) -> &str {
        let op = self.op(id);
        op.instance.as_ref().map_or(&op.name, |i| &i.scheme)
    }
}

/// The sort variable `name` (`'a`), created (shape `Param`) if absent.
pub(crate) fn param(sig: &mut Signature, name: &str, span: Span) -> SortId {
    if let Some(id) = sig.sort_by_name(name) {
        return id;
    }
    sig.sorts.push(Sort {
        name: name.to_string(),
        constructors: Vec::new(),
        span,
        shape: SortShape::Param,
    });
    SortId(sig.sorts.len() as u32 - 1)
}

/// The sort of this structure, created with what it needs if absent.
pub(crate) fn ensure(sig: &mut Signature, e: &SortExpr, span: Span) -> Result<SortId, TableError> {
    if depth(e) > MAX_DEPTH {
        return Err(TableError::TooDeep(e.to_string()));
    }
    if let Some(id) = sig.find_sort(e) {
        return Ok(id);
    }
    match e {
        SortExpr::Name(n) if n.starts_with('\'') => Ok(param(sig, n, span)),
        SortExpr::Name(n) => Err(TableError::UnknownSort(n.clone())),
        SortExpr::Fun(a, b) => {
            let from = ensure(sig, a, span)?;
            let to = ensure(sig, b, span)?;
            sig.sorts.push(Sort {
                name: e.to_string(),
                constructors: Vec::new(),
                span,
                shape: SortShape::Function { from, to },
            });
            Ok(SortId(sig.sorts.len() as u32 - 1))
        }
        SortExpr::App(f, args) => {
            let Some(fam) = sig.families.iter().find(|x| &x.name == f).cloned() else {
                return Err(TableError::UnknownSort(f.clone()));
            };
            if fam.params.len() != args.len() {
                return Err(TableError::SortArity(
                    f.clone(),
                    fam.params.len(),
                    args.len(),
                ));
            }
            let mut ids = Vec::new();
            for a in args {
                ids.push(ensure(sig, a, span)?);
            }
            if let Some(id) = sig.find_sort(e) {
                return Ok(id);
            }
            sig.sorts.push(Sort {
                name: e.to_string(),
                constructors: Vec::new(),
                span: fam.span,
                shape: SortShape::Instance {
                    family: f.clone(),
                    args: ids.clone(),
                },
            });
            let id = SortId(sig.sorts.len() as u32 - 1);
            let generic = sig.sort(fam.generic).constructors.clone();
            for c in generic {
                let op = make_instance(sig, c, &ids, span)?;
                sig.sorts[id.0 as usize].constructors.push(op);
            }
            Ok(id)
        }
    }
}

/// The instance of operator scheme `scheme` at `args`, created if absent.
pub(crate) fn op_instance(
    sig: &mut Signature,
    scheme: &str,
    args: &[SortId],
    span: Span,
) -> Result<OpId, TableError> {
    if let Some(id) = sig.find_op_instance(scheme, args) {
        return Ok(id);
    }
    let generic = sig
        .generic_op(scheme)
        .ok_or_else(|| TableError::UnknownScheme(scheme.to_string()))?;
    if sig.op(generic).constructor {
        // The result sort's instance creates its constructors.
        let params = sig
            .op_scheme(scheme)
            .map(|s| s.params.clone())
            .unwrap_or_default();
        let map = mapping(sig, &params, args);
        let result = substitute(&sig.sort_expr(sig.op(generic).result), &map);
        ensure(sig, &result, span)?;
        return sig
            .find_op_instance(scheme, args)
            .ok_or_else(|| TableError::UnknownScheme(scheme.to_string()));
    }
    make_instance(sig, generic, args, span)
}

fn mapping(sig: &Signature, params: &[SortId], args: &[SortId]) -> Vec<(String, SortExpr)> {
    sig.param_names(params)
        .into_iter()
        .zip(args.iter().map(|a| sig.sort_expr(*a)))
        .collect()
}

/// Pushes the instance of the generic operator `generic` at `args` (no lookup first).
fn make_instance(
    sig: &mut Signature,
    generic: OpId,
    args: &[SortId],
    span: Span,
) -> Result<OpId, TableError> {
    let g = sig.op(generic).clone();
    let scheme = g
        .instance
        .as_ref()
        .map_or(g.name.clone(), |i| i.scheme.clone());
    let params = sig
        .op_scheme(&scheme)
        .map(|s| s.params.clone())
        .unwrap_or_default();
    let map = mapping(sig, &params, args);
    let arg_exprs: Vec<SortExpr> = g
        .args
        .iter()
        .map(|a| substitute(&sig.sort_expr(*a), &map))
        .collect();
    let result_expr = substitute(&sig.sort_expr(g.result), &map);
    let mut arg_ids = Vec::new();
    for a in &arg_exprs {
        arg_ids.push(ensure(sig, a, span)?);
    }
    let result = if g.constructor {
        sig.find_sort(&result_expr)
            .ok_or_else(|| TableError::UnknownSort(result_expr.to_string()))?
    } else {
        ensure(sig, &result_expr, span)?
    };
    if let Some(id) = sig.find_op_instance(&scheme, args) {
        return Ok(id);
    }
    sig.operators.push(Operator {
        name: instance_name(sig, &scheme, args),
        args: arg_ids,
        result,
        fixity: g.fixity,
        constructor: g.constructor,
        span: g.span,
        instance: Some(Instance {
            scheme,
            args: args.to_vec(),
        }),
    });
    Ok(OpId(sig.operators.len() as u32 - 1))
}

/// The internal name of an instance: `cons[N]`, `map['a, List(N)]`.
pub(crate) fn instance_name(sig: &Signature, scheme: &str, args: &[SortId]) -> String {
    let shown: Vec<String> = args.iter().map(|a| sig.sort(*a).name.clone()).collect();
    format!("{scheme}[{}]", shown.join(", "))
}
