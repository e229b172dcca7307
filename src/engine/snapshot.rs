//! A snapshot: what every block of a round sees, as plain data.
//!
//! A [`Snapshot`] is the theory (signature, axioms, interned names) and the admitted
//! rules *as equations and clauses* (axioms first, then theorems in admission order),
//! never egg rewrites: every worker builds its own rewrites from it (on one machine, once
//! per snapshot, cached next to it and never serialised). It is broadcast to every
//! worker of a round and is immutable while the round runs; the barrier extends it
//! between rounds.
//!
//! Invariants: the equations are in admission order, which is a dependency order; the
//! rewrites, when built, are exactly `rewrites(theory, e)` for each equation `e`, in
//! order.
//!
//! Example: a snapshot of the Peano axioms travels as JSON and comes back equal.
//!
//! ```
//! use ergo::engine::Snapshot;
//! let theory = ergo::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
//! let snapshot = Snapshot::of_axioms(&theory);
//! let json = serde_json::to_string(&snapshot).unwrap();
//! let back: Snapshot = serde_json::from_str(&json).unwrap();
//! assert_eq!(back.equations, snapshot.equations);
//! assert_eq!(back.rewrites().len(), snapshot.rewrites().len());
//! ```

use super::equation::{axiom_equations, Equation};
use super::rewrite::{rewrites, Rule};
use crate::mpl::Theory;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The theory and the admitted rules a round's blocks work against.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    /// The theory (its definitions and source files are not shipped: blocks need
    /// neither).
    pub theory: Theory,
    /// Axioms, then admitted theorems, in admission order.
    pub equations: Vec<Equation>,
    /// The worker-side cache of the equations' egg rewrites.
    #[serde(skip)]
    rewrites: OnceLock<Rewrites>,
}

/// The egg rewrites of a snapshot's equations, in order, and where each equation's end.
#[derive(Clone, Debug, Default)]
struct Rewrites {
    rules: Vec<Rule>,
    /// `ends[k]`: how many rules the first `k + 1` equations give.
    ends: Vec<usize>,
}

impl Rewrites {
    fn add(&mut self, theory: &Theory, eq: &Equation) {
        self.rules.extend(rewrites(theory, eq));
        self.ends.push(self.rules.len());
    }
}

impl Snapshot {
    /// A snapshot of `theory` with `equations`.
    pub fn new(theory: Theory, equations: Vec<Equation>) -> Snapshot {
        Snapshot {
            theory,
            equations,
            rewrites: OnceLock::new(),
        }
    }

    /// A snapshot of `theory` with its equational axioms and clauses.
    pub fn of_axioms(theory: &Theory) -> Snapshot {
        Snapshot::new(theory.clone(), axiom_equations(theory))
    }

    /// The egg rewrites of every plain equation, in order (built on first use, by the
    /// executor before a round starts). Nothing here depends on which thread interns a
    /// name first: the engine's language orders names by their strings
    /// ([`super::rewrite::Op`]).
    pub fn rewrites(&self) -> &[Rule] {
        &self.built().rules
    }

    /// The egg rewrites of the first `n` equations (all of them when there are fewer).
    pub fn rewrites_of_first(&self, n: usize) -> &[Rule] {
        let built = self.built();
        match n.min(self.equations.len()) {
            0 => &[],
            n => &built.rules[..built.ends[n - 1]],
        }
    }

    /// The egg rewrites of the equations whose index `keep` accepts, in order.
    pub fn rewrites_where(&self, keep: impl Fn(usize) -> bool) -> Vec<Rule> {
        let built = self.built();
        let mut rules = Vec::new();
        let mut start = 0;
        for (k, &end) in built.ends.iter().enumerate() {
            if keep(k) {
                rules.extend_from_slice(&built.rules[start..end]);
            }
            start = end;
        }
        rules
    }

    fn built(&self) -> &Rewrites {
        self.rewrites.get_or_init(|| {
            let mut built = Rewrites::default();
            self.equations
                .iter()
                .for_each(|e| built.add(&self.theory, e));
            built
        })
    }

    /// Admits `eq` (between rounds): appended to the equations, and to the rewrites if
    /// they were built.
    pub fn push(&mut self, eq: Equation) {
        if let Some(rw) = self.rewrites.get_mut() {
            rw.add(&self.theory, &eq);
        }
        self.equations.push(eq);
    }

    /// Replaces the theory (between rounds; it only ever grows by interned names) and
    /// drops the rewrite cache.
    pub fn set_theory(&mut self, theory: Theory) {
        self.theory = theory;
        self.rewrites = OnceLock::new();
    }

    /// Replaces the equations (after the kernel rejected a theorem) and drops the
    /// rewrite cache.
    pub fn set_equations(&mut self, equations: Vec<Equation>) {
        self.equations = equations;
        self.rewrites = OnceLock::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(rules: &[Rule]) -> Vec<String> {
        rules.iter().map(|r| r.name.to_string()).collect()
    }

    #[test]
    fn rewrites_of_a_prefix_and_of_all_but_one_are_those_equations_rewrites() {
        let theory = crate::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
        let mut snapshot = Snapshot::of_axioms(&theory);
        let n = snapshot.equations.len();
        let all = names(snapshot.rewrites());
        // After the cache is built, a pushed equation extends it.
        let extra = snapshot.equations[0].clone();
        snapshot.push(extra);
        let of = |eqs: &[Equation]| {
            names(
                &eqs.iter()
                    .flat_map(|e| rewrites(&theory, e))
                    .collect::<Vec<_>>(),
            )
        };
        for k in 0..=n + 1 {
            let first = &snapshot.equations[..k.min(n + 1)];
            assert_eq!(names(snapshot.rewrites_of_first(k)), of(first), "first {k}");
            let mut but = snapshot.equations.clone();
            if k <= n {
                but.remove(k);
            }
            assert_eq!(
                names(&snapshot.rewrites_where(|j| j != k)),
                of(&but),
                "all but {k}"
            );
        }
        assert_eq!(names(snapshot.rewrites_of_first(n)), all);
    }
}
