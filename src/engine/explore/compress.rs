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
    let equation = |d: &Derived| {
        d.proved
            .goal
            .clone()
            .into_equation(RuleKind::Theorem, &d.proved.name)
    };
    // The first pass: each essential theorem against the axioms and all the others.
    let candidates: Vec<usize> = (0..st.admitted.len())
        .filter(|&i| st.admitted[i].essential)
        .collect();
    let mut equations = st.axioms.clone();
    equations.extend(candidates.iter().map(|&i| equation(&st.admitted[i])));
    let snapshot = Snapshot::new(theory.clone(), equations);
    let blocks: Vec<Block> = candidates
        .iter()
        .enumerate()
        .map(|(k, &i)| Block {
            goal: st.admitted[i].proved.goal.clone(),
            rules: Selection::AllBut(st.axioms.len() + k),
            task: Task::Check(limits),
        })
        .collect();
    let outcomes = driver.checks(&snapshot, &blocks);
    // The second pass, over those that followed.
    let axiom_rules: Vec<Rule> = st.axioms.iter().flat_map(|a| rewrites(theory, a)).collect();
    let mut marked = false;
    for (&i, outcome) in candidates.iter().zip(outcomes).rev() {
        if !matches!(outcome, Outcome::Follows) {
            continue;
        }
        let follows = !marked || {
            let goal = &st.admitted[i].proved.goal;
            let others = st
                .admitted
                .iter()
                .enumerate()
                .filter(|&(j, d)| j != i && d.essential)
                .map(|(_, d)| equation(d));
            if goal.is_plain() {
                let mut rules = axiom_rules.clone();
                rules.extend(others.flat_map(|e| rewrites(theory, &e)));
                follows_by_rewriting(theory, &rules, goal, limits).is_ok()
            } else {
                let mut eqs = st.axioms.clone();
                eqs.extend(others);
                follows_without_induction(theory, eqs, goal, limits).is_ok()
            }
        };
        if follows {
            st.admitted[i].essential = false;
            marked = true;
        }
    }
}
