//! Blocking terms: the subterms whose constructor would let a definition fire.
//!
//! A definition by pattern matching (`count(n, cons(x, xs)) = ite(eq(n, x), ...)`,
//! `ite(true, a, b) = a`) has *match positions*: the argument positions where one of its
//! equations has a constructor on its left side. In a saturated e-graph, an application
//! `f(.., t, ..)` whose argument `t` at a match position of `f` has no constructor in its
//! e-class is *blocked* on `t`: no defining equation applies until `t`'s constructor is
//! known. A case split on `t` (certificate method `split`, or `cases` when `t` is a
//! variable) adds `t = c(fresh..)` and lets the definition fire in every case — the
//! condition of an `ite`, the argument `eq(n, x)` of a Boolean connective, the `xs` of
//! `take(n, xs)` under a match on `n` first.
//!
//! Invariants: the result depends only on the e-graph's contents and the names (classes
//! are visited from the roots smallest first, ties in the order reached, in node order,
//! which is name order, and the
//! terms returned are ordered by size, then by their printed text); only terms over the
//! given rigid variables and of an inductive sort are returned; blocking variables are
//! returned apart, in the rigid variables' order (they are split by `cases` or
//! `induction`, compound terms by `split`).
//!
//! Example: with `ite(true, a, b) = a` among the rules, `ite` has match position 0, and in
//! an e-graph holding `ite(eq(n, x), S(k), k)` (and nothing making `eq(n, x)` a
//! constructor) the blocking term is `eq(n, x)`.

use super::equation::{Equation, RuleKind};
use super::horn::Graph;
use super::induction::is_inductive;
use super::rewrite::Lang;
use crate::mpl::{Term, Theory, Var};
use egg::{Id, Language};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// E-classes visited from the roots when looking for blocked applications.
const MAX_CLASSES: usize = 256;
/// Largest blocking term returned (in operators and variables).
const MAX_SIZE: usize = 8;

/// The match positions of the defined operators: `(operator name, argument index)`;
/// and the operators whose definition matches *deeply*: a constructor under a
/// constructor at a match position (`butlast(cons(y, cons(x, xs)))`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchPositions {
    positions: BTreeSet<(String, usize)>,
    deep: BTreeSet<String>,
}

impl MatchPositions {
    /// Adds the positions where `rule`, if it is a plain axiom (a definition's clause;
    /// theorems and hypotheses are not definitions), has a constructor application
    /// directly under a non-constructor operator at the top of its left side. A prover
    /// adds every rule it is given, once.
    pub fn add(&mut self, theory: &Theory, rule: &Equation) {
        if !rule.is_plain() || rule.kind != RuleKind::Axiom {
            return;
        }
        let Term::App(f, args) = &rule.lhs else {
            return;
        };
        if theory.op(*f).constructor {
            return;
        }
        for (k, a) in args.iter().enumerate() {
            let Term::App(c, inner) = a else { continue };
            if !theory.op(*c).constructor {
                continue;
            }
            self.positions.insert((theory.op(*f).name.clone(), k));
            if inner
                .iter()
                .any(|t| matches!(t, Term::App(d, _) if theory.op(*d).constructor))
            {
                self.deep.insert(theory.op(*f).name.clone());
            }
        }
    }

    /// Whether there is none (no definition matches on a constructor).
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Whether a case analysis beyond one induction may be what a stuck goal lacks: some
    /// definition matches on two of its arguments (`take(S(n), cons(x, xs))`,
    /// `max(S(a), S(b))`), on an argument of an enumeration sort (`ite(true, a, b)`,
    /// a Boolean connective), or deeply (`butlast(cons(y, cons(x, xs)))`: the induction's
    /// step case must split the tail). Definitions by recursion on one argument alone (Peano's
    /// `+` and `*`) need lemmas, not splits, when one induction is stuck.
    pub fn suggest_case_analysis(&self, theory: &Theory) -> bool {
        self.suggest_case_analysis_among(theory, |_| true)
    }

    /// [`Self::suggest_case_analysis`] for one goal: only the definitions of `ops` (a
    /// goal's [`super::equation::Goal::dependencies`]) count. In the order over Peano,
    /// `x * x * y = x * (x * y)` depends on `*` and `+` alone, which match on one
    /// argument: nested splits cannot be what it lacks, however `leq` is defined.
    pub fn suggest_case_analysis_over(
        &self,
        theory: &Theory,
        ops: &BTreeSet<crate::mpl::OpId>,
    ) -> bool {
        let names: BTreeSet<&str> = ops.iter().map(|o| theory.op(*o).name.as_str()).collect();
        self.suggest_case_analysis_among(theory, |op| names.contains(op))
    }

    fn suggest_case_analysis_among(&self, theory: &Theory, counts: impl Fn(&str) -> bool) -> bool {
        let signature = theory.signature();
        if self.deep.iter().any(|op| counts(op)) {
            return true;
        }
        let mut per_op: BTreeMap<&str, usize> = BTreeMap::new();
        for (op, k) in self.positions.iter().filter(|(op, _)| counts(op)) {
            *per_op.entry(op.as_str()).or_default() += 1;
            let Some(id) = signature.op_by_name(op) else {
                continue;
            };
            let Some(arg) = signature.op(id).args.get(*k) else {
                continue;
            };
            if super::induction::is_enumeration(signature, *arg) {
                return true;
            }
        }
        per_op.values().any(|n| *n > 1)
    }

    fn contains(&self, op: &str, k: usize) -> bool {
        self.positions.contains(&(op.to_string(), k))
    }
}

/// What blocks the definitions in an e-graph: compound terms and variables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocking {
    /// The blocking compound terms, smallest first, then by printed text.
    pub terms: Vec<Term>,
    /// The blocking rigid variables, in the order of `rigid`.
    pub vars: Vec<Var>,
    /// The blocking variables an application waits for alone after its definition
    /// matched a constructor at another position ([`forced_by`]), in the order of
    /// `rigid`: a case split on one of them lets a definition fire in every case.
    pub forced: Vec<Var>,
}

/// The blocking terms and variables of the e-graph below `roots` (see the module doc).
pub fn blocking_terms(
    theory: &Theory,
    egraph: &Graph,
    roots: &[Id],
    positions: &MatchPositions,
    rigid: &[Var],
) -> Blocking {
    if positions.is_empty() {
        return Blocking::default();
    }
    let signature = theory.signature();
    let is_constructor = |n: &Lang| {
        signature
            .op_by_name(n.op.as_str())
            .is_some_and(|o| signature.op(o).constructor)
    };
    // Classes are visited smallest first (by the size of their smallest term, then in
    // the order they were reached): a class of many large terms (a definition folded
    // backwards again and again, `count(n, cons(x, cons(x, l)))`) does not crowd out
    // the small applications next to the roots.
    let extractor = egg::Extractor::new(egraph, egg::AstSize);
    let mut seen: BTreeSet<Id> = BTreeSet::new();
    let mut reached = 0usize;
    let mut queue: BinaryHeap<Reverse<(usize, usize, Id)>> = BinaryHeap::new();
    for r in roots {
        let id = egraph.find(*r);
        queue.push(Reverse((extractor.find_best_cost(id), reached, id)));
        reached += 1;
    }
    let mut blocked: Vec<Id> = Vec::new();
    let mut forced: Vec<Id> = Vec::new();
    while let Some(Reverse((_, _, id))) = queue.pop() {
        if seen.len() >= MAX_CLASSES {
            break;
        }
        if !seen.insert(id) {
            continue;
        }
        // An application whose value is known (its class holds a constructor, as
        // `eqn(n, y)` under the case hypothesis `eqn(n, y) = true`) waits for nothing.
        let known = egraph[id].nodes.iter().any(is_constructor);
        for node in &egraph[id].nodes {
            if !known {
                if let Some(class) = forced_by(egraph, positions, node, &is_constructor) {
                    if !forced.contains(&class) {
                        forced.push(class);
                    }
                }
            }
            for (k, child) in node.children().iter().enumerate() {
                let child = egraph.find(*child);
                if !known
                    && positions.contains(node.op.as_str(), k)
                    && !egraph[child].nodes.iter().any(is_constructor)
                    && !blocked.contains(&child)
                {
                    blocked.push(child);
                }
                if !seen.contains(&child) {
                    queue.push(Reverse((extractor.find_best_cost(child), reached, child)));
                    reached += 1;
                }
            }
        }
    }
    let mut out: BTreeMap<(usize, String), Term> = BTreeMap::new();
    let mut vars: BTreeSet<Var> = BTreeSet::new();
    let forced: BTreeSet<Var> = forced
        .into_iter()
        .filter_map(
            |class| match to_term(theory, &extractor.find_best(class).1, rigid) {
                Some(Term::Var(v)) if is_inductive(signature, v.sort) => Some(v),
                _ => None,
            },
        )
        .collect();
    for class in blocked {
        let (size, expr) = extractor.find_best(class);
        if size > MAX_SIZE {
            continue;
        }
        let Some(term) = to_term(theory, &expr, rigid) else {
            continue;
        };
        if !is_inductive(signature, signature.sort_of(&term)) {
            continue;
        }
        match term {
            Term::Var(v) => {
                vars.insert(v);
            }
            term => {
                out.entry((size, expr.to_string())).or_insert(term);
            }
        }
    }
    Blocking {
        terms: out.into_values().collect(),
        vars: rigid.iter().filter(|v| vars.contains(v)).copied().collect(),
        forced: rigid
            .iter()
            .filter(|v| forced.contains(v))
            .copied()
            .collect(),
    }
}

/// The class `node` waits for when its definition has matched part of its arguments
/// already: some match position of `node`'s operator holds a constructor and exactly
/// one other match position's class holds none (`zip(cons(x, xs), ys)` waits for `ys`
/// alone). A case split on that class lets the definition fire in every case.
fn forced_by(
    egraph: &Graph,
    positions: &MatchPositions,
    node: &Lang,
    is_constructor: &impl Fn(&Lang) -> bool,
) -> Option<Id> {
    let mut matched = false;
    let mut waiting: Option<Id> = None;
    for (k, child) in node.children().iter().enumerate() {
        if !positions.contains(node.op.as_str(), k) {
            continue;
        }
        let child = egraph.find(*child);
        if egraph[child].nodes.iter().any(is_constructor) {
            matched = true;
        } else if waiting.replace(child).is_some() {
            return None;
        }
    }
    waiting.filter(|_| matched)
}

/// An extracted expression as a term over `rigid` (`None` if a leaf is neither a rigid
/// variable nor a constant, or an operator is unknown).
fn to_term(theory: &Theory, expr: &egg::RecExpr<Lang>, rigid: &[Var]) -> Option<Term> {
    let signature = theory.signature();
    let nodes = expr.as_ref();
    let mut built: Vec<Term> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let name = node.op.as_str();
        let term = if node.children().is_empty() {
            match rigid.iter().find(|v| theory.name(v.name) == name) {
                Some(v) => Term::Var(*v),
                None => Term::App(signature.op_by_name(name)?, Vec::new()),
            }
        } else {
            let args = node
                .children()
                .iter()
                .map(|c| built[usize::from(*c)].clone())
                .collect();
            Term::App(signature.op_by_name(name)?, args)
        };
        built.push(term);
    }
    built.pop()
}
