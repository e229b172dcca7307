//! `ergo export smtlib`: a goal of an MPL theory, of a TIP problem (polymorphic, with a
//! lambda and `ite`; a clause; nested implications) or of a GL config, as an SMT-LIB
//! problem that cvc5 reads: the theory, the goal negated, `(check-sat)`.
//!
//! The tests that run cvc5 say they are skipped when it is not on PATH (Debian: `apt-get
//! install cvc5`), and fail under `CI=true`. The export checks always run.
mod common;
use common::{ergo, root, stderr, stdout};

use std::path::Path;
use std::process::Command;

const PROP_35: &str = "../shared/benchmarks/tip/isaplanner/prop_35.smt2";
const PROP_26: &str = "../shared/benchmarks/tip/isaplanner/prop_26.smt2";
const LEMMA_19: &str = "../shared/benchmarks/tip/prod/lemma_19.smt2";

/// `ergo export smtlib ARGS` in the project root: exit 0, the problem on stdout.
fn export(args: &[&str]) -> String {
    let mut all = vec!["export", "smtlib"];
    all.extend(args);
    let o = ergo(&all, &root());
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("(set-logic ALL)\n"), "{text}");
    assert!(text.ends_with(")\n(check-sat)\n"), "{text}");
    text
}

/// The line asserting the negated goal.
fn negated_goal(text: &str) -> &str {
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3, "{text}");
    let line = lines[lines.len() - 2];
    assert!(line.starts_with("(assert (not "), "{text}");
    assert!(lines[lines.len() - 3].starts_with("; goal "), "{text}");
    line
}

#[test]
fn a_peano_conjecture_is_the_theory_then_its_negation() {
    let text = export(&["axioms/peano.mpl", "--goal", "add_comm"]);
    assert!(text.contains("(declare-datatypes ((|sort:N| 0))"), "{text}");
    assert!(text.contains("; axiom add_succ\n(assert (forall"), "{text}");
    assert_eq!(
        negated_goal(&text),
        "(assert (not (forall ((|x| |sort:N|) (|y| |sort:N|)) (= (|op:+| |x| |y|) (|op:+| |y| |x|)))))"
    );
    assert!(text.contains("; goal add_comm\n"), "{text}");
}

#[test]
fn a_goal_formula_may_be_given_as_prove_takes_it() {
    let text = export(&["axioms/peano.mpl", "--goal", "x + 0 = x"]);
    assert!(text.contains("; goal goal_1\n"), "{text}");
    assert_eq!(
        negated_goal(&text),
        "(assert (not (forall ((|x| |sort:N|)) (= (|op:+| |x| |op:0|) |x|))))"
    );
    // A GL config has no conjectures: its goals come this way.
    let config = "../shared/gl/files/config/ConfigPeano.json";
    let text = export(&[config, "--goal", "x + i0 = x"]);
    assert!(text.contains("; axiom AnchorPeano.1\n"), "{text}");
    assert!(
        negated_goal(&text).contains("(|op:+| |x| |op:i0|)"),
        "{text}"
    );
}

#[test]
fn a_polymorphic_tip_problem_is_exported_monomorphic_and_first_order() {
    let text = export(&[PROP_35]);
    for line in [
        "(declare-sort |sort:'a| 0)",
        "(declare-sort |sort:'a -> Bool| 0)",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line}:\n{text}");
    }
    // `list a` is one datatype at the sort variable, `ite` one function per instance,
    // `dropWhile` one function at `'a`.
    assert!(text.contains("(|sort:list('a)| 0)"), "{text}");
    assert!(text.contains("(declare-fun |op:ite[list('a)]| (|sort:Bool| |sort:list('a)| |sort:list('a)|) |sort:list('a)|)"), "{text}");
    assert!(
        text.contains(
            "(declare-fun |op:dropWhile['a]| (|sort:'a -> Bool| |sort:list('a)|) |sort:list('a)|)"
        ),
        "{text}"
    );
    // The lambda is a named constant with its defining equation.
    assert!(!text.contains("lambda") && !text.contains("par "), "{text}");
    let goal = negated_goal(&text);
    assert!(
        goal.starts_with(
            "(assert (not (forall ((|xs| |sort:list('a)|)) (= (|op:dropWhile['a]| |op:"
        ),
        "{goal}"
    );
    let lambda = goal
        .split("(|op:dropWhile['a]| ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap();
    assert!(
        text.contains(&format!("(= (|op:@['a, Bool]| {lambda} |x|) |op:false|)")),
        "no defining equation of {lambda}:\n{text}"
    );
}

#[test]
fn a_clause_goal_is_a_negated_implication() {
    let text = export(&[PROP_26]);
    let goal = negated_goal(&text);
    assert!(
        goal.starts_with(
            "(assert (not (forall ((|x| |sort:Nat|) (|xs| |sort:list(Nat)|) (|ys| |sort:list(Nat)|)) \
             (=> (= (|op:elem| |x| |xs|) |op:true|) (= (|op:elem| |x| (|op:"
        ),
        "{goal}"
    );
    // `A => (B => C)` is read as the one clause `A & B => C`, as `prove` reads it.
    let text = export(&[LEMMA_19]);
    let goal = negated_goal(&text);
    assert!(goal.contains("(=> (and (= (|op:m___2f_3d| |x| |y|) |op:true|) (= (|op:elem| |x| (|op:insert| |y| |z|)) |op:true|)) (= (|op:elem| |x| |z|) |op:true|))"), "{goal}");
    assert_eq!(goal.matches("(=> ").count(), 1, "{goal}");
}

#[test]
fn the_goal_must_be_chosen_among_several_and_exist() {
    let o = ergo(&["export", "smtlib", "axioms/peano.mpl"], &root());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("12 conjectures; choose one with --goal NAME"),
        "{err}"
    );
    assert!(
        err.contains("add_comm") && err.contains("mul_assoc"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());

    let o = ergo(
        &["export", "smtlib", "axioms/peano.mpl", "--goal", "add_com"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--goal add_com: axioms/peano.mpl has no conjecture of that name; its conjectures are: add_zero_l,"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn bad_input_is_exit_2_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.mpl");
    std::fs::write(&bad, "sort N;\nop +(N,N) -> ;\n").unwrap();
    let o = ergo(&["export", "smtlib", bad.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.mpl:2:14"), "{}", stderr(&o));
    let o = ergo(
        &["export", "smtlib", "axioms/peano.mpl", "--goal", "x + = x"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<goal>:1:5"), "{}", stderr(&o));
}

#[test]
fn out_writes_the_file_and_replaces_one_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prop_35.smt2");
    let out_s = out.to_str().unwrap();
    let expected = export(&[PROP_35]);
    let o = ergo(&["export", "smtlib", PROP_35, "--out", out_s], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("written to"), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);

    std::fs::write(&out, "; edited\n").unwrap();
    let o = ergo(&["export", "smtlib", PROP_35, "--out", out_s], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("exists; `--force` replaces it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "; edited\n");

    let o = ergo(
        &["export", "smtlib", PROP_35, "--out", out_s, "--force"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "a temporary file was left: {left:?}");
}

/// Whether cvc5 runs; if not, fails under `CI=true` and otherwise says why the caller
/// skips.
fn have_cvc5(test: &str) -> bool {
    common::tool_runs("cvc5", test, "install cvc5 (Debian: apt-get install cvc5)")
}

/// Runs cvc5 with `args` on `text` (written to a file in `dir`): (stdout, stderr, exit).
fn cvc5(dir: &Path, text: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let file = dir.join("problem.smt2");
    std::fs::write(&file, text).unwrap();
    let o = Command::new("cvc5")
        .args(args)
        .arg(&file)
        .output()
        .expect("run cvc5");
    (stdout(&o), stderr(&o), o.status.code())
}

#[test]
fn cvc5_reads_every_export() {
    if !have_cvc5("cvc5_reads_every_export") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let problems = [
        export(&["axioms/peano.mpl", "--goal", "add_comm"]),
        export(&["axioms/peano.mpl", "--goal", "mul_assoc"]),
        export(&[PROP_35]),
        export(&[PROP_26]),
        export(&[LEMMA_19]),
    ];
    for text in &problems {
        let (out, err, code) = cvc5(dir.path(), text, &["--parse-only"]);
        assert_eq!(code, Some(0), "cvc5 --parse-only: {out}{err}\n{text}");
        assert!(
            !out.contains("error") && err.is_empty(),
            "{out}{err}\n{text}"
        );
    }
}

#[test]
fn cvc5_proves_peano_add_comm_from_the_export() {
    if !have_cvc5("cvc5_proves_peano_add_comm_from_the_export") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = export(&["axioms/peano.mpl", "--goal", "add_comm"]);
    // The options of benches/peano12.rs and benches/tip.rs; cvc5 takes well under 1 s.
    let args = [
        "--quant-ind",
        "--conjecture-gen",
        "--conjecture-gen-per-round=3",
        "--full-saturate-quant",
        "--tlimit=10000",
    ];
    let (out, err, _) = cvc5(dir.path(), &text, &args);
    assert_eq!(out.lines().next(), Some("unsat"), "{out}{err}");
}

#[test]
fn json_is_one_object_holding_the_problem_or_the_errors() {
    let text = export(&["axioms/peano.mpl", "--goal", "add_comm"]);
    let o = ergo(
        &[
            "export",
            "smtlib",
            "axioms/peano.mpl",
            "--goal",
            "add_comm",
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["ok"], true);
    assert_eq!(v["goal"], "add_comm");
    assert_eq!(v["smtlib"], text.as_str());

    let o = ergo(&["export", "smtlib", "axioms/peano.mpl", "--json"], &root());
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"][0]["code"], "usage");
}
