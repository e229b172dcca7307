//! Proof terms from certificate proofs (spec section 5): every step, chain and induction
//! of a kernel-accepted proof becomes an explicit Coq term; no tactic is involved.
//!
//! Translation (the context is the goal's rigid variables and hypotheses, as the kernel
//! rebuilds them):
//! - a step citing rule `R` with variables `v1..vk` under `subst` is the instance
//!   `R t1 .. tk : L[σ] = R[σ]`; direction `rl` wraps it in `eq_sym`; a non-empty
//!   position wraps it in `f_equal (fun hole : S => C[hole])`, where `C` is the current
//!   term with the rewritten subterm cut out;
//! - a chain is `eq_trans e1 (eq_trans e2 (... en))`; the empty chain is
//!   `@eq_refl S l`;
//! - an induction on `v : T` is `T_ind (fun v : T => forall W, l = r) case1 .. casen v W`,
//!   where `W` are the rigid variables other than `v` free in no kept hypothesis (in
//!   context order); a case is `fun (fresh1 : S1) [(ih_fresh1 : forall W, ...)] ... W =>
//!   proof`, an induction hypothesis right after every fresh argument of sort `T`,
//!   which is exactly the order of the arguments of Coq's own `T_ind`.
//!
//! Invariant: the builder replays the rewriting on the theory's terms as the kernel did,
//! and returns an error (never a guess) if the certificate disagrees with the replay,
//! so the printed term states exactly what the certificate claims.

use super::syntax::{self, Expr, Table};
use crate::mpl::{Formula, Term, Theory, Var};
use crate::proof::sexp;
use ergo_kernel::format::{Dir, Proof, Step, StepKind};
use std::collections::BTreeMap;

/// An equation usable as a rewrite rule: its variables and sides.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's (bound) variables, in the order of its `forall`.
    pub vars: Vec<Var>,
    /// Left side.
    pub lhs: Term,
    /// Right side.
    pub rhs: Term,
}

/// A hypothesis of a context: its certificate name and equation.
#[derive(Debug, Clone)]
struct Hyp {
    name: String,
    rule: Rule,
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
    /// The axioms usable as rules, by name (the equational ones).
    pub axioms: BTreeMap<String, (String, Rule)>,
    /// The theorems exported so far, by name: Coq name and statement.
    pub theorems: BTreeMap<String, (String, Rule)>,
}

/// Why a proof could not be translated (the certificate disagrees with its replay).
pub type Error = String;

impl Builder<'_> {
    /// The proof term of a theorem `forall vars, lhs = rhs`, abstracted over `vars`.
    pub fn theorem(&self, statement: &Rule, proof: &Proof) -> Result<Expr, Error> {
        let ctx = Context {
            rigid: statement.vars.clone(),
            hyps: Vec::new(),
        };
        let body = self.proof(proof, &ctx, &statement.lhs, &statement.rhs)?;
        Ok(Expr::fun(self.var_binders(&statement.vars), body))
    }

    fn var_binders(&self, vars: &[Var]) -> Vec<(String, String)> {
        let t = self.table;
        vars.iter()
            .map(|v| (t.var(v).to_string(), t.sort(v.sort).to_string()))
            .collect()
    }

    fn proof(&self, proof: &Proof, ctx: &Context, lhs: &Term, rhs: &Term) -> Result<Expr, Error> {
        match proof {
            Proof::Chain { steps } => self.chain(steps, ctx, lhs, rhs),
            Proof::Induction { var, cases } => {
                let Some(v) = ctx.rigid.iter().find(|v| self.theory.name(v.name) == var) else {
                    return Err(format!("induction on `{var}`, not a variable of the goal"));
                };
                self.induction(*v, cases, ctx, lhs, rhs)
            }
            Proof::Cases { .. } | Proof::Contradiction { .. } => {
                Err("case splits and contradictions are not exported yet".to_string())
            }
        }
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
        let (head, rule) = match step.kind {
            StepKind::Axiom => self.axioms.get(&step.rule).map(|(n, r)| (n.as_str(), r)),
            StepKind::Theorem => self.theorems.get(&step.rule).map(|(n, r)| (n.as_str(), r)),
            StepKind::Hyp => ctx
                .hyps
                .iter()
                .find(|h| h.name == step.rule)
                .map(|h| (self.table.hyp(&h.name), &h.rule)),
        }
        .ok_or_else(|| format!("unknown rule `{}`", step.rule))?;
        let mut map = BTreeMap::new();
        let mut args = Vec::with_capacity(rule.vars.len());
        for v in &rule.vars {
            let name = self.theory.name(v.name);
            let text = step
                .subst
                .get(name)
                .ok_or_else(|| format!("no instance of `{name}`"))?;
            let value = sexp::term(self.theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
            args.push(Expr::Atom(syntax::arg(self.table, &value)));
            map.insert(v.name, value);
        }
        if step.subst.len() != rule.vars.len() {
            return Err("the instance binds variables the rule does not have".to_string());
        }
        let (from, to) = match step.dir {
            Dir::Lr => (&rule.lhs, &rule.rhs),
            Dir::Rl => (&rule.rhs, &rule.lhs),
        };
        let (from, to) = (subst(from, &map), subst(to, &map));
        if syntax::at(current, &step.pos) != Some(&from) {
            return Err("the rewritten subterm is not the rule's instance".to_string());
        }
        let next = replace_at(current, &step.pos, to).ok_or("bad position")?;
        let written = sexp::term(self.theory, &ctx.rigid, &step.term).map_err(|e| e.to_string())?;
        if written != next {
            return Err("the step's term is not the rewritten term".to_string());
        }
        let mut e = Expr::app(head, args);
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
        cases: &[ergo_kernel::format::Case],
        ctx: &Context,
        lhs: &Term,
        rhs: &Term,
    ) -> Result<Expr, Error> {
        let (theory, table) = (self.theory, self.table);
        let sort = theory.sort(var.sort);
        if cases.len() != sort.constructors.len() {
            return Err(format!(
                "induction on `{}`: wrong cases",
                theory.name(var.name)
            ));
        }
        let kept: Vec<Hyp> = ctx
            .hyps
            .iter()
            .filter(|h| !mentions_free(&h.rule, var))
            .cloned()
            .collect();
        let generalised: Vec<Var> = ctx
            .rigid
            .iter()
            .filter(|v| v.name != var.name && !kept.iter().any(|h| mentions_free(&h.rule, **v)))
            .copied()
            .collect();
        let sort_name = table.sort(var.sort).to_string();
        let motive = Expr::fun(
            vec![(table.var(&var).to_string(), sort_name.clone())],
            Expr::Atom(syntax::equation(table, &generalised, lhs, rhs)),
        );
        let mut args = vec![motive];
        for (case, &con) in cases.iter().zip(&sort.constructors) {
            let op = theory.op(con);
            if case.constructor != op.name || case.fresh.len() != op.args.len() {
                return Err(format!(
                    "induction case `{}`: wrong shape",
                    case.constructor
                ));
            }
            let mut binders = Vec::new();
            let mut rigid: Vec<Var> = ctx
                .rigid
                .iter()
                .filter(|v| v.name != var.name)
                .copied()
                .collect();
            let mut hyps = kept.clone();
            let mut fresh_terms = Vec::new();
            for (name, &arg_sort) in case.fresh.iter().zip(&op.args) {
                let fresh = Var {
                    name: lookup(theory, name)?,
                    sort: arg_sort,
                };
                binders.push((
                    table.var(&fresh).to_string(),
                    table.sort(arg_sort).to_string(),
                ));
                rigid.push(fresh);
                fresh_terms.push(Term::Var(fresh));
                if arg_sort == var.sort {
                    let to_fresh = BTreeMap::from([(var.name, Term::Var(fresh))]);
                    let rule = Rule {
                        vars: generalised.clone(),
                        lhs: subst(lhs, &to_fresh),
                        rhs: subst(rhs, &to_fresh),
                    };
                    let ih = format!("ih_{name}");
                    let ty = syntax::equation(table, &rule.vars, &rule.lhs, &rule.rhs);
                    binders.push((table.hyp(&ih).to_string(), ty));
                    hyps.push(Hyp { name: ih, rule });
                }
            }
            binders.extend(self.var_binders(&generalised));
            let to_case = BTreeMap::from([(var.name, Term::App(con, fresh_terms))]);
            let (l, r) = (subst(lhs, &to_case), subst(rhs, &to_case));
            let case_ctx = Context { rigid, hyps };
            let body = self
                .proof(&case.proof, &case_ctx, &l, &r)
                .map_err(|e| format!("case {}: {e}", case.constructor))?;
            args.push(Expr::fun(binders, body));
        }
        args.push(Expr::Atom(table.var(&var).to_string()));
        args.extend(
            generalised
                .iter()
                .map(|v| Expr::Atom(table.var(v).to_string())),
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

/// The statement of an equational axiom as a rule (`None` for other formulas).
pub fn axiom_rule(f: &Formula) -> Option<Rule> {
    match f {
        Formula::Eq(l, r) => Some(Rule {
            vars: Vec::new(),
            lhs: l.clone(),
            rhs: r.clone(),
        }),
        Formula::Forall(vs, body) => match body.as_ref() {
            Formula::Eq(l, r) => Some(Rule {
                vars: vs.clone(),
                lhs: l.clone(),
                rhs: r.clone(),
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` occurs in the rule's sides other than as one of its own variables.
fn mentions_free(rule: &Rule, v: Var) -> bool {
    !rule.vars.iter().any(|b| b.name == v.name) && (occurs(&rule.lhs, v) || occurs(&rule.rhs, v))
}

fn occurs(t: &Term, v: Var) -> bool {
    match t {
        Term::Var(x) => x.name == v.name,
        Term::App(_, args) => args.iter().any(|a| occurs(a, v)),
    }
}

/// Simultaneous substitution of variables (by name).
fn subst(t: &Term, map: &BTreeMap<crate::mpl::Name, Term>) -> Term {
    match t {
        Term::Var(v) => map.get(&v.name).cloned().unwrap_or(Term::Var(*v)),
        Term::App(op, args) => Term::App(*op, args.iter().map(|a| subst(a, map)).collect()),
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
