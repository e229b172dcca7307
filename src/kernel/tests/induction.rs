//! Induction, induction hypotheses, theorem order and names: rejected as the spec says.

mod common;

use common::*;
use ergo_kernel::format::{Proof, Theorem};
use ergo_kernel::{check, check_json};

#[test]
fn helpers_build_an_accepted_proof() {
    let proof = induction(
        "x",
        &[
            ("0", &[], chain(&[zero_step()])),
            (
                "s",
                &["n"],
                succ_case(&[
                    step(
                        "axiom",
                        "add_succ",
                        "lr",
                        "[]",
                        r#"{"a":"0","b":"n"}"#,
                        "(s (+ 0 n))",
                    ),
                    step("hyp", "ih_n", "lr", "[0]", "{}", "(s n)"),
                ]),
            ),
        ],
    );
    assert_eq!(code(ADD_ZERO_L, &proof), "ok");
}

#[test]
fn induction_errors() {
    let ok_zero = || chain(&[zero_step()]);
    let succ = |ih: &str| {
        chain(&[
            step(
                "axiom",
                "add_succ",
                "lr",
                "[]",
                r#"{"a":"0","b":"n"}"#,
                "(s (+ 0 n))",
            ),
            step("hyp", ih, "lr", "[0]", "{}", "(s n)"),
        ])
    };
    let ind =
        |var: &str, cases: &[(&str, &[&str], String)]| code(ADD_ZERO_L, &induction(var, cases));
    assert_eq!(
        ind("x", &[("0", &[], ok_zero()), ("s", &["n"], succ("ih_n"))]),
        "ok"
    );
    assert_eq!(
        ind("y", &[("0", &[], ok_zero()), ("s", &["n"], succ("ih_n"))]),
        "unknown-induction-var"
    );
    assert_eq!(
        ind("x", &[("s", &["n"], succ("ih_n")), ("0", &[], ok_zero())]),
        "case-mismatch"
    );
    assert_eq!(ind("x", &[("0", &[], ok_zero())]), "case-mismatch");
    assert_eq!(
        ind(
            "x",
            &[
                ("0", &[], ok_zero()),
                ("s", &["n"], succ("ih_n")),
                ("s", &["n"], succ("ih_n"))
            ]
        ),
        "case-mismatch"
    );
    assert_eq!(
        ind(
            "x",
            &[("0", &["k"], ok_zero()), ("s", &["n"], succ("ih_n"))]
        ),
        "fresh-arity-mismatch"
    );
    assert_eq!(
        ind("x", &[("0", &[], ok_zero()), ("s", &[], succ("ih_n"))]),
        "fresh-arity-mismatch"
    );
    assert_eq!(
        ind("x", &[("0", &[], ok_zero()), ("s", &["s"], succ("ih_s"))]),
        "bad-fresh-name"
    );
    assert_eq!(
        ind(
            "x",
            &[("0", &[], ok_zero()), ("s", &["and"], succ("ih_and"))]
        ),
        "bad-fresh-name"
    );
    assert_eq!(
        ind(
            "x",
            &[("0", &[], ok_zero()), ("s", &["a b"], succ("ih_a b"))]
        ),
        "bad-fresh-name"
    );
    assert_eq!(
        ind("x", &[("0", &[], ok_zero()), ("s", &["n"], succ("ih_x"))]),
        "unknown-rule"
    );
    assert_eq!(
        ind("x", &[("0", &[], chain(&[])), ("s", &["n"], succ("ih_n"))]),
        "chain-end-mismatch"
    );

    // A fresh name may not capture another rigid variable of the goal.
    let add_succ_l = "(forall ((x N) (y N)) (= (+ (s x) y) (s (+ x y))))";
    let proof = induction("y", &[("0", &[], chain(&[])), ("s", &["x"], chain(&[]))]);
    assert_eq!(code(add_succ_l, &proof), "chain-end-mismatch");
    let proof = induction(
        "y",
        &[
            (
                "0",
                &[],
                chain(&[
                    step("axiom", "add_zero", "lr", "[]", r#"{"a":"(s x)"}"#, "(s x)"),
                    step(
                        "axiom",
                        "add_zero",
                        "rl",
                        "[0]",
                        r#"{"a":"x"}"#,
                        "(s (+ x 0))",
                    ),
                ]),
            ),
            ("s", &["x"], chain(&[])),
        ],
    );
    assert_eq!(code(add_succ_l, &proof), "bad-fresh-name");
}

#[test]
fn induction_hypotheses_are_rebuilt_by_the_kernel() {
    // ih_n: (+ 0 n) = n is simple: re-inducting on n reverts it. It is re-introduced
    // with n replaced, and becomes the premise of the new IH ih_m.
    let inner = |succ: String| {
        induction(
            "n",
            &[
                (
                    "0",
                    &[],
                    chain(&[
                        step(
                            "axiom",
                            "add_succ",
                            "lr",
                            "[]",
                            r#"{"a":"0","b":"0"}"#,
                            "(s (+ 0 0))",
                        ),
                        step("axiom", "add_zero", "lr", "[0]", r#"{"a":"0"}"#, "(s 0)"),
                    ]),
                ),
                ("s", &["m"], succ),
            ],
        )
    };
    let outer = |succ: String| {
        induction(
            "x",
            &[
                ("0", &[], chain(&[zero_step()])),
                ("s", &["n"], inner(succ)),
            ],
        )
    };
    let add_succ = step(
        "axiom",
        "add_succ",
        "lr",
        "[]",
        r#"{"a":"0","b":"(s m)"}"#,
        "(s (+ 0 (s m)))",
    );
    // ih_n is now (+ 0 (s m)) = (s m).
    let with_ih_n = chain(&[
        add_succ.clone(),
        step("hyp", "ih_n", "lr", "[0]", "{}", "(s (s m))"),
    ]);
    assert_eq!(code(ADD_ZERO_L, &outer(with_ih_n)), "ok");
    let old_ih_n = chain(&[step("hyp", "ih_n", "lr", "[0]", "{}", "(s n)")]);
    let e = theorem_result(ADD_ZERO_L, &outer(old_ih_n)).unwrap_err();
    assert_eq!(e.code(), "subterm-mismatch", "{e}");
    assert!(
        e.to_string().contains(
            "proof.cases[1].proof.cases[1].proof.steps[0]: the subterm at [0] is `0`, \
             not the rule's instance `(+ 0 (s m))`"
        ),
        "{e}"
    );
    // ih_m: (+ 0 m) = m => (+ 0 (s m)) = (s m) needs a proof of its premise.
    let ih_m = |premises: &str| {
        let ih = step("hyp", "ih_m", "lr", "[0]", "{}", "(s (s m))");
        let ih = ih.replace(r#""term""#, &format!(r#""premises":{premises},"term""#));
        chain(&[add_succ.clone(), ih])
    };
    assert_eq!(
        code(ADD_ZERO_L, &outer(ih_m("[]"))),
        "premise-count-mismatch"
    );
    let e = theorem_result(ADD_ZERO_L, &outer(ih_m(&format!("[{}]", chain(&[]))))).unwrap_err();
    assert_eq!(e.code(), "chain-end-mismatch", "{e}");
    assert!(
        e.to_string()
            .contains("proof.cases[1].proof.cases[1].proof.steps[1].premises[0]: the chain ends at `(+ 0 m)`, not at the goal's `m`"),
        "{e}"
    );

    // A hypothesis that is not simple is dropped if the variable is free in it, and kept
    // otherwise: ih_n of add_succ_l, forall x. (+ (s x) n) = (s (+ x n)), mentions n free
    // but not x.
    let add_succ_l = "(forall ((x N) (y N)) (= (+ (s x) y) (s (+ x y))))";
    let cite_ih_n = || {
        chain(&[step(
            "hyp",
            "ih_n",
            "lr",
            "[]",
            r#"{"x":"0"}"#,
            "(s (+ 0 n))",
        )])
    };
    for (var, expected) in [("n", "unknown-rule"), ("x", "subterm-mismatch")] {
        let inner = induction(var, &[("0", &[], cite_ih_n()), ("s", &["k"], cite_ih_n())]);
        let case0 = chain(&[
            step("axiom", "add_zero", "lr", "[]", r#"{"a":"(s x)"}"#, "(s x)"),
            step(
                "axiom",
                "add_zero",
                "rl",
                "[0]",
                r#"{"a":"x"}"#,
                "(s (+ x 0))",
            ),
        ]);
        let proof = induction("y", &[("0", &[], case0), ("s", &["n"], inner)]);
        let e = theorem_result(add_succ_l, &proof).unwrap_err();
        assert_eq!(e.code(), expected, "{e}");
        assert!(
            e.to_string()
                .contains("proof.cases[1].proof.cases[0].proof.steps[0]"),
            "{e}"
        );
    }

    // The IH of add_succ_l generalises x: it must be instantiated.
    let add_succ_l = "(forall ((x N) (y N)) (= (+ (s x) y) (s (+ x y))))";
    let case0 = chain(&[
        step("axiom", "add_zero", "lr", "[]", r#"{"a":"(s x)"}"#, "(s x)"),
        step(
            "axiom",
            "add_zero",
            "rl",
            "[0]",
            r#"{"a":"x"}"#,
            "(s (+ x 0))",
        ),
    ]);
    let succ = |subst: &str| {
        chain(&[
            step(
                "axiom",
                "add_succ",
                "lr",
                "[]",
                r#"{"a":"(s x)","b":"n"}"#,
                "(s (+ (s x) n))",
            ),
            step("hyp", "ih_n", "lr", "[0]", subst, "(s (s (+ x n)))"),
            step(
                "axiom",
                "add_succ",
                "rl",
                "[0]",
                r#"{"a":"x","b":"n"}"#,
                "(s (+ x (s n)))",
            ),
        ])
    };
    let proof = |subst: &str| {
        induction(
            "y",
            &[("0", &[], case0.clone()), ("s", &["n"], succ(subst))],
        )
    };
    assert_eq!(code(add_succ_l, &proof(r#"{"x":"x"}"#)), "ok");
    assert_eq!(code(add_succ_l, &proof("{}")), "subst-missing-var");
    assert_eq!(
        code(add_succ_l, &proof(r#"{"x":"x","y":"x"}"#)),
        "subst-unknown-var"
    );
    assert_eq!(code(add_succ_l, &proof(r#"{"x":"0"}"#)), "subterm-mismatch");
}

#[test]
fn hypothesis_name_clash() {
    // Induction on y (absent from the goal) gives ih_n: forall x. x + 0 = x, which does not
    // mention n; inducting on n again with fresh name n would add a second ih_n.
    let statement = "(forall ((x N) (y N)) (= (+ x 0) x))";
    let done = || chain(&[step("axiom", "add_zero", "lr", "[]", r#"{"a":"x"}"#, "x")]);
    let inner = induction("n", &[("0", &[], done()), ("s", &["n"], done())]);
    let proof = induction("y", &[("0", &[], done()), ("s", &["n"], inner)]);
    assert_eq!(code(statement, &proof), "hypothesis-name-clash");
    let inner = induction("n", &[("0", &[], done()), ("s", &["k"], done())]);
    let proof = induction("y", &[("0", &[], done()), ("s", &["n"], inner)]);
    assert_eq!(code(statement, &proof), "ok");
}

#[test]
fn theorem_order_and_names() {
    let mut cert = mini();
    cert.theorems.swap(0, 2);
    let report = check(&cert).unwrap();
    assert_eq!(report.theorems[0].name, "add_comm");
    assert_eq!(
        report.theorems[0].result.as_ref().unwrap_err().code(),
        "theorem-cited-before-proved"
    );
    assert_eq!(report.theorems[0].steps, 1, "the first step was replayed");
    assert_eq!(report.theorems[0].axioms, ["add_zero"]);
    assert!(report.theorems[1].result.is_ok() && report.theorems[2].result.is_ok());

    // A rejected theorem makes its citers fail in turn.
    let mut cert = mini();
    cert.theorems[0].statement = "(forall ((x N)) (= (+ 0 x) (s x)))".into();
    let report = check(&cert).unwrap();
    let codes: Vec<_> = report
        .theorems
        .iter()
        .map(|t| t.result.as_ref().err().map(|e| e.code()))
        .collect();
    assert_eq!(
        codes,
        [
            Some("chain-end-mismatch"),
            None,
            Some("cited-theorem-rejected")
        ]
    );
    assert_eq!(
        (report.accepted(), report.rejected(), report.all_ok()),
        (1, 2, false)
    );

    // Duplicate names: the repeat is rejected, and the name cannot be cited any more.
    let mut cert = mini();
    let copy = cert.theorems[0].clone();
    cert.theorems.insert(2, copy);
    let report = check(&cert).unwrap();
    let codes: Vec<_> = report
        .theorems
        .iter()
        .map(|t| t.result.as_ref().err().map(|e| e.code()))
        .collect();
    assert_eq!(
        codes,
        [
            None,
            None,
            Some("duplicate-name"),
            Some("cited-theorem-rejected")
        ]
    );

    let mut cert = mini();
    cert.theorems[1].name = "add_zero".into();
    let report = check(&cert).unwrap();
    assert_eq!(
        report.theorems[1].result.as_ref().unwrap_err().code(),
        "duplicate-name"
    );
    let mut cert = mini();
    cert.theorems[1].name = "add succ l".into();
    let report = check(&cert).unwrap();
    assert_eq!(
        report.theorems[1].result.as_ref().unwrap_err().code(),
        "bad-name"
    );
}

#[test]
fn proof_depth_is_limited() {
    // (= x x) by induction on x, nested again in every successor case.
    // Each level's IH is simple, so it is reverted and re-introduced at the next level:
    // the fresh names differ so that no IH name repeats.
    fn nested(levels: usize) -> Proof {
        let name = |k: usize| if k == 0 { "x".into() } else { format!("x{k}") };
        let mut proof = Proof::Chain { steps: vec![] };
        for k in (0..levels).rev() {
            proof = Proof::Induction {
                var: name(k),
                cases: vec![
                    ergo_kernel::format::Case {
                        constructor: "0".into(),
                        fresh: vec![],
                        proof: Proof::Chain { steps: vec![] },
                    },
                    ergo_kernel::format::Case {
                        constructor: "s".into(),
                        fresh: vec![name(k + 1)],
                        proof,
                    },
                ],
            };
        }
        proof
    }
    let run = |levels| {
        let mut cert = mini();
        cert.theorems = vec![Theorem {
            params: Vec::new(),
            essential: None,
            name: "t".into(),
            statement: "(forall ((x N)) (= x x))".into(),
            proof: nested(levels),
        }];
        check(&cert).unwrap().theorems[0]
            .result
            .clone()
            .err()
            .map(|e| e.code())
            .unwrap_or("ok")
    };
    assert_eq!(run(64), "ok");
    assert_eq!(run(65), "too-deep");
    // Through JSON, serde_json's own recursion limit stops deeper files first.
    let mut cert = mini();
    cert.theorems = vec![Theorem {
        params: Vec::new(),
        essential: None,
        name: "t".into(),
        statement: "(forall ((x N)) (= x x))".into(),
        proof: nested(60),
    }];
    let text = serde_json::to_string(&cert).unwrap();
    assert_eq!(check_json(&text).unwrap_err().code(), "malformed-json");
}
