//! Property-based test (issue 18): random edits of a certificate, textual and structural,
//! never make the kernel panic or hang, and every rejection has an error code.
//!
//! Fixed seed (proptest's ChaCha RNG seeded with zeros), so every run checks the same
//! cases: [`TEXT_CASES`] textual edits (delete, insert, replace, duplicate a slice) and
//! [`TREE_CASES`] structural ones (a string field or array of the JSON replaced by a
//! token from a hostile pool). Each case is checked plainly and bound to a trusted theory
//! whose conjectures are the fixture's theorems; each must finish in under a second.

mod common;

use ergo_kernel::binding::{check_bound, ConjectureDecl, TrustedTheory};
use ergo_kernel::Certificate;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The number of textual edits checked.
const TEXT_CASES: u32 = 3000;
/// The number of structural edits checked.
const TREE_CASES: u32 = 3000;

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[0; 32]))
}

fn trusted(cert: &Certificate) -> TrustedTheory {
    TrustedTheory {
        path: "peano.mpl".into(),
        sha256: String::new(),
        name: cert.theory.name.clone(),
        digest: cert.digest.clone(),
        conjectures: cert
            .theorems
            .iter()
            .map(|t| ConjectureDecl {
                name: t.name.clone(),
                statement: t.statement.clone(),
            })
            .collect(),
    }
}

/// Checks `text` plainly and bound; panics (failing the case) on a rejection without a
/// code or a check slower than a second.
fn check(text: &str, trusted: &TrustedTheory) {
    let start = Instant::now();
    match ergo_kernel::check_json(text) {
        Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
        Ok(report) => {
            for t in &report.theorems {
                if let Err(e) = &t.result {
                    assert!(!e.code().is_empty() && !e.to_string().is_empty());
                }
            }
        }
    }
    if let Ok(cert) = ergo_kernel::parse_json(text) {
        if let Err(e) = check_bound(&cert, std::slice::from_ref(trusted)) {
            assert!(!e.code().is_empty());
        }
    }
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?} for {text}");
}

const CHARS: &[char] = &[
    '(', ')', '[', ']', '{', '}', '"', ',', ':', ' ', '0', 's', '+', 'x', '\\', '\n', 'é',
    '\u{202e}', '\u{0}',
];

#[test]
fn random_text_edits_never_panic_and_always_have_a_code() {
    let text = common::mini_text();
    let cert: Certificate = serde_json::from_str(&text).unwrap();
    let trusted = trusted(&cert);
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let edit = (0..4u8, 0..n, 0..40usize, 0..CHARS.len(), 1..8usize);
    let mut runner = runner(TEXT_CASES);
    let mut cases = 0;
    for _ in 0..TEXT_CASES {
        let (kind, at, len, c, times) = edit.new_tree(&mut runner).unwrap().current();
        let mut edited = chars.clone();
        let end = (at + len).min(n);
        match kind {
            0 => {
                edited.drain(at..end);
            }
            1 => edited.insert(at, CHARS[c]),
            2 => edited[at] = CHARS[c],
            _ => {
                let slice: Vec<char> = chars[at..end].to_vec();
                for _ in 0..times {
                    edited.splice(at..at, slice.iter().copied());
                }
            }
        }
        check(&edited.into_iter().collect::<String>(), &trusted);
        cases += 1;
    }
    assert_eq!(cases, TEXT_CASES);
}

/// Every string and array in the JSON value, by path.
fn leaves(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::String(_) | Value::Array(_) | Value::Number(_) => out.push(path.clone()),
        _ => {}
    }
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.into());
                leaves(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                path.push(k.clone().into());
                leaves(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'v>(v: &'v mut Value, path: &[Value]) -> &'v mut Value {
    path.iter().fold(v, |node, key| match key {
        Value::String(k) => &mut node[k.as_str()],
        Value::Number(i) => &mut node[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

#[test]
fn random_structural_edits_never_panic_and_always_have_a_code() {
    let text = common::mini_text();
    let cert: Certificate = serde_json::from_str(&text).unwrap();
    let trusted = trusted(&cert);
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut paths = Vec::new();
    leaves(&value, &mut Vec::new(), &mut paths);
    let deep = format!("{}0{}", "(s ".repeat(200), ")".repeat(200));
    let wide = format!("(+ {})", vec!["0"; 5000].join(" "));
    let pool: Vec<Value> = vec![
        "".into(),
        "0".into(),
        "x".into(),
        "(s x)".into(),
        "(+ x 0)".into(),
        "h1".into(),
        "ih_x".into(),
        "add_zero".into(),
        "axiom".into(),
        "theorem".into(),
        "hyp".into(),
        "rl".into(),
        "N".into(),
        "s".into(),
        "/etc/passwd".into(),
        "a\nok b".into(),
        "\u{202e}x".into(),
        deep.into(),
        wide.into(),
        serde_json::json!([]),
        serde_json::json!([0]),
        serde_json::json!([1, 0, 7]),
        serde_json::json!(["x", "x"]),
        serde_json::json!(4294967296u64),
    ];
    let edit = (0..paths.len(), 0..pool.len());
    let mut runner = runner(TREE_CASES);
    for _ in 0..TREE_CASES {
        let (p, t) = edit.new_tree(&mut runner).unwrap().current();
        let mut v = value.clone();
        *at_mut(&mut v, &paths[p]) = pool[t].clone();
        check(&v.to_string(), &trusted);
    }
}
