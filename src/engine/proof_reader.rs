//! Reading certificate proofs off a logic block's e-graph: a chain of rewrite steps
//! between two terms the block joined, where a step made by a clause firing carries the
//! proofs of the firing's premises (read the same way, in the same e-graph), and a
//! contradiction with the proofs of its clause's premises.
//!
//! Invariants: a proof is read only from unions the block justified (rewrites, hypotheses,
//! recorded firings); premise proofs nest at most [`MAX_PREMISE_DEPTH`] deep and a firing
//! whose premises are being explained is never used to explain them again (a cycle is
//! an error, never a loop); an explanation longer than
//! [`explain::MAX_EXPLANATION_STEPS`] steps is refused before it is flattened.

use super::equation::Equation;
use super::explain::{self, ExplainError};
use super::horn::{Firing, Graph, Horn};
use super::rewrite::{Justification, Lang};
use crate::mpl::Theory;
use egg::RecExpr;
use ergo_kernel::format::{Dir, Proof, Step};
use std::collections::BTreeMap;

/// How deep premise proofs may nest inside one another (a guard; firings are
/// well-founded, so this is never reached by a correct e-graph).
pub(super) const MAX_PREMISE_DEPTH: usize = 32;

/// Reads certificate proofs off a block's e-graph.
pub(super) struct Reader<'r> {
    pub(super) theory: &'r Theory,
    pub(super) egraph: Graph,
    pub(super) rules: Vec<&'r Equation>,
    pub(super) clauses: &'r [Horn],
    pub(super) firings: &'r [Firing],
    /// The firings whose premises are being explained (a guard against cycles).
    pub(super) active: Vec<usize>,
}

impl<'r> Reader<'r> {
    /// The steps of a chain from `from` to `to` (equal in the e-graph).
    pub(super) fn chain(
        &mut self,
        from: &RecExpr<Lang>,
        to: &RecExpr<Lang>,
        depth: usize,
    ) -> Result<Vec<Step>, ExplainError> {
        if depth > MAX_PREMISE_DEPTH {
            return Err(ExplainError::UnknownRule(
                0,
                "premise proofs nest too deep".into(),
            ));
        }
        let mut explanation = self.egraph.explain_equivalence(from, to);
        if explain::flat_steps(&explanation).is_none() {
            return Err(ExplainError::TooLong(explain::MAX_EXPLANATION_STEPS));
        }
        let flat = explanation.make_flat_explanation().clone();
        let theory = &self.theory;
        let rules = self.rules.clone();
        explain::steps_with_firings(theory, &flat, &rules, &mut |i, k, (forward, pos, term)| {
            if k >= self.firings.len() {
                let name = Justification::Firing(k).egg_name();
                return Err(ExplainError::UnknownRule(i, name));
            }
            let (clause, subst, premises) = self.firing(k, depth)?;
            Ok(Step {
                sorts: Default::default(),
                kind: clause.kind.step_kind(),
                rule: clause.name.clone(),
                dir: if forward { Dir::Lr } else { Dir::Rl },
                pos,
                subst,
                term,
                premises,
            })
        })
    }

    /// The clause of firing `k`, its instance as a certificate substitution and the
    /// proofs of its premises.
    #[allow(clippy::type_complexity)]
    fn firing(
        &mut self,
        k: usize,
        depth: usize,
    ) -> Result<(&'r Equation, BTreeMap<String, String>, Vec<Proof>), ExplainError> {
        let (firings, clauses): (&'r [Firing], &'r [Horn]) = (self.firings, self.clauses);
        if self.active.contains(&k) {
            let why = format!("circular premise proof of clause firing {k}");
            return Err(ExplainError::UnknownRule(0, why));
        }
        self.active.push(k);
        let firing = &firings[k];
        let horn = &clauses[firing.clause];
        let clause = &horn.rule;
        let subst = clause
            .vars
            .iter()
            .zip(&firing.instance)
            .map(|(v, t)| {
                let t = explain::certificate_term(t);
                (self.theory.name(v.name).to_string(), t)
            })
            .collect();
        let mut premises = Vec::new();
        for (p, q) in firing.premises.clone() {
            let steps = self.chain(&p, &q, depth + 1)?;
            premises.push(Proof::Chain { steps });
        }
        self.active.pop();
        Ok((clause, subst, premises))
    }

    /// The contradiction recorded as firing `k`.
    pub(super) fn contradiction(&mut self, k: usize, depth: usize) -> Result<Proof, ExplainError> {
        let (clause, subst, premises) = self.firing(k, depth)?;
        Ok(Proof::Contradiction {
            sorts: Default::default(),
            kind: clause.kind.step_kind(),
            rule: clause.name.clone(),
            subst,
            premises,
        })
    }
}
