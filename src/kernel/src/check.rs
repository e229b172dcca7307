//! Replay of theorems (spec section 5): contexts, chains, case splits, contradictions,
//! rule lookup and theorem order.
//!
//! Invariants:
//! - A goal is an equation of two well-sorted terms over the rigid variables of its
//!   [`Context`], falsity, or an existential over such equations ([`Conclusion`]). Every
//!   hypothesis of a context is a [`Clause`] whose free variables are rigid variables of
//!   that context; its rule variables are bound and never a rigid variable it mentions
//!   free.
//! - A theorem is opened by the kernel (spec 5.1): its binders become the rigid variables,
//!   its premises the simple hypotheses `h1..hn`, its conclusion the goal (falsity for a
//!   negated equation, whose equation is the last premise).
//! - A citation (a step's rule, a contradiction's or an obtain's clause) is accepted only
//!   if the clause exists in the named kind and concludes what the citation needs (an
//!   equation for a step, falsity for a contradiction, an existential for an obtain:
//!   nothing but an obtain uses an existential), the substitution binds exactly its rule variables to
//!   well-sorted terms over the rigid variables, and one proof per premise proves that
//!   premise's instance as an equation goal in the same context.
//! - A citation of a rule with params first instantiates the rule at its `sorts`, which
//!   bind exactly its params to sorts well formed in the citing theorem, whose own params
//!   are rigid sort constants (never instantiated, never inductive); hypotheses have no
//!   params. Then the substitution is checked against the instantiated binder sorts.
//! - A step is accepted only if, besides, the subterm at `pos` is syntactically the
//!   instantiated source side and the step's `term` is exactly the rewritten term. The next
//!   step starts from the *kernel's* result, which equals the step's `term`.
//! - Case splits and inductions are on a variable of a plain inductive sort or of an
//!   instance of an inductive family, whose constructors are instantiated at the
//!   instance's arguments; sort variables and function sorts are not inductive.
//! - A split on a term (spec 5.1, `split`, see `check/split.rs`) keeps the context and the
//!   goal and adds, per case, the fresh variables and the simple hypothesis
//!   `hyp: term = c(fresh..)`.
//! - `witness` and `obtain` (∃-introduction and elimination, see `check/exists.rs`): a
//!   witness proves an existential goal from one term per bound variable and one proof per
//!   conjunct; an obtain proves the same goal with new rigid variables and the opened body
//!   as simple hypotheses, the new names free nowhere in the context or the goal.
//! - Case splits and inductions are rebuilt from the goal and the context (spec 5.1): the
//!   certificate only supplies the variable, the case order and the fresh names, all of
//!   which are checked. Simple hypotheses are reverted, other hypotheses kept if the
//!   variable is not free in them and dropped otherwise; induction hypotheses generalise
//!   the rigid variables free in no kept hypothesis. Substitution into a hypothesis never
//!   captures (`variable-capture` otherwise; the fresh-name rules make it unreachable).
//! - Every nested proof (a case, a premise proof, a witness's conjunct proof, an obtain's
//!   proof) is one level
//!   deeper; a proof deeper than [`MAX_PROOF_DEPTH`] is rejected before it is looked at, so
//!   the recursion is bounded whatever the input.
//! - A theorem may cite only theorems that come before it, were accepted, and whose name
//!   is not used twice in the file (nor by an axiom). Theorems are processed in file order;
//!   nothing here iterates a hash map, so results and error choice are deterministic.

use crate::clause::{Clause, Conclusion};
use crate::error::KernelError;
use crate::format::{Dir, Proof, Step, Theorem};
use crate::limits::{within, Budget, Limit};
use crate::sexp::{is_plain_name, Sexp};
use crate::signature::Signature;
use crate::sort::Sort;
use crate::term::Term;
use crate::TheoremReport;
use std::collections::{BTreeMap, BTreeSet};

mod cite;
mod exists;
mod split;

use cite::{Citation, Cited, Needs};

/// The deepest nesting of proofs (cases, contradictions, premise proofs) the kernel replays.
pub const MAX_PROOF_DEPTH: usize = 64;

/// What later theorems see of an earlier one.
enum Earlier {
    /// Accepted: its clause and the axioms it rests on.
    Accepted(Clause, BTreeSet<String>),
    /// Rejected: citing it is an error.
    Rejected,
}

/// Where a goal lives: rigid variables with their sorts, named hypotheses, in order.
#[derive(Clone)]
struct Context {
    rigid: Vec<(String, Sort)>,
    hyps: Vec<(String, Clause)>,
}

/// A goal: an equation, falsity, or an existential over equations.
type Goal = Conclusion;

/// What replaying one theorem accumulates: accepted steps and cited axioms.
#[derive(Default)]
struct Tally {
    steps: usize,
    axioms: BTreeSet<String>,
}

/// The read-only state a theorem is replayed against.
struct Replay<'a> {
    sig: &'a Signature,
    earlier: &'a BTreeMap<String, Earlier>,
    /// Every theorem name in the file (to tell "cited before proved" from "unknown").
    names: &'a BTreeSet<String>,
    /// Theorem names used twice in the file or also used by an axiom.
    duplicated: &'a BTreeSet<String>,
    /// The certificate's step and work budgets.
    budget: &'a Budget,
    /// The theory's conjectures (name to statement) that theorems so named must state.
    conjectures: &'a BTreeMap<String, String>,
    /// The theorem's sort parameters: rigid sort constants inside its proof.
    params: &'a [String],
}

/// Replays every theorem in order and reports on each.
pub fn check_theorems(
    sig: &Signature,
    theorems: &[Theorem],
    conjectures: &BTreeMap<String, String>,
) -> Vec<TheoremReport> {
    let mut names = BTreeSet::new();
    let mut duplicated = BTreeSet::new();
    for t in theorems {
        if !names.insert(t.name.clone()) || sig.axioms.contains_key(&t.name) {
            duplicated.insert(t.name.clone());
        }
    }
    let mut earlier = BTreeMap::new();
    let mut reports = Vec::with_capacity(theorems.len());
    let budget = Budget::default();
    for theorem in theorems {
        let mut tally = Tally::default();
        let replay = Replay {
            sig,
            earlier: &earlier,
            names: &names,
            duplicated: &duplicated,
            budget: &budget,
            conjectures,
            params: &theorem.params,
        };
        let result = replay
            .theorem(theorem, &mut tally)
            .map_err(|e| e.at(format!("theorem {}", theorem.name)));
        let status = match &result {
            Ok(clause) => Earlier::Accepted(clause.clone(), tally.axioms.clone()),
            Err(_) => Earlier::Rejected,
        };
        earlier.entry(theorem.name.clone()).or_insert(status);
        reports.push(TheoremReport {
            name: theorem.name.clone(),
            result: result.map(|_| ()),
            steps: tally.steps,
            axioms: tally.axioms.into_iter().collect(),
        });
    }
    reports
}

impl<'a> Replay<'a> {
    /// Checks one theorem, returning its statement as a clause.
    fn theorem(&self, theorem: &Theorem, tally: &mut Tally) -> Result<Clause, KernelError> {
        let name = &theorem.name;
        if !is_plain_name(name) {
            return Err(KernelError::BadName {
                what: "theorem",
                name: name.clone(),
            });
        }
        if self.earlier.contains_key(name) || self.sig.axioms.contains_key(name) {
            return Err(KernelError::DuplicateName {
                what: "theorem",
                name: name.clone(),
            });
        }
        self.sig
            .check_params(self.params)
            .map_err(|e| e.at("params"))?;
        let (statement, clause) = self
            .sig
            .statement(&theorem.statement, self.params)
            .map_err(|e| e.at("statement"))?;
        if let Some(expected) = self.conjectures.get(name) {
            let same = match self.sig.statement(expected, self.params) {
                Ok((conjecture, _)) => alpha_key(&conjecture) == alpha_key(&statement),
                Err(_) => false,
            };
            if !same {
                return Err(KernelError::ConjectureMismatch {
                    name: name.clone(),
                    expected: expected.clone(),
                    found: statement.to_string(),
                });
            }
        }
        let Some(clause) = clause else {
            return Err(KernelError::StatementNotClause {
                statement: statement.to_string(),
            });
        };
        // Spec 5.1: binders become rigid, premises the simple hypotheses h1..hn.
        let hyps = clause.premises.iter().enumerate();
        let hyps = hyps.map(|(i, p)| (format!("h{}", i + 1), Clause::fact(p.clone())));
        let ctx = Context {
            rigid: clause.vars.clone(),
            hyps: hyps.collect(),
        };
        self.proof(&theorem.proof, &ctx, &clause.conclusion, "proof", 0, tally)?;
        Ok(clause)
    }

    /// Checks that `proof` proves `goal` in `ctx`; `site` is the proof's path in the
    /// certificate and `depth` its nesting. Errors carry their innermost site.
    fn proof(
        &self,
        proof: &Proof,
        ctx: &Context,
        goal: &Goal,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<(), KernelError> {
        if depth > MAX_PROOF_DEPTH {
            let limit = MAX_PROOF_DEPTH;
            return Err(KernelError::TooDeep { limit }.at(site));
        }
        match proof {
            Proof::Chain { steps } => {
                let (lhs, rhs) = match goal {
                    Conclusion::Eq(eq) => eq,
                    Conclusion::Falsity => return Err(KernelError::ChainForFalsity.at(site)),
                    Conclusion::Exists(_) => return Err(KernelError::ChainForExists.at(site)),
                };
                let mut current = lhs.clone();
                for (i, step) in steps.iter().enumerate() {
                    let here = format!("{site}.steps[{i}]");
                    current = self.step(step, ctx, &current, &here, depth, tally)?;
                }
                self.budget
                    .work(current.size().min(rhs.size()))
                    .map_err(|e| e.at(site))?;
                if &current != rhs {
                    let expected = rhs.to_string();
                    let found = current.to_string();
                    return Err(KernelError::ChainEndMismatch { expected, found }.at(site));
                }
                Ok(())
            }
            Proof::Induction { var, cases } => {
                self.split(var, cases, true, ctx, goal, site, depth, tally)
            }
            Proof::Cases { var, cases } => {
                self.split(var, cases, false, ctx, goal, site, depth, tally)
            }
            Proof::Split { term, hyp, cases } => {
                self.term_split(term, hyp, cases, ctx, goal, site, depth, tally)
            }
            Proof::Contradiction {
                kind,
                rule,
                sorts,
                subst,
                premises,
            } => {
                let citation = Citation {
                    kind: *kind,
                    rule,
                    sorts,
                    subst,
                    premises,
                    needs: Needs::Falsity,
                };
                let axioms = self.cite(&citation, ctx, site, depth, tally)?.axioms;
                tally.axioms.extend(axioms);
                Ok(())
            }
            Proof::Witness { terms, proofs } => {
                self.witness(terms, proofs, ctx, goal, site, depth, tally)
            }
            Proof::Obtain {
                kind,
                rule,
                sorts,
                subst,
                premises,
                fresh,
                hyp,
                proof,
            } => {
                let citation = Citation {
                    kind: *kind,
                    rule,
                    sorts,
                    subst,
                    premises,
                    needs: Needs::Exists,
                };
                let args = (fresh.as_slice(), hyp.as_str(), proof.as_ref());
                self.obtain(&citation, args, ctx, goal, site, depth, tally)
            }
        }
    }

    /// Checks one step from `current`; returns the rewritten term. `site` is the step's.
    fn step(
        &self,
        step: &Step,
        ctx: &Context,
        current: &Term,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<Term, KernelError> {
        let citation = Citation {
            kind: step.kind,
            rule: &step.rule,
            sorts: &step.sorts,
            subst: &step.subst,
            premises: &step.premises,
            needs: Needs::Equation,
        };
        let Cited {
            conclusion, axioms, ..
        } = self.cite(&citation, ctx, site, depth, tally)?;
        self.budget.step().map_err(|e| e.at(site))?;
        let result = rewrite(step, conclusion, current).map_err(|e| e.at(site))?;
        let (written, _) = self
            .sig
            .parse_term(&step.term, &ctx.rigid, self.params)
            .map_err(|e| e.at("term").at(site))?;
        if written != result {
            return Err(KernelError::ResultMismatch {
                expected: result.to_string(),
                found: written.to_string(),
            }
            .at(site));
        }
        tally.steps += 1;
        tally.axioms.extend(axioms);
        Ok(result)
    }
}

/// The statement with the variables of its outer `forall` renamed `?0`, `?1`, ... in
/// binder order, printed: two statements that differ only in those names have one key.
fn alpha_key(statement: &Sexp) -> String {
    let Sexp::List(items) = statement else {
        return statement.to_string();
    };
    let (Some(Sexp::Atom(head)), Some(Sexp::List(binders)), Some(body), 3) =
        (items.first(), items.get(1), items.get(2), items.len())
    else {
        return statement.to_string();
    };
    if head != "forall" {
        return statement.to_string();
    }
    let mut names = BTreeMap::new();
    let mut sorts = Vec::new();
    for (i, b) in binders.iter().enumerate() {
        if let Sexp::List(pair) = b {
            if let [Sexp::Atom(v), sort] = pair.as_slice() {
                names.insert(v.clone(), format!("?{i}"));
                sorts.push(sort.to_string());
            }
        }
    }
    format!("(forall {sorts:?} {})", rename(body, &names))
}

/// `s` with its atoms renamed by `names` (iteratively: statements may nest deeply).
fn rename(s: &Sexp, names: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut stack = vec![Some(s)];
    while let Some(item) = stack.pop() {
        match item {
            None => out.push(')'),
            Some(Sexp::Atom(a)) => {
                out.push_str(names.get(a).unwrap_or(a));
                out.push(' ');
            }
            Some(Sexp::List(items)) => {
                out.push('(');
                stack.push(None);
                stack.extend(items.iter().rev().map(Some));
            }
        }
    }
    out
}

/// Rewrites `current` at the step's position with the instantiated equation `conclusion`
/// in the step's direction; the subterm there must be the source side.
fn rewrite(step: &Step, conclusion: Goal, current: &Term) -> Result<Term, KernelError> {
    let Conclusion::Eq((lhs, rhs)) = conclusion else {
        // `cite` checked that the clause concludes an equation.
        let rule = step.rule.clone();
        return Err(KernelError::RuleNotEquation { rule });
    };
    let (from, to) = match step.dir {
        Dir::Lr => (lhs, rhs),
        Dir::Rl => (rhs, lhs),
    };
    let bad_position = || KernelError::BadPosition {
        pos: step.pos.clone(),
        term: current.to_string(),
    };
    let found = current.at(&step.pos).ok_or_else(bad_position)?;
    // The result's size and depth are known before it is built.
    let size = (current.size() - found.size()).saturating_add(to.size());
    within(Limit::TermSize, size)?;
    let depth = u64::from(to.depth()).saturating_add(step.pos.len() as u64);
    within(Limit::TermDepth, depth.max(u64::from(current.depth())))?;
    if found != &from {
        return Err(KernelError::SubtermMismatch {
            pos: step.pos.clone(),
            expected: from.to_string(),
            found: found.to_string(),
        });
    }
    current.replace_at(&step.pos, to).ok_or_else(bad_position)
}
