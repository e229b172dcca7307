//! The generic part of a theory with sort variables: what `ergo derive` explores.
//!
//! A theory of the wider logic (`docs/logic.md`, section 2) holds, besides its
//! monomorphic operators, the *generic instance* of every operator scheme (`app['a]`, at
//! the scheme's own parameters) and possibly other instances (`app[N]`, made because a
//! conjecture or a goal mentions `List(N)`). Laws found over the generic instances are
//! polymorphic (`rev(rev(l)) = l` at `List('a)`) and cover every instance, so exploring
//! the other instances too would only find those laws again, once per instance.
//!
//! Invariants:
//! - the generic operators are the monomorphic ones, the generic instances, and the
//!   other instances whose sorts (arguments and result) all occur in the signatures of
//!   the former (so `cons[N]` stays when a monomorphic `sum(List(N)) -> N` needs
//!   `List(N)` values to be built);
//! - a theory without other instances (every monomorphic theory) has no restriction:
//!   [`generic_operators`] is `None`, and exploration is exactly as before.
//!
//! Example: with `inductive List('a) = nil | cons('a, List('a))`, `op app(...)`, and a
//! conjecture at `List(N)` over `inductive N = 0 | s(N)`, the generic operators are `0`,
//! `s`, `nil['a]`, `cons['a]`, `app['a]`, not `nil[N]`, `cons[N]`, `app[N]`.

use crate::mpl::{OpId, SortId, Theory};
use std::collections::BTreeSet;

/// Whether operator `f` is monomorphic or the generic instance of its scheme.
pub fn is_generic(theory: &Theory, f: OpId) -> bool {
    let Some(inst) = &theory.op(f).instance else {
        return true;
    };
    theory
        .op_schemes
        .iter()
        .find(|s| s.name == inst.scheme)
        .is_none_or(|s| s.params == inst.args)
}

/// The operators an exploration of the whole `theory` builds terms from: `None` when
/// that is every operator (see the module's invariants).
pub fn generic_operators(theory: &Theory) -> Option<BTreeSet<OpId>> {
    let all: Vec<OpId> = (0..theory.operators.len())
        .map(|i| OpId(i as u32))
        .collect();
    let mut ops: BTreeSet<OpId> = all
        .iter()
        .copied()
        .filter(|f| is_generic(theory, *f))
        .collect();
    if ops.len() == all.len() {
        return None;
    }
    let sorts: BTreeSet<SortId> = ops
        .iter()
        .flat_map(|f| {
            let op = theory.op(*f);
            op.args.iter().copied().chain([op.result])
        })
        .collect();
    ops.extend(all.into_iter().filter(|f| {
        let op = theory.op(*f);
        op.args
            .iter()
            .chain([&op.result])
            .all(|s| sorts.contains(s))
    }));
    Some(ops)
}
