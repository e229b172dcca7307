//! Proving clauses: goals with premises, negated goals, and the case analysis they need.
//!
//! A [`Goal`] with premises or a negated conclusion is opened as a [`Sequent`]: rigid
//! variables, named hypotheses (the premises `h1`, `h2`, ..., and for `l != r` the
//! equation `l = r` as the last `h`), and a conclusion that is an equation or falsity —
//! exactly the context the kernel rebuilds (certificate format, section 5.1). A sequent
//! is *closed* by one logic block: an e-graph holding the conclusion's sides and the
//! hypotheses, saturated alternately by egg with the plain equations and by
//! [`super::horn`] with the clauses (conditional axioms and theorems, conditional
//! induction hypotheses), until the conclusion's sides join or a clause concluding
//! falsity has an instance whose premises hold (a contradiction, which proves any goal).
//!
//! When a sequent does not close, the search splits it: structural induction on a rigid
//! variable, every simple hypothesis reverted into the (then conditional) induction
//! hypothesis and re-introduced in each case — the kernel's construction, step for step.
//! Splits nest up to a depth (iterative deepening: all variables at depth 1 first), so a
//! case analysis inside an induction step (transitivity of an order, cancellation) is
//! found. An induction whose hypotheses end up uncited is emitted as a case split.
//! Some splits are free (they do not count towards the depth, [`FREE_SPLITS`] along a
//! path): on a blocking term of an enumeration sort (an `ite`'s condition), and, out of
//! depth, on the one variable a definition still waits for once it has matched a
//! constructor at another argument (`zip(cons(x, xs), ys)`).
//!
//! Invariants: the proof returned for a sequent proves exactly that sequent in the
//! kernel's reading (same hypothesis names and order, same fresh names); every union in
//! a block is justified by a rewrite, a hypothesis or a recorded clause firing, so every
//! step of the certificate names its rule and every conditional step carries the proofs
//! of its premises; the search is deterministic (fixed variable and constructor order).

use super::blocking::{blocking_terms, Blocking, MatchPositions};
use super::cancel::Cancel;
use super::equation::{Equation, Goal, RuleKind};
use super::failure::{Exhausted, Failure};
use super::horn::{self, Firing, Graph, Horn};
use super::induction;
use super::limits::{Limits, UNBOUNDED};
use super::proof_reader::Reader;
use super::rewrite::{expr, rewrites, Rule};
use crate::engine::explain;
use crate::mpl::{Names, Signature, Term, Theory, Var};
use egg::Runner;
use ergo_kernel::format::{Case, Proof, StepKind};

/// Rounds of (saturation, clause firing) in one block.
const ROUNDS: usize = 8;
/// Clause firings allowed in one round.
const FIRINGS_PER_ROUND: usize = 256;
/// Blocking terms of sorts that are not enumerations split on, as alternatives, in one
/// sequent.
const MAX_TERM_SPLITS: usize = 3;
/// Splits along one path of the search that do not count towards its depth: on
/// blocking terms of enumeration sorts, and on a variable a partly matched definition
/// waits for (2^3 cases at most below one sequent for Booleans).
const FREE_SPLITS: usize = 3;

/// A goal in its context, as the kernel sees it.
#[derive(Clone, Debug)]
pub struct Sequent {
    /// The rigid variables.
    pub rigid: Vec<Var>,
    /// The hypotheses, in the kernel's order (kind [`RuleKind::Hypothesis`]).
    pub hyps: Vec<Equation>,
    /// The conclusion; `None` is falsity.
    pub goal: Option<(Term, Term)>,
}

fn is_simple(h: &Equation) -> bool {
    h.vars.is_empty() && h.is_plain()
}

/// Whether the rigid variable `v` occurs in the clause `h` (its rule variables are
/// bound, so never free).
fn mentions_free(h: &Equation, v: &Var) -> bool {
    if h.vars.contains(v) {
        return false;
    }
    let (premises, conclusion) = h.clause();
    premises
        .iter()
        .chain(conclusion.iter())
        .any(|(l, r)| l.occurs(v) || r.occurs(v))
}

fn hypothesis(
    name: String,
    vars: Vec<Var>,
    mut premises: Vec<(Term, Term)>,
    goal: Option<(Term, Term)>,
) -> Option<Equation> {
    let (lhs, rhs, negated) = match goal {
        Some((l, r)) => (l, r, false),
        None => {
            let (l, r) = premises.pop()?;
            (l, r, true)
        }
    };
    Some(Equation {
        kind: RuleKind::Hypothesis,
        name,
        vars,
        lhs,
        rhs,
        premises,
        negated,
    })
}

impl Sequent {
    /// Opens a goal: premises become the hypotheses `h1..hn`; a negated conclusion adds
    /// its equation as the next hypothesis and leaves falsity to prove.
    pub fn open(goal: &Goal) -> Sequent {
        let mut hyps: Vec<Equation> = goal
            .premises
            .iter()
            .enumerate()
            .filter_map(|(i, (l, r))| {
                hypothesis(
                    format!("h{}", i + 1),
                    Vec::new(),
                    Vec::new(),
                    Some((l.clone(), r.clone())),
                )
            })
            .collect();
        let conclusion = (goal.lhs.clone(), goal.rhs.clone());
        let goal_part = if goal.negated {
            let n = hyps.len() + 1;
            hyps.extend(hypothesis(
                format!("h{n}"),
                Vec::new(),
                Vec::new(),
                Some(conclusion),
            ));
            None
        } else {
            Some(conclusion)
        };
        Sequent {
            rigid: goal.rigid.clone(),
            hyps,
            goal: goal_part,
        }
    }

    /// The cases of induction on `v` (kernel construction, spec 5.1), with fresh names
    /// interned in the attempt's `names`; `None` if `v`'s sort is not inductive.
    fn split(
        &self,
        signature: &Signature,
        names: &mut Names,
        v: Var,
    ) -> Option<Vec<(String, Vec<Var>, Sequent)>> {
        if !super::induction::is_inductive(signature, v.sort) {
            return None;
        }
        let sort = signature.sort(v.sort);
        let simple: Vec<&Equation> = self.hyps.iter().filter(|h| is_simple(h)).collect();
        let kept: Vec<&Equation> = self
            .hyps
            .iter()
            .filter(|h| !is_simple(h) && !mentions_free(h, &v))
            .collect();
        let generalised: Vec<Var> = self
            .rigid
            .iter()
            .copied()
            .filter(|w| *w != v && !kept.iter().any(|h| mentions_free(h, w)))
            .collect();
        let others: Vec<Var> = self.rigid.iter().copied().filter(|w| *w != v).collect();
        let mut out = Vec::new();
        for ctor in &sort.constructors {
            let op = signature.op(*ctor);
            let (fresh, instance) = self.case_instance(signature, names, v, *ctor, &others);
            let sub = |t: &Term| t.substitute(&v, &instance);
            let mut rigid = others.clone();
            rigid.extend(fresh.iter().copied());
            let mut hyps: Vec<Equation> = Vec::new();
            for h in &self.hyps {
                if is_simple(h) {
                    let mut h = h.clone();
                    h.lhs = sub(&h.lhs);
                    h.rhs = sub(&h.rhs);
                    hyps.push(h);
                } else if !mentions_free(h, &v) {
                    hyps.push(h.clone());
                }
            }
            for f in fresh.iter().filter(|f| f.sort == v.sort) {
                let to = Term::Var(*f);
                let premises = simple
                    .iter()
                    .map(|h| (h.lhs.substitute(&v, &to), h.rhs.substitute(&v, &to)))
                    .collect();
                let goal = self
                    .goal
                    .as_ref()
                    .map(|(l, r)| (l.substitute(&v, &to), r.substitute(&v, &to)));
                let name = format!("ih_{}", names.get(f.name));
                hyps.extend(hypothesis(name, generalised.clone(), premises, goal));
            }
            let goal = self.goal.as_ref().map(|(l, r)| (sub(l), sub(r)));
            out.push((op.name.clone(), fresh, Sequent { rigid, hyps, goal }));
        }
        Some(out)
    }
}

impl Sequent {
    /// The cases of a split on the term `t` (certificate method `split`, spec 5.1): one
    /// per constructor of `t`'s sort, each with the rigid variables plus fresh names for
    /// the constructor's arguments, every hypothesis kept, and the simple hypothesis
    /// `hyp: t = c(fresh..)` last; the goal is unchanged. `None` if `t`'s sort is not
    /// inductive.
    fn split_term(
        &self,
        signature: &Signature,
        names: &mut Names,
        t: &Term,
        hyp: &str,
    ) -> Option<Vec<(String, Vec<Var>, Sequent)>> {
        let sort_id = signature.sort_of(t);
        if !super::induction::is_inductive(signature, sort_id) {
            return None;
        }
        let sort = signature.sort(sort_id);
        let base = Var {
            name: names.intern("t"),
            sort: sort_id,
        };
        let mut out = Vec::new();
        for ctor in &sort.constructors {
            let op = signature.op(*ctor);
            let (fresh, instance) = self.case_instance(signature, names, base, *ctor, &self.rigid);
            let mut rigid = self.rigid.clone();
            rigid.extend(fresh.iter().copied());
            let mut hyps = self.hyps.clone();
            hyps.extend(hypothesis(
                hyp.to_string(),
                Vec::new(),
                Vec::new(),
                Some((t.clone(), instance)),
            ));
            let goal = self.goal.clone();
            out.push((op.name.clone(), fresh, Sequent { rigid, hyps, goal }));
        }
        Some(out)
    }

    /// Fresh variables, named after `base`, for the arguments of the constructor `ctor`
    /// in a case of a split, and the constructor applied to them. They avoid the names of
    /// `rigid` (the rigid variables the case keeps), the rule variables of every
    /// hypothesis, operators, and names whose `ih_` hypothesis is in scope.
    fn case_instance(
        &self,
        signature: &Signature,
        names: &mut Names,
        base: Var,
        ctor: crate::mpl::OpId,
        rigid: &[Var],
    ) -> (Vec<Var>, Term) {
        let mut used: Vec<String> = rigid
            .iter()
            .map(|w| names.get(w.name).to_string())
            .collect();
        for h in &self.hyps {
            used.extend(h.vars.iter().map(|w| names.get(w.name).to_string()));
        }
        let ih_taken = |n: &str| self.hyps.iter().any(|h| h.name == format!("ih_{n}"));
        let args = &signature.op(ctor).args;
        let fresh = induction::fresh_arguments(signature, names, base, args, used, &ih_taken);
        let instance = Term::App(ctor, fresh.iter().map(|f| Term::Var(*f)).collect());
        (fresh, instance)
    }

    /// A name for a case hypothesis: `c1`, `c2`, ..., the first that is neither a
    /// hypothesis in scope nor an operator's name (certificate format, spec 5.1).
    fn case_hypothesis_name(&self, signature: &Signature) -> String {
        (1..)
            .map(|i| format!("c{i}"))
            .find(|n| !self.hyps.iter().any(|h| h.name == *n) && signature.op_by_name(n).is_none())
            .expect("an unused name exists")
    }
}

/// Proves sequents with a fixed rule set (plain equations and clauses).
pub struct SequentProver<'a> {
    /// The attempt's own handle: the shared signature and the fresh names of its splits.
    theory: Theory,
    rules: &'a [Equation],
    rewrites: &'a [Rule],
    limits: Limits,
    cancel: &'a Cancel,
    positions: &'a MatchPositions,
    /// Logic blocks run so far, and the most allowed (a count, so the outcome does not
    /// depend on the machine's speed).
    blocks: usize,
    max_blocks: usize,
    /// Whether blocking terms of sorts with non-constant constructors are split on too.
    all_term_splits: bool,
    /// Whether a closed sequent's proof is read (false: a verdict only, see
    /// [`SequentProver::verdict_only`]).
    explain: bool,
}

impl<'a> SequentProver<'a> {
    /// A prover over `rules` (whose plain equations' egg rewrites are `rewrites`, and
    /// whose definitions' match positions are `positions`).
    pub fn new(
        theory: &Theory,
        rules: &'a [Equation],
        rewrites: &'a [Rule],
        positions: &'a MatchPositions,
        limits: Limits,
        cancel: &'a Cancel,
    ) -> SequentProver<'a> {
        SequentProver {
            theory: theory.clone(),
            rules,
            rewrites,
            limits,
            cancel,
            positions,
            blocks: 0,
            max_blocks: usize::MAX,
            all_term_splits: true,
            explain: true,
        }
    }

    /// Decides only whether the sequent closes, without explanations: a closed sequent
    /// gives an empty chain, not a proof. For checks that keep the verdict alone
    /// (pruning, subsumption): their e-graphs skip egg's explanation records, which
    /// cost a third of a failing check's time.
    pub fn verdict_only(mut self) -> SequentProver<'a> {
        self.explain = false;
        self
    }

    /// At most `max` logic blocks in all (every attempt to close a sequent counts).
    pub fn with_max_blocks(mut self, max: usize) -> SequentProver<'a> {
        self.max_blocks = max;
        self
    }

    /// Splits only on variables and on blocking terms of enumeration sorts (`Bool`).
    pub fn enumeration_splits_only(mut self) -> SequentProver<'a> {
        self.all_term_splits = false;
        self
    }

    /// Searches a proof of `seq` with splits nested up to `max_depth` deep.
    pub fn prove(&mut self, seq: &Sequent, max_depth: usize) -> Result<Proof, Failure> {
        self.prove_between(seq, 0, max_depth)
    }

    /// Searches a proof of `seq` with splits nested `min_depth` to `max_depth` deep
    /// (iterative deepening from `min_depth`: a caller that already tried the shallower
    /// proofs skips them).
    pub fn prove_between(
        &mut self,
        seq: &Sequent,
        min_depth: usize,
        max_depth: usize,
    ) -> Result<Proof, Failure> {
        let mut last = Failure::NotClosed;
        for depth in min_depth.min(max_depth)..=max_depth {
            match self.search(seq, depth, FREE_SPLITS) {
                Ok(p) => return Ok(p),
                Err(why) => last = why,
            }
            if let Some(why) = self.cancel.check() {
                return Err(Failure::Stopped(why));
            }
        }
        Err(last)
    }

    fn search(&mut self, seq: &Sequent, depth: usize, free: usize) -> Result<Proof, Failure> {
        if self.blocks >= self.max_blocks {
            return Err(Failure::Exhausted(Exhausted::Blocks(self.max_blocks)));
        }
        self.blocks += 1;
        let (closed, blocking) = self.close(seq, depth > 0 || free > 0);
        if log::log_enabled!(target: "ergo::sequent", log::Level::Debug) {
            let theory = &self.theory;
            let show = |t: &Term| crate::mpl::print::term(theory, t);
            let goal = seq
                .goal
                .as_ref()
                .map(|(l, r)| format!("{} = {}", show(l), show(r)));
            let terms: Vec<String> = blocking.terms.iter().map(show).collect();
            log::debug!(
                target: "ergo::sequent",
                "block {} at depth {depth} (free {free}): closed {}; goal {goal:?}; {} hypotheses; blocking {terms:?}",
                self.blocks,
                closed.is_ok(),
                seq.hyps.len()
            );
        }
        if closed.is_ok() {
            return closed;
        }
        let mut last = closed.err().unwrap_or(Failure::NotClosed);
        // A split on a blocking term of an enumeration sort (the condition of an `ite`,
        // a Boolean connective's argument) is the cheapest and most often what a
        // definition waits for: the first such term is split on without spending depth,
        // up to `free` times along a path (each case knows the term's value, so it
        // blocks no more). Then, at depth left, the rigid variables (the blocking ones
        // first); then, when asked for, the other blocking terms (rarely useful on their
        // own, so a search on a budget leaves them out).
        let signature = self.theory.signature();
        let (first, rest): (Vec<Term>, Vec<Term>) = blocking
            .terms
            .into_iter()
            .partition(|t| induction::is_enumeration(signature, signature.sort_of(t)));
        if free > 0 {
            if let Some(t) = first.first() {
                match self.split_on_term(seq, t, depth, free - 1) {
                    Some(Ok(p)) => return Ok(p),
                    Some(Err(why)) => last = why,
                    None => {}
                }
            }
        }
        if depth == 0 {
            // Out of depth, a definition that has matched part of its arguments and
            // waits for one variable alone (`zip(cons(x, xs), ys)` for `ys`) gets its
            // case split from the free splits too: the split makes it fire in every
            // case, so it is a step of evaluation more than a search.
            if free > 0 && !blocking.forced.is_empty() {
                let forced = blocking.forced[..1].to_vec();
                if let Some(p) =
                    self.split_on_variables(seq, &forced, false, 0, free - 1, &mut last)
                {
                    return Ok(p);
                }
            }
            return Err(last);
        }
        let rest_splits = if self.all_term_splits {
            MAX_TERM_SPLITS
        } else {
            0
        };
        if let Some(p) =
            self.split_on_variables(seq, &blocking.vars, true, depth - 1, free, &mut last)
        {
            return Ok(p);
        }
        for t in rest.iter().take(rest_splits) {
            match self.split_on_term(seq, t, depth - 1, free) {
                Some(Ok(p)) => return Ok(p),
                Some(Err(why)) => last = why,
                None => {}
            }
        }
        Err(last)
    }

    /// A split on the term `t` whose every case is proved at `depth` with `free` splits
    /// on enumeration terms left; `None` if `t`'s sort is not inductive.
    fn split_on_term(
        &mut self,
        seq: &Sequent,
        t: &Term,
        depth: usize,
        free: usize,
    ) -> Option<Result<Proof, Failure>> {
        if let Some(why) = self.cancel.check() {
            return Some(Err(Failure::Stopped(why)));
        }
        let (signature, names) = self.theory.supply();
        let hyp = seq.case_hypothesis_name(signature);
        let cases = seq.split_term(signature, names, t, &hyp)?;
        let term = explain::certificate_term(&expr(&self.theory, t));
        Some(match self.prove_cases(&cases, depth, free) {
            Ok(proved) => Ok(Proof::Split {
                term,
                hyp,
                cases: proved,
            }),
            Err((constructor, why)) => Err(Failure::Induction {
                var: term,
                constructor,
                case: Box::new(why),
            }),
        })
    }

    /// Proves every case at `depth` with `free` splits on enumeration terms left, in
    /// order; the first failing case's constructor and failure otherwise.
    fn prove_cases(
        &mut self,
        cases: &[(String, Vec<Var>, Sequent)],
        depth: usize,
        free: usize,
    ) -> Result<Vec<Case>, (String, Failure)> {
        let mut proved = Vec::new();
        for (ctor, fresh, case) in cases {
            let proof = self
                .search(case, depth, free)
                .map_err(|why| (ctor.clone(), why))?;
            proved.push(Case {
                constructor: ctor.clone(),
                fresh: fresh
                    .iter()
                    .map(|f| self.theory.name(f.name).to_string())
                    .collect(),
                proof,
            });
        }
        Ok(proved)
    }

    /// Induction (or a case split) on one of the rigid variables, the `blocking` ones
    /// first, then (when `others`) the other rigid variables in order, whose every case
    /// is proved at `depth` with `free` splits on enumeration terms left; the last
    /// failure is left in `last`.
    fn split_on_variables(
        &mut self,
        seq: &Sequent,
        blocking: &[Var],
        others: bool,
        depth: usize,
        free: usize,
        last: &mut Failure,
    ) -> Option<Proof> {
        let mut order = blocking.to_vec();
        if others {
            order.extend(seq.rigid.iter().filter(|v| !blocking.contains(v)));
        }
        for v in order {
            if let Some(why) = self.cancel.check() {
                *last = Failure::Stopped(why);
                return None;
            }
            let (signature, names) = self.theory.supply();
            let Some(cases) = seq.split(signature, names, v) else {
                continue;
            };
            let proved = match self.prove_cases(&cases, depth, free) {
                Ok(proved) => proved,
                Err((constructor, why)) => {
                    *last = Failure::Induction {
                        var: self.theory.name(v.name).to_string(),
                        constructor,
                        case: Box::new(why),
                    };
                    continue;
                }
            };
            let var = self.theory.name(v.name).to_string();
            // Emitted as a case split when none of this split's own induction
            // hypotheses is cited and no case splits again: a nested split's
            // generalised variables depend on the hypotheses kept around it, so
            // removing an (uncited) hypothesis would change the nested cases.
            let ihs: Vec<String> = proved
                .iter()
                .flat_map(|c| c.fresh.iter().map(|f| format!("ih_{f}")))
                .collect();
            let mut ih_cited = proved
                .iter()
                .any(|c| !matches!(c.proof, Proof::Chain { .. } | Proof::Contradiction { .. }));
            for c in &proved {
                c.proof.each_citation(&mut |kind, rule| {
                    ih_cited |= kind == StepKind::Hyp && ihs.iter().any(|h| h == rule);
                });
            }
            return Some(if ih_cited {
                Proof::Induction { var, cases: proved }
            } else {
                Proof::Cases { var, cases: proved }
            });
        }
        None
    }

    /// One logic block: saturates the sequent's e-graph and reads off a proof of its
    /// conclusion (a chain, or a contradiction); when it does not close and `blocking`
    /// is asked for, also the blocking terms of the saturated e-graph below the
    /// conclusion's sides (or, for falsity, the simple hypotheses' sides).
    fn close(&mut self, seq: &Sequent, blocking: bool) -> (Result<Proof, Failure>, Blocking) {
        let theory: &Theory = &self.theory;
        let mut egraph = if self.explain {
            Graph::default()
                .with_explanations_enabled()
                .without_explanation_length_optimization()
        } else {
            Graph::default()
        };
        let goal = seq
            .goal
            .as_ref()
            .map(|(l, r)| (expr(theory, l), expr(theory, r)));
        let ids = goal.as_ref().map(|(l, r)| {
            (
                egraph.add_expr_uncanonical(l),
                egraph.add_expr_uncanonical(r),
            )
        });
        let mut rules: Vec<Rule> = self.rewrites.to_vec();
        let mut hyp_ids = Vec::new();
        for h in &seq.hyps {
            if is_simple(h) {
                hyp_ids.push(egraph.add_expr_uncanonical(&expr(theory, &h.lhs)));
                hyp_ids.push(egraph.add_expr_uncanonical(&expr(theory, &h.rhs)));
            }
            rules.extend(rewrites(theory, h));
        }
        egraph.rebuild();
        let all: Vec<&Equation> = self.rules.iter().chain(&seq.hyps).collect();
        let clauses: Vec<Horn> = all.iter().filter_map(|e| Horn::new(theory, e)).collect();
        let mut firings: Vec<Firing> = Vec::new();
        let joined = |g: &Graph| ids.is_some_and(|(l, r)| g.find(l) == g.find(r));
        let mut outcome = Err(Failure::NotClosed);
        for _ in 0..ROUNDS {
            if let Some(why) = self.cancel.check() {
                outcome = Err(Failure::Stopped(why));
                break;
            }
            if !joined(&egraph) {
                let runner = Runner::default()
                    .with_egraph(egraph)
                    .with_node_limit(self.limits.nodes)
                    .with_iter_limit(self.limits.iters)
                    .with_time_limit(UNBOUNDED)
                    .with_hook(move |r| {
                        if ids.is_some_and(|(l, r2)| r.egraph.find(l) == r.egraph.find(r2)) {
                            Err("joined".to_string())
                        } else {
                            Ok(())
                        }
                    })
                    .run(&rules);
                egraph = runner.egraph;
                egraph.rebuild();
            }
            if joined(&egraph) {
                outcome = Ok(None);
                break;
            }
            if let Some(k) = horn::contradiction(&mut egraph, &clauses, &mut firings) {
                outcome = Ok(Some(k));
                break;
            }
            if egraph.total_number_of_nodes() > self.limits.nodes {
                outcome = Err(Failure::Exhausted(Exhausted::Nodes(self.limits.nodes)));
                break;
            }
            if !horn::fire(&mut egraph, &clauses, &mut firings, FIRINGS_PER_ROUND) {
                if joined(&egraph) {
                    outcome = Ok(None);
                }
                break;
            }
        }
        if outcome.is_err() && joined(&egraph) {
            outcome = Ok(None);
        }
        let outcome = match outcome {
            Err(why) => {
                let terms = match (&why, blocking) {
                    (Failure::Stopped(_), _) | (_, false) => Blocking::default(),
                    _ => {
                        let roots = match ids {
                            Some((l, r)) => vec![l, r],
                            None => hyp_ids,
                        };
                        blocking_terms(theory, &egraph, &roots, self.positions, &seq.rigid)
                    }
                };
                return (Err(why), terms);
            }
            Ok(o) => o,
        };
        if !self.explain {
            return (Ok(Proof::Chain { steps: Vec::new() }), Blocking::default());
        }
        let mut reader = Reader {
            theory,
            egraph,
            rules: all,
            clauses: &clauses,
            firings: &firings,
            active: Vec::new(),
        };
        let proof = match outcome {
            None => {
                let (l, r) = goal.expect("joined needs a goal");
                reader
                    .chain(&l, &r, 0)
                    .map(|steps| Proof::Chain { steps })
                    .map_err(|e| Failure::Explain(e.to_string()))
            }
            Some(k) => reader
                .contradiction(k, 0)
                .map_err(|e| Failure::Explain(e.to_string())),
        };
        (proof, Blocking::default())
    }
}
