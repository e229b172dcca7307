//! `ergo prove --lemmas PATH`: every theorem the kernel verifies can be reused, from a
//! certificate file or a folder of several theories' certificates.

mod common;
use common::{ergo, root, stderr};
use std::process::Output;

fn proved(o: &Output) -> Vec<(String, bool)> {
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("one JSON object on stdout");
    v["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["statement"].as_str().unwrap().to_string(),
                t["proved"] == true,
            )
        })
        .collect()
}

#[test]
fn derived_disequations_and_conditional_facts_are_lemmas() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let o = ergo(
        &[
            "derive",
            "axioms/peano.mpl",
            "--out",
            derived.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = dir.path().join("goals.proof.json");
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--lemmas",
            derived.to_str().unwrap(),
            "--no-induction",
            "--goal",
            "(>[a,b,c] (=[a + b, a + c]) (=[b, c]))",
            "--goal",
            "s(x) != x",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(
        proved(&o),
        [
            ("a + b = a + c -> b = c".to_string(), true),
            ("s(x) != x".to_string(), true)
        ]
    );
    // The new certificate carries the lemmas' proofs and stands on its own.
    let text = std::fs::read_to_string(&out).unwrap();
    let report = ergo_kernel::check_json(&text).expect("a well-formed certificate");
    assert!(report.theorems.iter().all(|t| t.result.is_ok()));
    assert!(report.theorems.len() > 2);
}

#[test]
fn the_committed_derive_certificate_is_a_lemma_file() {
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            "x + 0 = x",
            "--lemmas",
            "proofs/peano",
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(proved(&o), [("x + 0 = x".to_string(), true)]);
}

#[test]
fn a_folder_of_several_theories_gives_the_goal_theorys_theorems_only() {
    // proofs/ holds peano's certificates (two), gauss's, lists', order's...: a peano goal
    // that needs a peano theorem is proved without induction, a lists goal that needs a
    // lists theorem too.
    for (file, goal) in [
        ("axioms/peano.mpl", "x + y = y + x"),
        ("axioms/lists.mpl", "app(app(k, l), m) = app(k, app(l, m))"),
    ] {
        let o = ergo(
            &[
                "prove",
                file,
                "--goal",
                goal,
                "--lemmas",
                "proofs",
                "--no-induction",
                "--json",
            ],
            &root(),
        );
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert_eq!(proved(&o), [(goal.to_string(), true)], "{file}");
    }
    // Without those lemmas, the same goals need induction.
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            "x + y = y + x",
            "--no-induction",
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_folder_with_no_certificate_of_the_goals_theory_is_bad_input() {
    let o = ergo(
        &[
            "prove",
            "axioms/lists.mpl",
            "--goal",
            "len(l) = len(l)",
            "--lemmas",
            "proofs/peano",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no certificate of theory `lists`"),
        "{}",
        stderr(&o)
    );
}

/// A derive that found nothing (prop_35 at term size 2: no term applies its only
/// operator) writes a certificate without theorems; as a lemma file it gives no lemmas and
/// the goal is tried on its own (unproved: exit 1), instead of an error about the empty
/// certificate.
#[test]
fn a_derived_certificate_without_theorems_gives_no_lemmas() {
    let tip = root().join("../shared/benchmarks/tip/isaplanner/prop_35.smt2");
    let tip = tip.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let o = ergo(
        &[
            "derive",
            tip,
            "--out",
            derived.to_str().unwrap(),
            "--max-size",
            "2",
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["theorem_count"], 0, "{v}");
    let out = dir.path().join("goal.proof.json");
    let o = ergo(
        &[
            "prove",
            tip,
            "--lemmas",
            derived.to_str().unwrap(),
            "--no-induction",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    assert!(!stderr(&o).contains("no-theorems"), "{}", stderr(&o));
    assert_eq!(proved(&o).len(), 1);
    assert!(!proved(&o)[0].1);
}
