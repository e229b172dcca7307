//! Axioms normalised into the clauses the engine and the kernel use, at load time.
//!
//! The engine reads an axiom only in the shape `∀xs. P1 ∧ ... ∧ Pn -> C` with every `Pi`
//! an equation and `C` an equation or a disequation (`Goal::from_formula` in
//! `engine/equation.rs`). An axiom written otherwise is rewritten here, once, when the
//! theory is resolved, so that the engine, the kernel binding (which re-loads the source)
//! and every renderer see the same clauses:
//!
//! - conjunctions are split, at the top and under `∀` and `->` (`∀x. A -> (B ∧ C)` is
//!   the two clauses `∀x. A -> B` and `∀x. A -> C`); a biconditional, written as
//!   `(A -> B) ∧ (B -> A)`, is therefore two implications;
//! - `A -> (B -> C)` is curried to `A ∧ B -> C`, and `A -> ∀y. B` becomes `∀y. A -> B`;
//! - `!(&A1 ... An)` is `A1 ∧ ... ∧ An-1 -> !An`, `!!A` is `A`, `!(A -> B)` is `A ∧ !B`;
//! - an existential premise, `(∃y. B) -> C` (written `!(>[y] !B)`), is `∀y. B -> C`;
//! - an existential conclusion `∃ys. B` (written `!(>[ys] !B)`) whose body `B` is an
//!   equation or a conjunction of equations is kept as the clause's conclusion (the
//!   certificate's `(exists ...)`, format version 3): the kernel proves it with a witness
//!   and uses it through `obtain`; the engine does not search with it (yet), and reports
//!   it as skipped ([`crate::engine::equation::skipped_axioms`]);
//! - a variable that a clause does not mention is dropped from its `∀` (sorts are
//!   non-empty, as in first-order logic).
//!
//! An axiom that is already a clause is kept exactly as it was. Otherwise each clause it
//! yields becomes an axiom of its own, named `NAME.1`, `NAME.2`, ... in the order of the
//! formula (a name with a `.` cannot be written in MPL, so it clashes with no other);
//! an axiom that yields a single clause keeps its name. A part that is still no clause
//! (an existential in a conclusion whose body is not a conjunction of equations, a
//! disjunction, a premise that is a disequation, a variable bound twice) is *unusable*: it is not an axiom of the theory, and it is
//! reported as a warning with its name and the reason (`unusable-axiom`). Parts are
//! numbered over usable and unusable ones together, so a name always denotes the same
//! part of the formula.
//!
//! ```
//! let theory = ergo::mpl::load_str(
//!     std::path::Path::new("both.mpl"),
//!     "inductive N = 0 | s(N); op +(N, N) -> N infixl 6;
//!      axiom both: (&(>[a] (=[a + 0, a])) (>[a,b] (=[a + s(b), s(a + b)])));",
//! ).unwrap();
//! let names: Vec<&str> = theory.axioms.iter().map(|a| a.name.as_str()).collect();
//! assert_eq!(names, ["both.1", "both.2"]);
//! assert!(theory.unusable_axioms().is_empty());
//! ```

use super::source_map::UnusableAxiom;
use super::term::{Axiom, Formula, Term, Var};

/// One part of a normalised axiom: a clause, or why it cannot be one.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Clause(Formula),
    Unusable(String),
}

/// Normalises every axiom; returns the axioms of the theory (in order, each split into
/// its clauses) and the parts that cannot be used.
pub(crate) fn axioms(axioms: &[Axiom]) -> (Vec<Axiom>, Vec<UnusableAxiom>) {
    let mut out = Vec::new();
    let mut unusable = Vec::new();
    for a in axioms {
        if is_clause(&a.formula) {
            out.push(a.clone());
            continue;
        }
        let mut parts = Vec::new();
        split(&[], &[], &a.formula, &mut parts);
        let single = parts.len() == 1;
        for (k, part) in parts.into_iter().enumerate() {
            let name = if single {
                a.name.clone()
            } else {
                format!("{}.{}", a.name, k + 1)
            };
            match part {
                Part::Clause(formula) => out.push(Axiom {
                    name,
                    formula,
                    span: a.span,
                    instance: a.instance.clone(),
                }),
                Part::Unusable(reason) => unusable.push(UnusableAxiom {
                    name,
                    reason,
                    span: a.span,
                }),
            }
        }
    }
    (out, unusable)
}

/// A conjecture in clause shape when normalising it gives exactly one clause (`A -> (B
/// -> C)` becomes `A & B -> C`, as for an axiom); otherwise the conjecture as written
/// (a clause already, or one the prover reports it cannot prove as one goal).
///
/// ```
/// let theory = ergo::mpl::load_str(
///     std::path::Path::new("c.mpl"),
///     "inductive N = 0 | s(N); op p(N) -> N; op q(N) -> N;
///      conjecture c: (>[x] (=[p(x), 0]) (>[] (=[q(x), 0]) (=[p(q(x)), 0])));",
/// ).unwrap();
/// let text = ergo::mpl::print::formula(&theory, &theory.conjectures[0].formula);
/// assert_eq!(text, "(>[x] (&(=[p(x), 0]) (=[q(x), 0])) (=[p(q(x)), 0]))");
/// ```
pub(crate) fn conjecture(f: &Formula) -> Formula {
    if is_clause(f) {
        return f.clone();
    }
    let mut parts = Vec::new();
    split(&[], &[], f, &mut parts);
    match parts.as_slice() {
        [Part::Clause(clause)] => clause.clone(),
        _ => f.clone(),
    }
}

/// Whether `f` has the engine's clause shape: `∀xs. P -> C` with `P` an equation or a
/// conjunction of equations (or absent) and `C` an equation or a disequation.
pub(crate) fn is_clause(f: &Formula) -> bool {
    let mut body = f;
    while let Formula::Forall(_, inner) = body {
        body = inner;
    }
    let conclusion = match body {
        Formula::Implies(p, c) => {
            let ok = match &**p {
                Formula::Eq(..) => true,
                Formula::And(ps) => ps.iter().all(|p| matches!(p, Formula::Eq(..))),
                _ => false,
            };
            if !ok {
                return false;
            }
            &**c
        }
        other => other,
    };
    match conclusion {
        Formula::Eq(..) => true,
        Formula::Not(e) => matches!(&**e, Formula::Eq(..)),
        _ => false,
    }
}

/// Adds `vs` to the bound variables; `Err` when one is bound already (shadowing, which
/// pulling the quantifier out would confuse).
fn bind(vars: &[Var], vs: &[Var]) -> Result<Vec<Var>, String> {
    let mut out = vars.to_vec();
    for v in vs {
        if out.contains(v) {
            return Err("a variable is bound twice on one path (rename the inner one)".into());
        }
        out.push(*v);
    }
    Ok(out)
}

/// Splits `premises -> f` under `∀vars` into clauses.
fn split(vars: &[Var], premises: &[Formula], f: &Formula, out: &mut Vec<Part>) {
    match f {
        Formula::Forall(vs, body) => match bind(vars, vs) {
            Ok(vars) => split(&vars, premises, body, out),
            Err(why) => out.push(Part::Unusable(why)),
        },
        Formula::And(fs) => fs.iter().for_each(|g| split(vars, premises, g, out)),
        Formula::Implies(p, c) => {
            let mut vars = vars.to_vec();
            let mut premises = premises.to_vec();
            match premise(&mut vars, &mut premises, p) {
                Ok(()) => split(&vars, &premises, c, out),
                Err(why) => out.push(Part::Unusable(why)),
            }
        }
        Formula::Not(inner) => match &**inner {
            Formula::Eq(..) => out.push(clause(vars, premises, f)),
            Formula::Not(g) => split(vars, premises, g, out),
            Formula::And(fs) => {
                let (last, init) = fs.split_last().expect("a conjunction has operands");
                let mut vars = vars.to_vec();
                let mut premises = premises.to_vec();
                let read: Result<(), String> = init
                    .iter()
                    .try_for_each(|g| premise(&mut vars, &mut premises, g));
                match read {
                    Ok(()) => split(&vars, &premises, &Formula::Not(Box::new(last.clone())), out),
                    Err(why) => out.push(Part::Unusable(why)),
                }
            }
            Formula::Implies(a, b) => {
                split(vars, premises, a, out);
                split(vars, premises, &Formula::Not(b.clone()), out);
            }
            Formula::Forall(ys, body) if exists_body(body) => match bind(vars, ys) {
                Ok(_) => out.push(clause(vars, premises, f)),
                Err(why) => out.push(Part::Unusable(why)),
            },
            Formula::Forall(..) => out.push(Part::Unusable(
                "an existential (`!(>[..] ..)`) in a conclusion whose body is not an equation \
                 or a conjunction of equations: a clause can only state that values with \
                 such equations exist"
                    .into(),
            )),
            Formula::Atom(..) => out.push(Part::Unusable("a negated atom".into())),
        },
        Formula::Eq(..) => out.push(clause(vars, premises, f)),
        Formula::Atom(..) => out.push(Part::Unusable("an atom that is no equation".into())),
    }
}

/// Whether `body` is the inside of an existential conclusion a clause can state: `!B`
/// with `B` an equation or a conjunction of equations (`∃ys. B` is `!(>[ys] !B)`).
fn exists_body(body: &Formula) -> bool {
    match body {
        Formula::Not(b) => match b.as_ref() {
            Formula::Eq(..) => true,
            Formula::And(es) => es.iter().all(|e| matches!(e, Formula::Eq(..))),
            _ => false,
        },
        _ => false,
    }
}

/// Reads a premise into equations (and the variables of an existential premise).
fn premise(vars: &mut Vec<Var>, premises: &mut Vec<Formula>, p: &Formula) -> Result<(), String> {
    match p {
        Formula::Eq(..) => {
            premises.push(p.clone());
            Ok(())
        }
        Formula::And(fs) => fs.iter().try_for_each(|g| premise(vars, premises, g)),
        Formula::Not(inner) => match &**inner {
            Formula::Not(g) => premise(vars, premises, g),
            Formula::Implies(a, b) => {
                premise(vars, premises, a)?;
                premise(vars, premises, &Formula::Not(b.clone()))
            }
            Formula::Forall(ys, body) => {
                *vars = bind(vars, ys)?;
                premise(vars, premises, &Formula::Not(body.clone()))
            }
            Formula::Eq(..) => Err("a premise that is a disequation (`!(=[..])`)".into()),
            Formula::And(_) => Err("a premise that is a disjunction (`!(&..)`)".into()),
            Formula::Atom(..) => Err("a premise that is a negated atom".into()),
        },
        Formula::Implies(..) => Err("a premise that is an implication".into()),
        Formula::Forall(..) => Err("a premise that is a universal statement".into()),
        Formula::Atom(..) => Err("a premise that is an atom, not an equation".into()),
    }
}

/// The clause `∀vars. premises -> conclusion`, with the variables it does not mention
/// dropped.
fn clause(vars: &[Var], premises: &[Formula], conclusion: &Formula) -> Part {
    let mut used = Vec::new();
    for f in premises.iter().chain([conclusion]) {
        formula_vars(f, &mut used);
    }
    let vars: Vec<Var> = vars.iter().copied().filter(|v| used.contains(v)).collect();
    let body = match premises.len() {
        0 => conclusion.clone(),
        1 => Formula::Implies(Box::new(premises[0].clone()), Box::new(conclusion.clone())),
        _ => Formula::Implies(
            Box::new(Formula::And(premises.to_vec())),
            Box::new(conclusion.clone()),
        ),
    };
    Part::Clause(if vars.is_empty() {
        body
    } else {
        Formula::Forall(vars, Box::new(body))
    })
}

fn formula_vars(f: &Formula, out: &mut Vec<Var>) {
    match f {
        Formula::Eq(l, r) => {
            l.vars_into(out);
            r.vars_into(out);
        }
        Formula::Atom(_, args) => args.iter().for_each(|a: &Term| a.vars_into(out)),
        Formula::Not(g) => formula_vars(g, out),
        Formula::And(fs) => fs.iter().for_each(|g| formula_vars(g, out)),
        Formula::Implies(a, b) => {
            formula_vars(a, out);
            formula_vars(b, out);
        }
        Formula::Forall(_, g) => formula_vars(g, out),
    }
}

#[cfg(test)]
mod tests {
    use crate::mpl::print;

    fn load(text: &str) -> crate::mpl::Theory {
        crate::mpl::load_str(
            std::path::Path::new("t.mpl"),
            &format!("inductive N = 0 | s(N); op +(N, N) -> N infixl 6; {text}"),
        )
        .expect("loads")
    }

    fn shown(text: &str) -> Vec<String> {
        let t = load(text);
        t.axioms
            .iter()
            .map(|a| format!("{}: {}", a.name, print::formula(&t, &a.formula)))
            .collect()
    }

    #[test]
    fn a_clause_is_kept_as_written() {
        assert_eq!(
            shown("axiom a: (>[x] (=[x + 0, x]));"),
            ["a: (>[x] (=[x + 0, x]))"]
        );
    }

    #[test]
    fn a_conjunction_under_forall_is_split_and_numbered() {
        assert_eq!(
            shown("axiom c: (>[x] (&(=[x + 0, x]) !(=[s(x), 0])));"),
            ["c.1: (>[x] (=[x + 0, x]))", "c.2: (>[x] !(=[s(x), 0]))"]
        );
    }

    #[test]
    fn curried_implications_and_inner_quantifiers_become_one_clause() {
        assert_eq!(
            shown("axiom k: (>[x] (=[s(x), s(0)]) (>[y] (=[y, x]) (=[y, 0])));"),
            ["k: (>[x,y] (&(=[s(x), s(0)]) (=[y, x])) (=[y, 0]))"]
        );
    }

    #[test]
    fn negated_conjunction_is_an_implication_to_a_negation() {
        assert_eq!(
            shown("axiom n: (>[x] !(&(=[s(x), 0]) (=[x, x])));"),
            ["n: (>[x] (=[s(x), 0]) !(=[x, x]))"]
        );
    }

    #[test]
    fn an_existential_conclusion_over_equations_is_a_clause() {
        // Alone, under a premise, and a conjunction of equations: kept as written.
        assert_eq!(
            shown(
                "axiom e: (&(>[x] (=[x + 0, x])) (>[x] !(>[y] !(=[s(y), x]))));
                 axiom p: (>[a] (=[a, s(0)]) !(>[y,z] !(&(=[a, s(y)]) (=[y + 0, z]))));"
            ),
            [
                "e.1: (>[x] (=[x + 0, x]))",
                "e.2: (>[x] !(>[y] !(=[s(y), x])))",
                "p: (>[a] (=[a, s(0)]) !(>[y,z] !(&(=[a, s(y)]) (=[y + 0, z]))))",
            ]
        );
        let t = load("axiom e: (>[x] !(>[y] !(=[s(y), x])));");
        assert!(t.unusable_axioms().is_empty());
        // The certificate's statement is `(exists ...)`; the proof model reads it back
        // as an existential conclusion.
        let text = crate::proof::syntax::formula(&t, &t.axioms[0].formula);
        assert_eq!(text, "(forall ((x N)) (exists ((y N)) (= (s y) x)))");
        let c = crate::proof::clause::Clause::from_formula(&t.axioms[0].formula).unwrap();
        assert!(matches!(c.goal, crate::proof::clause::Goal::Exists(ref ex) if ex.vars.len() == 1));
        // A goal with an existential conclusion reads into the same form.
        let mut t = load("");
        let g = crate::mpl::parse_goal(&mut t, "(>[x] !(>[y] !(=[x + y, s(x)])))").unwrap();
        let g = super::conjecture(&g);
        assert_eq!(
            crate::proof::syntax::formula(&t, &g),
            "(forall ((x N)) (exists ((y N)) (= (+ x y) (s x))))"
        );
    }

    #[test]
    fn an_existential_conclusion_of_another_body_is_unusable_and_reported() {
        let t = load("axiom e: (&(>[x] (=[x + 0, x])) (>[x] !(>[y] (=[s(y), x]))));");
        assert_eq!(t.axioms.len(), 1);
        assert_eq!(t.axioms[0].name, "e.1");
        let u = t.unusable_axioms();
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].name, "e.2");
        assert!(u[0].reason.contains("existential"), "{}", u[0].reason);
        // Reported at the axiom's name, with its position.
        let w = t.warnings().to_string();
        assert!(w.contains("axiom `e.2` cannot be used"), "{w}");
        assert!(w.contains("t.mpl:1:"), "{w}");
    }
}
