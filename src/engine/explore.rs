//! Goal-free exploration (`ergo derive`): conjecture, prove on the grid, admit at the
//! barrier, retry, compress.
//!
//! Per term size `n` (2, 3, ... up to the conjecturer's maximum):
//! 1. the conjecturer proposes the equations among terms of size `n`;
//! 2. proposals (with the ones still unproved from earlier sizes) that already follow
//!    from the admitted facts by rewriting are pruned, in one shared e-graph;
//! 3. a round runs one logic block per remaining proposal on the executor, each block
//!    seeing an immutable snapshot of the admitted theorems, and only those over the
//!    operators its goal depends on (chosen, not broadcast);
//! 4. at the barrier, proved proposals are taken in their fixed order; each is admitted
//!    unless the theorems admitted before it already imply it by rewriting; new
//!    theorems are named and replayed by the kernel (a rejected one is dropped);
//! 5. while a round admits something, the unproved proposals are retried.
//!
//! Finally the essential subset is marked: going from the last theorem to the first,
//! a theorem that follows by rewriting from the axioms and the other essential theorems
//! is marked derived.
//!
//! Invariants: all shared state changes happen at barriers in a fixed order, so the
//! result does not depend on the number of threads; the time limit and the stop flag
//! are only looked at between rounds and between pruning windows, and stopping keeps
//! every admitted theorem.

use super::block::{saturate, BlockOutcome};
use super::conditional::{conditional_conjectures, ConditionalConfig};
use super::conjecture::{Conjecture, Conjecturer, ConjecturerConfig};
use super::equation::{axiom_equations, Equation, Goal, RuleKind};
use super::grid::Executor;
use super::limits::Limits;
use super::naming::goal_name;
use super::prover::{Attempt, Proved, Prover, ProverConfig};
use super::rewrite::{expr, rewrites, Rule};
use crate::mpl::{OpId, Theory};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Options of an exploration.
#[derive(Clone, Debug)]
pub struct DeriveConfig {
    /// Explore only terms over these operators (and variables); `None`: all of them.
    pub operators: Option<BTreeSet<OpId>>,
    /// Term enumeration and testing.
    pub conjecturer: ConjecturerConfig,
    /// Budget of each logic block.
    pub block: ProverConfig,
    /// Budget of the pruning and subsumption checks (saturation without induction).
    pub check: Limits,
    /// Stop (keeping what was proved) after this long.
    pub time_limit: Option<Duration>,
    /// Conditional facts and disequations ([`super::conditional`]) after the equations;
    /// `None`: equations only.
    pub conditional: Option<ConditionalConfig>,
}

impl Default for DeriveConfig {
    fn default() -> Self {
        DeriveConfig {
            operators: None,
            conjecturer: ConjecturerConfig::default(),
            block: ProverConfig {
                limits: Limits {
                    nodes: 4_000,
                    iters: 4,
                    time: Duration::from_secs(2),
                },
                induction: true,
                goal_timeout: Duration::from_secs(5),
                split_depth: 1,
            },
            check: Limits {
                nodes: 20_000,
                iters: 6,
                time: Duration::from_secs(5),
            },
            time_limit: None,
            conditional: Some(ConditionalConfig::default()),
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
    /// Proved conjectures dropped at the barrier as implied by earlier theorems.
    pub subsumed: usize,
    /// Proved conjectures the kernel rejected at a barrier (an engine bug if ever
    /// non-zero; they are dropped, never admitted).
    pub kernel_rejected: usize,
    /// Conjectures never proved.
    pub unproved: Vec<Conjecture>,
    /// Conditional facts and disequations proposed but never proved.
    pub unproved_clauses: Vec<Goal>,
    /// Why the exploration stopped early, if it did.
    pub stopped: Option<String>,
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
}

/// A progress report, sent when a term size starts and after every round.
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
/// Conjectures checked for implication at a time while filling a batch.
const WINDOW: usize = 32;

/// The order in which conjectures are tried: smallest first, then the most general,
/// then the one whose two sides list their variables in the most similar order (so the
/// textbook form `x + (y + z) = (x + y) + z` comes before `(x + y) + z = (x + z) + y`),
/// then the text.
type OrderKey = (usize, std::cmp::Reverse<usize>, usize, String);

fn order_key(c: &Conjecture) -> OrderKey {
    let (vars, inversions) = match &c.formula {
        crate::mpl::Formula::Forall(vs, body) => (vs.len(), inversions(body)),
        f => (0, inversions(f)),
    };
    (c.size, std::cmp::Reverse(vars), inversions, c.key.clone())
}

/// Pairs of variables that occur in one order on the left side and in the other on the
/// right side (by first occurrence).
fn inversions(f: &crate::mpl::Formula) -> usize {
    let crate::mpl::Formula::Eq(l, r) = f else {
        return 0;
    };
    let (mut lo, mut ro) = (Vec::new(), Vec::new());
    l.vars_into(&mut lo);
    r.vars_into(&mut ro);
    let pos = |v: &crate::mpl::Var, o: &[crate::mpl::Var]| o.iter().position(|w| w == v);
    let mut n = 0;
    for (i, a) in lo.iter().enumerate() {
        for b in &lo[i + 1..] {
            if let (Some(pa), Some(pb)) = (pos(a, &ro), pos(b, &ro)) {
                n += usize::from(pa > pb);
            }
        }
    }
    n
}

/// Conjectures waiting for a block, popped in [`order_key`] order.
#[derive(Default)]
struct Queue {
    items: BTreeMap<OrderKey, Conjecture>,
}

impl Queue {
    fn push(&mut self, c: Conjecture) {
        self.items.insert(order_key(&c), c);
    }
    fn pop(&mut self) -> Option<Conjecture> {
        self.items.pop_first().map(|(_, c)| c)
    }
    fn len(&self) -> usize {
        self.items.len()
    }
    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Whether `goal` follows from `rules` by rewriting alone, in its own small e-graph.
fn implied_one(theory: &Theory, rules: &[Rule], goal: &Goal, limits: Limits) -> bool {
    let (l, r) = (expr(theory, &goal.lhs), expr(theory, &goal.rhs));
    matches!(
        saturate(&l, &r, rules, limits, false).0,
        BlockOutcome::Joined
    )
}

/// Whether the clause `goal` follows from `equations` (plain and clauses) without
/// induction: one block of the sequent prover, with a tenth of the nodes and at most 3
/// iterations per saturation run of `limits` (it alternates rewrites and clauses).
fn implied_clause(theory: &Theory, equations: &[Equation], goal: &Goal, limits: Limits) -> bool {
    let limits = Limits {
        nodes: limits.nodes / 10,
        iters: limits.iters.min(3),
        ..limits
    };
    let config = ProverConfig {
        limits,
        induction: false,
        goal_timeout: limits.time,
        split_depth: 0,
    };
    let mut prover = Prover::with_equations(theory, equations.to_vec(), config);
    matches!(prover.prove("candidate", goal), Attempt::Proved(_))
}

/// Whether `goal` (an equation or a clause) follows from the state's facts without
/// induction.
fn implied(theory: &Theory, st: &State, goal: &Goal, limits: Limits) -> bool {
    if goal.is_plain() {
        implied_one(theory, &st.rules, goal, limits)
    } else {
        implied_clause(theory, &st.equations(), goal, limits)
    }
}

struct State {
    theory: Theory,
    axioms: Vec<Equation>,
    admitted: Vec<Derived>,
    rules: Vec<Rule>,
}

impl State {
    /// Admits a proved `goal`: a readable name not yet taken, its rewrites, and the
    /// theorem (essential until compression says otherwise).
    fn admit(&mut self, theory: &Theory, goal: &Goal, mut p: Proved, round: usize) {
        let taken: Vec<String> = self
            .admitted
            .iter()
            .map(|d| d.proved.name.clone())
            .chain(self.axioms.iter().map(|a| a.name.clone()))
            .collect();
        p.name = goal_name(theory, goal, &taken);
        let eq = goal.clone().into_equation(RuleKind::Theorem, &p.name);
        self.rules.extend(rewrites(theory, &eq));
        self.admitted.push(Derived {
            proved: p,
            essential: true,
            round,
        });
    }

    fn equations(&self) -> Vec<Equation> {
        let mut eqs = self.axioms.clone();
        eqs.extend(self.admitted.iter().map(|d| {
            d.proved
                .goal
                .clone()
                .into_equation(RuleKind::Theorem, &d.proved.name)
        }));
        eqs
    }

    /// The operators whose theorems a block for `goal` gets.
    fn allowed(&self, goal: &Goal) -> BTreeSet<OpId> {
        goal.dependencies(&self.axioms)
    }

    /// The equations a block for `goal` gets: the axioms, and the theorems over the
    /// operators the goal's operators are defined with.
    fn chosen_for(&self, goal: &Goal) -> Vec<Equation> {
        let allowed = self.allowed(goal);
        self.equations()
            .into_iter()
            .filter(|e| e.kind == RuleKind::Axiom || eq_ops(e).is_subset(&allowed))
            .collect()
    }

    /// Replays the theorems admitted since `before` with the kernel (together with the
    /// earlier ones they may cite); drops the rejected ones and rebuilds the rules.
    /// Returns how many were dropped.
    fn replay(&mut self, before: usize) -> usize {
        let proved: Vec<&Proved> = self.admitted.iter().map(|d| &d.proved).collect();
        let cert = crate::proof::certificate(&self.theory, "", &super::explain::entries(&proved));
        let accepted: Vec<bool> = match ergo_kernel::check(&cert) {
            Ok(report) => report.theorems.iter().map(|t| t.result.is_ok()).collect(),
            Err(_) => vec![false; self.admitted.len()],
        };
        let dropped = accepted.iter().skip(before).filter(|ok| !**ok).count();
        if dropped > 0 {
            let mut keep = accepted.into_iter();
            self.admitted.retain(|_| keep.next().unwrap_or(false));
            self.rules = Vec::new();
            for eq in self.equations() {
                self.rules.extend(rewrites(&self.theory, &eq));
            }
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

/// Explores `theory` goal-free. `stop` is polled between rounds (Ctrl-C);
/// `progress` is called after every round with the theorems admitted so far, and stops
/// the exploration by returning `false` (a goal-directed caller does, once its goal is
/// proved).
pub fn explore<E: Executor>(
    theory: &Theory,
    config: DeriveConfig,
    executor: &E,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&Progress, &[Derived]) -> bool,
) -> Exploration {
    let start = Instant::now();
    let mut conj = Conjecturer::new(theory, config.conjecturer, config.operators.as_ref());
    let theory = conj.theory().clone();
    let axioms = axiom_equations(&theory);
    let mut rules = Vec::new();
    for a in &axioms {
        rules.extend(rewrites(&theory, a));
    }
    let mut st = State {
        theory: theory.clone(),
        axioms,
        admitted: Vec::new(),
        rules,
    };
    let (mut rounds, mut conjectures, mut attempts, mut subsumed) = (0, 0, 0, 0);
    let mut kernel_rejected = 0;
    // Conjectures waiting for a block, in order; and the failed ones, each with the
    // number of theorems admitted when it failed (it is retried once more are).
    let mut queue = Queue::default();
    let mut failed: Vec<(Conjecture, usize)> = Vec::new();
    let mut stopped = None;
    let mut phases = Phases::default();
    // Ctrl-C and the time limit are looked at between rounds and between pruning
    // windows (pruning a large term size can take seconds).
    let should_stop = || {
        if stop.load(Ordering::Relaxed) {
            return Some("interrupted".to_string());
        }
        match config.time_limit {
            Some(limit) if start.elapsed() >= limit => {
                Some(format!("time limit of {:.1} s", limit.as_secs_f64()))
            }
            _ => None,
        }
    };
    'sizes: for size in 2..=config.conjecturer.max_size {
        let t = Instant::now();
        let fresh = conj.level(size);
        phases.conjecture += t.elapsed();
        conjectures += fresh.len();
        fresh.into_iter().for_each(|c| queue.push(c));
        // Report the new size before its (possibly long) pruning starts.
        let report = Progress::new(size, &config, rounds, queue.len() + failed.len(), &st);
        if !progress(&report, &st.admitted) {
            stopped = Some("goal reached".to_string());
            break 'sizes;
        }
        loop {
            if let Some(why) = should_stop() {
                stopped = Some(why);
                break 'sizes;
            }
            // The next batch: the first conjectures of the queue that the admitted
            // facts do not already give by rewriting (checked in parallel, lazily, so
            // each check sees every theorem admitted before it reaches the front).
            let t = Instant::now();
            let mut batch: Vec<(Conjecture, Goal)> = Vec::new();
            while batch.len() < BATCH && !queue.is_empty() {
                if let Some(why) = should_stop() {
                    stopped = Some(why);
                    batch.into_iter().for_each(|(c, _)| queue.push(c));
                    break 'sizes;
                }
                let window: Vec<Conjecture> = (0..WINDOW).map_while(|_| queue.pop()).collect();
                let goals: Vec<Goal> = window.iter().map(Conjecture::goal).collect();
                let rules = &st.rules;
                let known =
                    executor.round(&goals, |g| implied_one(&theory, rules, g, config.check));
                let mut rest = Vec::new();
                for ((c, g), k) in window.into_iter().zip(goals).zip(known) {
                    if k {
                        continue;
                    }
                    if batch.len() < BATCH {
                        batch.push((c, g));
                    } else {
                        rest.push(c);
                    }
                }
                rest.into_iter().for_each(|c| queue.push(c));
            }
            phases.prune += t.elapsed();
            if batch.is_empty() {
                break; // on to the next size
            }
            // One round: a block per conjecture against the snapshot.
            rounds += 1;
            attempts += batch.len();
            let t = Instant::now();
            let snapshot = &st;
            let outcomes: Vec<Attempt> = executor.round(&batch, |(_, goal)| {
                let mut prover = Prover::with_equations(
                    &snapshot.theory,
                    snapshot.chosen_for(goal),
                    config.block,
                );
                prover.prove("candidate", goal)
            });
            if std::env::var_os("ERGO_TRACE").is_some() {
                for ((c, _), o) in batch.iter().zip(&outcomes) {
                    match o {
                        Attempt::Proved(p) => {
                            eprintln!("round {rounds}: proved {} in {:?}", c.key, p.elapsed)
                        }
                        Attempt::Unproved {
                            reason, elapsed, ..
                        } => eprintln!("round {rounds}: failed {} in {elapsed:?}: {reason}", c.key),
                    }
                }
            }
            phases.blocks += t.elapsed();
            // Barrier: admit in order.
            let t = Instant::now();
            let before = st.admitted.len();
            for ((c, goal), outcome) in batch.into_iter().zip(outcomes) {
                match outcome {
                    Attempt::Proved(p) => {
                        if implied_one(&theory, &st.rules, &goal, config.check) {
                            subsumed += 1;
                            continue;
                        }
                        st.admit(&theory, &goal, p, rounds);
                    }
                    Attempt::Unproved { .. } => {
                        let seen = st.relevant_count(&c);
                        failed.push((c, seen))
                    }
                }
            }
            if st.admitted.len() > before {
                kernel_rejected += st.replay(before);
            }
            // Failed conjectures are retried (in order, before larger ones) once a
            // theorem they have not seen has been admitted.
            let (retry, keep): (Vec<_>, Vec<_>) = failed
                .drain(..)
                .partition(|(c, seen)| st.relevant_count(c) > *seen);
            failed = keep;
            retry.into_iter().for_each(|(c, _)| queue.push(c));
            phases.barrier += t.elapsed();
            let report = Progress::new(size, &config, rounds, queue.len() + failed.len(), &st);
            if !progress(&report, &st.admitted) {
                stopped = Some("goal reached".to_string());
                break 'sizes;
            }
        }
    }
    let mut unproved_clauses = Vec::new();
    if let (Some(cc), None) = (config.conditional, &stopped) {
        let t = Instant::now();
        let found = conditional_phase(&mut st, &cc, &config, executor, &should_stop);
        rounds += found.rounds;
        attempts += found.attempts;
        subsumed += found.subsumed;
        conjectures += found.conjectures;
        kernel_rejected += found.kernel_rejected;
        stopped = found.stopped;
        unproved_clauses = found.unproved;
        phases.conditional = t.elapsed();
    }
    let theory = st.theory.clone();
    let mut unproved: Vec<Conjecture> = queue
        .items
        .into_values()
        .chain(failed.into_iter().map(|(c, _)| c))
        .collect();
    unproved.sort_by_key(order_key);
    let t = Instant::now();
    compress(&theory, &mut st, config.check);
    phases.compress = t.elapsed();
    Exploration {
        theory,
        theorems: st.admitted,
        rounds,
        terms: conj.terms,
        conjectures,
        attempts,
        subsumed,
        kernel_rejected,
        unproved,
        unproved_clauses,
        stopped,
        elapsed: start.elapsed(),
        phases,
    }
}

/// What the conditional phase did.
#[derive(Default)]
struct ConditionalFound {
    rounds: usize,
    attempts: usize,
    subsumed: usize,
    conjectures: usize,
    kernel_rejected: usize,
    stopped: Option<String>,
    unproved: Vec<Goal>,
}

/// Proposes conditional facts and disequations (smallest first), drops those that
/// follow without induction from the facts admitted so far, proves the rest in rounds of
/// blocks on the grid and admits them at a barrier in order, re-checking each against
/// the facts admitted before it in the same round.
fn conditional_phase<E: Executor>(
    st: &mut State,
    cc: &ConditionalConfig,
    config: &DeriveConfig,
    executor: &E,
    should_stop: &dyn Fn() -> Option<String>,
) -> ConditionalFound {
    let mut found = ConditionalFound::default();
    let t0 = Instant::now();
    let (theory, candidates) = conditional_conjectures(&st.theory, cc, config.operators.as_ref());
    if std::env::var_os("ERGO_TRACE").is_some() {
        eprintln!(
            "conditional: {} candidates in {:?}",
            candidates.len(),
            t0.elapsed()
        );
    }
    st.theory = theory.clone();
    found.conjectures = candidates.len();
    let mut queue: std::collections::VecDeque<Goal> = candidates
        .iter()
        .filter_map(|c| Goal::from_formula(&c.formula))
        .collect();
    // Conditional blocks saturate alternately with rewrites and clauses, so each gets a
    // smaller e-graph than an equational block.
    let block = ProverConfig {
        limits: Limits {
            nodes: config.block.limits.nodes / 4,
            iters: config.block.limits.iters.min(3),
            ..config.block.limits
        },
        ..config.block
    };
    while !queue.is_empty() {
        if let Some(why) = should_stop() {
            found.stopped = Some(why);
            return found;
        }
        let mut batch: Vec<Goal> = Vec::new();
        while batch.len() < BATCH {
            let Some(goal) = queue.pop_front() else { break };
            if implied(&theory, st, &goal, config.check) {
                found.subsumed += 1;
            } else {
                batch.push(goal);
            }
        }
        if batch.is_empty() {
            break;
        }
        found.rounds += 1;
        found.attempts += batch.len();
        let equations = st.equations();
        let outcomes: Vec<Attempt> = executor.round(&batch, |goal| {
            let mut prover = Prover::with_equations(&theory, equations.clone(), block);
            prover.prove("candidate", goal)
        });
        if std::env::var_os("ERGO_TRACE").is_some() {
            for (g, o) in batch.iter().zip(&outcomes) {
                let text = crate::mpl::print::formula(&theory, &g.formula());
                match o {
                    Attempt::Proved(p) => {
                        eprintln!("conditional: proved {text} in {:?}", p.elapsed)
                    }
                    Attempt::Unproved {
                        reason, elapsed, ..
                    } => {
                        eprintln!("conditional: failed {text} in {elapsed:?}: {reason}")
                    }
                }
            }
        }
        let before = st.admitted.len();
        for (goal, outcome) in batch.into_iter().zip(outcomes) {
            let Attempt::Proved(p) = outcome else {
                found.unproved.push(goal);
                continue;
            };
            if st.admitted.len() > before && implied(&theory, st, &goal, config.check) {
                found.subsumed += 1;
                continue;
            }
            st.admit(&theory, &goal, p, 0);
        }
        if st.admitted.len() > before {
            found.kernel_rejected += st.replay(before);
        }
    }
    found
}

/// Marks the essential subset: from the last theorem to the first, a theorem that
/// follows by rewriting from the axioms and the other essential theorems is derived
/// (a clause: by one block of the sequent prover, without induction).
fn compress(theory: &Theory, st: &mut State, limits: Limits) {
    for i in (0..st.admitted.len()).rev() {
        if !st.admitted[i].proved.goal.is_plain() {
            let mut eqs = st.axioms.clone();
            for (j, d) in st.admitted.iter().enumerate() {
                if j != i && d.essential {
                    let eq = d.proved.goal.clone();
                    eqs.push(eq.into_equation(RuleKind::Theorem, &d.proved.name));
                }
            }
            let goal = st.admitted[i].proved.goal.clone();
            if implied_clause(theory, &eqs, &goal, limits) {
                st.admitted[i].essential = false;
            }
            continue;
        }
        let mut rules = Vec::new();
        for a in &st.axioms {
            rules.extend(rewrites(theory, a));
        }
        for (j, d) in st.admitted.iter().enumerate() {
            if j != i && d.essential {
                let eq = d
                    .proved
                    .goal
                    .clone()
                    .into_equation(RuleKind::Theorem, &d.proved.name);
                rules.extend(rewrites(theory, &eq));
            }
        }
        let goal = st.admitted[i].proved.goal.clone();
        if implied_one(theory, &rules, &goal, limits) {
            st.admitted[i].essential = false;
        }
    }
}
