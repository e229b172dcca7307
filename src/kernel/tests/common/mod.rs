//! Helpers shared by the integration tests: fixtures and JSON builders for proofs.
#![allow(dead_code)]

use ergo_kernel::format::{Certificate, Proof, Theorem};
use ergo_kernel::{check, KernelError};

pub fn fixture_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

pub fn mini_text() -> String {
    let path = format!(
        "{}/tests/fixtures/peano_mini.proof.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

pub fn mini() -> Certificate {
    serde_json::from_str(&mini_text()).unwrap()
}

/// A step as JSON.
pub fn step(kind: &str, rule: &str, dir: &str, pos: &str, subst: &str, term: &str) -> String {
    format!(
        r#"{{"kind":"{kind}","rule":"{rule}","dir":"{dir}","pos":{pos},"subst":{subst},"term":"{term}"}}"#
    )
}

/// A chain proof as JSON.
pub fn chain(steps: &[String]) -> String {
    format!(r#"{{"method":"chain","steps":[{}]}}"#, steps.join(","))
}

/// An induction proof as JSON: (constructor, fresh names, proof) per case.
pub fn induction(var: &str, cases: &[(&str, &[&str], String)]) -> String {
    let cases: Vec<String> = cases
        .iter()
        .map(|(c, fresh, proof)| {
            let fresh = serde_json::to_string(fresh).unwrap();
            format!(r#"{{"constructor":"{c}","fresh":{fresh},"proof":{proof}}}"#)
        })
        .collect();
    format!(
        r#"{{"method":"induction","var":"{var}","cases":[{}]}}"#,
        cases.join(",")
    )
}

/// Appends theorem `t` to the mini certificate and returns its result.
pub fn theorem_result(statement: &str, proof: &str) -> Result<(), KernelError> {
    let mut cert = mini();
    let proof: Proof = serde_json::from_str(proof).unwrap();
    cert.theorems.push(Theorem {
        params: Vec::new(),
        essential: None,
        name: "t".into(),
        statement: statement.into(),
        proof,
    });
    let report = check(&cert).unwrap();
    let fixture = &report.theorems[..3];
    assert!(
        fixture.iter().all(|t| t.result.is_ok()),
        "the fixture stays accepted"
    );
    report.theorems[3].result.clone()
}

pub fn code(statement: &str, proof: &str) -> &'static str {
    match theorem_result(statement, proof) {
        Ok(()) => "ok",
        Err(e) => e.code(),
    }
}

pub const ADD_ZERO_L: &str = "(forall ((x N)) (= (+ 0 x) x))";

pub fn zero_step() -> String {
    step("axiom", "add_zero", "lr", "[]", r#"{"a":"0"}"#, "0")
}

pub fn succ_case(steps: &[String]) -> String {
    chain(steps)
}

/// A step with premise proofs as JSON.
pub fn step_with(
    kind: &str,
    rule: &str,
    dir: &str,
    pos: &str,
    subst: &str,
    term: &str,
    premises: &[String],
) -> String {
    format!(
        r#"{{"kind":"{kind}","rule":"{rule}","dir":"{dir}","pos":{pos},"subst":{subst},"term":"{term}","premises":[{}]}}"#,
        premises.join(",")
    )
}

/// A contradiction proof as JSON.
pub fn contradiction(kind: &str, rule: &str, subst: &str, premises: &[String]) -> String {
    format!(
        r#"{{"method":"contradiction","kind":"{kind}","rule":"{rule}","subst":{subst},"premises":[{}]}}"#,
        premises.join(",")
    )
}

/// A case split as JSON: (constructor, fresh names, proof) per case.
pub fn cases(var: &str, cases: &[(&str, &[&str], String)]) -> String {
    induction(var, cases).replacen(r#""method":"induction""#, r#""method":"cases""#, 1)
}

pub fn conditional() -> Certificate {
    serde_json::from_str(&fixture_text("peano_conditional.proof.json")).unwrap()
}

/// Appends theorem `t` to the conditional fixture (whose theorems may be cited) and
/// returns its error code, or "ok".
pub fn code_after_conditional(statement: &str, proof: &str) -> &'static str {
    let mut cert = conditional();
    let n = cert.theorems.len();
    let proof: Proof = serde_json::from_str(proof).unwrap();
    cert.theorems.push(Theorem {
        params: Vec::new(),
        essential: None,
        name: "t".into(),
        statement: statement.into(),
        proof,
    });
    let report = check(&cert).unwrap();
    assert!(report.theorems[..n].iter().all(|t| t.result.is_ok()));
    report.theorems[n]
        .result
        .as_ref()
        .err()
        .map_or("ok", |e| e.code())
}
