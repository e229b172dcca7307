//! The grid: logic blocks run in bulk-synchronous rounds on an [`Executor`].
//!
//! A round hands a [`Snapshot`] (broadcast to every worker) and a list of independent
//! [`Block`]s to an executor; it returns one [`Outcome`] per block, *in the order of the
//! blocks*, whatever the schedule. All three are plain values (serde), so an executor
//! may ship them to other processes or machines. Everything that changes shared state
//! (admitting theorems) happens after the round, at the barrier, in that fixed order;
//! hence the output is identical for 1 and N threads (see [`super::driver`]).
//!
//! Invariant (the executor's contract): `round(s, bs)[i] == bs[i].run(s)` up to the
//! recorded wall-clock time ([`Outcome::untimed`]).
//!
//! Example: a rayon executor on two threads.
//!
//! ```
//! use ergo::engine::{Block, Executor, Goal, Outcome, RayonExecutor, Snapshot};
//! let mut theory = ergo::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
//! let mut goal = |text: &str| {
//!     Goal::from_formula(&ergo::mpl::parse_goal(&mut theory, text).unwrap()).unwrap()
//! };
//! let blocks = vec![Block::prove(goal("0 + x = x")), Block::check(goal("x + 0 = x"))];
//! let snapshot = Snapshot::of_axioms(&theory);
//! let outcomes = RayonExecutor::new(2).round(&snapshot, &blocks);
//! assert!(matches!(outcomes[0], Outcome::Proved(_)));
//! assert_eq!(outcomes[1], Outcome::Follows);
//! ```

use super::block::Block;
use super::outcome::Outcome;
use super::snapshot::Snapshot;
use rayon::prelude::*;

/// Runs one round of independent blocks against a snapshot.
pub trait Executor: Sync {
    /// Runs every block against `snapshot`; outcome `i` belongs to block `i`.
    fn round(&self, snapshot: &Snapshot, blocks: &[Block]) -> Vec<Outcome>;

    /// Number of workers.
    fn threads(&self) -> usize;
}

/// A rayon thread pool of a fixed size (the default executor).
pub struct RayonExecutor {
    pool: rayon::ThreadPool,
}

impl RayonExecutor {
    /// A pool of `threads` workers (0: one per core).
    pub fn new(threads: usize) -> RayonExecutor {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("ergo-block-{i}"))
            .build()
            .expect("a thread pool can be built");
        RayonExecutor { pool }
    }
}

impl Executor for RayonExecutor {
    fn round(&self, snapshot: &Snapshot, blocks: &[Block]) -> Vec<Outcome> {
        // Build the shared rewrites once, before the workers need them.
        snapshot.rewrites();
        self.pool
            .install(|| blocks.par_iter().map(|b| b.run(snapshot)).collect())
    }

    fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }
}
