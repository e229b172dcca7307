//! "There exists" (spec 5.1): ∃-introduction (`witness`) and ∃-elimination (`obtain`).
//!
//! Invariants:
//! - A `witness` proves only an existential goal `∃ys. e1 ∧ ... ∧ ek`: it gives exactly one
//!   term per bound variable, each well sorted over the rigid variables and of that
//!   variable's sort, and one proof per conjunct `ei[ys := terms]`, each an equation goal
//!   in the same context. The substitution is simultaneous and the opened body has no
//!   binder, so a term that mentions a rigid variable named like a bound one is not
//!   captured.
//! - An `obtain` cites a clause concluding `∃ys. body` exactly as a contradiction cites
//!   one concluding falsity (sorts, substitution, a proof of every premise), and proves the
//!   *same* goal in the context extended with one fresh rigid variable per bound variable
//!   (its sort after the citation's sorts) and the simple hypotheses `hyp` (one conjunct)
//!   or `hyp.1`, ..., `hyp.k`: the body with the rule variables instantiated and the ys
//!   replaced by the fresh variables, at once. The fresh names are new: valid variable
//!   names, distinct, no rigid variable of the context and free in neither the goal nor
//!   any hypothesis, so nothing about them can escape into the goal; this is what makes
//!   the elimination sound without a choice principle.
//! - Both are version 3 methods; nested proofs are one level deeper.
//!
//! Example: with `ih_k: ∃m. s(k) = m + s(0)` in scope, `obtain` with `kind: hyp`,
//! `rule: ih_k`, `fresh: ["m0"]`, `hyp: "e"` adds the rigid `m0` and `e: s(k) = m0 + s(0)`;
//! the goal `∃m. s(s(k)) = m + s(0)` is then proved by `witness` `m := s(m0)`.

use super::{Citation, Cited, Context, Goal, Replay, Tally};
use crate::clause::{Clause, Conclusion, Exists};
use crate::error::KernelError;
use crate::format::Proof;
use crate::limits::{within, Limit};
use crate::term::Term;
use std::collections::BTreeMap;

impl<'a> Replay<'a> {
    /// A version 2 certificate may not use `method`.
    fn version3(&self, method: &str) -> Result<(), KernelError> {
        if self.sig.version3 {
            return Ok(());
        }
        let feature = format!("the method `{method}`");
        Err(KernelError::NeedsVersion3 { feature })
    }

    /// Checks that the body of `ex` opened with `map` (the bound variables included) is
    /// within the term limits, and charges its size to the work budget.
    fn opened_within_limits(
        &self,
        ex: &Exists,
        map: &BTreeMap<String, Term>,
    ) -> Result<(), KernelError> {
        for side in ex.body.iter().flat_map(|(l, r)| [l, r]) {
            let size = side.subst_size(map);
            within(Limit::TermSize, size)?;
            within(Limit::TermDepth, u64::from(side.subst_depth(map)))?;
            self.budget.work(size)?;
        }
        Ok(())
    }

    /// Checks a `witness` (∃-introduction) for `goal`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn witness(
        &self,
        terms: &BTreeMap<String, String>,
        proofs: &[Proof],
        ctx: &Context,
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        self.version3("witness").map_err(|e| e.at(site))?;
        let Conclusion::Exists(ex) = goal else {
            return Err(KernelError::GoalNotExists.at(site));
        };
        let mut expected: Vec<String> = ex.vars.iter().map(|(y, _)| y.clone()).collect();
        expected.sort();
        let found: Vec<String> = terms.keys().cloned().collect();
        if expected != found {
            return Err(KernelError::WitnessVars { expected, found }.at(site));
        }
        let mut values = Vec::with_capacity(ex.vars.len());
        for (y, sort) in &ex.vars {
            let in_terms = |e: KernelError| e.at(format!("terms `{y}`")).at(site);
            let Some(text) = terms.get(y) else {
                // Unreachable: the names were compared above.
                let found = Vec::new();
                let expected = vec![y.clone()];
                return Err(in_terms(KernelError::WitnessVars { expected, found }));
            };
            let parsed = self.sig.parse_term(text, &ctx.rigid, self.params);
            let (value, found) = parsed.map_err(in_terms)?;
            self.budget.work(value.size()).map_err(in_terms)?;
            if &found != sort {
                return Err(in_terms(KernelError::WitnessSort {
                    var: y.clone(),
                    term: value.to_string(),
                    expected: sort.to_string(),
                    found: found.to_string(),
                }));
            }
            values.push(value);
        }
        let map = ex.opening(&BTreeMap::new(), &values);
        self.opened_within_limits(ex, &map)
            .map_err(|e| e.at(site))?;
        let body = ex.open(&BTreeMap::new(), &values);
        if body.len() != proofs.len() {
            let (expected, found) = (body.len(), proofs.len());
            return Err(KernelError::WitnessProofCount { expected, found }.at(site));
        }
        for (j, (conjunct, proof)) in body.into_iter().zip(proofs).enumerate() {
            let here = format!("{site}.proofs[{j}]");
            let conjunct = Conclusion::Eq(conjunct);
            self.proof(proof, ctx, &conjunct, &here, depth + 1, tally)?;
        }
        Ok(())
    }

    /// Checks an `obtain` (∃-elimination) of `goal`: the citation (which needs an
    /// existential conclusion), the fresh names, the hypothesis names, then `proof` in the
    /// extended context.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn obtain(
        &self,
        citation: &Citation<'_>,
        (fresh, hyp, proof): (&[String], &str, &Proof),
        ctx: &Context,
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        self.version3("obtain").map_err(|e| e.at(site))?;
        if let Some(reason) = self.sig.var_name_problem(hyp) {
            let name = hyp.to_string();
            return Err(KernelError::BadHypName { name, reason }.at(site));
        }
        self.check_obtained_names(fresh, ctx, goal)
            .map_err(|e| e.at(site))?;
        let Cited {
            conclusion,
            map,
            axioms,
        } = self.cite(citation, ctx, site, depth, tally)?;
        let Conclusion::Exists(ex) = conclusion else {
            // `cite` checked that the clause concludes an existential.
            let rule = citation.rule.to_string();
            return Err(KernelError::RuleNotExists { rule }.at(site));
        };
        if fresh.len() != ex.vars.len() {
            return Err(KernelError::ObtainFreshCount {
                rule: citation.rule.to_string(),
                expected: ex.vars.len(),
                found: fresh.len(),
            }
            .at(site));
        }
        let names: Vec<String> = match ex.body.len() {
            1 => vec![hyp.to_string()],
            k => (1..=k).map(|i| format!("{hyp}.{i}")).collect(),
        };
        if let Some(name) = names.iter().find(|n| ctx.hyps.iter().any(|(h, _)| h == *n)) {
            let name = name.clone();
            return Err(KernelError::HypothesisClash { name }.at(site));
        }
        let values: Vec<Term> = fresh.iter().map(|n| Term::var(n.clone())).collect();
        self.opened_within_limits(&ex, &ex.opening(&map, &values))
            .map_err(|e| e.at(site))?;
        let body = ex.open(&map, &values);
        let mut inner = ctx.clone();
        let sorts = ex.vars.iter().map(|(_, s)| s.clone());
        inner.rigid.extend(fresh.iter().cloned().zip(sorts));
        let facts = body.into_iter().map(Clause::fact);
        inner.hyps.extend(names.into_iter().zip(facts));
        tally.axioms.extend(axioms);
        let here = format!("{site}.proof");
        self.proof(proof, &inner, goal, &here, depth + 1, tally)
    }

    /// Checks an obtain's fresh names: valid variable names (`bad-fresh-name`), distinct,
    /// and new: no rigid variable of the context, free in neither the goal nor a
    /// hypothesis (`fresh-name-escapes`).
    fn check_obtained_names(
        &self,
        fresh: &[String],
        ctx: &Context,
        goal: &Goal,
    ) -> Result<(), KernelError> {
        for (j, name) in fresh.iter().enumerate() {
            let bad = |reason| KernelError::BadFreshName {
                name: name.clone(),
                reason,
            };
            if let Some(reason) = self.sig.var_name_problem(name) {
                return Err(bad(reason));
            }
            if fresh.get(..j).is_some_and(|before| before.contains(name)) {
                return Err(bad("it is repeated"));
            }
            let escapes = |reason| KernelError::FreshEscapes {
                name: name.clone(),
                reason,
            };
            if ctx.rigid.iter().any(|(v, _)| v == name) {
                return Err(escapes("it is already a variable of the context"));
            }
            if goal.mentions_free(name) {
                return Err(escapes("it occurs in the goal"));
            }
            if ctx.hyps.iter().any(|(_, h)| h.mentions_free(name)) {
                return Err(escapes("it occurs free in a hypothesis"));
            }
        }
        Ok(())
    }
}
