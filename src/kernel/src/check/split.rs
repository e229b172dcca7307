//! Case analyses (spec 5.1): structural induction and case splits on a rigid variable
//! (`induction`, `cases`), and case splits on a term (`split`).
//!
//! Invariants:
//! - Every case analysis is on a term of an inductive sort: a plain sort with
//!   constructors or an instance of an inductive family, whose constructors' argument
//!   sorts are instantiated at the instance's arguments ([`Inductive`]); sort variables
//!   and function sorts are not inductive. The cases are exactly the constructors, in
//!   declared order, and each names one fresh variable per constructor argument.
//! - A variable split rebuilds every case from the goal and the context (reverted, kept
//!   and dropped hypotheses, induction hypotheses); see `check.rs`.
//! - A term split `split t hyp` changes nothing in the context but adds, per case, the
//!   fresh variables (never a rigid variable of the context: there is no `var` to reuse)
//!   and the simple hypothesis `hyp: t = c(fresh..)`, a name not in scope; the goal is
//!   the same. It is sound because the constructors of an inductive sort are exhaustive.
//!
//! Example: in the context `n x : N` with goal `ite(eqn(n, x), a, b) = b'`, the split
//! `{"term": "(eqn n x)", "hyp": "c1", ...}` on `Bool = true | false` opens two cases,
//! with `c1: (eqn n x) = true` and `c1: (eqn n x) = false`, both with the same goal.

use super::{Context, Goal, Replay, Tally};
use crate::clause::{Clause, Conclusion};
use crate::error::KernelError;
use crate::format::Case;
use crate::sort::Sort;
use crate::term::{Equality, Head, Term};
use std::collections::BTreeMap;

/// An inductive sort at an instance: its constructors and how to instantiate them.
struct Inductive<'s> {
    /// The constructors, in declared order.
    constructors: &'s [String],
    /// The instance's sort arguments (none for a plain sort).
    sort_args: Vec<Sort>,
    /// The family's params mapped to the instance's arguments.
    to_instance: BTreeMap<String, Sort>,
}

impl<'a> Replay<'a> {
    /// The sort's constructors if it is inductive (spec 5.1), else `None`.
    fn inductive(&self, sort: &Sort) -> Option<Inductive<'a>> {
        let sig: &'a crate::signature::Signature = self.sig;
        let Sort::Named(name, args) = sort else {
            return None;
        };
        let info = sig.sorts.get(name)?;
        if info.constructors.is_empty() {
            return None;
        }
        let to_instance = info.params.iter().cloned().zip(args.iter().cloned());
        Some(Inductive {
            constructors: info.constructors.as_slice(),
            sort_args: args.clone(),
            to_instance: to_instance.collect(),
        })
    }

    /// Checks that the cases are the constructors in declared order.
    fn check_case_order(ind: &Inductive<'_>, cases: &[Case]) -> Result<(), KernelError> {
        let found: Vec<String> = cases.iter().map(|c| c.constructor.clone()).collect();
        if found != ind.constructors {
            let expected = ind.constructors.to_vec();
            return Err(KernelError::CaseMismatch { expected, found });
        }
        Ok(())
    }

    /// The argument sorts of a case's constructor at the instance.
    fn case_args(&self, ind: &Inductive<'_>, case: &Case) -> Vec<Sort> {
        let args = self.sig.ops.get(&case.constructor);
        let args = args.map(|op| op.args.iter().map(|a| a.subst(&ind.to_instance)));
        args.map(Iterator::collect).unwrap_or_default()
    }

    /// The case's term `c(fresh..)` (the constructor's instance for a family).
    fn case_term(ind: &Inductive<'_>, case: &Case) -> Term {
        let fresh_vars = case.fresh.iter().map(|n| Term::var(n.clone())).collect();
        let head = Head {
            name: case.constructor.clone(),
            sorts: ind.sort_args.clone(),
        };
        Term::app(head, fresh_vars)
    }

    /// Checks a case split on `var` (spec 5.1), with induction hypotheses if `induction`,
    /// rebuilding every case's context and goal.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn split(
        &self,
        var: &str,
        cases: &[Case],
        induction: bool,
        ctx: &Context,
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        let Some((_, sort)) = ctx.rigid.iter().find(|(v, _)| v == var) else {
            let var = var.to_string();
            return Err(KernelError::UnknownInductionVar { var }.at(site));
        };
        let Some(ind) = self.inductive(sort) else {
            let (var, sort) = (var.to_string(), sort.to_string());
            return Err(KernelError::NotInductive { var, sort }.at(site));
        };
        Self::check_case_order(&ind, cases).map_err(|e| e.at(site))?;
        // Simple hypotheses are reverted; the others are kept if `var` is not free in them.
        let reverted: Vec<Equality> = ctx
            .hyps
            .iter()
            .filter(|(_, h)| h.is_simple())
            .filter_map(|(_, h)| match &h.conclusion {
                Conclusion::Eq(eq) => Some(eq.clone()),
                _ => None,
            })
            .collect();
        let kept = |h: &Clause| !h.is_simple() && !h.mentions_free(var);
        // The rigid variables free in no kept hypothesis are generalised in the IHs.
        let mut generalised = ctx.rigid.clone();
        generalised.retain(|(v, _)| {
            v != var && !ctx.hyps.iter().any(|(_, h)| kept(h) && h.mentions_free(v))
        });
        for (i, case) in cases.iter().enumerate() {
            let here = format!("{site}.cases[{i}]");
            let args = self.case_args(&ind, case);
            self.check_fresh(Some(var), case, &args, ctx)
                .map_err(|e| e.at(here.clone()))?;
            let instance = Self::case_term(&ind, case);
            let capture = |hypothesis: &str, var| {
                let hypothesis = hypothesis.to_string();
                KernelError::Capture { hypothesis, var }.at(here.clone())
            };
            let mut hyps = Vec::new();
            for (name, h) in &ctx.hyps {
                if h.is_simple() {
                    let h = h.subst_free(var, &instance).map_err(|v| capture(name, v))?;
                    hyps.push((name.clone(), h));
                } else if kept(h) {
                    hyps.push((name.clone(), h.clone()));
                }
            }
            let recursive = case.fresh.iter().zip(&args).filter(|(_, s)| *s == sort);
            for (name, _) in recursive.filter(|_| induction) {
                let ih = format!("ih_{name}");
                if hyps.iter().any(|(h, _)| *h == ih) {
                    return Err(KernelError::HypothesisClash { name: ih }.at(here.clone()));
                }
                let general = Clause {
                    params: Vec::new(),
                    vars: generalised.clone(),
                    premises: reverted.clone(),
                    conclusion: goal.clone(),
                };
                let fresh = Term::var(name.clone());
                let clause = general
                    .subst_free(var, &fresh)
                    .map_err(|v| capture(&ih, v))?;
                hyps.push((ih, clause));
            }
            let mut rigid = ctx.rigid.clone();
            rigid.retain(|(v, _)| v != var);
            rigid.extend(case.fresh.iter().cloned().zip(args.iter().cloned()));
            let to_case = BTreeMap::from([(var.to_string(), instance)]);
            // An existential goal's bound variables must not capture a fresh name.
            let case_goal = goal.subst(&to_case).map_err(|v| capture("(the goal)", v))?;
            let case_ctx = Context { rigid, hyps };
            let site = format!("{here}.proof");
            self.proof(&case.proof, &case_ctx, &case_goal, &site, depth + 1, tally)?;
        }
        Ok(())
    }

    /// Checks a case split on a term (spec 5.1, `split`): the term is a well-sorted term
    /// over the rigid variables of an inductive sort, `hyp` a new hypothesis name, and
    /// every case proves the same goal with the context's hypotheses followed by
    /// `hyp: term = c(fresh..)`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn term_split(
        &self,
        term: &str,
        hyp: &str,
        cases: &[Case],
        ctx: &Context,
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        let (term, sort) = self
            .sig
            .parse_term(term, &ctx.rigid, self.params)
            .map_err(|e| e.at("term").at(site))?;
        self.budget.work(term.size()).map_err(|e| e.at(site))?;
        let Some(ind) = self.inductive(&sort) else {
            let (var, sort) = (term.to_string(), sort.to_string());
            return Err(KernelError::NotInductive { var, sort }.at(site));
        };
        if let Some(reason) = self.sig.var_name_problem(hyp) {
            let name = hyp.to_string();
            return Err(KernelError::BadHypName { name, reason }.at(site));
        }
        if ctx.hyps.iter().any(|(h, _)| h == hyp) {
            let name = hyp.to_string();
            return Err(KernelError::HypothesisClash { name }.at(site));
        }
        Self::check_case_order(&ind, cases).map_err(|e| e.at(site))?;
        for (i, case) in cases.iter().enumerate() {
            let here = format!("{site}.cases[{i}]");
            let args = self.case_args(&ind, case);
            self.check_fresh(None, case, &args, ctx)
                .map_err(|e| e.at(here.clone()))?;
            let fact = Clause::fact((term.clone(), Self::case_term(&ind, case)));
            let mut hyps = ctx.hyps.clone();
            hyps.push((hyp.to_string(), fact));
            let mut rigid = ctx.rigid.clone();
            rigid.extend(case.fresh.iter().cloned().zip(args));
            let case_ctx = Context { rigid, hyps };
            let site = format!("{here}.proof");
            self.proof(&case.proof, &case_ctx, goal, &site, depth + 1, tally)?;
        }
        Ok(())
    }

    /// Checks a case's fresh names against the constructor's arguments and the context:
    /// one per argument, distinct, not an operator or predicate, and no rigid variable of
    /// the context other than `reusable` (the variable split on, if any).
    fn check_fresh(
        &self,
        reusable: Option<&str>,
        case: &Case,
        args: &[Sort],
        ctx: &Context,
    ) -> Result<(), KernelError> {
        if case.fresh.len() != args.len() {
            return Err(KernelError::FreshArity {
                constructor: case.constructor.clone(),
                expected: args.len(),
                found: case.fresh.len(),
            });
        }
        for (j, name) in case.fresh.iter().enumerate() {
            let reason = if let Some(reason) = self.sig.var_name_problem(name) {
                reason
            } else if case
                .fresh
                .get(..j)
                .is_some_and(|before| before.contains(name))
            {
                "it is repeated"
            } else if Some(name.as_str()) != reusable && ctx.rigid.iter().any(|(v, _)| v == name) {
                "it is already a variable of the context"
            } else {
                continue;
            };
            let name = name.clone();
            return Err(KernelError::BadFreshName { name, reason });
        }
        Ok(())
    }
}
