//! Goal-free exploration beyond Peano: on lists, the general laws of append, reverse,
//! length and + (never one of their instances as an essential theorem); on the order as
//! a declared predicate and as a Boolean function, reflexivity, transitivity and
//! antisymmetry, found without being asked; and no equation reported unproved that
//! the derived theorems already give.

mod common;

use common::{assert_covered, not_covered};
use ergo::engine::equation::{axiom_equations, RuleKind};
use ergo::engine::generality::is_strict_instance;
use ergo::engine::snapshot::Snapshot;
use ergo::engine::{
    explore, Block, Cancel, DeriveConfig, Exploration, RayonExecutor, Selection, Task,
};
use std::path::Path;

fn derive(file: &str) -> Exploration {
    derive_on(file, 2)
}

fn derive_on(file: &str, threads: usize) -> Exploration {
    let theory = ergo::mpl::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    explore(
        &theory,
        DeriveConfig::default(),
        &RayonExecutor::new(threads),
        &Cancel::never(),
        &mut |_| {},
    )
}

/// The essential equations as conjectures (for the instance test).
fn essential_laws(ex: &Exploration) -> Vec<(String, ergo::engine::conjecture::Conjecture)> {
    ex.theorems
        .iter()
        .filter(|d| d.essential && d.proved.goal.is_plain())
        .map(|d| {
            let g = &d.proved.goal;
            (
                d.proved.name.clone(),
                ergo::engine::conjecture::Conjecture {
                    formula: g.formula(),
                    size: g.lhs.size() + g.rhs.size(),
                    key: d.proved.name.clone(),
                },
            )
        })
        .collect()
}

/// The exploration of lists.mpl, shared by the tests that only inspect it.
fn lists() -> &'static Exploration {
    static EX: std::sync::OnceLock<Exploration> = std::sync::OnceLock::new();
    EX.get_or_init(|| derive("axioms/lists.mpl"))
}

#[test]
fn lists_gives_the_general_laws_and_no_essential_instance() {
    let ex = lists();
    let missing = not_covered(
        ex,
        &[
            "x + y = y + x",
            "(x + y) + z = x + (y + z)",
            "app(l, nil) = l",
            "app(app(k, l), m) = app(k, app(l, m))",
            "len(app(k, l)) = len(k) + len(l)",
            "rev(rev(l)) = l",
            "rev(app(k, l)) = app(rev(l), rev(k))",
            "len(rev(l)) = len(l)",
        ],
    );
    assert!(
        missing.is_empty(),
        "not found by rewriting with the derived theorems:\n{}",
        missing.join("\n")
    );
    let laws = essential_laws(ex);
    for (name, c) in &laws {
        for (other, g) in &laws {
            assert!(
                name == other || !is_strict_instance(c, g),
                "{name} is an instance of {other}"
            );
        }
    }
}

/// An equation reported unproved does not follow by rewriting (the exploration's
/// pruning check) from the axioms and every derived theorem: one that a law admitted
/// in the same last round implies is not reported.
#[test]
fn no_equation_reported_unproved_follows_from_the_derived_theorems() {
    let ex = lists();
    let mut snapshot = Snapshot::new(ex.theory.clone(), axiom_equations(&ex.theory));
    for d in &ex.theorems {
        let name = &d.proved.name;
        snapshot.push(d.proved.goal.clone().into_equation(RuleKind::Theorem, name));
    }
    let check = Task::Check(DeriveConfig::default().check.for_pruning());
    for c in &ex.unproved {
        let block = Block {
            goal: c.goal(),
            rules: Selection::All,
            task: check,
        };
        assert!(
            !block.run(&snapshot).is_proved(),
            "{} is reported unproved, but follows from the derived theorems",
            c.key
        );
    }
}

/// The certificate of an exploration, as the bytes `ergo derive` writes.
fn certificate_bytes(ex: &Exploration) -> String {
    let proved: Vec<_> = ex.theorems.iter().map(|d| &d.proved).collect();
    let cert = ergo::proof::certificate(
        &ex.theory,
        "axioms/lists.mpl",
        &ergo::engine::explain::entries(&proved),
    );
    serde_json::to_string(&cert).unwrap()
}

/// Beyond Peano too, the thread count changes nothing: lists.mpl on one thread gives
/// the same theorems, essential subset and certificate as on two.
#[test]
fn lists_gives_the_same_certificate_on_one_thread_as_on_two() {
    let two = lists();
    let one = derive_on("axioms/lists.mpl", 1);
    let summary = |ex: &Exploration| {
        ex.theorems
            .iter()
            .map(|d| (d.proved.name.clone(), d.essential))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&one), summary(two));
    assert!(
        certificate_bytes(&one) == certificate_bytes(two),
        "certificates differ"
    );
    assert_eq!(one.unproved.len(), two.unproved.len());
}

#[test]
fn order_pred_derives_reflexivity_transitivity_and_antisymmetry_of_le() {
    let ex = derive("axioms/order_pred.mpl");
    assert_covered(
        &ex,
        &[
            "(>[a] (le[a, a]))",
            "(>[a,b,c] (&(le[a, b]) (le[b, c])) (le[a, c]))",
            "(>[a,b] (&(le[a, b]) (le[b, a])) (=[a, b]))",
        ],
    );
}

/// The order as a Boolean function (`leq(x, y) = true`, TIP's style): the conditional
/// phase's relation laws give transitivity, antisymmetry and totality, besides
/// reflexivity from the equations.
#[test]
fn order_derives_the_laws_of_leq_as_a_boolean_function() {
    // Terms up to size 5 (the default is 7): the laws are all that small, and the test
    // takes a fifth of the time in a debug build.
    let theory =
        ergo::mpl::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("axioms/order.mpl")).unwrap();
    let mut config = DeriveConfig::default();
    config.conjecturer.max_size = 5;
    let ex = explore(
        &theory,
        config,
        &RayonExecutor::new(2),
        &Cancel::never(),
        &mut |_| {},
    );
    assert_covered(
        &ex,
        &[
            "(>[a] (=[leq(a, a), true]))",
            "(>[a,b,c] (&(=[leq(a, b), true]) (=[leq(b, c), true])) (=[leq(a, c), true]))",
            "(>[a,b] (&(=[leq(a, b), true]) (=[leq(b, a), true])) (=[a, b]))",
            "(>[a,b] (=[leq(a, b), false]) (=[leq(b, a), true]))",
        ],
    );
}
