//! The grid: logic blocks run in bulk-synchronous rounds.
//!
//! A round hands a list of independent blocks to an [`Executor`] together with an
//! immutable snapshot (captured by the block function); the executor returns one outcome
//! per block, *in the order of the blocks*, whatever the schedule. Everything that
//! changes shared state (admitting theorems) happens after the round, at the barrier, in
//! that fixed order; hence the output is identical for 1 and N threads.
//!
//! The executor is the seam for distribution: today a rayon pool on one machine; a
//! dataflow engine across machines must keep the same contract.

use rayon::prelude::*;

/// Runs one round of independent blocks and returns their outcomes in block order.
pub trait Executor {
    /// Applies `block` to every item; outcome `i` belongs to item `i`.
    fn round<T, R, F>(&self, items: &[T], block: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync + Send;

    /// Number of workers.
    fn threads(&self) -> usize;
}

/// A rayon thread pool of a fixed size.
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
    fn round<T, R, F>(&self, items: &[T], block: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync + Send,
    {
        self.pool.install(|| items.par_iter().map(&block).collect())
    }

    fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }
}
