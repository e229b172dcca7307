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
//! induction hypotheses' clauses; a contradiction with its clause's instance and the
//! proofs of its premises.
//!
//! Invariants:
//! - goals and hypotheses are rebuilt from the statement exactly as the kernel rebuilds
//!   them (certificate format section 5.1, through [`Induct`]): the theorem's premises
//!   are the hypotheses `h1..hn`; a case split or an induction reverts the simple
//!   hypotheses (re-introduced in each case with the variable replaced), keeps the
//!   others in which the variable is not free, and an induction adds `ih_<fresh>`, whose
//!   premises are the reverted hypotheses and whose conclusion is the goal, generalised
//!   over the rigid variables free in no kept hypothesis;
//! - the replay re-checks what it rebuilds (each step rewrites the rule's instance at its
//!   position into the written term, a chain ends at its goal's right side, premise
//!   counts, constructors): a certificate the kernel accepted always replays, and any
//!   disagreement is a [`ReplayError`], never a guess;
//! - a step or contradiction citing a hypothesis is resolved to the innermost hypothesis
//!   of that name in scope;
//! - every block has a path built from the way down to it (`c1-` case 1, `s2p0-` the
//!   proof of premise 0 of step 2, `p0-` the proof of premise 0 of a contradiction),
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
//!         Block::Contradiction(c) => c.premises.iter().map(|s| steps(&s.body)).sum(),
//!     }
//! }
//! let replayed = tree::replay(&loaded.theory, &loaded.verified)?;
//! Ok(replayed.theorems.iter().map(|t| steps(&t.proof)).sum())
//! # }
//! ```

use super::clause::{Clause, Equation, Induct};
use super::sexp;
use crate::mpl::{OpId, Term, Theory, Var};
use ergo_kernel::format::{Case as CertCase, Dir, Proof, Step, StepKind, Theorem};
use ergo_kernel::{TheoremReport, Verified};
use std::collections::BTreeMap;

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
    /// Its clause, with its variables.
    pub clause: Clause,
    /// For a hypothesis, the hypothesis in scope it resolves to.
    pub hyp: Option<Hyp>,
}

/// A proof block.
#[derive(Debug)]
pub enum Block<'c> {
    /// A chain of rewrite steps.
    Chain(Chain<'c>),
    /// A structural induction or a case split.
    Induction(Induction<'c>),
    /// A contradiction (boxed: its cited clause makes it the largest block).
    Contradiction(Box<Contradiction<'c>>),
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
    /// The goal of the block (`None`: falsity).
    pub goal: Option<Equation>,
    /// The reverted hypotheses, in context order, as they were in the context.
    pub reverted: Vec<Hyp>,
    /// The generalised variables, in context order.
    pub general: Vec<Var>,
    /// One case per constructor, in declared order.
    pub cases: Vec<Case<'c>>,
}

/// One case of an induction or a case split.
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
    /// True when the constructor takes no argument of the variable's sort.
    pub base: bool,
    /// The case's goal (`None`: falsity).
    pub goal: Option<Equation>,
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
    /// The goal of the block (`None`: falsity), proved from falsity.
    pub goal: Option<Equation>,
    /// The clause.
    pub rule: Cited<'c>,
    /// The instance: each clause variable with its term, in the certificate's order.
    pub subst: Vec<(&'c str, Term)>,
    /// The clause under the instance (no variables left).
    pub instance: Clause,
    /// The proofs of its premises, in order.
    pub premises: Vec<Sub<'c>>,
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
            Block::Contradiction(c) => subs(&c.premises),
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

/// Replays the accepted theorems of `verified` over `theory` (the certificate's
/// theory, e.g. a [`super::load::Loaded`]'s).
pub fn replay<'c>(theory: &Theory, verified: &'c Verified) -> Result<Replayed<'c>, ReplayError> {
    let mut b = Builder {
        theory: theory.clone(),
        axioms: BTreeMap::new(),
        theorems: BTreeMap::new(),
    };
    for a in &theory.axioms {
        if let Some(c) = Clause::from_formula(&a.formula) {
            b.axioms.insert(a.name.clone(), c);
        }
    }
    let mut theorems = Vec::new();
    for (t, report) in verified.theorems() {
        let fail = |reason: String| ReplayError {
            theorem: t.name.clone(),
            reason,
        };
        let statement =
            sexp::statement(&mut b.theory, &t.statement).map_err(|e| fail(e.to_string()))?;
        let hyps = premises(&statement);
        let ctx = Ctx {
            rigid: statement.vars.clone(),
            hyps: hyps.clone(),
        };
        let proof = b.block(&ctx, &statement.goal, &t.proof, "").map_err(fail)?;
        b.theorems.insert(t.name.clone(), statement.clone());
        theorems.push(TheoremTree {
            theorem: t,
            report,
            statement,
            hyps,
            proof,
        });
    }
    Ok(Replayed {
        theory: b.theory,
        theorems,
    })
}

/// The hypotheses `h1..hn` of a theorem with this statement.
fn premises(statement: &Clause) -> Vec<Hyp> {
    statement
        .premises
        .iter()
        .enumerate()
        .map(|(i, (l, r))| Hyp {
            name: format!("h{}", i + 1),
            scope: String::new(),
            clause: Clause::fact(l.clone(), r.clone()),
            origin: Origin::Premise,
        })
        .collect()
}

/// The context of a block: rigid variables and hypotheses in scope.
struct Ctx {
    rigid: Vec<Var>,
    hyps: Vec<Hyp>,
}

struct Builder {
    theory: Theory,
    axioms: BTreeMap<String, Clause>,
    theorems: BTreeMap<String, Clause>,
}

type Res<T> = Result<T, String>;

impl Builder {
    fn block<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Option<Equation>,
        proof: &'c Proof,
        path: &str,
    ) -> Res<Block<'c>> {
        match proof {
            Proof::Chain { steps } => {
                let Some((lhs, rhs)) = goal else {
                    return Err("a chain cannot prove falsity".to_string());
                };
                self.chain(ctx, lhs, rhs, steps, path).map(Block::Chain)
            }
            Proof::Induction { var, cases } | Proof::Cases { var, cases } => {
                let split = matches!(proof, Proof::Cases { .. });
                self.induction(ctx, goal, var, cases, split, path)
                    .map(Block::Induction)
            }
            Proof::Contradiction {
                kind,
                rule,
                subst,
                premises,
            } => {
                let rule = self.rule(ctx, *kind, rule)?;
                let subst = self.subst(ctx, &rule.clause, subst)?;
                let instance = instantiate(&self.theory, &rule.clause, &subst);
                if instance.goal.is_some() {
                    return Err(format!("`{}` does not conclude falsity", rule.name));
                }
                let premises = self.subs(ctx, &instance, premises, &format!("{path}p"))?;
                Ok(Block::Contradiction(Box::new(Contradiction {
                    goal: goal.clone(),
                    rule,
                    subst,
                    instance,
                    premises,
                })))
            }
        }
    }

    fn induction<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Option<Equation>,
        var: &str,
        cases: &'c [CertCase],
        split: bool,
        path: &str,
    ) -> Res<Induction<'c>> {
        let v = *ctx
            .rigid
            .iter()
            .rev()
            .find(|v| self.theory.name(v.name) == var)
            .ok_or_else(|| format!("case split on `{var}`, not a variable of the goal"))?;
        let constructors = self.theory.sort(v.sort).constructors.clone();
        if cases.len() != constructors.len() {
            return Err(format!("case split on `{var}`: wrong cases"));
        }
        let clauses: Vec<&Clause> = ctx.hyps.iter().map(|h| &h.clause).collect();
        let ind = Induct::new(&ctx.rigid, &clauses, v);
        let mut out = Vec::new();
        for (k, (case, &ctor)) in cases.iter().zip(&constructors).enumerate() {
            let case_path = format!("{path}c{k}-");
            let arg_sorts = self.theory.op(ctor).args.clone();
            if case.constructor != self.theory.op(ctor).name || case.fresh.len() != arg_sorts.len()
            {
                return Err(format!("case `{}`: wrong shape", case.constructor));
            }
            let fresh: Vec<Var> = case
                .fresh
                .iter()
                .zip(&arg_sorts)
                .map(|(name, sort)| Var {
                    name: self.theory.intern(name),
                    sort: *sort,
                })
                .collect();
            let shape = ind.case(&ctx.rigid, &clauses, goal, ctor, &fresh, true);
            let mut scope = Vec::new();
            let mut introduced = Vec::new();
            for (i, reintroduced, clause) in &shape.hyps {
                let h = &ctx.hyps[*i];
                if *reintroduced {
                    let new = Hyp {
                        name: h.name.clone(),
                        scope: case_path.clone(),
                        clause: clause.clone(),
                        origin: Origin::Reintroduced,
                    };
                    introduced.push(new.clone());
                    scope.push(new);
                } else {
                    scope.push(h.clone());
                }
            }
            if !split {
                for (f, clause) in &shape.ihs {
                    let ih = Hyp {
                        name: format!("ih_{}", self.theory.name(f.name)),
                        scope: case_path.clone(),
                        clause: clause.clone(),
                        origin: Origin::Induction,
                    };
                    introduced.push(ih.clone());
                    scope.push(ih);
                }
            }
            let inner = Ctx {
                rigid: shape.rigid.clone(),
                hyps: scope,
            };
            let body = self
                .block(&inner, &shape.goal, &case.proof, &case_path)
                .map_err(|e| format!("case {}: {e}", case.constructor))?;
            out.push(Case {
                path: case_path,
                constructor: ctor,
                base: !fresh.iter().any(|f| f.sort == v.sort),
                fresh,
                instance: shape.instance,
                goal: shape.goal,
                hyps: introduced,
                ihs: shape.ihs,
                body,
            });
        }
        Ok(Induction {
            var: v,
            split,
            goal: goal.clone(),
            reverted: ind.reverted.iter().map(|&i| ctx.hyps[i].clone()).collect(),
            general: ind.general,
            cases: out,
        })
    }

    /// The rule a step or contradiction cites.
    fn rule<'c>(&self, ctx: &Ctx, kind: StepKind, name: &'c str) -> Res<Cited<'c>> {
        let (clause, hyp) = match kind {
            StepKind::Axiom => (self.axioms.get(name).cloned(), None),
            StepKind::Theorem => (self.theorems.get(name).cloned(), None),
            StepKind::Hyp => match ctx.hyps.iter().rev().find(|h| h.name == name) {
                Some(h) => (Some(h.clause.clone()), Some(h.clone())),
                None => (None, None),
            },
        };
        let clause = clause.ok_or_else(|| format!("unknown rule `{name}`"))?;
        Ok(Cited {
            kind,
            name,
            clause,
            hyp,
        })
    }

    /// The instance of `rule`'s variables, read over the rigid variables.
    fn subst<'c>(
        &self,
        ctx: &Ctx,
        rule: &Clause,
        subst: &'c BTreeMap<String, String>,
    ) -> Res<Vec<(&'c str, Term)>> {
        let mut out = Vec::new();
        for (var, text) in subst {
            let v = rule
                .vars
                .iter()
                .find(|v| self.theory.name(v.name) == var)
                .ok_or_else(|| format!("the instance binds `{var}`, not a rule variable"))?;
            let t = sexp::term(&self.theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
            if self.theory.sort_of(&t) != v.sort {
                return Err(format!("the instance of `{var}` has the wrong sort"));
            }
            out.push((var.as_str(), t));
        }
        if out.len() != rule.vars.len() {
            return Err("the instance leaves rule variables unbound".to_string());
        }
        Ok(out)
    }

    /// The proofs of the premises of `instance`, with paths `{prefix}{i}-`.
    fn subs<'c>(
        &mut self,
        ctx: &Ctx,
        instance: &Clause,
        proofs: &'c [Proof],
        prefix: &str,
    ) -> Res<Vec<Sub<'c>>> {
        if proofs.len() != instance.premises.len() {
            return Err(format!(
                "the rule has {} premise(s), the certificate proves {}",
                instance.premises.len(),
                proofs.len()
            ));
        }
        let mut out = Vec::new();
        for (i, (p, goal)) in proofs.iter().zip(&instance.premises).enumerate() {
            let path = format!("{prefix}{i}-");
            let body = self
                .block(ctx, &Some(goal.clone()), p, &path)
                .map_err(|e| format!("premise {}: {e}", i + 1))?;
            out.push(Sub {
                path,
                goal: goal.clone(),
                body,
            });
        }
        Ok(out)
    }

    fn chain<'c>(
        &mut self,
        ctx: &Ctx,
        start: &Term,
        end: &Term,
        steps: &'c [Step],
        path: &str,
    ) -> Res<Chain<'c>> {
        let mut rows = Vec::new();
        let mut current = start.clone();
        for (k, step) in steps.iter().enumerate() {
            let row = self
                .row(ctx, &current, step, &format!("{path}s{}p", k + 1))
                .map_err(|e| format!("step {}: {e}", k + 1))?;
            current = row.term.clone();
            rows.push(row);
        }
        if &current != end {
            return Err("the chain does not end at the goal's right side".to_string());
        }
        Ok(Chain {
            path: path.to_string(),
            start: start.clone(),
            rows,
        })
    }

    fn row<'c>(&mut self, ctx: &Ctx, before: &Term, step: &'c Step, prefix: &str) -> Res<Row<'c>> {
        let rule = self.rule(ctx, step.kind, &step.rule)?;
        let subst = self.subst(ctx, &rule.clause, &step.subst)?;
        let instance = instantiate(&self.theory, &rule.clause, &subst);
        let Some((l, r)) = &instance.goal else {
            return Err(format!(
                "`{}` concludes falsity, not an equation",
                step.rule
            ));
        };
        let (from, to) = match step.dir {
            Dir::Lr => (l, r),
            Dir::Rl => (r, l),
        };
        if subterm(before, &step.pos) != Some(from) {
            return Err("the rewritten subterm is not the rule's instance".to_string());
        }
        let term = sexp::term(&self.theory, &ctx.rigid, &step.term).map_err(|e| e.to_string())?;
        if replace_at(before, &step.pos, to.clone()).as_ref() != Some(&term) {
            return Err("the step's term is not the rewritten term".to_string());
        }
        let premises = self.subs(ctx, &instance, &step.premises, prefix)?;
        Ok(Row {
            step,
            before: before.clone(),
            term,
            rule,
            subst,
            instance,
            premises,
        })
    }
}

/// The clause under an instance of its variables (which it then no longer has).
fn instantiate(theory: &Theory, clause: &Clause, subst: &[(&str, Term)]) -> Clause {
    let map: Vec<(Var, Term)> = clause
        .vars
        .iter()
        .filter_map(|v| {
            subst
                .iter()
                .find(|(name, _)| *name == theory.name(v.name))
                .map(|(_, t)| (*v, t.clone()))
        })
        .collect();
    let (premises, goal) = clause.instantiate(&map);
    Clause {
        vars: Vec::new(),
        premises,
        goal,
        negated: clause.negated,
        groups: clause.groups.clone(),
    }
}

/// The subterm of `t` at `pos` (argument indices from the root).
pub fn subterm<'t>(t: &'t Term, pos: &[usize]) -> Option<&'t Term> {
    match (pos.split_first(), t) {
        (None, _) => Some(t),
        (Some((i, rest)), Term::App(_, args)) => subterm(args.get(*i)?, rest),
        (Some(_), Term::Var(_)) => None,
    }
}

/// `t` with the subterm at `pos` replaced by `by`; `None` if `pos` is not a position.
fn replace_at(t: &Term, pos: &[usize], by: Term) -> Option<Term> {
    match (pos.split_first(), t) {
        (None, _) => Some(by),
        (Some((i, rest)), Term::App(op, args)) => {
            let mut args = args.clone();
            let slot = args.get_mut(*i)?;
            *slot = replace_at(slot, rest, by)?;
            Some(Term::App(*op, args))
        }
        (Some(_), Term::Var(_)) => None,
    }
}
