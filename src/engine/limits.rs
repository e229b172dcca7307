//! Budgets of a proof attempt. Running out of budget is an outcome, not an error.

use std::time::Duration;

/// The budget of one saturation run (one logic block attempt on one subgoal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum number of e-nodes in the e-graph.
    pub nodes: usize,
    /// Maximum number of saturation iterations.
    pub iters: usize,
    /// Wall-clock limit for one saturation run.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            nodes: 20_000,
            iters: 12,
            time: Duration::from_secs(5),
        }
    }
}

/// Why a subgoal stayed unproved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exhausted {
    /// The e-graph saturated without joining the two sides: the goal does not follow by
    /// rewriting with the given rules.
    Saturated,
    /// The node limit was hit.
    Nodes(usize),
    /// The iteration limit was hit.
    Iterations(usize),
    /// The time limit was hit.
    Time(Duration),
}

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exhausted::Saturated => f.write_str("saturated without joining the two sides"),
            Exhausted::Nodes(n) => write!(f, "out of budget: {n} e-nodes"),
            Exhausted::Iterations(n) => write!(f, "out of budget: {n} iterations"),
            Exhausted::Time(d) => write!(f, "out of budget: {:.3} s", d.as_secs_f64()),
        }
    }
}
