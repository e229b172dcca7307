//! Cancellation: the only place wall-clock time enters the engine.
//!
//! A [`Cancel`] is looked at *between* attempts and rounds (never inside a block's
//! saturation), so it can stop a run early but never change an outcome: a proof found
//! with a cancellation in place is the proof found without one; a stopped run reports a
//! [`StopReason`] and keeps everything admitted before it stopped.
//!
//! Example: a time limit that has already passed stops at the first check.
//!
//! ```
//! use ergo::engine::{Cancel, StopReason};
//! use std::time::Duration;
//! assert_eq!(Cancel::never().check(), None);
//! let cancel = Cancel::after(Duration::ZERO);
//! assert_eq!(cancel.check(), Some(StopReason::TimeLimit(Duration::ZERO)));
//! ```

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a run stopped before it was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopReason {
    /// The stop flag was raised (Ctrl-C).
    Interrupted,
    /// The time limit (this long from the start) passed.
    TimeLimit(Duration),
    /// The caller's objective was met (lemma discovery: the goal was proved).
    GoalReached,
}

impl std::fmt::Display for StopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StopReason::Interrupted => f.write_str("interrupted"),
            StopReason::TimeLimit(d) => write!(f, "time limit of {:.1} s", d.as_secs_f64()),
            StopReason::GoalReached => f.write_str("goal reached"),
        }
    }
}

/// A stop flag and a deadline, checked between attempts and rounds.
#[derive(Clone, Debug, Default)]
pub struct Cancel {
    flag: Option<Arc<AtomicBool>>,
    deadline: Option<(Instant, Duration)>,
}

impl Cancel {
    /// Never cancels.
    pub fn never() -> Cancel {
        Cancel::default()
    }

    /// Cancels `limit` from now.
    pub fn after(limit: Duration) -> Cancel {
        Cancel::never().with_limit(Some(limit))
    }

    /// Also cancels when `flag` is raised.
    pub fn with_flag(mut self, flag: Arc<AtomicBool>) -> Cancel {
        self.flag = Some(flag);
        self
    }

    /// Also cancels `limit` from now (`None`: no time limit).
    pub fn with_limit(mut self, limit: Option<Duration>) -> Cancel {
        self.deadline = limit.and_then(|l| Some((Instant::now().checked_add(l)?, l)));
        self
    }

    /// Whether to stop now, and why.
    pub fn check(&self) -> Option<StopReason> {
        if self
            .flag
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed))
        {
            return Some(StopReason::Interrupted);
        }
        match self.deadline {
            Some((at, limit)) if Instant::now() >= at => Some(StopReason::TimeLimit(limit)),
            _ => None,
        }
    }
}
