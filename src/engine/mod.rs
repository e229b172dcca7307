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
//! The grid's seams are plain values: a [`Block`] (goal, rule selection, budget), a
//! [`Snapshot`] (theory and admitted equations) and an [`Outcome`] (proof, or typed
//! [`Failure`]); an [`Executor`] runs a round of blocks against a snapshot, and the
//! [`Driver`] runs the rounds of every exploration phase.
//!
//! The engine never prints: it logs through the `log` facade (targets `ergo::round`,
//! `ergo::speculate`, at debug level: every block's outcome, every speculated lemma);
//! the CLI installs a logger when asked (`ERGO_TRACE`).
//!
//! Invariants: the engine never decides that a proof is valid; it only proposes
//! certificates, which the kernel checks. Budgets are counts ([`Limits`] and the constants
//! of [`limits`]), and running out of one is an outcome; wall-clock time is only a
//! [`Cancel`]lation between rounds and attempts.

pub mod block;
pub mod blocking;
pub mod cancel;
pub mod conditional;
pub mod conjecture;
pub mod discover;
pub mod driver;
pub mod equation;
pub mod eval;
pub mod explain;
pub mod explore;
pub mod explored;
pub mod failure;
pub mod generality;
pub mod generic;
pub mod goal_sorts;
pub mod grid;
pub mod grid_cluster;
pub mod grid_timely;
pub mod ground;
pub mod horn;
pub mod induction;
pub mod limits;
pub mod naming;
pub mod outcome;
pub mod predicate_laws;
pub mod proof_reader;
pub mod prover;
pub mod queue;
pub mod refute;
pub mod relation_laws;
pub mod replay;
pub mod rewrite;
pub mod sequent;
pub mod snapshot;
pub mod speculate;
pub mod witness;

pub use block::{Block, Selection, Task};
pub use cancel::{Cancel, StopReason};
pub use driver::{Decision, Driver, Objective};
pub use equation::{Equation, Goal, RuleKind};
pub use explore::{
    explore, explore_until, ConditionalParts, DeriveConfig, Derived, Exploration, Progress,
};
pub use failure::{Exhausted, Failure};
pub use grid::{Executor, RayonExecutor};
pub use limits::Limits;
pub use outcome::Outcome;
pub use prover::{prove_in_order, Attempt, Method, Proved, Prover, ProverConfig};
pub use snapshot::Snapshot;
