//! Case splits on a term (spec 5.1, `split`): the hand-written certificate
//! `tests/fixtures/split.proof.json` (theory `tests/fixtures/split.mpl` of the main
//! package) proves four theorems with them — a split on the Bool condition `(eqn n x)`
//! of an `ite`, a split on the non-variable list term `((_ app 'a) k l)` of a family
//! instance, a split nested in an induction step (the `count_app` goal of the TIP
//! IsaPlanner suite), and a split with a premise `h1` and a contradiction in one case —
//! and every mutation of a split is rejected with its named error.

mod common;

use common::fixture_text;
use ergo_kernel::format::{Case, Certificate, Proof, Step, Theorem};
use ergo_kernel::{check, check_json};

fn split_cert() -> Certificate {
    serde_json::from_str(&fixture_text("split.proof.json")).unwrap()
}

fn theorem<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Theorem {
    cert.theorems.iter_mut().find(|t| t.name == name).unwrap()
}

/// The split at the root of theorem `name` (in the step case of `count_app`).
fn split_of<'c>(
    cert: &'c mut Certificate,
    name: &str,
) -> (&'c mut String, &'c mut String, &'c mut Vec<Case>) {
    let mut proof = &mut theorem(cert, name).proof;
    if let Proof::Induction { cases, .. } = proof {
        proof = &mut cases[1].proof;
    }
    match proof {
        Proof::Split { term, hyp, cases } => (term, hyp, cases),
        _ => panic!("a split"),
    }
}

fn steps(proof: &mut Proof) -> &mut Vec<Step> {
    match proof {
        Proof::Chain { steps } => steps,
        _ => panic!("a chain"),
    }
}

/// The code theorem `name` is rejected with after `edit` ("ok" if accepted); every other
/// theorem must still be accepted.
fn after(name: &str, edit: impl FnOnce(&mut Certificate)) -> &'static str {
    let mut cert = split_cert();
    edit(&mut cert);
    let report = check(&cert).expect("the theory is untouched");
    let mut code = None;
    for t in &report.theorems {
        if t.name == name {
            code = Some(t.result.as_ref().err().map_or("ok", |e| e.code()));
        } else {
            assert_eq!(
                t.result,
                Ok(()),
                "{} rejected by a mutation of {name}",
                t.name
            );
        }
    }
    code.expect("the theorem is in the certificate")
}

#[test]
fn the_split_fixture_is_accepted_with_its_steps_and_axioms() {
    let report = check_json(&fixture_text("split.proof.json")).unwrap();
    assert!(report.all_ok(), "{report:?}");
    let rows: Vec<(&str, usize, Vec<&str>)> = report
        .theorems
        .iter()
        .map(|t| {
            let axioms = t.axioms.iter().map(String::as_str).collect();
            (t.name.as_str(), t.steps, axioms)
        })
        .collect();
    let basics = [
        "add_succ",
        "add_zero",
        "count_cons",
        "count_nil",
        "ite_false",
        "ite_true",
    ];
    assert_eq!(rows[0], ("count_cons_split", 17, basics.to_vec()));
    let list = ["isnil_cons", "isnil_nil", "ite_false", "ite_true"];
    assert_eq!(rows[1], ("ite_isnil_app", 10, list.to_vec()));
    let app = ["add_succ", "add_zero", "app_cons", "app_nil"];
    let app: Vec<&str> = app.iter().chain(&basics[2..]).copied().collect();
    assert_eq!(rows[2], ("count_app", 20, app));
    let contra = ["bool_distinct", "count_cons", "ite_false"];
    assert_eq!(rows[3], ("count_cons_false", 5, contra.to_vec()));
}

#[test]
fn the_term_must_be_a_well_sorted_term_of_an_inductive_sort_over_the_rigid_variables() {
    let term = |name: &'static str, to: &'static str| {
        after(name, |c| *split_of(c, name).0 = to.to_string())
    };
    assert_eq!(term("count_cons_split", "(eqn n z)"), "unknown-symbol");
    assert_eq!(term("count_cons_split", "(eqn n l)"), "sort-mismatch");
    assert_eq!(term("count_cons_split", "(eqn n)"), "arity-mismatch");
    assert_eq!(term("count_cons_split", "(eqn n x"), "bad-syntax");
    assert_eq!(term("count_cons_split", "(frob n x)"), "unknown-symbol");
    // The variable bound by the induction is gone from the step case.
    assert_eq!(term("count_app", "(eqn n k)"), "unknown-symbol");
    // Another inductive sort: the cases are not its constructors.
    assert_eq!(term("count_cons_split", "x"), "case-mismatch");
    assert_eq!(term("count_cons_split", "(count n l)"), "case-mismatch");
    // A scheme instance needs its sorts (version 3 syntax, as in steps).
    assert_eq!(term("ite_isnil_app", "(app k l)"), "missing-instance");
    assert_eq!(term("ite_isnil_app", "((_ app N) k l)"), "sort-mismatch");
    // The same term with its operand swapped is another split: the chains break.
    assert_eq!(
        term("ite_isnil_app", "((_ app 'a) l k)"),
        "subterm-mismatch"
    );
    assert_eq!(term("count_cons_split", "(eqn x n)"), "subterm-mismatch");
}

#[test]
fn sort_variables_and_function_sorts_are_not_inductive() {
    let proof = |term: &str| -> Proof {
        serde_json::from_str(&format!(
            r#"{{"method": "split", "term": "{term}", "hyp": "c",
                "cases": [{{"constructor": "true", "fresh": [],
                            "proof": {{"method": "chain", "steps": []}}}},
                          {{"constructor": "false", "fresh": [],
                            "proof": {{"method": "chain", "steps": []}}}}]}}"#
        ))
        .unwrap()
    };
    let code = |term: &str| {
        let mut cert = split_cert();
        cert.theorems = vec![Theorem {
            name: "refl".to_string(),
            params: vec!["'a".to_string()],
            statement: "(forall ((v 'a) (f (-> N Bool))) (= v v))".to_string(),
            proof: proof(term),
            essential: None,
        }];
        let report = check(&cert).unwrap();
        let result = &report.theorems[0].result;
        result.as_ref().err().map_or("ok", |e| e.code())
    };
    assert_eq!(code("v"), "sort-not-inductive");
    assert_eq!(code("f"), "sort-not-inductive");
    // An application of the function is a Bool: split on it.
    assert_eq!(code("(@ f 0)"), "ok");
    assert_eq!(code("(@ f v)"), "sort-mismatch");
}

#[test]
fn the_cases_are_the_constructors_in_declared_order() {
    let cases =
        |name: &'static str, edit: fn(&mut Vec<Case>)| after(name, |c| edit(split_of(c, name).2));
    assert_eq!(
        cases("count_cons_split", |cs| cs.swap(0, 1)),
        "case-mismatch"
    );
    assert_eq!(
        cases("count_cons_split", |cs| drop(cs.pop())),
        "case-mismatch"
    );
    let unknown = |cs: &mut Vec<Case>| cs[1].constructor = "maybe".to_string();
    assert_eq!(cases("count_cons_split", unknown), "case-mismatch");
    let twice = |cs: &mut Vec<Case>| cs.push(cs[1].clone());
    assert_eq!(cases("count_cons_split", twice), "case-mismatch");
    // The instance constructor `(_ cons 'a)` is named by its plain name.
    let instance = |cs: &mut Vec<Case>| cs[1].constructor = "(_ cons 'a)".to_string();
    assert_eq!(cases("ite_isnil_app", instance), "case-mismatch");
    // Swapping the two proofs: each case's hypothesis names the other constructor.
    let swap = |cs: &mut Vec<Case>| {
        let first = cs[0].proof.clone();
        cs[0].proof = std::mem::replace(&mut cs[1].proof, first);
    };
    assert_eq!(cases("count_cons_split", swap), "result-mismatch");
}

#[test]
fn fresh_names_are_one_per_argument_new_and_never_a_rigid_variable() {
    let fresh = |name: &'static str, i: usize, names: &'static [&'static str]| {
        after(name, |c| {
            split_of(c, name).2[i].fresh = names.iter().map(|n| n.to_string()).collect()
        })
    };
    assert_eq!(fresh("ite_isnil_app", 1, &["y"]), "fresh-arity-mismatch");
    assert_eq!(
        fresh("ite_isnil_app", 1, &["y", "ys", "z"]),
        "fresh-arity-mismatch"
    );
    assert_eq!(fresh("ite_isnil_app", 0, &["y"]), "fresh-arity-mismatch");
    assert_eq!(fresh("count_cons_split", 0, &["b"]), "fresh-arity-mismatch");
    // A rigid variable, even one the term mentions (no `var` may be reused here).
    assert_eq!(fresh("ite_isnil_app", 1, &["k", "ys"]), "bad-fresh-name");
    assert_eq!(fresh("ite_isnil_app", 1, &["y", "l"]), "bad-fresh-name");
    // An operator, a predicate-free theory's constructor, a reserved word.
    assert_eq!(
        fresh("ite_isnil_app", 1, &["count", "ys"]),
        "bad-fresh-name"
    );
    assert_eq!(fresh("ite_isnil_app", 1, &["y", "nil"]), "bad-fresh-name");
    assert_eq!(
        fresh("ite_isnil_app", 1, &["y", "forall"]),
        "bad-fresh-name"
    );
    assert_eq!(fresh("ite_isnil_app", 1, &["y", "y"]), "bad-fresh-name");
    // In an induction's step case, its fresh variables are rigid; and a split on a
    // variable may not reuse it (unlike `cases`, the variable stays in scope).
    let nested = |fresh: [&'static str; 2]| {
        after("count_app", move |c| {
            let t = theorem(c, "count_app");
            let Proof::Induction { cases, .. } = &mut t.proof else {
                panic!("an induction")
            };
            let inner = cases[1].proof.clone();
            cases[1].proof = serde_json::from_value(serde_json::json!({
                "method": "split", "term": "ys", "hyp": "d",
                "cases": [
                    {"constructor": "nil", "fresh": [], "proof": inner.clone()},
                    {"constructor": "cons", "fresh": fresh, "proof": inner},
                ]
            }))
            .unwrap();
        })
    };
    assert_eq!(nested(["z", "zs"]), "ok");
    assert_eq!(nested(["y", "zs"]), "bad-fresh-name");
    assert_eq!(nested(["z", "ys"]), "bad-fresh-name");
}

#[test]
fn the_hypothesis_name_is_new_and_well_formed() {
    let hyp = |name: &'static str, to: &'static str| {
        after(name, |c| *split_of(c, name).1 = to.to_string())
    };
    // Renamed consistently in the case proofs, a fresh name is fine.
    let renamed = after("count_cons_split", |c| {
        *split_of(c, "count_cons_split").1 = "e".to_string();
        for case in split_of(c, "count_cons_split").2.iter_mut() {
            for s in steps(&mut case.proof).iter_mut().filter(|s| s.rule == "c1") {
                s.rule = "e".to_string();
            }
        }
    });
    assert_eq!(renamed, "ok");
    // Not renamed in the proofs: the citations of `c1` find no hypothesis.
    assert_eq!(hyp("count_cons_split", "e"), "unknown-rule");
    // A hypothesis in scope: a premise, an induction hypothesis.
    assert_eq!(hyp("count_cons_false", "h1"), "hypothesis-name-clash");
    assert_eq!(hyp("count_app", "ih_ys"), "hypothesis-name-clash");
    // Lexically invalid, reserved, or an operator's name.
    assert_eq!(hyp("count_cons_split", ""), "bad-hyp-name");
    assert_eq!(hyp("count_cons_split", "c 1"), "bad-hyp-name");
    assert_eq!(hyp("count_cons_split", "(c1)"), "bad-hyp-name");
    assert_eq!(hyp("count_cons_split", "forall"), "bad-hyp-name");
    assert_eq!(hyp("count_cons_split", "count"), "bad-hyp-name");
    assert_eq!(hyp("count_cons_split", "true"), "bad-hyp-name");
}

#[test]
fn the_case_hypothesis_states_exactly_term_equals_constructor_and_only_in_its_case() {
    // Cited in the wrong direction.
    let wrong_dir = after("count_cons_split", |c| {
        let case = &mut split_of(c, "count_cons_split").2[0];
        steps(&mut case.proof)[1].dir = ergo_kernel::format::Dir::Rl;
    });
    assert_eq!(wrong_dir, "subterm-mismatch");
    // As if it said `false` in the `true` case.
    let wrong_ctor = after("count_cons_split", |c| {
        let case = &mut split_of(c, "count_cons_split").2[0];
        let s = &mut steps(&mut case.proof)[1];
        s.term = s.term.replacen("true", "false", 1);
    });
    assert_eq!(wrong_ctor, "result-mismatch");
    // As if it said `((_ cons 'a) y (_ nil 'a))` in the `cons` case.
    let wrong_args = after("ite_isnil_app", |c| {
        let case = &mut split_of(c, "ite_isnil_app").2[1];
        let s = &mut steps(&mut case.proof)[0];
        s.term = s.term.replacen("y ys", "y (_ nil 'a)", 1);
    });
    assert_eq!(wrong_args, "result-mismatch");
    // Outside its case: the case's chain as the whole proof.
    let outside = after("count_cons_split", |c| {
        let chain = split_of(c, "count_cons_split").2[0].proof.clone();
        theorem(c, "count_cons_split").proof = chain;
    });
    assert_eq!(outside, "unknown-rule");
    // Outside its case: in the induction's base case, next to the split.
    let sibling = after("count_app", |c| {
        let Proof::Induction { cases, .. } = &mut theorem(c, "count_app").proof else {
            panic!()
        };
        let base = steps(&mut cases[0].proof);
        let mut cited = base[0].clone();
        cited.kind = ergo_kernel::format::StepKind::Hyp;
        cited.rule = "c1".to_string();
        cited.subst.clear();
        cited.sorts.clear();
        base.insert(0, cited);
    });
    assert_eq!(sibling, "unknown-rule");
    // The goal is unchanged in every case: a case proving the substituted goal fails.
    let other_goal = after("count_cons_false", |c| {
        let case = &mut split_of(c, "count_cons_false").2[1];
        steps(&mut case.proof).remove(1);
    });
    assert_eq!(other_goal, "subterm-mismatch");
}

#[test]
fn splits_count_as_nesting_levels() {
    let nest = |levels: usize| {
        let mut cert = split_cert();
        let mut proof = Proof::Chain { steps: vec![] };
        for i in 0..levels {
            let case = |constructor: &str, proof| Case {
                constructor: constructor.to_string(),
                fresh: vec![],
                proof,
            };
            let empty = Proof::Chain { steps: vec![] };
            proof = Proof::Split {
                term: "(eqn n x)".to_string(),
                hyp: format!("c{i}"),
                cases: vec![case("true", proof), case("false", empty)],
            };
        }
        let t = theorem(&mut cert, "count_cons_split");
        t.statement = "(forall ((n N) (x N)) (= x x))".to_string();
        t.proof = proof;
        let report = check(&cert).unwrap();
        let result = &report.theorems[0].result;
        result.as_ref().err().map_or("ok", |e| e.code())
    };
    // A proof at depth 64 is replayed; one level more is rejected, never a crash.
    assert_eq!(nest(64), "ok");
    assert_eq!(nest(65), "too-deep");
    assert_eq!(nest(100), "too-deep");
}
