//! The engine: logic blocks that prove equations by e-graph saturation (egg), with
//! structural induction as a tactic around saturation.
//!
//! Pipeline: a [`Goal`] (from a conjecture or the command line) goes to a [`Prover`],
//! which runs one logic block ([`block::saturate`]) per subgoal with the theory's
//! equations as rewrites; a join is re-derived with explanations on and turned into
//! certificate steps ([`crate::proof::explain`]).
//!
//! Invariants: the engine never decides that a proof is valid; it only proposes
//! certificates, which the kernel checks. Budgets are values ([`Limits`]), and running
//! out of one is an outcome.

pub mod block;
pub mod conjecture;
pub mod discover;
pub mod equation;
pub mod eval;
pub mod explore;
pub mod grid;
pub mod induction;
pub mod limits;
pub mod naming;
pub mod prover;
pub mod rewrite;

pub use equation::{Equation, Goal, RuleKind};
pub use explore::{explore, DeriveConfig, Derived, Exploration, Progress};
pub use grid::{Executor, RayonExecutor};
pub use limits::{Exhausted, Limits};
pub use prover::{prove_in_order, Attempt, Method, Proved, Prover, ProverConfig};
