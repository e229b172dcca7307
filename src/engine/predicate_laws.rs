//! Laws about declared predicates, conjectured from their least model (for `ergo
//! derive`): reflexivity, symmetry, transitivity, antisymmetry and monotonicity of a
//! binary predicate, and the facts relating it to the operators of its sort.
//!
//! A declared predicate `P(S, S)` is a `Prop`-valued operator
//! ([`crate::mpl::predicate`]); the ground evaluator cannot compute it, since it is
//! axiomatised by Horn clauses, not defined by recursion. Its *least model* over small
//! values can be computed, though: starting from nothing, every axiom `A1 ∧ .. ∧ An ->
//! P(ts)` (and every fact `P(ts)`) whose premises hold for an assignment of its
//! variables to the first [`CHAIN_VALUES`] values of their sorts adds the atom `P(ts)`
//! (its arguments evaluated), until nothing is added. An atom absent from that model is
//! read as false (the closed world of the least model: every axiom concluding an atom
//! holds there, and a negative axiom such as `¬ le(s(a), 0)` too).
//!
//! Each law of a fixed set of shapes (the [`Shape`]s) is instantiated for every binary
//! predicate over one sort and every operator of that sort, and kept when it holds on
//! every assignment of the first [`CHECK_VALUES`] values to its variables (where its
//! premises hold), its premises hold somewhere (never vacuous), and it is not an
//! equation between identical sides.
//!
//! Invariants: deterministic (predicates, operators and shapes in declaration order;
//! the model is a `BTreeSet`); a law is a closed formula over the predicate's atoms
//! `P(ts) = ⊤` in the form [`super::equation::Goal::from_formula`] reads; a false law can
//! only come from too few values, and then it simply fails to be proved.
//!
//! Example (axioms/order_pred.mpl, `le` axiomatised by `le(0, b)`, `le(a, b) -> le(s(a),
//! s(b))`, its inversion and `¬ le(s(a), 0)`): the model is `{le(m, n) | m <= n}` over
//! the small numbers, and the laws kept include
//!
//! ```text
//! le(x, x)                          reflexivity
//! le(x, y) ∧ le(y, z) -> le(x, z)   transitivity
//! le(x, y) ∧ le(y, x) -> x = y      antisymmetry
//! le(x, y) -> le(x + z, y + z)      monotonicity of +
//! le(x, x + y)
//! ```
//!
//! while symmetry `le(x, y) -> le(y, x)` fails on `le(0, 1)`.

use super::conditional::ConditionalConjecture;
use super::equation::axiom_equations;
use super::eval::{Evaluator, Value};
use crate::mpl::predicate::{atom, Encoding};
use crate::mpl::{Formula, OpId, SortId, Term, Theory, Var};
use std::collections::BTreeSet;

/// Values per sort the least model is computed over.
pub const CHAIN_VALUES: usize = 9;
/// Values per sort each law is checked on (fewer than [`CHAIN_VALUES`], so that the
/// atoms a check looks up were derivable from values inside the model's range).
pub const CHECK_VALUES: usize = 6;
/// Rounds of forward chaining at most (the model over finitely many values is reached
/// long before on the theories at hand; a bound keeps the computation total).
const MAX_ROUNDS: usize = 64;

/// A literal of a law: an atom of a predicate or an equation between terms.
#[derive(Clone, Debug)]
enum Literal {
    Atom(OpId, Vec<Term>),
    Eq(Term, Term),
}

/// The shapes of the laws proposed for a binary predicate `P` over a sort `S`, with `f`
/// a unary and `g` a binary operator of `S` (`x, y, z` of sort `S`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `P(x, x)`.
    Reflexive,
    /// `P(x, y) -> P(y, x)`.
    Symmetric,
    /// `P(x, y) ∧ P(y, z) -> P(x, z)`.
    Transitive,
    /// `P(x, y) ∧ P(y, x) -> x = y`.
    Antisymmetric,
}

/// The least model of the declared predicates, and the evaluator of the other operators.
struct Model {
    eval: Evaluator,
    atoms: BTreeSet<(OpId, Vec<Value>)>,
}

impl Model {
    fn term(&mut self, t: &Term, env: &[(Var, Value)]) -> Option<Value> {
        self.eval.refuel();
        self.eval.eval(t, env)
    }

    /// The truth of a literal on an assignment; `None` when a term has no value.
    fn holds(&mut self, l: &Literal, env: &[(Var, Value)]) -> Option<bool> {
        match l {
            Literal::Atom(p, args) => {
                let vals = args
                    .iter()
                    .map(|a| self.term(a, env))
                    .collect::<Option<Vec<Value>>>()?;
                Some(self.atoms.contains(&(*p, vals)))
            }
            Literal::Eq(a, b) => Some(self.term(a, env)? == self.term(b, env)?),
        }
    }
}

/// Every assignment of the values of `pools[i]` to `vars[i]`.
fn assignments(vars: &[Var], pools: &[Vec<Value>]) -> Vec<Vec<(Var, Value)>> {
    let mut out: Vec<Vec<(Var, Value)>> = vec![Vec::new()];
    for (v, pool) in vars.iter().zip(pools) {
        out = out
            .into_iter()
            .flat_map(|inst| {
                pool.iter().map(move |val| {
                    let mut i = inst.clone();
                    i.push((*v, *val));
                    i
                })
            })
            .collect();
    }
    out
}

fn literal(theory: &Theory, l: &Term, r: &Term) -> Literal {
    match atom(theory, l, r) {
        Some((p, args)) => Literal::Atom(p, args.to_vec()),
        None => Literal::Eq(l.clone(), r.clone()),
    }
}

/// Computes the least model of the predicates of `theory` over the first `count`
/// values of each sort.
fn least_model(theory: &Theory, enc: Encoding, count: usize) -> Model {
    let mut eval = Evaluator::new(theory);
    let pools: Vec<Vec<Value>> = (0..theory.sorts.len())
        .map(|s| {
            let sort = SortId(s as u32);
            if sort == enc.prop {
                Vec::new()
            } else {
                eval.ground_values(sort, count)
            }
        })
        .collect();
    // The clauses concluding an atom: premises, the atom, and their variables' pools.
    let mut clauses = Vec::new();
    for eq in axiom_equations(theory) {
        if eq.negated {
            continue;
        }
        let Some((p, args)) = atom(theory, &eq.lhs, &eq.rhs) else {
            continue;
        };
        let premises: Vec<Literal> = eq
            .premises
            .iter()
            .map(|(l, r)| literal(theory, l, r))
            .collect();
        let var_pools: Vec<Vec<Value>> = eq
            .vars
            .iter()
            .map(|v| pools[v.sort.0 as usize].clone())
            .collect();
        let insts = assignments(&eq.vars, &var_pools);
        clauses.push((premises, p, args.to_vec(), insts));
    }
    let mut model = Model {
        eval,
        atoms: BTreeSet::new(),
    };
    for _ in 0..MAX_ROUNDS {
        let mut grew = false;
        for (premises, p, args, insts) in &clauses {
            for env in insts {
                let fires = premises.iter().all(|l| model.holds(l, env) == Some(true));
                if !fires {
                    continue;
                }
                let vals = args
                    .iter()
                    .map(|a| model.term(a, env))
                    .collect::<Option<Vec<Value>>>();
                if let Some(vals) = vals {
                    grew |= model.atoms.insert((*p, vals));
                }
            }
        }
        if !grew {
            break;
        }
    }
    model
}

/// The formula `∀ vars. premises -> conclusion` (`conclusion` alone without premises),
/// an atom `P(ts)` written `P(ts) = ⊤`.
fn formula(top: OpId, vars: Vec<Var>, premises: &[Literal], conclusion: &Literal) -> Formula {
    let eq = |l: &Literal| match l {
        Literal::Atom(p, args) => Formula::Eq(Term::App(*p, args.clone()), Term::App(top, vec![])),
        Literal::Eq(a, b) => Formula::Eq(a.clone(), b.clone()),
    };
    let body = match premises {
        [] => eq(conclusion),
        [p] => Formula::Implies(Box::new(eq(p)), Box::new(eq(conclusion))),
        ps => Formula::Implies(
            Box::new(Formula::And(ps.iter().map(eq).collect())),
            Box::new(eq(conclusion)),
        ),
    };
    Formula::Forall(vars, Box::new(body))
}

fn size(l: &Literal) -> usize {
    match l {
        Literal::Atom(_, args) => 2 + args.iter().map(Term::size).sum::<usize>(),
        Literal::Eq(a, b) => a.size() + b.size(),
    }
}

/// The laws of the shapes above that hold in the least model of `theory`'s predicates,
/// over `vars` (the conjecturer's variables; three of a sort are needed for its laws)
/// and the operators of `operators` (all when `None`; constructors always). Empty for a
/// theory without predicates.
pub fn predicate_laws(
    theory: &Theory,
    vars: &[Var],
    operators: Option<&BTreeSet<OpId>>,
) -> Vec<ConditionalConjecture> {
    let Some(enc) = Encoding::of(theory) else {
        return Vec::new();
    };
    let allowed = |f: OpId| operators.is_none_or(|ops| ops.contains(&f));
    let binary: Vec<(OpId, SortId)> = (0..theory.operators.len())
        .map(|i| OpId(i as u32))
        .filter(|&p| enc.is_predicate(theory, p) && allowed(p))
        .filter_map(|p| match theory.op(p).args.as_slice() {
            [a, b] if a == b => Some((p, *a)),
            _ => None,
        })
        .collect();
    if binary.is_empty() {
        return Vec::new();
    }
    let mut model = least_model(theory, enc, CHAIN_VALUES);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (p, sort) in binary {
        let vs: Vec<Var> = vars.iter().filter(|v| v.sort == sort).copied().collect();
        let [x, y, z] = vs[..] else {
            continue;
        };
        let (tx, ty, tz) = (Term::Var(x), Term::Var(y), Term::Var(z));
        let at = |a: &Term, b: &Term| Literal::Atom(p, vec![a.clone(), b.clone()]);
        let mut laws: Vec<(Vec<Literal>, Literal)> = Vec::new();
        for shape in [
            Shape::Reflexive,
            Shape::Symmetric,
            Shape::Transitive,
            Shape::Antisymmetric,
        ] {
            laws.push(match shape {
                Shape::Reflexive => (vec![], at(&tx, &tx)),
                Shape::Symmetric => (vec![at(&tx, &ty)], at(&ty, &tx)),
                Shape::Transitive => (vec![at(&tx, &ty), at(&ty, &tz)], at(&tx, &tz)),
                Shape::Antisymmetric => (
                    vec![at(&tx, &ty), at(&ty, &tx)],
                    Literal::Eq(tx.clone(), ty.clone()),
                ),
            });
        }
        // Monotonicity and the facts relating `P` to each operator of its sort.
        for i in 0..theory.operators.len() {
            let f = OpId(i as u32);
            let op = theory.op(f);
            if op.result != sort || !(op.constructor || allowed(f)) {
                continue;
            }
            match op.args.as_slice() {
                [a] if *a == sort => {
                    let fx = Term::App(f, vec![tx.clone()]);
                    let fy = Term::App(f, vec![ty.clone()]);
                    laws.push((vec![at(&tx, &ty)], at(&fx, &fy)));
                    laws.push((vec![at(&tx, &ty)], at(&tx, &fy)));
                    laws.push((vec![], at(&tx, &fx)));
                    laws.push((vec![], at(&fx, &tx)));
                }
                [a, b] if *a == sort && *b == sort => {
                    let g = |l: &Term, r: &Term| Term::App(f, vec![l.clone(), r.clone()]);
                    laws.push((vec![at(&tx, &ty)], at(&g(&tx, &tz), &g(&ty, &tz))));
                    laws.push((vec![at(&tx, &ty)], at(&g(&tz, &tx), &g(&tz, &ty))));
                    laws.push((vec![at(&tx, &ty)], at(&tx, &g(&ty, &tz))));
                    laws.push((vec![], at(&tx, &g(&tx, &ty))));
                    laws.push((vec![], at(&tx, &g(&ty, &tx))));
                    laws.push((vec![], at(&g(&tx, &ty), &tx)));
                }
                _ => {}
            }
        }
        let check: Vec<Value> = {
            let all = model.eval.ground_values(sort, CHECK_VALUES);
            all.into_iter().take(CHECK_VALUES).collect()
        };
        for (premises, conclusion) in laws {
            let mut used: Vec<Var> = Vec::new();
            for l in premises.iter().chain([&conclusion]) {
                match l {
                    Literal::Atom(_, args) => args.iter().for_each(|a| a.vars_into(&mut used)),
                    Literal::Eq(a, b) => {
                        a.vars_into(&mut used);
                        b.vars_into(&mut used);
                    }
                }
            }
            let mut bound: Vec<Var> = vs.iter().filter(|v| used.contains(v)).copied().collect();
            bound.dedup();
            let pools = vec![check.clone(); bound.len()];
            let mut support = 0;
            let mut holds = true;
            for env in assignments(&bound, &pools) {
                let fires = premises
                    .iter()
                    .map(|l| model.holds(l, &env))
                    .collect::<Option<Vec<bool>>>();
                match fires {
                    Some(ps) if ps.iter().all(|b| *b) => {}
                    _ => continue,
                }
                match model.holds(&conclusion, &env) {
                    Some(true) => support += 1,
                    Some(false) => {
                        holds = false;
                        break;
                    }
                    None => {}
                }
            }
            if !holds || support == 0 {
                continue;
            }
            let f = formula(enc.top, bound, &premises, &conclusion);
            let key = crate::mpl::print::formula(theory, &f);
            if !seen.insert(key.clone()) {
                continue;
            }
            let size = premises.iter().chain([&conclusion]).map(size).sum();
            out.push(ConditionalConjecture {
                formula: f,
                size,
                support,
                key,
            });
        }
    }
    out
}
