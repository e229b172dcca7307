//! Goal-directed proving with a single logic block per subgoal.
//!
//! A goal `∀ V. l = r` is tried by saturation alone, then by structural induction on each
//! variable of an inductive sort in order; the first method whose every subgoal joins
//! wins. A proved theorem becomes a rewrite rule for the goals after it (unless the
//! caller proves goals independently).
//!
//! Invariants:
//! - every proof returned carries certificate steps re-derived from egg explanations;
//!   a join that cannot be explained is reported as unproved, never as proved;
//! - the result depends only on the theory, the goals, the rules and the limits (all
//!   counts), never on timing; a [`Cancel`] (the `prove --timeout`) is looked at between
//!   saturation runs only, so it may leave a goal unproved ([`Failure::Stopped`]) but
//!   never changes a proof that is found.

use super::block::{saturate, BlockOutcome};
use super::blocking::MatchPositions;
use super::cancel::Cancel;
use super::equation::{axiom_equations, Equation, Goal, RuleKind};
use super::failure::Failure;
use super::induction;
use super::limits::{
    Limits, BLOCK_SPLIT_DEPTH, CLAUSE_BLOCKS, NESTED_BLOCKS, PROVE_SPLIT_DEPTH,
    SHALLOW_NESTED_BLOCKS,
};
use super::rewrite::{expr, rewrites, Rule};
use super::sequent::{Sequent, SequentProver};
use crate::engine::explain;
use crate::mpl::{Theory, Var};
use ergo_kernel::format::{Case, Proof};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// How a theorem was proved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// By rewriting alone.
    Direct,
    /// By structural induction on the named variable.
    Induction(String),
    /// By a case split on the named variable.
    Cases(String),
    /// By a case split on the given term (printed as in the certificate).
    Split(String),
    /// By a contradiction among the hypotheses.
    Contradiction,
    /// By a witness for an existential goal.
    Witness,
    /// By opening an existential (∃-elimination) first.
    Obtain,
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Method::Direct => f.write_str("direct"),
            Method::Induction(v) => write!(f, "induction on {v}"),
            Method::Cases(v) => write!(f, "case split on {v}"),
            Method::Split(t) => write!(f, "case split on {t}"),
            Method::Contradiction => f.write_str("contradiction"),
            Method::Witness => f.write_str("witness"),
            Method::Obtain => f.write_str("obtain"),
        }
    }
}

/// A proved goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proved {
    /// The theorem's name.
    pub name: String,
    /// What was proved.
    pub goal: Goal,
    /// How.
    pub method: Method,
    /// The certificate proof.
    pub proof: Proof,
    /// Number of rewrite steps in the proof.
    pub steps: usize,
    /// Wall-clock time spent on this goal.
    pub elapsed: Duration,
}

/// The outcome of one goal.
// A proved attempt is larger than a failed one; attempts are few (one per goal or block)
// and immediately consumed, so boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attempt {
    /// Proved, with its certificate proof.
    Proved(Proved),
    /// Not proved; the reason (budget exhausted, unsupported shape).
    Unproved {
        /// The goal's name.
        name: String,
        /// Why.
        reason: Failure,
        /// Time spent.
        elapsed: Duration,
    },
}

/// Options of a proving run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProverConfig {
    /// Budget of each saturation run.
    pub limits: Limits,
    /// Whether induction may be used.
    pub induction: bool,
    /// How deep inductions and case splits may nest when proving a clause (a goal with
    /// premises or a negated conclusion).
    pub split_depth: usize,
    /// Logic blocks the nested case analysis of a plain goal may run after one
    /// induction failed (0: none).
    #[serde(default)]
    pub nested_blocks: usize,
    /// Logic blocks the sequent search of a clause goal may run (`None`: as many as its
    /// split depth leads to).
    #[serde(default)]
    pub clause_blocks: Option<usize>,
}

impl Default for ProverConfig {
    fn default() -> Self {
        ProverConfig {
            limits: Limits::default(),
            induction: true,
            split_depth: PROVE_SPLIT_DEPTH,
            nested_blocks: NESTED_BLOCKS,
            clause_blocks: Some(CLAUSE_BLOCKS),
        }
    }
}

impl ProverConfig {
    /// The budget of an exploration block (`ergo derive`, lemma discovery): see
    /// [`Limits::block`], with induction, splits nested [`BLOCK_SPLIT_DEPTH`] deep.
    pub fn block() -> ProverConfig {
        ProverConfig {
            limits: Limits::block(),
            induction: true,
            split_depth: BLOCK_SPLIT_DEPTH,
            nested_blocks: 0,
            clause_blocks: None,
        }
    }
}

/// A prover over one theory: the axioms' equations plus the theorems admitted so far.
pub struct Prover {
    /// Its own handle on the theory: the shared signature, and the fresh names its
    /// inductions make (never seen by other provers).
    theory: Theory,
    rules: Vec<Equation>,
    rewrites: Vec<Rule>,
    /// The match positions of the definitions among `rules` (kept with them).
    positions: MatchPositions,
    config: ProverConfig,
    cancel: Cancel,
    /// Whether a clause goal's proof is read (false: the verdict only, see
    /// [`Prover::verdict_only`]).
    explain: bool,
}

impl Prover {
    /// A prover whose rules are the theory's equational axioms.
    pub fn new(theory: &Theory, config: ProverConfig) -> Prover {
        Prover::with_equations(theory, axiom_equations(theory), config)
    }

    /// A prover whose rules are exactly `equations` (axioms and theorems, chosen by the
    /// caller).
    pub fn with_equations(
        theory: &Theory,
        equations: Vec<Equation>,
        config: ProverConfig,
    ) -> Prover {
        let mut p = Prover {
            theory: theory.clone(),
            rules: Vec::new(),
            rewrites: Vec::new(),
            positions: MatchPositions::default(),
            config,
            cancel: Cancel::never(),
            explain: true,
        };
        for eq in equations {
            p.add_rule(eq);
        }
        p
    }

    /// Looks at `cancel` between saturation runs (a goal found cancelled is reported
    /// unproved, [`Failure::Stopped`]).
    pub fn with_cancel(mut self, cancel: Cancel) -> Prover {
        self.cancel = cancel;
        self
    }

    /// Decides clause goals without reading their proofs: a proved clause goal carries
    /// an empty chain. For checks that keep the verdict alone.
    pub fn verdict_only(mut self) -> Prover {
        self.explain = false;
        self
    }

    /// The theory the prover works in (with any fresh names it interned).
    pub fn theory(&self) -> &Theory {
        &self.theory
    }

    /// Admits a proved theorem as a rewrite rule for later goals.
    pub fn admit(&mut self, proved: &Proved) {
        self.add_rule(
            proved
                .goal
                .clone()
                .into_equation(RuleKind::Theorem, &proved.name),
        );
    }

    fn add_rule(&mut self, eq: Equation) {
        self.rewrites.extend(rewrites(&self.theory, &eq));
        self.positions.add(&self.theory, &eq);
        self.rules.push(eq);
    }

    /// Tries to prove `goal`, named `name`.
    pub fn prove(&mut self, name: &str, goal: &Goal) -> Attempt {
        if !goal.is_plain() {
            return self.prove_clause(name, goal, Search::Clause);
        }
        let start = Instant::now();
        let mut last = match self.join(goal, &[]) {
            Ok(steps) => {
                let n = steps.len();
                return Attempt::Proved(Proved {
                    name: name.to_string(),
                    goal: goal.clone(),
                    method: Method::Direct,
                    proof: Proof::Chain { steps },
                    steps: n,
                    elapsed: start.elapsed(),
                });
            }
            Err(why) => why,
        };
        if self.config.induction {
            for v in goal.rigid.clone() {
                if let Some(why) = self.cancel.check() {
                    last = Failure::Stopped(why);
                    break;
                }
                match self.by_induction(goal, v) {
                    Some(Ok((proof, steps))) => {
                        return Attempt::Proved(Proved {
                            name: name.to_string(),
                            goal: goal.clone(),
                            method: Method::Induction(self.theory.name(v.name).to_string()),
                            proof,
                            steps,
                            elapsed: start.elapsed(),
                        })
                    }
                    Some(Err(why)) => last = why,
                    None => {}
                }
            }
        }
        // Rewriting could not use the clauses, or one induction was not enough: the
        // sequent prover fires clauses and nests inductions and case splits (on
        // variables and on blocking terms, such as an `ite`'s condition). It gets its
        // turn when a clause concludes an equation over the goal's operators (a
        // conditional definition, say of a predicate), and, within a budget of logic
        // blocks, whenever the config allows nested splits.
        let search = if self.clause_concludes_over(goal) {
            Some(Search::Clause)
        } else if self.config.induction
            && self.config.split_depth > 1
            && self.config.nested_blocks > 0
            && self.positions.suggest_case_analysis(&self.theory)
        {
            Some(Search::Nested(self.config.nested_blocks))
        } else {
            None
        };
        if let (None, Some(search)) = (self.cancel.check(), search) {
            if let Attempt::Proved(p) = self.prove_clause(name, goal, search) {
                return Attempt::Proved(Proved {
                    elapsed: start.elapsed(),
                    ..p
                });
            }
        }
        if let Some(why) = self.cancel.check() {
            last = Failure::Stopped(why);
        }
        Attempt::Unproved {
            name: name.to_string(),
            reason: last,
            elapsed: start.elapsed(),
        }
    }

    /// Whether some clause rule (with premises, concluding an equation) mentions in its
    /// conclusion an operator of `goal` other than a constructor.
    fn clause_concludes_over(&self, goal: &Goal) -> bool {
        let mut ops = std::collections::BTreeSet::new();
        goal.lhs.operators_into(&mut ops);
        goal.rhs.operators_into(&mut ops);
        ops.retain(|o| !self.theory.op(*o).constructor);
        self.rules.iter().any(|r| {
            let mut used = std::collections::BTreeSet::new();
            r.lhs.operators_into(&mut used);
            r.rhs.operators_into(&mut used);
            !r.premises.is_empty() && !r.negated && used.iter().any(|o| ops.contains(o))
        })
    }

    /// Proves a clause goal (premises, or a negated conclusion) with the sequent prover:
    /// the plain rules as rewrites, the clauses as conditional rules and contradictions,
    /// and nested inductions and case splits, as `search` says.
    fn prove_clause(&mut self, name: &str, goal: &Goal, search: Search) -> Attempt {
        let start = Instant::now();
        let seq = Sequent::open(goal);
        let depth = if self.config.induction {
            self.config.split_depth
        } else {
            0
        };
        let mut prover = SequentProver::new(
            &self.theory,
            &self.rules,
            &self.rewrites,
            &self.positions,
            self.config.limits,
            &self.cancel,
        );
        if !self.explain {
            prover = prover.verdict_only();
        }
        let proved = match search {
            Search::Clause => match self.config.clause_blocks {
                Some(blocks) => prover.with_max_blocks(blocks).prove(&seq, depth),
                None => prover.prove(&seq, depth),
            },
            // Depth 1 (one split with free condition splits below it) is searched
            // again only where the budget leaves room for depth 2 after it; a small
            // budget (an exploration block's) goes to depth 2 at once.
            Search::Nested(blocks) => {
                let from = if blocks >= SHALLOW_NESTED_BLOCKS {
                    1
                } else {
                    2
                };
                prover
                    .with_max_blocks(blocks)
                    .enumeration_splits_only()
                    .prove_between(&seq, from, depth)
            }
        };
        match proved {
            Ok(proof) => {
                let method = match &proof {
                    Proof::Chain { .. } => Method::Direct,
                    Proof::Induction { var, .. } => Method::Induction(var.clone()),
                    Proof::Cases { var, .. } => Method::Cases(var.clone()),
                    Proof::Split { term, .. } => Method::Split(term.clone()),
                    Proof::Contradiction { .. } => Method::Contradiction,
                    Proof::Witness { .. } => Method::Witness,
                    Proof::Obtain { .. } => Method::Obtain,
                };
                Attempt::Proved(Proved {
                    name: name.to_string(),
                    goal: goal.clone(),
                    method,
                    steps: count_steps(&proof),
                    proof,
                    elapsed: start.elapsed(),
                })
            }
            Err(reason) => Attempt::Unproved {
                name: name.to_string(),
                reason,
                elapsed: start.elapsed(),
            },
        }
    }

    /// Induction on `v`: `None` if its sort is not inductive, else the proof and its step
    /// count, or the reason the first failing case failed.
    fn by_induction(&mut self, goal: &Goal, v: Var) -> Option<Result<(Proof, usize), Failure>> {
        let (signature, names) = self.theory.supply();
        let cases = induction::cases(signature, names, goal, v)?;
        let mut out = Vec::new();
        let mut total = 0;
        for case in cases {
            match self.join(&case.goal, &case.hypotheses) {
                Ok(steps) => {
                    total += steps.len();
                    out.push(Case {
                        constructor: case.constructor.clone(),
                        fresh: case
                            .fresh
                            .iter()
                            .map(|f| self.theory.name(f.name).to_string())
                            .collect(),
                        proof: Proof::Chain { steps },
                    });
                }
                Err(why) => {
                    return Some(Err(Failure::Induction {
                        var: self.theory.name(v.name).to_string(),
                        constructor: case.constructor.clone(),
                        case: Box::new(why),
                    }))
                }
            }
        }
        Some(Ok((
            Proof::Induction {
                var: self.theory.name(v.name).to_string(),
                cases: out,
            },
            total,
        )))
    }

    /// Joins the two sides of `goal` by saturation with the prover's rules plus
    /// `hypotheses`, and explains the join as certificate steps.
    fn join(
        &self,
        goal: &Goal,
        hypotheses: &[Equation],
    ) -> Result<Vec<ergo_kernel::format::Step>, Failure> {
        if let Some(why) = self.cancel.check() {
            return Err(Failure::Stopped(why));
        }
        let (l, r) = (expr(&self.theory, &goal.lhs), expr(&self.theory, &goal.rhs));
        let mut rules = self.rewrites.clone();
        for h in hypotheses {
            rules.extend(rewrites(&self.theory, h));
        }
        let limits = self.config.limits;
        match saturate(&l, &r, &rules, limits, false).0 {
            BlockOutcome::Joined => {}
            BlockOutcome::Unproved(why) => return Err(Failure::Exhausted(why)),
        }
        let (outcome, mut runner) = saturate(&l, &r, &rules, limits, true);
        if let BlockOutcome::Unproved(why) = outcome {
            return Err(Failure::ExplainRerun(why));
        }
        let mut explanation = runner.explain_equivalence(&l, &r);
        if explain::flat_steps(&explanation).is_none() {
            let why = explain::ExplainError::TooLong(explain::MAX_EXPLANATION_STEPS);
            return Err(Failure::Explain(why.to_string()));
        }
        let flat = explanation.make_flat_explanation();
        let eqs: Vec<&Equation> = self.rules.iter().chain(hypotheses).collect();
        explain::steps(&self.theory, flat, &eqs).map_err(|e| Failure::Explain(e.to_string()))
    }
}

/// How the sequent prover searches a goal.
#[derive(Clone, Copy, Debug)]
enum Search {
    /// A clause goal (or a plain one whose operators a clause concludes about): every
    /// depth from 0, every kind of split, no budget but the cancellation.
    Clause,
    /// A plain goal that one induction did not prove: splits nested 2 deep and more,
    /// on variables and on blocking terms of enumeration sorts, within this many logic
    /// blocks.
    Nested(usize),
}

/// The number of rewrite steps of a proof, premise proofs included.
pub fn count_steps(proof: &Proof) -> usize {
    match proof {
        Proof::Chain { steps } => steps
            .iter()
            .map(|s| 1 + s.premises.iter().map(count_steps).sum::<usize>())
            .sum(),
        Proof::Induction { cases, .. }
        | Proof::Cases { cases, .. }
        | Proof::Split { cases, .. } => cases.iter().map(|c| count_steps(&c.proof)).sum(),
        Proof::Contradiction { premises, .. } => premises.iter().map(count_steps).sum(),
        Proof::Witness { proofs, .. } => proofs.iter().map(count_steps).sum(),
        Proof::Obtain {
            premises, proof, ..
        } => premises.iter().map(count_steps).sum::<usize>() + count_steps(proof),
    }
}

/// Proves every goal of `goals` in order, each proved goal admitted for the later ones.
pub fn prove_in_order(
    theory: &Theory,
    goals: &[(String, Goal)],
    config: ProverConfig,
) -> Vec<Attempt> {
    let mut prover = Prover::new(theory, config);
    goals
        .iter()
        .map(|(name, goal)| {
            let a = prover.prove(name, goal);
            if let Attempt::Proved(p) = &a {
                prover.admit(p);
            }
            a
        })
        .collect()
}
