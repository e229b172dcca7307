//! Nothing silently dropped: every axiom is normalised into clauses at load time (one
//! axiom per part, `NAME.1`, `NAME.2`, ...), and a part that still cannot be used is a
//! warning naming it and the reason, printed by `check`, `prove` and `derive` and counted
//! in their `--json` output.

use std::path::Path;
use std::process::{Command, Output};

use ergo::mpl::{self, print, Theory};

const HEAD: &str = "inductive N = 0 | s(N);\nop +(N, N) -> N infixl 6;\n";

fn load(axioms: &str) -> Theory {
    mpl::load_str(Path::new("n.mpl"), &format!("{HEAD}{axioms}"))
        .unwrap_or_else(|d| panic!("should load:\n{d}"))
}

/// The axioms as `name: formula`.
fn axioms(t: &Theory) -> Vec<String> {
    t.axioms
        .iter()
        .map(|a| format!("{}: {}", a.name, print::formula(t, &a.formula)))
        .collect()
}

fn write(dir: &Path, axioms: &str) -> std::path::PathBuf {
    let p = dir.join("n.mpl");
    std::fs::write(&p, format!("{HEAD}{axioms}")).unwrap();
    p
}

fn ergo(args: &[&str], file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(&args[..1])
        .arg(file)
        .args(&args[1..])
        .output()
        .expect("run ergo")
}

const BOTH: &str = "axiom both: (&(>[a] (=[a + 0, a])) (>[a,b] (=[a + s(b), s(a + b)])));\n";

#[test]
fn the_conjunction_example_is_proved() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), BOTH);
    let o = ergo(&["prove", "--goal", "x + 0 = x", "--json"], &f);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["proved"], 1);
    assert_eq!(v["unusable_axioms"], serde_json::json!([]));
    // And a goal that needs both halves, by induction.
    let o = ergo(&["prove", "--goal", "0 + x = x"], &f);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn split_conjunction() {
    assert_eq!(
        axioms(&load(BOTH)),
        [
            "both.1: (>[a] (=[a + 0, a]))",
            "both.2: (>[a,b] (=[a + s(b), s(a + b)]))"
        ]
    );
}

#[test]
fn forall_distributes_over_a_conjunctive_head() {
    let t = load("axiom d: (>[x,y] (=[s(x), s(y)]) (&(=[x, y]) (=[x + 0, y])));\n");
    assert_eq!(
        axioms(&t),
        [
            "d.1: (>[x,y] (=[s(x), s(y)]) (=[x, y]))",
            "d.2: (>[x,y] (=[s(x), s(y)]) (=[x + 0, y]))"
        ]
    );
}

#[test]
fn biconditional_is_two_implications() {
    let t = load(
        "axiom iff: (>[x,y] (&(>[] (=[s(x), s(y)]) (=[x, y])) (>[] (=[x, y]) (=[s(x), s(y)]))));\n",
    );
    assert_eq!(
        axioms(&t),
        [
            "iff.1: (>[x,y] (=[s(x), s(y)]) (=[x, y]))",
            "iff.2: (>[x,y] (=[x, y]) (=[s(x), s(y)]))"
        ]
    );
}

#[test]
fn curried_implication_becomes_one_clause_with_its_quantifier_pulled_out() {
    let t = load("axiom c: (>[a] (=[a, 0]) (>[b] (=[b, 0]) (=[a + b, 0])));\n");
    assert_eq!(
        axioms(&t),
        ["c: (>[a,b] (&(=[a, 0]) (=[b, 0])) (=[a + b, 0]))"]
    );
}

#[test]
fn negated_conjunction_is_an_implication_to_a_negation() {
    let t = load("axiom n: (>[x] !(&(=[x, 0]) (=[s(x), x])));\n");
    assert_eq!(axioms(&t), ["n: (>[x] (=[x, 0]) !(=[s(x), x]))"]);
}

#[test]
fn a_clause_is_kept_exactly_as_written() {
    let text = std::fs::read_to_string("axioms/peano.mpl").unwrap();
    let t = mpl::load_str(Path::new("peano.mpl"), &text).unwrap();
    let names: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains('.')), "{names:?}");
    assert!(t.unusable_axioms().is_empty());
}

const UNUSABLE: &str =
    "axiom e: (&(>[a] (=[a + 0, a])) (>[a,b] (=[a + s(b), s(a + b)])) (>[x] !(>[y] (=[x, y + y]))));\n";

#[test]
fn an_unusable_part_is_reported_with_name_and_reason() {
    let t = load(UNUSABLE);
    let names: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["e.1", "e.2"]);
    let u = t.unusable_axioms();
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].name, "e.3");
    assert!(u[0].reason.contains("existential"), "{}", u[0].reason);
    let w = t.warnings().to_string();
    assert!(w.starts_with("warning: axiom `e.3` cannot be used"), "{w}");
    assert!(w.contains("--> n.mpl:3:7"), "{w}");
}

#[test]
fn unusable_parts_are_warned_about_and_counted_by_check_prove_and_derive() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), UNUSABLE);
    let expected = serde_json::json!([{
        "name": "e.3",
        "reason": "an existential (`!(>[..] ..)`) in a conclusion whose body is not an equation or a conjunction of equations: a clause can only state that values with such equations exist"
    }]);
    // Text.
    let o = ergo(&["check"], &f);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: axiom `e.3` cannot be used: an existential"),
        "{err}"
    );
    // JSON, and the commands still run.
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    for args in [
        vec!["check", "--json"],
        vec!["prove", "--goal", "0 + x = x", "--json"],
        vec![
            "derive",
            "--json",
            "--out",
            out,
            "--max-size",
            "5",
            "--time-limit",
            "60",
        ],
    ] {
        let o = ergo(&args, &f);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("warning: axiom `e.3`"), "{args:?}: {err}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["unusable_axioms"], expected, "{args:?}");
    }
}
