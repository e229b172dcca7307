//! Clauses (certificate format version 2, sections 4 and 5.1) over theory terms, and the
//! contexts of case splits and inductions rebuilt as the kernel rebuilds them. Read by
//! [`super::sexp::statement`], used by the replay ([`super::tree`]).
//!
//! Invariants:
//! - a [`Clause`] is the kernel's reading of a clause: its variables, its premises
//!   (equations, in order; a negated conclusion's equation is the last premise) and its
//!   conclusion, an equation or falsity (`None`); [`Clause::negated`] remembers whether
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

/// A clause: `forall vars, premises => conclusion` (falsity when `goal` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// Its (bound) variables, in the order of its `forall`.
    pub vars: Vec<Var>,
    /// Its premises, in order (a negated conclusion's equation last).
    pub premises: Vec<Equation>,
    /// Its conclusion: an equation, or falsity.
    pub goal: Option<Equation>,
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
            goal: Some((l, r)),
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
            goal: None,
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
            clause.goal = Some(e);
        } else {
            clause.premises.push(neq(conclusion)?);
            clause.groups.push(1);
            clause.negated = true;
        }
        Some(clause)
    }

    /// Whether the clause is a simple hypothesis: no variables, no premises, an equation.
    pub fn is_simple(&self) -> bool {
        self.vars.is_empty() && self.premises.is_empty() && self.goal.is_some()
    }

    /// Every equation of the clause, premises first.
    pub fn equations(&self) -> impl Iterator<Item = &Equation> {
        self.premises.iter().chain(self.goal.iter())
    }

    /// Whether the rigid variable `v` occurs free (it is not one of the clause's own).
    pub fn has_free(&self, v: &Var) -> bool {
        !self.vars.contains(v) && self.equations().any(|(l, r)| l.occurs(v) || r.occurs(v))
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
            goal: self.goal.as_ref().map(sub),
            negated: self.negated,
            groups: self.groups.clone(),
        }
    }

    /// The premises and conclusion under a simultaneous instance of the variables.
    pub fn instantiate(&self, map: &[(Var, Term)]) -> (Vec<Equation>, Option<Equation>) {
        let sub = |(l, r): &Equation| (instance(l, map), instance(r, map));
        (
            self.premises.iter().map(sub).collect(),
            self.goal.as_ref().map(sub),
        )
    }

    /// The clause as a formula (`forall vars, p1 /\ ... => c`), as close as possible to
    /// how it was written (a negated conclusion as `not`).
    pub fn formula(&self) -> Formula {
        let eq = |(l, r): &Equation| Formula::Eq(l.clone(), r.clone());
        let (premises, conclusion) = match (&self.goal, self.negated) {
            (Some(g), _) => (&self.premises[..], eq(g)),
            (None, true) if !self.premises.is_empty() => {
                let (last, rest) = self.premises.split_last().expect("not empty");
                (rest, Formula::Not(Box::new(eq(last))))
            }
            (None, _) => {
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
    /// The case's goal (`None`: falsity).
    pub goal: Option<Equation>,
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
        goal: &Option<Equation>,
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
                    .map(|&i| sub(hyps[i].goal.as_ref().expect("simple")))
                    .collect();
                ihs.push((
                    *f,
                    Clause {
                        vars: self.general.clone(),
                        groups: vec![1; premises.len()],
                        premises,
                        goal: goal.as_ref().map(sub),
                        negated: false,
                    },
                ));
            }
        }
        CaseShape {
            goal: goal
                .as_ref()
                .map(|(l, r)| (l.substitute(v, &instance), r.substitute(v, &instance))),
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
            (c.vars.len(), c.premises.len(), c.goal.is_none()),
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
