//! The sorts a goal mentions, and the theory instantiated at them, for `ergo prove`.
//!
//! A goal of a theory with sort families may be stated at an instance the theory's
//! tables do not hold yet (`app(l, nil) = l` at `List(N)`): its sorts are collected as
//! [`SortExpr`]s and the theory is instantiated at them ([`Theory::instantiate`],
//! `docs/logic.md` section 2) before proving.
//!
//! Invariants: the sorts come in order of first occurrence (goal by goal: variables,
//! then the terms' operators, left to right); the instantiated theory keeps every id and
//! every name of the given one (its fresh names are interned again, in order), so goals
//! read over the given theory stay valid over the result, and it is prepared for
//! goal-directed proving like the given one ([`super::discover::prepare`]).
//!
//! Example: over Peano, the goal `x + 0 = x` mentions the sort `N` only, and
//! instantiating at `[N]` changes nothing.

use super::equation::Goal;
use crate::mpl::{InstantiateError, SortExpr, SortId, Term, Theory};

fn term_sorts(theory: &Theory, t: &Term, out: &mut Vec<SortId>) {
    match t {
        Term::Var(v) => out.push(v.sort),
        Term::App(f, args) => {
            let op = theory.op(*f);
            out.extend(op.args.iter().copied());
            out.push(op.result);
            for a in args {
                term_sorts(theory, a, out);
            }
        }
    }
}

/// The sorts `goals` mention, as sort expressions, without repeats, in order of first
/// occurrence.
pub fn goal_sorts<'a>(theory: &Theory, goals: impl IntoIterator<Item = &'a Goal>) -> Vec<SortExpr> {
    let mut ids = Vec::new();
    for g in goals {
        ids.extend(g.rigid.iter().map(|v| v.sort));
        for (p, q) in &g.premises {
            term_sorts(theory, p, &mut ids);
            term_sorts(theory, q, &mut ids);
        }
        term_sorts(theory, &g.lhs, &mut ids);
        term_sorts(theory, &g.rhs, &mut ids);
    }
    let mut out: Vec<SortExpr> = Vec::new();
    for id in ids {
        let e = theory.sort_expr(id);
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// `theory` (made by [`super::discover::prepare`]) instantiated at the sorts of `goals`,
/// with its names, prepared again for the sorts it gained.
pub fn instantiate_for<'a>(
    theory: &Theory,
    goals: impl IntoIterator<Item = &'a Goal>,
) -> Result<Theory, InstantiateError> {
    let sorts = goal_sorts(theory, goals);
    let mut out = theory.instantiate(&sorts)?;
    for name in theory.names.iter() {
        out.intern(name);
    }
    Ok(super::discover::prepare(&out))
}
