//! Equations and clauses, the currency of the engine: axioms, admitted theorems and
//! hypotheses are all an [`Equation`] `∀ vars. premises -> lhs = rhs` (or `lhs != rhs`),
//! and goals are a [`Goal`] of the same shape. Most are plain equations (no premises, not
//! negated); the others are *clauses* (certificate format, section 4), which saturation
//! uses as conditional rules and contradictions ([`super::horn`]).
//!
//! Invariants:
//! - an equation's `vars` are its rule (pattern) variables; any other variable in its
//!   sides is *rigid* (a fixed but arbitrary value of the enclosing proof, e.g. the
//!   induction variable inside an induction hypothesis);
//! - a goal's `rigid` variables are exactly the variables that may occur in its sides and
//!   premises;
//! - `negated` means the conclusion is `lhs != rhs`, i.e. the clause's premises are
//!   `premises` followed by `lhs = rhs` and its conclusion is falsity (the kernel's reading
//!   of `(=> P (not E))` and `(not E)`).

use crate::mpl::{Formula, OpId, Term, Theory, Var};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Where a rewrite rule comes from; mirrors the certificate's step kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleKind {
    /// An axiom of the theory.
    Axiom,
    /// A theorem admitted earlier.
    Theorem,
    /// An induction hypothesis of the proof in progress.
    Hypothesis,
}

impl RuleKind {
    /// The certificate's step kind for a rule of this kind.
    pub fn step_kind(self) -> ergo_kernel::format::StepKind {
        use ergo_kernel::format::StepKind;
        match self {
            RuleKind::Axiom => StepKind::Axiom,
            RuleKind::Theorem => StepKind::Theorem,
            RuleKind::Hypothesis => StepKind::Hyp,
        }
    }

    /// The certificate spelling of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Axiom => "axiom",
            RuleKind::Theorem => "theorem",
            RuleKind::Hypothesis => "hyp",
        }
    }
}

/// The two sides of an equation between terms (a premise or a conclusion).
pub type Equality = (Term, Term);

/// A named equation usable as a rewrite rule in both directions where expressible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Premises (equations) that must hold for the rule to apply; empty for an equation.
    pub premises: Vec<(Term, Term)>,
    /// Whether the conclusion is `lhs != rhs` (a clause concluding falsity).
    pub negated: bool,
}

impl Equation {
    /// Whether this is a plain equation (a rewrite rule): no premises, not negated.
    pub fn is_plain(&self) -> bool {
        self.premises.is_empty() && !self.negated
    }

    /// The clause view: all premises, and the conclusion (`None` for falsity).
    pub fn clause(&self) -> (Vec<Equality>, Option<Equality>) {
        let mut premises = self.premises.clone();
        if self.negated {
            premises.push((self.lhs.clone(), self.rhs.clone()));
            (premises, None)
        } else {
            (premises, Some((self.lhs.clone(), self.rhs.clone())))
        }
    }
}

/// A universally quantified clause to prove: the rigid variables, the premises, then the
/// two sides of the conclusion (an equation, or a negated one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// The variables of the goal, fixed but arbitrary while proving it.
    pub rigid: Vec<Var>,
    /// Left side.
    pub lhs: Term,
    /// Right side.
    pub rhs: Term,
    /// Premises, in order (they become the hypotheses `h1`, `h2`, ... of the proof).
    pub premises: Vec<(Term, Term)>,
    /// Whether the conclusion is `lhs != rhs`.
    pub negated: bool,
}

impl Goal {
    /// A plain equation goal `∀ rigid. lhs = rhs`.
    pub fn equation(rigid: Vec<Var>, lhs: Term, rhs: Term) -> Goal {
        Goal {
            rigid,
            lhs,
            rhs,
            premises: Vec::new(),
            negated: false,
        }
    }

    /// Whether this is a plain equation: no premises, not negated.
    pub fn is_plain(&self) -> bool {
        self.premises.is_empty() && !self.negated
    }

    /// Reads a closed formula `∀ xs. l = r` (nested quantifiers flattened) as a goal, or
    /// a clause: `∀ xs. !(l = r)`, `∀ xs. P -> C` with `P` an equation or a conjunction
    /// of equations and `C` an equation or a negated equation; `None` for any other
    /// shape.
    pub fn from_formula(f: &Formula) -> Option<Goal> {
        let mut rigid = Vec::new();
        let mut body = f;
        while let Formula::Forall(vs, inner) = body {
            rigid.extend(vs.iter().copied());
            body = inner;
        }
        let (premises, conclusion) = match body {
            Formula::Implies(p, c) => {
                let premises = match &**p {
                    Formula::Eq(l, r) => vec![(l.clone(), r.clone())],
                    Formula::And(ps) => ps
                        .iter()
                        .map(|p| match p {
                            Formula::Eq(l, r) => Some((l.clone(), r.clone())),
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()?,
                    _ => return None,
                };
                (premises, &**c)
            }
            other => (Vec::new(), other),
        };
        let (lhs, rhs, negated) = match conclusion {
            Formula::Eq(l, r) => (l.clone(), r.clone(), false),
            Formula::Not(e) => match &**e {
                Formula::Eq(l, r) => (l.clone(), r.clone(), true),
                _ => return None,
            },
            _ => return None,
        };
        Some(Goal {
            rigid,
            lhs,
            rhs,
            premises,
            negated,
        })
    }

    /// The goal as a closed formula (the inverse of [`Goal::from_formula`]).
    pub fn formula(&self) -> Formula {
        let eq = Formula::Eq(self.lhs.clone(), self.rhs.clone());
        let conclusion = if self.negated {
            Formula::Not(Box::new(eq))
        } else {
            eq
        };
        let mut eqs: Vec<Formula> = self
            .premises
            .iter()
            .map(|(l, r)| Formula::Eq(l.clone(), r.clone()))
            .collect();
        let body = match eqs.len() {
            0 => conclusion,
            1 => Formula::Implies(Box::new(eqs.remove(0)), Box::new(conclusion)),
            _ => Formula::Implies(Box::new(Formula::And(eqs)), Box::new(conclusion)),
        };
        if self.rigid.is_empty() {
            body
        } else {
            Formula::Forall(self.rigid.clone(), Box::new(body))
        }
    }

    /// The operators the goal depends on: its own, and, transitively, those of the
    /// axioms among `equations` that define them (an axiom defines the operator at the
    /// head of its left side).
    pub fn dependencies(&self, equations: &[Equation]) -> BTreeSet<OpId> {
        let mut ops = BTreeSet::new();
        self.lhs.operators_into(&mut ops);
        self.rhs.operators_into(&mut ops);
        for (l, r) in &self.premises {
            l.operators_into(&mut ops);
            r.operators_into(&mut ops);
        }
        defined_closure(ops, equations)
    }

    /// The goal as an equation with its rigid variables as rule variables.
    pub fn into_equation(self, kind: RuleKind, name: &str) -> Equation {
        Equation {
            kind,
            name: name.to_string(),
            vars: self.rigid,
            lhs: self.lhs,
            rhs: self.rhs,
            premises: self.premises,
            negated: self.negated,
        }
    }
}

/// `ops` with, transitively, the operators of the axioms among `equations` that define
/// them (an axiom defines the operator at the head of its left side).
pub fn defined_closure(mut ops: BTreeSet<OpId>, equations: &[Equation]) -> BTreeSet<OpId> {
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

/// The theory's conjectures as goals, in file order; `None` if one of them is not a
/// universally quantified equation or clause.
pub fn conjecture_goals(theory: &Theory) -> Option<Vec<(String, Goal)>> {
    theory
        .conjectures
        .iter()
        .map(|c| Goal::from_formula(&c.formula).map(|g| (c.name.clone(), g)))
        .collect()
}

/// The axioms the engine skips, with the reason: those that are no equation or clause
/// ([`Goal::from_formula`]), in declaration order. The front end normalises every axiom
/// into clauses (and reports the parts it cannot), so this is empty for a loaded theory;
/// callers report whatever it holds, so that no axiom is ever dropped silently.
pub fn skipped_axioms(theory: &Theory) -> Vec<(String, String)> {
    theory
        .axioms
        .iter()
        .filter(|a| Goal::from_formula(&a.formula).is_none())
        .map(|a| {
            let why = if is_existential(&a.formula) {
                "an existential conclusion: the engine does not search with existentials yet \
                 (a certificate may still use it, by `obtain`)"
            } else {
                "the engine reads only `∀xs. P1 ∧ ... ∧ Pn -> C` with equations as premises \
                 and an equation or disequation as conclusion"
            };
            (a.name.clone(), why.to_string())
        })
        .collect()
}

/// Whether `f` is a clause concluding "there exist ys with equations" (MPL's
/// `!(>[ys] !B)`), which the kernel checks but the engine does not search with yet.
pub fn is_existential(f: &Formula) -> bool {
    matches!(
        crate::proof::clause::Clause::from_formula(f),
        Some(c) if matches!(c.goal, crate::proof::clause::Goal::Exists(_))
    )
}

/// The axioms of a theory that are equations or clauses, in declaration order (see
/// [`skipped_axioms`] for the others).
pub fn axiom_equations(theory: &Theory) -> Vec<Equation> {
    theory
        .axioms
        .iter()
        .filter_map(|a| {
            Goal::from_formula(&a.formula).map(|g| g.into_equation(RuleKind::Axiom, &a.name))
        })
        .collect()
}
