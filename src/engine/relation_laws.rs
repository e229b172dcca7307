//! Conditional lemmas about relations defined by recursion, for goal-directed proving.
//!
//! A *relation* here is a defined operator with two arguments of one sort whose value
//! is of an enumeration sort (`<=(x, y): Bool`, `eqn(x, y): Bool` in TIP's style, where
//! an order is a Boolean function, not a declared predicate). A goal about such a
//! relation often needs a law that no equation states and that speculation from stuck
//! cases cannot propose, because it has a premise:
//!
//! ```text
//! <=(x, y) = true -> <=(x, S(y)) = true       (len(delete(n, xs)) <= len(xs))
//! <(x, y) = true  -> eqn(x, y) = false        (x < y -> elem(x, ins(y, xs)) = elem(x, xs))
//! ```
//!
//! For every relation `P` among the goal's operators (value `a` one of its sort's
//! constructors) the laws of these shapes are proposed, `f` a unary operator of the
//! relation's sort and `Q` another relation over it:
//!
//! ```text
//! P(x, y) = a -> Q(x, y) = b        P(x, y) = a -> Q(y, x) = b     (Q may be P)
//! P(x, y) = a -> P(x, f(y)) = a     P(x, y) = a -> P(f(x), y) = a
//! P(x, y) = a & P(y, z) = a -> P(x, z) = a
//! P(x, y) = a & P(y, x) = a -> x = y
//! ```
//!
//! Before those, a Boolean function that is no relation (`elem(x, xs)`) gets its growth
//! laws, `g` a combining operator of one argument's sort ([`growth_laws`]):
//!
//! ```text
//! P(.., l, ..) = a -> P(.., g(l, m), ..) = a      P(.., l, ..) = a -> P(.., g(m, l), ..) = a
//! ```
//!
//! A law is kept when it holds on the ground instances, its premise holds on at least
//! one of them (never vacuous) and its conclusion alone does not hold on all of them (a
//! plain equation is the equational lemma search's job).
//!
//! Invariants: deterministic (functions, relations, values and operators in declaration
//! order, shapes in the order above); at most [`MAX_LAWS`] laws; each law is a clause goal
//! over the conjecturer's variables of the theory made by
//! [`super::discover::prepare`]; a law is only ever a candidate: the caller proves it
//! before it becomes a rule.

use super::conjecture::{variable_name, Conjecturer};
use super::equation::Goal;
use crate::mpl::{Name, OpId, SortId, Term, Theory, Var};
use std::collections::BTreeSet;

/// Laws proposed for one goal, at most.
pub const MAX_LAWS: usize = 12;

/// A proposed law: a name (`<relation>_<shape>`) and the clause goal.
#[derive(Clone, Debug)]
pub struct Law {
    /// A readable name, unique among the laws returned.
    pub name: String,
    /// The law, as a clause goal.
    pub goal: Goal,
}

/// The constructors of `sort` if it is an enumeration sort (every constructor nullary,
/// at least two of them).
fn enumeration(theory: &Theory, sort: SortId) -> Option<Vec<OpId>> {
    let constructors = &theory.sort(sort).constructors;
    (super::induction::is_enumeration(theory.signature(), sort) && constructors.len() >= 2)
        .then(|| constructors.clone())
}

/// The conjecturer's `k`th variable of `sort` (interned by `prepare`).
fn variable(theory: &Theory, sort: SortId, k: usize) -> Option<Var> {
    let name = variable_name(theory, &theory.sort(sort).name, k, sort.0 as usize);
    let id = theory.names.iter().position(|n| *n == name)?;
    Some(Var {
        name: Name(id as u32),
        sort,
    })
}

fn app(op: OpId, args: Vec<Term>) -> Term {
    Term::App(op, args)
}

/// The law `premises -> lhs = rhs` over `rigid`, named `name`.
fn law(name: String, rigid: Vec<Var>, premises: Vec<(Term, Term)>, lhs: Term, rhs: Term) -> Law {
    Law {
        name,
        goal: Goal {
            rigid,
            lhs,
            rhs,
            premises,
            negated: false,
        },
    }
}

/// Whether `goal` is a plain equation stating a relation's value, `P(s, t) = c` (either
/// side), such as `le(len(delete(n, xs)), len(xs)) = true`: its proof most likely needs
/// a law about `P`.
pub fn states_a_relation(theory: &Theory, goal: &Goal) -> bool {
    let relation = |t: &Term| {
        matches!(t, Term::App(p, args) if args.len() == 2
            && !theory.op(*p).constructor
            && theory.op(*p).args[0] == theory.op(*p).args[1]
            && enumeration(theory, theory.op(*p).result).is_some())
    };
    let value =
        |t: &Term| matches!(t, Term::App(c, args) if args.is_empty() && theory.op(*c).constructor);
    goal.is_plain()
        && ((relation(&goal.lhs) && value(&goal.rhs)) || (relation(&goal.rhs) && value(&goal.lhs)))
}

/// The laws about the relations among `ops` that `about` accepts and that hold on
/// `conj`'s ground instances, in the order of the module doc, at most [`MAX_LAWS`]
/// (another relation among `ops` may appear in a law's conclusion).
pub fn laws(
    theory: &Theory,
    ops: &BTreeSet<OpId>,
    about: &dyn Fn(OpId) -> bool,
    conj: &mut Conjecturer,
) -> Vec<Law> {
    let relations: Vec<(OpId, SortId, Vec<OpId>)> = ops
        .iter()
        .filter_map(|&p| {
            let op = theory.op(p);
            if op.constructor || op.args.len() != 2 || op.args[0] != op.args[1] {
                return None;
            }
            Some((p, op.args[0], enumeration(theory, op.result)?))
        })
        .collect();
    let mut out: Vec<Law> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    if !keep(growth_laws(theory, ops, about), conj, &mut taken, &mut out) {
        return out;
    }
    for (p, sort, values) in relations.iter().filter(|(p, _, _)| about(*p)) {
        let (Some(x), Some(y), Some(z)) = (
            variable(theory, *sort, 0),
            variable(theory, *sort, 1),
            variable(theory, *sort, 2),
        ) else {
            continue;
        };
        let (vx, vy, vz) = (Term::Var(x), Term::Var(y), Term::Var(z));
        let unary: Vec<OpId> = ops
            .iter()
            .copied()
            .filter(|f| theory.op(*f).args == [*sort] && theory.op(*f).result == *sort)
            .collect();
        let pname = theory.op(*p).name.clone();
        let mut antisymmetry: Vec<Law> = Vec::new();
        for &a in values {
            let premise = (app(*p, vec![vx.clone(), vy.clone()]), app(a, vec![]));
            let mut proposals: Vec<Law> = Vec::new();
            for (q, qsort, qvalues) in &relations {
                if qsort != sort {
                    continue;
                }
                let qname = &theory.op(*q).name;
                for &b in qvalues {
                    if q != p {
                        proposals.push(law(
                            format!("{pname}_{qname}"),
                            vec![x, y],
                            vec![premise.clone()],
                            app(*q, vec![vx.clone(), vy.clone()]),
                            app(b, vec![]),
                        ));
                    }
                    proposals.push(law(
                        format!("{pname}_{qname}_swap"),
                        vec![x, y],
                        vec![premise.clone()],
                        app(*q, vec![vy.clone(), vx.clone()]),
                        app(b, vec![]),
                    ));
                }
            }
            for f in &unary {
                let fname = &theory.op(*f).name;
                proposals.push(law(
                    format!("{pname}_{fname}_right"),
                    vec![x, y],
                    vec![premise.clone()],
                    app(*p, vec![vx.clone(), app(*f, vec![vy.clone()])]),
                    app(a, vec![]),
                ));
                proposals.push(law(
                    format!("{pname}_{fname}_left"),
                    vec![x, y],
                    vec![premise.clone()],
                    app(*p, vec![app(*f, vec![vx.clone()]), vy.clone()]),
                    app(a, vec![]),
                ));
            }
            proposals.push(law(
                format!("{pname}_trans"),
                vec![x, y, z],
                vec![
                    premise.clone(),
                    (app(*p, vec![vy.clone(), vz.clone()]), app(a, vec![])),
                ],
                app(*p, vec![vx.clone(), vz.clone()]),
                app(a, vec![]),
            ));
            // Antisymmetry comes after every other law of the relation: as a rule it
            // merges classes wherever both directions hold, and the proofs of the laws
            // after it (transitivity of `leq = false`) grew from 0.05 to 2 s with it.
            antisymmetry.push(law(
                format!("{pname}_antisym"),
                vec![x, y],
                vec![
                    premise.clone(),
                    (app(*p, vec![vy.clone(), vx.clone()]), app(a, vec![])),
                ],
                vx.clone(),
                vy.clone(),
            ));
            if !keep(proposals, conj, &mut taken, &mut out) {
                return out;
            }
        }
        if !keep(
            std::mem::take(&mut antisymmetry),
            conj,
            &mut taken,
            &mut out,
        ) {
            return out;
        }
    }
    out
}

/// The growth laws of the Boolean functions among `ops` that `about` accepts and that
/// are no relations (their arguments are of different sorts, as `elem(x, xs)`): for an
/// argument `l` of a sort with a combining operator `g: S × S -> S` among `ops`
/// (`++`, `+`), and `P` keeping its value `a` when `l` grows:
/// `P(.., l, ..) = a -> P(.., g(l, m), ..) = a` and `P(.., l, ..) = a -> P(.., g(m, l),
/// ..) = a` (`elem(x, xs) = true -> elem(x, xs ++ ys) = true`). Proposed for every value
/// of `P`'s sort; ground testing keeps the true ones.
fn growth_laws(theory: &Theory, ops: &BTreeSet<OpId>, about: &dyn Fn(OpId) -> bool) -> Vec<Law> {
    let mut proposals = Vec::new();
    for &p in ops.iter().filter(|p| about(**p)) {
        let op = theory.op(p);
        let Some(values) = enumeration(theory, op.result) else {
            continue;
        };
        if op.constructor || op.args.is_empty() || (op.args.len() == 2 && op.args[0] == op.args[1])
        {
            continue;
        }
        // One variable per argument, numbered within its sort; the growing argument's
        // partner `m` is the next variable of its sort.
        let mut per_sort: std::collections::BTreeMap<SortId, usize> = Default::default();
        let Some(vars): Option<Vec<Var>> = op
            .args
            .iter()
            .map(|s| {
                let k = per_sort.entry(*s).or_default();
                *k += 1;
                variable(theory, *s, *k - 1)
            })
            .collect()
        else {
            continue;
        };
        let args: Vec<Term> = vars.iter().map(|v| Term::Var(*v)).collect();
        for (i, &sort) in op.args.iter().enumerate() {
            let Some(m) = variable(theory, sort, per_sort[&sort]) else {
                continue;
            };
            let rigid: Vec<Var> = vars.iter().copied().chain([m]).collect();
            let combining = ops.iter().copied().filter(|g| {
                let g = theory.op(*g);
                !g.constructor && g.args == [sort, sort] && g.result == sort
            });
            for g in combining {
                let gname = theory.op(g).name.clone();
                for &a in &values {
                    let premise = (app(p, args.clone()), app(a, vec![]));
                    for (side, grown) in [
                        ("right", app(g, vec![args[i].clone(), Term::Var(m)])),
                        ("left", app(g, vec![Term::Var(m), args[i].clone()])),
                    ] {
                        let mut bigger = args.clone();
                        bigger[i] = grown;
                        proposals.push(law(
                            format!("{}_{gname}_{side}", op.name),
                            rigid.clone(),
                            vec![premise.clone()],
                            app(p, bigger),
                            app(a, vec![]),
                        ));
                    }
                }
            }
        }
    }
    proposals
}

/// Appends to `out` the `proposals` that ground testing supports as laws (the plain
/// conclusion fails somewhere; the clause holds, its premise somewhere), with fresh
/// names; false once `out` is full ([`MAX_LAWS`]).
fn keep(
    proposals: Vec<Law>,
    conj: &mut Conjecturer,
    taken: &mut Vec<String>,
    out: &mut Vec<Law>,
) -> bool {
    for Law { name, goal } in proposals {
        if out.len() >= MAX_LAWS {
            return false;
        }
        let plain = Goal::equation(goal.rigid.clone(), goal.lhs.clone(), goal.rhs.clone());
        if conj.clause_counterexample(&plain).is_none() {
            continue; // holds without the premise: an equation, not a law
        }
        if !conj.holds_conditionally(&goal) {
            continue;
        }
        let name = super::naming::fresh(name, taken);
        taken.push(name.clone());
        out.push(Law { name, goal });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::conjecture::ConjecturerConfig;

    /// On axioms/order.mpl (`leq(N, N) -> Bool` by recursion), the laws proposed are
    /// true ones (monotonicity under `s`, transitivity, `leq(x, y) = false -> leq(y,
    /// x) = true`), never a plain fact such as `leq(x, x) = true`, and in a fixed order.
    #[test]
    fn an_order_by_recursion_gets_its_conditional_laws() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("axioms/order.mpl");
        let theory = crate::engine::discover::prepare(&crate::mpl::load(&path).unwrap());
        let leq = theory.op_by_name("leq").unwrap();
        let ops: BTreeSet<OpId> = [leq, theory.op_by_name("s").unwrap()].into();
        let mut conj = Conjecturer::new(
            &theory,
            ConjecturerConfig::default(),
            Some(&BTreeSet::new()),
        );
        let laws = laws(&theory, &ops, &|_| true, &mut conj);
        let texts: Vec<String> = laws
            .iter()
            .map(|l| {
                let g = &l.goal;
                let premises: Vec<String> = g
                    .premises
                    .iter()
                    .map(|(a, b)| crate::mpl::print::equation(&theory, a, b))
                    .collect();
                format!(
                    "{}: {} -> {}",
                    l.name,
                    premises.join(" & "),
                    crate::mpl::print::equation(&theory, &g.lhs, &g.rhs)
                )
            })
            .collect();
        let has = |s: &str| texts.iter().any(|t| t == s);
        assert!(
            has("leq_s_right: leq(x, y) = true -> leq(x, s(y)) = true"),
            "{texts:#?}"
        );
        assert!(
            has("leq_trans: leq(x, y) = true & leq(y, z) = true -> leq(x, z) = true"),
            "{texts:#?}"
        );
        assert!(
            has("leq_antisym: leq(x, y) = true & leq(y, x) = true -> x = y"),
            "{texts:#?}"
        );
        assert!(
            has("leq_leq_swap: leq(x, y) = false -> leq(y, x) = true"),
            "{texts:#?}"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("leq_s_left: leq(x, y) = true")),
            "{texts:#?}"
        );
        assert!(laws.len() <= MAX_LAWS);
        let again = super::laws(&theory, &ops, &|_| true, &mut conj);
        assert_eq!(
            laws.iter().map(|l| &l.name).collect::<Vec<_>>(),
            again.iter().map(|l| &l.name).collect::<Vec<_>>()
        );
    }
}
