//! The variable names of one proof attempt: the signature's names, then the fresh names
//! the attempt made (induction and case-split arguments, goal variables, the
//! conjecturer's variables).
//!
//! Invariants:
//! - `Name(i)` for `i < base.len()` is the signature's name `i` and never changes;
//!   fresh names get the ids `base.len()`, `base.len() + 1`, ... in the order the
//!   attempt interned them, so ids depend only on what the attempt did, never on other
//!   attempts or on thread scheduling;
//! - a string has at most one id: interning a name already present returns its id.
//!
//! Each [`super::Theory`] handle owns its supply; cloning a theory for a block copies the
//! few fresh names, not the signature (shared by `Arc`).
//!
//! ```
//! use std::sync::Arc;
//! use ergo::mpl::{Name, Names};
//! let base: Arc<[String]> = Arc::from(vec!["x".to_string()]);
//! let mut a = Names::new(base.clone());
//! let mut b = Names::new(base);
//! assert_eq!(a.intern("x"), Name(0));
//! assert_eq!(a.intern("x1"), Name(1));
//! assert_eq!(b.intern("y"), Name(1)); // another attempt: its own supply
//! assert_eq!(a.get(Name(1)), "x1");
//! ```

use std::sync::Arc;

use super::signature::Name;

/// A fresh-name supply extending a shared, immutable list of names.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Names {
    base: Arc<[String]>,
    fresh: Vec<String>,
}

impl Names {
    /// A supply with no fresh names over `base`.
    pub fn new(base: Arc<[String]>) -> Names {
        Names {
            base,
            fresh: Vec::new(),
        }
    }

    /// The string of a name.
    ///
    /// # Panics
    /// If `n` was not made by this supply (or the one it was cloned from).
    pub fn get(&self, n: Name) -> &str {
        let i = n.0 as usize;
        match self.base.get(i) {
            Some(s) => s,
            None => &self.fresh[i - self.base.len()],
        }
    }

    /// The id of a name already present.
    pub fn lookup(&self, s: &str) -> Option<Name> {
        self.iter().position(|n| n == s).map(|i| Name(i as u32))
    }

    /// Interns a name, returning the existing id if present.
    pub fn intern(&mut self, s: &str) -> Name {
        if let Some(n) = self.lookup(s) {
            return n;
        }
        self.fresh.push(s.to_string());
        Name((self.len() - 1) as u32)
    }

    /// Every name, by id.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.base.iter().chain(self.fresh.iter())
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.base.len() + self.fresh.len()
    }

    /// Whether there are no names at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The names this supply added to its base, in order.
    pub fn fresh(&self) -> &[String] {
        &self.fresh
    }

    /// Every name as one list (the base of a sealed signature).
    pub(crate) fn to_base(&self) -> Arc<[String]> {
        self.iter().cloned().collect::<Vec<_>>().into()
    }
}
