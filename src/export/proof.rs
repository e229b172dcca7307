//! Proof terms from certificate proofs (spec sections 5.1, 5.2): every step, chain, case
//! split, induction and contradiction of a kernel-accepted proof becomes an explicit Coq
//! term; no tactic is involved.
//!
//! Translation (the context is the goal's rigid variables and hypotheses, as the kernel
//! rebuilds them; a goal is an equation or `False`):
//! - a theorem `forall vs, p1 -> ... -> pn -> c` is `fun vs (h1 : p1) ... (hn : pn) =>
//!   proof`, its premises becoming the hypotheses `h1..hn` (a negated conclusion
//!   `~ (l = r)` is `l = r -> False`: its equation is the last `h`, the goal `False`);
//! - a step citing rule `R` with variables `v1..vk` under `subst` and premise proofs
//!   `q1..qm` is the instance `R t1 .. tk q1 .. qm : L[σ] = R[σ]` (every clause is
//!   curried, axioms included, see `coq.rs`); direction `rl` wraps it in
//!   `eq_sym`; a non-empty position wraps it in `f_equal (fun hole : S => C[hole])`,
//!   where `C` is the current term with the rewritten subterm cut out;
//! - a chain is `eq_trans e1 (eq_trans e2 (... en))`; the empty chain is
//!   `@eq_refl S l`;
//! - a contradiction with clause `R` is `R t1 .. tk q1 .. qm : False`, wrapped in
//!   `False_ind (l = r)` when the goal is an equation;
//! - an induction on `v : T` is `T_ind (fun v : T => forall W, H1 -> ... -> Hk -> G)
//!   case1 .. casen v W h1 .. hk`, where `W` are the rigid variables other than `v` free
//!   in no kept hypothesis (in context order) and `h1..hk` the reverted (simple)
//!   hypotheses; a case is `fun (fresh1 : S1) [(ih_fresh1 : forall W, H1[fresh1] -> ...
//!   -> G[fresh1])] ... W (h1 : H1[c fresh]) ... (hk : Hk[c fresh]) => proof`, an
//!   induction hypothesis right after every fresh argument of sort `T`, which is exactly
//!   the order of the arguments of Coq's own `T_ind`, then the reverted hypotheses
//!   re-introduced under their own names;
//! - a case split is the same `T_ind` term whose induction hypotheses are bound to `_`
//!   (unused), as the kernel adds none.
//!
//! Invariant: the builder replays the rewriting on the theory's terms as the kernel did,
//! and returns an error (never a guess) if the certificate disagrees with the replay,
//! so the printed term states exactly what the certificate claims.

use super::syntax::{self, Expr, Table};
use crate::mpl::{Term, Theory, Var};
use crate::proof::clause::{Clause, Equation, Induct};
use crate::proof::sexp;
use ergo_kernel::format::{Case, Dir, Proof, Step, StepKind};
use std::collections::BTreeMap;

/// A hypothesis of a context: its certificate name and clause.
#[derive(Debug, Clone)]
struct Hyp {
    name: String,
    clause: Clause,
}

/// A goal's context: rigid variables (in order) and hypotheses.
#[derive(Debug, Clone, Default)]
struct Context {
    rigid: Vec<Var>,
    hyps: Vec<Hyp>,
}

/// Builds proof terms for the theorems of one theory.
pub struct Builder<'a> {
    /// The theory, with every variable name of the certificate interned.
    pub theory: &'a Theory,
    /// The Coq names.
    pub table: &'a Table,
    /// The axioms usable as rules (the clauses), by name: Coq name and clause.
    pub axioms: BTreeMap<String, (String, Clause)>,
    /// The theorems exported so far, by name: Coq name and statement.
    pub theorems: BTreeMap<String, (String, Clause)>,
}

/// Why a proof could not be translated (the certificate disagrees with its replay).
pub type Error = String;

/// The Coq proposition of a clause: `forall vars, p1 -> ... -> c`, where `c` is `l = r`,
/// `~ (l = r)` for a conclusion written as a negation, or `False`. The premises are
/// curried (one arrow each), whatever their grouping.
pub fn clause_type(table: &Table, clause: &Clause) -> String {
    let eq = |(l, r): &Equation| format!("{} = {}", syntax::term(table, l), syntax::term(table, r));
    let mut parts: Vec<String> = Vec::new();
    let premises = match (&clause.goal, clause.negated) {
        (None, true) => &clause.premises[..clause.premises.len().saturating_sub(1)],
        _ => &clause.premises[..],
    };
    parts.extend(premises.iter().map(eq));
    parts.push(match (&clause.goal, clause.negated) {
        (Some(g), _) => eq(g),
        (None, true) => match clause.premises.last() {
            Some(last) => format!("~ ({})", eq(last)),
            None => "False".to_string(),
        },
        (None, false) => "False".to_string(),
    });
    let body = parts.join(" -> ");
    if clause.vars.is_empty() {
        body
    } else {
        format!("forall {}, {body}", syntax::binders(table, &clause.vars))
    }
}

impl Builder<'_> {
    /// The proof term of a theorem, abstracted over its variables and its hypotheses
    /// `h1..hn` (its premises).
    pub fn theorem(&self, statement: &Clause, proof: &Proof) -> Result<Expr, Error> {
        let mut ctx = Context {
            rigid: statement.vars.clone(),
            hyps: Vec::new(),
        };
        let mut binders = self.var_binders(&statement.vars);
        for (i, (l, r)) in statement.premises.iter().enumerate() {
            let name = format!("h{}", i + 1);
            let fact = Clause::fact(l.clone(), r.clone());
            binders.push((
                self.table.hyp(&name).to_string(),
                clause_type(self.table, &fact),
            ));
            ctx.hyps.push(Hyp { name, clause: fact });
        }
        let body = self.proof(proof, &ctx, &statement.goal)?;
        Ok(Expr::fun(binders, body))
    }

    fn var_binders(&self, vars: &[Var]) -> Vec<(String, String)> {
        let t = self.table;
        vars.iter()
            .map(|v| (t.var(v).to_string(), t.sort(v.sort).to_string()))
            .collect()
    }

    fn proof(&self, proof: &Proof, ctx: &Context, goal: &Option<Equation>) -> Result<Expr, Error> {
        match proof {
            Proof::Chain { steps } => {
                let Some((l, r)) = goal else {
                    return Err("a chain cannot prove falsity".to_string());
                };
                self.chain(steps, ctx, l, r)
            }
            Proof::Induction { var, cases } | Proof::Cases { var, cases } => {
                let Some(v) = ctx.rigid.iter().find(|v| self.theory.name(v.name) == var) else {
                    return Err(format!("case split on `{var}`, not a variable of the goal"));
                };
                let with_ih = matches!(proof, Proof::Induction { .. });
                self.induction(*v, cases, ctx, goal, with_ih)
            }
            Proof::Contradiction {
                kind,
                rule,
                subst,
                premises,
            } => {
                let (e, concl) = self.apply(*kind, rule, subst, premises, ctx)?;
                if concl.is_some() {
                    return Err(format!("`{rule}` does not conclude falsity"));
                }
                Ok(match goal {
                    None => e,
                    Some((l, r)) => {
                        let ty = format!(
                            "({} = {})",
                            syntax::term(self.table, l),
                            syntax::term(self.table, r)
                        );
                        Expr::app("False_ind", vec![Expr::Atom(ty), e])
                    }
                })
            }
        }
    }

    /// The rule `name` of `kind` in `ctx`: its Coq name and its clause.
    fn rule<'c>(
        &'c self,
        kind: StepKind,
        name: &str,
        ctx: &'c Context,
    ) -> Result<(&'c str, &'c Clause), Error> {
        match kind {
            StepKind::Axiom => self.axioms.get(name).map(|(n, r)| (n.as_str(), r)),
            StepKind::Theorem => self.theorems.get(name).map(|(n, r)| (n.as_str(), r)),
            StepKind::Hyp => ctx
                .hyps
                .iter()
                .rev()
                .find(|h| h.name == name)
                .map(|h| (self.table.hyp(&h.name), &h.clause)),
        }
        .ok_or_else(|| format!("unknown rule `{name}`"))
    }

    /// The rule applied to its instance and its premise proofs: the term, and the
    /// instance of the rule's conclusion (`None`: falsity).
    fn apply(
        &self,
        kind: StepKind,
        name: &str,
        subst: &BTreeMap<String, String>,
        premises: &[Proof],
        ctx: &Context,
    ) -> Result<(Expr, Option<Equation>), Error> {
        let (head, rule) = self.rule(kind, name, ctx)?;
        let mut map = Vec::with_capacity(rule.vars.len());
        let mut args = Vec::with_capacity(rule.vars.len() + premises.len());
        for v in &rule.vars {
            let var = self.theory.name(v.name);
            let text = subst
                .get(var)
                .ok_or_else(|| format!("no instance of `{var}`"))?;
            let value = sexp::term(self.theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
            if self.theory.sort_of(&value) != v.sort {
                return Err(format!("the instance of `{var}` has the wrong sort"));
            }
            args.push(Expr::Atom(syntax::arg(self.table, &value)));
            map.push((*v, value));
        }
        if subst.len() != rule.vars.len() {
            return Err("the instance binds variables the rule does not have".to_string());
        }
        let (wanted, concl) = rule.instantiate(&map);
        if premises.len() != wanted.len() {
            return Err(format!(
                "`{name}` has {} premise(s), the certificate proves {}",
                wanted.len(),
                premises.len()
            ));
        }
        for (i, (p, w)) in premises.iter().zip(wanted).enumerate() {
            let e = self
                .proof(p, ctx, &Some(w))
                .map_err(|e| format!("premise {} of `{name}`: {e}", i + 1))?;
            args.push(e);
        }
        Ok((Expr::app(head, args), concl))
    }

    fn chain(&self, steps: &[Step], ctx: &Context, lhs: &Term, rhs: &Term) -> Result<Expr, Error> {
        let mut current = lhs.clone();
        let mut proofs = Vec::with_capacity(steps.len());
        for (i, step) in steps.iter().enumerate() {
            let (e, next) = self
                .step(step, ctx, &current)
                .map_err(|e| format!("step {}: {e}", i + 1))?;
            proofs.push(e);
            current = next;
        }
        if &current != rhs {
            return Err("the chain does not end at the goal's right side".to_string());
        }
        let Some(mut acc) = proofs.pop() else {
            let sort = self.table.sort(self.theory.sort_of(lhs)).to_string();
            let refl = vec![Expr::Atom(sort), Expr::Atom(syntax::arg(self.table, lhs))];
            return Ok(Expr::app("@eq_refl", refl));
        };
        while let Some(e) = proofs.pop() {
            acc = Expr::app("eq_trans", vec![e, acc]);
        }
        Ok(acc)
    }

    /// One step from `current`: its proof of `current = next`, and `next`.
    fn step(&self, step: &Step, ctx: &Context, current: &Term) -> Result<(Expr, Term), Error> {
        let (mut e, concl) = self.apply(step.kind, &step.rule, &step.subst, &step.premises, ctx)?;
        let Some((l, r)) = concl else {
            return Err(format!(
                "`{}` concludes falsity, not an equation",
                step.rule
            ));
        };
        let (from, to) = match step.dir {
            Dir::Lr => (l, r),
            Dir::Rl => (r, l),
        };
        if syntax::at(current, &step.pos) != Some(&from) {
            return Err("the rewritten subterm is not the rule's instance".to_string());
        }
        let next = replace_at(current, &step.pos, to).ok_or("bad position")?;
        let written = sexp::term(self.theory, &ctx.rigid, &step.term).map_err(|e| e.to_string())?;
        if written != next {
            return Err("the step's term is not the rewritten term".to_string());
        }
        if step.dir == Dir::Rl {
            e = Expr::app("eq_sym", vec![e]);
        }
        if !step.pos.is_empty() {
            let context =
                syntax::with_hole(self.table, current, &step.pos).ok_or("bad position")?;
            let sort = self.table.sort(self.theory.sort_of(&from)).to_string();
            let hole = Expr::Fun(
                vec![(syntax::HOLE.to_string(), sort)],
                Box::new(Expr::Atom(context)),
            );
            e = Expr::app("f_equal", vec![hole, e]);
        }
        Ok((e, next))
    }

    fn induction(
        &self,
        var: Var,
        cases: &[Case],
        ctx: &Context,
        goal: &Option<Equation>,
        with_ih: bool,
    ) -> Result<Expr, Error> {
        let (theory, table) = (self.theory, self.table);
        let sort = theory.sort(var.sort);
        if cases.len() != sort.constructors.len() {
            return Err(format!(
                "case split on `{}`: wrong cases",
                theory.name(var.name)
            ));
        }
        let hyps: Vec<&Clause> = ctx.hyps.iter().map(|h| &h.clause).collect();
        let ind = Induct::new(&ctx.rigid, &hyps, var);
        let reverted: Vec<Equation> = ind
            .reverted
            .iter()
            .filter_map(|&i| hyps[i].goal.clone())
            .collect();
        let sort_name = table.sort(var.sort).to_string();
        let motive_body = Clause {
            vars: ind.general.clone(),
            groups: vec![1; reverted.len()],
            premises: reverted,
            goal: goal.clone(),
            negated: false,
        };
        let motive = Expr::fun(
            vec![(table.var(&var).to_string(), sort_name.clone())],
            Expr::Atom(clause_type(table, &motive_body)),
        );
        let mut args = vec![motive];
        for (case, &con) in cases.iter().zip(&sort.constructors) {
            let op = theory.op(con);
            if case.constructor != op.name || case.fresh.len() != op.args.len() {
                return Err(format!("case `{}`: wrong shape", case.constructor));
            }
            let fresh: Vec<Var> = case
                .fresh
                .iter()
                .zip(&op.args)
                .map(|(name, &sort)| lookup(theory, name).map(|name| Var { name, sort }))
                .collect::<Result<_, _>>()?;
            // The induction hypotheses' types are needed even for a case split, whose
            // `T_ind` still passes them (unused).
            let shape = ind.case(&ctx.rigid, &hyps, goal, con, &fresh, true);
            let mut binders = Vec::new();
            let mut case_hyps: Vec<Hyp> = shape
                .hyps
                .iter()
                .map(|(i, _, clause)| Hyp {
                    name: ctx.hyps[*i].name.clone(),
                    clause: clause.clone(),
                })
                .collect();
            for f in &fresh {
                binders.push((table.var(f).to_string(), table.sort(f.sort).to_string()));
                if let Some((_, ih)) = shape.ihs.iter().find(|(x, _)| x == f) {
                    let ty = clause_type(table, ih);
                    if with_ih {
                        let name = format!("ih_{}", theory.name(f.name));
                        binders.push((table.hyp(&name).to_string(), ty));
                        case_hyps.push(Hyp {
                            name,
                            clause: ih.clone(),
                        });
                    } else {
                        binders.push(("_".to_string(), ty));
                    }
                }
            }
            binders.extend(self.var_binders(&ind.general));
            for (i, re, clause) in &shape.hyps {
                if *re {
                    let name = table.hyp(&ctx.hyps[*i].name).to_string();
                    binders.push((name, clause_type(table, clause)));
                }
            }
            let case_ctx = Context {
                rigid: shape.rigid.clone(),
                hyps: case_hyps,
            };
            let body = self
                .proof(&case.proof, &case_ctx, &shape.goal)
                .map_err(|e| format!("case {}: {e}", case.constructor))?;
            args.push(Expr::fun(binders, body));
        }
        args.push(Expr::Atom(table.var(&var).to_string()));
        args.extend(
            ind.general
                .iter()
                .map(|v| Expr::Atom(table.var(v).to_string())),
        );
        args.extend(
            ind.reverted
                .iter()
                .map(|&i| Expr::Atom(table.hyp(&ctx.hyps[i].name).to_string())),
        );
        Ok(Expr::app(&format!("{sort_name}_ind"), args))
    }
}

/// The interned name of a certificate variable (interned by the naming pass).
fn lookup(theory: &Theory, name: &str) -> Result<crate::mpl::Name, Error> {
    theory
        .names
        .iter()
        .position(|n| n == name)
        .map(|i| crate::mpl::Name(i as u32))
        .ok_or_else(|| format!("variable `{name}` was not named"))
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
