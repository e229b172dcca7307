//! Proving clauses: goals with premises, negated goals, and the case analysis they need.
//!
//! A [`Goal`] with premises or a negated conclusion is opened as a [`Sequent`]: rigid
//! variables, named hypotheses (the premises `h1`, `h2`, ..., and for `l != r` the
//! equation `l = r` as the last `h`), and a conclusion that is an equation or falsity —
//! exactly the context the kernel rebuilds (certificate format, section 5.1). A sequent
//! is *closed* by one logic block: an e-graph holding the conclusion's sides and the
//! hypotheses, saturated alternately by egg with the plain equations and by
//! [`super::horn`] with the clauses (conditional axioms and theorems, conditional
//! induction hypotheses), until the conclusion's sides join or a clause concluding
//! falsity has an instance whose premises hold (a contradiction, which proves any goal).
//!
//! When a sequent does not close, the search splits it: structural induction on a rigid
//! variable, every simple hypothesis reverted into the (then conditional) induction
//! hypothesis and re-introduced in each case — the kernel's construction, step for step.
//! Splits nest up to a depth (iterative deepening: all variables at depth 1 first), so a
//! case analysis inside an induction step (transitivity of an order, cancellation) is
//! found. An induction whose hypotheses end up uncited is emitted as a case split.
//!
//! Invariants: the proof returned for a sequent proves exactly that sequent in the
//! kernel's reading (same hypothesis names and order, same fresh names); every union in
//! a block is justified by a rewrite, a hypothesis or a recorded clause firing, so every
//! step of the certificate names its rule and every conditional step carries the proofs
//! of its premises; the search is deterministic (fixed variable and constructor order).

use super::cancel::Cancel;
use super::equation::{Equation, Goal, RuleKind};
use super::failure::{Exhausted, Failure};
use super::horn::{self, Firing, Graph, Horn};
use super::induction;
use super::limits::{Limits, UNBOUNDED};
use super::rewrite::{expr, rewrites, Justification, Lang, Rule};
use crate::engine::explain::{self, ExplainError};
use crate::mpl::{Names, Signature, Term, Theory, Var};
use egg::{RecExpr, Runner};
use ergo_kernel::format::{Case, Dir, Proof, Step, StepKind};
use std::collections::BTreeMap;

/// Rounds of (saturation, clause firing) in one block.
const ROUNDS: usize = 8;
/// Clause firings allowed in one round.
const FIRINGS_PER_ROUND: usize = 256;
/// How deep premise proofs may nest inside one another (a guard; firings are
/// well-founded, so this is never reached by a correct e-graph).
const MAX_PREMISE_DEPTH: usize = 32;

/// A goal in its context, as the kernel sees it.
#[derive(Clone, Debug)]
pub struct Sequent {
    /// The rigid variables.
    pub rigid: Vec<Var>,
    /// The hypotheses, in the kernel's order (kind [`RuleKind::Hypothesis`]).
    pub hyps: Vec<Equation>,
    /// The conclusion; `None` is falsity.
    pub goal: Option<(Term, Term)>,
}

fn is_simple(h: &Equation) -> bool {
    h.vars.is_empty() && h.is_plain()
}

/// Whether the rigid variable `v` occurs in the clause `h` (its rule variables are
/// bound, so never free).
fn mentions_free(h: &Equation, v: &Var) -> bool {
    if h.vars.contains(v) {
        return false;
    }
    let (premises, conclusion) = h.clause();
    premises
        .iter()
        .chain(conclusion.iter())
        .any(|(l, r)| l.occurs(v) || r.occurs(v))
}

fn hypothesis(
    name: String,
    vars: Vec<Var>,
    mut premises: Vec<(Term, Term)>,
    goal: Option<(Term, Term)>,
) -> Option<Equation> {
    let (lhs, rhs, negated) = match goal {
        Some((l, r)) => (l, r, false),
        None => {
            let (l, r) = premises.pop()?;
            (l, r, true)
        }
    };
    Some(Equation {
        kind: RuleKind::Hypothesis,
        name,
        vars,
        lhs,
        rhs,
        premises,
        negated,
    })
}

impl Sequent {
    /// Opens a goal: premises become the hypotheses `h1..hn`; a negated conclusion adds
    /// its equation as the next hypothesis and leaves falsity to prove.
    pub fn open(goal: &Goal) -> Sequent {
        let mut hyps: Vec<Equation> = goal
            .premises
            .iter()
            .enumerate()
            .filter_map(|(i, (l, r))| {
                hypothesis(
                    format!("h{}", i + 1),
                    Vec::new(),
                    Vec::new(),
                    Some((l.clone(), r.clone())),
                )
            })
            .collect();
        let conclusion = (goal.lhs.clone(), goal.rhs.clone());
        let goal_part = if goal.negated {
            let n = hyps.len() + 1;
            hyps.extend(hypothesis(
                format!("h{n}"),
                Vec::new(),
                Vec::new(),
                Some(conclusion),
            ));
            None
        } else {
            Some(conclusion)
        };
        Sequent {
            rigid: goal.rigid.clone(),
            hyps,
            goal: goal_part,
        }
    }

    /// The cases of induction on `v` (kernel construction, spec 5.1), with fresh names
    /// interned in the attempt's `names`; `None` if `v`'s sort is not inductive.
    fn split(
        &self,
        signature: &Signature,
        names: &mut Names,
        v: Var,
    ) -> Option<Vec<(String, Vec<Var>, Sequent)>> {
        if !super::induction::is_inductive(signature, v.sort) {
            return None;
        }
        let sort = signature.sort(v.sort);
        let simple: Vec<&Equation> = self.hyps.iter().filter(|h| is_simple(h)).collect();
        let kept: Vec<&Equation> = self
            .hyps
            .iter()
            .filter(|h| !is_simple(h) && !mentions_free(h, &v))
            .collect();
        let generalised: Vec<Var> = self
            .rigid
            .iter()
            .copied()
            .filter(|w| *w != v && !kept.iter().any(|h| mentions_free(h, w)))
            .collect();
        let others: Vec<Var> = self.rigid.iter().copied().filter(|w| *w != v).collect();
        let mut out = Vec::new();
        for ctor in &sort.constructors {
            let op = signature.op(*ctor);
            let mut used: Vec<String> = others
                .iter()
                .map(|w| names.get(w.name).to_string())
                .collect();
            for h in &self.hyps {
                used.extend(h.vars.iter().map(|w| names.get(w.name).to_string()));
            }
            let ih_taken = |n: &str| self.hyps.iter().any(|h| h.name == format!("ih_{n}"));
            let fresh = induction::fresh_arguments(signature, names, v, &op.args, used, &ih_taken);
            let instance = Term::App(*ctor, fresh.iter().map(|f| Term::Var(*f)).collect());
            let sub = |t: &Term| t.substitute(&v, &instance);
            let mut rigid = others.clone();
            rigid.extend(fresh.iter().copied());
            let mut hyps: Vec<Equation> = Vec::new();
            for h in &self.hyps {
                if is_simple(h) {
                    let mut h = h.clone();
                    h.lhs = sub(&h.lhs);
                    h.rhs = sub(&h.rhs);
                    hyps.push(h);
                } else if !mentions_free(h, &v) {
                    hyps.push(h.clone());
                }
            }
            for f in fresh.iter().filter(|f| f.sort == v.sort) {
                let to = Term::Var(*f);
                let premises = simple
                    .iter()
                    .map(|h| (h.lhs.substitute(&v, &to), h.rhs.substitute(&v, &to)))
                    .collect();
                let goal = self
                    .goal
                    .as_ref()
                    .map(|(l, r)| (l.substitute(&v, &to), r.substitute(&v, &to)));
                let name = format!("ih_{}", names.get(f.name));
                hyps.extend(hypothesis(name, generalised.clone(), premises, goal));
            }
            let goal = self.goal.as_ref().map(|(l, r)| (sub(l), sub(r)));
            out.push((op.name.clone(), fresh, Sequent { rigid, hyps, goal }));
        }
        Some(out)
    }
}

/// Proves sequents with a fixed rule set (plain equations and clauses).
pub struct SequentProver<'a> {
    /// The attempt's own handle: the shared signature and the fresh names of its splits.
    theory: Theory,
    rules: &'a [Equation],
    rewrites: &'a [Rule],
    limits: Limits,
    cancel: &'a Cancel,
}

impl<'a> SequentProver<'a> {
    /// A prover over `rules` (whose plain equations' egg rewrites are `rewrites`).
    pub fn new(
        theory: &Theory,
        rules: &'a [Equation],
        rewrites: &'a [Rule],
        limits: Limits,
        cancel: &'a Cancel,
    ) -> SequentProver<'a> {
        SequentProver {
            theory: theory.clone(),
            rules,
            rewrites,
            limits,
            cancel,
        }
    }

    /// Searches a proof of `seq` with splits nested up to `max_depth` deep.
    pub fn prove(&mut self, seq: &Sequent, max_depth: usize) -> Result<Proof, Failure> {
        let mut last = Failure::NotClosed;
        for depth in 0..=max_depth {
            match self.search(seq, depth) {
                Ok(p) => return Ok(p),
                Err(why) => last = why,
            }
            if let Some(why) = self.cancel.check() {
                return Err(Failure::Stopped(why));
            }
        }
        Err(last)
    }

    fn search(&mut self, seq: &Sequent, depth: usize) -> Result<Proof, Failure> {
        let closed = self.close(seq);
        if closed.is_ok() || depth == 0 {
            return closed;
        }
        let mut last = closed.err().unwrap_or(Failure::NotClosed);
        for v in seq.rigid.clone() {
            if let Some(why) = self.cancel.check() {
                return Err(Failure::Stopped(why));
            }
            let (signature, names) = self.theory.supply();
            let Some(cases) = seq.split(signature, names, v) else {
                continue;
            };
            let mut proved = Vec::new();
            for (ctor, fresh, case) in &cases {
                match self.search(case, depth - 1) {
                    Ok(p) => proved.push(Case {
                        constructor: ctor.clone(),
                        fresh: fresh
                            .iter()
                            .map(|f| self.theory.name(f.name).to_string())
                            .collect(),
                        proof: p,
                    }),
                    Err(why) => {
                        last = Failure::Induction {
                            var: self.theory.name(v.name).to_string(),
                            constructor: ctor.clone(),
                            case: Box::new(why),
                        };
                        break;
                    }
                }
            }
            if proved.len() == cases.len() {
                let var = self.theory.name(v.name).to_string();
                // Emitted as a case split when none of this split's own induction
                // hypotheses is cited and no case splits again: a nested split's
                // generalised variables depend on the hypotheses kept around it, so
                // removing an (uncited) hypothesis would change the nested cases.
                let ihs: Vec<String> = proved
                    .iter()
                    .flat_map(|c| c.fresh.iter().map(|f| format!("ih_{f}")))
                    .collect();
                let mut ih_cited = proved
                    .iter()
                    .any(|c| !matches!(c.proof, Proof::Chain { .. } | Proof::Contradiction { .. }));
                for c in &proved {
                    c.proof.each_citation(&mut |kind, rule| {
                        ih_cited |= kind == StepKind::Hyp && ihs.iter().any(|h| h == rule);
                    });
                }
                return Ok(if ih_cited {
                    Proof::Induction { var, cases: proved }
                } else {
                    Proof::Cases { var, cases: proved }
                });
            }
        }
        Err(last)
    }

    /// One logic block: saturates the sequent's e-graph and reads off a proof of its
    /// conclusion (a chain, or a contradiction).
    fn close(&mut self, seq: &Sequent) -> Result<Proof, Failure> {
        let theory: &Theory = &self.theory;
        let mut egraph = Graph::default()
            .with_explanations_enabled()
            .without_explanation_length_optimization();
        let goal = seq
            .goal
            .as_ref()
            .map(|(l, r)| (expr(theory, l), expr(theory, r)));
        let ids = goal.as_ref().map(|(l, r)| {
            (
                egraph.add_expr_uncanonical(l),
                egraph.add_expr_uncanonical(r),
            )
        });
        let mut rules: Vec<Rule> = self.rewrites.to_vec();
        for h in &seq.hyps {
            if is_simple(h) {
                egraph.add_expr_uncanonical(&expr(theory, &h.lhs));
                egraph.add_expr_uncanonical(&expr(theory, &h.rhs));
            }
            rules.extend(rewrites(theory, h));
        }
        egraph.rebuild();
        let all: Vec<&Equation> = self.rules.iter().chain(&seq.hyps).collect();
        let clauses: Vec<Horn> = all.iter().filter_map(|e| Horn::new(theory, e)).collect();
        let mut firings: Vec<Firing> = Vec::new();
        let joined = |g: &Graph| ids.is_some_and(|(l, r)| g.find(l) == g.find(r));
        let mut outcome = Err(Failure::NotClosed);
        for _ in 0..ROUNDS {
            if let Some(why) = self.cancel.check() {
                outcome = Err(Failure::Stopped(why));
                break;
            }
            if !joined(&egraph) {
                let runner = Runner::default()
                    .with_egraph(egraph)
                    .with_node_limit(self.limits.nodes)
                    .with_iter_limit(self.limits.iters)
                    .with_time_limit(UNBOUNDED)
                    .with_hook(move |r| {
                        if ids.is_some_and(|(l, r2)| r.egraph.find(l) == r.egraph.find(r2)) {
                            Err("joined".to_string())
                        } else {
                            Ok(())
                        }
                    })
                    .run(&rules);
                egraph = runner.egraph;
                egraph.rebuild();
            }
            if joined(&egraph) {
                outcome = Ok(None);
                break;
            }
            if let Some(k) = horn::contradiction(&mut egraph, &clauses, &mut firings) {
                outcome = Ok(Some(k));
                break;
            }
            if egraph.total_number_of_nodes() > self.limits.nodes {
                outcome = Err(Failure::Exhausted(Exhausted::Nodes(self.limits.nodes)));
                break;
            }
            if !horn::fire(&mut egraph, &clauses, &mut firings, FIRINGS_PER_ROUND) {
                if joined(&egraph) {
                    outcome = Ok(None);
                }
                break;
            }
        }
        if outcome.is_err() && joined(&egraph) {
            outcome = Ok(None);
        }
        let mut reader = Reader {
            theory,
            egraph,
            rules: all,
            clauses: &clauses,
            firings: &firings,
            active: Vec::new(),
        };
        match outcome? {
            None => {
                let (l, r) = goal.expect("joined needs a goal");
                let steps = reader
                    .chain(&l, &r, 0)
                    .map_err(|e| Failure::Explain(e.to_string()))?;
                Ok(Proof::Chain { steps })
            }
            Some(k) => reader
                .contradiction(k, 0)
                .map_err(|e| Failure::Explain(e.to_string())),
        }
    }
}

/// Reads certificate proofs off a block's e-graph.
struct Reader<'r> {
    theory: &'r Theory,
    egraph: Graph,
    rules: Vec<&'r Equation>,
    clauses: &'r [Horn],
    firings: &'r [Firing],
    /// The firings whose premises are being explained (a guard against cycles).
    active: Vec<usize>,
}

impl<'r> Reader<'r> {
    /// The steps of a chain from `from` to `to` (equal in the e-graph).
    fn chain(
        &mut self,
        from: &RecExpr<Lang>,
        to: &RecExpr<Lang>,
        depth: usize,
    ) -> Result<Vec<Step>, ExplainError> {
        if depth > MAX_PREMISE_DEPTH {
            return Err(ExplainError::UnknownRule(
                0,
                "premise proofs nest too deep".into(),
            ));
        }
        let mut explanation = self.egraph.explain_equivalence(from, to);
        let flat = explanation.make_flat_explanation().clone();
        let theory = &self.theory;
        let rules = self.rules.clone();
        explain::steps_with_firings(theory, &flat, &rules, &mut |i, k, (forward, pos, term)| {
            if k >= self.firings.len() {
                let name = Justification::Firing(k).egg_name();
                return Err(ExplainError::UnknownRule(i, name));
            }
            let (clause, subst, premises) = self.firing(k, depth)?;
            Ok(Step {
                sorts: Default::default(),
                kind: clause.kind.step_kind(),
                rule: clause.name.clone(),
                dir: if forward { Dir::Lr } else { Dir::Rl },
                pos,
                subst,
                term,
                premises,
            })
        })
    }

    /// The clause of firing `k`, its instance as a certificate substitution and the
    /// proofs of its premises.
    #[allow(clippy::type_complexity)]
    fn firing(
        &mut self,
        k: usize,
        depth: usize,
    ) -> Result<(&'r Equation, BTreeMap<String, String>, Vec<Proof>), ExplainError> {
        let (firings, clauses): (&'r [Firing], &'r [Horn]) = (self.firings, self.clauses);
        if self.active.contains(&k) {
            let why = format!("circular premise proof of clause firing {k}");
            return Err(ExplainError::UnknownRule(0, why));
        }
        self.active.push(k);
        let firing = &firings[k];
        let horn = &clauses[firing.clause];
        let clause = &horn.rule;
        let subst = clause
            .vars
            .iter()
            .zip(&firing.instance)
            .map(|(v, t)| (self.theory.name(v.name).to_string(), t.to_string()))
            .collect();
        let mut premises = Vec::new();
        for (p, q) in firing.premises.clone() {
            let steps = self.chain(&p, &q, depth + 1)?;
            premises.push(Proof::Chain { steps });
        }
        self.active.pop();
        Ok((clause, subst, premises))
    }

    /// The contradiction recorded as firing `k`.
    fn contradiction(&mut self, k: usize, depth: usize) -> Result<Proof, ExplainError> {
        let (clause, subst, premises) = self.firing(k, depth)?;
        Ok(Proof::Contradiction {
            sorts: Default::default(),
            kind: clause.kind.step_kind(),
            rule: clause.name.clone(),
            subst,
            premises,
        })
    }
}
