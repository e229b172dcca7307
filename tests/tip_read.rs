//! The TIP reader on the field's benchmarks and on bad input.
//!
//! - Every problem of `../shared/benchmarks/tip/{isaplanner,prod}` (86 + 74 files, as
//!   published) is read and sort-checked without error.
//! - `isaplanner/prop_35` (polymorphism, a function argument, a lambda, `ite`, `match`)
//!   comes out with the sorts TIP gives it.
//! - Every `tests/cases/tip/*.smt2` is rejected with the rendered diagnostics of its
//!   `.stderr` snapshot and the `CODE PATH:LINE:COL` lines of its `.code` snapshot
//!   (`BLESS=1` rewrites both; then read every changed one).

use std::path::{Path, PathBuf};

use ergo::tip::ast::{Builtin, Command, Head, Pattern, TermKind};
use ergo::tip::{self, Sort};

/// The `.smt2` files of a folder, sorted.
fn smt2_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "smt2"))
        .collect();
    files.sort();
    files
}

fn suite(name: &str) -> Vec<PathBuf> {
    smt2_files(&Path::new("../shared/benchmarks/tip").join(name))
}

#[test]
fn every_benchmark_is_read_and_sort_checked() {
    let mut counts = Vec::new();
    for name in ["isaplanner", "prod"] {
        let files = suite(name);
        let mut goals = 0;
        for f in &files {
            let p = tip::read(f).unwrap_or_else(|d| panic!("{}:\n{d}", f.display()));
            assert_eq!(p.goals().count(), 1, "{}: one goal", f.display());
            goals += 1;
            for c in &p.commands {
                let mut check = |t: &tip::ast::Term| {
                    t.visit(&mut |u| {
                        let s = u.sort.as_ref().expect("every node has a sort");
                        assert!(
                            !format!("{s}").contains('?'),
                            "{}: unsolved sort",
                            f.display()
                        );
                    })
                };
                match &c.command {
                    Command::Funs { funs, .. } => funs
                        .iter()
                        .filter_map(|f| f.body.as_ref())
                        .for_each(&mut check),
                    Command::Assert(x) | Command::Prove(x) => check(&x.body),
                    _ => {}
                }
            }
        }
        counts.push((name, files.len(), goals));
    }
    assert_eq!(counts, vec![("isaplanner", 86, 86), ("prod", 74, 74)]);
}

#[test]
fn prop_35_has_tips_sorts() {
    let p = tip::read(Path::new(
        "../shared/benchmarks/tip/isaplanner/prop_35.smt2",
    ))
    .unwrap();
    let a = Sort::Param("a".into());
    let list_a = Sort::Con("list".into(), vec![a.clone()]);
    let pred = Sort::fun(vec![a.clone()], Sort::Bool);
    // dropWhile : par (a) ((=> a Bool), (list a)) -> (list a)
    let dw = &p.signature.symbols["dropWhile"];
    assert_eq!(dw.params, vec!["a".to_string()]);
    assert_eq!(dw.args, vec![pred.clone(), list_a.clone()]);
    assert_eq!(dw.result, list_a);
    assert_eq!(dw.sort().to_string(), "(=> (=> a Bool) (list a) (list a))");

    // Its body: a match on y with a nil case and a cons case whose rhs is an ite.
    let f = p.functions().next().unwrap();
    let body = f.body.as_ref().unwrap();
    let TermKind::Match(scrutinee, cases) = &body.kind else {
        panic!("dropWhile's body is a match")
    };
    assert_eq!(scrutinee.sort.as_ref(), Some(&list_a));
    assert!(
        matches!(&cases[0].pattern, Pattern::Con { name, ctor: Some(0), .. } if name.text == "nil")
    );
    assert!(
        matches!(&cases[1].pattern, Pattern::Con { binders, ctor: Some(1), .. } if binders.len() == 2)
    );
    let TermKind::Builtin(Builtin::Ite, ite) = &cases[1].rhs.kind else {
        panic!("the cons case is an ite")
    };
    assert_eq!(ite[0].sort, Some(Sort::Bool));
    assert!(matches!(&ite[0].kind, TermKind::Builtin(Builtin::At, _)));
    assert_eq!(cases[1].rhs.sort.as_ref(), Some(&list_a));

    // The goal: (= (dropWhile (lambda ((x a)) false) xs) xs) with the lambda of sort a => Bool.
    let goal = p.goals().next().unwrap();
    assert_eq!(goal.params.len(), 1);
    let mut lambdas = Vec::new();
    goal.body.visit(&mut |t| {
        if let TermKind::Lambda(..) = t.kind {
            lambdas.push(t.sort.clone().unwrap());
        }
        if let TermKind::Apply {
            name,
            head,
            instance,
            ..
        } = &t.kind
        {
            if name.text == "dropWhile" {
                assert_eq!(head, &Some(Head::Fun));
                assert_eq!(instance, &vec![a.clone()]);
            }
        }
    });
    assert_eq!(lambdas, vec![pred]);
    let s = p.summary();
    assert_eq!(
        s.features(),
        vec!["polymorphism", "function sorts", "lambda", "ite", "match"]
    );
    assert_eq!((s.datatypes, s.functions, s.facts, s.goals), (1, 1, 0, 1));
}

fn bad_cases() -> Vec<PathBuf> {
    smt2_files(Path::new("tests/cases/tip"))
}

#[test]
fn bad_input_is_reported_with_its_place_and_code() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let cases = bad_cases();
    assert!(cases.len() >= 5, "the bad TIP cases are there");
    for case in cases {
        let d = match tip::read(&case) {
            Ok(_) => panic!("{} should be rejected", case.display()),
            Err(d) => d,
        };
        let rendered = d.to_string();
        let mut codes = String::new();
        for item in &d.items {
            let (path, line, col) = d.position(item.span.expect("a span")).expect("a position");
            codes.push_str(&format!("{} {}:{line}:{col}\n", item.code, path.display()));
        }
        assert!(rendered.contains('^'), "{}: a caret", case.display());
        for (ext, actual) in [("stderr", &rendered), ("code", &codes)] {
            let snap = case.with_extension(ext);
            if bless {
                std::fs::write(&snap, actual).expect("write snapshot");
            } else {
                let expected = std::fs::read_to_string(&snap).unwrap_or_default();
                if &expected != actual {
                    failures.push(format!(
                        "{}:\n--- expected\n{expected}--- actual\n{actual}",
                        snap.display()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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

#[test]
fn check_summarises_a_tip_problem() {
    let file = "../shared/benchmarks/tip/isaplanner/prop_35.smt2";
    let p = ergo::tip::read(Path::new(file)).expect("read");
    assert_eq!(
        p.summary().features(),
        ["polymorphism", "function sorts", "lambda", "ite", "match"]
    );
    // `check` prints the TIP summary, then loads the MPL translation (tests/tip_mpl.rs).
    let file = "../shared/benchmarks/tip/isaplanner/prop_10.smt2";
    let (rc, out, _) = ergo(&["check", file]);
    assert_eq!(rc, 0);
    assert!(
        out.starts_with(&format!(
            "{file}: TIP problem: 1 datatype, 1 function, 0 facts, 1 goal; uses match\n"
        )),
        "{out}"
    );
    let (rc, out, _) = ergo(&["check", "--json", file]);
    assert_eq!(rc, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(v["format"], "tip");
    assert_eq!(v["goals"], 1);
    assert_eq!(v["uses"]["match"], true);

    let (rc, _, err) = ergo(&["check", "tests/cases/tip/sort_arity.smt2"]);
    assert_eq!(rc, 2);
    assert!(
        err.contains("tests/cases/tip/sort_arity.smt2:4:21"),
        "{err}"
    );
}

fn equations(file: &str) -> Vec<String> {
    let p = tip::read(Path::new(file)).unwrap();
    tip::equations::of_problem(&p)
        .iter()
        .flat_map(|d| d.equations.iter().map(|e| e.to_string()))
        .collect()
}

#[test]
fn definitions_compile_to_equations_over_constructor_patterns() {
    assert_eq!(
        equations("../shared/benchmarks/tip/isaplanner/prop_35.smt2"),
        [
            "(dropWhile x nil) = (_ nil a)",
            "(dropWhile x (cons z xs)) = (ite (@ x z) (dropWhile x xs) (cons z xs))",
        ]
    );
    // Nested matches nest patterns.
    assert_eq!(
        equations("../shared/benchmarks/tip/isaplanner/prop_12.smt2")[2..],
        [
            "(drop Z y) = y",
            "(drop (S z) nil) = (_ nil a)",
            "(drop (S z) (cons x2 x3)) = (drop z x3)",
        ]
    );
    // Every function of every benchmark compiles, with no match left behind.
    for name in ["isaplanner", "prod"] {
        for f in suite(name) {
            let p = tip::read(&f).unwrap();
            for d in tip::equations::of_problem(&p) {
                assert!(!d.equations.is_empty(), "{}: {}", f.display(), d.name);
                for e in &d.equations {
                    assert!(!e.residual_match, "{}: {e}", f.display());
                }
            }
        }
    }
}

#[test]
fn wildcards_expand_and_clashing_binders_are_renamed() {
    let text = "(declare-datatype Nat ((Z) (S (p Nat))))\n\
        (declare-datatype T ((A) (B) (C (c1 Nat))))\n\
        (define-fun f ((t T)) Bool (match t ((B true) (_ false))))\n\
        (define-fun-rec eq ((x Nat) (y Nat)) Bool\n\
          (match x ((Z (match y ((Z true) (_ false))))\n\
                    ((S z) (match y ((Z false) ((S z) (eq z z))))))))\n\
        (define-fun g ((t T)) T (match t ((A t) (v v))))";
    let p = tip::read_str("w.smt2", text).unwrap();
    let eqs: Vec<String> = tip::equations::of_problem(&p)
        .iter()
        .flat_map(|d| d.equations.iter().map(|e| e.to_string()))
        .collect();
    assert_eq!(
        eqs,
        [
            "(f A) = false",
            "(f B) = true",
            "(f (C c1_1)) = false",
            "(eq Z Z) = true",
            "(eq Z (S p_1)) = false",
            "(eq (S z_1) Z) = false",
            "(eq (S z_1) (S z_2)) = (eq z_2 z_2)",
            "(g A) = A",
            "(g B) = B",
            "(g (C c1_1)) = (C c1_1)",
        ]
    );
}

#[test]
fn deep_nesting_is_read_or_refused_without_overflow() {
    // The benchmarks nest 11 deep at most; the limit leaves room and keeps every
    // recursive stage within a test thread's 2 MiB stack in a debug build.
    let depth = tip::sexp::MAX_DEPTH - 3;
    let text = format!(
        "(declare-datatype Nat ((Z) (S (p Nat))))\n(prove (= {}Z{} Z))",
        "(S ".repeat(depth),
        ")".repeat(depth)
    );
    let p = tip::read_str("deep.smt2", &text).unwrap();
    assert_eq!(p.goals().count(), 1);
    let text = format!("(prove {}true{})", "(not ".repeat(1000), ")".repeat(1000));
    let e = tip::read_str("deeper.smt2", &text).unwrap_err();
    assert_eq!(e.items[0].code.as_str(), "nesting-too-deep");
}

/// SMT-LIB/TIP forms the two suites do not use, read and checked as TIP defines them.
#[test]
fn the_rest_of_tip_is_read_too() {
    let text = r#"
(set-logic ALL) ; dropped
(declare-sort U 0)
(declare-datatypes ((Tree 1) (Forest 1))
  ((par (a) ((node (label a) (kids (Forest a)))))
   (par (a) ((leaf) (grow (first (Tree a)) (rest (Forest a)))))))
(declare-const c U)
(declare-const e (par (a) (Forest a)))
(declare-fun h (U U) Bool)
(declare-fun k (par (a) ((a) a)))
(define-funs-rec
  ((size ((t (Tree U))) Bool) (par (b) (sizes ((f (Forest b))) Bool)))
  ((match t (((node x ks) (sizes ks))))
   (match f ((leaf true) (_ false)))))
(assert (forall ((x U) (y U)) (=> (h x y) (h y x))))
(assert (par (a) (forall ((x a)) (= (k x) x))))
(assert (exists ((x U)) (and (h x c) (or (h c x) (not (h x x))))))
(prove (let ((z c) (w (as leaf (Forest U)))) (distinct (grow (node z w) w) w)))
(prove (= ((_ k U) c) c))
(check-sat)
"#;
    let p = tip::read_str("rest.smt2", text).unwrap_or_else(|d| panic!("{d}"));
    let s = p.summary();
    assert_eq!(
        (s.datatypes, s.sorts, s.functions, s.facts, s.goals),
        (2, 1, 6, 3, 2)
    );
    assert!(s.uses_polymorphism && s.uses_match && !s.uses_lambda);
    assert_eq!(
        p.signature.symbols["sizes"].sort().to_string(),
        "(=> (Forest b) Bool)"
    );
    assert_eq!(p.signature.symbols["k"].params, vec!["a".to_string()]);
    let goal = p.goals().nth(1).unwrap();
    let TermKind::Builtin(Builtin::Eq, args) = &goal.body.kind else {
        panic!("an equation")
    };
    assert!(
        matches!(&args[0].kind, TermKind::Apply { instance, .. } if instance == &vec![Sort::Con("U".into(), vec![])])
    );
}
