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
//! - the result depends only on the theory, the goals, the rules and the limits (never on
//!   timing, except when a time limit is hit).

use super::block::{saturate, BlockOutcome};
use super::equation::{axiom_equations, Equation, Goal, RuleKind};
use super::induction;
use super::limits::Limits;
use super::rewrite::{expr, rewrites, Rule};
use super::sequent::{Sequent, SequentProver};
use crate::engine::explain;
use crate::mpl::{Theory, Var};
use ergo_kernel::format::{Case, Proof};
use std::time::{Duration, Instant};

/// How a theorem was proved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    /// By rewriting alone.
    Direct,
    /// By structural induction on the named variable.
    Induction(String),
    /// By a case split on the named variable.
    Cases(String),
    /// By a contradiction among the hypotheses.
    Contradiction,
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Method::Direct => f.write_str("direct"),
            Method::Induction(v) => write!(f, "induction on {v}"),
            Method::Cases(v) => write!(f, "case split on {v}"),
            Method::Contradiction => f.write_str("contradiction"),
        }
    }
}

/// A proved goal.
#[derive(Clone, Debug)]
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
#[derive(Clone, Debug)]
pub enum Attempt {
    /// Proved, with its certificate proof.
    Proved(Proved),
    /// Not proved; the reason (budget exhausted, unsupported shape).
    Unproved {
        /// The goal's name.
        name: String,
        /// Why.
        reason: String,
        /// Time spent.
        elapsed: Duration,
    },
}

/// Options of a proving run.
#[derive(Clone, Copy, Debug)]
pub struct ProverConfig {
    /// Budget of each saturation run.
    pub limits: Limits,
    /// Whether induction may be used.
    pub induction: bool,
    /// Wall-clock budget of one goal (all its methods and subgoals together).
    pub goal_timeout: Duration,
    /// How deep inductions and case splits may nest when proving a clause (a goal with
    /// premises or a negated conclusion).
    pub split_depth: usize,
}

impl Default for ProverConfig {
    fn default() -> Self {
        ProverConfig {
            limits: Limits::default(),
            induction: true,
            goal_timeout: Duration::from_secs(30),
            split_depth: 3,
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
    config: ProverConfig,
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
            config,
        };
        for eq in equations {
            p.add_rule(eq);
        }
        p
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
        self.rules.push(eq);
    }

    /// Tries to prove `goal`, named `name`.
    pub fn prove(&mut self, name: &str, goal: &Goal) -> Attempt {
        if !goal.is_plain() {
            return self.prove_clause(name, goal);
        }
        let start = Instant::now();
        let deadline = start + self.config.goal_timeout;
        let mut last = match self.join(goal, &[], deadline) {
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
                if Instant::now() >= deadline {
                    last = format!(
                        "out of budget: goal timeout of {:.3} s",
                        self.config.goal_timeout.as_secs_f64()
                    );
                    break;
                }
                match self.by_induction(goal, v, deadline) {
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
        // Rewriting alone could not use the clauses: when one of them concludes an
        // equation over the goal's operators (a conditional definition, say of a
        // predicate), the sequent prover, which fires clauses, gets its turn.
        if self.clause_concludes_over(goal) {
            if let Attempt::Proved(p) = self.prove_clause(name, goal) {
                return Attempt::Proved(Proved {
                    elapsed: start.elapsed(),
                    ..p
                });
            }
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
    /// and nested inductions and case splits.
    fn prove_clause(&mut self, name: &str, goal: &Goal) -> Attempt {
        let start = Instant::now();
        let deadline = start + self.config.goal_timeout;
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
            self.config.limits,
            deadline,
        );
        match prover.prove(&seq, depth) {
            Ok(proof) => {
                let method = match &proof {
                    Proof::Chain { .. } => Method::Direct,
                    Proof::Induction { var, .. } => Method::Induction(var.clone()),
                    Proof::Cases { var, .. } => Method::Cases(var.clone()),
                    Proof::Contradiction { .. } => Method::Contradiction,
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
    fn by_induction(
        &mut self,
        goal: &Goal,
        v: Var,
        deadline: Instant,
    ) -> Option<Result<(Proof, usize), String>> {
        let (signature, names) = self.theory.supply();
        let cases = induction::cases(signature, names, goal, v)?;
        let mut out = Vec::new();
        let mut total = 0;
        for case in cases {
            match self.join(&case.goal, &case.hypotheses, deadline) {
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
                    return Some(Err(format!(
                        "induction on {}: case {}: {why}",
                        self.theory.name(v.name),
                        case.constructor
                    )))
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
        deadline: Instant,
    ) -> Result<Vec<ergo_kernel::format::Step>, String> {
        let (l, r) = (expr(&self.theory, &goal.lhs), expr(&self.theory, &goal.rhs));
        let mut rules = self.rewrites.clone();
        for h in hypotheses {
            rules.extend(rewrites(&self.theory, h));
        }
        let mut limits = self.config.limits;
        limits.time = limits
            .time
            .min(deadline.saturating_duration_since(Instant::now()));
        if limits.time.is_zero() {
            return Err(format!(
                "out of budget: goal timeout of {:.3} s",
                self.config.goal_timeout.as_secs_f64()
            ));
        }
        match saturate(&l, &r, &rules, limits, false).0 {
            BlockOutcome::Joined => {}
            BlockOutcome::Unproved(why) => return Err(why.to_string()),
        }
        let (outcome, mut runner) = saturate(&l, &r, &rules, limits, true);
        if let BlockOutcome::Unproved(why) = outcome {
            return Err(format!("joined, but the explaining re-run did not: {why}"));
        }
        let mut explanation = runner.explain_equivalence(&l, &r);
        let flat = explanation.make_flat_explanation();
        let eqs: Vec<&Equation> = self.rules.iter().chain(hypotheses).collect();
        explain::steps(&self.theory, flat, &eqs).map_err(|e| e.to_string())
    }
}

/// The number of rewrite steps of a proof, premise proofs included.
pub fn count_steps(proof: &Proof) -> usize {
    match proof {
        Proof::Chain { steps } => steps
            .iter()
            .map(|s| 1 + s.premises.iter().map(count_steps).sum::<usize>())
            .sum(),
        Proof::Induction { cases, .. } | Proof::Cases { cases, .. } => {
            cases.iter().map(|c| count_steps(&c.proof)).sum()
        }
        Proof::Contradiction { premises, .. } => premises.iter().map(count_steps).sum(),
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
