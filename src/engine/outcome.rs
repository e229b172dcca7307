//! The outcome of a block: proved with its proof, or not, with a typed reason.
//!
//! Invariants: an outcome is plain data (serde), independent of the executor and the
//! schedule that produced it, except for the wall-clock time a proof records
//! ([`Proved::elapsed`], for reports only; [`Outcome::untimed`] clears it); running out
//! of budget is an outcome, never an error.
//!
//! Example: an unproved outcome travels as JSON.
//!
//! ```
//! use ergo::engine::{Exhausted, Failure, Outcome};
//! let o = Outcome::Unproved(Failure::Exhausted(Exhausted::Nodes(4_000)));
//! let json = serde_json::to_string(&o).unwrap();
//! assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
//! assert!(!o.is_proved());
//! ```

use super::failure::Failure;
use super::prover::Proved;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// What a block found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// A proving block proved its goal.
    Proved(Box<Proved>),
    /// A checking block found that its goal follows (by rewriting, or without
    /// induction for a clause); no proof is kept.
    Follows,
    /// Not proved (or, for a check, does not follow): why.
    Unproved(Failure),
}

impl Outcome {
    /// Whether the goal was proved or follows.
    pub fn is_proved(&self) -> bool {
        !matches!(self, Outcome::Unproved(_))
    }

    /// The outcome with the wall-clock time of a proof cleared (to compare outcomes
    /// of different runs).
    pub fn untimed(mut self) -> Outcome {
        if let Outcome::Proved(p) = &mut self {
            p.elapsed = Duration::ZERO;
        }
        self
    }
}
