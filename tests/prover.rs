//! The prover on the Peano axioms: the twelve peano-12 conjectures in file order, each
//! proved with the method a textbook would use, and every proof accepted by the kernel.

use ergo::engine::equation::conjecture_goals;
use ergo::engine::{prove_in_order, Attempt, Goal, Method, ProverConfig};
use ergo::proof::certificate;
use std::path::Path;

fn peano() -> ergo::mpl::Theory {
    ergo::mpl::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/axioms/peano.mpl"
    )))
    .expect("peano.mpl loads")
}

#[test]
fn all_twelve_peano_conjectures_are_proved_in_file_order_and_kernel_checked() {
    let theory = peano();
    let goals = conjecture_goals(&theory).expect("the conjectures are equations");
    let attempts = prove_in_order(&theory, &goals, ProverConfig::default());
    let proved: Vec<_> = attempts
        .iter()
        .map(|a| match a {
            Attempt::Proved(p) => p,
            Attempt::Unproved { name, reason, .. } => panic!("{name} unproved: {reason}"),
        })
        .collect();
    let methods: Vec<(&str, String)> = proved
        .iter()
        .map(|p| (p.name.as_str(), p.method.to_string()))
        .collect();
    // Nothing but the two mul-by-one facts follows without induction; x * 1 = x follows
    // from the axioms and 0 + x = x by rewriting.
    for (name, method) in &methods {
        if *name == "mul_one_r" {
            assert_eq!(method, "direct");
        } else {
            assert!(method.starts_with("induction on"), "{name}: {method}");
        }
    }
    assert!(proved.iter().all(|p| p.steps > 0));
    assert_eq!(proved[0].method, Method::Induction("x".into()));

    let cert = certificate(
        &theory,
        "../axioms/peano.mpl",
        &ergo::engine::explain::entries(&proved),
    );
    let report = ergo_kernel::check(&cert).expect("header accepted");
    assert_eq!(report.theorems.len(), 12);
    for t in &report.theorems {
        assert!(t.result.is_ok(), "{}: {:?}", t.name, t.result);
    }
    assert_eq!(
        report.steps(),
        proved.iter().map(|p| p.steps).sum::<usize>()
    );
    // The proof graph agrees with the kernel on the axioms each theorem rests on.
    let graph = ergo::proof::ProofGraph::new(&cert);
    assert!(graph.is_acyclic());
    for t in &report.theorems {
        assert_eq!(graph.axioms_of(&t.name), t.axioms, "{}", t.name);
    }
    // Multiplication facts rest on the multiplication axioms; no theorem uses the
    // non-equational axioms (they cannot be rewrite rules).
    let mul_comm = report
        .theorems
        .iter()
        .find(|t| t.name == "mul_comm")
        .unwrap();
    assert!(mul_comm.axioms.contains(&"mul_succ".to_string()));
    assert!(report
        .theorems
        .iter()
        .all(|t| !t.axioms.contains(&"succ_inj".to_string())));
}

#[test]
fn a_false_goal_stays_unproved() {
    let mut theory = peano();
    let goal = ergo::mpl::parse_goal(&mut theory, "x + y = x").expect("parses");
    let goal = Goal::from_formula(&goal).unwrap();
    let a = prove_in_order(&theory, &[("f".into(), goal)], ProverConfig::default());
    // Unproved because a count budget ran out (or saturation), never a clock.
    let Attempt::Unproved { reason, .. } = &a[0] else {
        panic!("a false goal was proved")
    };
    assert!(
        !matches!(reason, ergo::engine::Failure::Stopped(_)),
        "{reason}"
    );
}
