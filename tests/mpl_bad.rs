//! The bad corpus: every `tests/cases/bad/*.mpl` must fail to load, and its rendered
//! diagnostics must equal the snapshot `tests/cases/bad/*.stderr` exactly.
//!
//! Run with `BLESS=1` to (re)write the snapshots; then read every changed one and check
//! that the caret points at the offending text. Files under `tests/cases/bad/imported/`
//! are only reached through imports.

use std::path::{Path, PathBuf};

use ergo::mpl;

fn bad_cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/cases/bad")
        .expect("tests/cases/bad")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "mpl"))
        .collect();
    files.sort();
    files
}

/// A line diff good enough to see what changed: common lines are shown with two spaces,
/// expected-only lines with `-`, actual-only lines with `+` (longest common subsequence).
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

fn render(path: &Path) -> String {
    match mpl::load(path) {
        Ok(_) => panic!("{} should be rejected but loads", path.display()),
        Err(d) => {
            assert!(!d.is_empty());
            d.to_string()
        }
    }
}

#[test]
fn bad_cases_match_snapshots() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let cases = bad_cases();
    assert!(cases.len() >= 25, "only {} bad cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let actual = render(case);
        let snap = case.with_extension("stderr");
        if bless {
            std::fs::write(&snap, &actual).expect("writing snapshot");
            continue;
        }
        match std::fs::read_to_string(&snap) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{} differs from its snapshot (- expected, + actual):\n{}",
                snap.display(),
                diff(&expected, &actual)
            )),
            Err(_) => failures.push(format!(
                "{} is missing; actual output:\n{actual}",
                snap.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} snapshots differ (run with BLESS=1 to accept):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_snapshot_has_a_case() {
    for entry in std::fs::read_dir("tests/cases/bad").expect("tests/cases/bad") {
        let p = entry.expect("dir entry").path();
        if p.extension().is_some_and(|e| e == "stderr") {
            assert!(
                p.with_extension("mpl").exists(),
                "stale snapshot {}",
                p.display()
            );
        }
    }
}

#[test]
fn every_item_has_a_location_and_a_caret() {
    for case in bad_cases() {
        let out = render(&case);
        for item in out.split("\nerror: ") {
            assert!(
                item.contains(" --> "),
                "no location in {}:\n{item}",
                case.display()
            );
            assert!(
                item.contains('^'),
                "no caret in {}:\n{item}",
                case.display()
            );
        }
    }
}

#[test]
fn unreadable_root_is_an_error_without_snippet() {
    let d = mpl::load(Path::new("tests/cases/bad/does_not_exist.mpl")).unwrap_err();
    assert_eq!(
        d.to_string(),
        "error: cannot read `tests/cases/bad/does_not_exist.mpl`: file not found\n"
    );
}

#[test]
fn many_errors_are_all_reported() {
    let d = mpl::load(Path::new("tests/cases/bad/many_errors.mpl")).unwrap_err();
    assert_eq!(d.len(), 4, "{d}");
}
