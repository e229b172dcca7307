//! Format version 3: a hand-written certificate of a small polymorphic theory
//! (`tests/fixtures/polylist.proof.json`: `List 'a` with `app`, `rev`, a `map` taking a
//! function, `(@ f x)`, `Bool` with `ite`; theorems proved at `'a`, cited at `N` and at
//! `(List 'a)` with `sorts`, an induction on `(List N)`, a contradiction citing a rule with
//! params) is accepted, and every mutation of it is rejected with its named error.

mod common;

use common::fixture_text;
use ergo_kernel::format::{Certificate, Proof, Step, Theorem};
use ergo_kernel::{binding::sha256_hex, canonical_theory_text, check, check_json, theory_digest};

fn poly() -> Certificate {
    serde_json::from_str(&fixture_text("polylist.proof.json")).unwrap()
}

/// What must happen to a mutant.
#[derive(Debug)]
enum Expect {
    /// The whole certificate is rejected with this code.
    Certificate(&'static str),
    /// This theorem is rejected with this code.
    Theorem(&'static str, &'static str),
}

fn theorem<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Theorem {
    cert.theorems.iter_mut().find(|t| t.name == name).unwrap()
}

fn steps(proof: &mut Proof) -> &mut Vec<Step> {
    match proof {
        Proof::Chain { steps } => steps,
        _ => panic!("a chain"),
    }
}

fn case_proof(proof: &mut Proof, i: usize) -> &mut Proof {
    match proof {
        Proof::Induction { cases, .. } | Proof::Cases { cases, .. } => &mut cases[i].proof,
        _ => panic!("a split"),
    }
}

/// The first step of theorem `name`'s chain.
fn first_step<'c>(cert: &'c mut Certificate, name: &str) -> &'c mut Step {
    &mut steps(&mut theorem(cert, name).proof)[0]
}

/// Replaces `from` by `to` in theorem `name`'s statement (which must contain it).
fn restate(cert: &mut Certificate, name: &str, from: &str, to: &str) {
    let t = theorem(cert, name);
    assert!(t.statement.contains(from), "{from} in {}", t.statement);
    t.statement = t.statement.replacen(from, to, 1);
}

/// The digest of the theory's canonical text with every `(name 'a ...)` written `name`.
fn digest_without_params(cert: &Certificate) -> String {
    let text = canonical_theory_text(&cert.theory).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let mut words = line.splitn(2, ' ');
        let (keyword, rest) = (words.next().unwrap(), words.next().unwrap());
        let rest = match rest.strip_prefix('(') {
            Some(decorated) if !decorated.starts_with('_') && keyword != "pred" => {
                let (inner, tail) = decorated.split_once(')').unwrap();
                format!("{}{tail}", inner.split(' ').next().unwrap())
            }
            _ => rest.to_string(),
        };
        out.push_str(&format!("{keyword} {rest}\n"));
    }
    assert_ne!(out, text);
    format!("sha256:{}", sha256_hex(out.as_bytes()))
}

type Mutation = fn(&mut Certificate);

fn mutants() -> Vec<(&'static str, Mutation, Expect)> {
    use Expect::{Certificate as C, Theorem as T};
    vec![
        (
            "wrong sort in sorts",
            |c| {
                let s = first_step(c, "app_nil_r_N");
                s.sorts.insert("'a".into(), "Bool".into());
            },
            T("app_nil_r_N", "sort-mismatch"),
        ),
        (
            "missing sort binding",
            |c| first_step(c, "app_nil_r_N").sorts.clear(),
            T("app_nil_r_N", "sorts-missing-param"),
        ),
        (
            "extra sort binding",
            |c| {
                let s = first_step(c, "app_nil_r_N");
                s.sorts.insert("'b".into(), "N".into());
            },
            T("app_nil_r_N", "sorts-unknown-param"),
        ),
        (
            "sorts on a hypothesis (hypotheses have no params)",
            |c| {
                let case = case_proof(&mut theorem(c, "app_nil_r").proof, 1);
                steps(case)[1].sorts.insert("'a".into(), "'a".into());
            },
            T("app_nil_r", "sorts-unknown-param"),
        ),
        (
            "missing sorts on a contradiction",
            |c| match &mut theorem(c, "cons_ne_nil_N").proof {
                Proof::Contradiction { sorts, .. } => sorts.clear(),
                _ => unreachable!(),
            },
            T("cons_ne_nil_N", "sorts-missing-param"),
        ),
        (
            "a cited sort that is not declared",
            |c| {
                let s = first_step(c, "app_nil_r_N");
                s.sorts.insert("'a".into(), "M".into());
            },
            T("app_nil_r_N", "unknown-sort"),
        ),
        (
            "a cited sort variable out of scope (the citing theorem has no params)",
            |c| {
                let s = first_step(c, "app_nil_r_N");
                s.sorts.insert("'a".into(), "'a".into());
            },
            T("app_nil_r_N", "unbound-sort-variable"),
        ),
        (
            "bare polymorphic operator applied",
            |c| {
                restate(
                    c,
                    "app_nil_r_N",
                    "((_ app N) l (_ nil N))",
                    "(app l (_ nil N))",
                )
            },
            T("app_nil_r_N", "missing-instance"),
        ),
        (
            "bare polymorphic constant in a step's term",
            |c| {
                let s = first_step(c, "rev_single");
                s.term = s.term.replace("(_ nil 'a)", "nil");
            },
            T("rev_single", "missing-instance"),
        ),
        (
            "too many sorts in (_ ...)",
            |c| restate(c, "app_nil_r_N", "(_ app N)", "(_ app N N)"),
            T("app_nil_r_N", "instance-arity"),
        ),
        (
            "too few sorts in (_ ...)",
            |c| restate(c, "map_single", "(_ map 'a Bool)", "(_ map 'a)"),
            T("map_single", "instance-arity"),
        ),
        (
            "(_ ...) on an operator without params",
            |c| c.theory.axioms[0].statement = "(not (= (_ true) false))".into(),
            C("instance-arity"),
        ),
        (
            "instance at the wrong sort",
            |c| restate(c, "app_nil_r_N", "l (_ nil N))", "l (_ nil Bool))"),
            T("app_nil_r_N", "sort-mismatch"),
        ),
        (
            "@ on a non-function",
            |c| restate(c, "map_single", "(@ f x)", "(@ x f)"),
            T("map_single", "not-a-function"),
        ),
        (
            "@ with an argument of the wrong sort",
            |c| restate(c, "map_single", "(@ f x)", "(@ f f)"),
            T("map_single", "sort-mismatch"),
        ),
        (
            "@ with three arguments",
            |c| restate(c, "map_single", "(@ f x)", "(@ f x x)"),
            T("map_single", "arity-mismatch"),
        ),
        (
            "case split on a sort variable",
            |c| match &mut theorem(c, "ite_same").proof {
                Proof::Cases { var, .. } => *var = "x".into(),
                _ => unreachable!(),
            },
            T("ite_same", "sort-not-inductive"),
        ),
        (
            "induction on a function sort",
            |c| match &mut theorem(c, "map_nil_r_N").proof {
                Proof::Induction { var, .. } => *var = "f".into(),
                _ => unreachable!(),
            },
            T("map_nil_r_N", "sort-not-inductive"),
        ),
        (
            "cases of a family instance out of order",
            |c| match &mut theorem(c, "map_nil_r_N").proof {
                Proof::Induction { cases, .. } => cases.swap(0, 1),
                _ => unreachable!(),
            },
            T("map_nil_r_N", "case-mismatch"),
        ),
        (
            "params not covering the statement's sort variable",
            |c| theorem(c, "app_nil_r").params.clear(),
            T("app_nil_r", "unbound-sort-variable"),
        ),
        (
            "params naming another sort variable",
            |c| theorem(c, "rev_single").params = vec!["'b".into()],
            T("rev_single", "unbound-sort-variable"),
        ),
        (
            "a theorem's param that is not a sort variable",
            |c| theorem(c, "rev_single").params = vec!["a".into()],
            T("rev_single", "bad-params"),
        ),
        (
            "a theorem's param repeated",
            |c| theorem(c, "rev_single").params = vec!["'a".into(), "'a".into()],
            T("rev_single", "bad-params"),
        ),
        (
            "a family applied to too many sorts",
            |c| restate(c, "app_nil_r_N", "(l (List N))", "(l (List N N))"),
            T("app_nil_r_N", "sort-arity"),
        ),
        (
            "a family used without arguments",
            |c| restate(c, "app_nil_r_N", "(l (List N))", "(l List)"),
            T("app_nil_r_N", "sort-arity"),
        ),
        (
            "a sort over the size limit",
            |c| {
                let deep = format!("{}N{}", "(List ".repeat(70), ")".repeat(70));
                restate(c, "app_nil_r_N", "(l (List N))", &format!("(l {deep})"));
            },
            T("app_nil_r_N", "sort-too-large"),
        ),
        (
            "a function sort with three sorts",
            |c| restate(c, "map_nil_r_N", "(-> N N)", "(-> N N N)"),
            T("map_nil_r_N", "bad-sort"),
        ),
        (
            "a sort variable out of scope in an operator",
            |c| c.theory.operators[5].args[0] = "'b".into(),
            C("unbound-sort-variable"),
        ),
        (
            "a sort variable out of scope in an axiom",
            |c| c.theory.axioms[1].params.clear(),
            C("unbound-sort-variable"),
        ),
        (
            "constructor params differing from the family's",
            |c| c.theory.operators[5].params.push("'b".into()),
            C("constructor-params"),
        ),
        (
            "constructor result another instance of the family",
            |c| c.theory.operators[4].result = "(List (List 'a))".into(),
            C("bad-constructor"),
        ),
        (
            "an operator named with a reserved word",
            |c| c.theory.operators[2].name = "@".into(),
            C("reserved-name"),
        ),
        (
            "a sort named like a sort variable",
            |c| c.theory.sorts[1].name = "'N".into(),
            C("bad-name"),
        ),
        (
            "version 2 with params",
            |c| c.version = 2,
            C("needs-version-3"),
        ),
        (
            "a digest computed without the params",
            |c| c.digest = digest_without_params(c),
            C("digest-mismatch"),
        ),
    ]
}

#[test]
fn the_polymorphic_certificate_is_accepted() {
    let cert = poly();
    assert_eq!(cert.version, 3);
    assert_eq!(theory_digest(&cert.theory).unwrap(), cert.digest);
    let text = canonical_theory_text(&cert.theory).unwrap();
    for line in [
        "sort (List 'a) nil cons\n",
        "op (cons 'a) 'a (List 'a) -> (List 'a)\n",
        "op (map 'a 'b) (-> 'a 'b) (List 'a) -> (List 'b)\n",
        "axiom (app_nil 'a) (forall ((l (List 'a))) (= ((_ app 'a) (_ nil 'a) l) l))\n",
        "axiom bool_distinct (not (= true false))\n",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    let report = check_json(&fixture_text("polylist.proof.json")).unwrap();
    for t in &report.theorems {
        assert_eq!(t.result, Ok(()), "{}", t.name);
    }
    let axioms = |name: &str| {
        let t = report.theorems.iter().find(|t| t.name == name).unwrap();
        t.axioms.join(" ")
    };
    // Citing a theorem at N inherits the axioms of its proof at 'a.
    assert_eq!(axioms("app_nil_r_N"), "app_cons app_nil");
    assert_eq!(axioms("app_nil_r_nested"), "app_cons app_nil");
    assert_eq!(axioms("cons_ne_nil_N"), "cons_ne_nil");
}

#[test]
fn every_polymorphic_mutant_is_rejected() {
    let mut failures = Vec::new();
    for (what, mutate, expect) in mutants() {
        let mut cert = poly();
        mutate(&mut cert);
        // A mutant is checked from its JSON, as a file would be.
        let json = serde_json::to_string(&cert).unwrap();
        let got = match (check_json(&json), &expect) {
            (Err(e), _) => format!("certificate {}", e.code()),
            (Ok(report), Expect::Theorem(name, _)) => {
                let t = report.theorems.iter().find(|t| t.name == *name).unwrap();
                match &t.result {
                    Ok(()) => format!("theorem {name} ok"),
                    Err(e) => format!("theorem {name} {}", e.code()),
                }
            }
            (Ok(report), Expect::Certificate(_)) => {
                format!("certificate accepted, all ok: {}", report.all_ok())
            }
        };
        let want = match expect {
            Expect::Certificate(code) => format!("certificate {code}"),
            Expect::Theorem(name, code) => format!("theorem {name} {code}"),
        };
        if got != want {
            failures.push(format!("{what}: expected {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_version_2_certificate_may_not_use_version_3_terms_or_sorts() {
    let mini = common::mini_text();
    let cert = |edit: &dyn Fn(&mut Certificate)| {
        let mut c: Certificate = serde_json::from_str(&mini).unwrap();
        edit(&mut c);
        c.digest = theory_digest(&c.theory).unwrap();
        check(&c).err().map(|e| e.code()).unwrap_or("ok")
    };
    let with_op = |args: &[&str], result: &str| {
        let (args, result): (Vec<String>, String) =
            (args.iter().map(|a| a.to_string()).collect(), result.into());
        move |c: &mut Certificate| {
            let mut op = c.theory.operators[2].clone();
            op.name = "f".into();
            (op.args, op.result) = (args.clone(), result.clone());
            c.theory.operators.push(op);
        }
    };
    assert_eq!(cert(&|_| {}), "ok");
    assert_eq!(cert(&with_op(&["(-> N N)", "N"], "N")), "needs-version-3");
    let apply = |c: &mut Certificate| {
        with_op(&["(-> N N)", "N"], "N")(c);
        c.theory.axioms[0].statement = "(forall ((g (-> N N))) (= (@ g 0) 0))".into();
    };
    assert_eq!(cert(&apply), "needs-version-3");
    let v3 = |c: &mut Certificate| {
        apply(c);
        c.version = 3;
    };
    assert_eq!(cert(&v3), "ok");
    let step = |c: &mut Certificate| {
        let Proof::Induction { cases, .. } = &mut c.theorems[0].proof else {
            panic!("an induction")
        };
        steps(&mut cases[0].proof)[0]
            .sorts
            .insert("'a".into(), "N".into());
    };
    let report = |edit: &dyn Fn(&mut Certificate)| {
        let mut c: Certificate = serde_json::from_str(&mini).unwrap();
        edit(&mut c);
        check(&c).unwrap().theorems[0]
            .result
            .clone()
            .unwrap_err()
            .code()
    };
    assert_eq!(report(&step), "needs-version-3");
    assert_eq!(
        report(&|c| {
            step(c);
            c.version = 3;
        }),
        "sorts-unknown-param"
    );
}

/// Every committed certificate (version 2) still verifies, with its digest unchanged.
#[test]
fn committed_certificates_still_verify() {
    let root = format!("{}/../../proofs", env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.clone(), format!("{root}/peano")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".proof.json") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = check_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(report.all_ok(), "{}", path.display());
        let cert: Certificate = serde_json::from_str(&text).unwrap();
        assert_eq!(report.digest, cert.digest, "{}", path.display());
    }
}
