//! The engine: logic blocks that prove equations by e-graph saturation (egg), with
//! structural induction as a tactic around saturation.
//!
//! Pipeline: a [`Goal`] (from a conjecture or the command line) goes to a [`Prover`],
//! which runs one logic block ([`block::saturate`]) per subgoal with the theory's
//! equations as rewrites; a join is re-derived with explanations on and turned into
//! certificate steps ([`explain`]).
//!
//! Clauses (goals with premises or a negated conclusion) go to the [`sequent`] prover:
//! hypotheses in the e-graph, conditional rules and contradictions applied by [`horn`]
//! with recorded instances, and nested inductions and case splits.
//!
//! Goal-free exploration ([`explore()`], `ergo derive`): the [`conjecture`]r proposes
//! equations that hold on ground instances ([`eval`]); rounds of blocks prove them on
//! the [`grid`]; admitted theorems get readable names ([`naming`]) and an essential
//! subset is marked; then the [`conditional`] conjecturer proposes Horn facts and
//! disequations, proved the same way. Goal-directed proving with lemma discovery
//! ([`discover`], `ergo prove`) runs the same exploration over a goal's operators until
//! the goal follows.
//! Setting the environment variable `ERGO_TRACE` prints every block's outcome and time
//! to stderr (for profiling).
//!
//! Invariants: the engine never decides that a proof is valid; it only proposes
//! certificates, which the kernel checks. Budgets are values ([`Limits`]), and running
//! out of one is an outcome.

pub mod block;
pub mod conditional;
pub mod conjecture;
pub mod discover;
pub mod equation;
pub mod eval;
pub mod explain;
pub mod explore;
pub mod grid;
pub mod horn;
pub mod induction;
pub mod limits;
pub mod naming;
pub mod prover;
pub mod refute;
pub mod rewrite;
pub mod sequent;
pub mod speculate;

pub use equation::{Equation, Goal, RuleKind};
pub use explore::{explore, DeriveConfig, Derived, Exploration, Progress};
pub use grid::{Executor, RayonExecutor};
pub use limits::{Exhausted, Limits};
pub use prover::{prove_in_order, Attempt, Method, Proved, Prover, ProverConfig};
