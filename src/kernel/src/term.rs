//! First-order terms, positions and substitution.
//!
//! Invariants:
//! - A [`Term`] is either a variable or an operator applied to its arguments (a constant is
//!   an application to no arguments). Whether a symbol is a variable is decided once, when
//!   the term is parsed against a scope (see `signature.rs`); terms built here are never
//!   re-interpreted.
//! - Terms are immutable and *shared*: a term is a reference-counted node that caches its
//!   size (number of nodes of the tree it denotes), its depth and whether it is ground (has
//!   no variable). Substitution copies only the paths that lead to a variable and shares
//!   every ground subterm, so instantiating a large closed premise costs nothing, and the
//!   size of an instance is known *before* it is built ([`Term::subst_size`]):
//!   `size(t[σ]) = size(t) - occ(x) + occ(x)·size(σx)`, computed over the non-ground part
//!   only, with saturating arithmetic. Equality is structural, with a pointer and size
//!   check first.
//! - Terms have no binders, so substitution into a term cannot capture (clauses, which
//!   bind variables, are in `clause.rs`).
//! - Positions are paths of 0-based argument indices from the root; looking up or replacing
//!   at a position that does not exist returns `None`, never panics.
//! - `Display` prints the canonical s-expression (spec section 4): an instantiated
//!   operator as `(_ cons N)`, an application of a function-sorted term as `(@ f x)`.
//! - A term's heads may mention sort variables (`(_ nil 'a)`, in a clause with params);
//!   [`Term::subst_sorts`] instantiates them.
//!
//! Example: with `t = (+ x x)` (size 3) and `σ = {x ↦ (s 0)}` (size 2),
//! `t.subst_size(&σ) = 3 - 2 + 2·2 = 5`, the size of `(+ (s 0) (s 0))`.

use crate::sort::Sort;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// The head of an application: an operator, instantiated at sorts when it has parameters
/// (`(_ cons N)`; no sorts otherwise), or the application `@` of a function-sorted term.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Head {
    /// The operator's name (`@` for an application).
    pub name: String,
    /// The sorts given to its parameters, in order (none for an operator without).
    pub sorts: Vec<Sort>,
}

impl From<String> for Head {
    fn from(name: String) -> Head {
        Head {
            name,
            sorts: Vec::new(),
        }
    }
}

impl From<&str> for Head {
    fn from(name: &str) -> Head {
        Head::from(name.to_string())
    }
}

impl fmt::Display for Head {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sorts.is_empty() {
            return f.write_str(&self.name);
        }
        write!(f, "(_ {}", self.name)?;
        for s in &self.sorts {
            write!(f, " {s}")?;
        }
        f.write_str(")")
    }
}

/// The shape of a term's root.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// A variable (a rigid variable of a goal or a variable of a rule).
    Var(String),
    /// An operator applied to arguments (none for a constant).
    App(Head, Vec<Term>),
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    size: u64,
    depth: u32,
    ground: bool,
    /// Whether a sort variable occurs in a head's sorts.
    poly: bool,
}

/// A first-order term (shared, immutable).
#[derive(Debug, Clone)]
pub struct Term(Rc<Node>);

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
            || (self.0.size == other.0.size
                && self.0.depth == other.0.depth
                && self.0.kind == other.0.kind)
    }
}

impl Eq for Term {}

impl Term {
    /// The variable `name`.
    pub fn var(name: impl Into<String>) -> Term {
        Term(Rc::new(Node {
            kind: Kind::Var(name.into()),
            size: 1,
            depth: 1,
            ground: false,
            poly: false,
        }))
    }

    /// The operator `op` applied to `args`.
    pub fn app(op: impl Into<Head>, args: Vec<Term>) -> Term {
        let op = op.into();
        let size = args
            .iter()
            .fold(1u64, |acc, a| acc.saturating_add(a.0.size));
        let depth = 1 + args.iter().map(|a| a.0.depth).max().unwrap_or(0);
        let ground = args.iter().all(|a| a.0.ground);
        let poly = op.sorts.iter().any(Sort::has_vars) || args.iter().any(|a| a.0.poly);
        Term(Rc::new(Node {
            kind: Kind::App(op, args),
            size,
            depth,
            ground,
            poly,
        }))
    }

    /// The node's identity (its address): equal identities are the same shared node.
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// The root's shape.
    pub fn kind(&self) -> &Kind {
        &self.0.kind
    }

    /// The number of nodes of the term (as a tree; shared subterms count every time).
    pub fn size(&self) -> u64 {
        self.0.size
    }

    /// The length of the longest path from the root to a leaf (a leaf has depth 1).
    pub fn depth(&self) -> u32 {
        self.0.depth
    }

    /// The subterm at `pos`, if that position exists.
    pub fn at(&self, pos: &[usize]) -> Option<&Term> {
        let mut term = self;
        for &i in pos {
            term = match term.kind() {
                Kind::App(_, args) => args.get(i)?,
                Kind::Var(_) => return None,
            };
        }
        Some(term)
    }

    /// A copy of the term with the subterm at `pos` replaced by `new`, if `pos` exists.
    /// Only the path to `pos` is rebuilt.
    pub fn replace_at(&self, pos: &[usize], new: Term) -> Option<Term> {
        let Some((&i, rest)) = pos.split_first() else {
            return Some(new);
        };
        match self.kind() {
            Kind::App(op, args) => {
                let replaced = args.get(i)?.replace_at(rest, new)?;
                let mut args = args.clone();
                args[i] = replaced;
                Some(Term::app(op.clone(), args))
            }
            Kind::Var(_) => None,
        }
    }

    /// The size `self.subst(map)` will have, computed without building it (saturating).
    /// Visits only the non-ground part of the term.
    pub fn subst_size(&self, map: &BTreeMap<String, Term>) -> u64 {
        if self.0.ground {
            return self.0.size;
        }
        match self.kind() {
            Kind::Var(v) => map.get(v).map_or(1, Term::size),
            Kind::App(_, args) => args
                .iter()
                .fold(1u64, |acc, a| acc.saturating_add(a.subst_size(map))),
        }
    }

    /// The depth `self.subst(map)` will have, computed without building it.
    pub fn subst_depth(&self, map: &BTreeMap<String, Term>) -> u32 {
        if self.0.ground {
            return self.0.depth;
        }
        match self.kind() {
            Kind::Var(v) => map.get(v).map_or(1, Term::depth),
            Kind::App(_, args) => 1 + args.iter().map(|a| a.subst_depth(map)).max().unwrap_or(0),
        }
    }

    /// The term with every variable bound in `map` replaced by its value (simultaneously).
    /// Ground subterms are shared, not copied.
    pub fn subst(&self, map: &BTreeMap<String, Term>) -> Term {
        if self.0.ground {
            return self.clone();
        }
        match self.kind() {
            Kind::Var(v) => map.get(v).cloned().unwrap_or_else(|| self.clone()),
            Kind::App(f, args) => Term::app(f.clone(), args.iter().map(|a| a.subst(map)).collect()),
        }
    }

    /// The term with the sort variables of its heads replaced by their values in `map`
    /// (same size and depth). Subterms without sort variables are shared, not copied.
    pub fn subst_sorts(&self, map: &BTreeMap<String, Sort>) -> Term {
        match self.kind() {
            Kind::App(op, args) if self.0.poly => {
                let op = Head {
                    name: op.name.clone(),
                    sorts: op.sorts.iter().map(|s| s.subst(map)).collect(),
                };
                Term::app(op, args.iter().map(|a| a.subst_sorts(map)).collect())
            }
            _ => self.clone(),
        }
    }

    /// Whether the variable `var` occurs in the term.
    pub fn has_var(&self, var: &str) -> bool {
        if self.0.ground {
            return false;
        }
        match self.kind() {
            Kind::Var(v) => v == var,
            Kind::App(_, args) => args.iter().any(|a| a.has_var(var)),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            Kind::Var(v) => f.write_str(v),
            Kind::App(op, args) if args.is_empty() => write!(f, "{op}"),
            Kind::App(op, args) => {
                write!(f, "({op}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// An equation `l = r` between two terms (a premise, a conclusion or a goal).
pub type Equality = (Term, Term);

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str) -> Term {
        Term::var(name)
    }
    fn app(op: &str, args: Vec<Term>) -> Term {
        Term::app(op, args)
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
}
