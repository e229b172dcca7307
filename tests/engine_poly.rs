//! The engine on theories of the wider logic (`docs/logic.md`, section 2): a sort
//! variable `'a` (a `Param` sort), lists over it (an `Instance` of the family `List`),
//! and a function sort `'a -> 'a` applied by `@`, read by the polymorphic front end.

use ergo::engine::conjecture::{Conjecturer, ConjecturerConfig};
use ergo::engine::discover::{prepare, prove_goal, DiscoverConfig, Outcome};
use ergo::engine::equation::axiom_equations;
use ergo::engine::{explore, Cancel, DeriveConfig, Goal, RayonExecutor};
use ergo::mpl::{OpId, SortExpr, Theory};
use std::path::Path;

const LISTS: &str = "
inductive List('a) = nil | cons('a, List('a));
op app(List('a), List('a)) -> List('a);
op rev(List('a)) -> List('a);
op map('a -> 'a, List('a)) -> List('a);
op id('a) -> 'a;
axiom id_def: (>[x] (=[id(x), x]));
axiom app_nil: (>[l] (=[app(nil, l), l]));
axiom app_cons: (>[x, l, m] (=[app(cons(x, l), m), cons(x, app(l, m))]));
axiom rev_nil: (=[rev(nil), nil]);
axiom rev_cons: (>[x, l] (=[rev(cons(x, l)), app(rev(l), cons(x, nil))]));
axiom map_nil: (>[f] (=[map(f, nil), nil]));
axiom map_cons: (>[f, x, l] (=[map(f, cons(x, l)), cons(f(x), map(f, l))]));
";

/// Two conjectures whose lambdas are lifted: `\x. x` (`lam.0`) and `\y. c` (`lam.1(c)`),
/// with their definitions.
const LAMBDAS: &str = "
conjecture map_id: (=[map(\\x. x, l), l]);
conjecture map_const: (=[map(\\y. c, cons(y, nil)), cons(c, nil)]);
";

/// `text` loaded by the front end.
fn polymorphic(text: &str) -> Theory {
    ergo::mpl::load_str(Path::new("poly.mpl"), text).expect("loads")
}

/// `goal` read over `theory` (made by [`prepare`]).
fn goal(theory: &mut Theory, text: &str) -> Goal {
    let f = ergo::mpl::parse_goal(&mut *theory, text).expect("the goal parses");
    Goal::from_formula(&f).expect("a clause")
}

fn outcome(theory: &Theory, text: &str) -> Outcome {
    let mut theory = prepare(theory);
    let g = goal(&mut theory, text);
    let rules = axiom_equations(&theory);
    prove_goal(
        &theory,
        "g",
        &g,
        &rules,
        &DiscoverConfig::default(),
        &RayonExecutor::new(1),
    )
}

/// Whether `text` is false on the ground instances the engine tests goals on.
fn refuted(theory: &Theory, text: &str) -> bool {
    let mut theory = prepare(theory);
    let g = goal(&mut theory, text);
    let none = std::collections::BTreeSet::new();
    let mut conj = Conjecturer::new(&theory, ConjecturerConfig::default(), Some(&none));
    conj.clause_counterexample(&g).is_some()
}

fn op(theory: &Theory, name: &str) -> OpId {
    theory.op_by_name(name).unwrap()
}

#[test]
fn app_nil_right_is_proved_by_induction_over_lists_of_a_sort_variable() {
    let theory = polymorphic(LISTS);
    match outcome(&theory, "(=[app(l, nil), l])") {
        Outcome::Proved { proof, .. } => {
            assert_eq!(proof.method.to_string(), "induction on l")
        }
        other => panic!("not proved: {other:?}"),
    }
}

#[test]
fn the_polymorphic_identity_is_not_refuted_and_is_proved() {
    let theory = polymorphic(LISTS);
    assert!(matches!(
        outcome(&theory, "(=[id(x), x])"),
        Outcome::Proved { .. }
    ));
    // Also inside lists of the sort variable's elements.
    assert!(!refuted(
        &theory,
        "(=[app(cons(id(x), l), m), cons(x, app(l, m))])"
    ));
    assert!(refuted(
        &theory,
        "(=[app(cons(id(x), l), m), cons(y, app(l, m))])"
    ));
}

#[test]
fn a_false_polymorphic_law_is_refuted_on_distinct_elements_without_a_certificate() {
    let theory = polymorphic(LISTS);
    // False at any element sort with two elements: refuted on opaque elements.
    let Outcome::Refuted { instance } = outcome(&theory, "(=[app(l, m), app(m, l)])") else {
        panic!("app is not commutative")
    };
    let prepared = prepare(&theory);
    let printed: Vec<String> = instance
        .iter()
        .map(|(_, t)| ergo::mpl::print::term(&prepared, t))
        .collect();
    assert!(printed.iter().any(|t| t.contains("'a.")), "{printed:?}");
    // Such a counterexample is not a theorem: the distinctness of elements is chosen.
    let goal_ = goal(&mut prepare(&theory), "(=[app(l, m), app(m, l)])");
    let cert = ergo::engine::refute::certify(
        &prepared,
        &axiom_equations(&prepared),
        "g",
        &goal_,
        &instance,
        ergo::engine::ProverConfig::default(),
    );
    assert!(cert.is_err());
    // `x = y` at `'a` is false as soon as `'a` has two elements.
    assert!(matches!(
        outcome(&theory, "(=[x, id(y)])"),
        Outcome::Refuted { .. }
    ));
}

#[test]
fn a_goal_with_a_function_variable_and_no_closures_is_refuted_on_sampled_functions() {
    let theory = polymorphic(LISTS);
    // False: no closure of `'a -> 'a` is in the theory, but sampled functions (finite
    // tables) show it; a table is no term, so the counterexample is not certified.
    let text = "(=[map(f, map(g, l)), map(g, map(f, l))])";
    assert!(refuted(&theory, text));
    let Outcome::Refuted { instance } = outcome(&theory, text) else {
        panic!("map(f, map(g, l)) = map(g, map(f, l)) is false")
    };
    let prepared = prepare(&theory);
    let goal_ = goal(&mut prepare(&theory), text);
    let why = ergo::engine::refute::certify(
        &prepared,
        &axiom_equations(&prepared),
        "g",
        &goal_,
        &instance,
        ergo::engine::ProverConfig::default(),
    )
    .unwrap_err();
    assert_eq!(why.reason, ergo::engine::failure::Failure::SampledFunction);
    // True, and proved by induction over the list.
    assert!(matches!(
        outcome(&theory, "(=[map(f, app(l, m)), app(map(f, l), map(f, m))])"),
        Outcome::Proved { .. }
    ));
}

#[test]
fn function_variables_are_sampled_among_the_lifted_lambdas() {
    let text = format!("{LISTS}{LAMBDAS}");
    let theory = polymorphic(&text);
    // With constant functions at hand, the false law is refuted ...
    assert!(refuted(
        &theory,
        "(=[map(f, map(g, l)), map(g, map(f, l))])"
    ));
    assert!(refuted(&theory, "(=[map(f, l), l])"));
    // ... and the true ones are not.
    assert!(!refuted(
        &theory,
        "(=[map(f, app(l, m)), app(map(f, l), map(f, m))])"
    ));
    // The lifted lambdas' own laws are true: never refuted, and proved.
    for c in theory.conjectures.clone() {
        let g = Goal::from_formula(&c.formula).expect("a clause");
        let prepared = prepare(&theory);
        let none = std::collections::BTreeSet::new();
        let mut conj = Conjecturer::new(&prepared, ConjecturerConfig::default(), Some(&none));
        assert!(conj.clause_counterexample(&g).is_none(), "{}", c.name);
        let rules = axiom_equations(&prepared);
        let out = prove_goal(
            &prepared,
            &c.name,
            &g,
            &rules,
            &DiscoverConfig::default(),
            &RayonExecutor::new(1),
        );
        assert!(matches!(out, Outcome::Proved { .. }), "{}: {out:?}", c.name);
    }
}

#[test]
fn induction_is_on_lists_never_on_the_sort_variable_or_the_function_sort() {
    let theory = polymorphic(LISTS);
    let mut names = theory.names.clone();
    let sig = theory.signature();
    let a = SortExpr::Name("'a".into());
    let fun = SortExpr::Fun(Box::new(a.clone()), Box::new(a.clone()));
    let list = SortExpr::App("List".into(), vec![a.clone()]);
    for (sort, inductive) in [(a, false), (fun, false), (list, true)] {
        let s = theory.sort_id_of(&sort).unwrap();
        assert_eq!(ergo::engine::induction::is_inductive(sig, s), inductive);
        let v = ergo::mpl::Var {
            name: names.intern("v"),
            sort: s,
        };
        let g = Goal::equation(vec![v], ergo::mpl::Term::Var(v), ergo::mpl::Term::Var(v));
        let cases = ergo::engine::induction::cases(sig, &mut names, &g, v);
        assert_eq!(cases.is_some(), inductive, "{sort}");
    }
}

/// The generic list theory with an instance at `N` (as a conjecture at `List(N)` makes
/// it): exploration finds the laws at `List('a)` only.
#[test]
fn derive_explores_the_generic_instances_and_finds_polymorphic_laws() {
    let text = "
inductive N = z | s(N);
inductive List('a) = nil | cons('a, List('a));
op app(List('a), List('a)) -> List('a);
axiom app_nil: (>[l] (=[app(nil, l), l]));
axiom app_cons: (>[x, l, m] (=[app(cons(x, l), m), cons(x, app(l, m))]));
conjecture at_n: (=[app(cons(z, nil), nil), cons(z, nil)]);
";
    let theory = polymorphic(text);
    let instance = |name: &str, arg: &str| -> OpId {
        let n = theory.sort_by_name(arg).unwrap();
        (0..theory.operators.len())
            .map(|i| OpId(i as u32))
            .find(|&o| {
                theory
                    .op(o)
                    .instance
                    .as_ref()
                    .is_some_and(|i| i.scheme == name && i.args == [n])
            })
            .unwrap_or_else(|| panic!("{name}[{arg}]"))
    };
    let generic = ergo::engine::generic::generic_operators(&theory).expect("restricted");
    for name in ["app", "cons", "nil"] {
        assert!(generic.contains(&instance(name, "'a")), "{name}");
        assert!(!generic.contains(&instance(name, "N")), "{name}");
    }
    for name in ["z", "s"] {
        assert!(generic.contains(&op(&theory, name)), "{name}");
    }
    let mut config = DeriveConfig {
        conditional: None,
        ground: false,
        ..DeriveConfig::default()
    };
    config.conjecturer.max_size = 5;
    let ex = explore(
        &theory,
        config,
        &RayonExecutor::new(1),
        &Cancel::never(),
        &mut |_| {},
    );
    let laws: Vec<String> = ex
        .theorems
        .iter()
        .map(|d| ergo::mpl::print::equation(&ex.theory, &d.proved.goal.lhs, &d.proved.goal.rhs))
        .collect();
    let app_n = instance("app", "N");
    for d in &ex.theorems {
        let mut ops = std::collections::BTreeSet::new();
        d.proved.goal.lhs.operators_into(&mut ops);
        d.proved.goal.rhs.operators_into(&mut ops);
        assert!(!ops.contains(&app_n), "{laws:?}");
    }
    for law in [
        "app(list1, nil) = list1",
        "app(app(list1, list2), list3) = app(list1, app(list2, list3))",
    ] {
        assert!(laws.iter().any(|l| l == law), "{law} not in {laws:?}");
    }
}
