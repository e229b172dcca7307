//! A kernel-checked proof, rebuilt for display: every chain with its start term and the
//! term after each step, every case of a case split or induction with its goal and
//! hypotheses, every contradiction with its clause's instance, and the proofs of the
//! premises of conditional steps and contradictions.
//!
//! Invariants:
//! - goals and hypotheses are rebuilt from the statement exactly as the kernel rebuilds
//!   them (certificate format section 5.1, through [`crate::export::clause`]): the
//!   theorem's premises are the hypotheses `h1..hn`; a case split or an induction
//!   reverts the simple hypotheses (re-introduced in each case with the variable
//!   replaced), keeps the others in which the variable is not free, and an induction
//!   adds `ih_<fresh>`, whose premises are the reverted hypotheses and whose conclusion
//!   is the goal, generalised over the rigid variables free in no kept hypothesis;
//! - a chain starts at its goal's left side, and the term before step `i` is the term
//!   after step `i - 1`; so each row can highlight what the next step rewrites;
//! - a step or contradiction citing a hypothesis is resolved to the innermost hypothesis
//!   of that name in scope, and carries that hypothesis's element id;
//! - element ids are built from the path to the block (`c1-` case 1, `s2p0-` the proof
//!   of premise 0 of step 2, `p0-` the proof of premise 0 of a contradiction), each
//!   segment ending in `-`, so they are unique on the page and stable for identical
//!   certificates.

use super::names::slug;
use crate::mpl::{Term, Theory, Var};
use crate::proof::clause::{Clause, Equation, Induct};
use crate::proof::sexp;
use ergo_kernel::format::{Proof, Step, StepKind};
use std::collections::BTreeMap;

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
    /// The id of the element stating it.
    pub id: String,
    /// Its statement: rule variables (the generalised ones; the others are rigid),
    /// premises and conclusion.
    pub clause: Clause,
    /// How it came into scope.
    pub origin: Origin,
}

/// The axioms and earlier theorems a proof may cite, as clauses.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// The axioms that are clauses, by name.
    pub axioms: BTreeMap<String, Clause>,
    /// The accepted theorems so far, by name.
    pub theorems: BTreeMap<String, Clause>,
}

/// A proof block.
#[derive(Debug)]
pub enum Block<'c> {
    /// A chain of rewrite steps.
    Chain(Chain<'c>),
    /// A structural induction or a case split.
    Induction(Induction<'c>),
    /// A contradiction.
    Contradiction(Contradiction<'c>),
}

/// The proof of one premise of a conditional step or of a contradiction.
#[derive(Debug)]
pub struct Sub<'c> {
    /// The element id of the sub-proof.
    pub id: String,
    /// The premise proved (an instance of the rule's premise).
    pub goal: Equation,
    /// Its proof.
    pub body: Block<'c>,
}

/// A chain of rewrite steps from `start` to the goal's right side.
#[derive(Debug)]
pub struct Chain<'c> {
    /// The id prefix of its rows.
    pub id: String,
    /// The goal's left side, where the chain starts.
    pub start: Term,
    /// One row per step, in order.
    pub rows: Vec<Row<'c>>,
}

impl Chain<'_> {
    /// The id of row `k` (0 is the start term, `k` the term after step `k`).
    pub fn row_id(&self, k: usize) -> String {
        format!("{}s{k}", self.id)
    }
}

/// One step of a chain, with the whole term after it.
#[derive(Debug)]
pub struct Row<'c> {
    /// The step as written in the certificate.
    pub step: &'c Step,
    /// The whole term after the step.
    pub term: Term,
    /// The instance: each rule variable with its term, in the certificate's order.
    pub subst: Vec<(&'c str, Term)>,
    /// For a step citing a hypothesis, the id of that hypothesis's statement.
    pub hyp: Option<String>,
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
    /// The names of the reverted hypotheses, in order.
    pub reverted: Vec<String>,
    /// One case per constructor, in declared order.
    pub cases: Vec<CaseView<'c>>,
}

/// One case of an induction or a case split.
#[derive(Debug)]
pub struct CaseView<'c> {
    /// The element id of the case.
    pub id: String,
    /// The term the variable is replaced by, `c(fresh...)`.
    pub instance: Term,
    /// True when the constructor takes no argument of the variable's sort.
    pub base: bool,
    /// The case's goal (`None`: falsity).
    pub goal: Option<Equation>,
    /// The hypotheses this case introduces: the reverted ones re-introduced, then the
    /// induction hypotheses.
    pub hyps: Vec<Hyp>,
    /// The case's proof.
    pub body: Block<'c>,
}

/// A contradiction: an instance of a clause concluding falsity, and its premises' proofs.
#[derive(Debug)]
pub struct Contradiction<'c> {
    /// Where the clause comes from.
    pub kind: StepKind,
    /// The clause's name.
    pub rule: &'c str,
    /// For a hypothesis, the id of its statement.
    pub hyp: Option<String>,
    /// The instance: each clause variable with its term, in the certificate's order.
    pub subst: Vec<(&'c str, Term)>,
    /// The clause under the instance (no variables left).
    pub instance: Clause,
    /// The proofs of its premises, in order.
    pub premises: Vec<Sub<'c>>,
}

/// The context of a proof: rigid variables and hypotheses in scope.
struct Ctx {
    rigid: Vec<Var>,
    hyps: Vec<Hyp>,
}

/// The hypotheses `h1..hn` of a theorem with this statement.
pub fn premises(statement: &Clause) -> Vec<Hyp> {
    statement
        .premises
        .iter()
        .enumerate()
        .map(|(i, (l, r))| {
            let name = format!("h{}", i + 1);
            Hyp {
                id: format!("h-{}", slug(&name)),
                name,
                clause: Clause::fact(l.clone(), r.clone()),
                origin: Origin::Premise,
            }
        })
        .collect()
}

/// Rebuilds the proof of a theorem with this statement. Names are interned in `theory`
/// (a renderer's own copy). `Err` only for a certificate the kernel would not accept.
pub fn rebuild<'c>(
    theory: &mut Theory,
    rules: &Rules,
    statement: &Clause,
    proof: &'c Proof,
) -> Result<Block<'c>, String> {
    let ctx = Ctx {
        rigid: statement.vars.clone(),
        hyps: premises(statement),
    };
    let mut b = Builder { theory, rules };
    b.block(&ctx, &statement.goal, proof, "")
}

struct Builder<'t, 'r> {
    theory: &'t mut Theory,
    rules: &'r Rules,
}

impl Builder<'_, '_> {
    fn block<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Option<Equation>,
        proof: &'c Proof,
        id: &str,
    ) -> Result<Block<'c>, String> {
        match proof {
            Proof::Chain { steps } => {
                let Some((lhs, _)) = goal else {
                    return Err("a chain cannot prove falsity".to_string());
                };
                self.chain(ctx, lhs, steps, id).map(Block::Chain)
            }
            Proof::Induction { var, cases } | Proof::Cases { var, cases } => {
                let split = matches!(proof, Proof::Cases { .. });
                self.induction(ctx, goal, var, cases, split, id)
                    .map(Block::Induction)
            }
            Proof::Contradiction {
                kind,
                rule,
                subst,
                premises,
            } => {
                let (clause, hyp) = self.rule(ctx, *kind, rule)?;
                let subst = self.subst(ctx, subst)?;
                let instance = instantiate(self.theory, &clause, &subst);
                let premises = self.subs(ctx, &instance, premises, &format!("{id}p"))?;
                Ok(Block::Contradiction(Contradiction {
                    kind: *kind,
                    rule,
                    hyp,
                    subst,
                    instance,
                    premises,
                }))
            }
        }
    }

    fn induction<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Option<Equation>,
        var: &str,
        cases: &'c [ergo_kernel::format::Case],
        split: bool,
        id: &str,
    ) -> Result<Induction<'c>, String> {
        let v = *ctx
            .rigid
            .iter()
            .rev()
            .find(|v| self.theory.name(v.name) == var)
            .ok_or_else(|| format!("case split on unknown variable `{var}`"))?;
        let clauses: Vec<&Clause> = ctx.hyps.iter().map(|h| &h.clause).collect();
        let ind = Induct::new(&ctx.rigid, &clauses, v);
        let mut out = Vec::new();
        for (k, case) in cases.iter().enumerate() {
            let case_id = format!("{id}c{k}-");
            let ctor = self
                .theory
                .op_by_name(&case.constructor)
                .ok_or_else(|| format!("unknown constructor `{}`", case.constructor))?;
            let arg_sorts = self.theory.op(ctor).args.clone();
            let fresh: Vec<Var> = case
                .fresh
                .iter()
                .zip(&arg_sorts)
                .map(|(name, sort)| Var {
                    name: self.theory.intern(name),
                    sort: *sort,
                })
                .collect();
            let shape = ind.case(&ctx.rigid, &clauses, goal, ctor, &fresh, !split);
            let mut scope = Vec::new();
            let mut introduced = Vec::new();
            for (i, reintroduced, clause) in &shape.hyps {
                let h = &ctx.hyps[*i];
                if *reintroduced {
                    let new = Hyp {
                        name: h.name.clone(),
                        id: format!("{case_id}h-{}", slug(&h.name)),
                        clause: clause.clone(),
                        origin: Origin::Reintroduced,
                    };
                    introduced.push(new.clone());
                    scope.push(new);
                } else {
                    scope.push(h.clone());
                }
            }
            for (f, clause) in &shape.ihs {
                let name = format!("ih_{}", self.theory.name(f.name));
                let ih = Hyp {
                    id: format!("{case_id}h-{}", slug(&name)),
                    name,
                    clause: clause.clone(),
                    origin: Origin::Induction,
                };
                introduced.push(ih.clone());
                scope.push(ih);
            }
            let inner = Ctx {
                rigid: shape.rigid.clone(),
                hyps: scope,
            };
            let body = self.block(&inner, &shape.goal, &case.proof, &case_id)?;
            out.push(CaseView {
                id: case_id.trim_end_matches('-').to_string(),
                instance: shape.instance,
                base: !fresh.iter().any(|f| f.sort == v.sort),
                goal: shape.goal,
                hyps: introduced,
                body,
            });
        }
        Ok(Induction {
            var: v,
            split,
            reverted: ind
                .reverted
                .iter()
                .map(|&i| ctx.hyps[i].name.clone())
                .collect(),
            cases: out,
        })
    }

    /// The clause a step or contradiction cites, and the id of the hypothesis if it is one.
    fn rule(
        &self,
        ctx: &Ctx,
        kind: StepKind,
        name: &str,
    ) -> Result<(Clause, Option<String>), String> {
        let found = match kind {
            StepKind::Axiom => self.rules.axioms.get(name).map(|c| (c.clone(), None)),
            StepKind::Theorem => self.rules.theorems.get(name).map(|c| (c.clone(), None)),
            StepKind::Hyp => ctx
                .hyps
                .iter()
                .rev()
                .find(|h| h.name == name)
                .map(|h| (h.clause.clone(), Some(h.id.clone()))),
        };
        found.ok_or_else(|| format!("no rule `{name}` in scope"))
    }

    fn subst<'c>(
        &self,
        ctx: &Ctx,
        subst: &'c BTreeMap<String, String>,
    ) -> Result<Vec<(&'c str, Term)>, String> {
        let mut out = Vec::new();
        for (var, text) in subst {
            let t = sexp::term(self.theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
            out.push((var.as_str(), t));
        }
        Ok(out)
    }

    /// The proofs of the premises of `instance`, with ids `{prefix}{i}`.
    fn subs<'c>(
        &mut self,
        ctx: &Ctx,
        instance: &Clause,
        proofs: &'c [Proof],
        prefix: &str,
    ) -> Result<Vec<Sub<'c>>, String> {
        if proofs.len() != instance.premises.len() {
            return Err("wrong number of premise proofs".to_string());
        }
        let mut out = Vec::new();
        for (i, (p, goal)) in proofs.iter().zip(&instance.premises).enumerate() {
            let id = format!("{prefix}{i}-");
            let body = self.block(ctx, &Some(goal.clone()), p, &id)?;
            out.push(Sub {
                id: id.trim_end_matches('-').to_string(),
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
        steps: &'c [Step],
        id: &str,
    ) -> Result<Chain<'c>, String> {
        let mut rows = Vec::new();
        for (k, step) in steps.iter().enumerate() {
            let term =
                sexp::term(self.theory, &ctx.rigid, &step.term).map_err(|e| e.to_string())?;
            let subst = self.subst(ctx, &step.subst)?;
            let (clause, hyp) = self.rule(ctx, step.kind, &step.rule)?;
            let premises = if step.premises.is_empty() {
                Vec::new()
            } else {
                let instance = instantiate(self.theory, &clause, &subst);
                self.subs(ctx, &instance, &step.premises, &format!("{id}s{}p", k + 1))?
            };
            rows.push(Row {
                step,
                term,
                subst,
                hyp,
                premises,
            });
        }
        Ok(Chain {
            id: id.to_string(),
            start: start.clone(),
            rows,
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

/// The deepest nesting of case splits and inductions in a proof (premise proofs count
/// where they appear).
pub fn depth(block: &Block) -> usize {
    match block {
        Block::Chain(c) => c
            .rows
            .iter()
            .flat_map(|r| &r.premises)
            .map(|s| depth(&s.body))
            .max()
            .unwrap_or(0),
        Block::Induction(ind) => 1 + ind.cases.iter().map(|c| depth(&c.body)).max().unwrap_or(0),
        Block::Contradiction(c) => c.premises.iter().map(|s| depth(&s.body)).max().unwrap_or(0),
    }
}

/// Whether a proof (or any of its cases) uses a case split or induction nested inside
/// another.
pub fn nested(block: &Block) -> bool {
    depth(block) > 1
}
