//! Hand-made bad certificates: each is rejected with the expected error code.
//! (Induction and theorem order: see `induction.rs`.)

mod common;

use common::*;
use ergo_kernel::format::{Certificate, Theorem};
use ergo_kernel::{check, check_json, theory_digest, KernelError};

#[test]
fn header_errors() {
    let text = mini_text();
    let err = |t: &str| check_json(t).unwrap_err().code();
    // Version 3 extends version 2: a monomorphic certificate reads the same in both.
    let v3 = text.replace("\"version\": 2", "\"version\": 3");
    assert!(check_json(&v3).unwrap().all_ok());
    assert_eq!(
        err(&text.replace("\"version\": 2", "\"version\": 4")),
        "unsupported-version"
    );
    assert_eq!(
        err(&text.replace("\"version\": 2", "\"version\": 0")),
        "unsupported-version"
    );
    assert_eq!(
        err(&text.replace("\"version\": 2", "\"version\": 1")),
        "unsupported-version"
    );
    assert_eq!(
        err(&text.replace("\"version\": 2", "\"version\": \"2\"")),
        "unsupported-version"
    );
    // Version 1 called the hypothesis step kind `ih`: gone in version 2.
    assert_eq!(
        err(&text.replace("\"kind\": \"hyp\"", "\"kind\": \"ih\"")),
        "malformed-json"
    );
    // A future version is reported as such even if its fields are unknown to version 3.
    let v4 = text.replace("\"version\": 2", "\"version\": 4, \"signature\": {}");
    assert_eq!(err(&v4), "unsupported-version");
    let fmt = text.replace("\"ergo-certificate\"", "\"ergo-cert\"");
    assert_eq!(err(&fmt), "bad-format");
    assert_eq!(
        err(&text.replace("\"producer\"", "\"author\": 1, \"producer\"")),
        "unknown-field"
    );
    assert_eq!(
        err(&text.replace("\"subst\": {}", "\"subst\": {}, \"why\": 0")),
        "unknown-field"
    );
    assert_eq!(
        err(&text.replace("\"predicates\"", "\"ops\": [], \"predicates\"")),
        "unknown-field"
    );
    let twice = text.replace("\"version\": 2", "\"version\": 2, \"version\": 2");
    assert_eq!(err(&twice), "duplicate-key");
    let subst = text.replace(r#"{ "a": "0" }"#, r#"{ "a": "0", "a": "0" }"#);
    assert_eq!(err(&subst), "duplicate-key");
    assert_eq!(
        err(&text.replace("\"predicates\": [],", "")),
        "malformed-json"
    );
    assert_eq!(err(&text[..text.len() / 2]), "malformed-json");
    assert_eq!(err("[]"), "malformed-json");
    assert_eq!(err(""), "malformed-json");
    assert_eq!(err(&text.replace("\"lr\"", "\"LR\"")), "malformed-json");
    assert_eq!(
        err(&text.replace("\"pos\": [0]", "\"pos\": [-1]")),
        "malformed-json"
    );
    let digest = text.replace("sha256:cb25", "sha256:cb26");
    assert_eq!(err(&digest), "digest-mismatch");
    let upper = text.replace("sha256:cb25", "sha256:CB25");
    assert_eq!(err(&upper), "digest-mismatch");

    let mut cert = mini();
    cert.format = "x".into();
    assert_eq!(check(&cert).unwrap_err().code(), "bad-format");
    let mut cert = mini();
    cert.version = 1;
    assert_eq!(check(&cert).unwrap_err().code(), "unsupported-version");
}

#[test]
fn theory_errors_are_certificate_errors() {
    let mut cert = mini();
    cert.theory.axioms[2].statement = "(forall ((a M)) (= a a))".into();
    let e = check(&cert).unwrap_err();
    assert_eq!(e.code(), "unknown-sort");
    assert!(e.to_string().starts_with("axiom add_zero: "), "{e}");
    let mut cert = mini();
    cert.theory.axioms[2].statement = "(= (+ a 0) a)".into();
    assert_eq!(
        check(&cert).unwrap_err().code(),
        "unknown-symbol",
        "axioms must be closed"
    );
    let mut cert = mini();
    cert.theory.operators[2].name = "=".into();
    assert_eq!(check(&cert).unwrap_err().code(), "reserved-name");
    let mut cert = mini();
    cert.theory.sorts[0].constructors = vec!["s".into()];
    cert.digest = theory_digest(&{
        let mut t = cert.theory.clone();
        t.sorts[0].constructors = vec!["0".into(), "s".into()];
        t
    })
    .unwrap();
    assert_eq!(check(&cert).unwrap_err().code(), "no-base-constructor");
}

#[test]
fn statement_errors() {
    let empty = chain(&[]);
    assert_eq!(
        code("(forall ((x N)) (forall ((y N)) (= x y)))", &empty),
        "statement-not-clause"
    );
    assert_eq!(
        code("(forall ((x N)) (not (not (= x 0))))", &empty),
        "statement-not-clause"
    );
    assert_eq!(
        code("(forall ((x N)) (=> (= x 0) (=> (= x 0) (= x 0))))", &empty),
        "statement-not-clause"
    );
    // Clauses are statements; a falsity goal needs a contradiction, not a chain.
    assert_eq!(
        code("(forall ((x N)) (not (= x 0)))", &empty),
        "chain-for-falsity"
    );
    assert_eq!(code("(forall ((x N)) (=> (= x 0) (= x x)))", &empty), "ok");
    assert_eq!(code("(forall ((x N)) (= x y))", &empty), "unknown-symbol");
    assert_eq!(code("(forall ((s N)) (= s s))", &empty), "bad-binder");
    assert_eq!(code("(forall ((x N)) (= x x)", &empty), "bad-syntax");
    assert_eq!(code("(= 0 0)", &empty), "ok");
    assert_eq!(code("(forall ((x N)) (= x x))", &empty), "ok");
    assert_eq!(
        code("(forall ((x N)) (= x 0))", &empty),
        "chain-end-mismatch"
    );
}

#[test]
fn rule_lookup_errors() {
    let goal = "(= (+ 0 0) 0)";
    let with = |kind: &str, rule: &str| {
        code(
            goal,
            &chain(&[step(kind, rule, "lr", "[]", r#"{"a":"0"}"#, "0")]),
        )
    };
    assert_eq!(with("axiom", "add_zero"), "ok");
    assert_eq!(with("axiom", "add_zeroo"), "unknown-rule");
    assert_eq!(with("axiom", "succ_ne_zero"), "rule-not-equation");
    assert_eq!(with("axiom", "succ_inj"), "subst-missing-var");
    assert_eq!(with("theorem", "add_zero"), "unknown-rule");
    assert_eq!(with("hyp", "add_zero"), "unknown-rule");
    assert_eq!(with("hyp", "ih_x"), "unknown-rule");
    assert_eq!(with("theorem", "t"), "theorem-cited-before-proved");
    assert_eq!(with("theorem", "add_zero_l"), "subst-missing-var");
    let zero_l = |subst: &str| {
        code(
            goal,
            &chain(&[step("theorem", "add_zero_l", "lr", "[]", subst, "0")]),
        )
    };
    assert_eq!(zero_l(r#"{"x":"0"}"#), "ok");
    assert_eq!(zero_l(r#"{"x":"0","y":"0"}"#), "subst-unknown-var");
    assert_eq!(zero_l(r#"{"x":"y"}"#), "unknown-symbol");
    assert_eq!(zero_l(r#"{"x":"(s 0 0)"}"#), "arity-mismatch");
    assert_eq!(zero_l(r#"{"x":"(0"}"#), "bad-syntax");
    assert_eq!(zero_l(r#"{"x":"s"}"#), "arity-mismatch");
}

#[test]
fn step_errors() {
    let goal = "(forall ((x N)) (= (s (+ x 0)) (s x)))";
    let one = |dir: &str, pos: &str, subst: &str, term: &str| {
        code(
            goal,
            &chain(&[step("axiom", "add_zero", dir, pos, subst, term)]),
        )
    };
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, "(s x)"), "ok");
    assert_eq!(one("lr", "[]", r#"{"a":"x"}"#, "(s x)"), "subterm-mismatch");
    assert_eq!(one("lr", "[1]", r#"{"a":"x"}"#, "(s x)"), "bad-position");
    assert_eq!(
        one("lr", "[0,0,0]", r#"{"a":"x"}"#, "(s x)"),
        "bad-position"
    );
    assert_eq!(
        one("lr", "[0,0]", r#"{"a":"x"}"#, "(s x)"),
        "subterm-mismatch"
    );
    assert_eq!(
        one("lr", "[0]", r#"{"a":"0"}"#, "(s x)"),
        "subterm-mismatch"
    );
    assert_eq!(
        one("rl", "[0]", r#"{"a":"x"}"#, "(s x)"),
        "subterm-mismatch"
    );
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, "(s 0)"), "result-mismatch");
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, "(s y)"), "unknown-symbol");
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, "(s x"), "bad-syntax");
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, "(s (x))"), "bad-term");
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, "(+ x)"), "arity-mismatch");
    let deep = format!("{}x{}", "(s ".repeat(5000), ")".repeat(5000));
    assert_eq!(one("lr", "[0]", r#"{"a":"x"}"#, &deep), "too-deep");
    // The error says where it happened and what differs.
    let e = theorem_result(
        goal,
        &chain(&[step(
            "axiom",
            "add_zero",
            "lr",
            "[0]",
            r#"{"a":"x"}"#,
            "(s 0)",
        )]),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "theorem t: proof.steps[0]: the step's term is `(s 0)` but the rewrite gives `(s x)`"
    );
    let e = theorem_result(goal, &chain(&[])).unwrap_err();
    assert_eq!(e.code(), "chain-end-mismatch");
    assert_eq!(
        e.root(),
        &KernelError::ChainEndMismatch {
            expected: "(s x)".into(),
            found: "(s (+ x 0))".into()
        }
    );
}

#[test]
fn sorts_are_checked_in_steps() {
    // A second, non-inductive sort B with a constant c and f : B -> N.
    let mut cert = mini();
    cert.theory.sorts.push(ergo_kernel::format::SortDecl {
        params: Vec::new(),
        name: "B".into(),
        constructors: vec![],
    });
    cert.theory
        .operators
        .push(ergo_kernel::format::OperatorDecl {
            params: Vec::new(),
            name: "c".into(),
            args: vec![],
            result: "B".into(),
        });
    cert.theory
        .operators
        .push(ergo_kernel::format::OperatorDecl {
            params: Vec::new(),
            name: "f".into(),
            args: vec!["B".into()],
            result: "N".into(),
        });
    cert.digest = theory_digest(&cert.theory).unwrap();
    let run = |cert: &Certificate, statement: &str, proof: &str| {
        let mut cert = cert.clone();
        cert.theorems = vec![Theorem {
            params: Vec::new(),
            essential: None,
            name: "t".into(),
            statement: statement.into(),
            proof: serde_json::from_str(proof).unwrap(),
        }];
        check(&cert).unwrap().theorems[0]
            .result
            .clone()
            .err()
            .map(|e| e.code())
            .unwrap_or("ok")
    };
    let goal = "(forall ((b B)) (= (+ (f b) 0) (f b)))";
    let with = |subst: &str| chain(&[step("axiom", "add_zero", "lr", "[]", subst, "(f b)")]);
    assert_eq!(run(&cert, goal, &with(r#"{"a":"(f b)"}"#)), "ok");
    assert_eq!(run(&cert, goal, &with(r#"{"a":"b"}"#)), "sort-mismatch");
    assert_eq!(run(&cert, goal, &with(r#"{"a":"c"}"#)), "sort-mismatch");
    let by_induction = induction("b", &[]);
    assert_eq!(run(&cert, goal, &by_induction), "sort-not-inductive");
    assert_eq!(
        run(&cert, "(forall ((b B)) (= b 0))", &chain(&[])),
        "sort-mismatch"
    );
}
