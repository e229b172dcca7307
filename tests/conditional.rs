//! Conditional facts and disequations with `ergo prove`: goals with premises and negated
//! goals proved from the axioms alone (cancellation, the facts about 0 and s), false
//! ones refuted with an instance, the order theory, and every certificate kernel-checked.

use ergo_kernel::format::{Proof, StepKind};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ergo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run ergo")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Proves `goals` from `file` with `--independent`, writing the certificate to a scratch
/// folder; returns the certificate after checking that the kernel accepts every theorem.
fn prove(file: &str, goals: &[&str], out: &Path) -> ergo_kernel::format::Certificate {
    // The search is bounded by counts, so its outcome does not depend on the machine;
    // `--timeout` is only a cancellation, generous here so that a loaded test machine
    // (a debug build beside other tests) cannot cancel a goal that is proved.
    let mut args = vec!["prove", file, "--independent", "--timeout", "600", "--out"];
    let out_text = out.to_str().unwrap();
    args.push(out_text);
    for g in goals {
        args.extend(["--goal", g]);
    }
    let o = ergo(&args);
    assert!(
        o.status.success(),
        "ergo prove failed:\n{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
    let cert: ergo_kernel::format::Certificate =
        serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
    let report = ergo_kernel::check(&cert).unwrap();
    assert!(
        report.all_ok(),
        "{:?}",
        report.theorems.iter().find(|t| t.result.is_err())
    );
    cert
}

/// The theorems a proof cites (kind and name), premise proofs and contradictions
/// included.
fn citations(p: &Proof) -> Vec<(StepKind, String)> {
    let mut out = Vec::new();
    p.each_citation(&mut |k, r| out.push((k, r.to_string())));
    out
}

#[test]
fn cancellation_and_the_facts_about_zero_and_successor_from_the_axioms_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cond.proof.json");
    let goals = [
        (
            "goal_1",
            "(>[a,b,c] (=[a + b, a + c]) (=[b, c]))",
            "(forall ((a N) (b N) (c N)) (=> (= (+ a b) (+ a c)) (= b c)))",
        ),
        (
            "goal_2",
            "(>[a,b,c] (=[b + a, c + a]) (=[b, c]))",
            "(forall ((a N) (b N) (c N)) (=> (= (+ b a) (+ c a)) (= b c)))",
        ),
        ("goal_3", "s(x) != x", "(forall ((x N)) (not (= (s x) x)))"),
        (
            "goal_4",
            "x + s(y) != x",
            "(forall ((x N) (y N)) (not (= (+ x (s y)) x)))",
        ),
        (
            "goal_5",
            "(>[a,b] (=[a + b, 0]) (=[a, 0]))",
            "(forall ((a N) (b N)) (=> (= (+ a b) 0) (= a 0)))",
        ),
        // GL's own statement of left cancellation: two premises.
        (
            "goal_6",
            "(>[a,b,c,d] (&(=[a + b, c]) (=[a + d, c])) (=[b, d]))",
            "(forall ((a N) (b N) (c N) (d N)) (=> (and (= (+ a b) c) (= (+ a d) c)) (= b d)))",
        ),
    ];
    let texts: Vec<&str> = goals.iter().map(|g| g.1).collect();
    let cert = prove(
        &root().join("axioms/peano.mpl").to_string_lossy(),
        &texts,
        &out,
    );
    for (name, _, statement) in goals {
        let t = cert
            .theorems
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(t.statement, statement);
        // From the axioms alone: a goal cites axioms, its hypotheses and its own
        // discovered lemmas, never another goal.
        for (kind, rule) in citations(&t.proof) {
            if kind == StepKind::Theorem {
                assert!(rule.starts_with(&format!("{name}.")), "{name} cites {rule}");
            }
        }
    }
    // The disequations are proved by contradiction somewhere (negation introduction:
    // the kernel opens `s(x) != x` with the hypothesis h1: s(x) = x and goal falsity).
    let s_ne = cert.theorems.iter().find(|t| t.name == "goal_3").unwrap();
    assert!(citations(&s_ne.proof)
        .iter()
        .any(|(k, r)| *k == StepKind::Axiom && r == "succ_ne_zero"));
    assert!(citations(&s_ne.proof)
        .iter()
        .any(|(k, r)| *k == StepKind::Hyp && r == "h1"));
}

#[test]
fn a_false_conditional_goal_is_refuted_with_an_instance() {
    let o = ergo(&[
        "prove",
        "axioms/peano.mpl",
        "--goal",
        "(>[a,b] (=[a * b, 0]) (=[a, 0]))",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("false: fails at a = s(0), b = 0"), "{text}");
    let o = ergo(&["prove", "axioms/peano.mpl", "--goal", "x + y != x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("false: fails at x = 0, y = 0"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn without_induction_a_conditional_goal_needing_it_stays_unproved() {
    let o = ergo(&[
        "prove",
        "axioms/peano.mpl",
        "--no-induction",
        "--goal",
        "s(x) != x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("unproved"), "{}", stdout(&o));
    // A case that needs no induction: the hypothesis and an axiom give a contradiction.
    let o = ergo(&[
        "prove",
        "axioms/peano.mpl",
        "--no-induction",
        "--goal",
        "(>[a,b] (=[s(a), 0]) (=[a, b]))",
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn the_order_facts_are_proved_with_nested_case_splits_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("order.proof.json");
    let cert = prove(
        &root().join("axioms/order.mpl").to_string_lossy(),
        &[],
        &out,
    );
    let names: Vec<&str> = cert.theorems.iter().map(|t| t.name.as_str()).collect();
    for n in [
        "le_refl",
        "le_zero",
        "le_succ",
        "le_add",
        "le_trans",
        "le_antisym",
    ] {
        assert!(names.contains(&n), "{n} missing: {names:?}");
    }
    // Transitivity needs an induction whose step case splits on a second and a third
    // variable, with contradictions (true != false) in the impossible cases.
    let trans = cert.theorems.iter().find(|t| t.name == "le_trans").unwrap();
    fn splits(p: &Proof) -> usize {
        match p {
            Proof::Induction { cases, .. } | Proof::Cases { cases, .. } => {
                1 + cases.iter().map(|c| splits(&c.proof)).max().unwrap_or(0)
            }
            _ => 0,
        }
    }
    assert!(splits(&trans.proof) >= 3, "{:?}", trans.proof);
    assert!(citations(&trans.proof)
        .iter()
        .any(|(k, r)| *k == StepKind::Axiom && r == "true_ne_false"));
    assert!(citations(&trans.proof)
        .iter()
        .any(|(k, r)| *k == StepKind::Hyp && r.starts_with("ih_")));
}

/// A theory with a declared predicate: its atoms are read as equations `le(a, b) = ⊤`
/// over an implicit sort `Prop`, so that clauses over them are proved and kernel-checked,
/// and `ergo prove` shows them in the user's notation.
#[test]
fn declared_predicates_are_proved_about_as_prop_valued_operators() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pred.mpl");
    std::fs::write(
        &file,
        "theory p;\ninductive N = 0 | s(N);\npred le(N, N);\n\
         axiom le_0: (>[b] (le[0, b]));\n\
         axiom le_s: (>[a,b] (le[a, b]) (le[s(a), s(b)]));\n\
         axiom le_s_inv: (>[a,b] (le[s(a), s(b)]) (le[a, b]));\n\
         axiom le_sz: (>[a] !(le[s(a), 0]));\n\
         conjecture le_refl: (>[a] (le[a, a]));\n",
    )
    .unwrap();
    let file = file.to_string_lossy();
    // Every conjecture is attempted: none is rejected as "not an equation".
    let scratch = dir.path().join("p.proof.json");
    let o = ergo(&["prove", &file, "--out", &scratch.to_string_lossy()]);
    let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    assert!(!all.contains("neither an equation nor a clause"), "{all}");
    assert!(all.contains("le_refl") && all.contains("le[a, a]"), "{all}");

    let goals = [
        "(>[a,b,c] (&(le[a, b]) (le[b, c])) (le[a, c]))",
        "(>[a,b] (&(le[a, b]) (le[b, a])) (=[a, b]))",
        "(>[a] !(le[s(s(a)), s(0)]))",
        "(>[a,b] (le[s(a), s(b)]) (le[a, s(b)]))",
    ];
    let out = dir.path().join("pred.proof.json");
    let cert = prove(&file, &goals, &out);
    assert_eq!(cert.theorems.len(), goals.len());
    let ops: Vec<&str> = cert
        .theory
        .operators
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(ops, ["0", "s", "⊤", "le"]);
    assert!(cert.theory.predicates.is_empty());
    assert_eq!(
        cert.theory.axioms[3].statement,
        "(forall ((a N)) (not (= (le (s a) 0) ⊤)))"
    );
    let o = ergo(&["prove", &file, "--independent", "--goal", goals[0]]);
    assert!(
        stdout(&o).contains("le[a, b] & le[b, c] -> le[a, c]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_order_as_a_predicate_is_proved_whole_including_nested_splits_under_an_unused_ih() {
    // le_add needs induction on b around an induction on a whose hypothesis is not
    // generalised over b: the outer split must stay an induction in the certificate
    // (its unused IH keeps b fixed in the inner one), which the kernel checks.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("order_pred.proof.json");
    let cert = prove(
        &root().join("axioms/order_pred.mpl").to_string_lossy(),
        &[],
        &out,
    );
    let names: Vec<&str> = cert.theorems.iter().map(|t| t.name.as_str()).collect();
    for n in ["le_refl", "le_succ_r", "le_add", "le_trans", "le_antisym"] {
        assert!(names.contains(&n), "{n} missing: {names:?}");
    }
}
