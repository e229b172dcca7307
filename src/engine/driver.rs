//! The round driver: the one loop step every phase of exploration shares.
//!
//! Exploration (`ergo derive`'s equations, its conditional facts, and `ergo prove`'s
//! lemma discovery) is a sequence of rounds, each followed by a barrier. The [`Driver`]
//! runs a round on the executor (counting rounds and attempts, tracing outcomes), and
//! decides after each barrier whether to go on: a [`Cancel`] (Ctrl-C, time limit) and an
//! optional [`Objective`] (lemma discovery: "the goal is proved now") are asked, in that
//! order, and a stop is a typed [`StopReason`].
//!
//! Invariants: the driver looks at the clock and the objective only between rounds,
//! never inside one, so a stop never changes an outcome; it keeps no state of the
//! exploration (what is admitted lives with the caller, published at its barrier).
//!
//! Example: an objective that stops as soon as anything was admitted.
//!
//! ```
//! use ergo::engine::{Decision, Derived, Objective, StopReason};
//! struct First;
//! impl Objective for First {
//!     fn after_barrier(&mut self, admitted: &[Derived]) -> Decision {
//!         if admitted.is_empty() {
//!             Decision::Continue
//!         } else {
//!             Decision::Stop(StopReason::GoalReached)
//!         }
//!     }
//! }
//! assert_eq!(First.after_barrier(&[]), Decision::Continue);
//! ```

use super::block::Block;
use super::cancel::{Cancel, StopReason};
use super::explore::Derived;
use super::grid::Executor;
use super::outcome::Outcome;
use super::snapshot::Snapshot;

/// What to do after a barrier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Run the next round.
    Continue,
    /// Stop here, keeping everything admitted.
    Stop(StopReason),
}

/// A caller's reason to stop an exploration early, asked after every barrier.
pub trait Objective {
    /// Decides, from the theorems admitted so far (in admission order), whether to go
    /// on.
    fn after_barrier(&mut self, admitted: &[Derived]) -> Decision;
}

/// Runs rounds on an executor and decides when to stop.
pub struct Driver<'a, E: Executor + ?Sized> {
    executor: &'a E,
    cancel: &'a Cancel,
    objective: Option<&'a mut dyn Objective>,
    /// Rounds of proving blocks run so far.
    pub rounds: usize,
    /// Proving blocks run so far (counting retries).
    pub attempts: usize,
}

impl<'a, E: Executor + ?Sized> Driver<'a, E> {
    /// A driver on `executor`, stopped by `cancel`.
    pub fn new(executor: &'a E, cancel: &'a Cancel) -> Self {
        Driver {
            executor,
            cancel,
            objective: None,
            rounds: 0,
            attempts: 0,
        }
    }

    /// Also asks `objective` after every barrier.
    pub fn with_objective(mut self, objective: Option<&'a mut dyn Objective>) -> Self {
        self.objective = objective;
        self
    }

    /// Whether the cancellation says stop (looked at between rounds, and between pruning
    /// windows).
    pub fn cancelled(&self) -> Option<StopReason> {
        self.cancel.check()
    }

    /// One round of proving blocks: outcome `i` belongs to block `i`.
    pub fn round(&mut self, snapshot: &Snapshot, blocks: &[Block]) -> Vec<Outcome> {
        self.rounds += 1;
        self.attempts += blocks.len();
        let outcomes = self.executor.round(snapshot, blocks);
        if log::log_enabled!(target: "ergo::round", log::Level::Debug) {
            for (b, o) in blocks.iter().zip(&outcomes) {
                let goal = crate::mpl::print::formula(&snapshot.theory, &b.goal.formula());
                match o {
                    Outcome::Proved(p) => log::debug!(
                        target: "ergo::round",
                        "round {}: proved {goal} in {:?}", self.rounds, p.elapsed
                    ),
                    Outcome::Follows => {}
                    Outcome::Unproved(why) => log::debug!(
                        target: "ergo::round",
                        "round {}: failed {goal}: {why}", self.rounds
                    ),
                }
            }
        }
        outcomes
    }

    /// Checking blocks (pruning): on the executor, not counted as a round.
    pub fn checks(&self, snapshot: &Snapshot, blocks: &[Block]) -> Vec<Outcome> {
        self.executor.round(snapshot, blocks)
    }

    /// After a barrier: the cancellation, then the objective.
    pub fn after_barrier(&mut self, admitted: &[Derived]) -> Decision {
        if let Some(why) = self.cancel.check() {
            return Decision::Stop(why);
        }
        match &mut self.objective {
            Some(o) => o.after_barrier(admitted),
            None => Decision::Continue,
        }
    }
}
