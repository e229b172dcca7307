//! The conditional phase of [`super::explore_until`]: conditional facts and
//! disequations proposed from the ground instances (and the relation laws of
//! [`crate::engine::relation_laws`]), pruned, proved in rounds on the executor and admitted
//! at the shared barrier.
//!
//! Invariants: as for the equational phase (see the parent module): candidates are taken
//! in a fixed order, every budget is a count, shared state changes only at barriers, so
//! the result is the same for any number of threads; a strict instance of another
//! candidate waits until the queue has been through once.

use super::*;

/// What the conditional phase did.
#[derive(Default)]
pub(super) struct ConditionalFound {
    pub(super) subsumed: usize,
    pub(super) conjectures: usize,
    pub(super) kernel_rejected: usize,
    pub(super) stopped: Option<StopReason>,
    pub(super) unproved: Vec<Goal>,
    pub(super) parts: ConditionalParts,
}

/// Proposes conditional facts and disequations (smallest first), drops those that
/// follow without induction from the facts admitted so far, proves the rest in rounds of
/// blocks on the grid and admits them at a barrier in order, re-checking each against
/// the facts admitted before it in the same round.
pub(super) fn conditional_phase<E: Executor + ?Sized>(
    st: &mut State,
    cc: &ConditionalConfig,
    config: &DeriveConfig,
    driver: &mut Driver<'_, E>,
) -> ConditionalFound {
    let mut found = ConditionalFound::default();
    let t0 = Instant::now();
    let (theory, candidates) = conditional_conjectures(st.theory(), cc, config.operators.as_ref());
    log::debug!(
        target: "ergo::round",
        "conditional: {} candidates in {:?}",
        candidates.len(),
        t0.elapsed()
    );
    st.snapshot.set_theory(theory);
    found.parts.propose = t0.elapsed();
    found.conjectures = candidates.len();
    let goals: Vec<Goal> = candidates
        .iter()
        .filter_map(|c| Goal::from_formula(&c.formula))
        .collect();
    // General laws first: a candidate that is a strict instance of another one waits
    // until the queue has been through once (by then the general law is admitted and
    // the instance is pruned, or it failed and the instance gets its own block).
    let (mut deferred, queue): (Vec<Goal>, Vec<Goal>) = goals.iter().cloned().partition(|c| {
        goals
            .iter()
            .any(|g| crate::engine::generality::is_strict_clause_instance(c, g))
    });
    let mut queue: std::collections::VecDeque<Goal> = queue.into();
    // Laws about the relations defined by recursion (Boolean functions such as TIP's
    // `<=`, which the Horn facts above, over declared predicates, do not reach): after
    // the Horn facts, each with the budget of a relation law in `ergo prove`.
    let laws = relation_laws(st.theory(), config.operators.as_ref(), &queue);
    found.conjectures += laws.len();
    queue.extend(laws.iter().cloned());
    // Conditional blocks saturate alternately with rewrites and clauses, so each gets a
    // smaller e-graph than an equational block.
    let block = ProverConfig {
        limits: config.block.limits.for_conditional_block(),
        ..config.block
    };
    let predicate_block = ProverConfig {
        split_depth: crate::engine::limits::PROVE_SPLIT_DEPTH,
        ..block
    };
    let law_block = ProverConfig {
        limits: config.block.limits,
        split_depth: crate::engine::limits::PROVE_SPLIT_DEPTH,
        nested_blocks: 0,
        clause_blocks: Some(crate::engine::limits::CLAUSE_BLOCKS),
        ..config.block
    };
    // A relation law that failed is tried once more after the others (transitivity may
    // need `P(x, y) = a -> P(x, f(y)) = a`, admitted in the same round).
    let mut laws_retried = false;
    loop {
        if queue.is_empty() && !deferred.is_empty() {
            queue.extend(std::mem::take(&mut deferred));
        }
        if queue.is_empty() && !laws_retried {
            laws_retried = true;
            let (retry, keep): (Vec<Goal>, Vec<Goal>) = std::mem::take(&mut found.unproved)
                .into_iter()
                .partition(|g| laws.contains(g));
            found.unproved = keep;
            if retry.len() < laws.len() {
                queue.extend(retry);
            } else {
                found.unproved.extend(retry);
            }
        }
        if queue.is_empty() {
            break;
        }
        if let Some(why) = driver.cancelled() {
            found.stopped = Some(why);
            return found;
        }
        // The next batch: the first candidates the admitted facts do not already give,
        // checked on the executor as many at a time as the batch still lacks (so
        // exactly the candidates a one-by-one check would look at, each against the
        // same facts: nothing is admitted while a batch fills).
        let t = Instant::now();
        let mut batch: Vec<Goal> = Vec::new();
        while batch.len() < COND_BATCH && !queue.is_empty() {
            let need = COND_BATCH - batch.len();
            let window: Vec<Goal> = (0..need).map_while(|_| queue.pop_front()).collect();
            let checks = Block::batch(
                window.iter().cloned(),
                Selection::All,
                Task::Check(config.check),
            );
            let known = driver.checks(&st.snapshot, &checks);
            for (goal, k) in window.into_iter().zip(known) {
                if k.is_proved() {
                    found.subsumed += 1;
                } else {
                    batch.push(goal);
                }
            }
        }
        found.parts.prune += t.elapsed();
        if batch.is_empty() {
            break;
        }
        let t = Instant::now();
        let blocks: Vec<Block> = batch
            .iter()
            .map(|goal| Block {
                goal: goal.clone(),
                rules: if laws.contains(goal) {
                    Selection::AxiomsAndClauses
                } else {
                    Selection::All
                },
                task: Task::Prove(if about_predicates(st.theory(), goal) {
                    predicate_block
                } else if laws.contains(goal) {
                    law_block
                } else {
                    block
                }),
            })
            .collect();
        let outcomes = driver.round(&st.snapshot, &blocks);
        found.parts.blocks += t.elapsed();
        let t = Instant::now();
        let mut failed = Vec::new();
        let done = st.barrier(
            &batch,
            outcomes,
            Recheck::AfterAdmission,
            0,
            config.check,
            &mut |_, i| failed.push(i),
        );
        for &i in &failed {
            log::debug!(
                target: "ergo::round",
                "conditional: unproved {}",
                crate::mpl::print::formula(st.theory(), &batch[i].formula())
            );
        }
        found
            .unproved
            .extend(failed.into_iter().map(|i| batch[i].clone()));
        found.subsumed += done.subsumed;
        found.kernel_rejected += done.kernel_rejected;
        found.parts.barrier += t.elapsed();
        if let Decision::Stop(why) = driver.after_barrier(&st.admitted) {
            found.stopped = Some(why);
            return found;
        }
    }
    found
}

/// The laws of [`crate::engine::relation_laws`] about the relations among `operators` (all of
/// the theory's when `None`) that hold on the ground instances, less those already
/// among `candidates`.
fn relation_laws(
    theory: &Theory,
    operators: Option<&BTreeSet<OpId>>,
    candidates: &std::collections::VecDeque<Goal>,
) -> Vec<Goal> {
    let ops: BTreeSet<OpId> = match operators {
        Some(ops) => ops.clone(),
        None => (0..theory.operators.len())
            .map(|i| OpId(i as u32))
            .collect(),
    };
    let mut conj = Conjecturer::new(theory, ConjecturerConfig::default(), Some(&BTreeSet::new()));
    crate::engine::relation_laws::laws(theory, &ops, &|_| true, &mut conj)
        .into_iter()
        .map(|law| law.goal)
        .filter(|g| !candidates.contains(g))
        .collect()
}

/// Whether `goal` states something about a declared predicate (an atom `P(ts) = ⊤`):
/// such a law (transitivity, antisymmetry) needs an induction with a case analysis
/// inside its step, so its block may nest splits as deep as `ergo prove` does (there are
/// few of them: [`crate::engine::predicate_laws`]).
fn about_predicates(theory: &Theory, goal: &Goal) -> bool {
    let Some(enc) = crate::mpl::predicate::Encoding::of(theory) else {
        return false;
    };
    let mut ops = BTreeSet::new();
    for (l, r) in goal
        .premises
        .iter()
        .chain([&(goal.lhs.clone(), goal.rhs.clone())])
    {
        l.operators_into(&mut ops);
        r.operators_into(&mut ops);
    }
    ops.contains(&enc.top)
}
