//! The signature goal-free exploration builds its terms from: the generic part of the
//! theory ([`super::generic`]) without the Bool prelude's `ite` and connectives.
//!
//! Why: the prelude (`docs/logic.md`, section 1) comes with every TIP problem that has a
//! Boolean function, and `ite` exists at every sort the problem uses. Terms over `ite`
//! and the connectives make Boolean algebra (`ite(x, y, false) = ite(y, x, false)`, the
//! same law once per sort) that crowds out the laws about the problem's own functions
//! and takes most of the exploration's time; the prelude's definitions still unfold
//! inside proofs, since the axioms are not restricted. `true` and `false` stay: laws
//! such as `==(x, x) = true` need them.
//!
//! Invariants: a theory without the prelude's operators is explored over exactly the
//! operators [`super::generic::generic_operators`] gives (`None` stays `None`, so every
//! `axioms/*.mpl` theory without `ite` is explored as before); only operators declared
//! in the prelude's own source (`<prelude>`) are left out, never a user's operator of
//! the same name.

use crate::mpl::prelude::PRELUDE_FILE;
use crate::mpl::{OpId, Theory};
use std::collections::BTreeSet;

/// The prelude operators exploration leaves out (by their scheme's name).
const LEFT_OUT: [&str; 5] = ["ite", "notb", "andb", "orb", "implb"];

/// Whether `f` is the prelude's `ite` or one of its connectives (any instance).
pub fn is_prelude_combinator(theory: &Theory, f: OpId) -> bool {
    let op = theory.op(f);
    LEFT_OUT.contains(&theory.op_shown(f))
        && theory
            .files()
            .get(op.span.file as usize)
            .is_some_and(|file| file.path.to_str() == Some(PRELUDE_FILE))
}

/// The operators an exploration of the whole `theory` builds terms from: `None` when
/// that is every operator.
pub fn explored_operators(theory: &Theory) -> Option<BTreeSet<OpId>> {
    let generic = super::generic::generic_operators(theory);
    let left_out: Vec<OpId> = (0..theory.operators.len())
        .map(|i| OpId(i as u32))
        .filter(|f| is_prelude_combinator(theory, *f))
        .collect();
    if left_out.is_empty() {
        return generic;
    }
    let mut ops = generic.unwrap_or_else(|| {
        (0..theory.operators.len())
            .map(|i| OpId(i as u32))
            .collect()
    });
    for f in left_out {
        ops.remove(&f);
    }
    Some(ops)
}
