//! Why a goal stayed unproved: typed reasons, up to the command line.
//!
//! Invariants: running out of budget is a value, never an error or a panic; a reason is
//! data (the CLI prints it with `Display`, a front end may match on it), never parsed
//! back from its text.
//!
//! Example: the step case of an induction that ran out of e-nodes.
//!
//! ```
//! use ergo::engine::{Exhausted, Failure};
//! let why = Failure::Induction {
//!     var: "x".into(),
//!     constructor: "s".into(),
//!     case: Box::new(Failure::Exhausted(Exhausted::Nodes(4_000))),
//! };
//! assert_eq!(why.to_string(), "induction on x: case s: out of budget: 4000 e-nodes");
//! ```

use super::cancel::StopReason;
use serde::{Deserialize, Serialize};

/// Why one saturation run ended without joining the two sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exhausted {
    /// The e-graph saturated without joining the two sides: the goal does not follow by
    /// rewriting with the given rules.
    Saturated,
    /// The node limit was hit.
    Nodes(usize),
    /// The iteration limit was hit.
    Iterations(usize),
    /// The nested search spent its budget of logic blocks (splits and their cases).
    Blocks(usize),
}

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exhausted::Saturated => f.write_str("saturated without joining the two sides"),
            Exhausted::Nodes(n) => write!(f, "out of budget: {n} e-nodes"),
            Exhausted::Iterations(n) => write!(f, "out of budget: {n} iterations"),
            Exhausted::Blocks(n) => write!(f, "out of budget: {n} logic blocks of case analysis"),
        }
    }
}

/// Why a goal (or a subgoal) stayed unproved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    /// Saturation ran out (or saturated) without joining the two sides.
    Exhausted(Exhausted),
    /// The sequent prover's e-graph saturated (clauses fired to a fixpoint) without
    /// closing the goal.
    NotClosed,
    /// A case of an induction (or case split) failed.
    Induction {
        /// The variable split on.
        var: String,
        /// The constructor of the failing case.
        constructor: String,
        /// Why that case failed.
        case: Box<Failure>,
    },
    /// The sides joined, but the explaining re-run (explanations on) did not.
    ExplainRerun(Exhausted),
    /// The join could not be turned into certificate steps (the proof model's message).
    Explain(String),
    /// Cancelled before a proof was found (`prove --timeout`, Ctrl-C).
    Stopped(StopReason),
    /// A counterexample uses elements of a sort variable (`'a.1`): it refutes the
    /// statement at every instance with that many elements, but their distinctness is
    /// not a theorem of the theory, so it is not certified.
    OpaqueElement,
    /// A counterexample uses a sampled function (a finite table, `('a -> Bool).1`): it
    /// refutes the statement in a model where that table is a function, but the table
    /// is no term of the theory, so it is not certified.
    SampledFunction,
    /// Lemma discovery ran, and none of its lemmas made the goal follow.
    NoLemma {
        /// Why the goal failed with the given rules alone.
        first: Box<Failure>,
        /// Conjectures the exploration proposed.
        conjectures: usize,
        /// Of those, how many were proved.
        proved: usize,
    },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Exhausted(e) => e.fmt(f),
            Failure::NotClosed => f.write_str("saturated without closing the goal"),
            Failure::Induction {
                var,
                constructor,
                case,
            } => write!(f, "induction on {var}: case {constructor}: {case}"),
            Failure::ExplainRerun(e) => {
                write!(f, "joined, but the explaining re-run did not: {e}")
            }
            Failure::Explain(e) => f.write_str(e),
            Failure::Stopped(StopReason::TimeLimit(d)) => write!(
                f,
                "out of budget: stopped by the time limit of {:.3} s",
                d.as_secs_f64()
            ),
            Failure::Stopped(why) => write!(f, "stopped: {why}"),
            Failure::OpaqueElement => {
                f.write_str("it uses distinct elements of a sort variable, not a theorem")
            }
            Failure::SampledFunction => {
                f.write_str("it uses a sampled function (a finite table), not a term")
            }
            Failure::NoLemma {
                first,
                conjectures,
                proved,
            } => write!(
                f,
                "{first}; no lemma among {conjectures} explored conjectures ({proved} proved) helped"
            ),
        }
    }
}

impl From<Exhausted> for Failure {
    fn from(e: Exhausted) -> Failure {
        Failure::Exhausted(e)
    }
}
