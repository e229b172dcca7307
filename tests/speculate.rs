//! Lemma speculation from stuck subgoals: `ergo prove --independent` finds the lemmas
//! mul_assoc needs from its stuck induction step (distributivity, which in turn needs
//! associativity of +), not by exploring every term up to their size.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn mul_assoc_gets_distributivity_from_its_stuck_step_case() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("assoc.proof.json");
    let o = Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(["prove", "axioms/peano.mpl", "--independent", "--goal"])
        .arg("x * y * z = x * (y * z)")
        .arg("--out")
        .arg(&out)
        .current_dir(&root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{text}");
    // Exactly the two lemmas the step case (induction on z) needs, nothing explored.
    assert!(
        text.contains("lemmas: x + (y + z) = x + y + z; x * y + x * z = x * (y + z)"),
        "{text}"
    );
    let cert: ergo_kernel::format::Certificate =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let report = ergo_kernel::check(&cert).unwrap();
    assert!(report.all_ok());
    let names: Vec<&str> = cert.theorems.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names[..2].iter().all(|n| n.starts_with("goal_1.")),
        "{names:?}"
    );
}
