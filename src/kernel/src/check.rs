//! Replay of theorems (spec section 5): contexts, chains, induction, rule lookup, order.
//!
//! Invariants:
//! - Every [`Goal`] is a pair of well-sorted terms over the rigid variables of its context;
//!   every hypothesis's free variables are rigid variables of the context it is in.
//! - A step is accepted only if the rule exists in the named kind and is an equation, the
//!   substitution binds exactly the rule's variables to well-sorted terms over the rigid
//!   variables, the subterm at `pos` is syntactically the instantiated source side, and the
//!   step's `term` is exactly the rewritten term. The next step starts from the *kernel's*
//!   result, which equals the step's `term`.
//! - Induction cases are rebuilt from the goal and the context (spec 5.1); the certificate
//!   only supplies the variable, the case order and the fresh names, all of which are
//!   checked.
//! - A theorem may cite only theorems that come before it, were accepted, and whose name
//!   is not used twice in the file (nor by an axiom). Theorems are processed in file order;
//!   nothing here iterates a hash map, so results and error choice are deterministic.

use crate::error::KernelError;
use crate::format::{Case, Dir, Proof, Step, StepKind, Theorem};
use crate::sexp::is_symbol;
use crate::signature::Signature;
use crate::term::{Equation, Term};
use crate::TheoremReport;
use std::collections::{BTreeMap, BTreeSet};

/// The deepest nesting of inductions the kernel replays.
pub const MAX_PROOF_DEPTH: usize = 64;

/// What later theorems see of an earlier one.
enum Earlier {
    /// Accepted: its equation and the axioms it rests on.
    Accepted(Equation, BTreeSet<String>),
    /// Rejected: citing it is an error.
    Rejected,
}

/// A goal `lhs = rhs` in its context: rigid variables with their sorts, named hypotheses.
struct Goal {
    rigid: Vec<(String, String)>,
    hyps: Vec<(String, Equation)>,
    lhs: Term,
    rhs: Term,
}

/// What replaying one theorem accumulates: accepted steps and cited axioms.
#[derive(Default)]
struct Tally {
    steps: usize,
    axioms: BTreeSet<String>,
}

/// The read-only state a theorem is replayed against.
struct Replay<'a> {
    sig: &'a Signature,
    earlier: &'a BTreeMap<String, Earlier>,
    /// Every theorem name in the file (to tell "cited before proved" from "unknown").
    names: &'a BTreeSet<String>,
    /// Theorem names used twice in the file or also used by an axiom.
    duplicated: &'a BTreeSet<String>,
}

/// Replays every theorem in order and reports on each.
pub fn check_theorems(sig: &Signature, theorems: &[Theorem]) -> Vec<TheoremReport> {
    let mut names = BTreeSet::new();
    let mut duplicated = BTreeSet::new();
    for t in theorems {
        if !names.insert(t.name.clone()) || sig.axioms.contains_key(&t.name) {
            duplicated.insert(t.name.clone());
        }
    }
    let mut earlier = BTreeMap::new();
    let mut reports = Vec::with_capacity(theorems.len());
    for theorem in theorems {
        let mut tally = Tally::default();
        let replay = Replay {
            sig,
            earlier: &earlier,
            names: &names,
            duplicated: &duplicated,
        };
        let result = replay
            .theorem(theorem, &mut tally)
            .map_err(|e| e.at(format!("theorem {}", theorem.name)));
        let status = match &result {
            Ok(equation) => Earlier::Accepted(equation.clone(), tally.axioms.clone()),
            Err(_) => Earlier::Rejected,
        };
        earlier.entry(theorem.name.clone()).or_insert(status);
        reports.push(TheoremReport {
            name: theorem.name.clone(),
            result: result.map(|_| ()),
            steps: tally.steps,
            axioms: tally.axioms.into_iter().collect(),
        });
    }
    reports
}

impl<'a> Replay<'a> {
    /// Checks one theorem, returning its statement as an equation.
    fn theorem(&self, theorem: &Theorem, tally: &mut Tally) -> Result<Equation, KernelError> {
        let name = &theorem.name;
        if !is_symbol(name) {
            return Err(KernelError::BadName {
                what: "theorem",
                name: name.clone(),
            });
        }
        if self.earlier.contains_key(name) || self.sig.axioms.contains_key(name) {
            return Err(KernelError::DuplicateName {
                what: "theorem",
                name: name.clone(),
            });
        }
        let (statement, equation) = self
            .sig
            .statement(&theorem.statement)
            .map_err(|e| e.at("statement"))?;
        let Some(equation) = equation else {
            return Err(KernelError::StatementNotEquation {
                statement: statement.to_string(),
            });
        };
        let goal = Goal {
            rigid: equation.vars.clone(),
            hyps: Vec::new(),
            lhs: equation.lhs.clone(),
            rhs: equation.rhs.clone(),
        };
        self.proof(&theorem.proof, &goal, "proof", 0, tally)?;
        Ok(equation)
    }

    /// Checks that `proof` proves `goal`; `site` is the proof's path in the certificate.
    fn proof(
        &self,
        proof: &Proof,
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        match proof {
            Proof::Chain { steps } => {
                let mut current = goal.lhs.clone();
                for (i, step) in steps.iter().enumerate() {
                    current = self
                        .step(step, goal, &current, tally)
                        .map_err(|e| e.at(format!("{site}.steps[{i}]")))?;
                }
                if current != goal.rhs {
                    let expected = goal.rhs.to_string();
                    let found = current.to_string();
                    return Err(KernelError::ChainEndMismatch { expected, found }.at(site));
                }
                Ok(())
            }
            Proof::Induction { .. } if depth >= MAX_PROOF_DEPTH => {
                let limit = MAX_PROOF_DEPTH;
                Err(KernelError::TooDeep { limit }.at(site))
            }
            Proof::Induction { var, cases } => self.induction(var, cases, goal, site, depth, tally),
            Proof::Cases { .. } | Proof::Contradiction { .. } => {
                Err(KernelError::StatementNotEquation {
                    statement: "not yet".into(),
                }
                .at(site))
            }
        }
    }

    /// Checks a structural induction on `var` (spec 5.1), rebuilding every case's goal.
    fn induction(
        &self,
        var: &str,
        cases: &[Case],
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        let Some((_, sort)) = goal.rigid.iter().find(|(v, _)| v == var) else {
            let var = var.to_string();
            return Err(KernelError::UnknownInductionVar { var }.at(site));
        };
        let constructors = self.sig.sorts.get(sort).map(Vec::as_slice);
        let constructors = constructors.unwrap_or_default();
        if constructors.is_empty() {
            let (var, sort) = (var.to_string(), sort.clone());
            return Err(KernelError::NotInductive { var, sort }.at(site));
        }
        let found: Vec<String> = cases.iter().map(|c| c.constructor.clone()).collect();
        if found != constructors {
            let expected = constructors.to_vec();
            return Err(KernelError::CaseMismatch { expected, found }.at(site));
        }
        // Hypotheses that do not mention `var` (free) are kept; the other rigid variables
        // that occur free in no kept hypothesis are generalised in the IH.
        let mut kept = goal.hyps.clone();
        kept.retain(|(_, h)| !h.mentions_free(var));
        let mut generalised = goal.rigid.clone();
        generalised.retain(|(v, _)| v != var && !kept.iter().any(|(_, h)| h.mentions_free(v)));
        for (i, case) in cases.iter().enumerate() {
            let here = format!("{site}.cases[{i}]");
            let args = self
                .sig
                .ops
                .get(&case.constructor)
                .map(|(a, _)| a.as_slice());
            let args = args.unwrap_or_default();
            self.check_fresh(var, case, args, goal)
                .map_err(|e| e.at(here.clone()))?;
            let mut rigid = goal.rigid.clone();
            rigid.retain(|(v, _)| v != var);
            rigid.extend(case.fresh.iter().cloned().zip(args.iter().cloned()));
            let mut hyps = kept.clone();
            for (name, _) in case.fresh.iter().zip(args).filter(|(_, s)| *s == sort) {
                let ih = format!("ih_{name}");
                if hyps.iter().any(|(h, _)| *h == ih) {
                    return Err(KernelError::HypothesisClash { name: ih }.at(here));
                }
                let to_fresh = BTreeMap::from([(var.to_string(), Term::Var(name.clone()))]);
                let equation = Equation {
                    vars: generalised.clone(),
                    lhs: goal.lhs.subst(&to_fresh),
                    rhs: goal.rhs.subst(&to_fresh),
                };
                hyps.push((ih, equation));
            }
            let fresh_vars = case.fresh.iter().map(|n| Term::Var(n.clone())).collect();
            let instance = Term::App(case.constructor.clone(), fresh_vars);
            let to_case = BTreeMap::from([(var.to_string(), instance)]);
            let case_goal = Goal {
                rigid,
                hyps,
                lhs: goal.lhs.subst(&to_case),
                rhs: goal.rhs.subst(&to_case),
            };
            let site = format!("{here}.proof");
            self.proof(&case.proof, &case_goal, &site, depth + 1, tally)?;
        }
        Ok(())
    }

    /// Checks a case's fresh names against the constructor's arguments and the context.
    fn check_fresh(
        &self,
        var: &str,
        case: &Case,
        args: &[String],
        goal: &Goal,
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
            } else if name != var && goal.rigid.iter().any(|(v, _)| v == name) {
                "it is already a variable of the context"
            } else {
                continue;
            };
            let name = name.clone();
            return Err(KernelError::BadFreshName { name, reason });
        }
        Ok(())
    }

    /// Finds the rule a step cites; returns it with the axioms citing it rests on.
    fn rule<'c>(
        &self,
        step: &Step,
        goal: &'c Goal,
    ) -> Result<(&'c Equation, Vec<String>), KernelError>
    where
        'a: 'c,
    {
        let rule = step.rule.clone();
        let unknown = |kind| KernelError::UnknownRule {
            kind,
            rule: step.rule.clone(),
        };
        match step.kind {
            StepKind::Axiom => match self.sig.axioms.get(&step.rule) {
                Some(Some(equation)) => Ok((equation, vec![rule])),
                Some(None) => Err(KernelError::RuleNotEquation { rule }),
                None => Err(unknown("axiom")),
            },
            StepKind::Theorem => match self.earlier.get(&step.rule) {
                None if self.names.contains(&step.rule) => {
                    Err(KernelError::TheoremCitedBeforeProved { rule })
                }
                None => Err(unknown("theorem")),
                Some(_) if self.duplicated.contains(&step.rule) => {
                    Err(KernelError::CitedTheoremRejected { rule })
                }
                Some(Earlier::Rejected) => Err(KernelError::CitedTheoremRejected { rule }),
                Some(Earlier::Accepted(equation, axioms)) => {
                    Ok((equation, axioms.iter().cloned().collect()))
                }
            },
            StepKind::Hyp => match goal.hyps.iter().find(|(name, _)| *name == step.rule) {
                Some((_, equation)) => Ok((equation, Vec::new())),
                None => Err(unknown("ih")),
            },
        }
    }

    /// Checks one step from `current`; returns the rewritten term.
    fn step(
        &self,
        step: &Step,
        goal: &Goal,
        current: &Term,
        tally: &mut Tally,
    ) -> Result<Term, KernelError> {
        let (rule, axioms) = self.rule(step, goal)?;
        if let Some((var, _)) = rule.vars.iter().find(|(v, _)| !step.subst.contains_key(v)) {
            return Err(KernelError::SubstMissingVar {
                rule: step.rule.clone(),
                var: var.clone(),
            });
        }
        let mut map = BTreeMap::new();
        for (name, text) in &step.subst {
            let Some((_, sort)) = rule.vars.iter().find(|(v, _)| v == name) else {
                return Err(KernelError::SubstUnknownVar {
                    rule: step.rule.clone(),
                    var: name.clone(),
                });
            };
            let in_subst = |e: KernelError| e.at(format!("subst `{name}`"));
            let (value, found) = self.sig.parse_term(text, &goal.rigid).map_err(in_subst)?;
            if &found != sort {
                return Err(in_subst(KernelError::SortMismatch {
                    term: value.to_string(),
                    expected: sort.clone(),
                    found,
                }));
            }
            map.insert(name.clone(), value);
        }
        let (from, to) = match step.dir {
            Dir::Lr => (&rule.lhs, &rule.rhs),
            Dir::Rl => (&rule.rhs, &rule.lhs),
        };
        let bad_position = || KernelError::BadPosition {
            pos: step.pos.clone(),
            term: current.to_string(),
        };
        let found = current.at(&step.pos).ok_or_else(bad_position)?;
        let expected = from.subst(&map);
        if found != &expected {
            return Err(KernelError::SubtermMismatch {
                pos: step.pos.clone(),
                expected: expected.to_string(),
                found: found.to_string(),
            });
        }
        let result = current
            .replace_at(&step.pos, to.subst(&map))
            .ok_or_else(bad_position)?;
        let (written, _) = self
            .sig
            .parse_term(&step.term, &goal.rigid)
            .map_err(|e| e.at("term"))?;
        if written != result {
            return Err(KernelError::ResultMismatch {
                expected: result.to_string(),
                found: written.to_string(),
            });
        }
        tally.steps += 1;
        tally.axioms.extend(axioms);
        Ok(result)
    }
}
