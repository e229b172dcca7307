//! Equations, the currency of the engine: axioms, admitted theorems and induction
//! hypotheses are all an [`Equation`] `∀ vars. lhs = rhs`, and goals are a [`Goal`].
//!
//! Invariants:
//! - an equation's `vars` are its rule (pattern) variables; any other variable in its
//!   sides is *rigid* (a fixed but arbitrary value of the enclosing proof, e.g. the
//!   induction variable inside an induction hypothesis);
//! - a goal's `rigid` variables are exactly the variables that may occur in its sides.

use crate::mpl::{Formula, OpId, Term, Theory, Var};
use std::collections::BTreeSet;

/// Where a rewrite rule comes from; mirrors the certificate's step kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleKind {
    /// An axiom of the theory.
    Axiom,
    /// A theorem admitted earlier.
    Theorem,
    /// An induction hypothesis of the proof in progress.
    Hypothesis,
}

impl RuleKind {
    /// The certificate spelling of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Axiom => "axiom",
            RuleKind::Theorem => "theorem",
            RuleKind::Hypothesis => "hyp",
        }
    }
}

/// A named equation usable as a rewrite rule in both directions where expressible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equation {
    /// Where it comes from.
    pub kind: RuleKind,
    /// Its name (unique within its kind).
    pub name: String,
    /// Its universally quantified (pattern) variables.
    pub vars: Vec<Var>,
    /// Left side.
    pub lhs: Term,
    /// Right side.
    pub rhs: Term,
}

/// A universally quantified equation to prove: the rigid variables, then the two sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goal {
    /// The variables of the goal, fixed but arbitrary while proving it.
    pub rigid: Vec<Var>,
    /// Left side.
    pub lhs: Term,
    /// Right side.
    pub rhs: Term,
}

impl Goal {
    /// Reads a closed formula `∀ xs. l = r` (nested quantifiers flattened) as a goal;
    /// `None` when the formula is not a universally quantified equation.
    pub fn from_formula(f: &Formula) -> Option<Goal> {
        let mut rigid = Vec::new();
        let mut body = f;
        while let Formula::Forall(vs, inner) = body {
            rigid.extend(vs.iter().copied());
            body = inner;
        }
        match body {
            Formula::Eq(l, r) => Some(Goal {
                rigid,
                lhs: l.clone(),
                rhs: r.clone(),
            }),
            _ => None,
        }
    }

    /// The operators the goal depends on: its own, and, transitively, those of the
    /// axioms among `equations` that define them (an axiom defines the operator at the
    /// head of its left side).
    pub fn dependencies(&self, equations: &[Equation]) -> BTreeSet<OpId> {
        let mut ops = BTreeSet::new();
        self.lhs.operators_into(&mut ops);
        self.rhs.operators_into(&mut ops);
        loop {
            let mut grew = false;
            for a in equations.iter().filter(|e| e.kind == RuleKind::Axiom) {
                if matches!(&a.lhs, Term::App(f, _) if ops.contains(f)) {
                    let mut used = BTreeSet::new();
                    a.lhs.operators_into(&mut used);
                    a.rhs.operators_into(&mut used);
                    for g in used {
                        grew |= ops.insert(g);
                    }
                }
            }
            if !grew {
                return ops;
            }
        }
    }

    /// The goal as an equation with its rigid variables as rule variables.
    pub fn into_equation(self, kind: RuleKind, name: &str) -> Equation {
        Equation {
            kind,
            name: name.to_string(),
            vars: self.rigid,
            lhs: self.lhs,
            rhs: self.rhs,
        }
    }
}

/// The theory's conjectures as goals, in file order; `None` if one of them is not a
/// universally quantified equation.
pub fn conjecture_goals(theory: &Theory) -> Option<Vec<(String, Goal)>> {
    theory
        .conjectures
        .iter()
        .map(|c| Goal::from_formula(&c.formula).map(|g| (c.name.clone(), g)))
        .collect()
}

/// The axioms of a theory that are equations, in declaration order.
pub fn axiom_equations(theory: &Theory) -> Vec<Equation> {
    theory
        .axioms
        .iter()
        .filter_map(|a| {
            Goal::from_formula(&a.formula).map(|g| g.into_equation(RuleKind::Axiom, &a.name))
        })
        .collect()
}
