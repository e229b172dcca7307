//! Clauses in the e-graph: conditional rules that fire when their premises hold, and
//! contradictions.
//!
//! egg's rewrites are unconditional, and a conditional applier's side condition would be
//! invisible in egg's explanations. So clauses are applied here, by hand, between
//! saturation runs: for a clause `∀ xs. p1 = q1 ∧ ... -> l = r`, every instance whose
//! premises already hold in the e-graph (both sides in one e-class) is a *firing*: the
//! instance's terms are added to the e-graph and `l σ` is united with `r σ` under the
//! reason `horn#<k>`, where `k` indexes the firing in a side table that keeps the clause
//! and the full instance. Turning an explanation into certificate steps then looks the
//! firing up and explains each premise in the same e-graph ([`crate::engine::explain`]).
//! A clause concluding falsity never fires; an instance of it whose premises hold is a
//! *contradiction*, recorded the same way. A variable no premise binds (an induction
//! hypothesis `elem(x, xs) = true -> elem(x, xs ++ ys) = true` generalised over `ys`) is
//! bound by matching a side of the conclusion, as a conditional rewrite is matched: the
//! clause then fires on the terms already in the e-graph, never invents one.
//!
//! Invariants:
//! - the e-graph must have explanations enabled (firings need `id_to_expr`, and their
//!   premises are explained later);
//! - every union made here is justified by a recorded firing whose premises held, as
//!   terms present in the e-graph, before the union was made: all terms of a round's
//!   firings are added while the e-graph is clean, before the round's first union, so a
//!   premise term is attached to its e-class by a congruence that already held and
//!   explaining a premise never needs the union it justifies (the explanation forest
//!   only grows); [`crate::engine::sequent`] still guards against a cycle;
//! - instances are enumerated in egg's search order (deterministic with egg's
//!   `deterministic` feature), so the firings, and the certificates, do not depend on
//!   timing.

use super::equation::Equation;
use super::rewrite::{pattern, Justification, Lang};
use crate::mpl::{Theory, Var};
use egg::{EGraph, ENodeOrVar, Id, Language, Pattern, RecExpr, Searcher, Subst};

/// The e-graph of a logic block that applies clauses.
pub type Graph = EGraph<Lang, ()>;

/// Largest number of partial instances kept while joining premises (bounds the work of
/// one clause in one round).
const MAX_PARTIAL: usize = 4_096;

/// A clause prepared for matching: its premises and conclusion as patterns.
pub struct Horn {
    /// The clause (an index into the caller's rules is kept by the caller).
    pub rule: Equation,
    vars: Vec<egg::Var>,
    premises: Vec<(Pattern<Lang>, Pattern<Lang>)>,
    conclusion: Option<(Pattern<Lang>, Pattern<Lang>)>,
    /// For a clause whose conclusion has variables no premise binds (an induction
    /// hypothesis generalised over a variable of its conclusion only): the side of the
    /// conclusion (0 left, 1 right) matched in the e-graph to bind them, as a
    /// conditional rewrite is matched.
    binding_side: Option<usize>,
}

/// One recorded use of a clause: which clause, and its instance.
#[derive(Clone, Debug)]
pub struct Firing {
    /// Index of the clause in the block's clause list.
    pub clause: usize,
    /// The instance: for every variable of the clause (in the clause's order), a term
    /// present in the e-graph.
    pub instance: Vec<RecExpr<Lang>>,
    /// The premises, instantiated, as terms added to the e-graph (to be explained).
    pub premises: Vec<(RecExpr<Lang>, RecExpr<Lang>)>,
}

impl Horn {
    /// Prepares `rule` for matching; `None` if it is a plain equation (a rewrite), or if
    /// it cannot be matched: a variable missing from the premises and from every side of
    /// the conclusion that is not a bare variable, or a premise whose two sides are both
    /// bare variables.
    pub fn new(theory: &Theory, rule: &Equation) -> Option<Horn> {
        if rule.is_plain() {
            return None;
        }
        let (premises, conclusion) = rule.clause();
        let mut bound: Vec<Var> = Vec::new();
        for (p, q) in &premises {
            let bare = |t: &crate::mpl::Term| matches!(t, crate::mpl::Term::Var(v) if rule.vars.contains(v));
            if bare(p) && bare(q) {
                return None;
            }
            p.vars_into(&mut bound);
            q.vars_into(&mut bound);
        }
        let mut binding_side = None;
        if rule.vars.iter().any(|v| !bound.contains(v)) {
            let (l, r) = conclusion.as_ref()?;
            let binds = |t: &crate::mpl::Term| {
                let mut used = bound.clone();
                t.vars_into(&mut used);
                !matches!(t, crate::mpl::Term::Var(_)) && rule.vars.iter().all(|v| used.contains(v))
            };
            binding_side = Some(if binds(l) {
                0
            } else if binds(r) {
                1
            } else {
                return None;
            });
        }
        let pat = |t| pattern(theory, t, &rule.vars);
        Some(Horn {
            rule: rule.clone(),
            vars: rule
                .vars
                .iter()
                .map(|v| {
                    format!("?{}", theory.name(v.name))
                        .parse()
                        .expect("valid var")
                })
                .collect(),
            premises: premises.iter().map(|(p, q)| (pat(p), pat(q))).collect(),
            conclusion: conclusion.as_ref().map(|(l, r)| (pat(l), pat(r))),
            binding_side,
        })
    }

    /// Whether the clause concludes falsity.
    pub fn is_contradiction(&self) -> bool {
        self.conclusion.is_none()
    }

    /// Every instance (as an egg substitution of e-classes) under which all premises
    /// hold in `egraph` (which must be clean).
    fn instances(&self, egraph: &Graph) -> Vec<Subst> {
        let mut partial = vec![Subst::default()];
        for (p, q) in &self.premises {
            let mut next = Vec::new();
            for sigma in &partial {
                match (lookup(egraph, p, sigma), lookup(egraph, q, sigma)) {
                    (Some(a), Some(b)) => {
                        if egraph.find(a) == egraph.find(b) {
                            next.push(sigma.clone());
                        }
                    }
                    (Some(a), None) => extend(egraph, q, egraph.find(a), sigma, &mut next),
                    (None, Some(b)) => extend(egraph, p, egraph.find(b), sigma, &mut next),
                    (None, None) => {
                        // Search the side that is not a bare variable, then the other
                        // side within each matching e-class.
                        let (first, second) = if is_bare(p) { (q, p) } else { (p, q) };
                        for m in first.search(egraph) {
                            let mut here = Vec::new();
                            for s in &m.substs {
                                if let Some(merged) = merge(sigma, s, &first.vars()) {
                                    here.push(merged);
                                }
                            }
                            for s in &here {
                                match lookup(egraph, second, s) {
                                    Some(b) if egraph.find(b) == m.eclass => next.push(s.clone()),
                                    Some(_) => {}
                                    None => extend(egraph, second, m.eclass, s, &mut next),
                                }
                            }
                            if next.len() > MAX_PARTIAL {
                                break;
                            }
                        }
                    }
                }
                if next.len() > MAX_PARTIAL {
                    break;
                }
            }
            next.truncate(MAX_PARTIAL);
            partial = next;
            if partial.is_empty() {
                break;
            }
        }
        if let (Some(side), Some((l, r)), false) =
            (self.binding_side, &self.conclusion, partial.is_empty())
        {
            let pat = if side == 0 { l } else { r };
            let matches = pat.search(egraph);
            let mut next = Vec::new();
            'all: for sigma in &partial {
                for m in &matches {
                    for s in &m.substs {
                        if let Some(merged) = merge(sigma, s, &pat.vars()) {
                            next.push(merged);
                            if next.len() > MAX_PARTIAL {
                                break 'all;
                            }
                        }
                    }
                }
            }
            next.truncate(MAX_PARTIAL);
            partial = next;
        }
        partial
    }

    /// Whether every variable of the clause is bound by `sigma`.
    fn complete(&self, sigma: &Subst) -> bool {
        self.vars.iter().all(|v| sigma.get(*v).is_some())
    }

    /// Records `sigma` as a firing of clause `index`: the instance's terms, the premises
    /// instantiated and added to the e-graph.
    fn record(&self, egraph: &mut Graph, index: usize, sigma: &Subst) -> Firing {
        let instance: Vec<RecExpr<Lang>> = self
            .vars
            .iter()
            .map(|v| egraph.id_to_expr(sigma[*v]))
            .collect();
        let premises = self
            .premises
            .iter()
            .map(|(p, q)| {
                let (p, q) = (
                    self.instantiate(p, &instance),
                    self.instantiate(q, &instance),
                );
                egraph.add_expr_uncanonical(&p);
                egraph.add_expr_uncanonical(&q);
                (p, q)
            })
            .collect();
        Firing {
            clause: index,
            instance,
            premises,
        }
    }

    /// `pat` with every clause variable replaced by its term in `instance`.
    pub fn instantiate(&self, pat: &Pattern<Lang>, instance: &[RecExpr<Lang>]) -> RecExpr<Lang> {
        let mut out = RecExpr::default();
        let mut ids: Vec<Id> = Vec::new();
        for node in pat.ast.as_ref() {
            let id = match node {
                ENodeOrVar::Var(v) => {
                    let k = self.vars.iter().position(|w| w == v).expect("clause var");
                    splice(&mut out, &instance[k])
                }
                ENodeOrVar::ENode(n) => out.add(n.clone().map_children(|c| ids[usize::from(c)])),
            };
            ids.push(id);
        }
        out
    }

    /// The conclusion's two sides instantiated by `instance` (`None` for falsity).
    pub fn conclusion(&self, instance: &[RecExpr<Lang>]) -> Option<(RecExpr<Lang>, RecExpr<Lang>)> {
        let (l, r) = self.conclusion.as_ref()?;
        Some((self.instantiate(l, instance), self.instantiate(r, instance)))
    }
}

/// Copies `e` into `out`, returning the id of its root.
fn splice(out: &mut RecExpr<Lang>, e: &RecExpr<Lang>) -> Id {
    let mut ids: Vec<Id> = Vec::new();
    for node in e.as_ref() {
        ids.push(out.add(node.clone().map_children(|c| ids[usize::from(c)])));
    }
    *ids.last().expect("non-empty expression")
}

fn is_bare(p: &Pattern<Lang>) -> bool {
    matches!(p.ast.as_ref(), [ENodeOrVar::Var(_)])
}

/// The e-class of `pat` under `sigma` if every node of it is in the e-graph; `None` if a
/// variable is unbound or a node is missing.
fn lookup(egraph: &Graph, pat: &Pattern<Lang>, sigma: &Subst) -> Option<Id> {
    let mut ids: Vec<Id> = Vec::new();
    for node in pat.ast.as_ref() {
        let id = match node {
            ENodeOrVar::Var(v) => *sigma.get(*v)?,
            ENodeOrVar::ENode(n) => {
                egraph.lookup(n.clone().map_children(|c| ids[usize::from(c)]))?
            }
        };
        ids.push(id);
    }
    ids.last().copied()
}

/// Extends `sigma` with the matches of `pat` in e-class `class`.
fn extend(egraph: &Graph, pat: &Pattern<Lang>, class: Id, sigma: &Subst, out: &mut Vec<Subst>) {
    if let [ENodeOrVar::Var(v)] = pat.ast.as_ref() {
        let mut s = sigma.clone();
        match sigma.get(*v) {
            Some(id) if egraph.find(*id) != class => {}
            Some(_) => out.push(s),
            None => {
                s.insert(*v, class);
                out.push(s);
            }
        }
        return;
    }
    if let Some(m) = pat.search_eclass(egraph, class) {
        for s in &m.substs {
            if let Some(merged) = merge(sigma, s, &pat.vars()) {
                out.push(merged);
            }
        }
    }
}

/// The union of two substitutions (`b` binding `vars`), `None` if they disagree on a
/// variable.
fn merge(a: &Subst, b: &Subst, vars: &[egg::Var]) -> Option<Subst> {
    let mut out = a.clone();
    for v in vars {
        let Some(id) = b.get(*v) else { continue };
        match a.get(*v) {
            Some(old) if old != id => return None,
            Some(_) => {}
            None => {
                out.insert(*v, *id);
            }
        }
    }
    Some(out)
}

/// One round of clause applications on a clean e-graph: fires every clause concluding an
/// equation on every instance whose conclusion does not hold yet, appending to
/// `firings`; returns whether any union was made. `limit` bounds the firings of the
/// round.
pub fn fire(egraph: &mut Graph, clauses: &[Horn], firings: &mut Vec<Firing>, limit: usize) -> bool {
    let mut pending = Vec::new();
    for (k, c) in clauses.iter().enumerate() {
        if c.is_contradiction() {
            continue;
        }
        for sigma in c.instances(egraph) {
            if !c.complete(&sigma) {
                continue;
            }
            let (l, r) = c.conclusion.as_ref().expect("not a contradiction");
            let holds = matches!(
                (lookup(egraph, l, &sigma), lookup(egraph, r, &sigma)),
                (Some(a), Some(b)) if egraph.find(a) == egraph.find(b)
            );
            if !holds {
                pending.push((k, sigma));
            }
            if pending.len() >= limit {
                break;
            }
        }
    }
    // Every firing's terms are added while the e-graph is still clean, before any union
    // of this round: a premise term then joins its e-class by a congruence that holds
    // already, so its explanation never needs a union made below.
    let recorded: Vec<(Firing, Id, Id)> = pending
        .into_iter()
        .map(|(k, sigma)| {
            let firing = clauses[k].record(egraph, k, &sigma);
            let (l, r) = clauses[k]
                .conclusion(&firing.instance)
                .expect("not a contradiction");
            let (a, b) = (
                egraph.add_expr_uncanonical(&l),
                egraph.add_expr_uncanonical(&r),
            );
            (firing, a, b)
        })
        .collect();
    let mut changed = false;
    for (firing, a, b) in recorded {
        if egraph.find(a) != egraph.find(b) {
            let why = Justification::Firing(firings.len()).egg_name();
            egraph.union_trusted(a, b, why);
            firings.push(firing);
            changed = true;
        }
    }
    egraph.rebuild();
    changed
}

/// The first instance of a clause concluding falsity whose premises hold, recorded as a
/// firing (appended to `firings`; its index is returned).
pub fn contradiction(
    egraph: &mut Graph,
    clauses: &[Horn],
    firings: &mut Vec<Firing>,
) -> Option<usize> {
    for (k, c) in clauses.iter().enumerate() {
        if !c.is_contradiction() {
            continue;
        }
        if let Some(sigma) = c.instances(egraph).into_iter().find(|s| c.complete(s)) {
            let firing = c.record(egraph, k, &sigma);
            egraph.rebuild();
            firings.push(firing);
            return Some(firings.len() - 1);
        }
    }
    None
}
