//! A logic block: one subgoal, its own egg e-graph, a fixed rule set and a budget.
//!
//! Invariants:
//! - a block never mutates anything but its own e-graph; the rules it is given are an
//!   immutable snapshot (so blocks can run in parallel and their outcomes are independent
//!   of scheduling);
//! - the search runs with explanations off; only a block that succeeded is re-run with
//!   explanations on (in a fresh, small e-graph with the same rules and budget) to produce
//!   its certificate steps, see [`crate::engine::explain`];
//! - stopping on a limit is a value ([`Exhausted`]), never an error or a panic.

use super::limits::{Exhausted, Limits};
use super::rewrite::{Lang, Rule};
use egg::{RecExpr, Runner, StopReason};

/// The result of saturating one subgoal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockOutcome {
    /// The two sides were joined.
    Joined,
    /// The budget ran out or the e-graph saturated first.
    Unproved(Exhausted),
}

/// Saturates `lhs` and `rhs` together under `rules` until they are joined or the budget
/// runs out. With `explain`, the returned runner has explanations enabled.
pub fn saturate(
    lhs: &RecExpr<Lang>,
    rhs: &RecExpr<Lang>,
    rules: &[Rule],
    limits: Limits,
    explain: bool,
) -> (BlockOutcome, Runner<Lang, ()>) {
    let mut runner = Runner::default()
        .with_node_limit(limits.nodes)
        .with_iter_limit(limits.iters)
        .with_time_limit(limits.time);
    if explain {
        runner = runner
            .with_explanations_enabled()
            .without_explanation_length_optimization();
    }
    let runner = runner.with_expr(lhs).with_expr(rhs);
    let (l, r) = (runner.roots[0], runner.roots[1]);
    if runner.egraph.find(l) == runner.egraph.find(r) {
        return (BlockOutcome::Joined, runner);
    }
    let runner = runner
        .with_hook(move |runner| {
            if runner.egraph.find(l) == runner.egraph.find(r) {
                Err("joined".to_string())
            } else {
                Ok(())
            }
        })
        .run(rules);
    if runner.egraph.find(l) == runner.egraph.find(r) {
        return (BlockOutcome::Joined, runner);
    }
    let why = match &runner.stop_reason {
        Some(StopReason::NodeLimit(n)) => Exhausted::Nodes(*n),
        Some(StopReason::IterationLimit(n)) => Exhausted::Iterations(*n),
        Some(StopReason::TimeLimit(_)) => Exhausted::Time(limits.time),
        _ => Exhausted::Saturated,
    };
    (BlockOutcome::Unproved(why), runner)
}
