//! A kernel-checked proof, rebuilt for display: every chain with its start term and the
//! term after each step, every induction case with its goal and hypotheses.
//!
//! Invariants:
//! - case goals and induction hypotheses are rebuilt from the statement exactly as the
//!   kernel rebuilds them (certificate format section 5.1): kept hypotheses are those in
//!   which the induction variable is not free; the hypothesis `ih_<fresh>` is the goal
//!   with the variable replaced by the fresh one, generalised over the rigid variables
//!   free in no kept hypothesis;
//! - a chain starts at its goal's left side, and the term before step `i` is the term
//!   after step `i - 1`; so each row can highlight what the next step rewrites;
//! - a step citing a hypothesis is resolved to the innermost hypothesis of that name in
//!   scope, and carries that hypothesis's element id;
//! - element ids are built from the case path (`c1-0` is case 0 of the induction in case
//!   1), so they are unique on the page and stable for identical certificates.

use super::names::slug;
use crate::mpl::{Term, Theory, Var};
use crate::proof::sexp;
use ergo_kernel::format::{Proof, Step, StepKind};

/// A hypothesis in scope: an induction hypothesis of an enclosing case.
#[derive(Clone, Debug)]
pub struct Hyp {
    /// Its name, e.g. `ih_x`.
    pub name: String,
    /// The id of the element stating it.
    pub id: String,
    /// Its rule variables (the generalised ones); the others are rigid.
    pub vars: Vec<Var>,
    /// Left side.
    pub lhs: Term,
    /// Right side.
    pub rhs: Term,
}

impl Hyp {
    /// Whether the rigid variable `v` occurs free in this hypothesis.
    fn has_free(&self, v: &Var) -> bool {
        !self.vars.contains(v) && (self.lhs.occurs(v) || self.rhs.occurs(v))
    }
}

/// A proof block: a chain of steps or an induction.
#[derive(Debug)]
pub enum Block<'c> {
    /// A chain of rewrite steps.
    Chain(Chain<'c>),
    /// A structural induction.
    Induction(Induction<'c>),
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
}

/// A structural induction.
#[derive(Debug)]
pub struct Induction<'c> {
    /// The induction variable.
    pub var: Var,
    /// One case per constructor, in declared order.
    pub cases: Vec<CaseView<'c>>,
}

/// One case of an induction.
#[derive(Debug)]
pub struct CaseView<'c> {
    /// The element id of the case.
    pub id: String,
    /// The term the variable is replaced by, `c(fresh...)`.
    pub instance: Term,
    /// True when the constructor takes no argument of the induction sort.
    pub base: bool,
    /// The case's goal.
    pub lhs: Term,
    /// The case's goal, right side.
    pub rhs: Term,
    /// The induction hypotheses this case adds.
    pub hyps: Vec<Hyp>,
    /// The case's proof.
    pub body: Block<'c>,
}

/// The context of a proof: rigid variables and hypotheses in scope.
struct Ctx {
    rigid: Vec<Var>,
    hyps: Vec<Hyp>,
}

/// Rebuilds the proof of the goal `lhs = rhs` over the rigid variables `vars`. Names are
/// interned in `theory` (a renderer's own copy). `Err` only for a certificate the
/// kernel would not accept.
pub fn rebuild<'c>(
    theory: &mut Theory,
    vars: &[Var],
    lhs: &Term,
    rhs: &Term,
    proof: &'c Proof,
) -> Result<Block<'c>, String> {
    let ctx = Ctx {
        rigid: vars.to_vec(),
        hyps: Vec::new(),
    };
    block(theory, &ctx, lhs, rhs, proof, "")
}

fn block<'c>(
    theory: &mut Theory,
    ctx: &Ctx,
    lhs: &Term,
    rhs: &Term,
    proof: &'c Proof,
    id: &str,
) -> Result<Block<'c>, String> {
    match proof {
        Proof::Chain { steps } => chain(theory, ctx, lhs, steps, id).map(Block::Chain),
        Proof::Induction { var, cases } => {
            let v = *ctx
                .rigid
                .iter()
                .rev()
                .find(|v| theory.name(v.name) == var)
                .ok_or_else(|| format!("induction on unknown variable `{var}`"))?;
            let kept: Vec<Hyp> = ctx
                .hyps
                .iter()
                .filter(|h| !h.has_free(&v))
                .cloned()
                .collect();
            let general: Vec<Var> = ctx
                .rigid
                .iter()
                .filter(|w| **w != v && !kept.iter().any(|h| h.has_free(w)))
                .copied()
                .collect();
            let mut out = Vec::new();
            for (k, case) in cases.iter().enumerate() {
                let case_id = format!("{id}c{k}-");
                let ctor = theory
                    .op_by_name(&case.constructor)
                    .ok_or_else(|| format!("unknown constructor `{}`", case.constructor))?;
                let arg_sorts = theory.op(ctor).args.clone();
                let fresh: Vec<Var> = case
                    .fresh
                    .iter()
                    .zip(&arg_sorts)
                    .map(|(name, sort)| Var {
                        name: theory.intern(name),
                        sort: *sort,
                    })
                    .collect();
                let instance = Term::App(ctor, fresh.iter().map(|f| Term::Var(*f)).collect());
                let mut hyps = Vec::new();
                for f in fresh.iter().filter(|f| f.sort == v.sort) {
                    let by = Term::Var(*f);
                    let name = format!("ih_{}", theory.name(f.name));
                    hyps.push(Hyp {
                        id: format!("{case_id}h-{}", slug(&name)),
                        name,
                        vars: general.clone(),
                        lhs: lhs.substitute(&v, &by),
                        rhs: rhs.substitute(&v, &by),
                    });
                }
                let mut rigid: Vec<Var> = ctx.rigid.iter().filter(|w| **w != v).copied().collect();
                rigid.extend(fresh.iter().copied());
                let mut scope = kept.clone();
                scope.extend(hyps.iter().cloned());
                let inner = Ctx { rigid, hyps: scope };
                let (cl, cr) = (lhs.substitute(&v, &instance), rhs.substitute(&v, &instance));
                let body = block(theory, &inner, &cl, &cr, &case.proof, &case_id)?;
                out.push(CaseView {
                    id: case_id.trim_end_matches('-').to_string(),
                    instance,
                    base: hyps.is_empty(),
                    lhs: cl,
                    rhs: cr,
                    hyps,
                    body,
                });
            }
            Ok(Block::Induction(Induction { var: v, cases: out }))
        }
        Proof::Cases { .. } | Proof::Contradiction { .. } => {
            Err("case splits and contradictions are not rendered yet".to_string())
        }
    }
}

fn chain<'c>(
    theory: &mut Theory,
    ctx: &Ctx,
    start: &Term,
    steps: &'c [Step],
    id: &str,
) -> Result<Chain<'c>, String> {
    let mut rows = Vec::new();
    for step in steps {
        let term = sexp::term(theory, &ctx.rigid, &step.term).map_err(|e| e.to_string())?;
        let mut subst = Vec::new();
        for (var, text) in &step.subst {
            let t = sexp::term(theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
            subst.push((var.as_str(), t));
        }
        let hyp = match step.kind {
            StepKind::Hyp => Some(
                ctx.hyps
                    .iter()
                    .rev()
                    .find(|h| h.name == step.rule)
                    .ok_or_else(|| format!("no hypothesis `{}` in scope", step.rule))?
                    .id
                    .clone(),
            ),
            _ => None,
        };
        rows.push(Row {
            step,
            term,
            subst,
            hyp,
        });
    }
    Ok(Chain {
        id: id.to_string(),
        start: start.clone(),
        rows,
    })
}

/// Whether a proof (or any of its cases) uses induction nested inside induction.
pub fn nested(block: &Block) -> bool {
    match block {
        Block::Chain(_) => false,
        Block::Induction(ind) => ind
            .cases
            .iter()
            .any(|c| matches!(c.body, Block::Induction(_))),
    }
}
