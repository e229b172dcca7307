//! Ground evaluation: computing the value of a term on small ground instances, by
//! normalising with the theory's defining equations.
//!
//! A value is a constructor term, hash-consed into a [`Value`] id. A defining equation is
//! an equational axiom `f(p1, ..., pn) = r` whose head `f` is not a constructor and whose
//! arguments are constructor patterns (variables and constructors only); applying `f` to
//! values tries those equations in declaration order.
//!
//! Invariants:
//! - evaluation is deterministic and total: when no equation applies, or the fuel or
//!   the nesting depth runs out, the result is `None` (unknown), never a panic, a stack
//!   overflow or a wrong value;
//! - every value returned is reachable from the axioms by rewriting, so two terms with
//!   different values on some instance are *not* equal in the theory (that is what makes
//!   a differing instance a counterexample).

use super::equation::axiom_equations;
use crate::mpl::{OpId, SortId, Term, Theory, Var};
use std::collections::HashMap;

/// A hash-consed constructor term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Value(pub u32);

struct Definition {
    args: Vec<Term>,
    rhs: Term,
}

/// Evaluates terms on ground instances.
pub struct Evaluator {
    theory: Theory,
    defs: HashMap<OpId, Vec<Definition>>,
    nodes: Vec<(OpId, Vec<Value>)>,
    ids: HashMap<(OpId, Vec<Value>), Value>,
    memo: HashMap<(OpId, Vec<Value>), Option<Value>>,
    fuel: usize,
    depth: usize,
}

/// Steps of evaluation allowed for one application (keeps evaluation total).
const FUEL: usize = 200_000;
/// Nesting of applications allowed (keeps the stack bounded: `a + s(b)` recurses `b`
/// times, and values such as `sum(sum(3))` are large).
const MAX_DEPTH: usize = 1_000;

fn is_constructor_pattern(theory: &Theory, t: &Term) -> bool {
    match t {
        Term::Var(_) => true,
        Term::App(f, args) => {
            theory.op(*f).constructor && args.iter().all(|a| is_constructor_pattern(theory, a))
        }
    }
}

impl Evaluator {
    /// An evaluator for `theory`'s defining equations.
    pub fn new(theory: &Theory) -> Evaluator {
        let mut defs: HashMap<OpId, Vec<Definition>> = HashMap::new();
        for eq in axiom_equations(theory).into_iter().filter(|e| e.is_plain()) {
            if let Term::App(f, args) = &eq.lhs {
                if !theory.op(*f).constructor
                    && args.iter().all(|a| is_constructor_pattern(theory, a))
                {
                    defs.entry(*f).or_default().push(Definition {
                        args: args.clone(),
                        rhs: eq.rhs.clone(),
                    });
                }
            }
        }
        Evaluator {
            theory: theory.clone(),
            defs,
            nodes: Vec::new(),
            ids: HashMap::new(),
            memo: HashMap::new(),
            fuel: FUEL,
            depth: 0,
        }
    }

    fn cons(&mut self, c: OpId, args: Vec<Value>) -> Value {
        if let Some(v) = self.ids.get(&(c, args.clone())) {
            return *v;
        }
        let v = Value(self.nodes.len() as u32);
        self.nodes.push((c, args.clone()));
        self.ids.insert((c, args), v);
        v
    }

    /// The constructor values of `sort` in order of increasing size, up to `count` of them
    /// (for `N = 0 | s(N)`: 0, s(0), s(s(0)), ...). Constructors with arguments of other
    /// sorts take their values from those sorts (for lists over N: nil, cons(0, nil),
    /// cons(0, cons(0, nil)), cons(s(0), nil), ...); all sorts grow together,
    /// breadth-first, each up to `count` values.
    pub fn ground_values(&mut self, sort: SortId, count: usize) -> Vec<Value> {
        let n_sorts = self.theory.sorts.len();
        let mut pools: Vec<Vec<Value>> = vec![Vec::new(); n_sorts];
        for _generation in 0..=count {
            let before = pools.clone();
            let mut grew = false;
            let sorts = self.theory.sorts.clone();
            for (pool, srt) in pools.iter_mut().zip(&sorts) {
                for c in srt.constructors.clone() {
                    let arg_sorts = self.theory.op(c).args.clone();
                    let mut tuples: Vec<Vec<Value>> = vec![Vec::new()];
                    for a in &arg_sorts {
                        let values = &before[a.0 as usize];
                        tuples = tuples
                            .into_iter()
                            .flat_map(|t| {
                                values.iter().map(move |v| {
                                    let mut t = t.clone();
                                    t.push(*v);
                                    t
                                })
                            })
                            .collect();
                    }
                    for args in tuples {
                        if pool.len() >= count {
                            break;
                        }
                        let v = self.cons(c, args);
                        if !pool.contains(&v) {
                            pool.push(v);
                            grew = true;
                        }
                    }
                }
            }
            if !grew || pools[sort.0 as usize].len() >= count {
                break;
            }
        }
        std::mem::take(&mut pools[sort.0 as usize])
    }

    /// Every assignment of the first `per_var` values of its sort to each variable.
    pub fn instances(&mut self, vars: &[Var], per_var: usize) -> Vec<Vec<(Var, Value)>> {
        self.instances_by_sort(vars, |_| per_var)
    }

    /// Every assignment of the first `per_sort(sort)` values of its sort to each variable.
    pub fn instances_by_sort(
        &mut self,
        vars: &[Var],
        per_sort: impl Fn(SortId) -> usize,
    ) -> Vec<Vec<(Var, Value)>> {
        let mut out: Vec<Vec<(Var, Value)>> = vec![Vec::new()];
        for v in vars {
            let values = self.ground_values(v.sort, per_sort(v.sort));
            out = out
                .into_iter()
                .flat_map(|inst| {
                    values.iter().map(move |val| {
                        let mut i = inst.clone();
                        i.push((*v, *val));
                        i
                    })
                })
                .collect();
        }
        out
    }

    /// Applies operator `f` to values.
    pub fn apply(&mut self, f: OpId, args: &[Value]) -> Option<Value> {
        if self.theory.op(f).constructor {
            return Some(self.cons(f, args.to_vec()));
        }
        if let Some(v) = self.memo.get(&(f, args.to_vec())) {
            return *v;
        }
        if self.fuel == 0 || self.depth >= MAX_DEPTH {
            return None;
        }
        self.fuel -= 1;
        self.depth += 1;
        let n_defs = self.defs.get(&f).map_or(0, Vec::len);
        let mut result = None;
        for i in 0..n_defs {
            let mut env: Vec<(Var, Value)> = Vec::new();
            let def_args = self.defs[&f][i].args.clone();
            if def_args
                .iter()
                .zip(args)
                .all(|(p, v)| self.matches(p, *v, &mut env))
            {
                let rhs = self.defs[&f][i].rhs.clone();
                result = self.eval(&rhs, &env);
                break;
            }
        }
        self.depth -= 1;
        self.memo.insert((f, args.to_vec()), result);
        result
    }

    fn matches(&self, p: &Term, v: Value, env: &mut Vec<(Var, Value)>) -> bool {
        match p {
            Term::Var(x) => match env.iter().find(|(y, _)| y == x) {
                Some((_, w)) => *w == v,
                None => {
                    env.push((*x, v));
                    true
                }
            },
            Term::App(c, ps) => {
                let (vc, vargs) = &self.nodes[v.0 as usize];
                *vc == *c
                    && ps.len() == vargs.len()
                    && ps
                        .iter()
                        .zip(vargs.clone())
                        .all(|(p, w)| self.matches(p, w, env))
            }
        }
    }

    /// The value of `t` with its variables bound by `env`; `None` if unknown.
    pub fn eval(&mut self, t: &Term, env: &[(Var, Value)]) -> Option<Value> {
        match t {
            Term::Var(x) => env.iter().find(|(y, _)| y == x).map(|(_, v)| *v),
            Term::App(f, args) => {
                let mut vs = Vec::with_capacity(args.len());
                for a in args {
                    vs.push(self.eval(a, env)?);
                }
                self.apply(*f, &vs)
            }
        }
    }

    /// Resets the fuel (call once per independent evaluation task).
    pub fn refuel(&mut self) {
        self.fuel = FUEL;
    }

    /// A value as a term of the theory (constructors only).
    pub fn to_term(&self, v: Value) -> Term {
        let (c, args) = &self.nodes[v.0 as usize];
        Term::App(*c, args.iter().map(|a| self.to_term(*a)).collect())
    }
}
