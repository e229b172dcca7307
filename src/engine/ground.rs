//! The ground phase of `ergo derive`: arithmetic facts over a theory's numerals, as
//! checked theorems (GL's "incubator").
//!
//! **Numerals.** A theory has numerals when it has a Peano-shaped inductive sort (one
//! nullary constructor, the zero `z`, and one unary constructor `s` over the sort
//! itself) and nullary non-constructor operators of that sort tied to it by ground
//! axioms `c = s(d)` (or `s(d) = c`) where `d` is `z` or a numeral already found: such a
//! `c` is the numeral `n + 1` when `d` is the numeral `n` (the first declared wins a
//! value given twice). The numerals of the theory are `0 ... k` for the largest `k` such
//! that `1 ... k` all have a constant; with `k = 0` (no such constant, as in
//! `axioms/peano.mpl`) the phase does nothing.
//!
//! **Facts.** Over `0 ... k`, for every operator `f` of the sort (the successor, and each
//! non-constructor, non-numeral operator of one or two arguments of the sort), in
//! declaration order, with `v` the value of `f(a, b)` in the constructor model (the
//! evaluator's; a fact whose value is unknown is left out):
//! - `ground.ne_a_b`: `¬(a = b)` for `a ≠ b` (both orders);
//! - `ground.<f>_a_b`: `f(a, b) = v`, where `v` is written as the numeral when `v ≤ k`
//!   and as `s(…s(k))` beyond (a *value beyond the numerals*, which the refutations
//!   below need); `s(k) = s(k)` is not stated;
//! - `ground.<f>_a_b_ne_c`: `¬(f(a, b) = c)` for every numeral `c ≠ v`.
//!
//! `<f>` is `add` for `+`, `mul` for `*`, the operator's name when it is an identifier,
//! and `op<id>` otherwise; a unary operator has one argument in the name (`ground.s_3`).
//!
//! **Proofs.** Each fact is proved without induction by the sequent prover from a few
//! chosen rules, so that every proof is short and no e-graph grows large: a value fact
//! from the equational axioms and the fact one step back in the last argument; `¬(a = b)`
//! from the numeral axioms, the theory's clauses (`s(x) = s(y) → x = y`, `¬(s(x) = 0)`)
//! and `¬(a - 1 = b - 1)`; a refutation `¬(f(a, b) = c)` from the same clauses, the value
//! fact of `f(a, b)` and, when `v ≤ k`, `¬(v = c)` — never with the arithmetic axioms,
//! which on the cyclic e-graph of a false hypothesis would never stop growing.
//!
//! Invariants: the facts are planned in a fixed order (a dependency order: each cites
//! only facts before it); each is proved by one deterministic prover run whose rules are
//! fixed by the plan, so the proofs may run in parallel and the result does not depend
//! on the thread count; a fact that is not proved is reported, and so is any fact citing
//! it (it is not kept); the cancellation is looked at between windows of facts, and
//! stopping keeps the facts kept so far (a prefix, still in dependency order).
//!
//! Example: in a theory with `inductive N = i0 | s(N)`, `op i1 -> N; op i2 -> N;`,
//! `axiom one: (=[s(i0), i1]); axiom two: (=[s(i1), i2]);` and Peano's `+`, the numerals
//! are `i0, i1, i2` (`k = 2`), and the phase proves, among others,
//! `ground.add_1_1: i1 + i1 = i2`, `ground.add_2_2: i2 + i2 = s(s(i2))`,
//! `ground.ne_0_2: ¬(i0 = i2)` and `ground.add_1_1_ne_0: ¬(i1 + i1 = i0)`.

use super::cancel::{Cancel, StopReason};
use super::equation::{axiom_equations, Equation, Goal, RuleKind};
use super::eval::Evaluator;
use super::limits::Limits;
use super::prover::{Attempt, Proved, Prover, ProverConfig};
use crate::mpl::{OpId, SortId, Term, Theory};
use std::collections::{BTreeMap, BTreeSet};

/// The prefix of every ground fact's name.
pub const PREFIX: &str = "ground.";

/// The numerals `0 ... k` of a theory (see the module documentation for the rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numerals {
    /// The sort.
    pub sort: SortId,
    /// The zero constructor.
    pub zero: OpId,
    /// The successor constructor.
    pub succ: OpId,
    /// The constants of `1 ... k`, in order.
    pub constants: Vec<OpId>,
    /// The names of the axioms that define them, in declaration order.
    pub axioms: Vec<String>,
}

impl Numerals {
    /// The numerals of `theory`, if it has at least the numeral 1.
    pub fn find(theory: &Theory) -> Option<Numerals> {
        for (i, sort) in theory.sorts.iter().enumerate() {
            let sort_id = SortId(i as u32);
            let ctors = &sort.constructors;
            if ctors.len() != 2 {
                continue;
            }
            let arity = |o: OpId| theory.op(o).args.len();
            let (zero, succ) = match (arity(ctors[0]), arity(ctors[1])) {
                (0, 1) => (ctors[0], ctors[1]),
                (1, 0) => (ctors[1], ctors[0]),
                _ => continue,
            };
            if theory.op(succ).args[0] != sort_id {
                continue;
            }
            if let Some(n) = Self::constants(theory, sort_id, zero, succ) {
                return Some(n);
            }
        }
        None
    }

    fn constants(theory: &Theory, sort: SortId, zero: OpId, succ: OpId) -> Option<Numerals> {
        let is_constant = |o: OpId| {
            let op = theory.op(o);
            !op.constructor && op.args.is_empty() && op.result == sort
        };
        // Ground axioms `c = s(d)` / `s(d) = c`: (c, d, axiom name), in declaration order.
        let mut links: Vec<(OpId, OpId, String)> = Vec::new();
        for eq in axiom_equations(theory) {
            if !eq.is_plain() || !eq.vars.is_empty() {
                continue;
            }
            for (c, t) in [(&eq.lhs, &eq.rhs), (&eq.rhs, &eq.lhs)] {
                if let (Term::App(c, none), Term::App(f, inner)) = (c, t) {
                    if none.is_empty() && *f == succ && is_constant(*c) {
                        if let [Term::App(d, dn)] = inner.as_slice() {
                            if dn.is_empty() {
                                links.push((*c, *d, eq.name.clone()));
                            }
                        }
                    }
                }
            }
        }
        let mut value: BTreeMap<OpId, usize> = BTreeMap::new();
        value.insert(zero, 0);
        let mut by_value: BTreeMap<usize, (OpId, String)> = BTreeMap::new();
        loop {
            let mut grew = false;
            for (c, d, name) in &links {
                if value.contains_key(c) {
                    continue;
                }
                if let Some(&n) = value.get(d) {
                    value.insert(*c, n + 1);
                    by_value.entry(n + 1).or_insert((*c, name.clone()));
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        let mut constants = Vec::new();
        let mut axioms = Vec::new();
        while let Some((c, name)) = by_value.get(&(constants.len() + 1)) {
            constants.push(*c);
            axioms.push(name.clone());
        }
        if constants.is_empty() {
            return None;
        }
        Some(Numerals {
            sort,
            zero,
            succ,
            constants,
            axioms,
        })
    }

    /// The largest numeral.
    pub fn k(&self) -> usize {
        self.constants.len()
    }

    /// The term of numeral `n ≤ k`.
    pub fn numeral(&self, n: usize) -> Term {
        let op = if n == 0 {
            self.zero
        } else {
            self.constants[n - 1]
        };
        Term::App(op, Vec::new())
    }

    /// The term of value `v`: the numeral when `v ≤ k`, `s(…s(k))` beyond.
    pub fn value(&self, v: usize) -> Term {
        let k = self.k();
        let mut t = self.numeral(v.min(k));
        for _ in k..v {
            t = Term::App(self.succ, vec![t]);
        }
        t
    }

    /// The constructor term `s(…s(z))` of `n`.
    fn constructor_term(&self, n: usize) -> Term {
        let mut t = Term::App(self.zero, Vec::new());
        for _ in 0..n {
            t = Term::App(self.succ, vec![t]);
        }
        t
    }
}

/// What a ground fact states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactKind {
    /// `¬(a = b)`.
    Distinct,
    /// `f(args) = v`.
    Value,
    /// `¬(f(args) = c)`.
    Refuted,
}

/// One planned ground fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// Its theorem name.
    pub name: String,
    /// Its statement.
    pub goal: Goal,
    /// What it states.
    pub kind: FactKind,
    /// Whether its value (a value fact's right side, or the value of a refuted fact's
    /// left side) is a numeral.
    pub in_range: bool,
    /// The facts its proof may cite.
    cites: Vec<String>,
}

/// The short name of an operator in fact names.
pub fn op_label(theory: &Theory, f: OpId) -> String {
    let name = &theory.op(f).name;
    match name.as_str() {
        "+" => "add".to_string(),
        "*" => "mul".to_string(),
        n if n
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\'') =>
        {
            n.to_string()
        }
        _ => format!("op{}", f.0),
    }
}

/// The operators the facts are about: the successor, then the operators of one or two
/// arguments of the numerals' sort (not constructors, not numerals), in declaration
/// order.
fn operators(theory: &Theory, n: &Numerals) -> Vec<OpId> {
    let mut out = vec![n.succ];
    for (i, op) in theory.operators.iter().enumerate() {
        let id = OpId(i as u32);
        if !op.constructor
            && (1..=2).contains(&op.args.len())
            && op.result == n.sort
            && op.args.iter().all(|a| *a == n.sort)
        {
            out.push(id);
        }
    }
    out
}

/// The ground facts of `theory` over `numerals`, in their proof (dependency) order.
pub fn plan(theory: &Theory, numerals: &Numerals) -> Vec<Fact> {
    let k = numerals.k();
    let ne = |a: usize, b: usize| format!("{PREFIX}ne_{a}_{b}");
    // The facts about operators, and the values beyond the numerals they refute.
    let mut about_ops = Vec::new();
    let mut beyond: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut eval = Evaluator::new(theory);
    for f in operators(theory, numerals) {
        let label = op_label(theory, f);
        let arity = theory.op(f).args.len();
        let tuples: Vec<Vec<usize>> = if arity == 1 {
            (0..=k).map(|a| vec![a]).collect()
        } else {
            (0..=k)
                .flat_map(|a| (0..=k).map(move |b| vec![a, b]))
                .collect()
        };
        let mut refuted = Vec::new();
        for args in tuples {
            let Some(v) = value_of(&mut eval, numerals, f, &args) else {
                continue;
            };
            let lhs = Term::App(f, args.iter().map(|&a| numerals.numeral(a)).collect());
            let tag: Vec<String> = args.iter().map(usize::to_string).collect();
            let base = format!("{PREFIX}{label}_{}", tag.join("_"));
            let in_range = v <= k;
            let rhs = numerals.value(v);
            let stated = rhs != lhs;
            if stated {
                let mut cites = Vec::new();
                if let Some((&last, init)) = args.split_last() {
                    if last > 0 && arity == 2 {
                        let mut prev: Vec<String> = init.iter().map(usize::to_string).collect();
                        prev.push((last - 1).to_string());
                        cites.push(format!("{PREFIX}{label}_{}", prev.join("_")));
                    }
                }
                about_ops.push(Fact {
                    name: base.clone(),
                    goal: Goal::equation(Vec::new(), lhs.clone(), rhs),
                    kind: FactKind::Value,
                    in_range,
                    cites,
                });
            }
            for c in (0..=k).filter(|&c| c != v) {
                let mut cites = Vec::new();
                if stated {
                    cites.push(base.clone());
                }
                cites.push(ne(v, c));
                if !in_range {
                    beyond.insert((v, c));
                }
                refuted.push(Fact {
                    name: format!("{base}_ne_{c}"),
                    goal: negated(lhs.clone(), numerals.numeral(c)),
                    kind: FactKind::Refuted,
                    in_range,
                    cites,
                });
            }
        }
        about_ops.extend(refuted);
    }
    // `¬(v = c)` beyond the numerals rests on `¬(v - 1 = c - 1)`: close the set under it.
    let mut todo: Vec<(usize, usize)> = beyond.iter().copied().collect();
    while let Some((v, c)) = todo.pop() {
        if c > 0 && v - 1 > k && beyond.insert((v - 1, c - 1)) {
            todo.push((v - 1, c - 1));
        }
    }
    let mut facts = Vec::new();
    let within = (0..=k).flat_map(|a| (0..=k).map(move |b| (a, b)));
    for (a, b) in within.filter(|(a, b)| a != b).chain(beyond) {
        let cites = if a > 0 && b > 0 {
            vec![ne(a - 1, b - 1)]
        } else {
            Vec::new()
        };
        facts.push(Fact {
            name: ne(a, b),
            goal: negated(numerals.value(a), numerals.numeral(b)),
            kind: FactKind::Distinct,
            in_range: a <= k,
            cites,
        });
    }
    facts.extend(about_ops);
    facts
}

/// The value of `f(args)` in the constructor model, as a count of successors.
fn value_of(eval: &mut Evaluator, n: &Numerals, f: OpId, args: &[usize]) -> Option<usize> {
    let terms: Vec<Term> = args.iter().map(|&a| n.constructor_term(a)).collect();
    let values: Option<Vec<_>> = terms.iter().map(|t| eval.eval(t, &[])).collect();
    let v = values.and_then(|vs| eval.apply(f, &vs));
    eval.refuel();
    count_succ(&eval.to_term(v?), n)
}

fn negated(lhs: Term, rhs: Term) -> Goal {
    Goal {
        rigid: Vec::new(),
        lhs,
        rhs,
        premises: Vec::new(),
        negated: true,
    }
}

/// The number of successors of a constructor term `s(…s(z))`.
fn count_succ(t: &Term, n: &Numerals) -> Option<usize> {
    let mut t = t;
    let mut count = 0;
    loop {
        match t {
            Term::App(f, args) if *f == n.succ && args.len() == 1 => {
                count += 1;
                t = &args[0];
            }
            Term::App(f, args) if *f == n.zero && args.is_empty() => return Some(count),
            _ => return None,
        }
    }
}

/// What the ground phase produced.
#[derive(Clone, Debug, Default)]
pub struct Ground {
    /// The proved facts, in dependency order.
    pub proved: Vec<Proved>,
    /// The kind of each proved fact and whether its value is a numeral (parallel to
    /// `proved`).
    pub kinds: Vec<(FactKind, bool)>,
    /// The facts not proved (or not attempted because a fact they cite was not).
    pub unproved: Vec<String>,
    /// Why the phase stopped early, if it did.
    pub stopped: Option<StopReason>,
}

/// The budget of one fact's proof: no induction, no splits, the pruning checks'
/// e-nodes, and their iterations plus two per numeral (evaluating `f(a, b)` from
/// `f(a, b - 1)` may take up to `k` successor steps).
fn config(k: usize) -> ProverConfig {
    let check = Limits::check();
    ProverConfig {
        limits: Limits {
            nodes: check.nodes,
            iters: check.iters + 2 * k,
        },
        induction: false,
        split_depth: 0,
        nested_blocks: 0,
        clause_blocks: None,
    }
}

/// Facts proved between two looks at the cancellation.
const WINDOW: usize = 256;

/// Runs the ground phase on `theory` on `threads` worker threads (0: one per core):
/// plans the facts and proves them; empty when the theory has no numerals.
///
/// A fact's rules are the statements of the facts it cites (known from the plan), so
/// the proofs are independent of each other and run in parallel, window by window; a
/// fact is then kept, in plan order, if it was proved and every fact it cites was kept.
/// The result is the same for any number of threads.
pub fn derive_ground(theory: &Theory, cancel: &Cancel, threads: usize) -> Ground {
    use rayon::prelude::*;
    let mut out = Ground::default();
    let Some(numerals) = Numerals::find(theory) else {
        return out;
    };
    let axioms = axiom_equations(theory);
    // The equational axioms (value facts), and the numeral axioms with every clause
    // (refutations: no arithmetic).
    let plain: Vec<Equation> = axioms.iter().filter(|e| e.is_plain()).cloned().collect();
    let logic: Vec<Equation> = axioms
        .iter()
        .filter(|e| !e.is_plain() || numerals.axioms.contains(&e.name))
        .cloned()
        .collect();
    let facts = plan(theory, &numerals);
    let statements: BTreeMap<&str, Equation> = facts
        .iter()
        .map(|f| {
            let eq = f.goal.clone().into_equation(RuleKind::Theorem, &f.name);
            (f.name.as_str(), eq)
        })
        .collect();
    let prove = |fact: &Fact| -> Option<Proved> {
        let mut rules = match fact.kind {
            FactKind::Value => plain.clone(),
            FactKind::Distinct | FactKind::Refuted => logic.clone(),
        };
        rules.extend(
            fact.cites
                .iter()
                .filter_map(|c| statements.get(c.as_str()).cloned()),
        );
        let mut prover = Prover::with_equations(theory, rules, config(numerals.k()));
        match prover.prove(&fact.name, &fact.goal) {
            Attempt::Proved(p) => Some(p),
            Attempt::Unproved { .. } => None,
        }
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    for window in facts.chunks(WINDOW) {
        if let Some(why) = cancel.check() {
            out.stopped = Some(why);
            break;
        }
        let proofs: Vec<Option<Proved>> = match &pool {
            Ok(pool) => pool.install(|| window.par_iter().map(&prove).collect()),
            Err(_) => window.iter().map(&prove).collect(),
        };
        for (fact, proof) in window.iter().zip(proofs) {
            match proof {
                Some(p) if fact.cites.iter().all(|c| kept.contains(c)) => {
                    kept.insert(fact.name.clone());
                    out.proved.push(p);
                    out.kinds.push((fact.kind.clone(), fact.in_range));
                }
                _ => out.unproved.push(fact.name.clone()),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Theory {
        let text = "theory tiny; inductive N = i0 | s(N);\n\
                    op +(N, N) -> N infixl 6; op i1 -> N; op i2 -> N;\n\
                    axiom ne: (>[a] !(=[s(a), i0]));\n\
                    axiom inj: (>[a,b] (=[s(a), s(b)]) (=[a, b]));\n\
                    axiom add_zero: (>[a] (=[a + i0, a]));\n\
                    axiom add_succ: (>[a,b] (=[a + s(b), s(a + b)]));\n\
                    axiom one: (=[s(i0), i1]);\n\
                    axiom two: (=[i2, s(i1)]);\n";
        crate::mpl::load_str(std::path::Path::new("tiny.mpl"), text).unwrap()
    }

    #[test]
    fn numerals_are_found_from_either_orientation() {
        let th = tiny();
        let n = Numerals::find(&th).unwrap();
        assert_eq!(n.k(), 2);
        assert_eq!(n.axioms, vec!["one".to_string(), "two".to_string()]);
        assert!(Numerals::find(&crate::mpl::peano_for_tests()).is_none());
    }

    #[test]
    fn every_planned_fact_is_proved_and_checked() {
        let th = tiny();
        let g = derive_ground(&th, &Cancel::never(), 2);
        assert!(g.unproved.is_empty(), "{:?}", g.unproved);
        // 6 disequalities within 0 ... 2 and 6 beyond (`¬(3 = c)`, `¬(4 = c)`, which the
        // refutations of the values 3 and 4 cite); s: 2 values (`s(2)` is beyond the
        // numerals and stated by no value fact), 2 + 2 + 3 refutations; +: 9 values, 2
        // refutations for each of the 6 values within 0 ... 2 and 3 for each of the 3
        // beyond.
        assert_eq!(g.proved.len(), 6 + 6 + 2 + 7 + 9 + (6 * 2 + 3 * 3));
        let names: Vec<&str> = g.proved.iter().map(|p| p.name.as_str()).collect();
        for n in [
            "ground.ne_0_2",
            "ground.add_1_1",
            "ground.add_2_2",
            "ground.add_1_1_ne_0",
        ] {
            assert!(names.contains(&n), "{n} missing from {names:?}");
        }
        let refs: Vec<&Proved> = g.proved.iter().collect();
        let cert = crate::proof::certificate(&th, "", &crate::engine::explain::entries(&refs));
        let report = ergo_kernel::check(&cert).unwrap();
        assert!(report.all_ok(), "{report:?}");
    }
}
