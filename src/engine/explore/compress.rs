//! The essential subset of an exploration (the end of [`super::explore_until`]).
//!
//! Invariant: the marks depend only on the admitted theorems, in their order (checks
//! are counts, never clocks); a mark is an annotation and never changes a proof.

use super::*;

/// Marks the essential subset: from the last theorem to the first, a theorem that
/// follows by rewriting from the axioms and the other essential theorems is derived
/// (a clause: by one block of the sequent prover, without induction), and so is one
/// that states an earlier essential theorem again at other sort variables
/// ([`crate::engine::generality::law_key`]:
/// `drop(n, nil) = nil` at `List('b)` after it at `List('a)`, where both instances of
/// `drop` are explored).
pub(super) fn compress(theory: &Theory, st: &mut State, limits: Limits) {
    // Each theorem's rewrites are built once (they were rebuilt for every check).
    let axiom_rules: Vec<Rule> = st.axioms.iter().flat_map(|a| rewrites(theory, a)).collect();
    let theorem_rules: Vec<Vec<Rule>> = st
        .admitted
        .iter()
        .map(|d| {
            let eq = d
                .proved
                .goal
                .clone()
                .into_equation(RuleKind::Theorem, &d.proved.name);
            rewrites(theory, &eq)
        })
        .collect();
    let printed: Vec<String> = st
        .admitted
        .iter()
        .map(|d| crate::engine::generality::law_key(theory, &d.proved.goal))
        .collect();
    for i in (0..st.admitted.len()).rev() {
        if (0..i).any(|j| st.admitted[j].essential && printed[j] == printed[i]) {
            st.admitted[i].essential = false;
            continue;
        }
        if !st.admitted[i].proved.goal.is_plain() {
            let mut eqs = st.axioms.clone();
            for (j, d) in st.admitted.iter().enumerate() {
                if j != i && d.essential {
                    let eq = d.proved.goal.clone();
                    eqs.push(eq.into_equation(RuleKind::Theorem, &d.proved.name));
                }
            }
            let goal = st.admitted[i].proved.goal.clone();
            if follows_without_induction(theory, eqs, &goal, limits).is_ok() {
                st.admitted[i].essential = false;
            }
            continue;
        }
        let mut rules = axiom_rules.clone();
        for (j, d) in st.admitted.iter().enumerate() {
            if j != i && d.essential {
                rules.extend(theorem_rules[j].iter().cloned());
            }
        }
        let goal = st.admitted[i].proved.goal.clone();
        if follows_by_rewriting(theory, &rules, &goal, limits).is_ok() {
            st.admitted[i].essential = false;
        }
    }
}
