//! The declarations of a TIP problem, resolved: sorts with their arities, datatypes with
//! their constructors and selectors, and every function symbol's polymorphic signature.
//!
//! Invariants:
//! - every name is declared once: sort names in [`Signature::sorts`], function,
//!   constructor and selector names together in [`Signature::symbols`];
//! - a [`Symbol`]'s sorts mention only its own [`Symbol::params`] as sort parameters;
//! - a constructor's result is its datatype applied to the datatype's parameters, in
//!   order; a selector takes that sort and returns its field's sort.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2",
//!     "(declare-datatype list (par (a) ((nil) (cons (head a) (tail (list a))))))").unwrap();
//! let cons = &p.signature.symbols["cons"];
//! assert_eq!(cons.params, vec!["a".to_string()]);
//! assert_eq!(cons.sort().to_string(), "(=> a (list a) (list a))");
//! assert_eq!(p.signature.sorts["list"].arity, 1);
//! ```

use std::collections::BTreeMap;

use super::Sort;
use crate::mpl::Span;

/// A sort name: a datatype or a declared (uninterpreted) sort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortInfo {
    /// How many sort arguments it takes.
    pub arity: usize,
    /// Whether it is a datatype (else a `declare-sort`).
    pub datatype: bool,
    /// Where it is declared.
    pub span: Span,
}

/// A constructor of a datatype.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constructor {
    /// Its name.
    pub name: String,
    /// Its fields: selector name and sort (over the datatype's parameters).
    pub fields: Vec<(String, Sort)>,
}

/// A datatype.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Datatype {
    /// Its name.
    pub name: String,
    /// Its sort parameters.
    pub params: Vec<String>,
    /// Its constructors, in declaration order.
    pub ctors: Vec<Constructor>,
}

/// What a function symbol is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// `declare-fun` / `declare-const`.
    Declared,
    /// `define-fun(s)(-rec)`.
    Defined,
    /// The constructor `index` of `datatype`.
    Constructor {
        /// The datatype.
        datatype: String,
        /// Its index among the datatype's constructors.
        index: usize,
    },
    /// The selector of field `field` of constructor `ctor` of `datatype`.
    Selector {
        /// The datatype.
        datatype: String,
        /// The constructor's index.
        ctor: usize,
        /// The field's index.
        field: usize,
    },
}

/// A function symbol's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// Its sort parameters (`par`).
    pub params: Vec<String>,
    /// Its argument sorts.
    pub args: Vec<Sort>,
    /// Its result sort.
    pub result: Sort,
    /// What it is.
    pub kind: SymbolKind,
    /// Where it is declared.
    pub span: Span,
}

impl Symbol {
    /// Its sort as one (curried) function sort, or the result sort for a constant.
    pub fn sort(&self) -> Sort {
        Sort::fun(self.args.clone(), self.result.clone())
    }
}

/// All declarations of a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    /// Sort names (not `Bool`).
    pub sorts: BTreeMap<String, SortInfo>,
    /// Datatypes by name.
    pub datatypes: BTreeMap<String, Datatype>,
    /// Functions, constructors and selectors by name.
    pub symbols: BTreeMap<String, Symbol>,
}

impl Signature {
    /// The datatype and constructor index of constructor `name`, if it is one.
    pub fn constructor(&self, name: &str) -> Option<(&Datatype, usize)> {
        match &self.symbols.get(name)?.kind {
            SymbolKind::Constructor { datatype, index } => {
                Some((self.datatypes.get(datatype)?, *index))
            }
            _ => None,
        }
    }
}
