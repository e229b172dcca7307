//! The hand-written fixtures are accepted, with the right reports.

use ergo_kernel::format::Certificate;
use ergo_kernel::{canonical_theory_text, check, check_json, theory_digest, FORMAT, VERSIONS};

mod common;

use common::fixture_text as fixture;

fn axioms_of(report: &ergo_kernel::Report) -> Vec<(String, Vec<String>)> {
    report
        .theorems
        .iter()
        .map(|t| (t.name.clone(), t.axioms.clone()))
        .collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn peano_mini_is_accepted() {
    let report = check_json(&fixture("peano_mini.proof.json")).unwrap();
    for t in &report.theorems {
        assert_eq!(t.result, Ok(()), "{}", t.name);
    }
    assert!(report.all_ok());
    assert_eq!(report.theory, "peano");
    assert_eq!(
        report.digest,
        "sha256:cb25a725c0bb488d721a85095b7c1fab07a930c5d92f5f293a7bbb00259d552b"
    );
    assert_eq!((report.accepted(), report.rejected()), (3, 0));
    assert_eq!(report.steps(), 13);
    let steps: Vec<usize> = report.theorems.iter().map(|t| t.steps).collect();
    assert_eq!(steps, [3, 5, 5]);
    let add = names(&["add_succ", "add_zero"]);
    assert_eq!(
        axioms_of(&report),
        [
            ("add_zero_l".to_string(), add.clone()),
            ("add_succ_l".to_string(), add.clone()),
            ("add_comm".to_string(), add),
        ]
    );
}

#[test]
fn peano_nested_is_accepted_with_transitive_axioms() {
    let report = check_json(&fixture("peano_nested.proof.json")).unwrap();
    for t in &report.theorems {
        assert_eq!(t.result, Ok(()), "{}", t.name);
    }
    assert_eq!(
        axioms_of(&report),
        [
            ("add_comm".to_string(), names(&["add_succ", "add_zero"])),
            (
                "mul_zero_l".to_string(),
                names(&["add_zero", "mul_succ", "mul_zero"])
            ),
            ("zero_plus_zero".to_string(), names(&["add_zero"])),
            (
                "add_mul_zero".to_string(),
                names(&["add_succ", "add_zero", "mul_succ", "mul_zero"])
            ),
        ]
    );
}

#[test]
fn peano_conditional_is_accepted() {
    let report = check_json(&fixture("peano_conditional.proof.json")).unwrap();
    for t in &report.theorems {
        assert_eq!(t.result, Ok(()), "{}", t.name);
    }
    assert_eq!(
        report.digest,
        "sha256:cb25a725c0bb488d721a85095b7c1fab07a930c5d92f5f293a7bbb00259d552b"
    );
    let steps: Vec<usize> = report.theorems.iter().map(|t| t.steps).collect();
    // Steps inside premise proofs count; contradictions are not steps.
    assert_eq!(steps, [3, 8, 2, 2, 2]);
    assert_eq!(
        axioms_of(&report),
        [
            (
                "succ_ne_self".to_string(),
                names(&["succ_inj", "succ_ne_zero"])
            ),
            (
                "add_cancel_r".to_string(),
                names(&["add_succ", "add_zero", "succ_inj"])
            ),
            (
                "add_eq_zero_r".to_string(),
                names(&["add_succ", "succ_ne_zero"])
            ),
            // Axioms of a theorem cited by a contradiction are inherited.
            (
                "succ_add_zero_ne_self".to_string(),
                names(&["add_zero", "succ_inj", "succ_ne_zero"])
            ),
            // ... and so are those of a conditional theorem cited by a step.
            (
                "add_one_cancel".to_string(),
                names(&["add_succ", "add_zero", "succ_inj"])
            ),
        ]
    );
}

#[test]
fn digest_and_canonical_text() {
    let cert: Certificate = serde_json::from_str(&fixture("peano_mini.proof.json")).unwrap();
    assert_eq!(cert.format, FORMAT);
    assert!(VERSIONS.contains(&cert.version));
    assert_eq!(theory_digest(&cert.theory).unwrap(), cert.digest);
    let text = canonical_theory_text(&cert.theory).unwrap();
    assert!(
        text.starts_with("sort N 0 s\nop 0 -> N\nop s N -> N\n"),
        "{text}"
    );
    assert!(text.ends_with("axiom mul_succ (forall ((a N) (b N)) (= (* a (s b)) (+ (* a b) a)))\n"));
    assert_eq!(text.lines().count(), 11);
    // The digest does not depend on the theory's name or source.
    let mut other = cert.theory.clone();
    other.source = "elsewhere.mpl".into();
    other.name = "peano2".into();
    assert_eq!(theory_digest(&other).unwrap(), cert.digest);
    // A malformed theory has no digest.
    other.operators.pop();
    assert_eq!(theory_digest(&other).unwrap_err().code(), "unknown-symbol");
}

#[test]
fn serialization_is_deterministic_and_round_trips() {
    for name in [
        "peano_mini.proof.json",
        "peano_nested.proof.json",
        "peano_conditional.proof.json",
    ] {
        let cert: Certificate = serde_json::from_str(&fixture(name)).unwrap();
        let text = serde_json::to_string_pretty(&cert).unwrap();
        assert_eq!(serde_json::to_string_pretty(&cert).unwrap(), text);
        let again: Certificate = serde_json::from_str(&text).unwrap();
        assert_eq!(again, cert);
        assert_eq!(check(&again).unwrap(), check_json(&fixture(name)).unwrap());
        let order = [
            "\"format\"",
            "\"version\"",
            "\"producer\"",
            "\"theory\"",
            "\"digest\"",
            "\"theorems\"",
        ];
        let at: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "field order {at:?}");
    }
}
