//! Unification over sort expressions with unknowns: the sort inference of the
//! polymorphic resolver ([`super::poly`]), Hindley-Milner without `let`.
//!
//! Invariants:
//! - a [`Ty`] is a sort expression whose leaves may be unknowns `?n`; rigid sort
//!   variables (`'a`, written in the formula or generalised) are names like any sort's;
//! - [`Unifier::unify`] either makes two types equal (binding unknowns, with the occurs
//!   check) or says no, possibly leaving some unknowns bound (the caller reports the
//!   mismatch and the formula is rejected); bindings never change once made.
//!
//! ```text
//! unify(List(?0), List(N))      ?0 := N
//! unify(?1 -> Bool, N -> ?2)    ?1 := N, ?2 := Bool
//! unify(?0, List(?0))           fails (occurs check)
//! ```

use std::fmt;

use super::instantiate::SortExpr;

/// A sort during inference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    /// An unknown, numbered by the unifier.
    Unk(usize),
    /// A sort without arguments or a sort variable (`N`, `'a`).
    Name(String),
    /// A family applied to arguments.
    App(String, Vec<Ty>),
    /// A function sort.
    Fun(Box<Ty>, Box<Ty>),
}

impl Ty {
    /// The type of a sort expression, its sort variables named in `map` replaced.
    pub fn of(e: &SortExpr, map: &[(String, Ty)]) -> Ty {
        match e {
            SortExpr::Name(n) => map
                .iter()
                .find(|(v, _)| v == n)
                .map_or_else(|| Ty::Name(n.clone()), |(_, t)| t.clone()),
            SortExpr::App(f, args) => {
                Ty::App(f.clone(), args.iter().map(|a| Ty::of(a, map)).collect())
            }
            SortExpr::Fun(a, b) => Ty::Fun(Box::new(Ty::of(a, map)), Box::new(Ty::of(b, map))),
        }
    }

    /// The sort expression of a type without unknowns.
    pub fn expr(&self) -> Option<SortExpr> {
        Some(match self {
            Ty::Unk(_) => return None,
            Ty::Name(n) => SortExpr::Name(n.clone()),
            Ty::App(f, args) => {
                SortExpr::App(f.clone(), args.iter().map(Ty::expr).collect::<Option<_>>()?)
            }
            Ty::Fun(a, b) => SortExpr::Fun(Box::new(a.expr()?), Box::new(b.expr()?)),
        })
    }

    /// Appends the names of the type (sorts and sort variables) to `out`.
    pub fn names_into(&self, out: &mut Vec<String>) {
        match self {
            Ty::Unk(_) => {}
            Ty::Name(n) => out.push(n.clone()),
            Ty::App(_, args) => args.iter().for_each(|a| a.names_into(out)),
            Ty::Fun(a, b) => {
                a.names_into(out);
                b.names_into(out);
            }
        }
    }
}

impl fmt::Display for Ty {
    /// The MPL form, an unknown shown as `_`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Unk(_) => f.write_str("_"),
            Ty::Name(n) => f.write_str(n),
            Ty::App(n, args) => {
                let v: Vec<String> = args.iter().map(|a| a.to_string()).collect();
                write!(f, "{n}({})", v.join(", "))
            }
            Ty::Fun(a, b) => match **a {
                Ty::Fun(..) => write!(f, "({a}) -> {b}"),
                _ => write!(f, "{a} -> {b}"),
            },
        }
    }
}

/// The bindings of the unknowns.
#[derive(Default)]
pub(crate) struct Unifier {
    bound: Vec<Option<Ty>>,
}

impl Unifier {
    /// A new unknown.
    pub fn fresh(&mut self) -> Ty {
        self.bound.push(None);
        Ty::Unk(self.bound.len() - 1)
    }

    /// Binds an unknown that is still free (the generaliser names the leftovers).
    pub fn bind(&mut self, u: usize, t: Ty) {
        self.bound[u] = Some(t);
    }

    /// The type with every bound unknown replaced, recursively.
    pub fn resolve(&self, t: &Ty) -> Ty {
        match t {
            Ty::Unk(u) => match &self.bound[*u] {
                Some(b) => self.resolve(b),
                None => t.clone(),
            },
            Ty::Name(_) => t.clone(),
            Ty::App(f, args) => Ty::App(f.clone(), args.iter().map(|a| self.resolve(a)).collect()),
            Ty::Fun(a, b) => Ty::Fun(Box::new(self.resolve(a)), Box::new(self.resolve(b))),
        }
    }

    fn occurs(&self, u: usize, t: &Ty) -> bool {
        match self.resolve(t) {
            Ty::Unk(v) => u == v,
            Ty::Name(_) => false,
            Ty::App(_, args) => args.iter().any(|a| self.occurs(u, a)),
            Ty::Fun(a, b) => self.occurs(u, &a) || self.occurs(u, &b),
        }
    }

    /// Makes `a` and `b` equal; false when they cannot be.
    pub fn unify(&mut self, a: &Ty, b: &Ty) -> bool {
        let (a, b) = (self.resolve(a), self.resolve(b));
        match (&a, &b) {
            (Ty::Unk(x), Ty::Unk(y)) if x == y => true,
            (Ty::Unk(x), t) | (t, Ty::Unk(x)) => {
                if self.occurs(*x, t) {
                    return false;
                }
                self.bound[*x] = Some(t.clone());
                true
            }
            (Ty::Name(x), Ty::Name(y)) => x == y,
            (Ty::App(f, xs), Ty::App(g, ys)) => {
                f == g && xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.unify(x, y))
            }
            (Ty::Fun(a1, b1), Ty::Fun(a2, b2)) => self.unify(a1, a2) && self.unify(b1, b2),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Ty {
        Ty::Name(s.into())
    }

    #[test]
    fn unifies_structurally_with_occurs_check() {
        let mut u = Unifier::default();
        let a = u.fresh();
        assert!(u.unify(
            &Ty::App("List".into(), vec![a.clone()]),
            &Ty::App("List".into(), vec![n("N")])
        ));
        assert_eq!(u.resolve(&a), n("N"));
        let b = u.fresh();
        assert!(!u.unify(&b, &Ty::App("List".into(), vec![b.clone()])));
        assert!(!u.unify(&n("N"), &n("'a")));
        let f = Ty::Fun(
            Box::new(Ty::Fun(Box::new(n("'a")), Box::new(n("'b")))),
            Box::new(n("'c")),
        );
        assert_eq!(f.to_string(), "('a -> 'b) -> 'c");
    }
}
