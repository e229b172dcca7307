//! The one replay of a kernel-checked certificate outside the kernel: every proof as a
//! typed tree that renderers (the HTML site, the Coq export) walk without replaying
//! anything themselves.
//!
//! Per block the tree gives its context and its goal: a chain with its start term and,
//! per step, the term before and after, the cited rule (its clause, and for a hypothesis
//! the hypothesis itself), the direction and position (in the step), the instance and
//! the rule's instance, and the proofs of the rule's premises; a case split or an
//! induction with its reverted hypotheses and generalised variables and, per case, the
//! fresh variables, the instance, the goal, the hypotheses it introduces and the
//! induction hypotheses' clauses; a case split on a term with the term, the hypothesis
//! name and, per case, the same (a split's case introduces only `hyp: term = c(fresh)`,
//! its goal is the block's); a contradiction with its clause's instance and the
//! proofs of its premises; a witness with its terms and the proofs of the conjuncts; an
//! obtain with its clause's instance, premise proofs, fresh variables, the hypotheses it
//! introduces and the proof of the same goal.
//!
//! Invariants:
//! - goals and hypotheses are rebuilt from the statement exactly as the kernel rebuilds
//!   them (certificate format section 5.1, through [`super::clause::Induct`]): the
//!   theorem's premises
//!   are the hypotheses `h1..hn`; a case split or an induction reverts the simple
//!   hypotheses (re-introduced in each case with the variable replaced), keeps the
//!   others in which the variable is not free, and an induction adds `ih_<fresh>`, whose
//!   premises are the reverted hypotheses and whose conclusion is the goal, generalised
//!   over the rigid variables free in no kept hypothesis; a split on a term keeps every
//!   hypothesis and adds `hyp: term = c(fresh...)`;
//! - the replay re-checks what it rebuilds (each step rewrites the rule's instance at its
//!   position into the written term, a chain ends at its goal's right side, premise
//!   counts, constructors): a certificate the kernel accepted always replays, and any
//!   disagreement is a [`ReplayError`], never a guess;
//! - a step or contradiction citing a hypothesis is resolved to the innermost hypothesis
//!   of that name in scope;
//! - every block has a path built from the way down to it (`c1-` case 1, `s2p0-` the
//!   proof of premise 0 of step 2, `p0-` the proof of premise 0 of a contradiction or
//!   an obtain, `w0-` the proof of conjunct 0 of a witness, `o-` an obtain's body),
//!   unique within a proof and stable for identical certificates; a hypothesis carries
//!   the path of the case that introduced it (empty for the theorem's premises).
//!
//! Example: walk the tree of every verified theorem, counting chain steps.
//!
//! ```no_run
//! # fn walk(loaded: &ergo::proof::load::Loaded) -> Result<usize, ergo::proof::tree::ReplayError> {
//! use ergo::proof::tree::{self, Block};
//! fn steps(b: &Block) -> usize {
//!     match b {
//!         Block::Chain(c) => c.rows.iter().map(|r| 1 + r.premises.iter().map(|s| steps(&s.body)).sum::<usize>()).sum(),
//!         Block::Induction(i) => i.cases.iter().map(|c| steps(&c.body)).sum(),
//!         Block::Split(s) => s.cases.iter().map(|c| steps(&c.body)).sum(),
//!         Block::Contradiction(c) => c.premises.iter().map(|s| steps(&s.body)).sum(),
//!         Block::Witness(w) => w.proofs.iter().map(|s| steps(&s.body)).sum(),
//!         Block::Obtain(o) => steps(&o.body) + o.premises.iter().map(|s| steps(&s.body)).sum::<usize>(),
//!     }
//! }
//! let replayed = tree::replay(&loaded.theory, &loaded.verified)?;
//! Ok(replayed.theorems.iter().map(|t| steps(&t.proof)).sum())
//! # }
//! ```

use super::clause::{Clause, Equation, Exists, Goal};
use crate::mpl::{OpId, Term, Theory, Var};
use ergo_kernel::format::{Step, StepKind, Theorem};
use ergo_kernel::TheoremReport;
use std::collections::BTreeMap;

pub use super::replay::{replay, subterm};

/// Why a kernel-accepted theorem could not be replayed (a disagreement between the
/// certificate and this replay: a bug, reported rather than hidden).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("theorem `{theorem}`: {reason}")]
pub struct ReplayError {
    /// The theorem.
    pub theorem: String,
    /// What disagreed.
    pub reason: String,
}

/// How a hypothesis came into scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A premise of the theorem (`h1`, `h2`, ...).
    Premise,
    /// A reverted hypothesis, re-introduced in a case with the variable replaced.
    Reintroduced,
    /// An induction hypothesis.
    Induction,
    /// The case hypothesis `term = c(fresh...)` of a split on a term.
    Split,
    /// A conjunct of an existential opened by an obtain (`h`, or `h.1`, `h.2`, ...).
    Obtained,
}

/// A hypothesis in scope.
#[derive(Clone, Debug)]
pub struct Hyp {
    /// Its name, e.g. `h1` or `ih_x`.
    pub name: String,
    /// The path of the case that introduced it (empty for the theorem's premises).
    pub scope: String,
    /// Its statement: rule variables (the generalised ones; the others are rigid),
    /// premises and conclusion.
    pub clause: Clause,
    /// How it came into scope.
    pub origin: Origin,
}

/// A rule cited by a step or a contradiction.
#[derive(Clone, Debug)]
pub struct Cited<'c> {
    /// Where it comes from.
    pub kind: StepKind,
    /// Its name.
    pub name: &'c str,
    /// The sorts the citation gives the rule's parameters (format version 3; empty for a
    /// rule without parameters).
    pub sorts: BTreeMap<String, String>,
    /// Its clause at those sorts, with its variables.
    pub clause: Clause,
    /// For a hypothesis, the hypothesis in scope it resolves to.
    pub hyp: Option<Hyp>,
}

/// A proof block.
#[derive(Debug)]
pub enum Block<'c> {
    /// A chain of rewrite steps.
    Chain(Chain<'c>),
    /// A structural induction or a case split on a variable.
    Induction(Induction<'c>),
    /// A case split on a term.
    Split(Split<'c>),
    /// A contradiction (boxed: its cited clause makes it the largest block).
    Contradiction(Box<Contradiction<'c>>),
    /// ∃-introduction: witnesses and a proof of each conjunct.
    Witness(Witness<'c>),
    /// ∃-elimination: an existential opened with fresh variables, then the same goal.
    Obtain(Box<Obtain<'c>>),
}

/// The proof of one premise of a conditional step or of a contradiction.
#[derive(Debug)]
pub struct Sub<'c> {
    /// The path of the sub-proof.
    pub path: String,
    /// The premise proved (an instance of the rule's premise).
    pub goal: Equation,
    /// Its proof.
    pub body: Block<'c>,
}

/// A chain of rewrite steps from `start` (the goal's left side) to the goal's right side.
#[derive(Debug)]
pub struct Chain<'c> {
    /// The path of the block.
    pub path: String,
    /// The goal's left side, where the chain starts.
    pub start: Term,
    /// One row per step, in order.
    pub rows: Vec<Row<'c>>,
}

/// One step of a chain.
#[derive(Debug)]
pub struct Row<'c> {
    /// The step as written in the certificate (direction, position, rule name).
    pub step: &'c Step,
    /// The whole term before the step.
    pub before: Term,
    /// The whole term after the step.
    pub term: Term,
    /// The rule it applies.
    pub rule: Cited<'c>,
    /// The instance: each rule variable with its term, in the certificate's order.
    pub subst: Vec<(&'c str, Term)>,
    /// The rule under the instance (no variables left).
    pub instance: Clause,
    /// The proofs of the rule's premises (a conditional rule), in order.
    pub premises: Vec<Sub<'c>>,
}

/// A structural induction or a case split.
#[derive(Debug)]
pub struct Induction<'c> {
    /// The variable.
    pub var: Var,
    /// True for a case split (no induction hypothesis).
    pub split: bool,
    /// The goal of the block.
    pub goal: Goal,
    /// The reverted hypotheses, in context order, as they were in the context.
    pub reverted: Vec<Hyp>,
    /// The generalised variables, in context order.
    pub general: Vec<Var>,
    /// One case per constructor, in declared order.
    pub cases: Vec<Case<'c>>,
}

/// A case split on a term (the certificate's `split`): one case per constructor of the
/// term's sort, each with the context unchanged plus the fresh variables and the simple
/// hypothesis `hyp: term = c(fresh...)`, and the same goal.
#[derive(Debug)]
pub struct Split<'c> {
    /// The term split on, over the block's rigid variables.
    pub term: Term,
    /// The name of the case hypothesis (the same in every case).
    pub hyp: String,
    /// The goal of the block and of every case.
    pub goal: Goal,
    /// One case per constructor, in declared order; each introduces exactly the case
    /// hypothesis `hyp: term = instance` and no induction hypothesis.
    pub cases: Vec<Case<'c>>,
}

/// One case of an induction or a case split (on a variable or a term).
#[derive(Debug)]
pub struct Case<'c> {
    /// The path of the case.
    pub path: String,
    /// The constructor.
    pub constructor: OpId,
    /// Its fresh variables, one per constructor argument.
    pub fresh: Vec<Var>,
    /// The term the variable is replaced by, `c(fresh...)`.
    pub instance: Term,
    /// True when the constructor takes no argument of the variable's (the term's) sort.
    pub base: bool,
    /// The case's goal.
    pub goal: Goal,
    /// The hypotheses this case introduces: the reverted ones re-introduced, then (for
    /// an induction) the induction hypotheses.
    pub hyps: Vec<Hyp>,
    /// The induction hypotheses' clauses by fresh variable, computed for a case split
    /// too (where they are not in scope), for exporters whose induction principle
    /// passes them anyway.
    pub ihs: Vec<(Var, Clause)>,
    /// The case's proof.
    pub body: Block<'c>,
}

/// A contradiction: an instance of a clause concluding falsity, and its premises' proofs.
#[derive(Debug)]
pub struct Contradiction<'c> {
    /// The goal of the block, proved from falsity.
    pub goal: Goal,
    /// The clause.
    pub rule: Cited<'c>,
    /// The instance: each clause variable with its term, in the certificate's order.
    pub subst: Vec<(&'c str, Term)>,
    /// The clause under the instance (no variables left).
    pub instance: Clause,
    /// The proofs of its premises, in order.
    pub premises: Vec<Sub<'c>>,
}

/// ∃-introduction (the certificate's `witness`): a term per bound variable of the goal,
/// and the proof of each conjunct with the terms substituted.
#[derive(Debug)]
pub struct Witness<'c> {
    /// The path of the block.
    pub path: String,
    /// The existential goal.
    pub goal: Exists,
    /// Each bound variable with its witness, in binder order.
    pub terms: Vec<(Var, Term)>,
    /// The proofs of the conjuncts (their goals with the witnesses), in order.
    pub proofs: Vec<Sub<'c>>,
}

/// ∃-elimination (the certificate's `obtain`): an instance of a clause concluding an
/// existential, proofs of its premises, and the block's goal proved with the fresh
/// variables and the opened conjuncts as hypotheses.
#[derive(Debug)]
pub struct Obtain<'c> {
    /// The path of the block.
    pub path: String,
    /// The goal of the block (and of its body).
    pub goal: Goal,
    /// The clause opened.
    pub rule: Cited<'c>,
    /// The instance: each clause variable with its term, in the certificate's order.
    pub subst: Vec<(&'c str, Term)>,
    /// The existential of the instance (its variables still bound).
    pub exists: Exists,
    /// The proofs of the instance's premises, in order.
    pub premises: Vec<Sub<'c>>,
    /// The fresh rigid variables, one per bound variable.
    pub fresh: Vec<Var>,
    /// The hypotheses introduced: the conjuncts over the fresh variables.
    pub hyps: Vec<Hyp>,
    /// The proof of the goal in the extended context.
    pub body: Block<'c>,
}

impl Block<'_> {
    /// The deepest nesting of case splits and inductions (premise proofs count where
    /// they appear).
    pub fn depth(&self) -> usize {
        let subs = |s: &[Sub]| s.iter().map(|s| s.body.depth()).max().unwrap_or(0);
        match self {
            Block::Chain(c) => c.rows.iter().map(|r| subs(&r.premises)).max().unwrap_or(0),
            Block::Induction(ind) => {
                1 + ind.cases.iter().map(|c| c.body.depth()).max().unwrap_or(0)
            }
            Block::Split(split) => {
                1 + split
                    .cases
                    .iter()
                    .map(|c| c.body.depth())
                    .max()
                    .unwrap_or(0)
            }
            Block::Contradiction(c) => subs(&c.premises),
            Block::Witness(w) => subs(&w.proofs),
            Block::Obtain(o) => subs(&o.premises).max(o.body.depth()),
        }
    }
}

/// One replayed theorem.
#[derive(Debug)]
pub struct TheoremTree<'c> {
    /// The theorem as written in the certificate.
    pub theorem: &'c Theorem,
    /// The kernel's report on it.
    pub report: &'c TheoremReport,
    /// Its statement.
    pub statement: Clause,
    /// The hypotheses `h1..hn` of its proof: its premises.
    pub hyps: Vec<Hyp>,
    /// Its proof.
    pub proof: Block<'c>,
}

/// The replay of a certificate's accepted theorems.
#[derive(Debug)]
pub struct Replayed<'c> {
    /// The theory, with every variable name of the certificate interned.
    pub theory: Theory,
    /// The accepted theorems, in certificate order.
    pub theorems: Vec<TheoremTree<'c>>,
}
