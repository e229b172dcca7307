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
//!   constructors;
//! - a *sampled function*: a value of a `Function` sort `A -> B` given as a finite table
//!   from a few sampled values of `A` to values of `B`, with a default for every other
//!   argument, so that it is a total function ([`Evaluator::sampled_functions`]).
//!   Application `@` of a table is a lookup. A function sort has up to
//!   [`MAX_SAMPLED`] of them (a varied table, its rotation, then the constant ones:
//!   for `'a -> Bool`, `Bool` being `true | false`: false on `'a.2` only, true on
//!   `'a.2` only, all-true and all-false), after the closures without arguments and
//!   before the others, so a variable of a function sort has values even in a theory
//!   without closure formers (TIP's `map(f, xs)`). The keys are those of the first
//!   [`SAMPLED_KEYS`] values of `A` that are observable (none when `A`'s values contain
//!   closures: then only constant tables, which are functions whatever equality on `A`
//!   is), the entries the first two values of `B`.
//!
//! **Soundness of sampled functions.** A table is a total function: on its keys its
//! entries, elsewhere its default. Its keys are observable values, so two arguments
//! that the lookup tells apart denote different elements (constructor terms are
//! distinct, and the elements of a sort variable are chosen distinct, as above); an
//! unobservable argument differs from every observable key in its constructors (a
//! closure sits where the key would need a value of a function sort, which is never
//! observable), so the default is right for it too. Hence in every model of the
//! constructor kind in which the sort variables have exactly the sampled elements (or
//! more), with the full function space at each function sort, the table denotes one
//! function, `@` of it is that function's value, and an equation that evaluates to two
//! different observable values on an instance with a table is false in that model: a
//! real counterexample. Like an element of a sort variable, a table is not a term of the
//! theory, so such a counterexample is reported but not certified
//! ([`super::refute::certify`]).
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
//!   counterexample. A sampled function is unobservable for the same reason. Closures
//!   and tables only reach callers as the sampled values of variables of a function sort
//!   ([`Evaluator::ground_values`]);
//! - a function sort has sampled functions whenever its result sort has values
//!   (`conjecture::has_values`); a theory without function sorts evaluates exactly as
//!   without them.
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
use rustc_hash::FxHashMap;
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
    /// A sampled function of the function sort `sort`: `entries` (key, value) with keys
    /// observable and distinct and values different from `default`, which is the value
    /// everywhere else.
    Table {
        sort: SortId,
        entries: Vec<(Value, Value)>,
        default: Value,
    },
}

struct Definition {
    args: Vec<Term>,
    rhs: Term,
}

/// Evaluates terms on ground instances.
pub struct Evaluator {
    theory: Theory,
    defs: FxHashMap<OpId, std::sync::Arc<[Definition]>>,
    /// Operators into a function sort without a defining equation of their own.
    closure_formers: BTreeSet<OpId>,
    nodes: Vec<Node>,
    ids: FxHashMap<Node, Value>,
    /// Whether each node contains no closure, by value id.
    observable: Vec<bool>,
    /// The names of the elements of each `Param` sort, by sort id.
    element_names: HashMap<SortId, Vec<Name>>,
    /// The instances of the application scheme `@`.
    apply_ops: BTreeSet<OpId>,
    /// The sampled functions of each function sort, built on first use.
    sampled: HashMap<SortId, Vec<Value>>,
    /// The names of the sampled functions of each function sort (for [`Self::to_term`]).
    sampled_names: HashMap<SortId, Vec<Name>>,
    /// Results by operator and arguments (at most [`MEMO_ARITY`] of them, padded);
    /// `memo_wide` for more.
    memo: FxHashMap<(OpId, [Value; MEMO_ARITY]), Option<Value>>,
    memo_wide: FxHashMap<(OpId, Vec<Value>), Option<Value>>,
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
/// Arguments of an application memoized without allocating (padded with
/// [`NO_VALUE`]); wider ones go to a second table.
const MEMO_ARITY: usize = 4;
/// Padding of a memo key: no value has this id.
const NO_VALUE: Value = Value(u32::MAX);

/// `args` padded to [`MEMO_ARITY`]; `None` if there are more.
fn padded(args: &[Value]) -> Option<[Value; MEMO_ARITY]> {
    let mut key = [NO_VALUE; MEMO_ARITY];
    key.get_mut(..args.len())?.copy_from_slice(args);
    Some(key)
}

/// Most sampled functions of one function sort.
pub const MAX_SAMPLED: usize = 4;
/// Arguments a sampled function has entries for (the first values of its argument
/// sort): two tell `'a.1` from `'a.2`, enough for lists of two distinct elements.
const SAMPLED_KEYS: usize = 2;

/// The name of the `k`-th (from 0) opaque element of the sort variable `sort` (`'a.1`).
pub fn element_name(sort: &str, k: usize) -> String {
    format!("{sort}.{}", k + 1)
}

/// The name of the `k`-th (from 0) sampled function of the function sort `sort`
/// (`('a -> Bool).1`): it shows a counterexample's table as a variable, like an element.
pub fn sampled_name(sort: &str, k: usize) -> String {
    format!("({sort}).{}", k + 1)
}

/// The name of the application scheme (`docs/logic.md`, section 1): its instances
/// apply a sampled function by lookup.
const APPLY: &str = "@";

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
        let mut by_op: HashMap<OpId, Vec<Definition>> = HashMap::new();
        for eq in axiom_equations(theory).into_iter().filter(|e| e.is_plain()) {
            if let Term::App(f, args) = &eq.lhs {
                if !theory.op(*f).constructor
                    && args.iter().all(|a| is_pattern(theory, &closure_formers, a))
                {
                    by_op.entry(*f).or_default().push(Definition {
                        args: args.clone(),
                        rhs: eq.rhs.clone(),
                    });
                }
            }
        }
        let mut theory = theory.clone();
        let mut element_names = HashMap::new();
        let mut sampled_names = HashMap::new();
        for i in 0..theory.sorts.len() {
            let sort = SortId(i as u32);
            let name = theory.sort(sort).name.clone();
            if is_param(&theory, sort) {
                let names = (0..MAX_ELEMENTS)
                    .map(|k| theory.intern(&element_name(&name, k)))
                    .collect();
                element_names.insert(sort, names);
            } else if is_function(&theory, sort) {
                let names = (0..MAX_SAMPLED)
                    .map(|k| theory.intern(&sampled_name(&name, k)))
                    .collect();
                sampled_names.insert(sort, names);
            }
        }
        let apply_ops = (0..theory.operators.len())
            .map(|i| OpId(i as u32))
            .filter(|f| {
                theory
                    .op(*f)
                    .instance
                    .as_ref()
                    .is_some_and(|i| i.scheme == APPLY)
            })
            .collect();
        Evaluator {
            theory,
            defs: by_op.into_iter().map(|(f, d)| (f, d.into())).collect(),
            closure_formers,
            nodes: Vec::new(),
            ids: FxHashMap::default(),
            observable: Vec::new(),
            element_names,
            apply_ops,
            sampled: HashMap::new(),
            sampled_names,
            memo: FxHashMap::default(),
            memo_wide: FxHashMap::default(),
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
            Node::Closure(..) | Node::Table { .. } => false,
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

    /// `t` unfolded by one step at its root: the right side of the first defining
    /// equation whose arguments match `t`'s (`leq(s(x), s(y))` gives `leq(x, y)`,
    /// `x * s(y)` gives `x * y + x`); `None` if no definition applies there.
    pub fn unfold(&self, t: &Term) -> Option<Term> {
        let Term::App(f, args) = t else {
            return None;
        };
        self.defs.get(f)?.iter().find_map(|d| {
            let mut subst = Vec::new();
            d.args
                .iter()
                .zip(args)
                .all(|(p, a)| super::generality::matches(p, a, &mut subst))
                .then(|| crate::proof::clause::instance(&d.rhs, &subst))
        })
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
    /// formers make in the first generation (without arguments), then its sampled
    /// functions ([`Self::sampled_functions`]), then the other closures.
    pub fn ground_values(&mut self, sort: SortId, count: usize) -> Vec<Value> {
        let tables: Vec<Vec<Value>> = (0..self.theory.sorts.len())
            .map(|i| self.sampled_functions(SortId(i as u32)))
            .collect();
        self.values(sort, count, &tables)
    }

    /// [`Self::ground_values`] with `tables[s]` the sampled functions of each sort `s`.
    fn values(&mut self, sort: SortId, count: usize, tables: &[Vec<Value>]) -> Vec<Value> {
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
        for generation in 0..=count {
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
            if generation == 0 {
                // After the closures made in the first generation (those without
                // arguments, or with elements of sort variables only), before any built
                // from other values.
                for (pool, sampled) in pools.iter_mut().zip(tables) {
                    for v in sampled {
                        if pool.len() < count && !pool.contains(v) {
                            pool.push(*v);
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

    /// The sampled functions of `sort` (none unless it is a function sort `A -> B` whose
    /// `B` has values), in a fixed order, at most [`MAX_SAMPLED`] and pairwise
    /// different: with keys `k1, k2` (the first observable values of `A`, see
    /// [`SAMPLED_KEYS`]) and entries `b1, b2` (the first values of `B`, closures and
    /// tables included: a table may return functions),
    /// 1. `k2 -> b2`, else `b1` (varied);
    /// 2. `k2 -> b1`, else `b2` (its rotation);
    /// 3. `b1` everywhere; 4. `b2` everywhere.
    ///
    /// Built from the values of `A` and `B` without sampled functions (those of `B`
    /// when it is a function sort itself, a smaller one), so the recursion ends.
    pub fn sampled_functions(&mut self, sort: SortId) -> Vec<Value> {
        if let Some(done) = self.sampled.get(&sort) {
            return done.clone();
        }
        let SortShape::Function { from, to } = self.theory.sort(sort).shape else {
            return Vec::new();
        };
        let no_tables = vec![Vec::new(); self.theory.sorts.len()];
        let keys: Vec<Value> = self
            .values(from, SAMPLED_KEYS, &no_tables)
            .into_iter()
            .filter(|k| self.is_observable(*k))
            .collect();
        let mut results = self.values(to, 2, &no_tables);
        if is_function(&self.theory, to) {
            for t in self.sampled_functions(to) {
                if results.len() < 2 && !results.contains(&t) {
                    results.push(t);
                }
            }
        }
        let mut out: Vec<Value> = Vec::new();
        if let Some(&first) = results.first() {
            let second = *results.get(1).unwrap_or(&first);
            let rotations = [(first, second), (second, first)];
            let mut tables: Vec<(Vec<(Value, Value)>, Value)> = rotations
                .iter()
                .map(|&(a, b)| {
                    // k1 -> a, k2 -> b, ...: the i-th key to the i-th of a, b, a, ...
                    let entries = keys
                        .iter()
                        .enumerate()
                        .map(|(i, k)| (*k, if i % 2 == 0 { a } else { b }))
                        .filter(|(_, v)| *v != a)
                        .collect();
                    (entries, a)
                })
                .collect();
            tables.push((Vec::new(), first));
            tables.push((Vec::new(), second));
            for (entries, default) in tables.into_iter().take(MAX_SAMPLED) {
                let v = self.node(Node::Table {
                    sort,
                    entries,
                    default,
                });
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
        self.sampled.insert(sort, out.clone());
        out
    }

    /// The value of the sampled function `table` at `arg` (a lookup); `None` if `table`
    /// is not a sampled function.
    fn lookup(&self, table: Value, arg: Value) -> Option<Value> {
        match &self.nodes[table.0 as usize] {
            Node::Table {
                entries, default, ..
            } => Some(
                entries
                    .iter()
                    .find(|(k, _)| *k == arg)
                    .map_or(*default, |(_, v)| *v),
            ),
            _ => None,
        }
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

    /// The value of the constant `f`, observable or not: a function-valued constant
    /// (a lifted lambda without free variables, `lam.0`) is a closure. Only for a value
    /// that is to be passed on as an argument, never for comparing two terms'
    /// values (see the module's invariants).
    pub fn constant(&mut self, f: OpId) -> Option<Value> {
        self.apply_raw(f, &[])
    }

    fn apply_raw(&mut self, f: OpId, args: &[Value]) -> Option<Value> {
        if self.theory.op(f).constructor || self.closure_formers.contains(&f) {
            return Some(self.cons(f, args.to_vec()));
        }
        if self.apply_ops.contains(&f) {
            if let [table, arg] = args {
                if let Some(v) = self.lookup(*table, *arg) {
                    return Some(v);
                }
            }
        }
        if let Some(v) = self.memoized(f, args) {
            return v;
        }
        if self.fuel == 0 || self.depth >= MAX_DEPTH {
            return None;
        }
        self.fuel -= 1;
        self.depth += 1;
        let defs = self.defs.get(&f).cloned();
        let mut result = None;
        for def in defs.iter().flat_map(|d| d.iter()) {
            let mut env: Vec<(Var, Value)> = Vec::new();
            if def
                .args
                .iter()
                .zip(args)
                .all(|(p, v)| self.matches(p, *v, &mut env))
            {
                result = self.eval_raw(&def.rhs, &env);
                break;
            }
        }
        self.depth -= 1;
        self.memoize(f, args, result);
        result
    }

    /// The memoized result of `f` on `args`, if any.
    fn memoized(&self, f: OpId, args: &[Value]) -> Option<Option<Value>> {
        match padded(args) {
            Some(key) => self.memo.get(&(f, key)).copied(),
            None => self.memo_wide.get(&(f, args.to_vec())).copied(),
        }
    }

    fn memoize(&mut self, f: OpId, args: &[Value], result: Option<Value>) {
        match padded(args) {
            Some(key) => self.memo.insert((f, key), result),
            None => self.memo_wide.insert((f, args.to_vec()), result),
        };
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
                Node::Element(..) | Node::Table { .. } => false,
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
    /// theory, and by `conjecture::with_variables`, in the same order), a sampled
    /// function likewise as a variable named [`sampled_name`] (it is no term of the
    /// theory).
    pub fn to_term(&self, v: Value) -> Term {
        match &self.nodes[v.0 as usize] {
            Node::Cons(c, args) | Node::Closure(c, args) => {
                Term::App(*c, args.iter().map(|a| self.to_term(*a)).collect())
            }
            Node::Element(sort, k) => Term::Var(Var {
                name: self.element_names[sort][*k as usize],
                sort: *sort,
            }),
            Node::Table { sort, .. } => {
                let k = self.sampled[sort]
                    .iter()
                    .position(|t| *t == v)
                    .expect("a table is one of its sort's sampled functions");
                Term::Var(Var {
                    name: self.sampled_names[sort][k],
                    sort: *sort,
                })
            }
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
        // The closure lam0 first, then sampled functions.
        assert_eq!(closures.len(), 3);
        assert_eq!(
            closures[0],
            eval.constant(th.op_by_name("lam0").unwrap()).unwrap()
        );
        assert!(closures.iter().all(|c| !eval.is_observable(*c)));
        let lam0 = th.op_by_name("lam0").unwrap();
        assert_eq!(eval.apply(lam0, &[]), None);
        let e = eval.ground_values(a, 1)[0];
        let ap = th.op_by_name("ap").unwrap();
        assert_eq!(eval.apply(ap, &[closures[0], e]), Some(e));
    }

    /// Polymorphic lists with `map` and `filter`: function sorts `'a -> 'b` and
    /// `'a -> Bool` without any closure former.
    fn lists_with_functions() -> Theory {
        crate::mpl::load_str(
            std::path::Path::new("t.mpl"),
            "inductive List('a) = nil | cons('a, List('a));
             op map('a -> 'b, List('a)) -> List('b);
             op filter('a -> Bool, List('a)) -> List('a);
             axiom map_nil: (>[f] (=[map(f, nil), nil]));
             axiom map_cons: (>[f,x,l] (=[map(f, cons(x, l)), cons(f(x), map(f, l))]));
             axiom filter_nil: (>[p] (=[filter(p, nil), nil]));
             axiom filter_cons: (>[p,x,l] (=[filter(p, cons(x, l)),
                 ite(p(x), cons(x, filter(p, l)), filter(p, l))]));",
        )
        .unwrap()
    }

    fn shown(eval: &Evaluator, v: Option<Value>) -> String {
        v.map_or("unknown".into(), |v| {
            crate::mpl::print::term(&eval.theory, &eval.to_term(v))
        })
    }

    /// The instance of `scheme` whose first argument is of sort `first`.
    fn instance(th: &Theory, scheme: &str, first: SortId) -> OpId {
        (0..th.operators.len())
            .map(|i| OpId(i as u32))
            .find(|f| {
                let op = th.op(*f);
                op.instance.as_ref().is_some_and(|i| i.scheme == scheme) && op.args[0] == first
            })
            .unwrap()
    }

    #[test]
    fn a_sampled_function_is_applied_by_lookup() {
        let th = lists_with_functions();
        let mut eval = Evaluator::new(&th);
        let fun = th.sort_by_name("'a -> 'b").unwrap();
        assert!(closure_formers(&th).is_empty());
        let tables = eval.ground_values(fun, 8);
        assert_eq!(tables.len(), MAX_SAMPLED, "four different tables");
        let ap = instance(&th, "@", fun);
        let a = eval.ground_values(th.sort_by_name("'a").unwrap(), 3);
        let at = |eval: &mut Evaluator, t: usize| -> Vec<String> {
            a.iter()
                .map(|x| {
                    let v = eval.apply(ap, &[tables[t], *x]);
                    shown(eval, v)
                })
                .collect()
        };
        // 'a.2 to 'b.2, every other element (a key or not) to the default 'b.1; then
        // the rotation, then the constants.
        assert_eq!(at(&mut eval, 0), ["'b.1", "'b.2", "'b.1"]);
        assert_eq!(at(&mut eval, 1), ["'b.2", "'b.1", "'b.2"]);
        assert_eq!(at(&mut eval, 2), ["'b.1", "'b.1", "'b.1"]);
        assert_eq!(at(&mut eval, 3), ["'b.2", "'b.2", "'b.2"]);
        // map over a list evaluates through the lookups, to an observable list.
        let map = instance(&th, "map", fun);
        let lists = eval.ground_values(th.sort_by_name("List('a)").unwrap(), 8);
        let both = lists
            .iter()
            .copied()
            .find(|l| shown(&eval, Some(*l)) == "cons('a.1, cons('a.2, nil))")
            .unwrap();
        let mapped = eval.apply(map, &[tables[0], both]);
        assert_eq!(shown(&eval, mapped), "cons('b.1, cons('b.2, nil))");
    }

    #[test]
    fn predicates_are_mixed_then_constant() {
        let th = lists_with_functions();
        let mut eval = Evaluator::new(&th);
        let pred = th.sort_by_name("'a -> Bool").unwrap();
        let tables = eval.ground_values(pred, 4);
        let filter = instance(&th, "filter", pred);
        let lists = eval.ground_values(th.sort_by_name("List('a)").unwrap(), 8);
        let both = lists
            .iter()
            .copied()
            .find(|l| shown(&eval, Some(*l)) == "cons('a.1, cons('a.2, nil))")
            .unwrap();
        let kept: Vec<String> = tables
            .iter()
            .map(|p| {
                let v = eval.apply(filter, &[*p, both]);
                shown(&eval, v)
            })
            .collect();
        let mut sorted = kept.clone();
        sorted.sort();
        // Each of the four keeps a different part of the list: none, 'a.1 only, 'a.2
        // only, both.
        assert_eq!(
            sorted,
            [
                "cons('a.1, cons('a.2, nil))",
                "cons('a.1, nil)",
                "cons('a.2, nil)",
                "nil"
            ],
            "{kept:?}"
        );
    }

    #[test]
    fn a_sampled_function_is_never_observable() {
        let th = lists_with_functions();
        let mut eval = Evaluator::new(&th);
        let fun = th.sort_by_name("'a -> 'b").unwrap();
        for t in eval.ground_values(fun, 4) {
            assert!(!eval.is_observable(t));
            let mut th = th.clone();
            let f = Var {
                name: th.intern("f"),
                sort: fun,
            };
            assert_eq!(eval.eval(&Term::Var(f), &[(f, t)]), None);
            // As a term it is a variable named after its sort and rank.
            let printed = shown(&eval, Some(t));
            assert!(printed.starts_with("('a -> 'b)."), "{printed}");
        }
    }

    #[test]
    fn sampled_functions_are_deterministic() {
        let th = lists_with_functions();
        let run = |order: &[&str]| -> Vec<String> {
            let mut eval = Evaluator::new(&th);
            // Other sorts sampled first, in another order, change nothing.
            for name in order {
                eval.ground_values(th.sort_by_name(name).unwrap(), 5);
            }
            let fun = th.sort_by_name("'a -> 'b").unwrap();
            let ap = instance(&th, "@", fun);
            let a = eval.ground_values(th.sort_by_name("'a").unwrap(), 4);
            let tables = eval.ground_values(fun, 4);
            assert_eq!(eval.ground_values(fun, 2), tables[..2]);
            tables
                .iter()
                .flat_map(|t| a.iter().map(move |x| (*t, *x)))
                .map(|(t, x)| {
                    let v = eval.apply(ap, &[t, x]);
                    format!("{} {}", shown(&eval, Some(t)), shown(&eval, v))
                })
                .collect()
        };
        let first = run(&[]);
        assert_eq!(first.len(), 16);
        assert_eq!(first, run(&["List('a)", "'a -> Bool", "'b"]));
    }
}
