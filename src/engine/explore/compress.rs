//! The essential subset of an exploration (the end of [`super::explore_until`]).
//!
//! Invariant: the marks depend only on the admitted theorems, in their order (checks
//! are counts, never clocks, and the parallel checks' outcomes are read in order, not
//! as they arrive); a mark is an annotation and never changes a proof.

use super::*;

/// Marks the essential subset, from the last theorem to the first: a theorem that
/// states an earlier essential theorem again at other sort variables
/// ([`crate::engine::generality::law_key`]: `drop(n, nil) = nil` at `List('b)` after
/// it at `List('a)`, where both instances of `drop` are explored) is derived, and so
/// is one that follows by rewriting from the axioms and the other essential theorems
/// (a clause: by one block of the sequent prover, without induction).
///
/// The checks run in two passes. First, every theorem is checked against all the
/// others at once, in parallel on the executor: one that does not follow from all of
/// them stays essential (fewer rules do not join what more did not). Then, from the
/// last to the first, each one that did follow is checked again against the theorems
/// still essential, on this thread; until the first theorem is marked derived, the
/// first pass's answer is that check's answer and is taken as it is. Most failing
/// checks run to their budget and most succeeding ones stop early, so the costly
/// checks are the parallel ones.
pub(super) fn compress<E: Executor + ?Sized>(
    theory: &Theory,
    st: &mut State,
    limits: Limits,
    driver: &Driver<'_, E>,
) {
    let printed: Vec<String> = st
        .admitted
        .iter()
        .map(|d| crate::engine::generality::law_key(theory, &d.proved.goal))
        .collect();
    for i in (0..st.admitted.len()).rev() {
        if (0..i).any(|j| st.admitted[j].essential && printed[j] == printed[i]) {
            st.admitted[i].essential = false;
        }
    }
    // The first pass: each essential theorem against the axioms and all the others.
    let candidates: Vec<usize> = (0..st.admitted.len())
        .filter(|&i| st.admitted[i].essential)
        .collect();
    let mut equations = st.axioms.clone();
    equations.extend(candidates.iter().map(|&i| {
        let d = &st.admitted[i];
        d.proved
            .goal
            .clone()
            .into_equation(RuleKind::Theorem, &d.proved.name)
    }));
    let snapshot = Snapshot::new(theory.clone(), equations);
    let axioms = st.axioms.len();
    let blocks: Vec<Block> = candidates
        .iter()
        .enumerate()
        .map(|(k, &i)| Block {
            goal: st.admitted[i].proved.goal.clone(),
            rules: Selection::AllBut(axioms + k),
            task: Task::Check(limits),
        })
        .collect();
    let outcomes = driver.checks(&snapshot, &blocks);
    // The second pass, over those that followed, against the snapshot's equations of
    // the theorems still essential.
    let mut marked = false;
    for (k, (&i, outcome)) in candidates.iter().zip(outcomes).enumerate().rev() {
        if !matches!(outcome, Outcome::Follows) {
            continue;
        }
        let follows = !marked || {
            let keep = |j: usize| {
                j < axioms || (j - axioms != k && st.admitted[candidates[j - axioms]].essential)
            };
            let goal = &st.admitted[i].proved.goal;
            if goal.is_plain() {
                let rules = snapshot.rewrites_where(keep);
                follows_by_rewriting(theory, &rules, goal, limits).is_ok()
            } else {
                let eqs = (snapshot.equations.iter().enumerate())
                    .filter(|&(j, _)| keep(j))
                    .map(|(_, e)| e.clone())
                    .collect();
                follows_without_induction(theory, eqs, goal, limits).is_ok()
            }
        };
        if follows {
            st.admitted[i].essential = false;
            marked = true;
        }
    }
}
