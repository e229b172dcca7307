//! SMT-LIB 2 problems from a theory and a goal, for running peer provers (cvc5) on the
//! same problems as ergo in the benchmarks.
//!
//! Inductive sorts become datatypes (so the peer may use induction on them), other sorts
//! uninterpreted sorts, operators uninterpreted functions, predicates Boolean functions,
//! and every axiom an assertion; the goal is asserted negated, so `unsat` means proved.
//! A goal may be any closed formula: an equation, a clause (asserted as
//! `(not (forall (..) (=> (and p1 ..) c)))`), nested implications.
//! Every name is a quoted symbol with a kind prefix (`|op:+|`, `|sort:N|`), which cannot
//! collide with SMT-LIB's own symbols; the two characters a quoted symbol cannot hold,
//! `|` and `\`, are written `%7C` and `%5C` (`%` itself `%25`).
//!
//! A polymorphic theory is exported monomorphically, as the engine's tables hold it
//! (`docs/logic.md`, section 2): each instance sort is its own datatype
//! (`|sort:List(N)|` with constructors `|op:nil[N]|`, `|op:cons[N]|`), each instance
//! operator its own function (`|op:map[N,N]|`), a sort variable (`|sort:'a|`) and a
//! function sort (`|sort:N -> N|`) an uninterpreted sort, and application `@` the
//! uninterpreted function of each instance (`|op:@[N,N]|`), so the problem is
//! first-order and needs no polymorphic or higher-order SMT-LIB. A theory without those
//! sorts gives exactly the text it always gave.

use crate::engine::Goal;
use crate::mpl::{Formula, Term, Theory, Var};
use std::fmt::Write;

/// A name as the inside of a quoted symbol: `|` and `\` cannot appear there, so they
/// are written `%7C` and `%5C` (and `%` itself `%25`, so that distinct names stay
/// distinct); any other name is unchanged.
fn quoted(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains(['|', '\\', '%']) {
        name.replace('%', "%25")
            .replace('|', "%7C")
            .replace('\\', "%5C")
            .into()
    } else {
        name.into()
    }
}

fn op(theory: &Theory, t: crate::mpl::OpId) -> String {
    format!("|op:{}|", quoted(&theory.op(t).name))
}

fn sort(theory: &Theory, s: crate::mpl::SortId) -> String {
    format!("|sort:{}|", quoted(&theory.sort(s).name))
}

fn var(theory: &Theory, v: &Var) -> String {
    format!("|{}|", quoted(theory.name(v.name)))
}

fn pred(theory: &Theory, p: crate::mpl::PredId) -> String {
    format!("|pred:{}|", quoted(&theory.pred(p).name))
}

fn term(theory: &Theory, t: &Term) -> String {
    match t {
        Term::Var(v) => var(theory, v),
        Term::App(f, args) if args.is_empty() => op(theory, *f),
        Term::App(f, args) => {
            let args: Vec<String> = args.iter().map(|a| term(theory, a)).collect();
            format!("({} {})", op(theory, *f), args.join(" "))
        }
    }
}

fn binders(theory: &Theory, vs: &[Var]) -> String {
    let bs: Vec<String> = vs
        .iter()
        .map(|v| format!("({} {})", var(theory, v), sort(theory, v.sort)))
        .collect();
    bs.join(" ")
}

fn formula(theory: &Theory, f: &Formula) -> String {
    match f {
        Formula::Eq(l, r) => format!("(= {} {})", term(theory, l), term(theory, r)),
        Formula::Atom(p, args) if args.is_empty() => pred(theory, *p),
        Formula::Atom(p, args) => {
            let args: Vec<String> = args.iter().map(|a| term(theory, a)).collect();
            format!("({} {})", pred(theory, *p), args.join(" "))
        }
        Formula::Not(a) => format!("(not {})", formula(theory, a)),
        Formula::And(xs) => {
            let xs: Vec<String> = xs.iter().map(|x| formula(theory, x)).collect();
            format!("(and {})", xs.join(" "))
        }
        Formula::Implies(a, b) => format!("(=> {} {})", formula(theory, a), formula(theory, b)),
        Formula::Forall(vs, body) if vs.is_empty() => formula(theory, body),
        Formula::Forall(vs, body) => {
            format!(
                "(forall ({}) {})",
                binders(theory, vs),
                formula(theory, body)
            )
        }
    }
}

/// The SMT-LIB problem "the axioms of `theory` entail `goal`", as a satisfiability
/// question about its negation (`unsat` means proved). A clause goal is asserted as
/// `(not (forall (..) (=> (and p1 p2 ..) c)))`, its conclusion `c` an equation or a
/// negated one ([`Goal::formula`]).
pub fn goal_problem(theory: &Theory, goal: &Goal) -> String {
    problem(theory, None, &goal.formula())
}

/// The problem "the axioms of `theory` entail the conjecture `name`", its closed formula
/// `conjecture` (any shape: nested implications, conjunctions, negations) asserted
/// negated after a `; goal NAME` comment line.
pub fn conjecture_problem(theory: &Theory, name: &str, conjecture: &Formula) -> String {
    problem(theory, Some(name), conjecture)
}

fn problem(theory: &Theory, name: Option<&str>, goal: &Formula) -> String {
    let mut s = String::from("(set-logic ALL)\n");
    let inductive: Vec<_> = theory
        .sorts
        .iter()
        .enumerate()
        .filter(|(_, x)| x.is_inductive())
        .collect();
    for (i, x) in theory.sorts.iter().enumerate() {
        if !x.is_inductive() {
            let _ = writeln!(
                s,
                "(declare-sort {} 0)",
                sort(theory, crate::mpl::SortId(i as u32))
            );
        }
    }
    if !inductive.is_empty() {
        let heads: Vec<String> = inductive
            .iter()
            .map(|(i, _)| format!("({} 0)", sort(theory, crate::mpl::SortId(*i as u32))))
            .collect();
        let bodies: Vec<String> = inductive
            .iter()
            .map(|(_, x)| {
                let ctors: Vec<String> = x
                    .constructors
                    .iter()
                    .map(|c| {
                        let o = theory.op(*c);
                        let fields: Vec<String> = o
                            .args
                            .iter()
                            .enumerate()
                            .map(|(k, a)| {
                                format!("(|sel:{}.{k}| {})", quoted(&o.name), sort(theory, *a))
                            })
                            .collect();
                        if fields.is_empty() {
                            format!("({})", op(theory, *c))
                        } else {
                            format!("({} {})", op(theory, *c), fields.join(" "))
                        }
                    })
                    .collect();
                format!("({})", ctors.join(" "))
            })
            .collect();
        let _ = writeln!(
            s,
            "(declare-datatypes ({}) ({}))",
            heads.join(" "),
            bodies.join(" ")
        );
    }
    for (i, o) in theory.operators.iter().enumerate() {
        if !o.constructor {
            let args: Vec<String> = o.args.iter().map(|a| sort(theory, *a)).collect();
            let _ = writeln!(
                s,
                "(declare-fun {} ({}) {})",
                op(theory, crate::mpl::OpId(i as u32)),
                args.join(" "),
                sort(theory, o.result)
            );
        }
    }
    for (i, p) in theory.predicates.iter().enumerate() {
        let args: Vec<String> = p.args.iter().map(|a| sort(theory, *a)).collect();
        let _ = writeln!(
            s,
            "(declare-fun {} ({}) Bool)",
            pred(theory, crate::mpl::PredId(i as u32)),
            args.join(" ")
        );
    }
    for a in &theory.axioms {
        let _ = writeln!(
            s,
            "; axiom {}\n(assert {})",
            one_line(&a.name),
            formula(theory, &a.formula)
        );
    }
    if let Some(name) = name {
        let _ = writeln!(s, "; goal {}", one_line(name));
    }
    let _ = writeln!(s, "(assert (not {}))\n(check-sat)", formula(theory, goal));
    s
}

/// A name inside a `;` comment: on one line.
fn one_line(name: &str) -> String {
    name.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peano_goal_problem_declares_the_datatype_and_negates_the_goal() {
        let mut th = crate::mpl::peano_for_tests();
        let f = crate::mpl::parse_goal(&mut th, "x + y = y + x").unwrap();
        let p = goal_problem(&th, &Goal::from_formula(&f).unwrap());
        assert!(
            p.contains(
                "(declare-datatypes ((|sort:N| 0)) (((|op:0|) (|op:s| (|sel:s.0| |sort:N|)))))"
            ),
            "{p}"
        );
        assert!(p.contains("(declare-fun |op:+| (|sort:N| |sort:N|) |sort:N|)"));
        assert!(
            p.contains("(assert (forall ((|a| |sort:N|)) (= (|op:+| |a| |op:0|) |a|)))"),
            "{p}"
        );
        assert!(p.ends_with("(assert (not (forall ((|x| |sort:N|) (|y| |sort:N|)) (= (|op:+| |x| |y|) (|op:+| |y| |x|)))))\n(check-sat)\n"), "{p}");
    }

    #[test]
    fn a_clause_goal_is_asserted_as_a_negated_implication() {
        let mut th = crate::mpl::peano_for_tests();
        let f = crate::mpl::parse_goal(&mut th, "(>[x, y] (=[s(x), s(y)]) (=[x, y]))").unwrap();
        let goal = Goal::from_formula(&f).unwrap();
        assert_eq!(goal.premises.len(), 1);
        let p = conjecture_problem(&th, "s_inj", &f);
        assert!(
            p.ends_with(
                "; goal s_inj\n(assert (not (forall ((|x| |sort:N|) (|y| |sort:N|)) \
             (=> (= (|op:s| |x|) (|op:s| |y|)) (= |x| |y|)))))\n(check-sat)\n"
            ),
            "{p}"
        );
        assert_eq!(goal_problem(&th, &goal), p.replace("; goal s_inj\n", ""));
    }

    #[test]
    fn names_a_quoted_symbol_cannot_hold_are_escaped_injectively() {
        assert_eq!(quoted("+"), "+");
        assert_eq!(quoted("a|b"), "a%7Cb");
        assert_eq!(quoted("a\\b"), "a%5Cb");
        assert_eq!(quoted("a%7Cb"), "a%257Cb");
    }

    #[test]
    fn a_polymorphic_theory_is_exported_one_datatype_and_function_per_instance() {
        let th = crate::export::poly::lists_for_tests();
        let f = crate::mpl::parse_goal(&mut th.clone(), "x + 0 = x").unwrap();
        let p = goal_problem(&th, &Goal::from_formula(&f).unwrap());
        for line in [
            "(declare-sort |sort:'a| 0)",
            "(declare-sort |sort:N -> N| 0)",
            "(declare-fun |op:@[N,N]| (|sort:N -> N| |sort:N|) |sort:N|)",
        ] {
            assert!(p.lines().any(|l| l == line), "missing {line} in\n{p}");
        }
        assert!(
            p.contains("((|op:nil[N]|) (|op:cons[N]| (|sel:cons[N].0| |sort:N|) (|sel:cons[N].1| |sort:List(N)|)))"),
            "{p}"
        );
        assert!(p.contains("(|sort:List('a)| 0) (|sort:List(N)| 0)"), "{p}");
        // The uninterpreted sorts come before the datatypes whose fields use them.
        let sorts = p.find("(declare-sort |sort:'a| 0)").unwrap();
        assert!(sorts < p.find("(declare-datatypes").unwrap());
    }
}
