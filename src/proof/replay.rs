//! The replay behind [`super::tree`]: a kernel-accepted certificate's proofs rebuilt
//! into the tree's types, re-checking each step (see the invariants there).

use super::clause::{Clause, Goal, Induct};
use super::fields;
use super::sexp;
use super::sort_subst::SortSubst;
use super::theory_section::plain_name;
use super::tree::{
    Block, Case, Chain, Cited, Contradiction, Hyp, Induction, Origin, ReplayError, Replayed, Row,
    Split, Sub, TheoremTree,
};
use crate::mpl::{Term, Theory, Var};
use ergo_kernel::format::{Case as CertCase, Dir, Proof, Step, StepKind};
use ergo_kernel::Verified;
use std::collections::BTreeMap;

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

mod exists;

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
        goal: &Goal,
        proof: &'c Proof,
        path: &str,
    ) -> Res<Block<'c>> {
        match proof {
            Proof::Chain { steps } => {
                let Goal::Eq((lhs, rhs)) = goal else {
                    return Err("a chain proves only an equation".to_string());
                };
                self.chain(ctx, lhs, rhs, steps, path).map(Block::Chain)
            }
            Proof::Induction { var, cases } | Proof::Cases { var, cases } => {
                let split = matches!(proof, Proof::Cases { .. });
                self.induction(ctx, goal, var, cases, split, path)
                    .map(Block::Induction)
            }
            Proof::Split { term, hyp, cases } => self
                .split(ctx, goal, term, hyp, cases, path)
                .map(Block::Split),
            Proof::Contradiction {
                kind,
                rule,
                subst,
                premises,
                ..
            } => {
                let rule = self.rule(ctx, *kind, rule, fields::sorts(proof))?;
                let subst = self.subst(ctx, &rule.clause, subst)?;
                let instance = instantiate(&self.theory, &rule.clause, &subst);
                if !instance.goal.is_falsity() {
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
            Proof::Witness { terms, proofs } => self
                .witness(ctx, goal, terms, proofs, path)
                .map(Block::Witness),
            Proof::Obtain { .. } => self
                .obtain(ctx, goal, proof, path)
                .map(|o| Block::Obtain(Box::new(o))),
        }
    }

    fn induction<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Goal,
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
            let fresh = self.fresh(case, ctor)?;
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

    /// A case split on `term`: every case keeps the context, adds the fresh variables and
    /// the simple hypothesis `hyp: term = c(fresh...)`, and proves the same goal.
    fn split<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Goal,
        text: &str,
        hyp: &str,
        cases: &'c [CertCase],
        path: &str,
    ) -> Res<Split<'c>> {
        let term = sexp::term(&self.theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
        let sort = self.theory.sort_of(&term);
        let constructors = self.theory.sort(sort).constructors.clone();
        if constructors.is_empty() || cases.len() != constructors.len() {
            return Err(format!("case split on `{text}`: wrong cases"));
        }
        let mut out = Vec::new();
        for (k, (case, &ctor)) in cases.iter().zip(&constructors).enumerate() {
            let case_path = format!("{path}c{k}-");
            let fresh = self.fresh(case, ctor)?;
            let instance = Term::App(ctor, fresh.iter().map(|f| Term::Var(*f)).collect());
            let new = Hyp {
                name: hyp.to_string(),
                scope: case_path.clone(),
                clause: Clause::fact(term.clone(), instance.clone()),
                origin: Origin::Split,
            };
            let mut rigid = ctx.rigid.clone();
            rigid.extend(fresh.iter().copied());
            let mut hyps = ctx.hyps.clone();
            hyps.push(new.clone());
            let inner = Ctx { rigid, hyps };
            let body = self
                .block(&inner, goal, &case.proof, &case_path)
                .map_err(|e| format!("case {}: {e}", case.constructor))?;
            out.push(Case {
                path: case_path,
                constructor: ctor,
                base: !fresh.iter().any(|f| f.sort == sort),
                fresh,
                instance,
                goal: goal.clone(),
                hyps: vec![new],
                ihs: Vec::new(),
                body,
            });
        }
        Ok(Split {
            term,
            hyp: hyp.to_string(),
            goal: goal.clone(),
            cases: out,
        })
    }

    /// A case's fresh variables, checked against its constructor `ctor`.
    fn fresh(&mut self, case: &CertCase, ctor: crate::mpl::OpId) -> Res<Vec<Var>> {
        let arg_sorts = self.theory.op(ctor).args.clone();
        if case.constructor != plain_name(&self.theory, ctor) || case.fresh.len() != arg_sorts.len()
        {
            return Err(format!("case `{}`: wrong shape", case.constructor));
        }
        Ok(case
            .fresh
            .iter()
            .zip(&arg_sorts)
            .map(|(name, sort)| Var {
                name: self.theory.intern(name),
                sort: *sort,
            })
            .collect())
    }

    /// The rule a step or contradiction cites, at the sorts the citation binds.
    fn rule<'c>(
        &mut self,
        ctx: &Ctx,
        kind: StepKind,
        name: &'c str,
        sorts: BTreeMap<String, String>,
    ) -> Res<Cited<'c>> {
        let (clause, hyp) = match kind {
            StepKind::Axiom => (self.axioms.get(name).cloned(), None),
            StepKind::Theorem => (self.theorems.get(name).cloned(), None),
            StepKind::Hyp => match ctx.hyps.iter().rev().find(|h| h.name == name) {
                Some(h) => (Some(h.clause.clone()), Some(h.clone())),
                None => (None, None),
            },
        };
        let clause = clause.ok_or_else(|| format!("unknown rule `{name}`"))?;
        let clause =
            SortSubst::read(&mut self.theory, &sorts)?.clause(&mut self.theory, &clause)?;
        Ok(Cited {
            kind,
            name,
            sorts,
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
                .block(ctx, &Goal::Eq(goal.clone()), p, &path)
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
        let rule = self.rule(ctx, step.kind, &step.rule, fields::sorts(step))?;
        let subst = self.subst(ctx, &rule.clause, &step.subst)?;
        let instance = instantiate(&self.theory, &rule.clause, &subst);
        let Goal::Eq((l, r)) = &instance.goal else {
            return Err(format!("`{}` does not conclude an equation", step.rule));
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

/// The instance `subst` (by variable name) as a map of the clause's variables.
fn instance_map(theory: &Theory, clause: &Clause, subst: &[(&str, Term)]) -> Vec<(Var, Term)> {
    clause
        .vars
        .iter()
        .filter_map(|v| {
            subst
                .iter()
                .find(|(name, _)| *name == theory.name(v.name))
                .map(|(_, t)| (*v, t.clone()))
        })
        .collect()
}

/// The clause under an instance of its variables (which it then no longer has).
fn instantiate(theory: &Theory, clause: &Clause, subst: &[(&str, Term)]) -> Clause {
    let map = instance_map(theory, clause, subst);
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
