//! Goal-free exploration (`ergo derive`): conjecture, prove on the grid, admit at the
//! barrier, retry, compress.
//!
//! Per term size `n` (2, 3, ... up to the conjecturer's maximum):
//! 1. the conjecturer proposes the equations among terms of size `n`;
//! 2. proposals (with the ones still unproved from earlier sizes) that already follow
//!    from the admitted facts by rewriting are pruned (a check with a fifth of the
//!    exploration check's e-nodes, [`Limits::for_pruning`]); general laws first: a
//!    proposal that is a strict instance of another still in play (queued, failed or
//!    waiting), or a padded form of a smaller law (`x * y + 0 = y * x`), waits for it
//!    ([`super::generality`]) until the sweep at the end of the size;
//! 3. a round runs one logic block per remaining proposal on the executor, each block
//!    seeing an immutable snapshot of the admitted theorems, and only those over the
//!    operators its goal depends on (chosen, not broadcast);
//! 4. at the barrier, proved proposals are taken in their fixed order; each is admitted
//!    unless the theorems admitted before it already imply it by rewriting (checked in
//!    parallel first, see `State::barrier`); new theorems are named and replayed by the
//!    kernel (a rejected one is dropped);
//! 5. a failed proposal is retried after each new theorem it may use for its first five
//!    failures, then once those theorems have grown by half; at the end of each size,
//!    the failed proposals that have not seen every theorem and the waiting instances
//!    are tried once more (so no proposal is retried once per theorem: no cliff with
//!    many theorems).
//!
//! After the last size, the failed proposals are checked once more against every
//! theorem (one that a law admitted in the same last round implies is not reported as
//! unproved).
//!
//! Finally the essential subset is marked: going from the last theorem to the first,
//! a theorem that follows by rewriting from the axioms and the other essential theorems
//! is marked derived (the checks against all the others run in parallel first, see
//! `compress`).
//!
//! Rounds run through the one [`Driver`] (shared by the equational phase, the
//! conditional phase and lemma discovery); blocks are [`Block`] values against the
//! [`Snapshot`] of the admitted facts, and the barrier (`State::barrier`) is shared by
//! both phases too.
//!
//! Invariants: all shared state changes happen at barriers in a fixed order, so the
//! result does not depend on the number of threads; every budget inside a block is a
//! count, so it does not depend on the machine's speed or load either; the
//! cancellation (time limit, stop flag) and the caller's [`Objective`] are only looked
//! at between rounds and between pruning windows, and stopping keeps every admitted
//! theorem.

use super::block::{follows_by_rewriting, follows_without_induction, Block, Selection, Task};
use super::blocking::MatchPositions;
use super::cancel::{Cancel, StopReason};
use super::conditional::{conditional_conjectures, ConditionalConfig};
use super::conjecture::{Conjecture, Conjecturer, ConjecturerConfig};
use super::driver::{Decision, Driver, Objective};
use super::equation::{axiom_equations, Equation, Goal, RuleKind};
use super::generality::{collapsing_side, is_padded, is_strict_instance};
use super::grid::Executor;
use super::limits::Limits;
use super::naming::goal_name;
use super::outcome::Outcome;
use super::prover::{Proved, ProverConfig};
use super::queue::{order_key, Queue};
use super::snapshot::Snapshot;
use crate::mpl::{OpId, Term, Theory};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

mod compress;
mod conditional_phase;

use compress::compress;
use conditional_phase::conditional_phase;

/// Options of an exploration.
#[derive(Clone, Debug)]
pub struct DeriveConfig {
    /// Explore only terms over these operators (and variables); `None`: all of them.
    pub operators: Option<BTreeSet<OpId>>,
    /// Term enumeration and testing.
    pub conjecturer: ConjecturerConfig,
    /// Budget of each logic block.
    pub block: ProverConfig,
    /// Logic blocks an equational block's nested case analysis may run once its one
    /// induction failed (an induction with a split inside, for definitions that match on
    /// two arguments such as `take(S(n), cons(x, xs))`; see
    /// [`super::blocking::MatchPositions::suggest_case_analysis`]); 0: none. Only the
    /// equational phase uses it.
    pub nested_blocks: usize,
    /// Budget of the pruning and subsumption checks (saturation without induction).
    pub check: Limits,
    /// Conditional facts and disequations ([`super::conditional`]) after the equations;
    /// `None`: equations only.
    pub conditional: Option<ConditionalConfig>,
    /// The ground phase ([`super::ground`]: arithmetic facts over the theory's numerals)
    /// last, when the whole theory is explored (`operators` is `None`; with sort
    /// variables, the whole theory is its generic part, see [`super::generic`]).
    pub ground: bool,
}

impl DeriveConfig {
    /// The options of `ergo derive`: the defaults, with nested case analysis in the
    /// equational blocks ([`super::limits::DERIVE_NESTED_BLOCKS`]).
    pub fn goal_free() -> DeriveConfig {
        DeriveConfig {
            nested_blocks: super::limits::DERIVE_NESTED_BLOCKS,
            ..DeriveConfig::default()
        }
    }
}

impl Default for DeriveConfig {
    fn default() -> Self {
        DeriveConfig {
            operators: None,
            conjecturer: ConjecturerConfig::default(),
            block: ProverConfig::block(),
            nested_blocks: 0,
            check: Limits::explore_check(),
            conditional: Some(ConditionalConfig::default()),
            ground: true,
        }
    }
}

/// A theorem found by exploration.
#[derive(Clone, Debug)]
pub struct Derived {
    /// The proof (its name is the theorem's name).
    pub proved: Proved,
    /// Whether it belongs to the essential subset.
    pub essential: bool,
    /// The round that admitted it (1-based).
    pub round: usize,
}

/// What an exploration produced.
#[derive(Clone, Debug)]
pub struct Exploration {
    /// The theory, with the conjecturer's variable names interned.
    pub theory: Theory,
    /// Admitted theorems in admission (dependency) order.
    pub theorems: Vec<Derived>,
    /// Rounds run.
    pub rounds: usize,
    /// Terms built by the conjecturer.
    pub terms: usize,
    /// Conjectures proposed.
    pub conjectures: usize,
    /// Conjectures handed to logic blocks (counting retries).
    pub attempts: usize,
    /// Conjectures dropped before any block because a wider ground sample refutes them
    /// ([`Conjecturer::refuted_widely`]).
    pub refuted: usize,
    /// Proved conjectures dropped at the barrier as implied by earlier theorems.
    pub subsumed: usize,
    /// Proved conjectures the kernel rejected at a barrier (an engine bug if ever
    /// non-zero; they are dropped, never admitted).
    pub kernel_rejected: usize,
    /// Conjectures never proved.
    pub unproved: Vec<Conjecture>,
    /// Conditional facts and disequations proposed but never proved.
    pub unproved_clauses: Vec<Goal>,
    /// Ground facts ([`super::ground`]) planned but not proved.
    pub unproved_ground: Vec<String>,
    /// Why the exploration stopped early, if it did.
    pub stopped: Option<StopReason>,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// Where the time went: conjecturing, pruning, rounds of blocks, barriers,
    /// compression.
    pub phases: Phases,
}

/// Wall-clock time per phase of an exploration.
#[derive(Clone, Copy, Debug, Default)]
pub struct Phases {
    /// Term enumeration and testing.
    pub conjecture: Duration,
    /// Pruning proposals implied by the admitted facts.
    pub prune: Duration,
    /// Rounds of logic blocks.
    pub blocks: Duration,
    /// Barriers (subsumption, naming, admission).
    pub barrier: Duration,
    /// Marking the essential subset.
    pub compress: Duration,
    /// Conditional facts and disequations: proposing, pruning, proving, admitting.
    pub conditional: Duration,
    /// Ground facts over the numerals.
    pub ground: Duration,
    /// Inside the conditional phase: where its time went.
    pub conditional_parts: ConditionalParts,
    /// The kernel's replay of new theorems at every barrier (both phases; part of
    /// `barrier` and of `conditional`).
    pub replay: Duration,
    /// When the conditional phase started, since the exploration's start (the end of
    /// the equations; zero when it did not run).
    pub conditional_at: Duration,
    /// When compression started, since the exploration's start.
    pub compress_at: Duration,
}

/// Wall-clock time of the conditional phase's parts.
#[derive(Clone, Copy, Debug, Default)]
pub struct ConditionalParts {
    /// Proposing candidates (enumeration and ground evaluation; serial).
    pub propose: Duration,
    /// Dropping candidates the admitted facts give (checks on the executor).
    pub prune: Duration,
    /// Rounds of proving blocks (on the executor).
    pub blocks: Duration,
    /// Barriers: re-checks after an admission, naming, kernel replay.
    pub barrier: Duration,
}

/// A progress report, sent when a term size starts and after every round (for display
/// only: stopping early is the [`Objective`]'s and the [`Cancel`]'s business).
#[derive(Clone, Debug)]
pub struct Progress {
    /// Current term size.
    pub size: usize,
    /// Largest term size.
    pub max_size: usize,
    /// Rounds so far.
    pub rounds: usize,
    /// Conjectures waiting (unproved so far).
    pub pending: usize,
    /// Theorems admitted so far.
    pub theorems: usize,
}

impl Progress {
    fn new(size: usize, config: &DeriveConfig, rounds: usize, pending: usize, st: &State) -> Self {
        Progress {
            size,
            max_size: config.conjecturer.max_size,
            rounds,
            pending,
            theorems: st.admitted.len(),
        }
    }
}

fn eq_ops(e: &Equation) -> BTreeSet<OpId> {
    let mut s = BTreeSet::new();
    e.lhs.operators_into(&mut s);
    e.rhs.operators_into(&mut s);
    s
}

/// Conjectures per round. Fixed (never derived from the thread count), so that the
/// rounds, and hence the output, are the same for any number of threads.
const BATCH: usize = 16;
/// Candidates per round of the conditional phase. Larger than [`BATCH`]: there are few of
/// them (38 on Peano: one round) and their blocks differ most in length, and a round
/// waits for its longest block, so small rounds left a thread idle. A count, like
/// [`BATCH`]: the output is the same for any number of threads (Peano's certificate is
/// the one with 16 per round; derive on 2 threads 0.36 -> 0.30 s).
const COND_BATCH: usize = 48;
/// Conjectures checked for implication at a time while filling a batch.
const WINDOW: usize = 32;

struct State {
    snapshot: Snapshot,
    axioms: Vec<Equation>,
    admitted: Vec<Derived>,
    /// The barrier's kernel replay runs on this pool (as many threads as the executor).
    pool: rayon::ThreadPool,
    /// Time spent in kernel replays so far.
    replay_time: Duration,
}

/// How the barrier re-checks a proved goal against the facts admitted before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Recheck {
    /// Always (equations: a proved conjecture may follow from earlier theorems).
    Always,
    /// Only once this barrier admitted something (clauses: pruned before the round).
    AfterAdmission,
}

/// What a barrier did.
#[derive(Default)]
struct Admitted {
    subsumed: usize,
    kernel_rejected: usize,
}

impl State {
    fn theory(&self) -> &Theory {
        &self.snapshot.theory
    }

    /// Admits a proved `goal`: a readable name not yet taken, its rewrites, and the
    /// theorem (essential until compression says otherwise).
    fn admit(&mut self, goal: &Goal, mut p: Proved, round: usize) {
        let taken: Vec<String> = self
            .admitted
            .iter()
            .map(|d| d.proved.name.clone())
            .chain(self.axioms.iter().map(|a| a.name.clone()))
            .collect();
        p.name = goal_name(self.theory(), goal, &taken);
        let eq = goal.clone().into_equation(RuleKind::Theorem, &p.name);
        self.snapshot.push(eq);
        self.admitted.push(Derived {
            proved: p,
            essential: true,
            round,
        });
    }

    /// Whether `goal` (an equation or a clause) follows from the admitted facts without
    /// induction.
    fn implied(&self, goal: &Goal, limits: Limits) -> bool {
        Block {
            goal: goal.clone(),
            rules: Selection::All,
            task: Task::Check(limits),
        }
        .run(&self.snapshot)
        .is_proved()
    }

    /// The barrier: takes the outcomes of a round in block order; a proved goal is
    /// admitted (admission round `round`) unless `recheck` finds it implied by the
    /// facts admitted before it; `unproved` hears of every other goal, in order, with
    /// the state as it is at that point. Then replays the new theorems with the kernel.
    ///
    /// The checks run first, in parallel: each proved goal against the snapshot and
    /// every goal proved before it in this round ([`State::first_checks`]). Where
    /// every goal proved before it was admitted, that is the check's answer; a goal
    /// that does not follow from them all is not implied either (fewer rules do not
    /// join what more did not); only a goal that followed, after one that was not
    /// admitted, is checked again here, against what was.
    fn barrier(
        &mut self,
        goals: &[Goal],
        outcomes: Vec<Outcome>,
        recheck: Recheck,
        round: usize,
        check: Limits,
        unproved: &mut dyn FnMut(&State, usize),
    ) -> Admitted {
        let mut done = Admitted::default();
        let before = self.admitted.len();
        let first = self.first_checks(goals, &outcomes, recheck, check);
        let mut proved_before = 0;
        for (i, (goal, outcome)) in goals.iter().zip(outcomes).enumerate() {
            let Outcome::Proved(p) = outcome else {
                unproved(self, i);
                continue;
            };
            let admitted = self.admitted.len() - before;
            let implied = (recheck == Recheck::Always || admitted > 0)
                && match first[i] {
                    Some(false) => false,
                    Some(true) if admitted == proved_before => true,
                    _ => self.implied(goal, check),
                };
            proved_before += 1;
            if implied {
                done.subsumed += 1;
                continue;
            }
            self.admit(goal, *p, round);
        }
        if self.admitted.len() > before {
            let t = Instant::now();
            done.kernel_rejected = self.replay(before);
            self.replay_time += t.elapsed();
        }
        done
    }

    /// The barrier's first checks, in parallel on the replay pool: for each proved
    /// goal `i` that `recheck` may check, whether it follows without induction from the
    /// snapshot and the goals proved before it in the round (`None`: not checked).
    fn first_checks(
        &self,
        goals: &[Goal],
        outcomes: &[Outcome],
        recheck: Recheck,
        check: Limits,
    ) -> Vec<Option<bool>> {
        let mut snapshot = self.snapshot.clone();
        let base = snapshot.equations.len();
        let mut blocks: Vec<(usize, Block)> = Vec::new();
        for (i, (goal, outcome)) in goals.iter().zip(outcomes).enumerate() {
            if !matches!(outcome, Outcome::Proved(_)) {
                continue;
            }
            let proved_before = snapshot.equations.len() - base;
            if recheck == Recheck::Always || proved_before > 0 {
                let block = Block {
                    goal: goal.clone(),
                    rules: Selection::Prefix(snapshot.equations.len()),
                    task: Task::Check(check),
                };
                blocks.push((i, block));
            }
            let name = format!("proved.{proved_before}");
            snapshot.push(goal.clone().into_equation(RuleKind::Theorem, &name));
        }
        let snapshot = &snapshot;
        let found: Vec<bool> = self.pool.install(|| {
            use rayon::prelude::*;
            blocks
                .par_iter()
                .map(|(_, b)| b.run(snapshot).is_proved())
                .collect()
        });
        let mut first = vec![None; goals.len()];
        for ((i, _), f) in blocks.iter().zip(found) {
            first[*i] = Some(f);
        }
        first
    }

    /// The collapsing sides of the plain axioms and theorems (see
    /// [`super::generality::is_padded`]).
    fn collapsing(&self) -> Vec<Term> {
        self.snapshot
            .equations
            .iter()
            .filter(|e| e.is_plain())
            .filter_map(|e| collapsing_side(&e.lhs, &e.rhs).cloned())
            .collect()
    }

    /// The operators whose theorems a block for `goal` gets.
    fn allowed(&self, goal: &Goal) -> BTreeSet<OpId> {
        goal.dependencies(&self.axioms)
    }

    /// Replays the theorems admitted since `before` with the kernel, each against the
    /// earlier ones it may cite, in parallel ([`super::replay`]); drops the rejected ones
    /// and rebuilds the rules.
    /// Returns how many were dropped.
    fn replay(&mut self, before: usize) -> usize {
        let proved: Vec<&Proved> = self.admitted.iter().map(|d| &d.proved).collect();
        let fresh = super::replay::replay_new(self.theory(), &proved, before, &self.pool);
        let accepted: Vec<bool> = std::iter::repeat_n(true, before).chain(fresh).collect();
        let dropped = accepted.iter().skip(before).filter(|ok| !**ok).count();
        if dropped > 0 {
            let mut keep = accepted.into_iter();
            self.admitted.retain(|_| keep.next().unwrap_or(false));
            let mut eqs = self.axioms.clone();
            eqs.extend(self.admitted.iter().map(|d| {
                d.proved
                    .goal
                    .clone()
                    .into_equation(RuleKind::Theorem, &d.proved.name)
            }));
            self.snapshot.set_equations(eqs);
        }
        dropped
    }

    /// How many admitted theorems a block for `c` would get (a failed conjecture is
    /// retried when this grows).
    fn relevant_count(&self, c: &Conjecture) -> usize {
        let goal = c.goal();
        let allowed = self.allowed(&goal);
        self.admitted
            .iter()
            .filter(|d| {
                let eq = d.proved.goal.clone().into_equation(RuleKind::Theorem, "");
                eq_ops(&eq).is_subset(&allowed)
            })
            .count()
    }
}

/// Explores `theory` goal-free until done or `cancel` says stop (looked at between
/// rounds); `progress` hears of every new term size and every round.
pub fn explore<E: Executor + ?Sized>(
    theory: &Theory,
    config: DeriveConfig,
    executor: &E,
    cancel: &Cancel,
    progress: &mut dyn FnMut(&Progress),
) -> Exploration {
    explore_until(theory, config, executor, cancel, progress, None)
}

/// [`explore`], also asking `objective` after every barrier whether to go on (lemma
/// discovery stops once its goal is proved).
pub fn explore_until<'a, E: Executor + ?Sized>(
    theory: &Theory,
    config: DeriveConfig,
    executor: &'a E,
    cancel: &'a Cancel,
    progress: &mut dyn FnMut(&Progress),
    objective: Option<&'a mut dyn Objective>,
) -> Exploration {
    let start = Instant::now();
    // The whole theory: with sort variables, its generic instances (polymorphic laws),
    // without the Bool prelude's `ite` and connectives (see [`super::explored`]).
    let whole = config.operators.is_none();
    let mut config = config;
    if whole {
        config.operators = super::explored::explored_operators(theory);
    }
    let mut driver = Driver::new(executor, cancel).with_objective(objective);
    let mut conj = Conjecturer::new(theory, config.conjecturer, config.operators.as_ref());
    let theory = conj.theory().clone();
    let axioms = axiom_equations(&theory);
    let mut st = State {
        snapshot: Snapshot::new(theory.clone(), axioms.clone()),
        axioms,
        admitted: Vec::new(),
        pool: rayon::ThreadPoolBuilder::new()
            .num_threads(executor.threads().max(1))
            .thread_name(|i| format!("ergo-replay-{i}"))
            .build()
            .expect("a thread pool can be built"),
        replay_time: Duration::ZERO,
    };
    // The definitions' match positions: a conjecture's first block nests case splits
    // only where the definitions it depends on suggest them.
    let mut positions = MatchPositions::default();
    st.axioms.iter().for_each(|a| positions.add(&theory, a));
    let (mut conjectures, mut subsumed, mut kernel_rejected) = (0, 0, 0);
    let mut refuted = 0;
    // The keys of the conjectures that passed the wider test (a retry is not tested again).
    let mut widely_tested: BTreeSet<String> = BTreeSet::new();
    // Conjectures waiting for a block, in order; the failed ones, each with the number
    // of theorems relevant to it when it failed and how often it failed (see
    // `retry_due`); and those waiting for a more general conjecture still in play.
    let mut queue = Queue::default();
    let mut failed: Vec<(Conjecture, usize, usize)> = Vec::new();
    let mut waiting: Vec<Conjecture> = Vec::new();
    let mut tries: std::collections::BTreeMap<String, usize> = Default::default();
    let mut stopped = None;
    let mut phases = Phases::default();
    'sizes: for size in 2..=config.conjecturer.max_size {
        let t = Instant::now();
        let fresh = conj.level(size);
        phases.conjecture += t.elapsed();
        conjectures += fresh.len();
        fresh.into_iter().for_each(|c| queue.push(c));
        // Report the new size before its (possibly long) pruning starts.
        let pending = queue.len() + failed.len();
        progress(&Progress::new(size, &config, driver.rounds, pending, &st));
        let mut swept = false;
        loop {
            if let Some(why) = driver.cancelled() {
                stopped = Some(why);
                break 'sizes;
            }
            // The next batch: the first conjectures of the queue that the admitted
            // facts do not already give by rewriting (checked in parallel, lazily, so
            // each check sees every theorem admitted before it reaches the front).
            let t = Instant::now();
            let mut batch: Vec<(Conjecture, Goal)> = Vec::new();
            while batch.len() < BATCH && !queue.is_empty() {
                if let Some(why) = driver.cancelled() {
                    stopped = Some(why);
                    batch.into_iter().for_each(|(c, _)| queue.push(c));
                    break 'sizes;
                }
                let window: Vec<Conjecture> = (0..WINDOW).map_while(|_| queue.pop()).collect();
                let goals = window.iter().map(Conjecture::goal);
                let checks = Block::batch(
                    goals,
                    Selection::All,
                    Task::Check(config.check.for_pruning()),
                );
                let known = driver.checks(&st.snapshot, &checks);
                let mut rest: Vec<Conjecture> = Vec::new();
                let collapsing = st.collapsing();
                for ((c, b), k) in window.into_iter().zip(checks).zip(known) {
                    if k.is_proved() {
                        continue;
                    }
                    // A proposal that fails on a wider sample than the conjecturer's is
                    // false: it never goes to a block (where it would spend a whole
                    // budget, and again at every retry). Tested here, after pruning,
                    // so that only the few proposals left pay for the test.
                    if !widely_tested.contains(&c.key) {
                        if conj.refuted_widely(&b.goal) {
                            refuted += 1;
                            continue;
                        }
                        widely_tested.insert(c.key.clone());
                    }
                    // General laws first: an instance of a conjecture still in play
                    // waits for it (until the sweep at the end of the size).
                    let in_play = || {
                        queue
                            .iter()
                            .chain(failed.iter().map(|(g, _, _)| g))
                            .chain(batch.iter().map(|(g, _)| g))
                            .chain(rest.iter())
                            .chain(waiting.iter())
                            .any(|g| is_strict_instance(&c, g))
                    };
                    if !swept && (is_padded(&c, &collapsing) || in_play()) {
                        waiting.push(c);
                        continue;
                    }
                    if batch.len() < BATCH {
                        batch.push((c, b.goal));
                    } else {
                        rest.push(c);
                    }
                }
                rest.into_iter().for_each(|c| queue.push(c));
            }
            phases.prune += t.elapsed();
            if batch.is_empty() && !swept {
                // Once per size, before moving on: every failed conjecture that has
                // not seen all its theorems yet is retried.
                // The instances that waited for a general law are tried now too.
                swept = true;
                let (retry, keep): (Vec<_>, Vec<_>) = failed
                    .drain(..)
                    .partition(|(c, seen, _)| st.relevant_count(c) > *seen);
                failed = keep;
                if !retry.is_empty() || !waiting.is_empty() {
                    retry.into_iter().for_each(|(c, _, _)| queue.push(c));
                    waiting.drain(..).for_each(|c| queue.push(c));
                    continue;
                }
            }
            if batch.is_empty() {
                break; // on to the next size
            }
            // One round: a block per conjecture against the snapshot, each using the
            // theorems over the operators its goal depends on (chosen, not broadcast).
            let t = Instant::now();
            let (batch, goals): (Vec<Conjecture>, Vec<Goal>) = batch.into_iter().unzip();
            // A conjecture that has failed often gets a few more iterations (its proof
            // may need them once the theorems it uses widen the e-graph).
            // A conjecture's first attempt may nest a case analysis inside its induction
            // (`config.nested_blocks`) where the definitions it depends on match on two
            // arguments or on an enumeration; its retries do not (most conjectures that
            // fail fail again, and a nested search per retry would dominate the run).
            let nested = ProverConfig {
                split_depth: config.block.split_depth.max(2),
                nested_blocks: config.nested_blocks,
                ..config.block
            };
            let escalated = ProverConfig {
                limits: Limits {
                    iters: config.block.limits.iters + RETRY_EXTRA_ITERS,
                    ..config.block.limits
                },
                ..config.block
            };
            let blocks: Vec<Block> = batch
                .iter()
                .zip(&goals)
                .map(|(c, goal)| {
                    let tried = tries.get(&c.key).copied().unwrap_or(0);
                    let budget = if tried >= EAGER_RETRIES {
                        escalated
                    } else if tried == 0
                        && config.nested_blocks > 0
                        && positions
                            .suggest_case_analysis_over(&theory, &goal.dependencies(&st.axioms))
                    {
                        nested
                    } else {
                        config.block
                    };
                    Block {
                        goal: goal.clone(),
                        rules: Selection::Dependencies,
                        task: Task::Prove(budget),
                    }
                })
                .collect();
            let outcomes = driver.round(&st.snapshot, &blocks);
            phases.blocks += t.elapsed();
            // Barrier: admit in order.
            let t = Instant::now();
            let round = driver.rounds;
            let done = st.barrier(
                &goals,
                outcomes,
                Recheck::Always,
                round,
                config.check,
                &mut |st, i| {
                    let c = &batch[i];
                    let tries = tries.entry(c.key.clone()).or_insert(0);
                    *tries += 1;
                    failed.push((c.clone(), st.relevant_count(c), *tries));
                },
            );
            subsumed += done.subsumed;
            kernel_rejected += done.kernel_rejected;
            // Failed conjectures are retried (in order, before larger ones) once the
            // theorems they may use have grown by half (at least one more): a
            // conjecture is retried a logarithmic number of times, not once per
            // theorem (the sweep at the end of a size catches the rest).
            let (retry, keep): (Vec<_>, Vec<_>) = failed
                .drain(..)
                .partition(|(c, seen, tries)| retry_due(*seen, st.relevant_count(c), *tries));
            failed = keep;
            retry.into_iter().for_each(|(c, _, _)| queue.push(c));
            phases.barrier += t.elapsed();
            let pending = queue.len() + failed.len();
            progress(&Progress::new(size, &config, driver.rounds, pending, &st));
            if let Decision::Stop(why) = driver.after_barrier(&st.admitted) {
                stopped = Some(why);
                break 'sizes;
            }
        }
    }
    if stopped.is_none() {
        // The failures that follow from the theorems admitted after them (an instance
        // of a law proved in the same last round) are not reported as unproved.
        let t = Instant::now();
        let recheck = std::mem::take(&mut failed);
        let checks = Block::batch(
            recheck.iter().map(|(c, _, _)| c.goal()),
            Selection::All,
            Task::Check(config.check.for_pruning()),
        );
        let known = driver.checks(&st.snapshot, &checks);
        failed.extend(
            recheck
                .into_iter()
                .zip(known)
                .filter(|(_, k)| !k.is_proved())
                .map(|(f, _)| f),
        );
        phases.prune += t.elapsed();
    }
    let mut unproved_clauses = Vec::new();
    if let (Some(cc), None) = (config.conditional, &stopped) {
        let t = Instant::now();
        phases.conditional_at = start.elapsed();
        let found = conditional_phase(&mut st, &cc, &config, &mut driver);
        subsumed += found.subsumed;
        conjectures += found.conjectures;
        kernel_rejected += found.kernel_rejected;
        stopped = found.stopped;
        unproved_clauses = found.unproved;
        phases.conditional = t.elapsed();
        phases.conditional_parts = found.parts;
    }
    phases.replay = st.replay_time;
    let theory = st.theory().clone();
    let mut unproved: Vec<Conjecture> = queue
        .into_vec()
        .into_iter()
        .chain(failed.into_iter().map(|(c, _, _)| c))
        .chain(waiting)
        .collect();
    unproved.sort_by_key(order_key);
    let t = Instant::now();
    phases.compress_at = start.elapsed();
    compress(&theory, &mut st, config.check, &driver);
    phases.compress = t.elapsed();
    let mut unproved_ground = Vec::new();
    if config.ground && whole && stopped.is_none() {
        let t = Instant::now();
        let ground = super::ground::derive_ground(&theory, cancel, executor.threads());
        st.admitted
            .extend(ground.proved.into_iter().map(|proved| Derived {
                proved,
                essential: false,
                round: 0,
            }));
        unproved_ground = ground.unproved;
        stopped = ground.stopped;
        phases.ground = t.elapsed();
    }
    Exploration {
        theory,
        theorems: st.admitted,
        rounds: driver.rounds,
        terms: conj.terms,
        conjectures,
        attempts: driver.attempts,
        refuted,
        subsumed,
        kernel_rejected,
        unproved,
        unproved_clauses,
        unproved_ground,
        stopped,
        elapsed: start.elapsed(),
        phases,
    }
}

/// Failures after which a conjecture is no longer retried after every new theorem.
const EAGER_RETRIES: usize = 5;
/// Iterations a block gets on top of the exploration block's when it retries a
/// conjecture that failed at least [`EAGER_RETRIES`] times.
const RETRY_EXTRA_ITERS: usize = 2;

/// Whether a conjecture that failed `tries` times, last when `seen` theorems were
/// relevant to it, is retried now that `now` are: after each new one for its first
/// [`EAGER_RETRIES`] failures, then once they have grown by half.
fn retry_due(seen: usize, now: usize, tries: usize) -> bool {
    if tries <= EAGER_RETRIES {
        now > seen
    } else {
        now >= seen + (seen / 2).max(1)
    }
}
