//! Property test of the MPL front end on random text (issue 18): random strings over
//! MPL's tokens, random bytes, and random mutations of the good corpus
//! (`tests/cases/good`, `axioms/`). For every input:
//!
//! - no panic, and no hang: each case runs on its own thread and must finish within
//!   [`PER_CASE`];
//! - a rejection is a non-empty list of diagnostics, each with a position
//!   (`path:line:col`, the line, a caret) that renders in bounded size;
//! - the CLI agrees: `ergo check` exits 0 exactly when the library accepts the file, and
//!   2 with a positioned diagnostic when it rejects it.
//!
//! The runs are reproducible: a fixed seed ([`SEED`]), ChaCha, no failure persistence,
//! and stated case counts ([`CASES`] per strategy, [`CLI_CASES`] through the binary).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use ergo::mpl;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The seed of every run.
const SEED: [u8; 32] = *b"ergo mpl front end, issue 18 #6!";
/// Cases per strategy in the library tests.
const CASES: u32 = 1000;
/// Cases run through the `ergo check` binary.
const CLI_CASES: u32 = 60;
/// The most one case may take (a debug build; typical cases take milliseconds).
const PER_CASE: Duration = Duration::from_secs(10);

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED))
}

/// Tokens and pieces of MPL (the keywords come from [`mpl::ast::KEYWORDS`]), plus
/// characters that do not belong.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ",",
    ";",
    ":",
    "!",
    "&",
    "=",
    ">",
    "+",
    "*",
    "|",
    " ",
    "\n",
    "\t",
    "(=[",
    "(>[",
    "(&",
    "])",
    "x",
    "y",
    "N",
    "0",
    "s",
    "s(",
    "f",
    ":=",
    "->",
    "=",
    "in",
    "in2",
    "in3",
    "\"",
    "//",
    "/*",
    "*/",
    "é",
    "名",
    "🦀",
    "\u{0}",
    "\u{1b}[31m",
    "\r",
    "\u{feff}",
    "\u{202e}",
    "6",
    "99999999999999999999",
    "inductive N = 0 | s(N);",
    "op +(N, N) -> N infixl 6;",
    "axiom a: (>[x] (=[x + 0, x]));",
    "def d[f,X] := (>[x] (in[x,X]) (in2[x,x,f]));",
];

/// Every token: [`TOKENS`] and the keywords.
fn tokens() -> Vec<&'static str> {
    let mut all = mpl::ast::KEYWORDS.to_vec();
    all.extend_from_slice(TOKENS);
    all
}

/// The good corpus: every top-level `.mpl` of `axioms/` and `tests/cases/good/`.
fn corpus() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in ["axioms", "tests/cases/good"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "mpl"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            out.push((f, text));
        }
    }
    out
}

/// One edit of a text, positions taken modulo its length.
#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Duplicate(usize, usize),
    Swap(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1..20usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), prop::sample::select(tokens())).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), 1..40usize).prop_map(|(a, n)| Edit::Duplicate(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// Applies edits on bytes (so that they may cut characters: the result may not be UTF-8).
fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let n = b.len().max(1);
        match *e {
            Edit::Delete(a, k) => {
                let a = a % n;
                let end = (a + k).min(b.len());
                b.drain(a.min(end)..end);
            }
            Edit::Insert(a, t) => {
                let a = a % (b.len() + 1);
                b.splice(a..a, t.bytes());
            }
            Edit::Duplicate(a, k) => {
                let a = a % n;
                let end = (a + k).min(b.len());
                let piece = b[a.min(end)..end].to_vec();
                b.splice(end..end, piece);
            }
            Edit::Swap(x, y) => {
                if !b.is_empty() {
                    let (x, y) = (x % b.len(), y % b.len());
                    b.swap(x, y);
                }
            }
            Edit::Truncate(a) => b.truncate(a % (b.len() + 1)),
        }
    }
    b
}

/// Loads `bytes` as the file `dir/case.mpl` (through the reader that checks UTF-8) on its
/// own thread, within [`PER_CASE`], and checks the outcome.
fn check_bytes(dir: &Path, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let path = dir.join("case.mpl");
    std::fs::write(&path, &bytes).unwrap();
    let (tx, rx) = mpsc::channel();
    let p = path.clone();
    std::thread::spawn(move || {
        let outcome = mpl::load(&p).map(|_| ());
        let _ = tx.send(outcome);
    });
    let outcome = match rx.recv_timeout(PER_CASE) {
        Ok(o) => o,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(TestCaseError::fail(format!(
                "no answer within {PER_CASE:?} for {:?}",
                String::from_utf8_lossy(&bytes)
            )))
        }
        // The thread panicked.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(TestCaseError::fail(format!(
                "panic on {:?}",
                String::from_utf8_lossy(&bytes)
            )))
        }
    };
    if let Err(d) = outcome {
        prop_assert!(!d.is_empty());
        let out = d.to_string();
        for item in &d.items {
            let span = item.span;
            prop_assert!(span.is_some(), "no position: {}\n{out}", item.message);
            prop_assert!(d.location(span.unwrap()).is_some(), "{out}");
        }
        prop_assert!(out.starts_with("error: "), "{out}");
        prop_assert!(out.contains("case.mpl:"), "{out}");
        prop_assert!(out.contains('^'), "{out}");
        prop_assert!(
            out.chars()
                .all(|c| c == '\n' || c == '\t' || !c.is_control()),
            "{out:?}"
        );
        prop_assert!(out.len() <= 4_000 * d.len(), "{} bytes", out.len());
    }
    Ok(())
}

fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = runner(cases);
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

#[test]
fn random_token_strings_never_panic_and_are_positioned() {
    let dir = tempfile::tempdir().unwrap();
    let strategy = prop::collection::vec(prop::sample::select(tokens()), 0..80);
    run(CASES, strategy, |tokens| {
        check_bytes(dir.path(), tokens.concat().into_bytes())
    });
}

#[test]
fn random_strings_and_bytes_never_panic_and_are_positioned() {
    let dir = tempfile::tempdir().unwrap();
    run(CASES, any::<String>(), |s| {
        check_bytes(dir.path(), s.into_bytes())
    });
    let bytes = prop::collection::vec(any::<u8>(), 0..300);
    run(CASES, bytes, |b| check_bytes(dir.path(), b));
}

#[test]
fn mutated_corpus_files_never_panic_and_are_positioned() {
    let corpus = corpus();
    assert!(corpus.len() >= 15, "{} corpus files", corpus.len());
    let dir = tempfile::tempdir().unwrap();
    let strategy = (0..corpus.len(), prop::collection::vec(edit(), 1..6));
    run(CASES, strategy, |(k, edits)| {
        check_bytes(dir.path(), apply(&corpus[k].1, &edits))
    });
}

#[test]
fn goals_of_random_text_never_panic() {
    let theory = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let strategy = prop::collection::vec(prop::sample::select(tokens()), 0..30);
    run(CASES, strategy, |tokens| {
        let text = tokens.concat();
        let mut t = theory.clone();
        if let Err(d) = mpl::parse_goal(&mut t, &text) {
            let out = d.to_string();
            prop_assert!(d.items.iter().all(|i| i.span.is_some()), "{out}");
            prop_assert!(out.contains("<goal>:"), "{out}");
        }
        Ok(())
    });
}

#[test]
fn the_cli_exits_2_exactly_on_rejected_files() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let strategy = (0..corpus.len(), prop::collection::vec(edit(), 0..4));
    run(CLI_CASES, strategy, |(k, edits)| {
        let bytes = apply(&corpus[k].1, &edits);
        // Imports (read relative to the file) are missing here: diagnostics too.
        let path = dir.path().join("proptest_case.mpl");
        std::fs::write(&path, &bytes).unwrap();
        let accepted = mpl::load(&path).is_ok();
        let run = Command::new(env!("CARGO_BIN_EXE_ergo"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        if accepted {
            prop_assert_eq!(run.status.code(), Some(0), "{}", stderr);
        } else {
            prop_assert_eq!(run.status.code(), Some(2), "{}", stderr);
            prop_assert!(stderr.contains("proptest_case.mpl:"), "{}", stderr);
        }
        Ok(())
    });
}
