//! The conjecturer: enumerates terms over the signature by size, evaluates them on small
//! ground instances, buckets them by their value vectors and proposes equations within a
//! bucket (testing-based theory exploration, as in QuickSpec).
//!
//! Invariants:
//! - terms of size `n` are built only from *representatives* (the first term found in
//!   each bucket) of smaller sizes, so a term with a subterm known to equal a smaller one
//!   is never built;
//! - a new term is equated with the first few members of its bucket, not only with the
//!   representative, so that the law a proof needs is proposed in the form it needs;
//!   but not with a member that has a variable the new term lacks (an irrelevant
//!   variable) or that a defining equation unfolds at its root into another member (a
//!   restatement that every block treats alike): such proposals only cost failed
//!   blocks;
//! - every proposed equation holds on every ground instance tried (a false one can only
//!   come from too few instances, and then it simply fails to be proved);
//! - proposals are deduplicated up to renaming of variables (canonical naming: variables
//!   numbered by first occurrence, left side first), never `t = t`, and come in a
//!   deterministic order (size, then text);
//! - a conjecture is a [`Formula`], so conditional facts can be proposed through the same
//!   interface later.

use super::eval::{Evaluator, Value};
use crate::mpl::{Formula, SExpr, SortId, Term, Theory, Var};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// A proposed law: a closed formula, with its size (for ordering) and a canonical key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conjecture {
    /// The law, universally closed.
    pub formula: Formula,
    /// Total number of symbols.
    pub size: usize,
    /// Canonical text, unique up to renaming of variables.
    pub key: String,
}

impl Conjecture {
    /// The conjecture as a goal (the conjecturer only proposes equations).
    pub fn goal(&self) -> super::equation::Goal {
        super::equation::Goal::from_formula(&self.formula)
            .expect("the conjecturer proposes universally quantified equations")
    }
}

/// Options of the conjecturer.
#[derive(Clone, Copy, Debug)]
pub struct ConjecturerConfig {
    /// Largest term size (number of symbols) enumerated.
    pub max_size: usize,
    /// Variables per sort.
    pub vars_per_sort: usize,
    /// Ground values per sort used for testing.
    pub values_per_sort: usize,
}

impl Default for ConjecturerConfig {
    fn default() -> Self {
        ConjecturerConfig {
            max_size: 7,
            vars_per_sort: 3,
            values_per_sort: 4,
        }
    }
}

/// How many members of a bucket a new term is equated with. Not only the representative:
/// `s(x) * y = x * y + y` must be proposed although `y * s(x)` came first.
const MEMBERS: usize = 4;

/// A term with its value vector (one value per ground instance).
#[derive(Clone, Debug)]
struct Rep {
    term: Term,
    sort: SortId,
    values: Vec<Value>,
}

/// Term enumeration and testing state.
pub struct Conjecturer {
    theory: Theory,
    eval: Evaluator,
    vars: Vec<Var>,
    /// Representatives by size (index = size).
    reps: Vec<Vec<Rep>>,
    buckets: FxHashMap<(SortId, Vec<Value>), usize>,
    /// The first members of each bucket (the representative first), by bucket index.
    members: Vec<Vec<Term>>,
    seen: BTreeSet<String>,
    /// Whether [`Conjecturer::conjecture`] drops renamings of earlier proposals (off
    /// only inside [`Conjecturer::canonical`]).
    dedupe: bool,
    config: ConjecturerConfig,
    /// Number of terms built so far.
    pub terms: usize,
    /// The operators terms are built from (`None`: all).
    operators: Option<std::collections::BTreeSet<crate::mpl::OpId>>,
}

fn var_names(sort: &str, k: usize, sort_index: usize) -> String {
    const FIRST: [&str; 6] = ["x", "y", "z", "w", "u", "v"];
    if sort_index == 0 && k < FIRST.len() {
        FIRST[k].to_string()
    } else {
        format!("{}{}", var_stem(sort), k + 1)
    }
}

/// The stem of the variable names of a sort: its name in lower case; for a sort of the
/// wider logic an identifier made from it: `a` for `'a`, `list` for `List('a)`, `listb`
/// for `List('b)`, `listn` for `List(N)`, `f` for a function sort.
fn var_stem(sort: &str) -> String {
    if sort.contains("->") {
        return "f".to_string();
    }
    if let Some(param) = sort.strip_prefix('\'') {
        return param.to_lowercase();
    }
    let Some((family, args)) = sort.split_once('(') else {
        return sort.to_lowercase();
    };
    let args: Vec<&str> = args
        .trim_end_matches(')')
        .split(',')
        .map(str::trim)
        .collect();
    let mut stem = family.to_lowercase();
    // `List('a)` keeps the bare family name; any other instance names its arguments
    // (`List('b)` is `listb`, `List(N)` is `listn`), so variables of two instances of
    // one family never share a name (a clause binding both would be ill-formed).
    if args != ["'a"] {
        for a in args {
            stem.push_str(&var_stem(a));
        }
    }
    stem
}

/// Whether the conjecturer tests variables of `sort`: it has ground values (it is
/// inductive, a sort variable, or a function sort with closure formers in `formers` or
/// with sampled functions, which it has when its result sort has values, see
/// [`Evaluator::sampled_functions`]).
pub(crate) fn has_values(
    theory: &Theory,
    sort: SortId,
    formers: &std::collections::BTreeSet<crate::mpl::OpId>,
) -> bool {
    match theory.sort(sort).shape {
        crate::mpl::SortShape::Function { to, .. } => {
            formers.iter().any(|f| theory.op(*f).result == sort) || has_values(theory, to, formers)
        }
        _ => theory.sort(sort).is_inductive() || super::eval::is_param(theory, sort),
    }
}

impl Conjecturer {
    /// A conjecturer for `theory` (its interned names are extended with the variables),
    /// building terms over `operators` only when given.
    pub fn new(
        theory: &Theory,
        config: ConjecturerConfig,
        operators: Option<&std::collections::BTreeSet<crate::mpl::OpId>>,
    ) -> Conjecturer {
        let theory = with_variables(theory, &config);
        let vars = variables(&theory, &config);
        let mut eval = Evaluator::new(&theory);
        // Ground instances: every assignment of the first values of each sort (variables
        // of a function sort take closures and sampled functions; one into a sort
        // without values has none, and builds no terms).
        let formers = super::eval::closure_formers(&theory);
        let tested: Vec<Var> = vars
            .iter()
            .copied()
            .filter(|v| has_values(&theory, v.sort, &formers))
            .collect();
        let instances = sample(&mut eval, &theory, &tested, config.values_per_sort);
        let mut c = Conjecturer {
            theory,
            eval,
            vars: vars.clone(),
            reps: vec![Vec::new(); config.max_size + 1],
            buckets: FxHashMap::default(),
            members: Vec::new(),
            seen: BTreeSet::new(),
            dedupe: true,
            config,
            terms: 0,
            operators: operators.cloned(),
        };
        // Size 1: variables, then constants.
        let mut leaves: Vec<(Term, Option<Vec<Value>>)> = Vec::new();
        for v in &vars {
            let vals = instances
                .iter()
                .map(|inst| inst.iter().find(|(w, _)| w == v).map(|(_, x)| *x))
                .collect();
            leaves.push((Term::Var(*v), vals));
        }
        for (i, op) in c.theory.operators.clone().iter().enumerate() {
            let f = crate::mpl::OpId(i as u32);
            if op.args.is_empty() && c.uses(f) {
                // A function-valued constant (`lam.0`, the goal's `\x. false`) keeps
                // its closure, to be applied by the terms built on it; its own bucket
                // is told apart by the closure's identity only, never refuted.
                let val = c.eval.constant(f);
                leaves.push((
                    Term::App(f, Vec::new()),
                    val.map(|v| vec![v; instances.len()]),
                ));
            }
        }
        for (t, vals) in leaves {
            c.terms += 1;
            if let Some(vals) = vals {
                let sort = c.theory.sort_of(&t);
                c.classify(t, sort, vals);
            }
        }
        c
    }

    fn uses(&self, f: crate::mpl::OpId) -> bool {
        self.operators.as_ref().is_none_or(|ops| ops.contains(&f))
    }

    /// The theory with the conjecturer's variables interned.
    pub fn theory(&self) -> &Theory {
        &self.theory
    }

    /// Files `t` into its bucket; returns the members it is to be equated with (empty if
    /// `t` is the bucket's representative).
    fn classify(&mut self, t: Term, sort: SortId, values: Vec<Value>) -> Vec<Term> {
        let key = (sort, values);
        if let Some(&b) = self.buckets.get(&key) {
            let others = self.members[b].clone();
            if self.members[b].len() < MEMBERS {
                self.members[b].push(t);
            }
            return others;
        }
        let n = t.size();
        self.buckets.insert(key.clone(), self.members.len());
        self.members.push(vec![t.clone()]);
        if n < self.reps.len() {
            self.reps[n].push(Rep {
                term: t,
                sort,
                values: key.1,
            });
        }
        Vec::new()
    }

    /// Builds every term of size `n` (from smaller representatives) and returns the new
    /// conjectures among them, deduplicated and sorted.
    pub fn level(&mut self, n: usize) -> Vec<Conjecture> {
        if n < 2 || n > self.config.max_size {
            return Vec::new();
        }
        let mut built: Vec<(Term, SortId, Option<Vec<Value>>)> = Vec::new();
        for (i, op) in self.theory.operators.clone().iter().enumerate() {
            let k = op.args.len();
            let f = crate::mpl::OpId(i as u32);
            if k == 0 || k > n - 1 || !self.uses(f) {
                continue;
            }
            for sizes in compositions(n - 1, k) {
                let mut choices: Vec<Vec<&Rep>> = Vec::new();
                for (j, s) in sizes.iter().enumerate() {
                    choices.push(
                        self.reps[*s]
                            .iter()
                            .filter(|r| r.sort == op.args[j])
                            .collect(),
                    );
                }
                for combo in product(&choices) {
                    let term = Term::App(f, combo.iter().map(|r| r.term.clone()).collect());
                    let len = combo[0].values.len();
                    let mut vals = Some(Vec::with_capacity(len));
                    for idx in 0..len {
                        let args: Vec<Value> = combo.iter().map(|r| r.values[idx]).collect();
                        self.eval.refuel();
                        match (self.eval.apply(f, &args), vals.as_mut()) {
                            (Some(v), Some(vs)) => vs.push(v),
                            _ => {
                                vals = None;
                                break;
                            }
                        }
                    }
                    built.push((term, op.result, vals));
                }
            }
        }
        let mut out = Vec::new();
        for (term, sort, vals) in built {
            self.terms += 1;
            let Some(vals) = vals else { continue };
            let mut vars = Vec::new();
            term.vars_into(&mut vars);
            let members = self.classify(term.clone(), sort, vals);
            for other in &members {
                if !self.partner(&vars, other, &members) {
                    continue;
                }
                if let Some(c) = self.conjecture(term.clone(), other.clone()) {
                    out.push(c);
                }
            }
        }
        // Smallest first; among equals, the most general (most variables) first, so that
        // instances of a law come after it and are pruned as implied.
        out.sort_by(|a, b| {
            let vars = |c: &Conjecture| match &c.formula {
                Formula::Forall(vs, _) => vs.len(),
                _ => 0,
            };
            (a.size, std::cmp::Reverse(vars(a)), &a.key).cmp(&(
                b.size,
                std::cmp::Reverse(vars(b)),
                &b.key,
            ))
        });
        out
    }

    /// Whether a new term over `vars` is equated with `member`, one of its bucket's
    /// `members` (see the module's invariants): not when `member` has a variable the
    /// new term lacks (`leq(x * x, x * y) = leq(z + x, z + y)`: the member's value does
    /// not depend on it, and the law without it comes from another member), nor when a
    /// defining equation unfolds `member` at its root into another member
    /// (`leq(x * x, x * y) = leq(s(x), s(y))` beside `leq(x * x, x * y) = leq(x, y)`:
    /// every block's e-graph holds the definitions, so a block proves or fails both
    /// alike).
    fn partner(&self, vars: &[Var], member: &Term, members: &[Term]) -> bool {
        let mut theirs = Vec::new();
        member.vars_into(&mut theirs);
        theirs.iter().all(|v| vars.contains(v))
            && !self
                .eval
                .unfold(member)
                .is_some_and(|u| u != *member && members.contains(&u))
    }

    /// The canonical form of `lhs = rhs` (variables renamed to the conjecturer's, in
    /// order of first occurrence), unless it is `t = t` or has more variables of a sort
    /// than the conjecturer names. Unlike the conjecturer's own proposals, it is not
    /// deduplicated: the caller keeps its own record.
    pub fn canonical(&mut self, lhs: &Term, rhs: &Term) -> Option<Conjecture> {
        let mut vars = Vec::new();
        lhs.vars_into(&mut vars);
        rhs.vars_into(&mut vars);
        for sort in vars.iter().map(|v| v.sort) {
            let have = self.vars.iter().filter(|w| w.sort == sort).count();
            if vars.iter().filter(|v| v.sort == sort).count() > have {
                return None;
            }
        }
        self.dedupe = false;
        let c = self.conjecture(lhs.clone(), rhs.clone());
        self.dedupe = true;
        c
    }

    /// The canonical conjecture `lhs = rhs`, unless a renaming of it was proposed before.
    fn conjecture(&mut self, lhs: Term, rhs: Term) -> Option<Conjecture> {
        if lhs == rhs {
            return None;
        }
        let renaming = canonical_renaming(&[&lhs, &rhs], &self.vars);
        let (lhs, rhs) = (lhs.rename(&renaming), rhs.rename(&renaming));
        let key = format!(
            "{} = {}",
            SExpr(&self.theory, &lhs),
            SExpr(&self.theory, &rhs)
        );
        if self.dedupe && !self.seen.insert(key.clone()) {
            return None;
        }
        let vars: Vec<Var> = renaming.iter().map(|(_, w)| *w).collect();
        let size = lhs.size() + rhs.size();
        let eq = Formula::Eq(lhs, rhs);
        let formula = if vars.is_empty() {
            eq
        } else {
            Formula::Forall(vars, Box::new(eq))
        };
        Some(Conjecture { formula, size, key })
    }

    /// A counterexample to `lhs = rhs` among the ground instances: an assignment of the
    /// variables under which the two sides evaluate to different values.
    pub fn counterexample(
        &mut self,
        vars: &[Var],
        lhs: &Term,
        rhs: &Term,
    ) -> Option<Vec<(Var, Term)>> {
        self.clause_counterexample(&super::equation::Goal::equation(
            vars.to_vec(),
            lhs.clone(),
            rhs.clone(),
        ))
    }

    /// The values of `t` on the ground instances of `vars` (a few values per variable,
    /// in a fixed order), `None` if one is undefined: terms with equal fingerprints
    /// agree on every instance tried.
    pub fn fingerprint(&mut self, vars: &[Var], t: &Term) -> Option<Vec<Value>> {
        let mut per_var = self.config.values_per_sort;
        while per_var > 2 && per_var.saturating_pow(vars.len() as u32) > 2_000 {
            per_var -= 1;
        }
        let mut out = Vec::new();
        for inst in self.eval.instances(vars, per_var) {
            self.eval.refuel();
            out.push(self.eval.eval(t, &inst)?);
        }
        // A variable of a function sort without values leaves no instance: unknown.
        if out.is_empty()
            && vars
                .iter()
                .any(|v| super::eval::is_function(&self.theory, v.sort))
        {
            return None;
        }
        Some(out)
    }

    /// Values per variable a clause is tested on: as many as keep the instances of `vars`
    /// variables under about 20,000.
    fn clause_values_per_var(&self, vars: usize) -> usize {
        let mut per_var = self.config.values_per_sort + 2;
        while per_var > 2 && per_var.saturating_pow(vars as u32) > 20_000 {
            per_var -= 1;
        }
        per_var
    }

    /// A counterexample to a goal among the ground instances: an assignment of its
    /// variables under which every premise holds and the conclusion fails (for a negated
    /// conclusion `l != r`: `l` and `r` evaluate to the same value).
    pub fn clause_counterexample(
        &mut self,
        goal: &super::equation::Goal,
    ) -> Option<Vec<(Var, Term)>> {
        let vars = &goal.rigid;
        let per_var = self.clause_values_per_var(vars.len());
        'instances: for inst in self.eval.instances(vars, per_var) {
            self.eval.refuel();
            for (l, r) in &goal.premises {
                match (self.eval.eval(l, &inst), self.eval.eval(r, &inst)) {
                    (Some(a), Some(b)) if a == b => {}
                    _ => continue 'instances,
                }
            }
            let (a, b) = (
                self.eval.eval(&goal.lhs, &inst),
                self.eval.eval(&goal.rhs, &inst),
            );
            if let (Some(a), Some(b)) = (a, b) {
                if (a != b) != goal.negated {
                    return Some(
                        inst.iter()
                            .map(|(v, x)| (*v, self.eval.to_term(*x)))
                            .collect(),
                    );
                }
            }
        }
        None
    }

    /// Whether a conditional conjecture is a law on the ground instances: its premises
    /// hold on at least one instance (it is not vacuous there), and wherever they hold,
    /// so does its conclusion; `false` when an instance cannot be evaluated.
    pub fn holds_conditionally(&mut self, goal: &super::equation::Goal) -> bool {
        let per_var = self.clause_values_per_var(goal.rigid.len());
        let mut applied = false;
        'instances: for inst in self.eval.instances(&goal.rigid, per_var) {
            self.eval.refuel();
            for (l, r) in &goal.premises {
                match (self.eval.eval(l, &inst), self.eval.eval(r, &inst)) {
                    (Some(a), Some(b)) if a == b => {}
                    (Some(_), Some(_)) => continue 'instances,
                    _ => return false,
                }
            }
            match (
                self.eval.eval(&goal.lhs, &inst),
                self.eval.eval(&goal.rhs, &inst),
            ) {
                (Some(a), Some(b)) if (a == b) != goal.negated => applied = true,
                _ => return false,
            }
        }
        applied
    }
}

impl Conjecturer {
    /// Whether `goal` (a plain equation) fails on a wider sample than the one its sides
    /// were bucketed on: [`WIDER_VALUES`] more values per variable (see [`values_for`]),
    /// fewer where the instances would pass [`WIDE_INSTANCES`]. A law whose two sides
    /// part only past the first few numerals (`leq(x, s(y) * s(y)) = leq(x, s(y * s(y)))`
    /// holds for every `x, y < 4`) is false, and would cost its blocks a whole budget.
    /// An instance that cannot be evaluated counts for nothing.
    pub fn refuted_widely(&mut self, goal: &super::equation::Goal) -> bool {
        let per_sort = self.config.values_per_sort;
        let mut extra = WIDER_VALUES;
        let count = |theory: &Theory, extra: usize| {
            goal.rigid.iter().fold(1usize, |n, v| {
                n.saturating_mul(values_for(theory, v.sort, per_sort + extra))
            })
        };
        while extra > 0 && count(&self.theory, extra) > WIDE_INSTANCES {
            extra -= 1;
        }
        let pools: Vec<Vec<Value>> = goal
            .rigid
            .iter()
            .map(|v| {
                let count = values_for(&self.theory, v.sort, per_sort + extra);
                self.eval.ground_values(v.sort, count)
            })
            .collect();
        if self.refuted_on(goal, product(&pools)) {
            return true;
        }
        // Breadth-first values of a container sort hold only the first few values of
        // their elements (lists of Nat hold 0 and 1 only), so a law that parts when an
        // element is larger (`elem(s(s(n)), cons(m, l)) = eq(s(s(s(n))), s(m))`, false
        // for `l = [2]`) holds on all of them: the spread values fill that gap. Where
        // they add nothing (Nat alone), the instances are those just tried.
        let spread: Vec<Vec<Value>> = goal
            .rigid
            .iter()
            .map(|v| self.spread_values(v.sort, per_sort + WIDER_VALUES))
            .collect();
        if spread == pools {
            return false;
        }
        let instances = super::conditional::assignments(&spread, WIDE_INSTANCES);
        self.refuted_on(goal, instances)
    }

    /// Whether some instance of `instances` (values of `goal.rigid`, in order) refutes
    /// `goal` (one that cannot be evaluated counts for nothing).
    fn refuted_on(&mut self, goal: &super::equation::Goal, instances: Vec<Vec<Value>>) -> bool {
        for values in instances {
            let inst: Vec<(Var, Value)> = goal.rigid.iter().copied().zip(values).collect();
            self.eval.refuel();
            if let (Some(a), Some(b)) = (
                self.eval.eval(&goal.lhs, &inst),
                self.eval.eval(&goal.rhs, &inst),
            ) {
                if (a != b) != goal.negated {
                    return true;
                }
            }
        }
        false
    }

    /// Values of `sort` whose parts of other sorts range wide: a sort whose constructors
    /// take only itself (Nat) gets its first `count` values; a container sort (lists)
    /// gets each constructor applied to the first `count` values of each argument of
    /// another sort and the first two values of its own sort (`[k]` and `[k, 0]` for
    /// every `k < count`), besides its own first `count` values. Empty for a sort
    /// without values.
    fn spread_values(&mut self, sort: SortId, count: usize) -> Vec<Value> {
        let mut values = self.eval.ground_values(sort, count);
        if values.is_empty() {
            return values;
        }
        let constructors = self.theory.sort(sort).constructors.clone();
        for c in constructors {
            let args = self.theory.op(c).args.clone();
            if args.iter().all(|a| *a == sort) {
                continue;
            }
            let pools: Vec<Vec<Value>> = args
                .iter()
                .map(|a| {
                    let n = if *a == sort { 2 } else { count };
                    self.eval.ground_values(*a, n)
                })
                .collect();
            for tuple in product(&pools) {
                let term = Term::App(c, tuple.iter().map(|v| self.eval.to_term(*v)).collect());
                self.eval.refuel();
                if let Some(v) = self.eval.eval(&term, &[]) {
                    if !values.contains(&v) {
                        values.push(v);
                    }
                }
            }
        }
        values
    }
}

/// Values per variable a conjecture is tested on before a block, beyond the sample its
/// sides were bucketed on ([`Conjecturer::refuted_widely`]).
const WIDER_VALUES: usize = 3;
/// Most ground instances of that wider test.
const WIDE_INSTANCES: usize = 2_000;

/// A stride near `n` divided by the golden ratio (at least 1): successive multiples of it
/// modulo `n` spread evenly over every digit of a mixed-radix index, so a sample of
/// assignments taken with it varies every variable.
pub(super) fn golden_stride(n: u128) -> u128 {
    (n.saturating_mul(618_034) / 1_000_000).max(1)
}

/// Ground instances the conjecturer tests on, at most this many.
const MAX_INSTANCES: usize = 400;

/// Values tried per variable of a sort: more for sorts built from other sorts (lists over
/// N need a few to tell `rev(l)` from `l`).
pub(super) fn values_for(theory: &Theory, sort: SortId, per_sort: usize) -> usize {
    let simple = theory
        .sort(sort)
        .constructors
        .iter()
        .all(|c| theory.op(*c).args.iter().all(|a| *a == sort));
    if simple {
        per_sort
    } else {
        per_sort + 3
    }
}

/// All ground instances of `vars` (each variable over the first values of its sort, see
/// [`values_for`]) if there are at most [`MAX_INSTANCES`], else that many spread over
/// them deterministically, without building the others (a theory with several sorts has
/// billions): a stride coprime with their number, near the golden section of it, so that
/// every variable takes many values (a stride near half their number would step the first
/// variables through two values only, leaving `y = 0` on almost every instance, and then
/// `s(x) + y = s(x)` would look true). Instances are numbered as a mixed-radix number,
/// the last variable the fastest digit.
fn sample(
    eval: &mut Evaluator,
    theory: &Theory,
    vars: &[Var],
    per_sort: usize,
) -> Vec<Vec<(Var, Value)>> {
    let pools: Vec<Vec<Value>> = vars
        .iter()
        .map(|v| eval.ground_values(v.sort, values_for(theory, v.sort, per_sort)))
        .collect();
    super::conditional::assignments(&pools, MAX_INSTANCES)
        .into_iter()
        .map(|values| vars.iter().copied().zip(values).collect())
        .collect()
}

/// `theory` with the conjecturer's variable names interned (`x`, `y`, `z` for the first
/// sort, `n1`, `n2`, ... for a sort `N` after it). Names already interned keep their ids,
/// so terms over `theory` remain valid over the result.
pub fn with_variables(theory: &Theory, config: &ConjecturerConfig) -> Theory {
    let mut theory = theory.clone();
    for (si, sort) in theory.sorts.clone().iter().enumerate() {
        for k in 0..config.vars_per_sort {
            let name = variable_name(&theory, &sort.name, k, si);
            theory.intern(&name);
        }
        if sort.shape == crate::mpl::SortShape::Param {
            for k in 0..super::eval::MAX_ELEMENTS {
                theory.intern(&super::eval::element_name(&sort.name, k));
            }
        }
        if matches!(sort.shape, crate::mpl::SortShape::Function { .. }) {
            for k in 0..super::eval::MAX_SAMPLED {
                theory.intern(&super::eval::sampled_name(&sort.name, k));
            }
        }
    }
    theory
}

pub(crate) fn variable_name(theory: &Theory, sort: &str, k: usize, sort_index: usize) -> String {
    let mut name = var_names(sort, k, sort_index);
    while theory.op_by_name(&name).is_some() {
        name.push('\'');
    }
    name
}

/// The conjecturer's variables of a theory made by [`with_variables`].
fn variables(theory: &Theory, config: &ConjecturerConfig) -> Vec<Var> {
    let mut vars = Vec::new();
    let formers = super::eval::closure_formers(theory);
    for si in 0..theory.sorts.len() {
        // A sort without ground values to test a variable on (an uninterpreted sort)
        // would leave no ground instance at all: no variables of it. A function sort has
        // variables, for naming conjectures (a speculated lemma `map(f, app(l, m)) = ...`),
        // tested when it has values (closures or sampled functions).
        let sort = SortId(si as u32);
        if !has_values(theory, sort, &formers) && !super::eval::is_function(theory, sort) {
            continue;
        }
        for k in 0..config.vars_per_sort {
            let name = variable_name(theory, &theory.sort(sort).name, k, si);
            let id = theory
                .names
                .iter()
                .position(|n| *n == name)
                .expect("interned by with_variables");
            vars.push(Var {
                name: crate::mpl::Name(id as u32),
                sort: SortId(si as u32),
            });
        }
    }
    vars
}

/// The renaming of the variables of `terms`, in order of first occurrence, to the first
/// variables of their sort in `vars` (the conjecturer's canonical naming). Panics if a
/// sort has more variables in `terms` than in `vars` (callers bound term sizes, or check
/// the counts, first).
pub(crate) fn canonical_renaming(terms: &[&Term], vars: &[Var]) -> Vec<(Var, Var)> {
    let mut order: Vec<Var> = Vec::new();
    for t in terms {
        t.vars_into(&mut order);
    }
    let mut renaming: Vec<(Var, Var)> = Vec::new();
    for v in order {
        let k = renaming.iter().filter(|(a, _)| a.sort == v.sort).count();
        let target = *vars
            .iter()
            .filter(|w| w.sort == v.sort)
            .nth(k)
            .expect("at most as many variables per sort as the conjecturer names");
        renaming.push((v, target));
    }
    renaming
}

/// All ways to write `total` as an ordered sum of `parts` positive integers.
pub(crate) fn compositions(total: usize, parts: usize) -> Vec<Vec<usize>> {
    if parts == 1 {
        return if total >= 1 {
            vec![vec![total]]
        } else {
            Vec::new()
        };
    }
    let mut out = Vec::new();
    for first in 1..total {
        for mut rest in compositions(total - first, parts - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

/// The cartesian product of the choices, in lexicographic order.
pub(crate) fn product<T: Clone>(choices: &[Vec<T>]) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![Vec::new()];
    for c in choices {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                c.iter().map(move |x| {
                    let mut p = prefix.clone();
                    p.push(x.clone());
                    p
                })
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peano() -> Theory {
        crate::mpl::peano_for_tests()
    }

    #[test]
    fn proposes_the_identity_and_zero_laws_at_size_three() {
        let mut c = Conjecturer::new(&peano(), ConjecturerConfig::default(), None);
        let l2 = c.level(2);
        assert!(l2.is_empty(), "{l2:?}");
        let keys: Vec<String> = c.level(3).into_iter().map(|c| c.key).collect();
        for k in [
            "(+ x 0) = x",
            "(+ 0 x) = x",
            "(* x 0) = 0",
            "(* 0 x) = 0",
            "(+ x y) = (+ y x)",
        ] {
            assert!(keys.contains(&k.to_string()), "{k} missing from {keys:?}");
        }
        // Never t = t, never a renamed duplicate, never a false law such as x + y = x.
        assert!(keys.iter().all(|k| !k.contains("(+ x y) = x")));
        let unique: BTreeSet<&String> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
    }

    #[test]
    fn restatements_through_an_irrelevant_variable_or_a_definition_are_not_proposed() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/axioms/order.mpl");
        let th = crate::mpl::load(std::path::Path::new(path)).expect("order.mpl loads");
        let mut c = Conjecturer::new(&th, ConjecturerConfig::default(), None);
        let keys: Vec<String> = (2..=7).flat_map(|n| c.level(n)).map(|c| c.key).collect();
        let squares: Vec<&String> = keys
            .iter()
            .filter(|k| k.starts_with("(leq (* x x) (* x y)) = "))
            .collect();
        assert!(squares.contains(&&"(leq (* x x) (* x y)) = (leq x y)".to_string()));
        // Not with a member that has a variable the new term lacks, nor with one that
        // the definition `leq(s(a), s(b)) = leq(a, b)` unfolds into another member.
        for k in [
            "(leq (* x x) (* x y)) = (leq (+ z x) (+ z y))",
            "(leq (* x x) (* x y)) = (leq (s x) (s y))",
        ] {
            assert!(!keys.contains(&k.to_string()), "{k} proposed");
        }
    }

    #[test]
    fn finds_counterexamples_on_ground_instances() {
        let mut th = peano();
        let n = th.sort_by_name("N").unwrap();
        let x = Var {
            name: th.intern("x"),
            sort: n,
        };
        let y = Var {
            name: th.intern("y"),
            sort: n,
        };
        let plus = th.op_by_name("+").unwrap();
        let mut c = Conjecturer::new(&th, ConjecturerConfig::default(), None);
        let lhs = Term::App(plus, vec![Term::Var(x), Term::Var(y)]);
        let cex = c
            .counterexample(&[x, y], &lhs, &Term::Var(x))
            .expect("x + y = x is false");
        assert_eq!(cex.len(), 2);
        let comm = Term::App(plus, vec![Term::Var(y), Term::Var(x)]);
        assert!(c.counterexample(&[x, y], &lhs, &comm).is_none());
    }

    #[test]
    fn a_law_true_on_lists_of_small_elements_only_is_refuted_on_spread_values() {
        let mut th = crate::mpl::load_str(
            std::path::Path::new("t.mpl"),
            "inductive N = 0 | s(N); inductive L = nil | cons(N, L);
             op hd(L) -> N; op min1(N) -> N;
             axiom hd_nil: (=[hd(nil), 0]); axiom hd_cons: (>[x, l] (=[hd(cons(x, l)), x]));
             axiom min1_zero: (=[min1(0), 0]); axiom min1_succ: (>[x] (=[min1(s(x)), s(0)]));",
        )
        .unwrap();
        // The breadth-first lists hold 0 and 1 only, on which min1 is the identity.
        let f = crate::mpl::parse_goal(&mut th, "min1(hd(l)) = hd(l)").unwrap();
        let goal = super::super::equation::Goal::from_formula(&f).unwrap();
        let mut c = Conjecturer::new(&th, ConjecturerConfig::default(), None);
        let wide = WIDER_VALUES + values_for(&th, goal.rigid[0].sort, c.config.values_per_sort);
        let bfs = vec![c.eval.ground_values(goal.rigid[0].sort, wide)];
        assert!(
            !c.refuted_on(&goal, product(&bfs)),
            "the breadth-first sample misses it"
        );
        assert!(c.refuted_widely(&goal), "hd([2]) = 2 refutes it");
    }

    #[test]
    fn a_law_true_below_four_only_is_refuted_on_the_wider_sample() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/axioms/order.mpl");
        let mut th = crate::mpl::load(std::path::Path::new(path)).unwrap();
        let goal = |th: &mut Theory, text: &str| {
            let f = crate::mpl::parse_goal(&mut *th, text).unwrap();
            super::super::equation::Goal::from_formula(&f).unwrap()
        };
        // (y + 1)^2 and y(y + 1) + 1 are both at least 3 for y >= 1: every x < 4 is
        // below both, and the sides part at x = 4, y = 1.
        let threshold = goal(&mut th, "leq(x, s(y) * s(y)) = leq(x, s(y * s(y)))");
        let le_add = goal(&mut th, "leq(x, x + y) = true");
        let mut c = Conjecturer::new(&th, ConjecturerConfig::default(), None);
        let (l, r) = (&threshold.lhs, &threshold.rhs);
        let vars = threshold.rigid.clone();
        assert_eq!(c.fingerprint(&vars, l), c.fingerprint(&vars, r));
        assert!(c.refuted_widely(&threshold));
        assert!(!c.refuted_widely(&le_add));
    }
}
