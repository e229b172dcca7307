//! Version 2: clauses, hypotheses `h1..hn`, conditional steps, contradictions, case splits,
//! reverted hypotheses. Each rule accepts the fixture and rejects what it must.

mod common;

use common::*;
use ergo_kernel::check;
use ergo_kernel::format::{Certificate, Proof, Step, Theorem};

/// The code of each theorem of `cert` ("ok" if accepted).
fn codes(cert: &Certificate) -> Vec<&'static str> {
    let report = check(cert).unwrap();
    let code = |t: &ergo_kernel::TheoremReport| t.result.as_ref().err().map_or("ok", |e| e.code());
    report.theorems.iter().map(code).collect()
}

/// The code of theorem `i` of the conditional fixture after `edit`.
fn edited(i: usize, edit: impl FnOnce(&mut Proof)) -> &'static str {
    let mut cert = conditional();
    edit(&mut cert.theorems[i].proof);
    codes(&cert)[i]
}

fn case_proof(proof: &mut Proof, i: usize) -> &mut Proof {
    match proof {
        Proof::Induction { cases, .. } | Proof::Cases { cases, .. } => &mut cases[i].proof,
        other => panic!("not a case split: {other:?}"),
    }
}

fn premise_proofs(proof: &mut Proof) -> &mut Vec<Proof> {
    match proof {
        Proof::Contradiction { premises, .. } => premises,
        other => panic!("not a contradiction: {other:?}"),
    }
}

fn steps(proof: &mut Proof) -> &mut Vec<Step> {
    match proof {
        Proof::Chain { steps } => steps,
        other => panic!("not a chain: {other:?}"),
    }
}

const SUCC_NE_SELF: usize = 0;
const ADD_CANCEL_R: usize = 1;
const ADD_EQ_ZERO_R: usize = 2;
const ADD_ONE_CANCEL: usize = 4;

#[test]
fn the_fixture_is_accepted() {
    assert_eq!(codes(&conditional()), ["ok"; 5]);
}

#[test]
fn theorem_opening_names_the_premises() {
    let h = |n: &str, term: &str| step("hyp", n, "lr", "[]", "{}", term);
    let both = "(forall ((x N) (y N)) (=> (and (= x 0) (= y 0)) (= (+ x y) 0)))";
    let proof = |hyp: &str| {
        chain(&[
            step("hyp", hyp, "lr", "[1]", "{}", "(+ x 0)"),
            step("axiom", "add_zero", "lr", "[]", r#"{"a":"x"}"#, "x"),
            h("h1", "0"),
        ])
    };
    assert_eq!(code(both, &proof("h2")), "ok");
    assert_eq!(code(both, &proof("h1")), "subterm-mismatch");
    assert_eq!(code(both, &proof("h3")), "unknown-rule");
    // A theorem without premises has no h1.
    let no_premise = "(forall ((x N)) (= x x))";
    assert_eq!(code(no_premise, &chain(&[h("h1", "x")])), "unknown-rule");
    assert_eq!(code(no_premise, &chain(&[])), "ok");
    // A negated conclusion is the next hypothesis, with goal falsity.
    let negated = "(forall ((x N)) (=> (= x 0) (not (= x (s 0)))))";
    let contra =
        |premise: String| contradiction("axiom", "succ_ne_zero", r#"{"a":"0"}"#, &[premise]);
    let ok = chain(&[step("hyp", "h2", "rl", "[]", "{}", "x"), h("h1", "0")]);
    assert_eq!(code(negated, &contra(ok)), "ok");
    let wrong_order = chain(&[h("h1", "x"), h("h2", "0")]);
    assert_eq!(code(negated, &contra(wrong_order)), "subterm-mismatch");
    assert_eq!(code(negated, &chain(&[])), "chain-for-falsity");
}

#[test]
fn conditional_steps_need_one_proof_per_premise() {
    // h1: (s x) = (s 0) gives x = 0 by succ_inj.
    let statement = "(forall ((x N)) (=> (= (s x) (s 0)) (= x 0)))";
    let h1 = || chain(&[step("hyp", "h1", "lr", "[]", "{}", "(s 0)")]);
    let inj = |subst: &str, term: &str, premises: &[String]| {
        chain(&[step_with(
            "axiom", "succ_inj", "lr", "[]", subst, term, premises,
        )])
    };
    let xz = r#"{"a":"x","b":"0"}"#;
    assert_eq!(code(statement, &inj(xz, "0", &[h1()])), "ok");
    assert_eq!(
        code(statement, &inj(xz, "0", &[])),
        "premise-count-mismatch"
    );
    assert_eq!(
        code(statement, &inj(xz, "0", &[h1(), h1()])),
        "premise-count-mismatch"
    );
    // The premise proof proves (s x) = (s 0), not the instance (s x) = (s x).
    let xx = r#"{"a":"x","b":"x"}"#;
    assert_eq!(
        code(statement, &inj(xx, "x", &[h1()])),
        "chain-end-mismatch"
    );
    // An empty premise proof proves (s x) = (s x) only.
    assert_eq!(
        code(statement, &inj(xz, "0", &[chain(&[])])),
        "chain-end-mismatch"
    );
    // Premise proofs are checked in the same context: h1 is available in them, and they
    // may themselves be contradictions.
    let absurd = contradiction("axiom", "succ_ne_zero", r#"{"a":"x"}"#, &[chain(&[])]);
    assert_eq!(
        code(statement, &inj(xz, "0", &[absurd])),
        "chain-end-mismatch"
    );
    // An unconditional rule takes no premise proof.
    let zero = step_with(
        "axiom",
        "add_zero",
        "rl",
        "[]",
        r#"{"a":"x"}"#,
        "(+ x 0)",
        &[h1()],
    );
    assert_eq!(code(statement, &chain(&[zero])), "premise-count-mismatch");
    // A conditional theorem is cited like a conditional axiom.
    let cancel = |premises: &[String]| {
        chain(&[step_with(
            "theorem",
            "add_cancel_r",
            "lr",
            "[]",
            r#"{"a":"0","b":"x","c":"0"}"#,
            "0",
            premises,
        )])
    };
    let statement = "(forall ((x N)) (=> (= (+ x 0) (+ 0 0)) (= x 0)))";
    let h1 = chain(&[step("hyp", "h1", "lr", "[]", "{}", "(+ 0 0)")]);
    assert_eq!(code_after_conditional(statement, &cancel(&[h1])), "ok");
    assert_eq!(
        code_after_conditional(statement, &cancel(&[])),
        "premise-count-mismatch"
    );
}

#[test]
fn steps_cite_clauses_concluding_equations() {
    let statement = "(forall ((x N)) (= (s x) (s x)))";
    let rewrite =
        |kind: &str, rule: &str, subst: &str| chain(&[step(kind, rule, "lr", "[]", subst, "0")]);
    assert_eq!(
        code_after_conditional(statement, &rewrite("axiom", "succ_ne_zero", r#"{"a":"x"}"#)),
        "rule-not-equation"
    );
    assert_eq!(
        code_after_conditional(
            statement,
            &rewrite("theorem", "succ_ne_self", r#"{"x":"x"}"#)
        ),
        "rule-not-equation"
    );
    // ih_m of succ_ne_self concludes falsity.
    let e = edited(SUCC_NE_SELF, |p| {
        *case_proof(p, 1) = serde_json::from_str(&rewrite("hyp", "ih_m", "{}")).unwrap();
    });
    assert_eq!(e, "chain-for-falsity", "the case goal is falsity first");
    let e = edited(SUCC_NE_SELF, |p| {
        let premise = &mut premise_proofs(case_proof(p, 1))[0];
        steps(premise)[0].kind = ergo_kernel::format::StepKind::Hyp;
        steps(premise)[0].rule = "ih_m".into();
        steps(premise)[0].subst.clear();
    });
    assert_eq!(e, "rule-not-equation");
}

#[test]
fn contradictions_need_a_clause_concluding_falsity() {
    let statement = "(forall ((x N)) (=> (= (s x) 0) (= x (s x))))";
    let h1 = || chain(&[step("hyp", "h1", "lr", "[]", "{}", "0")]);
    let contra = |kind: &str, rule: &str, subst: &str, premises: &[String]| {
        code_after_conditional(statement, &contradiction(kind, rule, subst, premises))
    };
    let a = r#"{"a":"x"}"#;
    assert_eq!(contra("axiom", "succ_ne_zero", a, &[h1()]), "ok");
    assert_eq!(
        contra("axiom", "succ_inj", r#"{"a":"x","b":"x"}"#, &[h1()]),
        "rule-not-falsity"
    );
    assert_eq!(contra("axiom", "add_zero", a, &[]), "rule-not-falsity");
    assert_eq!(contra("hyp", "h1", "{}", &[]), "rule-not-falsity");
    assert_eq!(
        contra(
            "theorem",
            "add_cancel_r",
            r#"{"a":"x","b":"x","c":"x"}"#,
            &[h1()]
        ),
        "rule-not-falsity"
    );
    assert_eq!(
        contra("axiom", "succ_ne_zero", a, &[]),
        "premise-count-mismatch"
    );
    assert_eq!(
        contra("axiom", "succ_ne_zero", a, &[h1(), h1()]),
        "premise-count-mismatch"
    );
    assert_eq!(
        contra("axiom", "succ_ne_zero", "{}", &[h1()]),
        "subst-missing-var"
    );
    assert_eq!(
        contra("axiom", "succ_ne_zero", r#"{"a":"x","b":"x"}"#, &[h1()]),
        "subst-unknown-var"
    );
    assert_eq!(
        contra("axiom", "succ_ne_zero", r#"{"a":"y"}"#, &[h1()]),
        "unknown-symbol"
    );
    // The premise proof must prove the instance (s 0) = 0, not (s x) = 0.
    let zero = r#"{"a":"0"}"#;
    assert_eq!(
        contra("axiom", "succ_ne_zero", zero, &[h1()]),
        "subterm-mismatch"
    );
    assert_eq!(contra("axiom", "no_such", a, &[h1()]), "unknown-rule");
    assert_eq!(
        contra("theorem", "t", a, &[h1()]),
        "theorem-cited-before-proved"
    );
    assert_eq!(contra("hyp", "h2", a, &[h1()]), "unknown-rule");
    // A theorem concluding falsity (a negation) gives contradictions.
    let by_theorem = |subst: &str| {
        code_after_conditional(
            "(forall ((x N)) (=> (= (s x) x) (= x 0)))",
            &contradiction(
                "theorem",
                "succ_ne_self",
                subst,
                &[chain(&[step("hyp", "h1", "lr", "[]", "{}", "x")])],
            ),
        )
    };
    assert_eq!(by_theorem(r#"{"x":"x"}"#), "ok");
    assert_eq!(by_theorem(r#"{"x":"0"}"#), "subterm-mismatch");
    // An axiom that is not a clause cannot be cited at all.
    let mut cert = conditional();
    cert.theory.axioms.push(ergo_kernel::format::AxiomDecl {
        params: Vec::new(),
        name: "odd".into(),
        statement: "(forall ((a N)) (not (not (= a a))))".into(),
    });
    cert.digest = ergo_kernel::theory_digest(&cert.theory).unwrap();
    cert.theorems.truncate(0);
    cert.theorems.push(Theorem {
        params: Vec::new(),
        essential: None,
        name: "t".into(),
        statement: statement.into(),
        proof: serde_json::from_str(&contradiction("axiom", "odd", a, &[h1()])).unwrap(),
    });
    assert_eq!(codes(&cert), ["rule-not-clause"]);
}

#[test]
fn a_falsity_goal_needs_a_contradiction() {
    let e = edited(SUCC_NE_SELF, |p| {
        *case_proof(p, 0) = serde_json::from_str(&chain(&[])).unwrap();
    });
    assert_eq!(e, "chain-for-falsity");
}

#[test]
fn case_splits_add_no_induction_hypothesis() {
    // succ_ne_self and add_cancel_r need their IHs.
    for i in [SUCC_NE_SELF, ADD_CANCEL_R] {
        let e = edited(i, |p| {
            let Proof::Induction { var, cases } = p.clone() else {
                panic!("not an induction")
            };
            *p = Proof::Cases { var, cases };
        });
        assert_eq!(e, "unknown-rule", "theorem {i}");
    }
    // add_eq_zero_r needs none: by induction it is accepted too.
    let e = edited(ADD_EQ_ZERO_R, |p| {
        let Proof::Cases { var, cases } = p.clone() else {
            panic!("not a case split")
        };
        *p = Proof::Induction { var, cases };
    });
    assert_eq!(e, "ok");
    // The same checks as induction.
    let statement = "(forall ((a N) (b N)) (=> (= (+ a b) 0) (= b 0)))";
    let zero = || chain(&[]);
    let succ = || chain(&[]);
    assert_eq!(
        code(
            statement,
            &cases("c", &[("0", &[], zero()), ("s", &["m"], succ())])
        ),
        "unknown-induction-var"
    );
    assert_eq!(
        code(
            statement,
            &cases("b", &[("s", &["m"], succ()), ("0", &[], zero())])
        ),
        "case-mismatch"
    );
    assert_eq!(
        code(
            statement,
            &cases("b", &[("0", &[], zero()), ("s", &["a"], succ())])
        ),
        "bad-fresh-name"
    );
    assert_eq!(
        code(
            statement,
            &cases("b", &[("0", &[], zero()), ("s", &[], succ())])
        ),
        "fresh-arity-mismatch"
    );
    // The reverted h1 is re-introduced with b replaced: (+ a 0) = 0 in case 0.
    let h1 = |term: &str| chain(&[step("hyp", "h1", "lr", "[]", "{}", term)]);
    let proof = cases(
        "b",
        &[
            ("0", &[], h1("0")),
            (
                "s",
                &["m"],
                contradiction("axiom", "succ_ne_zero", r#"{"a":"(+ a m)"}"#, &[chain(&[])]),
            ),
        ],
    );
    assert_eq!(code(statement, &proof), "subterm-mismatch");
}

#[test]
fn induction_hypotheses_carry_the_reverted_premises() {
    // add_cancel_r, case s: ih_m is forall b c. (+ b m) = (+ c m) => b = c.
    let ih_step = |p: &mut Proof| -> Step { steps(case_proof(p, 1))[0].clone() };
    let with_ih = |edit: &dyn Fn(&mut Step)| {
        edited(ADD_CANCEL_R, |p| {
            let mut step = ih_step(p);
            edit(&mut step);
            steps(case_proof(p, 1))[0] = step;
        })
    };
    assert_eq!(with_ih(&|_| {}), "ok");
    assert_eq!(with_ih(&|s| s.premises.clear()), "premise-count-mismatch");
    assert_eq!(
        with_ih(&|s| s.premises.push(s.premises[0].clone())),
        "premise-count-mismatch"
    );
    // The premise is (+ b m) = (+ c m): an empty chain does not prove it.
    assert_eq!(
        with_ih(&|s| s.premises[0] = Proof::Chain { steps: vec![] }),
        "chain-end-mismatch"
    );
    // b and c are generalised: both must be bound, and nothing else.
    assert_eq!(
        with_ih(&|s| {
            s.subst.remove("c");
        }),
        "subst-missing-var"
    );
    assert_eq!(
        with_ih(&|s| {
            s.subst.insert("a".into(), "b".into());
        }),
        "subst-unknown-var"
    );
    assert_eq!(
        with_ih(&|s| {
            s.subst.insert("m".into(), "b".into());
        }),
        "subst-unknown-var"
    );
    // Instantiated with b := c, the premise becomes (+ c m) = (+ c m), which the premise
    // proof (starting with succ_inj on (+ b m)) does not prove.
    assert_eq!(
        with_ih(&|s| {
            s.subst.insert("b".into(), "c".into());
        }),
        "subterm-mismatch"
    );
}

#[test]
fn kept_and_dropped_hypotheses() {
    // Inside add_cancel_r's case s (rigid b c m; h1 simple; ih_m with m free), a case split
    // on m drops ih_m, and one on b keeps it (b is bound in it).
    let inner = |var: &str, fresh: &str| {
        let cite = step_with(
            "hyp",
            "ih_m",
            "lr",
            "[]",
            r#"{"b":"0","c":"0"}"#,
            "0",
            &[chain(&[])],
        );
        cases(
            var,
            &[
                ("0", &[], chain(std::slice::from_ref(&cite))),
                ("s", &[fresh], chain(&[cite])),
            ],
        )
    };
    let run = |var: &str, fresh: &str| {
        edited(ADD_CANCEL_R, |p| {
            *case_proof(p, 1) = serde_json::from_str(&inner(var, fresh)).unwrap();
        })
    };
    assert_eq!(run("m", "k"), "unknown-rule");
    // Kept: in case 0 (goal 0 = c), ih_m with b, c := 0 rewrites 0 to 0 (its premise
    // (+ 0 m) = (+ 0 m) proved by the empty chain); the chain then ends at 0, not c.
    assert_eq!(run("b", "k"), "chain-end-mismatch");
}

#[test]
fn capture_is_impossible() {
    // Induction hypotheses bind the generalised variables W, and a fresh name that would be
    // captured by them is a rigid variable: rejected before any substitution.
    let e = edited(ADD_CANCEL_R, |p| {
        let Proof::Induction { cases, .. } = p else {
            panic!()
        };
        cases[1].fresh = vec!["b".into()];
    });
    assert_eq!(e, "bad-fresh-name");
    // A fresh name may be the split variable itself, and may equal a rule variable of a
    // kept hypothesis: that rule variable stays bound. Inside add_cancel_r's case s, split
    // on b naming the argument b again: ih_m (forall b c. ...) is kept, its b its own.
    let run = |subst: &str| {
        let cite = step_with("hyp", "ih_m", "lr", "[]", subst, "0", &[chain(&[])]);
        let split = cases(
            "b",
            &[("0", &[], chain(&[cite])), ("s", &["b"], chain(&[]))],
        );
        edited(ADD_CANCEL_R, |p| {
            *case_proof(p, 1) = serde_json::from_str(&split).unwrap();
        })
    };
    // Case 0 (goal 0 = c): ih_m with b, c := 0 rewrites 0 to 0, its premise
    // (+ 0 m) = (+ 0 m) proved by the empty chain; the chain then ends at 0, not c.
    assert_eq!(run(r#"{"b":"0","c":"0"}"#), "chain-end-mismatch");
    // The rigid b is gone in case 0 (replaced by 0).
    assert_eq!(run(r#"{"b":"b","c":"0"}"#), "unknown-symbol");
}

#[test]
fn conditional_theorems_are_cited_with_their_premises() {
    let e = edited(ADD_ONE_CANCEL, |p| {
        steps(p)[0].premises.clear();
    });
    assert_eq!(e, "premise-count-mismatch");
    let mut cert = conditional();
    cert.theorems[ADD_CANCEL_R].statement =
        "(forall ((a N) (b N) (c N)) (=> (= (+ a b) (+ a c)) (= b c)))".into();
    let codes = codes(&cert);
    assert_eq!(codes[ADD_CANCEL_R], "subterm-mismatch");
    assert_eq!(codes[ADD_ONE_CANCEL], "cited-theorem-rejected");
}

/// Nested contradictions: h1: (s x) = 0 proves falsity by succ_ne_zero, whose premise is
/// proved by a contradiction again, `levels` times.
fn nested_contradictions(levels: usize) -> Proof {
    let mut proof: Proof =
        serde_json::from_str(&chain(&[step("hyp", "h1", "lr", "[]", "{}", "0")])).unwrap();
    for _ in 0..levels {
        proof = Proof::Contradiction {
            sorts: Default::default(),
            kind: ergo_kernel::format::StepKind::Axiom,
            rule: "succ_ne_zero".into(),
            subst: [("a".to_string(), "x".to_string())].into(),
            premises: vec![proof],
        };
    }
    proof
}

/// Nested premise proofs: h1: (s x) = (s 0) proves x = 0 by succ_inj, whose premise is
/// proved by succ_inj under `s` again, `levels` times.
fn nested_premises(levels: usize) -> Proof {
    let parse = |json: &str| -> Proof { serde_json::from_str(json).unwrap() };
    let xz = r#"{"a":"x","b":"0"}"#;
    // Built on the serde types: serde_json's recursion limit would stop the JSON first.
    let with_premise = |pos: &str, term: &str, premise: Proof| {
        let mut proof = parse(&chain(&[step("axiom", "succ_inj", "lr", pos, xz, term)]));
        if let Proof::Chain { steps } = &mut proof {
            steps[0].premises = vec![premise];
        }
        proof
    };
    let mut proof = parse(&chain(&[step("hyp", "h1", "lr", "[]", "{}", "(s 0)")]));
    for _ in 0..levels {
        proof = with_premise("[0]", "(s 0)", proof);
    }
    with_premise("[]", "0", proof)
}

fn run_alone(statement: &str, proof: Proof) -> (&'static str, usize) {
    let mut cert = mini();
    cert.theorems = vec![Theorem {
        params: Vec::new(),
        essential: None,
        name: "t".into(),
        statement: statement.into(),
        proof,
    }];
    let report = check(&cert).unwrap();
    let t = &report.theorems[0];
    (t.result.as_ref().err().map_or("ok", |e| e.code()), t.steps)
}

#[test]
fn every_nested_proof_counts_towards_the_depth_limit() {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let negated = "(forall ((x N)) (not (= (s x) 0)))";
            assert_eq!(run_alone(negated, nested_contradictions(64)), ("ok", 1));
            assert_eq!(run_alone(negated, nested_contradictions(65)).0, "too-deep");
            assert_eq!(
                run_alone(negated, nested_contradictions(10_000)).0,
                "too-deep"
            );
            let inj = "(forall ((x N)) (=> (= (s x) (s 0)) (= x 0)))";
            // The top chain is depth 0, its premise proof 1, ... the innermost 64.
            assert_eq!(run_alone(inj, nested_premises(63)), ("ok", 65));
            assert_eq!(run_alone(inj, nested_premises(64)).0, "too-deep");
        })
        .unwrap()
        .join()
        .unwrap();
}
