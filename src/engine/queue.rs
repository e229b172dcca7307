//! The exploration's queue of conjectures waiting for a block, and the order in which
//! they are tried.
//!
//! Invariants: the order is a total order on conjectures that depends only on the
//! conjecture (its size, its statement and its canonical key), never on when or by
//! which thread it was pushed, so the rounds the exploration runs, and hence its
//! output, are the same for any number of threads; a conjecture pushed twice (same
//! key) is kept once.
//!
//! Example: associativity in its textbook form comes before its permuted form.
//!
//! ```text
//! x + (y + z) = (x + y) + z     inversions 0
//! (x + y) + z = (x + z) + y     inversions 1   (y, z swap order)
//! ```

use super::conjecture::Conjecture;
use crate::mpl::{Formula, Var};
use std::collections::BTreeMap;

/// The order in which conjectures are tried: smallest first, then the most general,
/// then the one whose two sides list their variables in the most similar order (so the
/// textbook form `x + (y + z) = (x + y) + z` comes before `(x + y) + z = (x + z) + y`),
/// then the text.
pub type OrderKey = (usize, std::cmp::Reverse<usize>, usize, String);

/// The key a conjecture is tried by (see [`OrderKey`]).
pub fn order_key(c: &Conjecture) -> OrderKey {
    let (vars, inversions) = match &c.formula {
        Formula::Forall(vs, body) => (vs.len(), inversions(body)),
        f => (0, inversions(f)),
    };
    (c.size, std::cmp::Reverse(vars), inversions, c.key.clone())
}

/// Pairs of variables that occur in one order on the left side and in the other on the
/// right side (by first occurrence).
pub fn inversions(f: &Formula) -> usize {
    let Formula::Eq(l, r) = f else {
        return 0;
    };
    let (mut lo, mut ro) = (Vec::new(), Vec::new());
    l.vars_into(&mut lo);
    r.vars_into(&mut ro);
    let pos = |v: &Var, o: &[Var]| o.iter().position(|w| w == v);
    let mut n = 0;
    for (i, a) in lo.iter().enumerate() {
        for b in &lo[i + 1..] {
            if let (Some(pa), Some(pb)) = (pos(a, &ro), pos(b, &ro)) {
                n += usize::from(pa > pb);
            }
        }
    }
    n
}

/// Conjectures waiting for a block, popped in [`order_key`] order.
#[derive(Default)]
pub struct Queue {
    items: BTreeMap<OrderKey, Conjecture>,
}

impl Queue {
    /// Adds `c` (once per key).
    pub fn push(&mut self, c: Conjecture) {
        self.items.insert(order_key(&c), c);
    }
    /// Takes the first conjecture in order.
    pub fn pop(&mut self) -> Option<Conjecture> {
        self.items.pop_first().map(|(_, c)| c)
    }
    /// How many conjectures wait.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// The waiting conjectures, in order, without taking them.
    pub fn iter(&self) -> impl Iterator<Item = &Conjecture> {
        self.items.values()
    }
    /// The waiting conjectures, in order.
    pub fn into_vec(self) -> Vec<Conjecture> {
        self.items.into_values().collect()
    }
}
