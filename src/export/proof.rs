//! Proof terms from certificate proofs (spec sections 5.1, 5.2): every step, chain, case
//! split, induction and contradiction of a kernel-accepted proof becomes an explicit Coq
//! term; no tactic is involved.
//!
//! Translation (the context is the goal's rigid variables and hypotheses, as the kernel
//! rebuilds them; a goal is an equation, `False` or an existential):
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
//!   (unused), as the kernel adds none;
//! - a case split on a term `t : T` with hypothesis `c` (the certificate's `split`) is
//!   `T_ind (fun hole : T => t = hole -> G) case1 .. casen t (@eq_refl T t)`, a case
//!   being `fun (fresh1 : S1) [(_ : t = fresh1 -> G)] ... (c : t = c_k fresh..) => proof`
//!   (the unused induction hypotheses bound to `_`): the dependent elimination of `t`
//!   that remembers `t = c_k fresh..`, with the goal and every hypothesis unchanged.
//!   `hole` is reserved (`names::RESERVED`), so the motive captures nothing;
//! - an existential `∃ys. Q1 ∧ .. ∧ Qk` is `exists (y1 : S1) .., Q1 /\ .. /\ Qk`; a
//!   witness `y1 := t1, ..` is `ex_intro (fun y1 : S1 => exists y2 .., B[..]) t1
//!   (ex_intro .. (conj p1 (conj p2 ..)))`, one `ex_intro` per bound variable with the
//!   earlier ones given, the conjunct proofs right-nested in `conj`;
//! - an obtain of `e : exists ys, B` (the cited clause's instance, applied to its premise
//!   proofs) with fresh `f1 ..` and hypotheses `h` or `h.1 ..` is `@ex_ind S1 (fun y1 =>
//!   ..) G (fun (f1 : S1) (H : ..) => ..) e`, one `ex_ind` per bound variable, then
//!   `@and_ind Q1 (Q2 /\ ..) G (fun (h.1 : Q1) (R : Q2 /\ ..) => ..) H` per conjunct but
//!   the last; the helper names `H`, `R` are the table's names for `h.ex<i>`, `h.all`,
//!   `h.rest<j>` (derived from the hypothesis name, so distinct from every other name).
//!   A witness or fresh term that mentions a rigid variable named like a *later* bound
//!   variable would be captured by that variable's binder in the motive (the kernel's
//!   simultaneous substitution has no such capture): the term then no longer checks,
//!   so `coqc` rejects the export rather than accepting something else; neither the
//!   hand-written fixture nor the engine's witnesses (the goal's own terms) do this.
//!
//! Invariant: the builder replays nothing: it renders the proof layer's typed tree
//! ([`crate::proof::tree`]), whose replay already checked every step against the
//! certificate, so the printed term states exactly what the certificate claims.

use super::poly::Rule;
use super::syntax::{self, Expr};
use super::table::Table;
use crate::mpl::{Term, Theory, Var};
use crate::proof::clause::{Clause, Equation, Exists, Goal};
use crate::proof::tree::{
    Block, Chain, Cited, Induction, Obtain, Origin, Split, Sub, TheoremTree, Witness,
};
use ergo_kernel::format::{Dir, StepKind};
use std::collections::BTreeMap;

/// Builds proof terms for the theorems of one theory.
pub struct Builder<'a> {
    /// The theory, with every variable name of the certificate interned.
    pub theory: &'a Theory,
    /// The Coq names.
    pub table: &'a Table,
    /// How the axioms that are clauses are cited, by MPL name.
    pub axioms: BTreeMap<String, Rule>,
    /// How the theorems exported so far are cited, by certificate name.
    pub theorems: BTreeMap<String, Rule>,
}

/// Why a proof could not be translated (a rule without a Coq name).
pub type Error = String;

/// `l = r` in Coq.
fn eq_type(table: &Table, (l, r): &Equation) -> String {
    format!("{} = {}", syntax::term(table, l), syntax::term(table, r))
}

/// `Q1 /\ ... /\ Qk` (right-nested, as Coq reads it).
fn conjunction_type(table: &Table, eqs: &[Equation]) -> String {
    let parts: Vec<String> = eqs.iter().map(|e| eq_type(table, e)).collect();
    parts.join(" /\\ ")
}

/// `exists (y1 : S1) .. (yk : Sk), Q1 /\ ... /\ Qk`.
fn exists_type(table: &Table, ex: &Exists) -> String {
    let binders: Vec<String> = ex
        .vars
        .iter()
        .map(|v| format!("({} : {})", table.var(v), table.sort(v.sort)))
        .collect();
    let body = conjunction_type(table, &ex.body);
    format!("exists {}, {body}", binders.join(" "))
}

/// The Coq proposition of a goal: `l = r`, `False`, or `exists ys, Q1 /\ ...`.
pub fn goal_type(table: &Table, goal: &Goal) -> String {
    match goal {
        Goal::Eq(e) => eq_type(table, e),
        Goal::Falsity => "False".to_string(),
        Goal::Exists(ex) => exists_type(table, ex),
    }
}

/// The Coq proposition of a clause: `forall vars, p1 -> ... -> c`, where `c` is `l = r`,
/// `~ (l = r)` for a conclusion written as a negation, `False`, or `exists ys, Q1 /\ ..`.
/// The premises are curried (one arrow each), whatever their grouping.
pub fn clause_type(table: &Table, clause: &Clause) -> String {
    let eq = |e: &Equation| eq_type(table, e);
    let mut parts: Vec<String> = Vec::new();
    let premises = match (&clause.goal, clause.negated) {
        (Goal::Falsity, true) => &clause.premises[..clause.premises.len().saturating_sub(1)],
        _ => &clause.premises[..],
    };
    parts.extend(premises.iter().map(eq));
    parts.push(match (&clause.goal, clause.negated) {
        (Goal::Falsity, true) => match clause.premises.last() {
            Some(last) => format!("~ ({})", eq(last)),
            None => "False".to_string(),
        },
        (goal, _) => goal_type(table, goal),
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
    pub fn theorem(&self, t: &TheoremTree) -> Result<Expr, Error> {
        let mut binders = self.var_binders(&t.statement.vars);
        for h in &t.hyps {
            binders.push((
                self.table.hyp(&h.name).to_string(),
                clause_type(self.table, &h.clause),
            ));
        }
        let body = self.block(&t.proof)?;
        Ok(Expr::fun(binders, body))
    }

    fn var_binders(&self, vars: &[Var]) -> Vec<(String, String)> {
        let t = self.table;
        vars.iter()
            .map(|v| (t.var(v).to_string(), t.sort(v.sort).to_string()))
            .collect()
    }

    fn block(&self, block: &Block) -> Result<Expr, Error> {
        match block {
            Block::Chain(c) => self.chain(c),
            Block::Induction(ind) => self.induction(ind),
            Block::Split(split) => self.split(split),
            Block::Contradiction(c) => {
                let e = self.apply(&c.rule, &c.subst, &c.premises)?;
                Ok(match &c.goal {
                    Goal::Falsity => e,
                    goal => {
                        let ty = format!("({})", goal_type(self.table, goal));
                        Expr::app("False_ind", vec![Expr::Atom(ty), e])
                    }
                })
            }
            Block::Witness(w) => self.witness(w),
            Block::Obtain(o) => self.obtain(o),
        }
    }

    /// The rule applied to its instance (in the order of the rule's variables) and its
    /// premise proofs.
    fn apply(
        &self,
        rule: &Cited,
        subst: &[(&str, crate::mpl::Term)],
        premises: &[Sub],
    ) -> Result<Expr, Error> {
        let scheme = match rule.kind {
            StepKind::Axiom => self.axioms.get(rule.name),
            StepKind::Theorem => self.theorems.get(rule.name),
            StepKind::Hyp => None,
        };
        let mut args = Vec::with_capacity(rule.clause.vars.len() + premises.len());
        let head = match (rule.kind, scheme) {
            (StepKind::Hyp, _) => rule
                .hyp
                .as_ref()
                .map(|h| self.table.hyp(&h.name).to_string()),
            (_, Some(r)) if r.params.is_empty() => Some(r.coq.clone()),
            (_, Some(r)) => {
                // A scheme is cited at explicit sorts: `@app_nil N l`, those the
                // certificate's citation binds (else those its substitution fixes).
                let sorts = if rule.sorts.is_empty() {
                    r.sort_args(self.theory, subst)?
                } else {
                    self.cited_sorts(r, &rule.sorts)?
                };
                for s in sorts {
                    args.push(Expr::Atom(self.table.sort_arg(s)));
                }
                Some(format!("@{}", r.coq))
            }
            (_, None) => None,
        }
        .ok_or_else(|| format!("unknown rule `{}`", rule.name))?;
        for v in &rule.clause.vars {
            let var = self.theory.name(v.name);
            let (_, value) = subst
                .iter()
                .find(|(name, _)| *name == var)
                .ok_or_else(|| format!("no instance of `{var}`"))?;
            args.push(Expr::Atom(syntax::arg(self.table, value)));
        }
        for p in premises {
            args.push(self.block(&p.body)?);
        }
        Ok(Expr::app(&head, args))
    }

    /// The sorts a citation's `sorts` binding gives the scheme's parameters, in order.
    fn cited_sorts(
        &self,
        r: &super::poly::Rule,
        sorts: &std::collections::BTreeMap<String, String>,
    ) -> Result<Vec<crate::mpl::SortId>, Error> {
        r.params
            .iter()
            .map(|&p| {
                let name = &self.theory.sort(p).name;
                sorts
                    .get(name)
                    .and_then(|text| crate::proof::sexp::sort_expr(text))
                    .and_then(|e| self.theory.sort_id_of(&e))
                    .ok_or_else(|| format!("no sort for parameter `{name}` of `{}`", r.coq))
            })
            .collect()
    }

    fn chain(&self, c: &Chain) -> Result<Expr, Error> {
        let mut proofs = Vec::with_capacity(c.rows.len());
        for row in &c.rows {
            let mut e = self.apply(&row.rule, &row.subst, &row.premises)?;
            if row.step.dir == Dir::Rl {
                e = Expr::app("eq_sym", vec![e]);
            }
            let pos = &row.step.pos;
            if !pos.is_empty() {
                let from = crate::proof::tree::subterm(&row.before, pos).ok_or("bad position")?;
                let context =
                    syntax::with_hole(self.table, &row.before, pos).ok_or("bad position")?;
                let sort = self.table.sort(self.theory.sort_of(from)).to_string();
                let hole = Expr::Fun(
                    vec![(syntax::HOLE.to_string(), sort)],
                    Box::new(Expr::Atom(context)),
                );
                e = Expr::app("f_equal", vec![hole, e]);
            }
            proofs.push(e);
        }
        let Some(mut acc) = proofs.pop() else {
            let sort = self.table.sort_arg(self.theory.sort_of(&c.start));
            let refl = vec![
                Expr::Atom(sort),
                Expr::Atom(syntax::arg(self.table, &c.start)),
            ];
            return Ok(Expr::app("@eq_refl", refl));
        };
        while let Some(e) = proofs.pop() {
            acc = Expr::app("eq_trans", vec![e, acc]);
        }
        Ok(acc)
    }

    fn induction(&self, ind: &Induction) -> Result<Expr, Error> {
        let (theory, table) = (self.theory, self.table);
        let var = ind.var;
        let reverted: Vec<Equation> = ind
            .reverted
            .iter()
            .filter_map(|h| h.clause.goal.eq().cloned())
            .collect();
        let sort_name = table.sort(var.sort).to_string();
        let motive_body = Clause {
            vars: ind.general.clone(),
            groups: vec![1; reverted.len()],
            premises: reverted,
            goal: ind.goal.clone(),
            negated: false,
        };
        let motive = Expr::fun(
            vec![(table.var(&var).to_string(), sort_name.clone())],
            Expr::Atom(clause_type(table, &motive_body)),
        );
        let mut args = vec![motive];
        for case in &ind.cases {
            let mut binders = Vec::new();
            for f in &case.fresh {
                binders.push((table.var(f).to_string(), table.sort(f.sort).to_string()));
                if let Some((_, ih)) = case.ihs.iter().find(|(x, _)| x == f) {
                    let ty = clause_type(table, ih);
                    if ind.split {
                        binders.push(("_".to_string(), ty));
                    } else {
                        let name = format!("ih_{}", theory.name(f.name));
                        binders.push((table.hyp(&name).to_string(), ty));
                    }
                }
            }
            binders.extend(self.var_binders(&ind.general));
            for h in case
                .hyps
                .iter()
                .filter(|h| h.origin == Origin::Reintroduced)
            {
                binders.push((
                    table.hyp(&h.name).to_string(),
                    clause_type(table, &h.clause),
                ));
            }
            let body = self.block(&case.body)?;
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
                .map(|h| Expr::Atom(table.hyp(&h.name).to_string())),
        );
        Ok(Expr::app(&table.induction(var.sort), args))
    }

    /// `ex_intro (fun y1 : S1 => exists y2.., B) t1 (... (conj p1 (conj p2 ..)))`: the
    /// witnesses one bound variable at a time, each motive with the earlier ones given.
    fn witness(&self, w: &Witness) -> Result<Expr, Error> {
        let table = self.table;
        let mut proofs = w
            .proofs
            .iter()
            .map(|s| self.block(&s.body))
            .collect::<Result<Vec<_>, _>>()?;
        let mut acc = proofs
            .pop()
            .ok_or("a witness proves at least one conjunct")?;
        while let Some(p) = proofs.pop() {
            acc = Expr::app("conj", vec![p, acc]);
        }
        for i in (0..w.terms.len()).rev() {
            let (y, t) = &w.terms[i];
            let given: Vec<Term> = w.terms[..i].iter().map(|(_, t)| t.clone()).collect();
            let mut rest = w.goal.given(&given);
            rest.vars.remove(0);
            let motive = Expr::fun(
                vec![(table.var(y).to_string(), table.sort(y.sort).to_string())],
                Expr::Atom(open_type(table, &rest)),
            );
            let t = Expr::Atom(syntax::arg(table, t));
            acc = Expr::app("ex_intro", vec![motive, t, acc]);
        }
        Ok(acc)
    }

    /// `@ex_ind S1 (fun y1 => ..) G (fun (f1 : S1) (H : ..) => ..) e`, one `ex_ind` per
    /// bound variable, then `@and_ind Q1 (Q2 /\ ..) G (fun (h.1 : Q1) (R : ..) => ..) H`
    /// per conjunct but the last: the existential `e` (the cited clause's instance)
    /// opened into the fresh variables and the hypotheses `h` or `h.1`, .., `h.k`.
    fn obtain(&self, o: &Obtain) -> Result<Expr, Error> {
        let table = self.table;
        let goal = Expr::Atom(format!("({})", goal_type(table, &o.goal)));
        let hyp = |name: &str| table.hyp(name).to_string();
        let base = obtain_base(&o.hyps);
        let fresh_terms: Vec<Term> = o.fresh.iter().map(|f| Term::Var(*f)).collect();
        let opened = o.exists.open(&[], &fresh_terms);
        // The conjunctions, innermost first: `h.1`, .., `h.k` from `Q1 /\ .. /\ Qk`.
        let mut acc = self.block(&o.body)?;
        let k = opened.len();
        for j in (0..k.saturating_sub(1)).rev() {
            let rest_name = if j + 2 == k {
                hyp(&o.hyps[k - 1].name)
            } else {
                hyp(&format!("{base}.rest{}", j + 1))
            };
            let rest = conjunction_type(table, &opened[j + 1..]);
            let f = Expr::fun(
                vec![
                    (hyp(&o.hyps[j].name), eq_type(table, &opened[j])),
                    (rest_name, rest.clone()),
                ],
                acc,
            );
            let whole = if j == 0 {
                hyp(&format!("{base}.all"))
            } else {
                hyp(&format!("{base}.rest{j}"))
            };
            let args = vec![
                Expr::Atom(format!("({})", eq_type(table, &opened[j]))),
                Expr::Atom(format!("({rest})")),
                goal.clone(),
                f,
                Expr::Atom(whole),
            ];
            acc = Expr::app("@and_ind", args);
        }
        let body_name = if k == 1 {
            hyp(&o.hyps[0].name)
        } else {
            hyp(&format!("{base}.all"))
        };
        // The existentials, innermost first.
        let n = o.fresh.len();
        for i in (0..n).rev() {
            let y = o.exists.vars[i];
            // The motive keeps `y` bound; the case's hypothesis has it replaced too.
            let mut motive_type = o.exists.given(&fresh_terms[..i]);
            motive_type.vars.remove(0);
            let motive = Expr::fun(
                vec![(table.var(&y).to_string(), table.sort(y.sort).to_string())],
                Expr::Atom(open_type(table, &motive_type)),
            );
            let case_type = o.exists.given(&fresh_terms[..=i]);
            let name = if i + 1 == n {
                body_name.clone()
            } else {
                hyp(&format!("{base}.ex{}", i + 1))
            };
            let f = Expr::fun(
                vec![
                    (
                        table.var(&o.fresh[i]).to_string(),
                        table.sort(y.sort).to_string(),
                    ),
                    (name, open_type(table, &case_type)),
                ],
                acc,
            );
            let proof = if i == 0 {
                self.apply(&o.rule, &o.subst, &o.premises)?
            } else {
                Expr::Atom(hyp(&format!("{base}.ex{i}")))
            };
            let args = vec![
                Expr::Atom(table.sort(y.sort).to_string()),
                motive,
                goal.clone(),
                f,
                proof,
            ];
            acc = Expr::app("@ex_ind", args);
        }
        Ok(acc)
    }

    fn split(&self, split: &Split) -> Result<Expr, Error> {
        let (theory, table) = (self.theory, self.table);
        let sort = theory.sort_of(&split.term);
        let t = syntax::term(table, &split.term);
        let t_arg = syntax::arg(table, &split.term);
        let goal = |y: &str| {
            let g = goal_type(table, &split.goal);
            format!("{t} = {y} -> {g}")
        };
        let motive = Expr::fun(
            vec![(syntax::HOLE.to_string(), table.sort(sort).to_string())],
            Expr::Atom(goal(syntax::HOLE)),
        );
        let mut args = vec![motive];
        for case in &split.cases {
            let mut binders = Vec::new();
            for f in &case.fresh {
                binders.push((table.var(f).to_string(), table.sort(f.sort).to_string()));
                if f.sort == sort {
                    binders.push(("_".to_string(), goal(table.var(f))));
                }
            }
            for h in &case.hyps {
                binders.push((
                    table.hyp(&h.name).to_string(),
                    clause_type(table, &h.clause),
                ));
            }
            let body = self.block(&case.body)?;
            args.push(Expr::fun(binders, body));
        }
        args.push(Expr::Atom(t_arg.clone()));
        let refl = vec![Expr::Atom(table.sort_arg(sort)), Expr::Atom(t_arg)];
        args.push(Expr::app("@eq_refl", refl));
        Ok(Expr::app(&table.induction(sort), args))
    }
}

/// The proposition of an existential whose earlier variables were given: `exists ys, B`,
/// or the conjunction `B` itself when no variable is left.
fn open_type(table: &Table, ex: &Exists) -> String {
    if ex.vars.is_empty() {
        conjunction_type(table, &ex.body)
    } else {
        exists_type(table, ex)
    }
}

/// The name the helper hypotheses of an obtain are derived from: its hypothesis `h`
/// (the first one's name, `h` or `h.1`, without the `.1`).
pub fn obtain_base(hyps: &[crate::proof::tree::Hyp]) -> String {
    match hyps {
        [one] => one.name.clone(),
        more => more
            .first()
            .map(|h| h.name.trim_end_matches(".1").to_string())
            .unwrap_or_default(),
    }
}
