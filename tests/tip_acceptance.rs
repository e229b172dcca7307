//! Issue 12's acceptance on a TIP problem read as it is: `isaplanner/prop_35.smt2`
//! (`dropWhile (lambda x. false) xs = xs`: a polymorphic list, a function argument, a
//! lambda, `ite` and `match`) is proved, its version-3 certificate is verified against the
//! `.smt2` file, exported to Coq, and accepted by `coqc` and `coqchk` with no assumption
//! beyond the theory's own declarations.
//!
//! The Coq half fails under `CI=true` when Coq is missing and says skipped otherwise.
mod common;
use common::{ergo, root, stderr, stdout};

use std::path::Path;
use std::process::Command;

const PROP_35: &str = "../shared/benchmarks/tip/isaplanner/prop_35.smt2";

fn coq_tool(tool: &str) -> bool {
    common::tool_runs(
        tool,
        "prop_35_is_proved_verified_and_checked_by_coq",
        "install Coq (Debian: apt-get install coq) to run it",
    )
}

fn run_in(dir: &Path, program: &str, args: &[&str]) -> String {
    let o = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

#[test]
fn prop_35_is_proved_verified_and_checked_by_coq() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("prop_35.proof.json");
    let cert_s = cert.to_str().unwrap();
    let theory = root().join(PROP_35);
    let theory_s = theory.to_str().unwrap();

    let o = ergo(&["prove", PROP_35, "--out", cert_s], &root());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("1/1 proved"), "{}", stdout(&o));

    // A version-3 certificate: the list family and dropWhile are declared once, with
    // their sort parameter, and the lambda is a lifted operator with its definition.
    let text = std::fs::read_to_string(&cert).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 3);
    let ops = json["theory"]["operators"].as_array().unwrap();
    let dw = ops.iter().find(|o| o["name"] == "dropWhile").unwrap();
    assert_eq!(dw["params"], serde_json::json!(["'a"]));
    assert_eq!(dw["args"], serde_json::json!(["(-> 'a Bool)", "(list 'a)"]));
    assert!(ops.iter().any(|o| o["name"] == "lam.0"));
    let goal = &json["theorems"][0];
    assert_eq!(goal["params"], serde_json::json!(["'a"]));

    let o = ergo(&["verify", cert_s, "--theory", theory_s], &root());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("1 theorems checked, 0 rejected"));

    let v = dir.path().join("prop_35.v");
    let o = ergo(
        &[
            "export",
            "coq",
            cert_s,
            "--theory",
            theory_s,
            "--out",
            v.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let coq = std::fs::read_to_string(&v).unwrap();
    assert!(coq.contains("Inductive list_1 (A : Type)"), "{coq}");
    assert!(!coq.contains("Proof."), "the export uses no tactic");

    if !coq_tool("coqc") || !coq_tool("coqchk") {
        return;
    }
    run_in(dir.path(), "coqc", &["-Q", ".", "Ergo", "prop_35.v"]);
    let out = run_in(
        dir.path(),
        "coqchk",
        &["-silent", "-o", "-Q", ".", "Ergo", "Ergo.prop_35"],
    );
    let axioms = out
        .split("* Axioms:")
        .nth(1)
        .expect("coqchk lists the axioms");
    let axioms = axioms.split("\n*").next().unwrap();
    for name in axioms.split_whitespace() {
        let short = name.strip_prefix("Ergo.prop_35.").unwrap_or(name);
        assert!(
            [
                "dropWhile",
                "dropWhile_def1",
                "dropWhile_def2",
                "ite",
                "ite_true",
                "ite_false",
                "bool_distinct",
                "lam_dot_0",
                "lam_dot_0_dot_def",
            ]
            .contains(&short),
            "coqchk lists `{name}` beyond the theory's declarations:\n{out}"
        );
    }
}

#[test]
fn a_tampered_polymorphic_certificate_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("prop_35.proof.json");
    let cert_s = cert.to_str().unwrap();
    let theory = root().join(PROP_35);
    let o = ergo(&["prove", PROP_35, "--out", cert_s], &root());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let text = std::fs::read_to_string(&cert).unwrap();
    // Citing ite_false at the element sort instead of the list sort.
    let tampered = text.replacen("\"'a\": \"(list 'a)\"", "\"'a\": \"'a\"", 1);
    assert_ne!(tampered, text, "the proof cites ite_false at (list 'a)");
    std::fs::write(&cert, tampered).unwrap();
    let o = ergo(
        &["verify", cert_s, "--theory", theory.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("REJECTED"), "{}", stdout(&o));
}
