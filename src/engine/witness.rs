//! Existential goals `∀xs. P → ∃ys. e1 ∧ … ∧ ek`: witnesses tried from the goal's own
//! terms, each conjunct then proved by the ordinary goal-directed prover, and the proof
//! written as the certificate's `witness` (format section 5.1).
//!
//! Invariants:
//! - the candidates for a bound variable `y` of sort `S` are, in this order and without
//!   repeats: the subterms of sort `S` of the premises' and the conjuncts' sides that
//!   mention no bound variable, the rigid variables of sort `S`, the constants of `S`,
//!   then one constructor of `S` applied to those (its arguments of sort `S` only);
//!   sorted by size (stable), at most [`MAX_CANDIDATES`] per variable;
//! - the tuples (one candidate per bound variable) are tried smallest total size first,
//!   at most [`MAX_TUPLES`]; for each, every conjunct with the candidates substituted is
//!   a goal `∀xs. P → e[ys := ts]` proved by [`super::discover::prove_goal`] (which
//!   refutes a false one on ground instances first) under the caller's config; the first
//!   tuple whose conjuncts are all proved is the witness. The search is bounded by these
//!   counts (and the prover's own budgets), never by a clock of its own; the config's
//!   time limit (and stop flag) is the goal's as a whole, each conjunct getting what is
//!   left, and a conjunct stopped by it stops the whole search (unproved): so a witness
//!   found is the first tuple in this order whatever the time limit;
//! - a conjunct's proof is proved in the context the kernel opens for the witness (the
//!   rigid variables `xs`, the premises as `h1..hn`), so it is the conjunct's proof as
//!   written; the lemmas it discovered come with it, to precede the theorem.
//!
//! Example: for `∀n. ∃m. s(n) = m + s(0)` the candidates for `m` are `n`, `0`, `s(n)`,
//! `s(0)`, ...; `m := n` gives `s(n) = n + s(0)`, which rewriting proves.

use super::discover::{prove_goal, DiscoverConfig, Outcome};
use super::equation::{Equation, Goal};
use super::failure::Failure;
use super::grid::Executor;
use super::prover::Proved;
use crate::mpl::{Formula, SExpr, Term, Theory, Var};
use crate::proof::clause::{Clause, Goal as Conclusion};
use ergo_kernel::format::Proof;
use std::collections::BTreeMap;
use std::time::Instant;

/// The most candidates tried per bound variable.
pub const MAX_CANDIDATES: usize = 8;
/// The most tuples of candidates tried per goal.
pub const MAX_TUPLES: usize = 24;

/// A goal `∀rigid. premises → ∃vars. body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistsGoal {
    /// The universally quantified variables, in binder order.
    pub rigid: Vec<Var>,
    /// The premises (the hypotheses `h1..hn`).
    pub premises: Vec<(Term, Term)>,
    /// The bound variables.
    pub vars: Vec<Var>,
    /// The conjuncts.
    pub body: Vec<(Term, Term)>,
}

impl ExistsGoal {
    /// Reads a closed formula whose conclusion is existential (`!(>[ys] !B)`).
    pub fn from_formula(f: &Formula) -> Option<ExistsGoal> {
        let clause = Clause::from_formula(f)?;
        let Conclusion::Exists(ex) = clause.goal else {
            return None;
        };
        Some(ExistsGoal {
            rigid: clause.vars,
            premises: clause.premises,
            vars: ex.vars,
            body: ex.body,
        })
    }

    /// The conjunct `i` with the bound variables replaced by `ts`, as a goal.
    fn conjunct(&self, i: usize, ts: &[Term]) -> Goal {
        let sub = |t: &Term| {
            self.vars
                .iter()
                .zip(ts)
                .fold(t.clone(), |t, (v, by)| t.substitute(v, by))
        };
        let (l, r) = &self.body[i];
        Goal {
            rigid: self.rigid.clone(),
            lhs: sub(l),
            rhs: sub(r),
            premises: self.premises.clone(),
            negated: false,
        }
    }
}

/// A witnessed existential: the proof and what it rests on.
#[derive(Clone, Debug)]
pub struct Witnessed {
    /// The `witness` proof of the goal.
    pub proof: Proof,
    /// The lemmas the conjunct proofs discovered (they precede the theorem).
    pub lemmas: Vec<Proved>,
    /// The witnesses, per bound variable, as text.
    pub terms: Vec<(String, String)>,
    /// The rewrite steps of the conjunct proofs.
    pub steps: usize,
    /// The tuples tried (the last one proved).
    pub tried: usize,
}

/// The candidates for `y` (see the module's invariants).
pub fn candidates(theory: &Theory, goal: &ExistsGoal, y: &Var) -> Vec<Term> {
    let mut found: Vec<Term> = Vec::new();
    let add = |t: &Term, found: &mut Vec<Term>| {
        if theory.sort_of(t) == y.sort
            && !goal.vars.iter().any(|v| t.occurs(v))
            && !found.contains(t)
        {
            found.push(t.clone());
        }
    };
    fn subterms(t: &Term, out: &mut Vec<Term>) {
        out.push(t.clone());
        if let Term::App(_, args) = t {
            args.iter().for_each(|a| subterms(a, out));
        }
    }
    let mut all = Vec::new();
    for (l, r) in goal.premises.iter().chain(&goal.body) {
        subterms(l, &mut all);
        subterms(r, &mut all);
    }
    all.extend(goal.rigid.iter().map(|v| Term::Var(*v)));
    let sort = theory.sort(y.sort);
    for &c in &sort.constructors {
        if theory.op(c).args.is_empty() {
            all.push(Term::App(c, Vec::new()));
        }
    }
    for t in &all {
        add(t, &mut found);
    }
    let base = found.clone();
    for &c in &sort.constructors {
        let args = &theory.op(c).args;
        if args.len() == 1 && args[0] == y.sort {
            for t in &base {
                add(&Term::App(c, vec![t.clone()]), &mut found);
            }
        }
    }
    found.sort_by_key(Term::size);
    found.truncate(MAX_CANDIDATES);
    found
}

/// The tuples of candidates, smallest total size first (stable), at most [`MAX_TUPLES`].
fn tuples(per_var: &[Vec<Term>]) -> Vec<Vec<Term>> {
    let mut out = super::conjecture::product(per_var);
    out.sort_by_key(|ts| ts.iter().map(Term::size).sum::<usize>());
    out.truncate(MAX_TUPLES);
    out
}

/// Why no witness was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoWitness {
    /// Every tuple tried has a conjunct the prover did not prove.
    Exhausted {
        /// The tuples tried.
        tried: usize,
    },
    /// The goal's time limit passed (or the stop flag was raised) first.
    Stopped,
}

impl std::fmt::Display for NoWitness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoWitness::Exhausted { tried } => write!(
                f,
                "no witness among the goal's own terms ({tried} tuple(s) of candidates tried)"
            ),
            NoWitness::Stopped => f.write_str("stopped by the time limit while trying witnesses"),
        }
    }
}

/// Whether a failure is (or comes from) a cancellation.
fn stopped(f: &Failure) -> bool {
    match f {
        Failure::Stopped(_) => true,
        Failure::Induction { case, .. } => stopped(case),
        Failure::NoLemma { first, .. } => stopped(first),
        _ => false,
    }
}

/// Whether the goal's time limit has passed or its stop flag is raised.
fn out_of_time(config: &DiscoverConfig, start: Instant) -> bool {
    let flag = config.stop.as_ref();
    start.elapsed() >= config.timeout
        || flag.is_some_and(|f| f.load(std::sync::atomic::Ordering::SeqCst))
}

/// Proves the existential goal `name` by a witness from its candidates.
pub fn prove_exists<E: Executor + ?Sized>(
    theory: &Theory,
    name: &str,
    goal: &ExistsGoal,
    rules: &[Equation],
    config: &DiscoverConfig,
    executor: &E,
) -> Result<Witnessed, NoWitness> {
    let start = Instant::now();
    let per_var: Vec<Vec<Term>> = goal
        .vars
        .iter()
        .map(|y| candidates(theory, goal, y))
        .collect();
    let all = tuples(&per_var);
    let tried = all.len();
    for (k, ts) in all.into_iter().enumerate() {
        let mut lemmas = Vec::new();
        let mut proofs = Vec::new();
        let mut steps = 0;
        for i in 0..goal.body.len() {
            let conjunct = goal.conjunct(i, &ts);
            let part = format!("{name}.c{}", i + 1);
            let left = DiscoverConfig {
                timeout: config.timeout.saturating_sub(start.elapsed()),
                ..config.clone()
            };
            match prove_goal(theory, &part, &conjunct, rules, &left, executor) {
                Outcome::Proved { lemmas: l, proof } => {
                    steps += proof.steps + l.iter().map(|p| p.steps).sum::<usize>();
                    lemmas.extend(l);
                    proofs.push(proof.proof);
                }
                Outcome::Unproved { reason } if stopped(&reason) || out_of_time(config, start) => {
                    return Err(NoWitness::Stopped)
                }
                _ => break,
            }
        }
        if proofs.len() < goal.body.len() {
            continue;
        }
        let terms: Vec<(String, String)> = goal
            .vars
            .iter()
            .zip(&ts)
            .map(|(y, t)| {
                let text = SExpr(theory, t).to_string();
                (theory.name(y.name).to_string(), text)
            })
            .collect();
        let map: BTreeMap<String, String> = terms.iter().cloned().collect();
        return Ok(Witnessed {
            proof: Proof::Witness { terms: map, proofs },
            lemmas,
            terms,
            steps,
            tried: k + 1,
        });
    }
    Err(NoWitness::Exhausted { tried })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpl::print;

    fn setup(goal: &str) -> (Theory, ExistsGoal) {
        let text = "inductive N = 0 | s(N); op +(N, N) -> N infixl 6;
                    axiom add_zero: (>[a] (=[a + 0, a]));
                    axiom add_succ: (>[a,b] (=[a + s(b), s(a + b)]));";
        let mut th = crate::mpl::load_str(std::path::Path::new("w.mpl"), text).unwrap();
        let f = crate::mpl::parse_goal(&mut th, goal).unwrap();
        let th = super::super::discover::prepare(&th);
        let g = ExistsGoal::from_formula(&f).expect("an existential goal");
        (th, g)
    }

    #[test]
    fn candidates_are_the_goals_own_terms_smallest_first() {
        let (th, g) = setup("(>[n] !(>[m] !(=[s(n), m + s(0)])))");
        let shown: Vec<String> = candidates(&th, &g, &g.vars[0])
            .iter()
            .map(|t| print::term(&th, t))
            .collect();
        assert_eq!(shown, ["n", "0", "s(n)", "s(0)", "s(s(n))", "s(s(0))"]);
        // A term mentioning the bound variable is no candidate.
        assert!(!shown.iter().any(|t| t.contains('m')));
        assert_eq!(tuples(&[vec![], vec![]]).len(), 0);
    }

    #[test]
    fn a_witness_is_found_and_written_as_the_certificate_method() {
        let (th, g) = setup("(>[n] !(>[m] !(=[s(n), m + s(0)])))");
        let rules = super::super::equation::axiom_equations(&th);
        let config = DiscoverConfig::default();
        let exec = super::super::RayonExecutor::new(1);
        let w = prove_exists(&th, "g", &g, &rules, &config, &exec).expect("a witness");
        assert!(w.steps > 0);
        assert_eq!(w.terms, [("m".to_string(), "n".to_string())]);
        assert_eq!(w.tried, 1);
        let Proof::Witness { terms, proofs } = &w.proof else {
            panic!("a witness")
        };
        assert_eq!(terms.get("m").map(String::as_str), Some("n"));
        assert_eq!(proofs.len(), 1);
        // No witness: false for every candidate, refuted on ground instances.
        let (th, g) = setup("(>[x] !(>[z] !(=[s(z), 0])))");
        let none = prove_exists(&th, "f", &g, &rules, &config, &exec).unwrap_err();
        assert!(
            matches!(none, NoWitness::Exhausted { tried } if tried > 0),
            "{none}"
        );
    }
}
