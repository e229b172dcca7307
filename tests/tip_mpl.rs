//! TIP in (issue 12, part 2): the MPL text `ergo import tip` prints, and `check`, `prove`
//! and `verify` on `.smt2` files through it.
//!
//! The polymorphic front end lands separately: until then the MPL loader reads only the
//! monomorphic translations (no `par`, lambda or Bool), so the polymorphic problems are
//! tested on their printed text.

use std::path::{Path, PathBuf};

const TIP: &str = "../shared/benchmarks/tip";

fn read(rel: &str) -> ergo::tip::Problem {
    let path = Path::new(TIP).join(rel);
    ergo::tip::read(&path).unwrap_or_else(|d| panic!("{d}"))
}

fn mpl(rel: &str) -> String {
    ergo::tip::mpl::to_mpl(&read(rel))
        .unwrap_or_else(|d| panic!("{rel}: {d:?}"))
        .text
}

fn all_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for suite in ["isaplanner", "prod"] {
        let mut fs: Vec<PathBuf> = std::fs::read_dir(Path::new(TIP).join(suite))
            .expect("suite folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "smt2"))
            .collect();
        fs.sort();
        files.extend(fs);
    }
    files
}

fn ergo(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(args)
        .output()
        .expect("run ergo");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ergo-tip-mpl-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn prop_35_prints_as_the_polymorphic_mpl_of_the_design() {
    assert_eq!(
        mpl("isaplanner/prop_35.smt2"),
        "// The TIP problem prop_35.smt2 in MPL (`ergo import tip`; docs/logic.md, section 5).\n\
         inductive list('a) = nil | cons('a, list('a));\n\
         op dropWhile('a -> Bool, list('a)) -> list('a);\n\
         axiom dropWhile_def1: (>[x: ('a -> Bool)] (=[dropWhile(x, nil), nil]));\n\
         axiom dropWhile_def2: (>[x: ('a -> Bool), z: 'a, xs: list('a)] \
         (=[dropWhile(x, cons(z, xs)), ite(x(z), dropWhile(x, xs), cons(z, xs))]));\n\
         conjecture goal: (>[xs: list('a)] (=[dropWhile((\\x. false), xs), xs]));\n"
    );
}

#[test]
fn mangled_names_are_listed_and_definitions_are_equations() {
    let text = mpl("isaplanner/prop_10.smt2");
    assert!(text.contains("//   -2  ->  m___2d2\n"), "{text}");
    assert!(text.contains("inductive Nat = Z | S(Nat);\n"), "{text}");
    assert!(text.contains("op m___2d2(Nat, Nat) -> Nat;\n"), "{text}");
    assert!(
        text.contains(
            "axiom m___2d2_def3: (>[z: Nat, x2: Nat] (=[m___2d2(S(z), S(x2)), m___2d2(z, x2)]));\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("conjecture goal: (>[m: Nat] (=[m___2d2(m, m), Z]));\n"));
}

#[test]
fn bool_functions_ite_and_premises() {
    // count: ite over a Bool-valued function; the goal's `=>` is a premise.
    let text = mpl("isaplanner/prop_52.smt2");
    assert!(
        text.contains("ite(m___3d_3d(x, z), S(count(x, ys)), count(x, ys))"),
        "{text}"
    );
    assert!(text.contains("op m___3d_3d(Nat, Nat) -> Bool;\n"), "{text}");
    // A match inside a goal is lifted to an operator defined by cases, and `not` of a
    // Bool term is the equation with `false` (a premise the engine can use).
    let text = mpl("isaplanner/prop_48.smt2");
    assert!(text.contains("op _match1(list(Nat)) -> Bool;\n"), "{text}");
    assert!(
        text.contains("axiom match1_def1: (=[_match1(nil), true]);\n"),
        "{text}"
    );
    assert!(
        text.contains("conjecture goal: (>[xs: list(Nat)] (=[_match1(xs), false]) (=["),
        "{text}"
    );
}

#[test]
fn every_problem_translates_deterministically_and_names_round_trip() {
    for file in all_files() {
        let p = ergo::tip::read(&file).unwrap_or_else(|d| panic!("{d}"));
        let t = ergo::tip::mpl::to_mpl(&p).unwrap_or_else(|d| panic!("{}: {d:?}", file.display()));
        assert_eq!(ergo::tip::mpl::to_mpl(&p).unwrap(), t, "{}", file.display());
        for (tip, mpl) in &t.renamed {
            assert_eq!(
                ergo::tip::names::demangle(mpl).as_deref(),
                Some(tip.as_str()),
                "{}",
                file.display()
            );
        }
    }
}

/// The translations the MPL front end reads today: no sort parameters, no Bool.
fn monomorphic() -> Vec<PathBuf> {
    all_files()
        .into_iter()
        .filter(|f| {
            let t = ergo::tip::mpl::to_mpl(&ergo::tip::read(f).unwrap()).unwrap();
            !t.text.contains('\'') && !t.text.contains("Bool")
        })
        .collect()
}

#[test]
fn monomorphic_problems_load_through_the_mpl_loader() {
    let files = monomorphic();
    assert!(files.len() >= 20, "{}", files.len());
    for f in files {
        let t = ergo::tip::load(&f).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(t.conjectures.len(), 1, "{}", f.display());
    }
}

#[test]
fn prove_and_verify_a_tip_file() {
    let dir = temp_dir("prove");
    let file = format!("{TIP}/isaplanner/prop_10.smt2");
    let cert = dir.join("prop_10.proof.json");
    let cert = cert.to_str().unwrap();
    let (rc, out, err) = ergo(&["prove", &file, "--out", cert, "--timeout", "20"]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(out.contains("proved   goal"), "{out}");
    let (rc, out, err) = ergo(&["verify", "--theory", &file, cert]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(out.contains("1 theorems checked, 0 rejected"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_prints_or_writes_the_text() {
    let file = format!("{TIP}/isaplanner/prop_10.smt2");
    let (rc, out, _) = ergo(&["import", "tip", &file]);
    assert_eq!(rc, 0);
    assert_eq!(out, mpl("isaplanner/prop_10.smt2"));
    let (rc, out, _) = ergo(&["import", "tip", "--json", &file]);
    assert_eq!(rc, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(v["renamed"]["-2"], "m___2d2");
    assert_eq!(
        v["mpl"].as_str(),
        Some(mpl("isaplanner/prop_10.smt2").as_str())
    );

    let dir = temp_dir("import");
    let target = dir.join("p.mpl");
    let t = target.to_str().unwrap();
    let (rc, _, err) = ergo(&["import", "tip", &file, "--out", t]);
    assert_eq!(rc, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), out_text(&file));
    std::fs::write(&target, "// edited\n").unwrap();
    let (rc, _, err) = ergo(&["import", "tip", &file, "--out", t]);
    assert_eq!(rc, 2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "// edited\n");
    let (rc, _, _) = ergo(&["import", "tip", &file, "--out", t, "--force"]);
    assert_eq!(rc, 0);
    // The written file is MPL that `check` reads as it is.
    let (rc, out, err) = ergo(&["check", t]);
    assert_eq!(rc, 0, "{err}");
    assert!(out.contains("1 axiom") || out.contains("3 axioms"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn out_text(file: &str) -> String {
    ergo(&["import", "tip", file]).1
}

#[test]
fn check_reports_tip_and_mpl_counts() {
    let file = format!("{TIP}/isaplanner/prop_10.smt2");
    let (rc, out, _) = ergo(&["check", &file]);
    assert_eq!(rc, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{file}: TIP problem: 1 datatype, 1 function, 0 facts, 1 goal; uses match"),
            format!(
                "{file}: theory prop_10: 1 sort, 3 operators, 0 predicates, 3 axioms, 1 conjecture"
            ),
        ]
    );
    let (rc, out, _) = ergo(&["check", "--json", &file]);
    assert_eq!(rc, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(
        (v["format"].as_str(), v["theory"].as_str()),
        (Some("tip"), Some("prop_10"))
    );
    assert_eq!(
        (v["goals"].as_u64(), v["axioms"].as_u64()),
        (Some(1), Some(3))
    );
}

#[test]
fn a_translation_the_loader_rejects_is_an_internal_error_naming_the_mpl_line() {
    let e = ergo::tip::load_str(
        "nobase.smt2",
        "(declare-datatype T ((c (p T))))\n(prove (forall ((x T)) (= x x)))",
    )
    .unwrap_err();
    let d = &e.items[0];
    assert_eq!(d.code.as_str(), "internal-error");
    assert!(d.message.contains("MPL line 2"), "{}", d.message);
    assert!(
        d.note
            .as_deref()
            .is_some_and(|n| n.contains("inductive T = c(T);")),
        "{:?}",
        d.note
    );
    // TIP errors keep their place in the .smt2 file.
    let e = ergo::tip::load_str("bad.smt2", "(prove (= (list) x))").unwrap_err();
    assert_eq!(
        e.location(e.items[0].span.unwrap()).unwrap(),
        "bad.smt2:1:11"
    );
}
