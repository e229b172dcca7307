//! A logic block: one goal, the rules it may use (a selection from a [`Snapshot`]) and
//! a budget, run in its own egg e-graph.
//!
//! A [`Block`] is a plain value (serde): it can be shipped to a worker on another
//! machine, which runs it against the round's snapshot with [`Block::run`] and sends
//! the [`Outcome`] back.
//!
//! Invariants:
//! - a block never mutates anything but its own e-graph; the rules it is given are an
//!   immutable snapshot (so blocks can run in parallel and their outcomes are independent
//!   of scheduling);
//! - its budget is counts only (e-nodes, iterations, split depth): egg's wall-clock limit
//!   is lifted, so the outcome does not depend on the machine or its load;
//! - the search runs with explanations off; only a block that succeeded is re-run with
//!   explanations on (in a fresh, small e-graph with the same rules and budget) to produce
//!   its certificate steps, see [`crate::engine::explain`];
//! - stopping on a limit is a value ([`Exhausted`], [`Failure`]), never an error or a
//!   panic.
//!
//! Example: `0 + x = x` needs induction; a proving block finds it, a checking block
//! (rewriting only) does not.
//!
//! ```
//! use ergo::engine::{Block, Goal, Outcome, Snapshot};
//! let mut theory = ergo::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
//! let f = ergo::mpl::parse_goal(&mut theory, "0 + x = x").unwrap();
//! let goal = Goal::from_formula(&f).unwrap();
//! let snapshot = Snapshot::of_axioms(&theory);
//! assert!(matches!(Block::prove(goal.clone()).run(&snapshot), Outcome::Proved(_)));
//! assert!(matches!(Block::check(goal).run(&snapshot), Outcome::Unproved(_)));
//! ```

use super::equation::{defined_closure, Equation, Goal, RuleKind};
use super::failure::{Exhausted, Failure};
use super::limits::{Limits, UNBOUNDED};
use super::outcome::Outcome;
use super::prover::{Attempt, Prover, ProverConfig};
use super::rewrite::{expr, Lang, Rule};
use super::snapshot::Snapshot;
use crate::mpl::{OpId, Theory};
use egg::{RecExpr, Runner, StopReason};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Which of the snapshot's equations a block may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    /// All of them.
    All,
    /// The axioms, and the theorems over the operators the goal depends on (see
    /// [`Goal::dependencies`]), grown through the theorems with one side over them
    /// (`len(l1) + len(l2) = len(app(l1, l2))` brings `+` into a goal about `len` and
    /// `rev`): a theorem about unrelated operators only widens the search.
    Dependencies,
    /// The axioms and the admitted clauses (theorems with premises or a negation): a
    /// law about a relation defined by recursion follows from its definition and the
    /// laws before it, and the equations admitted before it (`x * x * y = ...`) would
    /// only hand its case analysis blocking terms to split on.
    AxiomsAndClauses,
    /// All of them but the one at this index (whether an admitted theorem follows from
    /// the others: compression).
    AllBut(usize),
    /// The first this many (a barrier's check of a goal against the facts before it).
    Prefix(usize),
}

/// `allowed` grown by the theorems that bridge out of it: a theorem with one side over
/// the allowed operators rewrites the goal's terms into its other side, whose operators
/// (and, transitively, those their definitions use) become allowed too
/// (`len(l1) + len(l2) = len(app(l1, l2))` brings `+` and its laws into a goal about
/// `len` and `rev`).
fn bridged(mut allowed: BTreeSet<OpId>, snapshot: &Snapshot) -> BTreeSet<OpId> {
    loop {
        let mut grew = false;
        for e in snapshot
            .equations
            .iter()
            .filter(|e| e.kind != RuleKind::Axiom)
        {
            let (mut l, mut r) = (BTreeSet::new(), BTreeSet::new());
            e.lhs.operators_into(&mut l);
            e.rhs.operators_into(&mut r);
            if l.is_subset(&allowed) || r.is_subset(&allowed) {
                for f in l.into_iter().chain(r) {
                    grew |= allowed.insert(f);
                }
            }
        }
        if !grew {
            return allowed;
        }
        allowed = defined_closure(allowed, &snapshot.equations);
    }
}

/// What a block does with its goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// Prove it (saturation, induction, case splits) with this budget; the outcome
    /// carries the proof.
    Prove(ProverConfig),
    /// Check whether it follows without induction (a plain equation: by rewriting; a
    /// clause: one sequent-prover block with [`Limits::for_clause_check`]); no proof is
    /// kept.
    Check(Limits),
}

/// One logic block: a goal, its rule selection and its task (with the budget).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The goal.
    pub goal: Goal,
    /// The rules it may use.
    pub rules: Selection,
    /// What to do, and the budget.
    pub task: Task,
}

impl Block {
    /// One block per goal, all with the same rule selection and task (a round).
    pub fn batch(
        goals: impl IntoIterator<Item = Goal>,
        rules: Selection,
        task: Task,
    ) -> Vec<Block> {
        goals
            .into_iter()
            .map(|goal| Block { goal, rules, task })
            .collect()
    }

    /// A block proving `goal` with all rules and the `ergo prove` budget.
    pub fn prove(goal: Goal) -> Block {
        Block {
            goal,
            rules: Selection::All,
            task: Task::Prove(ProverConfig::default()),
        }
    }

    /// A block checking whether `goal` follows without induction (all rules, the check
    /// budget [`Limits::check`]).
    pub fn check(goal: Goal) -> Block {
        Block {
            goal,
            rules: Selection::All,
            task: Task::Check(Limits::check()),
        }
    }

    /// The snapshot's equations this block may use, in order.
    pub fn equations(&self, snapshot: &Snapshot) -> Vec<Equation> {
        match self.rules {
            Selection::All => snapshot.equations.clone(),
            Selection::AllBut(k) => {
                let mut all = snapshot.equations.clone();
                if k < all.len() {
                    all.remove(k);
                }
                all
            }
            Selection::Prefix(n) => snapshot.equations[..n.min(snapshot.equations.len())].to_vec(),
            Selection::AxiomsAndClauses => snapshot
                .equations
                .iter()
                .filter(|e| e.kind == RuleKind::Axiom || !e.is_plain())
                .cloned()
                .collect(),
            Selection::Dependencies => {
                let allowed = bridged(self.goal.dependencies(&snapshot.equations), snapshot);
                snapshot
                    .equations
                    .iter()
                    .filter(|e| {
                        let mut ops = BTreeSet::new();
                        e.lhs.operators_into(&mut ops);
                        e.rhs.operators_into(&mut ops);
                        e.kind == RuleKind::Axiom || ops.is_subset(&allowed)
                    })
                    .cloned()
                    .collect()
            }
        }
    }

    /// Runs the block against `snapshot`. Depends on nothing else: the same block and
    /// snapshot give the same outcome on any worker (up to [`Outcome::untimed`]).
    pub fn run(&self, snapshot: &Snapshot) -> Outcome {
        let theory = &snapshot.theory;
        match self.task {
            Task::Prove(config) => {
                let mut prover = Prover::with_equations(theory, self.equations(snapshot), config);
                match prover.prove("candidate", &self.goal) {
                    Attempt::Proved(p) => Outcome::Proved(Box::new(p)),
                    Attempt::Unproved { reason, .. } => Outcome::Unproved(reason),
                }
            }
            Task::Check(limits) if self.goal.is_plain() => {
                let owned;
                let rules = match self.rules {
                    Selection::All => snapshot.rewrites(),
                    Selection::Prefix(n) => snapshot.rewrites_of_first(n),
                    Selection::AllBut(k) => {
                        owned = snapshot.rewrites_where(|j| j != k);
                        &owned
                    }
                    Selection::Dependencies | Selection::AxiomsAndClauses => {
                        owned = self
                            .equations(snapshot)
                            .iter()
                            .flat_map(|e| super::rewrite::rewrites(theory, e))
                            .collect::<Vec<Rule>>();
                        &owned
                    }
                };
                match follows_by_rewriting(theory, rules, &self.goal, limits) {
                    Ok(()) => Outcome::Follows,
                    Err(why) => Outcome::Unproved(Failure::Exhausted(why)),
                }
            }
            Task::Check(limits) => {
                match follows_without_induction(
                    theory,
                    self.equations(snapshot),
                    &self.goal,
                    limits,
                ) {
                    Ok(()) => Outcome::Follows,
                    Err(why) => Outcome::Unproved(why),
                }
            }
        }
    }
}

/// Whether the plain equation `goal` follows from `rules` by rewriting alone, in its own
/// small e-graph.
pub fn follows_by_rewriting(
    theory: &Theory,
    rules: &[Rule],
    goal: &Goal,
    limits: Limits,
) -> Result<(), Exhausted> {
    let (l, r) = (expr(theory, &goal.lhs), expr(theory, &goal.rhs));
    match saturate(&l, &r, rules, limits, false).0 {
        BlockOutcome::Joined => Ok(()),
        BlockOutcome::Unproved(why) => Err(why),
    }
}

/// Whether the clause `goal` follows from `equations` (plain and clauses) without
/// induction: one block of the sequent prover with [`Limits::for_clause_check`] of
/// `limits` (it alternates rewrites and clauses).
pub fn follows_without_induction(
    theory: &Theory,
    equations: Vec<Equation>,
    goal: &Goal,
    limits: Limits,
) -> Result<(), Failure> {
    let config = ProverConfig {
        limits: limits.for_clause_check(),
        induction: false,
        split_depth: 0,
        nested_blocks: 0,
        clause_blocks: None,
    };
    let mut prover = Prover::with_equations(theory, equations, config).verdict_only();
    match prover.prove("candidate", goal) {
        Attempt::Proved(_) => Ok(()),
        Attempt::Unproved { reason, .. } => Err(reason),
    }
}

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
        .with_time_limit(UNBOUNDED);
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
        _ => Exhausted::Saturated,
    };
    (BlockOutcome::Unproved(why), runner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(theory: &mut Theory, text: &str) -> Goal {
        Goal::from_formula(&crate::mpl::parse_goal(theory, text).unwrap()).unwrap()
    }

    /// A goal about `len` and `rev` sees `len(l1) + len(l2) = len(app(l1, l2))` (one
    /// side over its operators) and, through it, the laws of `+`; not a law over
    /// operators it never reaches.
    #[test]
    fn the_dependencies_grow_through_a_theorem_with_one_side_over_them() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/axioms/lists.mpl");
        let mut theory = crate::mpl::load(std::path::Path::new(path)).unwrap();
        let theorems: Vec<Equation> = [
            ("add_comm", "x + y = y + x"),
            ("add_len", "len(l1) + len(l2) = len(app(l1, l2))"),
        ]
        .into_iter()
        .map(|(name, text)| goal(&mut theory, text).into_equation(RuleKind::Theorem, name))
        .collect();
        let block = Block {
            goal: goal(&mut theory, "len(rev(l)) = len(l)"),
            rules: Selection::Dependencies,
            task: Task::Prove(ProverConfig::default()),
        };
        let plus = Block {
            goal: goal(&mut theory, "x + 0 = x"),
            ..block.clone()
        };
        // The snapshot's theory has every name the goals interned.
        let mut snapshot = Snapshot::of_axioms(&theory);
        theorems.into_iter().for_each(|t| snapshot.push(t));
        let theorems_seen = |b: &Block| -> Vec<String> {
            b.equations(&snapshot)
                .into_iter()
                .filter(|e| e.kind == RuleKind::Theorem)
                .map(|e| e.name)
                .collect()
        };
        assert_eq!(theorems_seen(&block), ["add_comm", "add_len"]);
        let out = block.run(&snapshot);
        assert!(out.is_proved(), "{out:?}");
        // A goal over + alone does not reach len: add_len has no side over {+, s, 0}.
        assert_eq!(theorems_seen(&plus), ["add_comm"]);
    }
}
