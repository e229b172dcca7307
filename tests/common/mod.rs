//! Helpers shared by the end-to-end tests that run the `ergo` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root (where `axioms/` and `proofs/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `ergo` binary with `args` in `cwd`.
pub fn ergo(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run ergo")
}

/// A command's standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A command's standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch folder holding copies of these repository files at the same relative paths.
pub fn scratch_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(f), to).unwrap();
    }
    dir
}

/// Reports a test that cannot run because an external tool (coqc, chromium, ...) is
/// missing. Under `CI=true` that is a failure, because CI installs every tool; elsewhere
/// the test says it is skipped and why, and the caller returns.
pub fn tool_missing(tool: &str, test: &str, install: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: `{tool}` is missing under CI=true ({install})");
    }
    eprintln!("SKIPPED ({test}): `{tool}` is not available; {install}");
}

/// Whether `tool --version` runs; if not, reports it through [`tool_missing`] (a
/// failure under `CI=true`, a skip elsewhere) and the caller returns.
pub fn tool_runs(tool: &str, test: &str, install: &str) -> bool {
    let ok = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        tool_missing(tool, test, install);
    }
    ok
}

/// The statements of `texts` that do not follow by rewriting alone (no induction) from
/// the axioms and the derived theorems.
pub fn not_covered(ex: &ergo::engine::Exploration, texts: &[&str]) -> Vec<String> {
    let mut theory = ex.theory.clone();
    let mut equations = ergo::engine::equation::axiom_equations(&theory);
    equations.extend(ex.theorems.iter().map(|d| {
        d.proved
            .goal
            .clone()
            .into_equation(ergo::engine::RuleKind::Theorem, &d.proved.name)
    }));
    let config = ergo::engine::ProverConfig {
        induction: false,
        ..ergo::engine::ProverConfig::default()
    };
    let mut missing = Vec::new();
    for text in texts {
        let f = ergo::mpl::parse_goal(&mut theory, text).unwrap();
        let goal = ergo::engine::Goal::from_formula(&f).unwrap();
        let mut prover = ergo::engine::Prover::with_equations(&theory, equations.clone(), config);
        if let ergo::engine::Attempt::Unproved { reason, .. } = prover.prove("target", &goal) {
            missing.push(format!("{text}: {reason}"));
        }
    }
    missing
}

/// Asserts that every statement of `texts` follows from `ex`'s axioms and derived
/// theorems by rewriting alone ([`not_covered`]), listing the misses and what was derived.
pub fn assert_covered(ex: &ergo::engine::Exploration, texts: &[&str]) {
    let missing = not_covered(ex, texts);
    let stated: Vec<String> = ex
        .theorems
        .iter()
        .map(|d| ergo::mpl::print::formula(&ex.theory, &d.proved.goal.formula()))
        .collect();
    assert!(
        missing.is_empty(),
        "not derived:\n{}\nderived: {stated:#?}",
        missing.join("\n")
    );
}

/// Asserts that the certificate at `path` (relative to the project root) writes back to
/// its own bytes, both as read and as the kernel-verified proof tree holds it.
pub fn assert_writes_back_to_the_same_bytes(path: &str) {
    use ergo_kernel::format::Certificate;
    let bytes = std::fs::read(root().join(path)).unwrap();
    let cert: Certificate = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(ergo::proof::to_bytes(&cert), bytes);
    let loaded = ergo::proof::load::verify_file(&root().join(path)).unwrap();
    let replayed = ergo::proof::tree::replay(&loaded.theory, &loaded.verified).unwrap();
    let again = Certificate {
        theorems: replayed
            .theorems
            .iter()
            .map(|t| t.theorem.clone())
            .collect(),
        ..cert
    };
    assert_eq!(ergo::proof::to_bytes(&again), bytes);
}
