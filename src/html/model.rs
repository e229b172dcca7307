//! What one theory's pages show, gathered from a kernel-checked certificate.
//!
//! Invariants:
//! - built only from a [`Loaded`] certificate, and only from the theorems the kernel
//!   accepted ([`ergo_kernel::Verified::theorems`]): a rejected theorem has no model, no
//!   page, and is cited by no accepted theorem (the kernel rejects citations of rejected
//!   theorems), so no link can point at it;
//! - every list is in certificate order (theorems, axioms, first use of a citation) and
//!   every map is a `BTreeMap`, so rendering never depends on hash order.

use crate::mpl::{Theory, Var};
use crate::proof::clause::Clause;
use crate::proof::graph::Node;
use crate::proof::load::Loaded;
use crate::proof::tree::{self, Block, Hyp};
use crate::proof::ProofGraph;
use ergo_kernel::format::Theorem;
use ergo_kernel::TheoremReport;
use std::collections::BTreeMap;

/// Whether a theorem is essential or derived, from the certificate's optional
/// `essential` annotation (written by `ergo derive`; not checked by the kernel, so it is
/// presentation only). [`status_of`] is the one place that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No mark in the certificate (e.g. a goal proved by `ergo prove`).
    Theorem,
    /// Kept by compression: the others do not prove it without induction.
    Essential,
    /// Redundant: the others prove it without induction (still browsable).
    Derived,
}

impl Status {
    /// The word shown on the pages.
    pub fn label(self) -> &'static str {
        match self {
            Status::Theorem => "theorem",
            Status::Essential => "essential",
            Status::Derived => "derived",
        }
    }
}

/// The essential/derived mark of a theorem: [`Status::Theorem`] when it has none.
pub fn status_of(theorem: &Theorem) -> Status {
    match theorem.essential {
        None => Status::Theorem,
        Some(true) => Status::Essential,
        Some(false) => Status::Derived,
    }
}

/// A citation of a proof: an axiom or an earlier theorem.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cited {
    /// An axiom of the theory.
    Axiom(String),
    /// An accepted theorem of the certificate.
    Theorem(String),
}

impl Cited {
    /// The cited name.
    pub fn name(&self) -> &str {
        match self {
            Cited::Axiom(n) | Cited::Theorem(n) => n,
        }
    }
}

/// One accepted theorem, ready to render.
pub struct TheoremModel<'a> {
    /// The theorem as written in the certificate.
    pub cert: &'a Theorem,
    /// The kernel's report on it (steps, axioms it rests on).
    pub report: &'a TheoremReport,
    /// Its variables (universally quantified).
    pub vars: Vec<Var>,
    /// The statement: a clause (premises and a conclusion, an equation or falsity).
    pub statement: Clause,
    /// The hypotheses `h1..hn` of its proof: its premises.
    pub hyps: Vec<Hyp>,
    /// The proof, rebuilt for display.
    pub proof: Block<'a>,
    /// What the proof cites directly, in first-use order.
    pub uses: Vec<Cited>,
    /// Essential, derived or unmarked.
    pub status: Status,
}

impl TheoremModel<'_> {
    /// The method in words: `induction on x`, `induction on y, nested`, `case split on
    /// b`, `case analysis on eqn(n, x)`, `contradiction`, `direct`.
    pub fn method(&self, theory: &Theory) -> String {
        let nested = if self.proof.depth() > 1 {
            ", nested"
        } else {
            ""
        };
        match &self.proof {
            Block::Chain(_) => "direct".to_string(),
            Block::Induction(ind) => {
                let how = if ind.split { "case split" } else { "induction" };
                format!("{how} on {}{nested}", theory.name(ind.var.name))
            }
            Block::Split(split) => {
                let term = super::term::Printer::new(theory).text(&split.term);
                format!("case analysis on {term}{nested}")
            }
            Block::Contradiction(_) => format!("contradiction{nested}"),
            Block::Witness(_) => format!("witness{nested}"),
            Block::Obtain(o) => format!("obtain from {}{nested}", o.rule.name),
        }
    }
}

/// One theory's site: its accepted theorems and who cites whom.
pub struct TheoryModel<'a> {
    /// The certificate and its source theory.
    pub loaded: &'a Loaded,
    /// The theory, with every variable name of the proofs interned.
    pub theory: Theory,
    /// The accepted theorems, in certificate order.
    pub theorems: Vec<TheoremModel<'a>>,
    /// For each axiom or theorem name, the accepted theorems citing it directly
    /// (indices into `theorems`, ascending).
    pub used_by: BTreeMap<String, Vec<usize>>,
}

impl<'a> TheoryModel<'a> {
    /// Gathers the model of a loaded certificate. `Err` only for a certificate that the
    /// kernel accepted but this renderer cannot read back (a bug, reported, not hidden).
    pub fn new(loaded: &'a Loaded) -> Result<TheoryModel<'a>, String> {
        let replayed = tree::replay(&loaded.theory, &loaded.verified).map_err(|e| e.to_string())?;
        let graph = ProofGraph::new(loaded.verified.certificate());
        let mut theorems = Vec::new();
        for t in replayed.theorems {
            let uses = graph
                .uses(&t.theorem.name)
                .into_iter()
                .filter_map(|n| match n {
                    Node::Axiom(a) => Some(Cited::Axiom(a.clone())),
                    Node::Theorem(t) => Some(Cited::Theorem(t.clone())),
                    Node::Hypothesis(..) => None,
                })
                .collect();
            theorems.push(TheoremModel {
                cert: t.theorem,
                report: t.report,
                vars: t.statement.vars.clone(),
                hyps: t.hyps,
                statement: t.statement,
                proof: t.proof,
                uses,
                status: status_of(t.theorem),
            });
        }
        let mut used_by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, t) in theorems.iter().enumerate() {
            for c in &t.uses {
                used_by.entry(c.name().to_string()).or_default().push(k);
            }
        }
        Ok(TheoryModel {
            loaded,
            theory: replayed.theory,
            theorems,
            used_by,
        })
    }

    /// The theorems citing `name` directly (indices, ascending).
    pub fn users(&self, name: &str) -> &[usize] {
        self.used_by.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The index of the accepted theorem called `name`.
    pub fn theorem_index(&self, name: &str) -> Option<usize> {
        self.theorems.iter().position(|t| t.cert.name == name)
    }

    /// Total rewrite steps of the accepted theorems.
    pub fn total_steps(&self) -> usize {
        self.theorems.iter().map(|t| t.report.steps).sum()
    }

    /// The axioms that at least one accepted theorem rests on, in declaration order.
    pub fn axioms_used(&self) -> Vec<&str> {
        self.theory
            .axioms
            .iter()
            .map(|a| a.name.as_str())
            .filter(|a| {
                self.theorems
                    .iter()
                    .any(|t| t.report.axioms.iter().any(|x| x == a))
            })
            .collect()
    }
}
