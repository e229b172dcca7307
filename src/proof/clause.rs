//! Clauses (certificate format version 2, sections 4 and 5.1) over theory terms, and the
//! contexts of case splits and inductions rebuilt as the kernel rebuilds them. Read by
//! [`super::sexp::statement`], used by the replay ([`super::tree`]).
//!
//! Invariants:
//! - a [`Clause`] is the kernel's reading of a clause: its variables, its premises
//!   (equations, in order; a negated conclusion's equation is the last premise) and its
//!   conclusion ([`Goal`]), an equation, falsity, or an existential over equations (MPL
//!   writes `∃ys. B` as `!(>[ys] !B)`, the certificate as `(exists ((y S)..) B)`; its
//!   variables are bound in its body, and substitution never enters them: the kernel
//!   rejected any capture); [`Clause::negated`] remembers whether
//!   it was *written* as a negation, for display only;
//! - [`Induct`] and [`Induct::case`] follow section 5.1 to the letter: simple hypotheses
//!   are reverted (and re-introduced, with the variable replaced, under their own name),
//!   other hypotheses are kept when the variable is not free in them and dropped
//!   otherwise, the generalised variables are the rigid ones (but the variable) free in
//!   no kept hypothesis, and each recursive fresh argument gets `ih_<fresh>`, whose
//!   premises are the reverted hypotheses and whose conclusion is the goal.

use crate::mpl::{Formula, OpId, Term, Var};

/// An equation `l = r`.
pub type Equation = (Term, Term);

/// `∃vars. body₁ ∧ ... ∧ bodyₖ` (format version 3): the variables are bound in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exists {
    /// The bound variables, in binder order.
    pub vars: Vec<Var>,
    /// The conjuncts, in order (at least one).
    pub body: Vec<Equation>,
}

/// What a clause concludes, or what a block proves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// An equation.
    Eq(Equation),
    /// Falsity.
    Falsity,
    /// There exist the variables with the conjuncts.
    Exists(Exists),
}

impl Goal {
    /// The equation, if the goal is one.
    pub fn eq(&self) -> Option<&Equation> {
        match self {
            Goal::Eq(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the goal is falsity.
    pub fn is_falsity(&self) -> bool {
        matches!(self, Goal::Falsity)
    }

    /// Every equation written in the goal (the body's, for an existential).
    pub fn equations(&self) -> &[Equation] {
        match self {
            Goal::Eq(e) => std::slice::from_ref(e),
            Goal::Falsity => &[],
            Goal::Exists(ex) => &ex.body,
        }
    }

    /// The goal with `f` applied to each equation (an existential's bound variables are
    /// left to `f`'s caller: see [`Goal::substitute`] and [`Goal::instantiate`]).
    fn map(&self, f: impl Fn(&Equation) -> Equation) -> Goal {
        match self {
            Goal::Eq(e) => Goal::Eq(f(e)),
            Goal::Falsity => Goal::Falsity,
            Goal::Exists(ex) => Goal::Exists(Exists {
                vars: ex.vars.clone(),
                body: ex.body.iter().map(f).collect(),
            }),
        }
    }

    /// Whether `v` is bound by the goal (one of an existential's variables).
    fn binds(&self, v: &Var) -> bool {
        matches!(self, Goal::Exists(ex) if ex.vars.contains(v))
    }

    /// The goal with the rigid variable `v` replaced by `by` (not under a binder of `v`;
    /// the kernel rejected any capture).
    pub fn substitute(&self, v: &Var, by: &Term) -> Goal {
        if self.binds(v) {
            return self.clone();
        }
        self.map(|(l, r)| (l.substitute(v, by), r.substitute(v, by)))
    }

    /// The goal under a simultaneous instance of variables (bound ones excepted).
    pub fn instantiate(&self, map: &[(Var, Term)]) -> Goal {
        let map: Vec<(Var, Term)> = map
            .iter()
            .filter(|(v, _)| !self.binds(v))
            .cloned()
            .collect();
        self.map(|(l, r)| (instance(l, &map), instance(r, &map)))
    }
}

impl Exists {
    /// The conjuncts with the bound variables replaced by `values` (in order) and the
    /// other variables of `map` by theirs, at once.
    pub fn open(&self, map: &[(Var, Term)], values: &[Term]) -> Vec<Equation> {
        let mut map: Vec<(Var, Term)> = map
            .iter()
            .filter(|(v, _)| !self.vars.contains(v))
            .cloned()
            .collect();
        map.extend(self.vars.iter().copied().zip(values.iter().cloned()));
        let sub = |(l, r): &Equation| (instance(l, &map), instance(r, &map));
        self.body.iter().map(sub).collect()
    }

    /// The existential with its first `values.len()` variables given those values: the
    /// rest stay bound.
    pub fn given(&self, values: &[Term]) -> Exists {
        let n = values.len().min(self.vars.len());
        let map: Vec<(Var, Term)> = self.vars[..n]
            .iter()
            .copied()
            .zip(values.iter().cloned())
            .collect();
        let sub = |(l, r): &Equation| (instance(l, &map), instance(r, &map));
        Exists {
            vars: self.vars[n..].to_vec(),
            body: self.body.iter().map(sub).collect(),
        }
    }

    /// `∃vars. body` as MPL writes it: `!(>[vars] !(body))`.
    pub fn formula(&self) -> Formula {
        let eq = |(l, r): &Equation| Formula::Eq(l.clone(), r.clone());
        let body = match self.body.as_slice() {
            [e] => eq(e),
            es => Formula::And(es.iter().map(eq).collect()),
        };
        let inner = Formula::Forall(self.vars.clone(), Box::new(Formula::Not(Box::new(body))));
        Formula::Not(Box::new(inner))
    }

    /// Reads MPL's `!(>[vars] !(body))` with a body of equations.
    pub fn from_formula(f: &Formula) -> Option<Exists> {
        let Formula::Not(inner) = f else { return None };
        let Formula::Forall(vars, body) = inner.as_ref() else {
            return None;
        };
        let Formula::Not(body) = body.as_ref() else {
            return None;
        };
        let eq = |f: &Formula| match f {
            Formula::Eq(l, r) => Some((l.clone(), r.clone())),
            _ => None,
        };
        let body = match body.as_ref() {
            Formula::And(xs) if xs.len() >= 2 => xs.iter().map(eq).collect::<Option<_>>()?,
            b => vec![eq(b)?],
        };
        Some(Exists {
            vars: vars.clone(),
            body,
        })
    }
}

/// A clause: `forall vars, premises => conclusion`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// Its (bound) variables, in the order of its `forall`.
    pub vars: Vec<Var>,
    /// Its premises, in order (a negated conclusion's equation last).
    pub premises: Vec<Equation>,
    /// Its conclusion: an equation, falsity or an existential.
    pub goal: Goal,
    /// Whether the conclusion was written as a negated equation (then `goal` is `None`
    /// and the negated equation is the last premise). Display only.
    pub negated: bool,
    /// How the premises were grouped when written: the number of equations of each
    /// premise formula (an `and` of several, or one), the negated equation counted as a
    /// group of its own. Sums to `premises.len()`.
    pub groups: Vec<usize>,
}

impl Clause {
    /// An equation over rigid variables, as a clause without variables or premises.
    pub fn fact(l: Term, r: Term) -> Clause {
        Clause {
            vars: Vec::new(),
            premises: Vec::new(),
            goal: Goal::Eq((l, r)),
            negated: false,
            groups: Vec::new(),
        }
    }

    /// Reads a formula as a clause; `None` if it is not one (section 4).
    pub fn from_formula(f: &Formula) -> Option<Clause> {
        let (vars, body) = match f {
            Formula::Forall(vs, body) => (vs.clone(), body.as_ref()),
            f => (Vec::new(), f),
        };
        let eq = |f: &Formula| match f {
            Formula::Eq(l, r) => Some((l.clone(), r.clone())),
            _ => None,
        };
        let neq = |f: &Formula| match f {
            Formula::Not(inner) => eq(inner),
            _ => None,
        };
        let mut clause = Clause {
            vars,
            premises: Vec::new(),
            goal: Goal::Falsity,
            negated: false,
            groups: Vec::new(),
        };
        let conclusion = match body {
            Formula::Implies(p, c) => {
                match p.as_ref() {
                    Formula::And(xs) if xs.len() >= 2 => {
                        for x in xs {
                            clause.premises.push(eq(x)?);
                        }
                        clause.groups.push(xs.len());
                    }
                    p => {
                        clause.premises.push(eq(p)?);
                        clause.groups.push(1);
                    }
                }
                c.as_ref()
            }
            c => c,
        };
        if let Some(e) = eq(conclusion) {
            clause.goal = Goal::Eq(e);
        } else if let Some(ex) = Exists::from_formula(conclusion) {
            clause.goal = Goal::Exists(ex);
        } else {
            clause.premises.push(neq(conclusion)?);
            clause.groups.push(1);
            clause.negated = true;
        }
        Some(clause)
    }

    /// Whether the clause is a simple hypothesis: no variables, no premises, an equation.
    pub fn is_simple(&self) -> bool {
        self.vars.is_empty() && self.premises.is_empty() && self.goal.eq().is_some()
    }

    /// Every equation of the clause, premises first (an existential's body last).
    pub fn equations(&self) -> impl Iterator<Item = &Equation> {
        self.premises.iter().chain(self.goal.equations())
    }

    /// Whether the rigid variable `v` occurs free (it is not one of the clause's own,
    /// nor bound by its existential conclusion).
    pub fn has_free(&self, v: &Var) -> bool {
        let occurs = |(l, r): &Equation| l.occurs(v) || r.occurs(v);
        !self.vars.contains(v)
            && (self.premises.iter().any(occurs)
                || (!self.goal.binds(v) && self.goal.equations().iter().any(occurs)))
    }

    /// The clause with the rigid variable `v` replaced by `by` (nothing happens if `v`
    /// is one of its own variables).
    pub fn substitute(&self, v: &Var, by: &Term) -> Clause {
        if self.vars.contains(v) {
            return self.clone();
        }
        let sub = |(l, r): &Equation| (l.substitute(v, by), r.substitute(v, by));
        Clause {
            vars: self.vars.clone(),
            premises: self.premises.iter().map(sub).collect(),
            goal: self.goal.substitute(v, by),
            negated: self.negated,
            groups: self.groups.clone(),
        }
    }

    /// The premises and conclusion under a simultaneous instance of the variables.
    pub fn instantiate(&self, map: &[(Var, Term)]) -> (Vec<Equation>, Goal) {
        let sub = |(l, r): &Equation| (instance(l, map), instance(r, map));
        (
            self.premises.iter().map(sub).collect(),
            self.goal.instantiate(map),
        )
    }

    /// The clause as a formula (`forall vars, p1 /\ ... => c`), as close as possible to
    /// how it was written (a negated conclusion as `not`).
    pub fn formula(&self) -> Formula {
        let eq = |(l, r): &Equation| Formula::Eq(l.clone(), r.clone());
        let (premises, conclusion) = match (&self.goal, self.negated) {
            (Goal::Eq(g), _) => (&self.premises[..], eq(g)),
            (Goal::Exists(ex), _) => (&self.premises[..], ex.formula()),
            (Goal::Falsity, true) if !self.premises.is_empty() => {
                let (last, rest) = self.premises.split_last().expect("not empty");
                (rest, Formula::Not(Box::new(eq(last))))
            }
            (Goal::Falsity, _) => {
                // Falsity with no negated equation: `p1 => ... => (not pn)`.
                match self.premises.split_last() {
                    Some((last, rest)) => (rest, Formula::Not(Box::new(eq(last)))),
                    None => (&[][..], Formula::And(Vec::new())),
                }
            }
        };
        let body = match premises {
            [] => conclusion,
            [p] => Formula::Implies(Box::new(eq(p)), Box::new(conclusion)),
            ps => Formula::Implies(
                Box::new(Formula::And(ps.iter().map(eq).collect())),
                Box::new(conclusion),
            ),
        };
        if self.vars.is_empty() {
            body
        } else {
            Formula::Forall(self.vars.clone(), Box::new(body))
        }
    }
}

/// `t` under a simultaneous substitution of variables.
pub fn instance(t: &Term, map: &[(Var, Term)]) -> Term {
    match t {
        Term::Var(v) => map
            .iter()
            .find(|(w, _)| w == v)
            .map_or_else(|| t.clone(), |(_, by)| by.clone()),
        Term::App(op, args) => Term::App(*op, args.iter().map(|a| instance(a, map)).collect()),
    }
}

/// What a case split or an induction on `var` does to a context (section 5.1).
#[derive(Clone, Debug)]
pub struct Induct {
    /// The variable split on.
    pub var: Var,
    /// The indices of the reverted (simple) hypotheses, in context order.
    pub reverted: Vec<usize>,
    /// The indices of the kept hypotheses, in context order.
    pub kept: Vec<usize>,
    /// The generalised variables, in context order.
    pub general: Vec<Var>,
}

/// One case of a case split or an induction, rebuilt from the goal.
#[derive(Clone, Debug)]
pub struct CaseShape {
    /// `c(fresh...)`, which replaces the variable.
    pub instance: Term,
    /// The case's rigid variables.
    pub rigid: Vec<Var>,
    /// The case's goal.
    pub goal: Goal,
    /// The hypotheses from the context, in context order: the index of the original,
    /// whether it is re-introduced (reverted, with the variable replaced), and the
    /// hypothesis as it is in the case.
    pub hyps: Vec<(usize, bool, Clause)>,
    /// The induction hypotheses (empty for a case split): the fresh variable each is
    /// about, and the clause.
    pub ihs: Vec<(Var, Clause)>,
}

impl Induct {
    /// How an induction or case split on `var` treats the hypotheses `hyps` over the
    /// rigid variables `rigid`.
    pub fn new(rigid: &[Var], hyps: &[&Clause], var: Var) -> Induct {
        let reverted: Vec<usize> = (0..hyps.len()).filter(|&i| hyps[i].is_simple()).collect();
        let kept: Vec<usize> = (0..hyps.len())
            .filter(|&i| !hyps[i].is_simple() && !hyps[i].has_free(&var))
            .collect();
        let general = rigid
            .iter()
            .filter(|w| **w != var && !kept.iter().any(|&i| hyps[i].has_free(w)))
            .copied()
            .collect();
        Induct {
            var,
            reverted,
            kept,
            general,
        }
    }

    /// The case of constructor `ctor` with the fresh variables `fresh`; induction
    /// hypotheses only when `with_ih`.
    pub fn case(
        &self,
        rigid: &[Var],
        hyps: &[&Clause],
        goal: &Goal,
        ctor: OpId,
        fresh: &[Var],
        with_ih: bool,
    ) -> CaseShape {
        let v = &self.var;
        let instance = Term::App(ctor, fresh.iter().map(|f| Term::Var(*f)).collect());
        let mut case_rigid: Vec<Var> = rigid.iter().filter(|w| *w != v).copied().collect();
        case_rigid.extend(fresh.iter().copied());
        let mut case_hyps = Vec::new();
        for (i, h) in hyps.iter().enumerate() {
            if self.reverted.contains(&i) {
                case_hyps.push((i, true, h.substitute(v, &instance)));
            } else if self.kept.contains(&i) {
                case_hyps.push((i, false, (*h).clone()));
            }
        }
        let mut ihs = Vec::new();
        if with_ih {
            for f in fresh.iter().filter(|f| f.sort == v.sort) {
                let by = Term::Var(*f);
                let sub = |(l, r): &Equation| (l.substitute(v, &by), r.substitute(v, &by));
                let premises: Vec<Equation> = self
                    .reverted
                    .iter()
                    .filter_map(|&i| hyps[i].goal.eq().map(sub))
                    .collect();
                ihs.push((
                    *f,
                    Clause {
                        vars: self.general.clone(),
                        groups: vec![1; premises.len()],
                        premises,
                        goal: goal.substitute(v, &by),
                        negated: false,
                    },
                ));
            }
        }
        CaseShape {
            goal: goal.substitute(v, &instance),
            instance,
            rigid: case_rigid,
            hyps: case_hyps,
            ihs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proof::sexp::statement;

    #[test]
    fn reads_clauses_as_the_kernel_does() {
        let mut th = crate::mpl::peano_for_tests();
        let c = statement(&mut th, "(forall ((x N)) (not (= (s x) x)))").unwrap();
        assert_eq!(
            (c.vars.len(), c.premises.len(), c.goal.is_falsity()),
            (1, 1, true)
        );
        assert!(c.negated);
        let c = statement(
            &mut th,
            "(forall ((a N) (b N)) (=> (and (= a b) (= b a)) (not (= a (s b)))))",
        )
        .unwrap();
        assert_eq!(c.premises.len(), 3);
        assert_eq!(c.groups, [2, 1]);
        assert_eq!(Clause::from_formula(&c.formula()), Some(c));
        let c = statement(&mut th, "(= (+ 0 0) 0)").unwrap();
        assert!(c.is_simple());
        for bad in [
            "(forall ((x N)) (not (not (= x x))))",
            "(=> (= 0 0) (=> (= 0 0) (= 0 0)))",
            "(forall ((x Q)) (= x x))",
            "(= x)",
            "(= 0 0",
        ] {
            assert!(statement(&mut th, bad).is_err(), "{bad}");
        }
        for a in &th.axioms {
            assert!(Clause::from_formula(&a.formula).is_some(), "{}", a.name);
        }
    }
}
