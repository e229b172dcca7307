//! Ground evaluation: computing the value of a term on small ground instances, by
//! normalising with the theory's defining equations.
//!
//! A value is hash-consed into a [`Value`] id; it is one of
//! - a constructor applied to values (`s(0)`, `cons['a](e, nil['a])`);
//! - an *element* of a sort variable (a `Param` sort, `docs/logic.md` section 2): such a
//!   sort has no constructors, so it is sampled as a few distinct opaque elements
//!   (`'a.1`, `'a.2`, ...). A polymorphic statement that fails on them fails at every
//!   instance of `'a` with at least that many elements, so a refutation using them is
//!   sound;
//! - a *closure*: a value of a `Function` sort, an operator into that sort without a
//!   defining equation of its own (a lifted lambda `lam.N`, or `compose`) applied to the
//!   values of its arguments. Application (`@`) is evaluated through the defining
//!   equations `@(lam.N(x1, ..., xn), y) = t`, whose patterns match closures like
//!   constructors.
//!
//! A defining equation is an equational axiom `f(p1, ..., pn) = r` whose head `f` is not a
//! constructor and whose arguments are patterns (variables, constructors and closure
//! formers only); applying `f` to values tries those equations in declaration order.
//!
//! Invariants:
//! - evaluation is deterministic and total: when no equation applies, or the fuel or
//!   the nesting depth runs out, the result is `None` (unknown), never a panic, a stack
//!   overflow or a wrong value;
//! - every value returned by [`Evaluator::eval`] and [`Evaluator::apply`] is *observable*:
//!   it contains no closure. Two different closures may be the same function, so a
//!   term whose value contains one is unknown (`None`): two observable values that differ
//!   denote different elements of the model (different constructor terms, or elements
//!   of a sort variable chosen distinct), and that is what makes a differing instance a
//!   counterexample. Closures only reach callers as the sampled values of variables of
//!   a function sort ([`Evaluator::ground_values`]);
//! - a function sort without closure formers has no values, so a term with a variable of
//!   it is never evaluated, and never refuted.
//!
//! ```
//! use ergo::engine::eval::Evaluator;
//! let theory = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); op +(N, N) -> N infixl 6;
//!      axiom a0: (>[x] (=[x + 0, x])); axiom a1: (>[x, y] (=[x + s(y), s(x + y)]));",
//! ).unwrap();
//! let mut eval = Evaluator::new(&theory);
//! let n = theory.sort_by_name("N").unwrap();
//! let values = eval.ground_values(n, 3); // 0, s(0), s(s(0))
//! let plus = theory.op_by_name("+").unwrap();
//! assert_eq!(eval.apply(plus, &[values[1], values[1]]), Some(values[2]));
//! ```

use super::equation::axiom_equations;
use crate::mpl::{Name, OpId, SortId, SortShape, Term, Theory, Var};
use std::collections::{BTreeSet, HashMap};

/// A hash-consed value (constructor term, element of a sort variable, or closure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Value(pub u32);

/// What a value is made of.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Node {
    /// A constructor applied to values.
    Cons(OpId, Vec<Value>),
    /// The `k`-th opaque element of a `Param` sort.
    Element(SortId, u32),
    /// A closure former applied to values: a value of a function sort.
    Closure(OpId, Vec<Value>),
}

struct Definition {
    args: Vec<Term>,
    rhs: Term,
}

/// Evaluates terms on ground instances.
pub struct Evaluator {
    theory: Theory,
    defs: HashMap<OpId, Vec<Definition>>,
    /// Operators into a function sort without a defining equation of their own.
    closure_formers: BTreeSet<OpId>,
    nodes: Vec<Node>,
    ids: HashMap<Node, Value>,
    /// Whether each node contains no closure, by value id.
    observable: Vec<bool>,
    /// The names of the elements of each `Param` sort, by sort id.
    element_names: HashMap<SortId, Vec<Name>>,
    memo: HashMap<(OpId, Vec<Value>), Option<Value>>,
    fuel: usize,
    depth: usize,
}

/// Steps of evaluation allowed for one application (keeps evaluation total).
const FUEL: usize = 200_000;
/// Nesting of applications allowed (keeps the stack bounded: `a + s(b)` recurses `b`
/// times, and values such as `sum(sum(3))` are large).
const MAX_DEPTH: usize = 1_000;
/// Most opaque elements sampled for one sort variable.
pub const MAX_ELEMENTS: usize = 8;
/// Opaque elements a sample of *another* sort is built from (`List('a)`): few, so that
/// the sample reaches lists of two and three elements, which tell `rev(l)` from `l`,
/// before the count is filled with one-element lists.
const ELEMENTS_INSIDE: usize = 2;

/// The name of the `k`-th (from 0) opaque element of the sort variable `sort` (`'a.1`).
pub fn element_name(sort: &str, k: usize) -> String {
    format!("{sort}.{}", k + 1)
}

/// Whether `sort` is a sort variable (sampled as opaque elements).
pub fn is_param(theory: &Theory, sort: SortId) -> bool {
    theory.sort(sort).shape == SortShape::Param
}

/// Whether `sort` is a function sort (sampled among closures).
pub fn is_function(theory: &Theory, sort: SortId) -> bool {
    matches!(theory.sort(sort).shape, SortShape::Function { .. })
}

/// The closure formers of a theory: operators into a function sort that head no
/// equational axiom (lifted lambdas `lam.N`, combinators such as `compose` defined by
/// their applications only).
pub fn closure_formers(theory: &Theory) -> BTreeSet<OpId> {
    let heads: BTreeSet<OpId> = axiom_equations(theory)
        .iter()
        .filter_map(|e| match &e.lhs {
            Term::App(f, _) => Some(*f),
            Term::Var(_) => None,
        })
        .collect();
    (0..theory.operators.len())
        .map(|i| OpId(i as u32))
        .filter(|f| {
            let op = theory.op(*f);
            !op.constructor && is_function(theory, op.result) && !heads.contains(f)
        })
        .collect()
}

fn is_pattern(theory: &Theory, formers: &BTreeSet<OpId>, t: &Term) -> bool {
    match t {
        Term::Var(_) => true,
        Term::App(f, args) => {
            (theory.op(*f).constructor || formers.contains(f))
                && args.iter().all(|a| is_pattern(theory, formers, a))
        }
    }
}

impl Evaluator {
    /// An evaluator for `theory`'s defining equations.
    pub fn new(theory: &Theory) -> Evaluator {
        let closure_formers = closure_formers(theory);
        let mut defs: HashMap<OpId, Vec<Definition>> = HashMap::new();
        for eq in axiom_equations(theory).into_iter().filter(|e| e.is_plain()) {
            if let Term::App(f, args) = &eq.lhs {
                if !theory.op(*f).constructor
                    && args.iter().all(|a| is_pattern(theory, &closure_formers, a))
                {
                    defs.entry(*f).or_default().push(Definition {
                        args: args.clone(),
                        rhs: eq.rhs.clone(),
                    });
                }
            }
        }
        let mut theory = theory.clone();
        let mut element_names = HashMap::new();
        for i in 0..theory.sorts.len() {
            let sort = SortId(i as u32);
            if is_param(&theory, sort) {
                let name = theory.sort(sort).name.clone();
                let names = (0..MAX_ELEMENTS)
                    .map(|k| theory.intern(&element_name(&name, k)))
                    .collect();
                element_names.insert(sort, names);
            }
        }
        Evaluator {
            theory,
            defs,
            closure_formers,
            nodes: Vec::new(),
            ids: HashMap::new(),
            observable: Vec::new(),
            element_names,
            memo: HashMap::new(),
            fuel: FUEL,
            depth: 0,
        }
    }

    fn node(&mut self, node: Node) -> Value {
        if let Some(v) = self.ids.get(&node) {
            return *v;
        }
        let v = Value(self.nodes.len() as u32);
        let observable = match &node {
            Node::Cons(_, args) => args.iter().all(|a| self.observable[a.0 as usize]),
            Node::Element(..) => true,
            Node::Closure(..) => false,
        };
        self.observable.push(observable);
        self.nodes.push(node.clone());
        self.ids.insert(node, v);
        v
    }

    fn cons(&mut self, c: OpId, args: Vec<Value>) -> Value {
        if self.closure_formers.contains(&c) {
            self.node(Node::Closure(c, args))
        } else {
            self.node(Node::Cons(c, args))
        }
    }

    /// Whether `v` contains no closure (see the module's invariants).
    pub fn is_observable(&self, v: Value) -> bool {
        self.observable[v.0 as usize]
    }

    /// What builds the values of `sort`: its constructors, or for a function sort its
    /// closure formers (none for a sort variable or an uninterpreted sort).
    fn producers(&self, sort: SortId) -> Vec<OpId> {
        if is_function(&self.theory, sort) {
            self.closure_formers
                .iter()
                .copied()
                .filter(|f| self.theory.op(*f).result == sort)
                .collect()
        } else {
            self.theory.sort(sort).constructors.clone()
        }
    }

    /// The values of `sort` in order of increasing size, up to `count` of them (for
    /// `N = 0 | s(N)`: 0, s(0), s(s(0)), ...). Constructors with arguments of other sorts
    /// take their values from those sorts (for lists over N: nil, cons(0, nil),
    /// cons(0, cons(0, nil)), cons(s(0), nil), ...); all sorts grow together,
    /// breadth-first, each up to `count` values. A sort variable has `count` (at most
    /// [`MAX_ELEMENTS`]) opaque elements, and values of other sorts are built from at
    /// most [`ELEMENTS_INSIDE`] of them; a function sort the closures its closure
    /// formers make.
    pub fn ground_values(&mut self, sort: SortId, count: usize) -> Vec<Value> {
        let n_sorts = self.theory.sorts.len();
        let mut pools: Vec<Vec<Value>> = vec![Vec::new(); n_sorts];
        for (i, pool) in pools.iter_mut().enumerate() {
            let s = SortId(i as u32);
            if is_param(&self.theory, s) {
                let n = if s == sort {
                    count.min(MAX_ELEMENTS)
                } else {
                    count.min(ELEMENTS_INSIDE)
                };
                *pool = (0..n as u32)
                    .map(|k| self.node(Node::Element(s, k)))
                    .collect();
            }
        }
        let producers: Vec<Vec<OpId>> = (0..n_sorts)
            .map(|i| self.producers(SortId(i as u32)))
            .collect();
        for _generation in 0..=count {
            let before = pools.clone();
            let mut grew = false;
            for (pool, ops) in pools.iter_mut().zip(&producers) {
                for &c in ops {
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

    /// Applies operator `f` to values; `None` if unknown or not observable.
    pub fn apply(&mut self, f: OpId, args: &[Value]) -> Option<Value> {
        self.apply_raw(f, args).filter(|v| self.is_observable(*v))
    }

    fn apply_raw(&mut self, f: OpId, args: &[Value]) -> Option<Value> {
        if self.theory.op(f).constructor || self.closure_formers.contains(&f) {
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
                result = self.eval_raw(&rhs, &env);
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
            Term::App(c, ps) => match &self.nodes[v.0 as usize] {
                Node::Cons(vc, vargs) | Node::Closure(vc, vargs) => {
                    *vc == *c
                        && ps.len() == vargs.len()
                        && ps
                            .iter()
                            .zip(vargs.clone())
                            .all(|(p, w)| self.matches(p, w, env))
                }
                Node::Element(..) => false,
            },
        }
    }

    /// The value of `t` with its variables bound by `env`; `None` if unknown or not
    /// observable.
    pub fn eval(&mut self, t: &Term, env: &[(Var, Value)]) -> Option<Value> {
        self.eval_raw(t, env).filter(|v| self.is_observable(*v))
    }

    fn eval_raw(&mut self, t: &Term, env: &[(Var, Value)]) -> Option<Value> {
        match t {
            Term::Var(x) => env.iter().find(|(y, _)| y == x).map(|(_, v)| *v),
            Term::App(f, args) => {
                let mut vs = Vec::with_capacity(args.len());
                for a in args {
                    vs.push(self.eval_raw(a, env)?);
                }
                self.apply_raw(*f, &vs)
            }
        }
    }

    /// Resets the fuel (call once per independent evaluation task).
    pub fn refuel(&mut self) {
        self.fuel = FUEL;
    }

    /// A value as a term of the theory: constructors and closure formers, an element of
    /// a sort variable as a variable named [`element_name`] (interned by the evaluator's
    /// theory, and by `conjecture::with_variables`, in the same order).
    pub fn to_term(&self, v: Value) -> Term {
        match &self.nodes[v.0 as usize] {
            Node::Cons(c, args) | Node::Closure(c, args) => {
                Term::App(*c, args.iter().map(|a| self.to_term(*a)).collect())
            }
            Node::Element(sort, k) => Term::Var(Var {
                name: self.element_names[sort][*k as usize],
                sort: *sort,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpl::SortShape;

    /// Lists over `A`, made a sort variable, with `F` a function sort `A -> A` whose
    /// one closure former is the identity `lam0`, applied by `ap`.
    fn theory() -> Theory {
        let t = crate::mpl::load_str(
            std::path::Path::new("t.mpl"),
            "sort A; sort F; inductive List = nil | cons(A, List);
             op ap(F, A) -> A; op lam0 -> F;
             axiom lam0_def: (>[x] (=[ap(lam0, x), x]));",
        )
        .unwrap();
        let mut sig = (**t.signature()).clone();
        let (a, f) = (
            sig.sort_by_name("A").unwrap(),
            sig.sort_by_name("F").unwrap(),
        );
        sig.sorts[a.0 as usize].shape = SortShape::Param;
        sig.sorts[f.0 as usize].shape = SortShape::Function { from: a, to: a };
        Theory::new(sig, (**t.source()).clone())
    }

    #[test]
    fn a_sort_variable_has_distinct_opaque_elements_and_lists_of_them() {
        let th = theory();
        let mut eval = Evaluator::new(&th);
        let a = th.sort_by_name("A").unwrap();
        let elems = eval.ground_values(a, 3);
        assert_eq!(elems.len(), 3);
        assert!(elems[0] != elems[1] && elems[1] != elems[2]);
        let printed = crate::mpl::print::term(&eval.theory, &eval.to_term(elems[1]));
        assert_eq!(printed, "A.2");
        let lists = eval.ground_values(th.sort_by_name("List").unwrap(), 8);
        assert_eq!(lists.len(), 8);
        // Lists of two distinct elements are among the first eight (they tell a list
        // from its reverse).
        let shown: Vec<String> = lists
            .iter()
            .map(|l| crate::mpl::print::term(&eval.theory, &eval.to_term(*l)))
            .collect();
        assert!(
            shown.iter().any(|s| s.contains("A.1") && s.contains("A.2")),
            "{shown:?}"
        );
    }

    #[test]
    fn closures_are_applied_but_never_observed() {
        let th = theory();
        let mut eval = Evaluator::new(&th);
        let f = th.sort_by_name("F").unwrap();
        let a = th.sort_by_name("A").unwrap();
        let closures = eval.ground_values(f, 3);
        assert_eq!(closures.len(), 1, "lam0 only");
        assert!(!eval.is_observable(closures[0]));
        let lam0 = th.op_by_name("lam0").unwrap();
        assert_eq!(eval.apply(lam0, &[]), None);
        let e = eval.ground_values(a, 1)[0];
        let ap = th.op_by_name("ap").unwrap();
        assert_eq!(eval.apply(ap, &[closures[0], e]), Some(e));
    }
}
