//! The engine on theories of the wider logic (`docs/logic.md`, section 2): a sort
//! variable `'a` (a `Param` sort), lists over it (an `Instance` of the family `List`),
//! and a function sort `'a -> 'a` applied by `@`.
//!
//! Until the polymorphic front end lands, the theories are written in today's MPL with
//! an uninterpreted sort, plain inductive lists and an application operator, and their
//! shapes are set by hand on the signature (names included: `'a`, `List('a)`, `@`).

use ergo::engine::conjecture::{Conjecturer, ConjecturerConfig};
use ergo::engine::discover::{prepare, prove_goal, DiscoverConfig, Outcome};
use ergo::engine::equation::axiom_equations;
use ergo::engine::{explore, Cancel, DeriveConfig, Goal, RayonExecutor};
use ergo::mpl::{Instance, OpId, Scheme, SortFamily, SortShape, Theory};
use std::path::Path;

const LISTS: &str = "
sort A;
sort F;
inductive List = nil | cons(A, List);
op ap(F, A) -> A;
op app(List, List) -> List;
op rev(List) -> List;
op map(F, List) -> List;
op id(A) -> A;
axiom id_def: (>[x] (=[id(x), x]));
axiom app_nil: (>[l] (=[app(nil, l), l]));
axiom app_cons: (>[x, l, m] (=[app(cons(x, l), m), cons(x, app(l, m))]));
axiom rev_nil: (=[rev(nil), nil]);
axiom rev_cons: (>[x, l] (=[rev(cons(x, l)), app(rev(l), cons(x, nil))]));
axiom map_nil: (>[f] (=[map(f, nil), nil]));
axiom map_cons: (>[f, x, l] (=[map(f, cons(x, l)), cons(ap(f, x), map(f, l))]));
";

/// The lifted lambdas `\\x. x` (`lam0`) and `\\x. c` (`lam1(c)`), with their definitions.
const LAMBDAS: &str = "
op lam0 -> F;
op lam1(A) -> F;
axiom lam0_def: (>[x] (=[ap(lam0, x), x]));
axiom lam1_def: (>[c, x] (=[ap(lam1(c), x), c]));
";

/// `text` loaded, with `A` made the sort variable `'a`, `List` the instance `List('a)`
/// (its constructors and the list operators, where declared, generic instances of their
/// schemes), `F` the function sort `'a -> 'a` and `ap` the application `@`.
///
/// The names stay those of the text (`A`, `List`, `F`, `ap`): the certificate writer the
/// explorer replays its theorems through reads names as written until the front end and
/// the version 3 certificates land.
fn polymorphic(text: &str) -> Theory {
    let theory = ergo::mpl::load_str(Path::new("poly.mpl"), text).expect("loads");
    let mut sig = (**theory.signature()).clone();
    let sort = |name: &str| sig.sort_by_name(name).unwrap();
    let (a, list, f) = (sort("A"), sort("List"), sort("F"));
    sig.sorts[a.0 as usize].shape = SortShape::Param;
    sig.sorts[list.0 as usize].shape = SortShape::Instance {
        family: "List".into(),
        args: vec![a],
    };
    sig.sorts[f.0 as usize].shape = SortShape::Function { from: a, to: a };
    sig.families.push(SortFamily {
        name: "List".into(),
        params: vec![a],
        generic: list,
        span: sig.sorts[list.0 as usize].span,
    });
    for (name, params) in [
        ("nil", vec![a]),
        ("cons", vec![a]),
        ("app", vec![a]),
        ("rev", vec![a]),
        ("map", vec![a]),
        ("id", vec![a]),
        ("ap", vec![a, a]),
    ] {
        let Some(op) = sig.op_by_name(name) else {
            continue;
        };
        let scheme = if name == "ap" { "@" } else { name };
        sig.operators[op.0 as usize].instance = Some(Instance {
            scheme: scheme.into(),
            args: params.clone(),
        });
        sig.op_schemes.push(Scheme {
            name: scheme.into(),
            params,
        });
    }
    Theory::new(sig, (**theory.source()).clone())
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
    assert!(printed.iter().any(|t| t.contains("A.")), "{printed:?}");
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
fn a_goal_with_a_function_variable_and_no_closures_is_never_refuted() {
    let theory = polymorphic(LISTS);
    // False, but no closed function of `'a -> 'a` is there to show it.
    assert!(!refuted(
        &theory,
        "(=[map(f, map(g, l)), map(g, map(f, l))])"
    ));
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
    assert!(!refuted(&theory, "(=[map(lam0, l), l])"));
    assert!(!refuted(
        &theory,
        "(=[map(lam1(x), cons(y, nil)), cons(x, nil)])"
    ));
    // Two different closures may be the same function: never refuted as different.
    assert!(!refuted(&theory, "(=[lam1(x), lam0])"));
    assert!(matches!(
        outcome(&theory, "(=[map(lam0, l), l])"),
        Outcome::Proved { .. }
    ));
}

#[test]
fn induction_is_on_lists_never_on_the_sort_variable_or_the_function_sort() {
    let theory = polymorphic(LISTS);
    let mut names = theory.names.clone();
    let sig = theory.signature();
    for (sort, inductive) in [("A", false), ("F", false), ("List", true)] {
        let s = sig.sort_by_name(sort).unwrap();
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
sort A;
sort F;
inductive List = nil | cons(A, List);
op app(List, List) -> List;
axiom app_nil: (>[l] (=[app(nil, l), l]));
axiom app_cons: (>[x, l, m] (=[app(cons(x, l), m), cons(x, app(l, m))]));
inductive N = z | s(N);
inductive ListN = nilN | consN(N, ListN);
op appN(ListN, ListN) -> ListN;
axiom appN_nil: (>[l] (=[appN(nilN, l), l]));
axiom appN_cons: (>[x, l, m] (=[appN(consN(x, l), m), consN(x, appN(l, m))]));
";
    let theory = polymorphic(text);
    let mut sig = (**theory.signature()).clone();
    let (n, list_n) = (
        sig.sort_by_name("N").unwrap(),
        sig.sort_by_name("ListN").unwrap(),
    );
    sig.sorts[list_n.0 as usize].shape = SortShape::Instance {
        family: "List".into(),
        args: vec![n],
    };
    for (name, scheme) in [("nilN", "nil"), ("consN", "cons"), ("appN", "app")] {
        let op = sig.op_by_name(name).unwrap();
        sig.operators[op.0 as usize].instance = Some(Instance {
            scheme: scheme.into(),
            args: vec![n],
        });
    }
    let theory = Theory::new(sig, (**theory.source()).clone());
    let generic = ergo::engine::generic::generic_operators(&theory).expect("restricted");
    for name in ["app", "cons", "nil", "z", "s"] {
        assert!(generic.contains(&op(&theory, name)), "{name}");
    }
    for name in ["appN", "consN", "nilN"] {
        assert!(!generic.contains(&op(&theory, name)), "{name}");
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
    let app_n = op(&theory, "appN");
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
