//! Sort expressions (spec section 4, version 3): `N`, `(List N)`, `(List 'a)`,
//! `(-> 'a Bool)`.
//!
//! Invariants:
//! - A [`Sort`] is a declared sort applied to arguments (none for a plain sort), a sort
//!   variable `'a`, or a function sort. Whether a sort is well formed (declared, applied
//!   to as many arguments as it has parameters, its variables in scope) is decided once,
//!   when it is read against the signature (`signature.rs`); sorts built here are never
//!   re-interpreted.
//! - Sorts compare structurally; [`Sort`]'s `Display` is the canonical print, injective,
//!   so two sorts are equal iff they print the same.
//! - A sort read from a certificate has at most [`crate::limits::MAX_SORT_SIZE`] nodes.
//!   Sorts are only ever instantiated once (a cited clause's sorts, read from its own
//!   text, at sorts read from the citation), so every sort the kernel builds has at most
//!   `MAX_SORT_SIZE²` nodes.
//!
//! Example: `(List 'a)` with `'a ↦ (-> N Bool)` is `(List (-> N Bool))`; its size is 4.

use std::collections::BTreeMap;
use std::fmt;

/// The reserved symbol of function sorts.
pub const ARROW: &str = "->";

/// A sort expression.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sort {
    /// A declared sort applied to its arguments (none for a plain sort).
    Named(String, Vec<Sort>),
    /// A sort variable `'a`: a parameter in scope, rigid.
    Var(String),
    /// A function sort `(-> from to)`.
    Fun(Box<Sort>, Box<Sort>),
}

/// Whether `name` can name a sort variable: `'` followed by a plain name.
pub fn is_sort_var(name: &str) -> bool {
    name.strip_prefix('\'')
        .is_some_and(crate::sexp::is_plain_name)
}

impl Sort {
    /// The plain sort `name`.
    pub fn plain(name: impl Into<String>) -> Sort {
        Sort::Named(name.into(), Vec::new())
    }

    /// The number of nodes (a name, a variable and an arrow count one each).
    pub fn size(&self) -> u64 {
        match self {
            Sort::Named(_, args) => args.iter().fold(1, |n, a| n.saturating_add(a.size())),
            Sort::Var(_) => 1,
            Sort::Fun(a, b) => 1u64.saturating_add(a.size()).saturating_add(b.size()),
        }
    }

    /// Whether a sort variable occurs in the sort.
    pub fn has_vars(&self) -> bool {
        match self {
            Sort::Named(_, args) => args.iter().any(Sort::has_vars),
            Sort::Var(_) => true,
            Sort::Fun(a, b) => a.has_vars() || b.has_vars(),
        }
    }

    /// The sort with every variable bound in `map` replaced by its value (simultaneously).
    pub fn subst(&self, map: &BTreeMap<String, Sort>) -> Sort {
        match self {
            Sort::Named(n, args) => {
                Sort::Named(n.clone(), args.iter().map(|a| a.subst(map)).collect())
            }
            Sort::Var(v) => map.get(v).cloned().unwrap_or_else(|| self.clone()),
            Sort::Fun(a, b) => Sort::Fun(Box::new(a.subst(map)), Box::new(b.subst(map))),
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sort::Named(n, args) if args.is_empty() => f.write_str(n),
            Sort::Named(n, args) => {
                write!(f, "({n}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
            Sort::Var(v) => f.write_str(v),
            Sort::Fun(a, b) => write!(f, "({ARROW} {a} {b})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_substitutes_and_measures() {
        let list = |s| Sort::Named("List".into(), vec![s]);
        let a = Sort::Var("'a".into());
        let f = Sort::Fun(Box::new(Sort::plain("N")), Box::new(Sort::plain("Bool")));
        assert_eq!(list(a.clone()).to_string(), "(List 'a)");
        assert_eq!(f.to_string(), "(-> N Bool)");
        let map = BTreeMap::from([("'a".to_string(), f)]);
        let inst = list(a).subst(&map);
        assert_eq!(inst.to_string(), "(List (-> N Bool))");
        assert_eq!(inst.size(), 4);
        assert!(!inst.has_vars());
        assert!(is_sort_var("'a") && is_sort_var("'elem_1"));
        assert!(!is_sort_var("'") && !is_sort_var("a") && !is_sort_var("'(a"));
    }
}
