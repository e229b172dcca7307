//! Budgets of a proof attempt, all of them counts, and every number the engine derives
//! them from, in one place.
//!
//! Invariants:
//! - a budget is a count (e-nodes, saturation iterations, prover attempts, split depth),
//!   never a duration: the outcome of a block depends only on its inputs, not on the
//!   speed or the load of the machine that runs it (wall-clock time is a cancellation
//!   checked between attempts and rounds, see [`super::cancel`]);
//! - running out of budget is an outcome ([`super::Failure`]), not an error.
//!
//! Example: the budget of a conditional block of `ergo derive` is derived from the
//! equational block's budget, a quarter of its e-nodes and at most 3 iterations:
//!
//! ```
//! use ergo::engine::Limits;
//! let block = Limits::block();
//! assert_eq!((block.nodes, block.iters), (4_000, 4));
//! let conditional = block.for_conditional_block();
//! assert_eq!((conditional.nodes, conditional.iters), (1_000, 3));
//! ```

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// E-nodes of one saturation run of `ergo prove` (and of a goal's own attempts in lemma
/// discovery).
pub const PROVE_NODES: usize = 20_000;
/// Saturation iterations of one run of `ergo prove`.
pub const PROVE_ITERS: usize = 12;
/// E-nodes of one saturation run of an exploration block (`ergo derive`, lemma
/// discovery) and of a speculated lemma's attempt.
pub const BLOCK_NODES: usize = 4_000;
/// Saturation iterations of an exploration block and of a speculated lemma's attempt.
pub const BLOCK_ITERS: usize = 4;
/// E-nodes of a pruning, subsumption or compression check (rewriting only, no
/// induction).
pub const CHECK_NODES: usize = 20_000;
/// Saturation iterations of a pruning, subsumption or compression check.
pub const CHECK_ITERS: usize = 6;
/// E-nodes of an exploration's subsumption and compression checks (`ergo derive`): half
/// a check's. Every admitted theorem fails two of them (at its barrier, and against all
/// the others at compression), each filling its budget; at 20,000 they were 40% of
/// order.mpl's work. Halving them changes little: Peano derives the same theorems (one
/// proved in another form), and the IsaPlanner bench covers the same 67 goals.
pub const EXPLORE_CHECK_NODES: usize = 10_000;
/// A conditional block (rewrites alternating with clause firings) gets this fraction
/// (1/n) of an equational block's e-nodes.
pub const CONDITIONAL_NODE_DIVISOR: usize = 4;
/// The pruning check of a proposal before its block gets an exploration check's e-nodes
/// divided by this (2,000 of 10,000; 4,000 cost order.mpl 0.5 s more for one theorem
/// fewer):
/// most proposals a check prunes join well within that, while a
/// proposal that does not follow fills the whole budget, and with many theorems (AC
/// rules) that is what dominated exploration. A proposal the smaller check misses is
/// proved by its block and then dropped by the barrier's full check.
pub const PRUNE_NODE_DIVISOR: usize = 5;
/// A clause check (one sequent-prover block without induction) gets this fraction (1/n)
/// of a check's e-nodes.
pub const CLAUSE_CHECK_NODE_DIVISOR: usize = 10;
/// Most saturation iterations per run of a block that alternates rewrites and clause
/// firings (conditional blocks, clause checks).
pub const CLAUSE_ITERS: usize = 3;
/// How deep inductions and case splits nest when `ergo prove` proves a clause.
pub const PROVE_SPLIT_DEPTH: usize = 3;
/// How deep inductions and case splits nest in an exploration block.
pub const BLOCK_SPLIT_DEPTH: usize = 1;
/// Logic blocks the nested case analysis of a plain goal may run (after one induction
/// failed), before lemma speculation gets its turn: a count, so that the outcome is the
/// same on every machine and under any load.
pub const NESTED_BLOCKS: usize = 64;
/// The same budget for an equational block of `ergo derive` (most conjectures that fail
/// one induction fail this too, and must fail fast).
pub const DERIVE_NESTED_BLOCKS: usize = 8;
/// The least nested budget whose search starts again at depth 1 (below it, at depth 2).
pub const SHALLOW_NESTED_BLOCKS: usize = 16;
/// The same budget for a candidate lemma of speculation (most candidates fail, and must
/// fail fast).
pub const LEMMA_NESTED_BLOCKS: usize = 32;
/// The same budget, in all, for the retries of a goal during its lemma discovery (a
/// retry follows every barrier that admitted a lemma, and on a theory with large
/// e-graphs, such as Gauss's sums, those retries would dominate).
pub const RETRY_NESTED_BLOCKS: usize = 256;
/// The most one of those retries may run.
pub const RETRY_BLOCKS: usize = 64;
/// Logic blocks the sequent search of a clause goal may run in `ergo prove` (an
/// exploration block's clause search is bounded by its split depth alone).
pub const CLAUSE_BLOCKS: usize = 64;
/// How deep inductions and case splits may nest in the proof of a relation law
/// (`super::relation_laws`): transitivity needs two.
pub const LAW_SPLIT_DEPTH: usize = 2;
/// Logic blocks the proof of one relation law may run.
pub const LAW_BLOCKS: usize = 16;
/// How deep lemmas of speculated lemmas may go.
pub const SPECULATION_DEPTH: usize = 3;
/// Most prover attempts of one speculation (goal retries and candidate lemmas).
pub const SPECULATION_ATTEMPTS: usize = 16;
/// The wall-clock limit handed to egg's runner: none in effect. egg's own default (5 s)
/// would make an outcome depend on the machine; the counts above bound every run.
pub const UNBOUNDED: Duration = Duration::MAX;

/// The budget of one saturation run (one logic block attempt on one subgoal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Maximum number of e-nodes in the e-graph.
    pub nodes: usize,
    /// Maximum number of saturation iterations.
    pub iters: usize,
}

impl Default for Limits {
    /// The budget of `ergo prove`: [`PROVE_NODES`], [`PROVE_ITERS`].
    fn default() -> Self {
        Limits {
            nodes: PROVE_NODES,
            iters: PROVE_ITERS,
        }
    }
}

impl Limits {
    /// The budget of an exploration block: [`BLOCK_NODES`], [`BLOCK_ITERS`].
    pub fn block() -> Limits {
        Limits {
            nodes: BLOCK_NODES,
            iters: BLOCK_ITERS,
        }
    }

    /// The budget of a pruning, subsumption or compression check: [`CHECK_NODES`],
    /// [`CHECK_ITERS`].
    pub fn check() -> Limits {
        Limits {
            nodes: CHECK_NODES,
            iters: CHECK_ITERS,
        }
    }

    /// The budget of an exploration's pruning, subsumption and compression checks:
    /// [`EXPLORE_CHECK_NODES`], [`CHECK_ITERS`].
    pub fn explore_check() -> Limits {
        Limits {
            nodes: EXPLORE_CHECK_NODES,
            iters: CHECK_ITERS,
        }
    }

    /// A conditional block's budget derived from an equational block's:
    /// 1/[`CONDITIONAL_NODE_DIVISOR`] of the e-nodes, at most [`CLAUSE_ITERS`]
    /// iterations.
    pub fn for_conditional_block(self) -> Limits {
        Limits {
            nodes: self.nodes / CONDITIONAL_NODE_DIVISOR,
            iters: self.iters.min(CLAUSE_ITERS),
        }
    }

    /// A clause check's budget derived from a check's: 1/[`CLAUSE_CHECK_NODE_DIVISOR`] of
    /// the e-nodes, at most [`CLAUSE_ITERS`] iterations.
    pub fn for_clause_check(self) -> Limits {
        Limits {
            nodes: self.nodes / CLAUSE_CHECK_NODE_DIVISOR,
            iters: self.iters.min(CLAUSE_ITERS),
        }
    }

    /// The budget of the pruning check before a block, from a check's: 1/
    /// [`PRUNE_NODE_DIVISOR`] of the e-nodes, the same iterations.
    pub fn for_pruning(self) -> Limits {
        Limits {
            nodes: self.nodes / PRUNE_NODE_DIVISOR,
            iters: self.iters,
        }
    }

    /// A speculated lemma's budget (and that of saturating a stuck case): at most an
    /// exploration block's ([`BLOCK_NODES`], [`BLOCK_ITERS`]); most candidates fail, and
    /// fail fast.
    pub fn for_lemma(self) -> Limits {
        Limits {
            nodes: self.nodes.min(BLOCK_NODES),
            iters: self.iters.min(BLOCK_ITERS),
        }
    }
}
