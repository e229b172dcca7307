//! Lemma speculation from stuck subgoals (as in CCLemma): when a goal's induction gets
//! stuck, the e-graph of the stuck case says which lemma is missing.
//!
//! For every induction variable, each case is saturated with the rules and its induction
//! hypothesis; in a case that does not join, terms of the two sides' e-classes are
//! enumerated (smallest first, a few per class), paired, and *generalised*: the largest
//! compound subterms common to both sides become fresh variables (`x*(y*z) + x*y` and
//! `x*(y*z + y)` give `x*w + x*y = x*(w + y)`, distributivity). Candidates that fail on a
//! ground instance, are trivial, or already follow by rewriting are dropped. Pairs of
//! e-classes below the two sides that agree on the ground instances (the conjecturer's
//! evaluation) but are not joined are candidates too (`s(x) * y` and `x * y + y` in
//! the stuck step of mul_comm), generalised the same way. The rest are
//! proved recursively, smallest first (saturation, induction, and speculation again, to a
//! bounded depth), and every lemma proved is admitted as a rule before the goal is tried
//! again.
//!
//! Invariants: a lemma is admitted only with a proof (which the kernel checks later
//! like any theorem); the search is bounded by a count of prover attempts, not by time,
//! so its outcome (and the certificates) are deterministic; candidates are tried in a
//! fixed order (size, then canonical text), and terms read off an e-graph are ordered by
//! size, then by their operators' names (never by egg's process-wide symbol interning
//! order, which depends on what the process interned before).

use super::block::{saturate, BlockOutcome};
use super::cancel::Cancel;
use super::conjecture::{Conjecturer, ConjecturerConfig};
use super::equation::{Equation, Goal, RuleKind};
use super::eval::Value;
use super::induction;
use super::limits::{
    Limits, LEMMA_NESTED_BLOCKS, RETRY_BLOCKS, RETRY_NESTED_BLOCKS, SPECULATION_ATTEMPTS,
    SPECULATION_DEPTH,
};
use super::prover::{Attempt, Proved, Prover, ProverConfig};
use super::rewrite::{expr, rewrites, Lang, Op, Rule};
use crate::mpl::{Term, Theory, Var};
use egg::{EGraph, Id, Language};
use std::collections::{BTreeSet, HashMap};

/// Variables per sort a speculated lemma may have (one more than the explorer's
/// conjectures: `(a + b) + (c + d) = (a + c) + (b + d)` is the lemma of a stuck
/// distributivity step).
pub const VARS_PER_SORT: usize = 4;
/// Terms enumerated per e-class and size bound.
const PER_CLASS: usize = 12;
/// Largest term enumerated for a side of a stuck case.
const MAX_TERM: usize = 11;
/// E-classes below a stuck case's sides compared on ground instances.
const MAX_CLASSES: usize = 64;
/// Candidates tried per stuck goal.
const PER_GOAL: usize = 6;

/// Options of a speculation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpeculateConfig {
    /// How deep lemmas of lemmas may go.
    pub depth: usize,
    /// Most prover attempts in total (goal retries and candidate proofs).
    pub attempts: usize,
}

impl Default for SpeculateConfig {
    fn default() -> Self {
        SpeculateConfig {
            depth: SPECULATION_DEPTH,
            attempts: SPECULATION_ATTEMPTS,
        }
    }
}

/// A speculation in progress over one goal.
pub struct Speculation<'t> {
    theory: &'t Theory,
    prover: ProverConfig,
    config: SpeculateConfig,
    conj: Conjecturer,
    attempts: usize,
    /// Logic blocks of nested case analysis the goal's retries may still run (the
    /// first attempt of the goal, in `ergo prove`, already had the full allowance).
    nested_left: usize,
    /// Lemmas proved so far, in admission order (a dependency order).
    pub lemmas: Vec<Proved>,
    rules: Vec<Equation>,
    tried: BTreeSet<String>,
    cancel: Cancel,
}

/// A ground term read off an e-graph. Ordered by its operators' names, then its
/// arguments ([`Op`] orders by name, never by interning order).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Tree {
    op: Op,
    args: Vec<Tree>,
}

impl Tree {
    fn size(&self) -> usize {
        1 + self.args.iter().map(Tree::size).sum::<usize>()
    }

    fn subterms<'a>(&'a self, out: &mut Vec<&'a Tree>) {
        out.push(self);
        self.args.iter().for_each(|a| a.subterms(out));
    }
}

impl<'t> Speculation<'t> {
    /// A speculation over `theory` (prepared by [`super::discover::prepare`]) starting
    /// from `rules`.
    pub fn new(
        theory: &'t Theory,
        rules: &[Equation],
        prover: ProverConfig,
        config: SpeculateConfig,
    ) -> Speculation<'t> {
        let config_vars = ConjecturerConfig {
            vars_per_sort: VARS_PER_SORT,
            ..ConjecturerConfig::default()
        };
        let conj = Conjecturer::new(theory, config_vars, Some(&BTreeSet::new()));
        Speculation {
            theory,
            prover,
            config,
            conj,
            attempts: 0,
            nested_left: RETRY_NESTED_BLOCKS,
            lemmas: Vec::new(),
            rules: rules.to_vec(),
            tried: BTreeSet::new(),
            cancel: Cancel::never(),
        }
    }

    /// Looks at `cancel` before every prover attempt (a cancelled speculation proves
    /// nothing more; what it proved before is kept).
    pub fn with_cancel(mut self, cancel: Cancel) -> Speculation<'t> {
        self.cancel = cancel;
        self
    }

    /// One prover attempt: the goal (`lemma` false) with the full budget, a candidate
    /// lemma with the explorer's small one (most candidates fail, and fail fast).
    fn attempt(&mut self, name: &str, goal: &Goal, lemma: bool) -> Option<Proved> {
        if self.attempts >= self.config.attempts || self.cancel.check().is_some() {
            return None;
        }
        self.attempts += 1;
        let mut config = self.prover;
        if lemma {
            config.limits = config.limits.for_lemma();
            config.nested_blocks = config.nested_blocks.min(LEMMA_NESTED_BLOCKS);
        } else if self.lemmas.is_empty() {
            // With no lemma yet the goal's nested search is the caller's own first
            // attempt (`prove_goal` step 2): not repeated.
            config.nested_blocks = 0;
        } else {
            config.nested_blocks = config.nested_blocks.min(self.nested_left).min(RETRY_BLOCKS);
            self.nested_left -= config.nested_blocks;
        }
        let mut prover = Prover::with_equations(self.theory, self.rules.clone(), config)
            .with_cancel(self.cancel.clone());
        match prover.prove(name, goal) {
            Attempt::Proved(p) => Some(p),
            Attempt::Unproved { .. } => None,
        }
    }

    /// Proves `goal`, speculating lemmas (admitted into `self.lemmas`) if needed.
    pub fn prove(&mut self, name: &str, goal: &Goal) -> Option<Proved> {
        self.prove_at(name, goal, self.config.depth)
    }

    fn prove_at(&mut self, name: &str, goal: &Goal, depth: usize) -> Option<Proved> {
        let is_lemma = depth < self.config.depth;
        if let Some(p) = self.attempt(name, goal, is_lemma) {
            return Some(p);
        }
        if depth == 0 {
            return None;
        }
        // The goal itself (up to renaming) is never its own lemma.
        if let Some(c) = self.conj.canonical(&goal.lhs, &goal.rhs) {
            self.tried.insert(c.key);
        }
        // After each lemma proved (and the goal still stuck), the stuck cases are
        // looked at again: the lemma changed them, and stale candidates may now follow
        // by rewriting.
        'regenerate: loop {
            for (lhs, rhs, vars) in self.candidates(goal) {
                if self.attempts >= self.config.attempts {
                    return None;
                }
                let lemma = Goal::equation(vars, lhs, rhs);
                let text = || crate::mpl::print::equation(self.theory, &lemma.lhs, &lemma.rhs);
                let Some(mut proved) = self.prove_at("lemma", &lemma, depth - 1) else {
                    log::debug!(target: "ergo::speculate", "depth {depth}: failed {}", text());
                    continue;
                };
                log::debug!(target: "ergo::speculate", "depth {depth}: proved {}", text());
                let taken: Vec<String> = self.rules.iter().map(|r| r.name.clone()).collect();
                proved.name =
                    super::naming::theorem_name(self.theory, &lemma.lhs, &lemma.rhs, &taken);
                self.rules.push(
                    proved
                        .goal
                        .clone()
                        .into_equation(RuleKind::Theorem, &proved.name),
                );
                self.lemmas.push(proved);
                if let Some(p) = self.attempt(name, goal, is_lemma) {
                    return Some(p);
                }
                continue 'regenerate;
            }
            return None;
        }
    }

    /// The lemma candidates of a stuck goal: generalisations of its stuck induction
    /// cases, canonical, true on the ground instances, not following by rewriting, not
    /// tried before; smallest first.
    fn candidates(&mut self, goal: &Goal) -> Vec<(Term, Term, Vec<Var>)> {
        let mut theory = self.theory.clone();
        let mut rewrites_now: Vec<Rule> = Vec::new();
        for r in &self.rules {
            rewrites_now.extend(rewrites(&theory, r));
        }
        let limits = self.prover.limits.for_lemma();
        let mut pairs: Vec<(usize, Tree, Tree, Vec<Var>)> = Vec::new();
        let mut stuck = Vec::new();
        // Induction variables in recursion positions first: that is where a stuck case
        // shows the lemma a definition needs.
        let positions = recursion_positions(self.theory, &self.rules);
        let mut order = goal.rigid.clone();
        order.sort_by_key(|v| {
            let mut n = 0;
            count_recursive(&goal.lhs, v, &positions, &mut n);
            count_recursive(&goal.rhs, v, &positions, &mut n);
            std::cmp::Reverse(n)
        });
        for (rank, v) in order.into_iter().enumerate() {
            let (signature, names) = theory.supply();
            let Some(cases) = induction::cases(signature, names, goal, v) else {
                continue;
            };
            for case in cases {
                let mut rules = rewrites_now.clone();
                for h in &case.hypotheses {
                    rules.extend(rewrites(&theory, h));
                }
                let (l, r) = (expr(&theory, &case.goal.lhs), expr(&theory, &case.goal.rhs));
                let (outcome, runner) = saturate(&l, &r, &rules, limits, false);
                if outcome == BlockOutcome::Joined {
                    continue;
                }
                let (li, ri) = (runner.roots[0], runner.roots[1]);
                let mut memo = HashMap::new();
                let lt = terms(&runner.egraph, li, MAX_TERM, &mut memo);
                let rt = terms(&runner.egraph, ri, MAX_TERM, &mut memo);
                for a in &lt {
                    for b in &rt {
                        pairs.push((rank, a.clone(), b.clone(), case.goal.rigid.clone()));
                    }
                }
                stuck.push((rank, runner.egraph, li, ri, case.goal.rigid.clone()));
            }
        }
        // And pairs of e-classes of an enumeration sort below the two sides that agree on
        // the ground instances (equal there, not joined by rewriting: `eqn(x, x)` and
        // `true`), ordered with them, smallest first; pairs of the other classes only
        // when those gave too few (evaluating every class is not cheap).
        pairs.extend(self.class_pairs(&theory, &stuck, true));
        let mut kept = self.select(&theory, pairs, &rewrites_now, limits, PER_GOAL);
        if kept.len() < PER_GOAL {
            let pairs = self.class_pairs(&theory, &stuck, false);
            let room = PER_GOAL - kept.len();
            kept.extend(self.select(&theory, pairs, &rewrites_now, limits, room));
        }
        kept
    }

    /// Pairs of e-classes below the sides of each stuck case (rank, e-graph, the two
    /// sides' classes, rigid variables) whose smallest terms agree on the ground
    /// instances: of enumeration sorts only, or of the other sorts only.
    #[allow(clippy::type_complexity)]
    fn class_pairs(
        &mut self,
        theory: &Theory,
        stuck: &[(usize, EGraph<Lang, ()>, Id, Id, Vec<Var>)],
        enumerations: bool,
    ) -> Vec<(usize, Tree, Tree, Vec<Var>)> {
        let mut pairs: Vec<(usize, Tree, Tree, Vec<Var>)> = Vec::new();
        for (rank, egraph, li, ri, rigid) in stuck {
            let mut memo = HashMap::new();
            let mut buckets: Vec<(crate::mpl::SortId, Vec<Value>, Tree)> = Vec::new();
            for class in reachable(egraph, &[*li, *ri], MAX_CLASSES) {
                let smallest = terms(egraph, class, MAX_TERM, &mut memo);
                let Some(t) = smallest.into_iter().next() else {
                    continue;
                };
                let Some(term) = to_term(theory, &t, rigid, &[]) else {
                    continue;
                };
                let sort = theory.sort_of(&term);
                if induction::is_enumeration(theory.signature(), sort) != enumerations {
                    continue;
                }
                let Some(values) = self.conj.fingerprint(rigid, &term) else {
                    continue;
                };
                for (s, v, other) in &buckets {
                    if *s == sort && *v == values {
                        pairs.push((*rank, other.clone(), t.clone(), rigid.clone()));
                    }
                }
                buckets.push((sort, values, t));
            }
        }
        pairs
    }

    /// Up to `room` candidates from `pairs`: generalised, canonical, not tried before,
    /// true on the ground instances and not following by rewriting; by induction
    /// variable rank, then size, then text.
    fn select(
        &mut self,
        theory: &Theory,
        pairs: Vec<(usize, Tree, Tree, Vec<Var>)>,
        rewrites_now: &[Rule],
        limits: Limits,
        room: usize,
    ) -> Vec<(Term, Term, Vec<Var>)> {
        let mut out: Vec<(usize, usize, String, Term, Term, Vec<Var>)> = Vec::new();
        let mut seen = BTreeSet::new();
        for (rank, a, b, rigid) in pairs {
            let Some((lhs, rhs)) = generalise(theory, &a, &b, &rigid) else {
                continue;
            };
            let Some(c) = self.conj.canonical(&lhs, &rhs) else {
                continue;
            };
            if !seen.insert(c.key.clone()) || self.tried.contains(&c.key) {
                continue;
            }
            let g = c.goal();
            let size = g.lhs.size() + g.rhs.size();
            out.push((rank, size, c.key, g.lhs, g.rhs, g.rigid));
        }
        out.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        let mut kept = Vec::new();
        for (_, _, key, lhs, rhs, vars) in out {
            if kept.len() >= room {
                break;
            }
            if self.conj.counterexample(&vars, &lhs, &rhs).is_some() {
                continue;
            }
            let (l, r) = (expr(self.theory, &lhs), expr(self.theory, &rhs));
            if saturate(&l, &r, rewrites_now, limits, false).0 == BlockOutcome::Joined {
                continue;
            }
            self.tried.insert(key);
            log::debug!(target: "ergo::speculate", "candidate {}", crate::mpl::print::equation(self.theory, &lhs, &rhs));
            kept.push((lhs, rhs, vars));
        }
        kept
    }
}

/// For each defined operator, the argument positions its defining axioms match with a
/// constructor (where it recurses).
fn recursion_positions(theory: &Theory, rules: &[Equation]) -> Vec<(crate::mpl::OpId, usize)> {
    let mut out = Vec::new();
    for r in rules
        .iter()
        .filter(|r| r.kind == RuleKind::Axiom && r.is_plain())
    {
        if let Term::App(f, args) = &r.lhs {
            if theory.op(*f).constructor {
                continue;
            }
            for (i, a) in args.iter().enumerate() {
                if matches!(a, Term::App(c, _) if theory.op(*c).constructor)
                    && !out.contains(&(*f, i))
                {
                    out.push((*f, i));
                }
            }
        }
    }
    out
}

/// Counts the occurrences of `v` as an argument in a recursion position.
fn count_recursive(t: &Term, v: &Var, positions: &[(crate::mpl::OpId, usize)], n: &mut usize) {
    if let Term::App(f, args) = t {
        for (i, a) in args.iter().enumerate() {
            if a == &Term::Var(*v) && positions.contains(&(*f, i)) {
                *n += 1;
            }
            count_recursive(a, v, positions, n);
        }
    }
}

/// The e-classes below `roots` (the roots included), breadth first, at most `limit`.
fn reachable(egraph: &EGraph<Lang, ()>, roots: &[Id], limit: usize) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    let mut queue: std::collections::VecDeque<Id> = roots.iter().map(|r| egraph.find(*r)).collect();
    while let Some(c) = queue.pop_front() {
        if out.contains(&c) {
            continue;
        }
        out.push(c);
        if out.len() >= limit {
            break;
        }
        for node in &egraph[c].nodes {
            queue.extend(node.children().iter().map(|k| egraph.find(*k)));
        }
    }
    out
}

/// Up to [`PER_CLASS`] terms of e-class `id` of size at most `budget`, smallest first.
fn terms(
    egraph: &EGraph<Lang, ()>,
    id: Id,
    budget: usize,
    memo: &mut HashMap<(Id, usize), Vec<Tree>>,
) -> Vec<Tree> {
    let id = egraph.find(id);
    if budget == 0 {
        return Vec::new();
    }
    if let Some(ts) = memo.get(&(id, budget)) {
        return ts.clone();
    }
    memo.insert((id, budget), Vec::new()); // cycles yield nothing
    let mut out: BTreeSet<(usize, Tree)> = BTreeSet::new();
    for node in &egraph[id].nodes {
        let mut partial: Vec<Vec<Tree>> = vec![Vec::new()];
        let mut left = budget - 1;
        for child in node.children() {
            let options = terms(egraph, *child, left, memo);
            let mut next = Vec::new();
            for p in &partial {
                for o in &options {
                    let used: usize = p.iter().map(Tree::size).sum::<usize>() + o.size();
                    if used < budget {
                        let mut q = p.clone();
                        q.push(o.clone());
                        next.push(q);
                    }
                }
            }
            next.truncate(PER_CLASS * 4);
            partial = next;
            left = left.saturating_sub(1);
        }
        for args in partial {
            if args.len() == node.children().len() {
                let t = Tree { op: node.op, args };
                out.insert((t.size(), t));
            }
        }
    }
    let ts: Vec<Tree> = out.into_iter().take(PER_CLASS).map(|(_, t)| t).collect();
    memo.insert((id, budget), ts.clone());
    ts
}

/// `a = b` with its largest common compound subterms replaced by fresh variables, as
/// engine terms over `rigid` and fresh variables of the right sorts; `None` if a symbol
/// is unknown.
fn generalise(theory: &Theory, a: &Tree, b: &Tree, rigid: &[Var]) -> Option<(Term, Term)> {
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    a.subterms(&mut sa);
    b.subterms(&mut sb);
    let mut common: Vec<&Tree> = sa
        .iter()
        .copied()
        .filter(|t| !t.args.is_empty() && *t != a && *t != b && sb.contains(t))
        .collect();
    common.sort_by_key(|t| std::cmp::Reverse(t.size()));
    common.dedup();
    // Keep the maximal ones: not inside another common subterm.
    let mut chosen: Vec<&Tree> = Vec::new();
    for t in common {
        let mut inside = false;
        for c in &chosen {
            let mut subs = Vec::new();
            c.subterms(&mut subs);
            inside |= subs.contains(&t);
        }
        if !inside {
            chosen.push(t);
        }
    }
    // Fresh variables: placeholders, renamed to the conjecturer's variables by the
    // caller's canonicalisation before anything else sees them.
    let mut fresh: Vec<(Tree, Var)> = Vec::new();
    for (k, c) in chosen.into_iter().enumerate() {
        let sort = theory.sort_of(&to_term(theory, c, rigid, &[])?);
        let name = crate::mpl::Name(u32::MAX - k as u32);
        fresh.push((c.clone(), Var { name, sort }));
    }
    Some((
        to_term(theory, a, rigid, &fresh)?,
        to_term(theory, b, rigid, &fresh)?,
    ))
}

fn to_term(theory: &Theory, t: &Tree, rigid: &[Var], fresh: &[(Tree, Var)]) -> Option<Term> {
    if let Some((_, v)) = fresh.iter().find(|(f, _)| f == t) {
        return Some(Term::Var(*v));
    }
    let name = t.op.as_str();
    if t.args.is_empty() {
        if let Some(v) = rigid.iter().find(|v| theory.name(v.name) == name) {
            return Some(Term::Var(*v));
        }
    }
    let op = theory.op_by_name(name)?;
    let args = t
        .args
        .iter()
        .map(|a| to_term(theory, a, rigid, fresh))
        .collect::<Option<Vec<_>>>()?;
    Some(Term::App(op, args))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::equation::axiom_equations;

    /// In the stuck base case of mul_comm (induction on x: `0 * y = y * 0`), the class
    /// of `0 * y` and the class of `y * 0`, which holds `0`, agree on every ground
    /// instance: `0 * x = 0`, the lemma the case needs, is among the agreeing pairs.
    #[test]
    fn agreeing_classes_of_a_stuck_case_give_the_missing_lemma() {
        let theory = super::super::discover::prepare(&crate::mpl::peano_for_tests());
        let mut th = theory.clone();
        let goal = crate::mpl::parse_goal(&mut th, "x * y = y * x").unwrap();
        let goal = Goal::from_formula(&goal).unwrap();
        let rules = axiom_equations(&th);
        let mut spec = Speculation::new(
            &th,
            &rules,
            ProverConfig::default(),
            SpeculateConfig::default(),
        );
        let x = goal.rigid[0];
        let mut work = th.clone();
        let (signature, names) = work.supply();
        let case = induction::cases(signature, names, &goal, x)
            .unwrap()
            .remove(0);
        let mut rw: Vec<Rule> = rules.iter().flat_map(|r| rewrites(&work, r)).collect();
        for h in &case.hypotheses {
            rw.extend(rewrites(&work, h));
        }
        let (l, r) = (expr(&work, &case.goal.lhs), expr(&work, &case.goal.rhs));
        let limits = Limits::block();
        let (outcome, runner) = saturate(&l, &r, &rw, limits, false);
        assert_ne!(outcome, BlockOutcome::Joined);
        let (li, ri) = (runner.roots[0], runner.roots[1]);
        let stuck = vec![(0, runner.egraph, li, ri, case.goal.rigid.clone())];
        let pairs = spec.class_pairs(&work, &stuck, false);
        let texts: Vec<String> = pairs
            .iter()
            .filter_map(|(_, a, b, rigid)| {
                let (l, r) = generalise(&work, a, b, rigid)?;
                let c = spec.conj.canonical(&l, &r)?;
                let g = c.goal();
                Some(crate::mpl::print::equation(&work, &g.lhs, &g.rhs))
            })
            .collect();
        assert!(texts.iter().any(|t| t == "0 * x = 0"), "{texts:?}");
    }
}
