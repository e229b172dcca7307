//! Sorts of TIP's type system, resolved: `Bool`, sort constructors applied, sort
//! parameters, function sorts, and the checker's unknowns.
//!
//! Invariants:
//! - function sorts are curried: `(=> a b c)` is `Fun(a, Fun(b, c))`, and a lambda with
//!   two binders has that sort, so `@` applies one argument at a time;
//! - [`Sort::Meta`] occurs only while a term is being checked; checked terms carry none;
//! - [`std::fmt::Display`] writes SMT-LIB/TIP syntax (`(list a)`, `(=> a Bool)`).
//!
//! ```
//! use ergo::tip::Sort;
//! let a = Sort::Param("a".into());
//! let s = Sort::fun(vec![a.clone()], Sort::Bool);
//! assert_eq!(s.to_string(), "(=> a Bool)");
//! assert_eq!(Sort::Con("list".into(), vec![a]).to_string(), "(list a)");
//! ```

use std::collections::BTreeMap;
use std::fmt;

/// A resolved sort.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sort {
    /// The built-in `Bool`.
    Bool,
    /// A datatype or declared sort applied to sorts.
    Con(String, Vec<Sort>),
    /// A sort parameter of the enclosing `par`.
    Param(String),
    /// A function sort `(=> A B)`.
    Fun(Box<Sort>, Box<Sort>),
    /// An unknown of the checker, solved by unification.
    Meta(u32),
}

impl Sort {
    /// The curried function sort from `args` to `result` (`result` itself if no args).
    pub fn fun(args: Vec<Sort>, result: Sort) -> Sort {
        args.into_iter()
            .rev()
            .fold(result, |acc, a| Sort::Fun(Box::new(a), Box::new(acc)))
    }

    /// Replaces sort parameters by the sorts `map` gives them (others are kept).
    pub fn subst(&self, map: &BTreeMap<String, Sort>) -> Sort {
        match self {
            Sort::Param(p) => map.get(p).cloned().unwrap_or_else(|| self.clone()),
            Sort::Con(c, args) => Sort::Con(c.clone(), args.iter().map(|a| a.subst(map)).collect()),
            Sort::Fun(a, b) => Sort::Fun(Box::new(a.subst(map)), Box::new(b.subst(map))),
            Sort::Bool | Sort::Meta(_) => self.clone(),
        }
    }

    /// Whether the sort contains a sort parameter.
    pub fn is_polymorphic(&self) -> bool {
        match self {
            Sort::Param(_) => true,
            Sort::Con(_, args) => args.iter().any(Sort::is_polymorphic),
            Sort::Fun(a, b) => a.is_polymorphic() || b.is_polymorphic(),
            Sort::Bool | Sort::Meta(_) => false,
        }
    }

    /// Whether the sort contains a function sort.
    pub fn has_function(&self) -> bool {
        match self {
            Sort::Fun(..) => true,
            Sort::Con(_, args) => args.iter().any(Sort::has_function),
            Sort::Bool | Sort::Meta(_) | Sort::Param(_) => false,
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sort::Bool => f.write_str("Bool"),
            Sort::Con(c, args) if args.is_empty() => f.write_str(c),
            Sort::Con(c, args) => {
                write!(f, "({c}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
            Sort::Param(p) => f.write_str(p),
            Sort::Fun(a, b) => {
                write!(f, "(=> {a}")?;
                let mut r: &Sort = b;
                while let Sort::Fun(x, y) = r {
                    write!(f, " {x}")?;
                    r = y;
                }
                write!(f, " {r})")
            }
            Sort::Meta(m) => write!(f, "?{m}"),
        }
    }
}
