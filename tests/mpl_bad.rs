//! The bad corpus: every `tests/cases/bad/*.mpl` must fail to load, its rendered
//! diagnostics must equal the snapshot `tests/cases/bad/*.stderr` exactly, and the codes
//! and positions of its diagnostics (one `CODE PATH:LINE:COL` line each, `CODE -` for an
//! error without a position) must equal the snapshot `tests/cases/bad/*.code`, so that a
//! code, which tools read from `--json`, cannot change silently.
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

fn load_error(path: &Path) -> mpl::Diagnostics {
    match mpl::load(path) {
        Ok(_) => panic!("{} should be rejected but loads", path.display()),
        Err(d) => {
            assert!(!d.is_empty());
            d
        }
    }
}

fn render(path: &Path) -> String {
    load_error(path).to_string()
}

/// One `CODE PATH:LINE:COL` line per diagnostic (`CODE -` without a position).
fn codes(d: &mpl::Diagnostics) -> String {
    let mut out = String::new();
    for item in &d.items {
        match item.span.and_then(|s| d.position(s)) {
            Some((path, line, col)) => {
                out.push_str(&format!("{} {}:{line}:{col}\n", item.code, path.display()))
            }
            None => out.push_str(&format!("{} -\n", item.code)),
        }
    }
    out
}

/// Compares (or with `bless`, writes) one snapshot, recording a failure.
fn check(snap: &Path, actual: &str, bless: bool, failures: &mut Vec<String>) {
    if bless {
        std::fs::write(snap, actual).expect("writing snapshot");
        return;
    }
    match std::fs::read_to_string(snap) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{} differs from its snapshot (- expected, + actual):\n{}",
            snap.display(),
            diff(&expected, actual)
        )),
        Err(_) => failures.push(format!(
            "{} is missing; actual output:\n{actual}",
            snap.display()
        )),
    }
}

#[test]
fn bad_cases_match_snapshots() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let cases = bad_cases();
    assert!(cases.len() >= 25, "only {} bad cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let d = load_error(case);
        check(
            &case.with_extension("stderr"),
            &d.to_string(),
            bless,
            &mut failures,
        );
        check(
            &case.with_extension("code"),
            &codes(&d),
            bless,
            &mut failures,
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from their snapshots (run with BLESS=1 to accept):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The positions of the `.code` snapshots are those the rendering shows.
#[test]
fn positions_agree_with_the_rendering() {
    for case in bad_cases() {
        let d = load_error(&case);
        let text = d.to_string();
        for item in &d.items {
            let Some((path, line, col)) = item.span.and_then(|s| d.position(s)) else {
                continue;
            };
            let at = format!("--> {}:{line}:{col}\n", path.display());
            assert!(
                text.contains(&at),
                "{}: no `{at}` in\n{text}",
                case.display()
            );
        }
    }
}

/// Every code is documented in docs/diagnostics.md, and every code there exists.
#[test]
fn every_code_is_documented() {
    let doc = std::fs::read_to_string("docs/diagnostics.md").expect("docs/diagnostics.md");
    let documented: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let codes: Vec<&str> = mpl::DiagnosticCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        documented, codes,
        "docs/diagnostics.md's table and DiagnosticCode::ALL differ"
    );
}

#[test]
fn every_snapshot_has_a_case() {
    for entry in std::fs::read_dir("tests/cases/bad").expect("tests/cases/bad") {
        let p = entry.expect("dir entry").path();
        if p.extension().is_some_and(|e| e == "stderr" || e == "code") {
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
