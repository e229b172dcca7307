//! Conditional and negative conjectures supported by ground evaluation (for `ergo
//! derive`): Horn facts `∀ vars. p = q -> a = b` and negations `∀ vars. t != u`.
//!
//! Terms are enumerated by size over the signature as in the equational conjecturer
//! ([`super::conjecture`]): a term of size `n` is an operator applied to
//! *representatives* (the first term of each value bucket) of smaller sizes, and it is
//! kept when no strictly smaller term has the same values on the ground instances (so
//! `x + 0` is dropped, while `y + x` and `x + s(y)` are kept next to `x + y` and
//! `s(x + y)`: conditional facts are wanted in the forms a proof uses).
//!
//! - **Horn facts**: a premise `p = q` between two kept terms of size at most
//!   [`ConditionalConfig::max_premise_size`], a conclusion `a = b` between two variables
//!   of the premise, or a variable of the premise and a constant of its sort.
//! - **Negations**: `t != u` between two kept terms of the same sort, with
//!   `size(t) + size(u) <= ` [`ConditionalConfig::max_negation_size`] and at least one
//!   side not ground.
//!
//! Invariants:
//! - *never vacuous*: the premise of every Horn fact holds on at least
//!   [`ConditionalConfig::min_support`] ground instances (its `support`), and fails on at
//!   least one (else it would be an equation, the equational conjecturer's business);
//! - *supported*: every candidate is checked on every assignment of the first
//!   [`ConditionalConfig::check_values_per_sort`] values of each sort to its own
//!   variables (at most [`ConditionalConfig::max_instances`] of them, spread
//!   deterministically when there are more): a Horn fact's conclusion holds on every
//!   instance where its premise holds and fails on some instance (instances where the
//!   premise is undefined are skipped); a negation's sides are defined and differ on
//!   every instance. The check uses more values than the bucketing, because a premise
//!   such as `x * x = y + y` holds on few small instances (`0, 0` and `2, 2`, but also
//!   `4, 8`). A candidate must also pass on the sampled instances terms are bucketed
//!   with (a prefilter). A false candidate can only come from too few instances;
//! - never `t = t` as a premise, never a conclusion equal to its premise (`x = y -> x =
//!   y`); the variables of a Horn fact are exactly those of its premise;
//! - deduplicated up to renaming of variables and symmetry of `=` and `!=`: variables
//!   are named by first occurrence (the left side first) with the conjecturer's names
//!   ([`super::conjecture::with_variables`]), the larger side of the premise (of a
//!   negation) goes left, a conclusion has its variable (its first variable) on the left;
//! - kept small by syntactic prunings of facts that follow from smaller ones by the
//!   constructor axioms: a premise `c(.., p', ..) = c(.., q', ..)` (same constructor,
//!   all other arguments identical) unless `p'` and `q'` are variables; a Horn fact
//!   `c(p1, .., pn) = c(q1, .., qn) -> pi = qi` unless all the `pj`, `qj` are distinct
//!   variables (injectivity itself, as in `s(x) = s(y) -> x = y`); a negation
//!   `c(.., t', ..) != c(.., u', ..)` or between two different constructors (unless all
//!   their arguments are distinct variables, as in `s(x) != 0`); for one premise, only a
//!   spanning set of the equalities it implies is proposed (`x + y = 0` gives `x = 0` and
//!   `y = 0`, not also `x = y`);
//! - deterministic: the output is sorted by size (of all terms), then by the printed
//!   formula; hash maps are only looked up, never iterated.

use super::conjecture::{
    canonical_renaming, compositions, product, values_for, variable_name, with_variables,
    ConjecturerConfig,
};
use super::eval::{Evaluator, Value};
use crate::mpl::{Formula, Name, OpId, SExpr, SortId, Term, Theory, Var};
use std::collections::{BTreeSet, HashMap};

/// Options of the conditional conjecturer.
#[derive(Clone, Copy, Debug)]
pub struct ConditionalConfig {
    /// Largest size of each side of a Horn fact's premise.
    pub max_premise_size: usize,
    /// Largest `size(t) + size(u)` of a negation `t != u`.
    pub max_negation_size: usize,
    /// Variables per sort (named as the equational conjecturer names them).
    pub vars_per_sort: usize,
    /// Ground values per sort (`0, s(0), ...`) terms are bucketed with; sorts built from
    /// other sorts get three more, as in the equational conjecturer.
    pub values_per_sort: usize,
    /// Ground values per sort (likewise) each candidate is checked with.
    pub check_values_per_sort: usize,
    /// Fewest instances (of the check) on which a premise must hold. One is needed for
    /// premises with a single solution such as `x + y = 0`; the many values of the check
    /// make such facts unlikely to be accidental.
    pub min_support: usize,
    /// Most ground instances a candidate is checked on.
    pub max_instances: usize,
    /// Most ground instances (over all variables at once) terms are bucketed with; a
    /// candidate must also pass there before it is checked on its own instances.
    pub sample_instances: usize,
}

impl Default for ConditionalConfig {
    fn default() -> Self {
        ConditionalConfig {
            max_premise_size: 3,
            max_negation_size: 5,
            vars_per_sort: 3,
            values_per_sort: 5,
            check_values_per_sort: 10,
            min_support: 1,
            max_instances: 20_000,
            sample_instances: 2_000,
        }
    }
}

/// A proposed conditional or negative fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionalConjecture {
    /// Closed: `Forall(vars, Implies(Eq, Eq))` or `Forall(vars, Not(Eq))`.
    pub formula: Formula,
    /// Total number of symbols of its terms.
    pub size: usize,
    /// Instances where the premise holds (negations: instances checked).
    pub support: usize,
    /// Canonical text, unique up to renaming of variables and symmetry.
    pub key: String,
}

/// Proposes the Horn facts and negations of `theory` that hold on its ground instances,
/// over `operators` only when given (constructors of the sorts of those operators, and of
/// the sorts their constructors take, are always allowed; variables are only of those
/// sorts).
///
/// Returns the theory the formulas are over: `theory` with the conjecturer's variable
/// names interned (`with_variables(theory, ..)` with `config.vars_per_sort` variables per
/// sort). Names already interned keep their ids, so when `theory` already has these
/// names (it came from `with_variables`, e.g. an explorer's [`Conjecturer::theory`]), the
/// returned theory equals it and the formulas are valid against `theory` itself.
///
/// [`Conjecturer::theory`]: super::conjecture::Conjecturer::theory
pub fn conditional_conjectures(
    theory: &Theory,
    config: &ConditionalConfig,
    operators: Option<&BTreeSet<OpId>>,
) -> (Theory, Vec<ConditionalConjecture>) {
    let mut gen = Generator::new(theory, config, operators);
    let mut out = gen.horn_facts();
    out.extend(gen.negations());
    out.extend(super::predicate_laws::predicate_laws(
        &gen.theory,
        &gen.vars,
        operators,
    ));
    // Ordered by the printed formula, deliberately: the order is deterministic (it
    // depends on the formulas only), it is the order the conditional phase tries and
    // admits candidates in, and so it fixes theorem names and certificate bytes. A
    // structural order (`Formula`'s derived `Ord`, over operator and name ids) would be
    // as deterministic but would follow declaration and interning order instead, and
    // reorder the candidates, changing committed certificates for no gain; printing
    // once per candidate is cheap next to checking it.
    let mut keyed: Vec<(String, ConditionalConjecture)> = out
        .into_iter()
        .map(|c| (crate::mpl::print::formula(&gen.theory, &c.formula), c))
        .collect();
    keyed.sort_by(|(pa, a), (pb, b)| (a.size, pa, &a.key).cmp(&(b.size, pb, &b.key)));
    (gen.theory, keyed.into_iter().map(|(_, c)| c).collect())
}

/// A kept term with its values on the sampled instances (`None`: undefined).
struct Entry {
    term: Term,
    sort: SortId,
    size: usize,
    values: Vec<Option<Value>>,
}

/// A candidate renamed and oriented canonically: its terms (premise or sides, then
/// conclusion), bound variables and key.
struct Canonical {
    terms: Vec<Term>,
    vars: Vec<Var>,
    key: String,
}

struct Generator {
    theory: Theory,
    config: ConditionalConfig,
    eval: Evaluator,
    /// The variables of the allowed sorts, in the conjecturer's order.
    vars: Vec<Var>,
    /// Allowed constants: 0-ary operators with their value.
    constants: Vec<(OpId, SortId, Option<Value>)>,
    /// Allowed operators with arguments.
    functions: Vec<OpId>,
    /// Sampled instances: one value per variable of `vars`, in that order.
    sample: Vec<Vec<Value>>,
    /// Kept terms (representatives and same-size members of their buckets).
    terms: Vec<Entry>,
    /// Representatives by size, as indices into `terms`.
    reps: Vec<Vec<usize>>,
    /// Bucket (sort and values) to the size of its representative.
    buckets: HashMap<(SortId, Vec<Option<Value>>), usize>,
    /// Canonical keys proposed so far.
    seen: BTreeSet<String>,
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Every assignment of a value of `pools[i]` to variable `i` if there are at most `cap`,
/// else `cap` of them spread deterministically (a stride coprime with their number);
/// the product is never built.
pub(super) fn assignments(pools: &[Vec<Value>], cap: usize) -> Vec<Vec<Value>> {
    let total = pools
        .iter()
        .try_fold(1u128, |acc, p| acc.checked_mul(p.len() as u128))
        .unwrap_or(u128::MAX);
    if total == 0 {
        return Vec::new();
    }
    let decode = |mut i: u128| -> Vec<Value> {
        let mut out = vec![Value(0); pools.len()];
        for (k, p) in pools.iter().enumerate().rev() {
            let n = p.len() as u128;
            out[k] = p[(i % n) as usize];
            i /= n;
        }
        out
    };
    if total <= cap as u128 {
        return (0..total).map(decode).collect();
    }
    let mut stride = super::conjecture::golden_stride(total);
    while gcd(stride, total) != 1 {
        stride += 1;
    }
    (0..cap as u128)
        .map(|j| decode((j * stride) % total))
        .collect()
}

/// If `p` and `q` apply the same constructor to arguments that differ in exactly one
/// position, those two arguments.
fn injective_reduct<'a>(theory: &Theory, p: &'a Term, q: &'a Term) -> Option<(&'a Term, &'a Term)> {
    match (p, q) {
        (Term::App(f, ps), Term::App(g, qs)) if f == g && theory.op(*f).constructor => {
            let mut diff = ps.iter().zip(qs).filter(|(a, b)| a != b);
            let first = diff.next()?;
            diff.next().is_none().then_some(first)
        }
        _ => None,
    }
}

/// Whether `t != u` is an instance of the distinctness of two constructors, other than
/// the most general one (all arguments distinct variables, as in `s(x) != 0`).
fn distinctness_instance(theory: &Theory, t: &Term, u: &Term) -> bool {
    match (t, u) {
        (Term::App(f, ts), Term::App(g, us))
            if f != g && theory.op(*f).constructor && theory.op(*g).constructor =>
        {
            let mut seen = Vec::new();
            !ts.iter().chain(us).all(|a| match a {
                Term::Var(v) if !seen.contains(v) => {
                    seen.push(*v);
                    true
                }
                _ => false,
            })
        }
        _ => false,
    }
}

/// Whether `p = q -> a = b` is `c(p1, .., pn) = c(q1, .., qn) -> pi = qi` (`c` a
/// constructor) other than injectivity itself (all arguments distinct variables).
fn injectivity_instance(theory: &Theory, p: &Term, q: &Term, a: &Term, b: &Term) -> bool {
    match (p, q) {
        (Term::App(f, ps), Term::App(g, qs)) if f == g && theory.op(*f).constructor => {
            let position = ps
                .iter()
                .zip(qs)
                .any(|(x, y)| (x == a && y == b) || (x == b && y == a));
            let mut seen = Vec::new();
            let general = ps.iter().chain(qs).all(|t| match t {
                Term::Var(v) if !seen.contains(v) => {
                    seen.push(*v);
                    true
                }
                _ => false,
            });
            position && !general
        }
        _ => false,
    }
}

fn is_ground(t: &Term) -> bool {
    match t {
        Term::Var(_) => false,
        Term::App(_, args) => args.iter().all(is_ground),
    }
}

impl Generator {
    fn new(
        theory: &Theory,
        config: &ConditionalConfig,
        operators: Option<&BTreeSet<OpId>>,
    ) -> Generator {
        let mut theory = with_variables(
            theory,
            &ConjecturerConfig {
                vars_per_sort: config.vars_per_sort,
                ..ConjecturerConfig::default()
            },
        );
        // The allowed sorts: those of the allowed operators, closed under the argument
        // sorts of their constructors.
        let mut sorts: BTreeSet<SortId> = BTreeSet::new();
        match operators {
            None => sorts.extend((0..theory.sorts.len()).map(|i| SortId(i as u32))),
            Some(ops) => {
                for f in ops {
                    let op = theory.op(*f);
                    sorts.insert(op.result);
                    sorts.extend(op.args.iter().copied());
                }
                let mut stack: Vec<SortId> = sorts.iter().copied().collect();
                while let Some(s) = stack.pop() {
                    for c in theory.sort(s).constructors.clone() {
                        for a in &theory.op(c).args {
                            if sorts.insert(*a) {
                                stack.push(*a);
                            }
                        }
                    }
                }
            }
        }
        let allowed = |f: OpId, theory: &Theory| {
            let op = theory.op(f);
            match operators {
                None => true,
                Some(ops) => {
                    sorts.contains(&op.result)
                        && (ops.contains(&f) || op.constructor)
                        && op.args.iter().all(|a| sorts.contains(a))
                }
            }
        };
        let mut vars = Vec::new();
        for si in 0..theory.sorts.len() {
            let sort = SortId(si as u32);
            if !sorts.contains(&sort) {
                continue;
            }
            for k in 0..config.vars_per_sort {
                let name = variable_name(&theory, &theory.sort(sort).name.clone(), k, si);
                let name: Name = theory.intern(&name);
                vars.push(Var { name, sort });
            }
        }
        let mut eval = Evaluator::new(&theory);
        let mut constants = Vec::new();
        let mut functions = Vec::new();
        for i in 0..theory.operators.len() {
            let f = OpId(i as u32);
            if !allowed(f, &theory) {
                continue;
            }
            if theory.op(f).args.is_empty() {
                eval.refuel();
                constants.push((f, theory.op(f).result, eval.apply(f, &[])));
            } else {
                functions.push(f);
            }
        }
        let pools = Self::pools(&mut eval, &theory, config.values_per_sort, &vars);
        let sample = assignments(&pools, config.sample_instances);
        let max_size = config
            .max_premise_size
            .max(config.max_negation_size.saturating_sub(1));
        let mut gen = Generator {
            theory,
            config: *config,
            eval,
            vars,
            constants,
            functions,
            sample,
            terms: Vec::new(),
            reps: vec![Vec::new(); max_size + 1],
            buckets: HashMap::new(),
            seen: BTreeSet::new(),
        };
        gen.enumerate(max_size);
        gen
    }

    fn pools(
        eval: &mut Evaluator,
        theory: &Theory,
        per_sort: usize,
        vars: &[Var],
    ) -> Vec<Vec<Value>> {
        vars.iter()
            .map(|v| eval.ground_values(v.sort, values_for(theory, v.sort, per_sort)))
            .collect()
    }

    /// Files a term: kept if no strictly smaller term has its values.
    fn classify(&mut self, term: Term, sort: SortId, values: Vec<Option<Value>>) {
        if values.iter().all(Option::is_none) {
            return;
        }
        let size = term.size();
        let key = (sort, values);
        match self.buckets.get(&key) {
            Some(&rep_size) if rep_size < size => {}
            Some(_) => self.terms.push(Entry {
                term,
                sort,
                size,
                values: key.1,
            }),
            None => {
                self.buckets.insert(key.clone(), size);
                if size < self.reps.len() {
                    self.reps[size].push(self.terms.len());
                }
                self.terms.push(Entry {
                    term,
                    sort,
                    size,
                    values: key.1,
                });
            }
        }
    }

    /// Enumerates the kept terms of sizes `1..=max_size`.
    fn enumerate(&mut self, max_size: usize) {
        if max_size == 0 {
            return;
        }
        for (k, v) in self.vars.clone().into_iter().enumerate() {
            let values = self.sample.iter().map(|inst| Some(inst[k])).collect();
            self.classify(Term::Var(v), v.sort, values);
        }
        for (f, sort, value) in self.constants.clone() {
            self.classify(
                Term::App(f, Vec::new()),
                sort,
                vec![value; self.sample.len()],
            );
        }
        for n in 2..=max_size {
            let mut built: Vec<(Term, SortId, Vec<Option<Value>>)> = Vec::new();
            for f in self.functions.clone() {
                let op = self.theory.op(f).clone();
                let k = op.args.len();
                if k > n - 1 {
                    continue;
                }
                for sizes in compositions(n - 1, k) {
                    let choices: Vec<Vec<usize>> = sizes
                        .iter()
                        .zip(&op.args)
                        .map(|(s, a)| {
                            self.reps[*s]
                                .iter()
                                .copied()
                                .filter(|i| self.terms[*i].sort == *a)
                                .collect()
                        })
                        .collect();
                    for combo in product(&choices) {
                        let term = Term::App(
                            f,
                            combo.iter().map(|i| self.terms[*i].term.clone()).collect(),
                        );
                        let mut values = Vec::with_capacity(self.sample.len());
                        for idx in 0..self.sample.len() {
                            let args: Option<Vec<Value>> =
                                combo.iter().map(|i| self.terms[*i].values[idx]).collect();
                            values.push(args.and_then(|args| {
                                self.eval.refuel();
                                self.eval.apply(f, &args)
                            }));
                        }
                        built.push((term, op.result, values));
                    }
                }
            }
            for (term, sort, values) in built {
                self.classify(term, sort, values);
            }
        }
    }

    /// The instances of `vars` a candidate is checked on.
    fn instances(&mut self, vars: &[Var]) -> Vec<Vec<(Var, Value)>> {
        let per_sort = self.config.check_values_per_sort;
        let pools = Self::pools(&mut self.eval, &self.theory, per_sort, vars);
        assignments(&pools, self.config.max_instances)
            .into_iter()
            .map(|vals| vars.iter().copied().zip(vals).collect())
            .collect()
    }

    fn value(&mut self, t: &Term, inst: &[(Var, Value)]) -> Option<Value> {
        self.eval.refuel();
        self.eval.eval(t, inst)
    }

    /// The value of a variable of `vars` on a sampled instance.
    fn sampled(&self, v: &Var, idx: usize) -> Value {
        let k = self
            .vars
            .iter()
            .position(|w| w == v)
            .expect("a variable of the pool");
        self.sample[idx][k]
    }

    /// Renames the variables of `terms` by first occurrence to the pool's variables.
    fn renaming(&self, terms: &[&Term]) -> Vec<(Var, Var)> {
        canonical_renaming(terms, &self.vars)
    }

    fn text(&self, t: &Term) -> String {
        SExpr(&self.theory, t).to_string()
    }

    /// The position of a variable in the pool (constants after every variable).
    fn rank(&self, t: &Term) -> usize {
        match t {
            Term::Var(v) => self.vars.iter().position(|w| w == v).unwrap_or(usize::MAX),
            Term::App(..) => usize::MAX,
        }
    }

    /// The pair `{t, u}` up to renaming of variables and order.
    fn pair_key(&self, t: &Term, u: &Term) -> String {
        [(t, u), (u, t)]
            .iter()
            .map(|(l, r)| {
                let renaming = self.renaming(&[l, r]);
                let (l, r) = (l.rename(&renaming), r.rename(&renaming));
                format!("{} {}", self.text(&l), self.text(&r))
            })
            .min()
            .expect("two orientations")
    }

    // ---------------------------------------------------------------- Horn facts

    fn horn_facts(&mut self) -> Vec<ConditionalConjecture> {
        let premise: Vec<usize> = (0..self.terms.len())
            .filter(|i| self.terms[*i].size <= self.config.max_premise_size)
            .collect();
        let mut out = Vec::new();
        // Premises checked, up to renaming and symmetry.
        let mut checked = BTreeSet::new();
        for (a, &i) in premise.iter().enumerate() {
            for &j in &premise[a + 1..] {
                if self.terms[i].sort != self.terms[j].sort || !self.horn_prefilter(i, j) {
                    continue;
                }
                let (p, q) = (self.terms[i].term.clone(), self.terms[j].term.clone());
                if let Some((a, b)) = injective_reduct(&self.theory, &p, &q) {
                    if !matches!((a, b), (Term::Var(_), Term::Var(_))) {
                        continue;
                    }
                }
                if !checked.insert(self.pair_key(&p, &q)) {
                    continue;
                }
                let Some((conclusions, support)) = self.horn_check(&p, &q) else {
                    continue;
                };
                for (a, b) in conclusions {
                    if (a == p && b == q)
                        || (a == q && b == p)
                        || injectivity_instance(&self.theory, &p, &q, &a, &b)
                    {
                        continue;
                    }
                    if let Some(c) = self.horn(&p, &q, &a, &b, support) {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    /// On the sampled instances: the premise holds somewhere and fails somewhere, and
    /// two of its variables (or a variable and a constant) agree wherever it holds.
    fn horn_prefilter(&self, i: usize, j: usize) -> bool {
        let (ti, tj) = (&self.terms[i], &self.terms[j]);
        let mut holds = Vec::new();
        let mut fails = false;
        for idx in 0..self.sample.len() {
            match (ti.values[idx], tj.values[idx]) {
                (Some(a), Some(b)) if a == b => holds.push(idx),
                (Some(_), Some(_)) => fails = true,
                _ => {}
            }
        }
        if holds.is_empty() || !fails {
            return false;
        }
        let mut vars = Vec::new();
        ti.term.vars_into(&mut vars);
        tj.term.vars_into(&mut vars);
        for (k, v) in vars.iter().enumerate() {
            for w in &vars[k + 1..] {
                if v.sort == w.sort
                    && holds
                        .iter()
                        .all(|idx| self.sampled(v, *idx) == self.sampled(w, *idx))
                {
                    return true;
                }
            }
            for (_, sort, value) in &self.constants {
                if *sort == v.sort
                    && value.is_some()
                    && holds
                        .iter()
                        .all(|idx| Some(self.sampled(v, *idx)) == *value)
                {
                    return true;
                }
            }
        }
        false
    }

    /// Checks the premise `p = q` on the instances of its variables; returns a spanning
    /// set of the equalities between its variables and constants that hold wherever it
    /// holds (and not everywhere), and the number of instances where it holds.
    fn horn_check(&mut self, p: &Term, q: &Term) -> Option<(Vec<(Term, Term)>, usize)> {
        let mut vars = Vec::new();
        p.vars_into(&mut vars);
        q.vars_into(&mut vars);
        let insts = self.instances(&vars);
        let mut holds = Vec::new();
        let mut fails = false;
        for (idx, inst) in insts.iter().enumerate() {
            match (self.value(p, inst), self.value(q, inst)) {
                (Some(a), Some(b)) if a == b => holds.push(idx),
                (Some(_), Some(_)) => fails = true,
                _ => {}
            }
        }
        if holds.len() < self.config.min_support.max(1) || !fails {
            return None;
        }
        // The elements: the premise's variables, then the constants of their sorts; each
        // with its value on every instance.
        let mut elements: Vec<(Term, Vec<Value>)> = vars
            .iter()
            .enumerate()
            .map(|(k, v)| (Term::Var(*v), insts.iter().map(|i| i[k].1).collect()))
            .collect();
        for (f, sort, value) in &self.constants {
            if let Some(value) = value {
                if vars.iter().any(|v| v.sort == *sort) {
                    elements.push((Term::App(*f, Vec::new()), vec![*value; insts.len()]));
                }
            }
        }
        // Classes of elements equal wherever the premise holds (equality there is an
        // equivalence, so comparing with each class's first member suffices).
        let mut classes: Vec<Vec<usize>> = Vec::new();
        for e in 0..elements.len() {
            let same = |c: &Vec<usize>| {
                let (l, r) = (&elements[c[0]], &elements[e]);
                self.theory.sort_of(&l.0) == self.theory.sort_of(&r.0)
                    && holds.iter().all(|idx| l.1[*idx] == r.1[*idx])
            };
            match classes.iter_mut().find(|c| same(c)) {
                Some(c) => c.push(e),
                None => classes.push(vec![e]),
            }
        }
        let mut conclusions = Vec::new();
        for class in classes.iter().filter(|c| c.len() > 1) {
            let constant = class
                .iter()
                .find(|e| matches!(elements[**e].0, Term::App(..)));
            let pairs: Vec<(usize, usize)> = match constant {
                Some(&c) => class
                    .iter()
                    .filter(|e| matches!(elements[**e].0, Term::Var(_)))
                    .map(|e| (*e, c))
                    .collect(),
                None => class[1..].iter().map(|e| (class[0], *e)).collect(),
            };
            for (a, b) in pairs {
                // The conclusion must not hold everywhere.
                if (0..insts.len()).any(|idx| elements[a].1[idx] != elements[b].1[idx]) {
                    conclusions.push((elements[a].0.clone(), elements[b].0.clone()));
                }
            }
        }
        (!conclusions.is_empty()).then_some((conclusions, holds.len()))
    }

    /// The canonical form of `l = r -> a = b` (of `l != r` when `conclusion` is
    /// `None`): of the two orientations of the pair, with variables renamed by first
    /// occurrence, the one with the larger left side, then the smaller key; the
    /// conclusion (whose variables occur in the pair) has its first variable on the left.
    fn canonical(&self, l: &Term, r: &Term, conclusion: Option<(&Term, &Term)>) -> Canonical {
        let oriented = |(l, r): (&Term, &Term)| {
            let renaming = self.renaming(&[l, r]);
            let mut terms = vec![l.rename(&renaming), r.rename(&renaming)];
            let key = match conclusion {
                Some((a, b)) => {
                    let (mut c, mut d) = (a.rename(&renaming), b.rename(&renaming));
                    if self.rank(&d) < self.rank(&c) {
                        std::mem::swap(&mut c, &mut d);
                    }
                    let key = format!(
                        "{} = {} -> {} = {}",
                        self.text(&terms[0]),
                        self.text(&terms[1]),
                        self.text(&c),
                        self.text(&d)
                    );
                    terms.extend([c, d]);
                    key
                }
                None => format!("{} != {}", self.text(&terms[0]), self.text(&terms[1])),
            };
            let vars = renaming.iter().map(|(_, w)| *w).collect();
            Canonical { terms, vars, key }
        };
        let rank = |c: &Canonical| (std::cmp::Reverse(c.terms[0].size()), c.key.clone());
        let (a, b) = (oriented((l, r)), oriented((r, l)));
        if rank(&b) < rank(&a) {
            b
        } else {
            a
        }
    }

    /// The canonical Horn fact `p = q -> a = b`, unless proposed before.
    fn horn(
        &mut self,
        p: &Term,
        q: &Term,
        a: &Term,
        b: &Term,
        support: usize,
    ) -> Option<ConditionalConjecture> {
        let Canonical { terms, vars, key } = self.canonical(p, q, Some((a, b)));
        if !self.seen.insert(key.clone()) {
            return None;
        }
        let size = terms.iter().map(Term::size).sum();
        let [l, r, c, d]: [Term; 4] = terms.try_into().expect("a premise and a conclusion");
        Some(ConditionalConjecture {
            formula: Formula::Forall(
                vars,
                Box::new(Formula::Implies(
                    Box::new(Formula::Eq(l, r)),
                    Box::new(Formula::Eq(c, d)),
                )),
            ),
            size,
            support,
            key,
        })
    }

    // ----------------------------------------------------------------- negations

    fn negations(&mut self) -> Vec<ConditionalConjecture> {
        let mut out = Vec::new();
        // Pairs checked, up to renaming and symmetry.
        let mut checked = BTreeSet::new();
        for i in 0..self.terms.len() {
            for j in i + 1..self.terms.len() {
                let (ti, tj) = (&self.terms[i], &self.terms[j]);
                if ti.sort != tj.sort
                    || ti.size + tj.size > self.config.max_negation_size
                    || (is_ground(&ti.term) && is_ground(&tj.term))
                    || !ti
                        .values
                        .iter()
                        .zip(&tj.values)
                        .all(|(a, b)| matches!((a, b), (Some(a), Some(b)) if a != b))
                {
                    continue;
                }
                let (t, u) = (ti.term.clone(), tj.term.clone());
                if injective_reduct(&self.theory, &t, &u).is_some()
                    || distinctness_instance(&self.theory, &t, &u)
                    || !checked.insert(self.pair_key(&t, &u))
                {
                    continue;
                }
                let mut vars = Vec::new();
                t.vars_into(&mut vars);
                u.vars_into(&mut vars);
                let insts = self.instances(&vars);
                let mut differ = true;
                for inst in &insts {
                    match (self.value(&t, inst), self.value(&u, inst)) {
                        (Some(a), Some(b)) if a != b => {}
                        _ => {
                            differ = false;
                            break;
                        }
                    }
                }
                if differ && !insts.is_empty() {
                    if let Some(c) = self.negation(&t, &u, insts.len()) {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    /// The canonical negation `t != u`, unless proposed before.
    fn negation(&mut self, t: &Term, u: &Term, support: usize) -> Option<ConditionalConjecture> {
        let Canonical { terms, vars, key } = self.canonical(t, u, None);
        if !self.seen.insert(key.clone()) {
            return None;
        }
        let size = terms.iter().map(Term::size).sum();
        let [l, r]: [Term; 2] = terms.try_into().expect("two sides");
        Some(ConditionalConjecture {
            formula: Formula::Forall(vars, Box::new(Formula::Not(Box::new(Formula::Eq(l, r))))),
            size,
            support,
            key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peano() -> Theory {
        crate::mpl::peano_for_tests()
    }

    fn lists() -> Theory {
        crate::mpl::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/axioms/lists.mpl"
        )))
        .expect("axioms/lists.mpl loads")
    }

    fn printed(theory: &Theory, out: &[ConditionalConjecture]) -> Vec<String> {
        out.iter()
            .map(|c| crate::mpl::print::formula(theory, &c.formula))
            .collect()
    }

    /// Whether `text` (an MPL formula over `theory`'s names) is proposed, up to renaming
    /// and symmetry: compared through the generator's canonical key.
    fn proposed(theory: &Theory, out: &[ConditionalConjecture], text: &str) -> bool {
        let mut th = theory.clone();
        let f = crate::mpl::parse_goal(&mut th, text).expect("a formula");
        let key = canonical_key(&th, &f);
        out.iter().any(|c| c.key == key)
    }

    /// The canonical key of a Horn fact or negation, as the generator builds it.
    fn canonical_key(theory: &Theory, f: &Formula) -> String {
        let mut g = Generator::new(
            theory,
            &ConditionalConfig::default(),
            Some(&BTreeSet::new()),
        );
        g.vars = Vec::new();
        for (si, sort) in theory.sorts.iter().enumerate() {
            for k in 0..3 {
                let name = variable_name(theory, &sort.name, k, si);
                let id = theory.names.iter().position(|n| *n == name).unwrap();
                g.vars.push(Var {
                    name: Name(id as u32),
                    sort: SortId(si as u32),
                });
            }
        }
        g.theory = theory.clone();
        let Formula::Forall(_, body) = f else {
            panic!("closed formula expected")
        };
        match body.as_ref() {
            Formula::Implies(p, c) => {
                let (Formula::Eq(p, q), Formula::Eq(a, b)) = (p.as_ref(), c.as_ref()) else {
                    panic!("Horn fact expected")
                };
                g.horn(p, q, a, b, 0).unwrap().key
            }
            Formula::Not(e) => {
                let Formula::Eq(t, u) = e.as_ref() else {
                    panic!("negation expected")
                };
                g.negation(t, u, 0).unwrap().key
            }
            _ => panic!("Horn fact or negation expected"),
        }
    }

    #[test]
    fn proposes_cancellation_and_the_facts_about_zero_and_s_on_peano() {
        let start = std::time::Instant::now();
        let (th, out) = conditional_conjectures(&peano(), &ConditionalConfig::default(), None);
        let elapsed = start.elapsed();
        let horn = out
            .iter()
            .filter(|c| matches!(&c.formula, Formula::Forall(_, b) if matches!(**b, Formula::Implies(..))))
            .count();
        let lines = printed(&th, &out);
        println!(
            "peano: {} candidates ({horn} Horn facts, {} negations) in {elapsed:?}",
            out.len(),
            out.len() - horn
        );
        for (c, l) in out.iter().zip(&lines) {
            println!("  [{} / {}] {l}", c.size, c.support);
        }
        for good in [
            "(>[a,b,c] (=[a + b, a + c]) (=[b, c]))",
            "(>[a,b,c] (=[b + a, c + a]) (=[b, c]))",
            "(>[a,b] (=[a + b, 0]) (=[a, 0]))",
            "(>[a,b] (=[a + b, 0]) (=[b, 0]))",
            "(>[a,b] (=[s(a), s(b)]) (=[a, b]))",
            "(>[a] !(=[s(a), a]))",
            "(>[a] !(=[s(a), 0]))",
            "(>[a,b] !(=[a + s(b), a]))",
        ] {
            assert!(proposed(&th, &out, good), "{good} missing from {lines:#?}");
        }
        for bad in [
            "(>[a,b,c] (=[a * b, a * c]) (=[b, c]))",
            "(>[a,b] (=[a * b, 0]) (=[a, 0]))",
            "(>[a,b] !(=[a + b, a]))",
            // Hold on the instances 0..4 only: 4 * 4 = 8 + 8, 3 * 3 = s(s(7)).
            "(>[a,b] (=[a * a, b + b]) (=[a, b]))",
            "(>[a,b] (=[a * a, s(s(b))]) (=[a, b]))",
        ] {
            let mut t = th.clone();
            let f = crate::mpl::parse_goal(&mut t, bad).unwrap();
            let key = canonical_key(&t, &f);
            assert!(out.iter().all(|c| c.key != key), "{bad} proposed");
        }
        assert!(out.len() <= 300, "{} candidates", out.len());
    }

    #[test]
    fn no_horn_fact_is_vacuous_and_every_candidate_holds_on_its_instances() {
        let (th, out) = conditional_conjectures(&peano(), &ConditionalConfig::default(), None);
        let mut eval = Evaluator::new(&th);
        for c in &out {
            let Formula::Forall(vars, body) = &c.formula else {
                panic!("closed formula expected")
            };
            let insts = eval.instances(vars, 5);
            match body.as_ref() {
                Formula::Implies(p, concl) => {
                    let (Formula::Eq(p, q), Formula::Eq(a, b)) = (p.as_ref(), concl.as_ref())
                    else {
                        panic!("Horn fact expected")
                    };
                    let mut vs = Vec::new();
                    p.vars_into(&mut vs);
                    q.vars_into(&mut vs);
                    assert_eq!(vs.len(), vars.len(), "variables are the premise's");
                    let (mut holds, mut fails) = (0, 0);
                    for inst in &insts {
                        eval.refuel();
                        let (x, y) = (eval.eval(p, inst), eval.eval(q, inst));
                        if x.is_some() && x == y {
                            holds += 1;
                            assert_eq!(eval.eval(a, inst), eval.eval(b, inst));
                        } else {
                            fails += 1;
                        }
                    }
                    assert!(holds >= 1 && fails >= 1 && c.support >= 1, "{}", c.key);
                }
                Formula::Not(e) => {
                    let Formula::Eq(t, u) = e.as_ref() else {
                        panic!("negation expected")
                    };
                    for inst in &insts {
                        eval.refuel();
                        assert_ne!(eval.eval(t, inst), eval.eval(u, inst), "{}", c.key);
                    }
                }
                _ => panic!("Horn fact or negation expected"),
            }
        }
    }

    #[test]
    fn output_is_deterministic() {
        let run = || {
            let (th, out) = conditional_conjectures(&peano(), &ConditionalConfig::default(), None);
            printed(&th, &out)
        };
        assert_eq!(run(), run());
        let run = || {
            let (th, out) = conditional_conjectures(&lists(), &ConditionalConfig::default(), None);
            printed(&th, &out)
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn proposes_list_facts() {
        let start = std::time::Instant::now();
        let (th, out) = conditional_conjectures(&lists(), &ConditionalConfig::default(), None);
        let elapsed = start.elapsed();
        let lines = printed(&th, &out);
        println!("lists: {} candidates in {elapsed:?}", out.len());
        for (c, l) in out.iter().zip(&lines) {
            println!("  [{} / {}] {l}", c.size, c.support);
        }
        for good in [
            "(>[a:N,k:L] !(=[cons(a, k), k]))",
            "(>[a:N,k:L] !(=[cons(a, k), nil]))",
            "(>[k:L,l:L,m:L] (=[app(k, l), app(k, m)]) (=[l, m]))",
            "(>[k:L,l:L,m:L] (=[app(l, k), app(m, k)]) (=[l, m]))",
            "(>[k:L,l:L] (=[app(k, l), nil]) (=[k, nil]))",
            "(>[k:L] (=[len(k), 0]) (=[k, nil]))",
            "(>[k:L,l:L] (=[rev(k), rev(l)]) (=[k, l]))",
        ] {
            assert!(proposed(&th, &out, good), "{good} missing from {lines:#?}");
        }
    }

    #[test]
    fn an_operator_filter_restricts_the_terms() {
        let th = peano();
        let plus = th.op_by_name("+").unwrap();
        let times = th.op_by_name("*").unwrap();
        let (th, out) = conditional_conjectures(
            &th,
            &ConditionalConfig::default(),
            Some(&BTreeSet::from([plus])),
        );
        assert!(proposed(
            &th,
            &out,
            "(>[a,b,c] (=[a + b, a + c]) (=[b, c]))"
        ));
        for c in &out {
            let Formula::Forall(_, body) = &c.formula else {
                panic!()
            };
            let mut ops = BTreeSet::new();
            let mut collect = |t: &Term| t.operators_into(&mut ops);
            match body.as_ref() {
                Formula::Implies(p, q) => {
                    for f in [p, q] {
                        if let Formula::Eq(a, b) = f.as_ref() {
                            collect(a);
                            collect(b);
                        }
                    }
                }
                Formula::Not(e) => {
                    if let Formula::Eq(a, b) = e.as_ref() {
                        collect(a);
                        collect(b);
                    }
                }
                _ => panic!(),
            }
            assert!(!ops.contains(&times), "{}", c.key);
        }
    }
}
