//! Goal-directed proving that finds its own lemmas.
//!
//! A goal is first tested on ground instances (a false goal is refuted with the
//! instance, before any proof search), then tried by saturation and induction with the
//! given rules. When that fails, lemmas are speculated from its stuck induction cases
//! ([`super::speculate`]) and laws about the relations it depends on are proposed and
//! proved ([`super::relation_laws`]; first, for a goal that states a relation's value),
//! the goal tried again after each. When that fails too, the explorer of `ergo derive`
//! runs over the operators the goal depends on, smallest conjectures first; after every
//! round the goal is tried
//! again with the lemmas admitted so far, and the exploration stops as soon as it is
//! proved. The lemmas the final proof needs (transitively) become theorems of their own,
//! named `<goal>.<lemma>`, cited by the goal's proof and checked by the kernel like any
//! other theorem.
//!
//! The exploration stops through the round driver's typed decision: an [`Objective`]
//! that tries the goal after every barrier and says [`Decision::Stop`] once it is
//! proved. The `timeout` is a cancellation ([`Cancel`]) looked at between attempts and
//! rounds: it may leave the goal unproved ([`Failure::Stopped`]) but never changes a
//! proof that is found.
//!
//! Invariants: a lemma is only ever used after it was proved (by the explorer's blocks,
//! from the axioms, the given rules and earlier lemmas); the lemmas returned are in
//! admission order, which is a dependency order; running out of budget is an outcome.

use super::cancel::{Cancel, StopReason};
use super::conjecture::{with_variables, Conjecturer, ConjecturerConfig};
use super::driver::{Decision, Objective};
use super::equation::{Equation, Goal, RuleKind};
use super::explore::{explore_until, DeriveConfig, Derived};
use super::failure::Failure;
use super::grid::Executor;
use super::limits::{LAW_BLOCKS, LAW_SPLIT_DEPTH, RETRY_BLOCKS, RETRY_NESTED_BLOCKS};
use super::prover::{Attempt, Proved, Prover, ProverConfig};
use super::speculate::{SpeculateConfig, Speculation};
use crate::mpl::{OpId, Term, Theory, Var};
use ergo_kernel::format::{Proof, StepKind};
use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What became of one goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Proved; `lemmas` (each named `<goal>.<lemma>`) come first in the certificate.
    Proved {
        /// Discovered lemmas the proof needs, in dependency order.
        lemmas: Vec<Proved>,
        /// The goal's own proof.
        proof: Box<Proved>,
    },
    /// False: the two sides differ on this ground instance.
    Refuted {
        /// The instance: a value for every variable of the goal.
        instance: Vec<(Var, Term)>,
    },
    /// Not proved within the budget (or stopped by the timeout).
    Unproved {
        /// Why.
        reason: Failure,
    },
}

/// Options of goal-directed proving.
#[derive(Clone, Debug)]
pub struct DiscoverConfig {
    /// Budget and switches of each proof attempt of the goal itself.
    pub prover: ProverConfig,
    /// Whether to search for lemmas when the goal does not follow directly.
    pub lemmas: bool,
    /// The explorer used to find lemmas.
    pub explorer: DeriveConfig,
    /// Time limit of one goal: a cancellation looked at between attempts and rounds
    /// (never a budget: it may leave the goal unproved, never changes a proof found).
    pub timeout: Duration,
    /// The caller's stop flag (Ctrl-C), looked at like the timeout: between attempts and
    /// rounds. `None`: only the timeout stops a goal.
    pub stop: Option<Arc<AtomicBool>>,
}

/// The default time limit of one goal ([`DiscoverConfig::timeout`]).
pub const GOAL_TIMEOUT: Duration = Duration::from_secs(30);

impl Default for DiscoverConfig {
    fn default() -> Self {
        DiscoverConfig {
            prover: ProverConfig::default(),
            lemmas: true,
            // Lemmas are equations: a goal's conditional steps come from the axioms, its
            // premises and its induction hypotheses.
            explorer: DeriveConfig {
                conditional: None,
                ..DeriveConfig::default()
            },
            timeout: GOAL_TIMEOUT,
            stop: None,
        }
    }
}

/// `theory` extended with every name goal-directed proving may use; build goals and
/// print results over it.
pub fn prepare(theory: &Theory) -> Theory {
    with_variables(
        theory,
        &ConjecturerConfig {
            vars_per_sort: super::speculate::VARS_PER_SORT,
            ..ConjecturerConfig::default()
        },
    )
}

/// Proves `goal` (named `name`) from `rules` over `theory` (made by [`prepare`]),
/// discovering lemmas if needed; stops (unproved, [`Failure::Stopped`]) once the
/// config's `timeout` has passed, looked at between attempts and rounds.
pub fn prove_goal<E: Executor + ?Sized>(
    theory: &Theory,
    name: &str,
    goal: &Goal,
    rules: &[Equation],
    config: &DiscoverConfig,
    executor: &E,
) -> Outcome {
    let start = Instant::now();
    let cancel = match &config.stop {
        Some(flag) => Cancel::after(config.timeout).with_flag(flag.clone()),
        None => Cancel::after(config.timeout),
    };
    // 1. Refutation on ground instances.
    let mut conj = Conjecturer::new(theory, ConjecturerConfig::default(), Some(&BTreeSet::new()));
    if let Some(instance) = conj.clause_counterexample(goal) {
        return Outcome::Refuted { instance };
    }
    // 2. The goal with the given rules alone.
    let mut prover =
        Prover::with_equations(theory, rules.to_vec(), config.prover).with_cancel(cancel.clone());
    let first = match prover.prove(name, goal) {
        Attempt::Proved(proof) => {
            return Outcome::Proved {
                lemmas: Vec::new(),
                proof: Box::new(proof),
            }
        }
        Attempt::Unproved { reason, .. } => reason,
    };
    if !config.lemmas || !config.prover.induction {
        return Outcome::Unproved { reason: first };
    }
    // 3. Lemmas speculated from the stuck induction cases, proved recursively, and laws
    // about the goal's relations (conditional lemmas no equation states), proved and
    // added to the rules, after which the goal is tried again; the later steps start
    // from them. A goal that states a relation (`le(a, b) = true`) gets the laws first.
    let laws_first = super::relation_laws::states_a_relation(theory, goal);
    let mut rules = rules.to_vec();
    let mut laws: Vec<Proved> = Vec::new();
    let steps = if laws_first {
        [Step::Laws, Step::Speculation]
    } else {
        [Step::Speculation, Step::Laws]
    };
    for step in steps {
        match step {
            Step::Speculation if goal.is_plain() => {
                let mut spec =
                    Speculation::new(theory, &rules, config.prover, SpeculateConfig::default())
                        .with_cancel(cancel.clone());
                if let Some(mut proof) = spec.prove(name, goal) {
                    let names: Vec<String> = spec.lemmas.iter().map(|l| l.name.clone()).collect();
                    let rename = |p: &mut Proof| {
                        p.each_citation_mut(&mut |kind, rule| {
                            if kind == StepKind::Theorem && names.contains(rule) {
                                *rule = format!("{name}.{rule}");
                            }
                        })
                    };
                    rename(&mut proof.proof);
                    let mut lemmas = spec.lemmas;
                    for l in &mut lemmas {
                        rename(&mut l.proof);
                        l.name = format!("{name}.{}", l.name);
                    }
                    return proved_with(name, proof, laws, lemmas, start);
                }
            }
            Step::Speculation => {}
            // The laws about the relations the goal states first, then those about the
            // other relations it depends on; the goal is tried again after each.
            Step::Laws => {
                let stated = stated_operators(goal);
                let about_stated = |p| stated.contains(&p);
                let about_others = |p| !stated.contains(&p);
                for about in [&about_stated as &dyn Fn(_) -> bool, &about_others] {
                    let (with_laws, proved) =
                        relation_laws(theory, goal, &rules, about, config, &cancel, &mut conj);
                    rules = with_laws;
                    let new = !proved.is_empty();
                    laws.extend(proved);
                    if !new || cancel.check().is_some() {
                        continue;
                    }
                    let mut prover = Prover::with_equations(theory, rules.clone(), config.prover)
                        .with_cancel(cancel.clone());
                    if let Attempt::Proved(proof) = prover.prove(name, goal) {
                        return proved_with(name, proof, laws, Vec::new(), start);
                    }
                }
            }
        }
        if let Some(why) = cancel.check() {
            return Outcome::Unproved {
                reason: Failure::Stopped(why),
            };
        }
    }
    let rules = &rules[..];
    // 4. Lemma discovery: explore the goal's operators, retrying the goal after every
    // barrier that admitted something.
    let mut explorer = config.explorer.clone();
    explorer.operators = Some(goal.dependencies(rules));
    // The goal is retried after every barrier that admitted a lemma, each time with its
    // nested case analysis, until the retries have spent RETRY_NESTED_BLOCKS in all.
    let mut retry = Retry {
        theory,
        name,
        goal,
        rules,
        config: config.prover,
        nested_left: RETRY_NESTED_BLOCKS,
        cancel: &cancel,
        tried: 0,
        found: None,
    };
    let ex = explore_until(
        theory,
        explorer,
        executor,
        &cancel,
        &mut |_| {},
        Some(&mut retry),
    );
    let Some(proof) = retry.found else {
        let reason = match ex.stopped {
            Some(why @ (StopReason::TimeLimit(_) | StopReason::Interrupted)) => {
                Failure::Stopped(why)
            }
            _ => Failure::NoLemma {
                first: Box::new(first),
                conjectures: ex.conjectures,
                proved: ex.theorems.len(),
            },
        };
        return Outcome::Unproved { reason };
    };
    // 5. Keep the lemmas the proof needs, transitively, renamed `<goal>.<lemma>`.
    let lemmas: Vec<Proved> = ex
        .theorems
        .iter()
        .map(|d| {
            let mut p = d.proved.clone();
            p.name = format!("{name}.{}", p.name);
            rename_citations(&mut p.proof, name, &ex);
            p
        })
        .collect();
    proved_with(name, proof, laws, lemmas, start)
}

/// The goal proved by `proof`, with the relation laws and the other lemmas it needs
/// (transitively, in dependency order: laws first), every citation of a law renamed
/// `<goal>.<law>` like the law itself.
fn proved_with(
    name: &str,
    mut proof: Proved,
    laws: Vec<Proved>,
    lemmas: Vec<Proved>,
    start: Instant,
) -> Outcome {
    let law_names: Vec<String> = laws.iter().map(|l| l.name.clone()).collect();
    let rename = |p: &mut Proof| {
        p.each_citation_mut(&mut |kind, rule| {
            if kind == StepKind::Theorem && law_names.contains(rule) {
                *rule = format!("{name}.{rule}");
            }
        })
    };
    let mut all: Vec<Proved> = laws;
    for l in &mut all {
        l.name = format!("{name}.{}", l.name);
    }
    all.extend(lemmas);
    for l in &mut all {
        rename(&mut l.proof);
    }
    rename(&mut proof.proof);
    proof.elapsed = start.elapsed();
    Outcome::Proved {
        lemmas: needed_lemmas(&proof, all),
        proof: Box::new(proof),
    }
}

/// Proves the [`super::relation_laws`] of the goal's relations that hold on the ground
/// instances, each with the rules and the laws before it (a small budget: splits two
/// deep); returns the rules extended by the laws proved, and their proofs.
fn relation_laws(
    theory: &Theory,
    goal: &Goal,
    rules: &[Equation],
    about: &dyn Fn(OpId) -> bool,
    config: &DiscoverConfig,
    cancel: &Cancel,
    conj: &mut Conjecturer,
) -> (Vec<Equation>, Vec<Proved>) {
    let mut rules = rules.to_vec();
    let mut proved = Vec::new();
    let law_config = ProverConfig {
        limits: config.prover.limits.for_lemma(),
        split_depth: LAW_SPLIT_DEPTH,
        nested_blocks: 0,
        clause_blocks: Some(LAW_BLOCKS),
        ..config.prover
    };
    let laws = super::relation_laws::laws(theory, &goal.dependencies(&rules), about, conj);
    for law in laws {
        if cancel.check().is_some() {
            break;
        }
        let mut prover =
            Prover::with_equations(theory, rules.clone(), law_config).with_cancel(cancel.clone());
        let outcome = prover.prove(&law.name, &law.goal);
        log::debug!(target: "ergo::speculate", "relation law {}: {}", law.name, matches!(outcome, Attempt::Proved(_)));
        if let Attempt::Proved(mut p) = outcome {
            let taken: Vec<String> = rules.iter().map(|r| r.name.clone()).collect();
            p.name = super::naming::fresh(law.name.clone(), &taken);
            rules.push(p.goal.clone().into_equation(RuleKind::Theorem, &p.name));
            proved.push(p);
        }
    }
    (rules, proved)
}

/// The operators a goal's statement mentions (sides and premises).
fn stated_operators(goal: &Goal) -> BTreeSet<OpId> {
    let mut ops = BTreeSet::new();
    goal.lhs.operators_into(&mut ops);
    goal.rhs.operators_into(&mut ops);
    for (l, r) in &goal.premises {
        l.operators_into(&mut ops);
        r.operators_into(&mut ops);
    }
    ops
}

/// The two ways of finding lemmas before exploration, in the order a goal takes them.
enum Step {
    Speculation,
    Laws,
}

/// The objective of lemma discovery: after every barrier that admitted something new,
/// the goal is tried again with the given rules and every lemma admitted so far; once
/// it is proved, the exploration stops ([`StopReason::GoalReached`]).
struct Retry<'a> {
    theory: &'a Theory,
    name: &'a str,
    goal: &'a Goal,
    rules: &'a [Equation],
    config: ProverConfig,
    cancel: &'a Cancel,
    /// Lemmas admitted when the goal was last tried.
    tried: usize,
    /// Logic blocks of nested case analysis the remaining retries may still run (each
    /// retry is charged its full allowance, so the count does not depend on timing).
    nested_left: usize,
    found: Option<Proved>,
}

impl Objective for Retry<'_> {
    fn after_barrier(&mut self, admitted: &[Derived]) -> Decision {
        if admitted.len() == self.tried {
            return Decision::Continue; // nothing new to try the goal with
        }
        self.tried = admitted.len();
        let mut all = self.rules.to_vec();
        all.extend(admitted.iter().map(|d| {
            d.proved.goal.clone().into_equation(
                RuleKind::Theorem,
                &format!("{}.{}", self.name, d.proved.name),
            )
        }));
        let nested_blocks = self
            .config
            .nested_blocks
            .min(self.nested_left)
            .min(RETRY_BLOCKS);
        self.nested_left -= nested_blocks;
        let config = ProverConfig {
            nested_blocks,
            ..self.config
        };
        let mut prover =
            Prover::with_equations(self.theory, all, config).with_cancel(self.cancel.clone());
        match prover.prove(self.name, self.goal) {
            Attempt::Proved(p) => {
                self.found = Some(p);
                Decision::Stop(StopReason::GoalReached)
            }
            Attempt::Unproved { .. } => Decision::Continue,
        }
    }
}

/// The lemmas (in dependency order) that `proof` needs, transitively.
fn needed_lemmas(proof: &Proved, mut lemmas: Vec<Proved>) -> Vec<Proved> {
    let mut needed: BTreeSet<String> = BTreeSet::new();
    cited(&proof.proof, &mut needed);
    for l in lemmas.iter().rev() {
        if needed.contains(&l.name) {
            cited(&l.proof, &mut needed);
        }
    }
    lemmas.retain(|l| needed.contains(&l.name));
    lemmas
}

/// Renames the citations of explorer theorems in `proof` to `<goal>.<lemma>`.
fn rename_citations(proof: &mut Proof, goal: &str, ex: &super::explore::Exploration) {
    proof.each_citation_mut(&mut |kind, rule| {
        if kind == StepKind::Theorem && ex.theorems.iter().any(|d| d.proved.name == *rule) {
            *rule = format!("{goal}.{rule}");
        }
    });
}

/// The theorems a proof cites.
fn cited(proof: &Proof, out: &mut BTreeSet<String>) {
    proof.each_citation(&mut |kind, rule| {
        if kind == StepKind::Theorem {
            out.insert(rule.to_string());
        }
    });
}
