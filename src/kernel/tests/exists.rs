//! "There exists" (spec 5.1, `witness` and `obtain`): the hand-written certificate
//! `tests/fixtures/exists.proof.json` (theory `tests/fixtures/exists.mpl` of the main
//! package) proves seven existential theorems — witnesses alone and with a chain, an
//! induction whose hypothesis is existential and is opened with `obtain` (kind `hyp`), an
//! `obtain` of an earlier theorem and one of an existential axiom, a witness of two variables for two conjuncts under a
//! premise, and an `obtain` of that theorem with a premise proof and two hypotheses
//! `h.1`, `h.2` — and every mutation below is rejected with its own error code.

mod common;

use common::fixture_text;
use ergo_kernel::format::{Certificate, Proof, Step, StepKind, Theorem};
use ergo_kernel::{check, check_json, theory_digest};

fn exists_cert() -> Certificate {
    serde_json::from_str(&fixture_text("exists.proof.json")).unwrap()
}

fn theorem<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Theorem {
    cert.theorems.iter_mut().find(|t| t.name == name).unwrap()
}

/// The code theorem `name` is rejected with after `edit` ("ok" if accepted); every other
/// theorem that does not cite it must still be accepted.
fn after(name: &str, edit: impl FnOnce(&mut Certificate)) -> &'static str {
    let mut cert = exists_cert();
    edit(&mut cert);
    let report = check(&cert).expect("the theory is untouched");
    let mut code = None;
    for t in &report.theorems {
        let result = t.result.as_ref().err().map_or("ok", |e| e.code());
        if t.name == name {
            code = Some(result);
        } else {
            assert!(
                result == "ok" || result == "cited-theorem-rejected",
                "{} rejected by a mutation of {name}: {result}",
                t.name
            );
        }
    }
    code.expect("the theorem is in the certificate")
}

/// The witness at the root of theorem `name` (or inside the obtain at its root).
fn witness_of<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Proof {
    let mut proof = &mut theorem(cert, name).proof;
    if let Proof::Obtain { proof: inner, .. } = proof {
        proof = inner.as_mut();
    }
    assert!(matches!(proof, Proof::Witness { .. }), "a witness");
    proof
}

fn set_witness(cert: &mut Certificate, name: &str, y: &str, term: &str) {
    if let Proof::Witness { terms, .. } = witness_of(cert, name) {
        terms.insert(y.into(), term.into());
    }
}

/// The obtain of theorem `name` (at its root, or in the step case of its induction).
fn obtain_of<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Proof {
    let mut proof = &mut theorem(cert, name).proof;
    if let Proof::Induction { cases, .. } = proof {
        proof = &mut cases[1].proof;
    }
    assert!(matches!(proof, Proof::Obtain { .. }), "an obtain");
    proof
}

fn set_fresh(cert: &mut Certificate, name: &str, fresh_name: &str) {
    if let Proof::Obtain { fresh, .. } = obtain_of(cert, name) {
        fresh[0] = fresh_name.into();
    }
}

#[test]
fn the_exists_fixture_is_accepted_with_its_steps_and_axioms() {
    let report = check_json(&fixture_text("exists.proof.json")).unwrap();
    assert!(report.all_ok(), "{report:?}");
    let rows: Vec<(&str, usize, usize)> = report
        .theorems
        .iter()
        .map(|t| (t.name.as_str(), t.steps, t.axioms.len()))
        .collect();
    assert_eq!(
        rows,
        [
            ("succ_exists", 0, 0),
            ("add_one_exists", 2, 2),
            ("pred_exists", 7, 2),
            ("succ_succ_exists", 1, 0),
            // An existential axiom opened: it is what the theorem rests on.
            ("succ_succ_axiom", 1, 1),
            ("pred_pair_exists", 3, 2),
            // The axioms of the opened theorem count.
            ("pred_from_pair", 1, 2),
        ]
    );
}

#[test]
fn a_wrong_witness_fails_its_conjunct_proof() {
    let code = after("succ_exists", |c| set_witness(c, "succ_exists", "y", "x"));
    assert_eq!(code, "chain-end-mismatch");
    let code = after("add_one_exists", |c| {
        set_witness(c, "add_one_exists", "p", "(s (s 0))")
    });
    assert_eq!(code, "subterm-mismatch");
}

#[test]
fn a_witness_of_the_wrong_sort_is_rejected() {
    // A second sort (with an inductive constructor) gives a term of another sort.
    let mut cert = exists_cert();
    let sorts = r#"{"name": "M", "constructors": ["m0"]}"#;
    cert.theory.sorts.push(serde_json::from_str(sorts).unwrap());
    let op = r#"{"name": "m0", "args": [], "result": "M"}"#;
    cert.theory
        .operators
        .push(serde_json::from_str(op).unwrap());
    cert.digest = theory_digest(&cert.theory).unwrap();
    set_witness(&mut cert, "succ_exists", "y", "m0");
    let report = check(&cert).unwrap();
    let e = report.theorems[0].result.as_ref().unwrap_err();
    assert_eq!(e.code(), "witness-sort-mismatch", "{e}");
}

#[test]
fn wrong_numbers_of_witness_terms_and_proofs_are_rejected() {
    let code = after("pred_pair_exists", |c| {
        if let Proof::Witness { terms, .. } = witness_of(c, "pred_pair_exists") {
            terms.remove("q");
        }
    });
    assert_eq!(code, "witness-vars-mismatch");
    let code = after("succ_exists", |c| set_witness(c, "succ_exists", "z", "x"));
    assert_eq!(code, "witness-vars-mismatch");
    let code = after("pred_pair_exists", |c| {
        if let Proof::Witness { proofs, .. } = witness_of(c, "pred_pair_exists") {
            proofs.pop();
        }
    });
    assert_eq!(code, "witness-proof-count-mismatch");
    let code = after("succ_exists", |c| {
        if let Proof::Witness { proofs, .. } = witness_of(c, "succ_exists") {
            proofs.push(proofs[0].clone());
        }
    });
    assert_eq!(code, "witness-proof-count-mismatch");
}

#[test]
fn witness_and_chain_need_the_right_goal() {
    let chain = Proof::Chain { steps: vec![] };
    let code = after("succ_exists", |c| theorem(c, "succ_exists").proof = chain);
    assert_eq!(code, "chain-for-exists");
    // A witness for the equation of a conjunct proof.
    let code = after("succ_exists", |c| {
        if let Proof::Witness { proofs, .. } = witness_of(c, "succ_exists") {
            let terms = [("y".to_string(), "x".to_string())].into();
            let proofs = proofs.clone();
            proofs_mut(c, "succ_exists")[0] = Proof::Witness { terms, proofs };
        }
    });
    assert_eq!(code, "goal-not-exists");
}

fn proofs_mut<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Vec<Proof> {
    match witness_of(cert, name) {
        Proof::Witness { proofs, .. } => proofs,
        _ => unreachable!(),
    }
}

#[test]
fn an_obtained_name_that_escapes_is_rejected() {
    // A rigid variable of the context.
    let code = after("succ_succ_exists", |c| {
        set_fresh(c, "succ_succ_exists", "x")
    });
    assert_eq!(code, "fresh-name-escapes");
    // In the induction's step case, `k` is rigid and occurs in the goal and the IH.
    let code = after("pred_exists", |c| set_fresh(c, "pred_exists", "k"));
    assert_eq!(code, "fresh-name-escapes");
    // The obtained variable is not a rigid variable outside the obtain: a witness
    // naming it after the obtain is over (here: instead of it) is an unknown symbol.
    let code = after("succ_succ_exists", |c| {
        let Proof::Obtain { proof, .. } = obtain_of(c, "succ_succ_exists") else {
            unreachable!()
        };
        let inner = proof.as_ref().clone();
        theorem(c, "succ_succ_exists").proof = inner;
    });
    assert_eq!(code, "unknown-symbol");
    // An operator name, a repeated name.
    let code = after("succ_succ_exists", |c| {
        set_fresh(c, "succ_succ_exists", "s")
    });
    assert_eq!(code, "bad-fresh-name");
    let code = after("pred_from_pair", |c| set_fresh(c, "pred_from_pair", "q0"));
    assert_eq!(code, "bad-fresh-name");
}

#[test]
fn obtain_checks_its_clause_names_and_hypotheses() {
    let edit = |c: &mut Certificate, f: &mut dyn FnMut(&mut Proof)| f(obtain_of(c, "pred_exists"));
    // One fresh name too many.
    let code = after("pred_exists", |c| {
        edit(c, &mut |p| {
            if let Proof::Obtain { fresh, .. } = p {
                fresh.push("m1".into())
            }
        })
    });
    assert_eq!(code, "obtain-fresh-count-mismatch");
    // The hypothesis name is in scope (the IH), or an operator.
    for (hyp, expected) in [("ih_k", "hypothesis-name-clash"), ("0", "bad-hyp-name")] {
        let code = after("pred_exists", |c| {
            edit(c, &mut |p| {
                if let Proof::Obtain { hyp: h, .. } = p {
                    *h = hyp.into()
                }
            })
        });
        assert_eq!(code, expected, "{hyp}");
    }
    // With two conjuncts the hypotheses are h.1 and h.2: `h` itself is not one.
    let code = after("pred_from_pair", |c| {
        let Proof::Obtain { proof, .. } = obtain_of(c, "pred_from_pair") else {
            unreachable!()
        };
        let Proof::Witness { proofs, .. } = proof.as_mut() else {
            unreachable!()
        };
        let Proof::Chain { steps } = &mut proofs[0] else {
            unreachable!()
        };
        steps[0].rule = "h".into();
    });
    assert_eq!(code, "unknown-rule");
    // A clause that does not conclude `exists` cannot be opened.
    let code = after("succ_succ_exists", |c| {
        if let Proof::Obtain {
            kind, rule, subst, ..
        } = obtain_of(c, "succ_succ_exists")
        {
            *kind = StepKind::Axiom;
            *rule = "add_zero".into();
            *subst = [("a".to_string(), "x".to_string())].into();
        }
    });
    assert_eq!(code, "rule-not-exists");
    // A missing premise proof.
    let code = after("pred_from_pair", |c| {
        if let Proof::Obtain { premises, .. } = obtain_of(c, "pred_from_pair") {
            premises.clear();
        }
    });
    assert_eq!(code, "premise-count-mismatch");
}

#[test]
fn steps_and_contradictions_cannot_cite_an_existential() {
    let step: Step = serde_json::from_str(
        r#"{"kind":"theorem","rule":"succ_exists","dir":"lr","pos":[],"subst":{"x":"x"},"term":"x"}"#,
    )
    .unwrap();
    let code = after("succ_succ_exists", |c| {
        let chain = Proof::Chain { steps: vec![step] };
        *proofs_mut(c, "succ_succ_exists") = vec![chain];
    });
    assert_eq!(code, "rule-concludes-exists");
    let contradiction: Proof = serde_json::from_str(
        r#"{"method":"contradiction","kind":"theorem","rule":"succ_exists","subst":{"x":"x"},"premises":[]}"#,
    )
    .unwrap();
    let code = after("succ_succ_exists", |c| {
        theorem(c, "succ_succ_exists").proof = contradiction
    });
    assert_eq!(code, "rule-concludes-exists");
}

#[test]
fn version_2_has_no_exists() {
    // The existential axiom makes the whole certificate version 3.
    let mut cert = exists_cert();
    cert.version = 2;
    let e = check(&cert).unwrap_err();
    assert_eq!(e.code(), "needs-version-3", "{e}");
    // Without it, every theorem still needs version 3 (its statement or its methods).
    cert.theory.axioms.retain(|a| a.name != "has_succ");
    cert.digest = theory_digest(&cert.theory).unwrap();
    let report = check(&cert).unwrap();
    for t in &report.theorems {
        let e = t.result.as_ref().unwrap_err();
        assert_eq!(e.code(), "needs-version-3", "{}: {e}", t.name);
    }
}

#[test]
fn exists_statements_are_read_strictly() {
    // A bound name that repeats the clause's variable, an empty binder list, a body that
    // is not equations, `exists` as a premise.
    for (statement, expected) in [
        (
            "(forall ((x N)) (exists ((x N)) (= x (s x))))",
            "bad-binder",
        ),
        ("(forall ((x N)) (exists () (= x (s x))))", "bad-binder"),
        (
            "(forall ((x N)) (exists ((y N)) (not (= y x))))",
            "statement-not-clause",
        ),
        (
            "(forall ((x N)) (=> (exists ((y N)) (= y x)) (= x x)))",
            "statement-not-clause",
        ),
    ] {
        let code = after("succ_exists", |c| {
            theorem(c, "succ_exists").statement = statement.into()
        });
        assert_eq!(code, expected, "{statement}");
    }
}

#[test]
fn an_induction_does_not_let_a_bound_name_capture_a_fresh_one() {
    // Induction on n with the fresh name m: the goal's bound m would capture it.
    let code = after("pred_exists", |c| {
        let Proof::Induction { cases, .. } = &mut theorem(c, "pred_exists").proof else {
            unreachable!()
        };
        cases[1].fresh = vec!["m".into()];
    });
    assert_eq!(code, "variable-capture");
}

#[test]
fn a_witness_may_mention_a_rigid_variable_named_like_the_bound_one() {
    // forall y. exists y2... with y rigid: `exists ((z N)) (= z (s y))` proved with the
    // witness z := (s y) — and an obtain whose fresh name equals a bound name of the goal.
    let mut cert = exists_cert();
    let t = theorem(&mut cert, "succ_succ_exists");
    t.statement = "(forall ((x N)) (exists ((y0 N)) (= y0 (s (s x)))))".into();
    let Proof::Obtain { proof, .. } = &mut t.proof else {
        unreachable!()
    };
    let Proof::Witness { terms, .. } = proof.as_mut() else {
        unreachable!()
    };
    // The witness names the rigid y0 (obtained), the bound y0 is replaced by it.
    *terms = [("y0".to_string(), "(s y0)".to_string())].into();
    let report = check(&cert).unwrap();
    assert!(report.all_ok(), "{report:?}");
}

/// `succ_succ_exists` proved through `depth` nested obtains of `succ_exists` (each level
/// opens `∃y. y = s(x)` again with its own fresh name and hypothesis), the last level's
/// proof being the fixture's witness.
fn nested_obtains(depth: usize) -> Certificate {
    let mut cert = exists_cert();
    let t = theorem(&mut cert, "succ_succ_exists");
    let Proof::Obtain { proof, .. } = &t.proof else {
        unreachable!()
    };
    let mut inner = proof.as_ref().clone();
    for k in (0..depth).rev() {
        let (fresh, hyp) = if k == 0 {
            ("y0".to_string(), "e".to_string())
        } else {
            (format!("y0_{k}"), format!("e_{k}"))
        };
        let text = format!(
            r#"{{"method":"obtain","kind":"theorem","rule":"succ_exists","subst":{{"x":"x"}},
                 "premises":[],"fresh":["{fresh}"],"hyp":"{hyp}","proof":{{"method":"chain","steps":[]}}}}"#
        );
        let mut p: Proof = serde_json::from_str(&text).unwrap();
        if let Proof::Obtain { proof, .. } = &mut p {
            **proof = inner;
        }
        inner = p;
    }
    t.proof = inner;
    cert
}

#[test]
fn nested_obtains_fit_a_small_stack_up_to_the_depth_limit() {
    let thread = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            // Depths 0..=64 are checked; the witness's conjunct proof is one deeper.
            let report = check(&nested_obtains(63)).unwrap();
            assert!(report.all_ok(), "{:?}", report.theorems[3].result);
            let report = check(&nested_obtains(64)).unwrap();
            let e = report.theorems[3].result.as_ref().unwrap_err();
            assert_eq!(e.code(), "too-deep", "{e}");
        })
        .unwrap();
    thread.join().unwrap();
}
