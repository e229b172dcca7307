//! Certified refutations: a goal found false on a ground instance is reported as refuted
//! only together with kernel-checkable theorems that make it false.
//!
//! A counterexample σ of a goal `∀xs. p1 = q1 & … -> l = r` is a claim about the
//! constructor model (the evaluator's); it is turned into ground theorems of the theory:
//! each premise instance `piσ = qiσ` (by evaluation: rewriting with the axioms), and the
//! negated conclusion `lσ != rσ` (both sides evaluated, then constructor distinctness:
//! the theory's own axioms such as `s(a) != 0` and `s(a) = s(b) -> a = b`, applied by the
//! sequent prover); for a negated goal `l != r`, the conclusion instance is `lσ = rσ`.
//! These are proved without induction, from the axioms and the given rules only, and go
//! into the certificate like any theorem, named `<goal>.counterexample` (and
//! `<goal>.counterexample_premise_<i>`).
//!
//! Invariant: [`certify`] returns theorems only if every one of them was proved; when
//! one is not (a theory without distinctness axioms, say), it returns why, and the caller
//! says "counterexample in the constructor model, not certified".
//!
//! Example: over Peano, `x * y = x + y` fails at `x = 0, y = s(0)`; [`certify`] proves
//! `goal_1.counterexample: 0 * s(0) != 0 + s(0)` (both sides evaluate, to `0` and `s(0)`,
//! and `s(a) != 0` closes it).

use super::equation::{Equation, Goal};
use super::prover::{Attempt, Proved, Prover, ProverConfig};
use crate::mpl::{Term, Theory, Var};

/// Why a counterexample could not be certified.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{statement}` was not proved from the axioms without induction ({reason})")]
pub struct Uncertified {
    /// The ground statement that was not proved, printed.
    pub statement: String,
    /// The prover's reason.
    pub reason: super::failure::Failure,
}

/// The ground statements that make `goal` false at `instance`, each with its theorem
/// name: the premises' instances, then the conclusion's instance negated.
pub fn refuting_goals(name: &str, goal: &Goal, instance: &[(Var, Term)]) -> Vec<(String, Goal)> {
    let ground = |t: &Term| crate::proof::clause::instance(t, instance);
    let mut out: Vec<(String, Goal)> = goal
        .premises
        .iter()
        .enumerate()
        .map(|(i, (p, q))| {
            (
                format!("{name}.counterexample_premise_{}", i + 1),
                Goal::equation(Vec::new(), ground(p), ground(q)),
            )
        })
        .collect();
    out.push((
        format!("{name}.counterexample"),
        Goal {
            rigid: Vec::new(),
            lhs: ground(&goal.lhs),
            rhs: ground(&goal.rhs),
            premises: Vec::new(),
            negated: !goal.negated,
        },
    ));
    out
}

/// Proves the [`refuting_goals`] of `goal` at `instance` from `rules` (the axioms and
/// any lemmas) without induction; all of them, or the first that failed.
pub fn certify(
    theory: &Theory,
    rules: &[Equation],
    name: &str,
    goal: &Goal,
    instance: &[(Var, Term)],
    config: ProverConfig,
) -> Result<Vec<Proved>, Uncertified> {
    let config = ProverConfig {
        induction: false,
        split_depth: 0,
        ..config
    };
    // An element of a sort variable is opaque: that two of them differ is a choice of
    // the instance, not a theorem; a sampled function is a table, not a term of the
    // theory (both are shown as variables, `eval::Evaluator::to_term`). Such a
    // counterexample is not certified.
    for (v, t) in instance {
        let mut vars = Vec::new();
        t.vars_into(&mut vars);
        if !vars.is_empty() {
            let table = vars
                .iter()
                .any(|w| super::eval::is_function(theory, w.sort));
            return Err(Uncertified {
                statement: format!(
                    "{} = {}",
                    theory.name(v.name),
                    crate::mpl::print::term(theory, t)
                ),
                reason: if table {
                    super::failure::Failure::SampledFunction
                } else {
                    super::failure::Failure::OpaqueElement
                },
            });
        }
    }
    let mut prover = Prover::with_equations(theory, rules.to_vec(), config);
    let mut proved = Vec::new();
    for (theorem, g) in refuting_goals(name, goal, instance) {
        match prover.prove(&theorem, &g) {
            Attempt::Proved(p) => proved.push(p),
            Attempt::Unproved { reason, .. } => {
                let statement = if g.negated {
                    crate::mpl::print::disequation(theory, &g.lhs, &g.rhs)
                } else {
                    crate::mpl::print::equation(theory, &g.lhs, &g.rhs)
                };
                return Err(Uncertified { statement, reason });
            }
        }
    }
    Ok(proved)
}

/// An axiom that is false in the constructor model on a small ground instance: the
/// axioms then contradict the model in which every ground term evaluates to a constructor
/// term (with distinct constructor terms distinct), so they may be inconsistent, and
/// every "refuted" verdict of the evaluator means little.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelConflict {
    /// The axiom's name.
    pub axiom: String,
    /// The instance, printed `x = t, ...` (empty for a ground axiom).
    pub instance: String,
}

/// The axioms (equations and clauses) that fail on some small ground instance in the
/// constructor model, in declaration order.
pub fn model_conflicts(theory: &Theory) -> Vec<ModelConflict> {
    use super::conjecture::{Conjecturer, ConjecturerConfig};
    let mut conj = Conjecturer::new(
        theory,
        ConjecturerConfig::default(),
        Some(&std::collections::BTreeSet::new()),
    );
    let mut out = Vec::new();
    for axiom in &theory.axioms {
        let Some(goal) = Goal::from_formula(&axiom.formula) else {
            continue;
        };
        if let Some(instance) = conj.clause_counterexample(&goal) {
            let printed: Vec<String> = instance
                .iter()
                .map(|(v, t)| {
                    format!(
                        "{} = {}",
                        conj.theory().name(v.name),
                        crate::mpl::print::term(conj.theory(), t)
                    )
                })
                .collect();
            out.push(ModelConflict {
                axiom: axiom.name.clone(),
                instance: printed.join(", "),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::equation::axiom_equations;
    use crate::engine::ProverConfig;

    /// Peano, the false goal `x * y = x + y` and its counterexample `x = 0, y = s(0)`.
    fn mul_is_add_at_0_1() -> (Theory, Goal, Vec<(Var, Term)>) {
        let mut th = crate::mpl::peano_for_tests();
        let f = crate::mpl::parse_goal(&mut th, "x * y = x + y").unwrap();
        let goal = Goal::from_formula(&f).unwrap();
        let zero = Term::App(th.op_by_name("0").unwrap(), vec![]);
        let one = Term::App(th.op_by_name("s").unwrap(), vec![zero.clone()]);
        let instance = vec![(goal.rigid[0], zero), (goal.rigid[1], one)];
        (th, goal, instance)
    }

    #[test]
    fn a_false_equation_is_refuted_by_a_ground_disequation() {
        let (th, goal, instance) = mul_is_add_at_0_1();
        let rules = axiom_equations(&th);
        let proved = certify(&th, &rules, "g", &goal, &instance, ProverConfig::default()).unwrap();
        assert_eq!(proved.len(), 1);
        assert_eq!(proved[0].name, "g.counterexample");
        assert!(proved[0].goal.negated && proved[0].goal.rigid.is_empty());
        let refs: Vec<&Proved> = proved.iter().collect();
        let cert = crate::proof::certificate(&th, "", &crate::engine::explain::entries(&refs));
        let report = ergo_kernel::check(&cert).unwrap();
        assert!(report.all_ok(), "{report:?}");
    }

    #[test]
    fn axioms_against_the_constructor_model() {
        let text = "theory bad; inductive N = 0 | s(N); op +(N, N) -> N infixl 6;\n\
                    axiom ne: (>[a] !(=[s(a), 0]));\n\
                    axiom add_zero: (>[a] (=[a + 0, a]));\n\
                    axiom add_succ: (>[a,b] (=[a + s(b), s(a + b)]));\n\
                    axiom oops: (=[0, s(0)]);\n";
        let th = crate::mpl::load_str(std::path::Path::new("bad.mpl"), text).unwrap();
        let conflicts = model_conflicts(&th);
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].axiom, "oops");
        assert!(model_conflicts(&crate::mpl::peano_for_tests()).is_empty());
    }

    /// `filter(p, l) = l` fails for a predicate false somewhere: a sampled function
    /// (a table), reported as such and not certified.
    #[test]
    fn a_counterexample_with_a_sampled_function_is_not_certified() {
        use crate::engine::conjecture::{Conjecturer, ConjecturerConfig};
        let text = "theory t; inductive List('a) = nil | cons('a, List('a));
             op filter('a -> Bool, List('a)) -> List('a);
             axiom filter_nil: (>[p] (=[filter(p, nil), nil]));
             axiom filter_cons: (>[p,x,l] (=[filter(p, cons(x, l)),
                 ite(p(x), cons(x, filter(p, l)), filter(p, l))]));
             conjecture filter_id: (=[filter(p, l), l]);";
        let th = crate::mpl::load_str(std::path::Path::new("t.mpl"), text).unwrap();
        let th = crate::engine::discover::prepare(&th);
        let goal = Goal::from_formula(&th.conjectures[0].formula).unwrap();
        let none = std::collections::BTreeSet::new();
        let mut conj = Conjecturer::new(&th, ConjecturerConfig::default(), Some(&none));
        let instance = conj
            .clause_counterexample(&goal)
            .expect("filter(p, l) = l is false");
        let rules = axiom_equations(&th);
        let e = certify(&th, &rules, "g", &goal, &instance, ProverConfig::default()).unwrap_err();
        assert_eq!(e.reason, crate::engine::failure::Failure::SampledFunction);
        assert!(e.statement.starts_with("p = ('a -> Bool)."), "{e}");
    }

    #[test]
    fn a_theory_without_distinctness_axioms_is_not_certified() {
        let (th, goal, instance) = mul_is_add_at_0_1();
        let rules: Vec<Equation> = axiom_equations(&th)
            .into_iter()
            .filter(|e| e.premises.is_empty() && !e.negated)
            .collect();
        let e = certify(&th, &rules, "g", &goal, &instance, ProverConfig::default()).unwrap_err();
        assert!(e.statement.contains("!="), "{e}");
    }
}
