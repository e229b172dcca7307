//! Mutation testing, continued (issue 18): the classes `mutants.rs` does not generate.
//! Every mutant of the committed Peano certificate (and of the conditional fixture) is
//! checked the way CI checks it, bound to the trusted theories of
//! `proofs/trusted-theories.json` (`binding::check_file`, the code behind `ergo-check`),
//! and each expects its exact error code: edits to the theory section beyond negating an
//! axiom, to `source` and the theory name, coordinated statement-plus-step edits, fresh
//! names that capture or repeat, a step's rule kind, dropped premise proofs, swapped
//! sides, a repeated JSON key at every level, and resource growth.

#[path = "common/hostile.rs"]
mod hostile;

use ergo_kernel::binding::{self, TrustedTheory};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where mutants are written, and the `source` that leads from there to the trusted
/// `axioms/peano.mpl`.
fn scratch() -> (PathBuf, String) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("binding-mutants");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = std::fs::canonicalize(dir).unwrap();
    let up = "../".repeat(dir.components().count() - 1);
    let peano = std::fs::canonicalize(repo().join("axioms/peano.mpl")).unwrap();
    let peano = peano.to_str().unwrap().trim_start_matches('/').to_string();
    (dir, format!("{up}{peano}"))
}

fn trusted() -> Vec<(TrustedTheory, PathBuf)> {
    binding::trusted_files(&repo().join("proofs/trusted-theories.json")).unwrap()
}

fn load(path: &str, source: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["theory"]["source"] = source.into();
    v
}

fn redigest(cert: &mut Value) {
    let section: ergo_kernel::format::TheorySection =
        serde_json::from_value(cert["theory"].clone()).unwrap();
    if let Ok(d) = ergo_kernel::theory_digest(&section) {
        cert["digest"] = d.into();
    }
}

/// What a mutant must be rejected with.
enum Expect {
    /// The whole certificate, with this code.
    Whole(&'static str),
    /// This theorem (by name), with this code.
    Theorem(&'static str, &'static str),
}

/// Writes `text` as a certificate and checks it as CI does; `Ok` if it is rejected as
/// expected.
fn judge(what: &str, text: &str, expect: &Expect, n: usize) -> Result<(), String> {
    let (dir, _) = scratch();
    let file = dir.join(format!("m{n}.proof.json"));
    std::fs::write(&file, text).unwrap();
    let verdict = binding::check_file(&file, &trusted());
    let _ = std::fs::remove_file(&file);
    match (expect, verdict.result) {
        (Expect::Whole(code), Err(e)) if e.code() == *code => Ok(()),
        (Expect::Whole(code), Err(e)) => {
            Err(format!("{what}: {e} [{}], expected {code}", e.code()))
        }
        (Expect::Whole(code), Ok(_)) => Err(format!("{what}: accepted whole, expected {code}")),
        (Expect::Theorem(name, code), Ok((report, _))) => {
            match report.theorems.iter().find(|t| t.name == *name) {
                Some(t) => match &t.result {
                    Err(e) if e.code() == *code => Ok(()),
                    Err(e) => Err(format!(
                        "{what}: {name}: {e} [{}], expected {code}",
                        e.code()
                    )),
                    Ok(()) => Err(format!("{what}: {name} ACCEPTED, expected {code}")),
                },
                None => Err(format!("{what}: no theorem {name}")),
            }
        }
        (Expect::Theorem(_, code), Err(e)) => Err(format!(
            "{what}: rejected whole with {e} [{}], expected {code} on a theorem",
            e.code()
        )),
    }
}

type Edit = fn(&mut Value);

/// Structural mutants of `proofs/peano.proof.json`: (what, edit, redigest, expected).
fn peano_mutants() -> Vec<(&'static str, Edit, bool, Expect)> {
    use Expect::*;
    vec![
        // The theory section, with a recomputed digest (the kernel alone accepts these).
        (
            "an extra axiom 0 = s(0)",
            |c| {
                c["theory"]["axioms"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"name": "evil", "statement": "(= 0 (s 0))"}));
            },
            true,
            Whole("theory-mismatch"),
        ),
        (
            "an extra operator",
            |c| {
                c["theory"]["operators"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"name": "evil", "args": [], "result": "N"}));
            },
            true,
            Whole("theory-mismatch"),
        ),
        (
            "an axiom dropped",
            |c| {
                c["theory"]["axioms"].as_array_mut().unwrap().remove(0);
            },
            true,
            Whole("theory-mismatch"),
        ),
        (
            "an axiom's sides swapped",
            |c| {
                c["theory"]["axioms"][2]["statement"] = "(forall ((a N)) (= a (+ a 0)))".into();
            },
            true,
            Whole("theory-mismatch"),
        ),
        (
            "an axiom renamed",
            |c| {
                c["theory"]["axioms"][2]["name"] = "add_zero2".into();
            },
            true,
            Whole("theory-mismatch"),
        ),
        (
            "constructors reordered",
            |c| {
                c["theory"]["sorts"][0]["constructors"] = json!(["s", "0"]);
            },
            true,
            Whole("theory-mismatch"),
        ),
        (
            "an extra axiom, digest not updated",
            |c| {
                c["theory"]["axioms"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"name": "evil", "statement": "(= 0 (s 0))"}));
            },
            false,
            Whole("theory-mismatch"),
        ),
        // The theory name and the source.
        (
            "another theory name",
            |c| c["theory"]["name"] = "peano2".into(),
            true,
            Whole("untrusted-theory"),
        ),
        (
            "a look-alike theory name",
            |c| c["theory"]["name"] = "pe\u{430}no".into(),
            true,
            Whole("untrusted-theory"),
        ),
        (
            "an absolute source",
            |c| c["theory"]["source"] = "/etc/passwd".into(),
            false,
            Whole("source-mismatch"),
        ),
        (
            "a device source",
            |c| c["theory"]["source"] = "/dev/zero".into(),
            false,
            Whole("source-mismatch"),
        ),
        (
            "an empty source",
            |c| c["theory"]["source"] = "".into(),
            false,
            Whole("source-mismatch"),
        ),
        (
            "a source naming another file",
            |c| c["theory"]["source"] = "m0.proof.json".into(),
            false,
            Whole("source-mismatch"),
        ),
        // Names.
        (
            "a theorem name with a newline",
            |c| c["theorems"][1]["name"] = "a\nok b".into(),
            false,
            Theorem("a\nok b", "bad-name"),
        ),
        (
            "a theorem name with a right-to-left mark",
            |c| c["theorems"][1]["name"] = "add\u{202e}l".into(),
            false,
            Theorem("add\u{202e}l", "bad-name"),
        ),
        (
            "a conjecture's name on another statement",
            |c| {
                c["theorems"][0]["statement"] = "(forall ((x N)) (= (+ x 0) x))".into();
            },
            false,
            Theorem("add_zero_l", "conjecture-mismatch"),
        ),
        (
            "no theorems",
            |c| c["theorems"] = json!([]),
            false,
            Whole("no-theorems"),
        ),
        // Coordinated statement-plus-step edits.
        (
            "statement and last step's term both changed",
            |c| {
                c["theorems"][0]["statement"] = "(forall ((x N)) (= (+ 0 x) (s x)))".into();
                c["theorems"][0]["name"] = "t0".into();
                c["theorems"][0]["proof"]["cases"][0]["proof"]["steps"][0]["term"] = "(s 0)".into();
            },
            false,
            Theorem("t0", "result-mismatch"),
        ),
        (
            "binder renamed in the statement only",
            |c| {
                c["theorems"][0]["statement"] = "(forall ((z N)) (= (+ 0 z) z))".into();
            },
            false,
            Theorem("add_zero_l", "unknown-induction-var"),
        ),
        // Fresh names.
        (
            "a fresh name that is an operator",
            |c| {
                c["theorems"][0]["proof"]["cases"][1]["fresh"] = json!(["s"]);
            },
            false,
            Theorem("add_zero_l", "bad-fresh-name"),
        ),
        (
            "a fresh name that captures a rigid variable",
            |c| {
                c["theorems"][2]["proof"]["cases"][1]["fresh"] = json!(["y"]);
            },
            false,
            Theorem("add_comm", "bad-fresh-name"),
        ),
        (
            "a fresh name repeated across arity",
            |c| {
                c["theorems"][0]["proof"]["cases"][1]["fresh"] = json!(["x", "x"]);
            },
            false,
            Theorem("add_zero_l", "fresh-arity-mismatch"),
        ),
        // A step's rule kind, swapped sides, direction.
        (
            "a step's kind axiom -> theorem",
            |c| {
                c["theorems"][0]["proof"]["cases"][0]["proof"]["steps"][0]["kind"] =
                    "theorem".into();
            },
            false,
            Theorem("add_zero_l", "unknown-rule"),
        ),
        (
            "a step's kind theorem -> axiom",
            |c| {
                c["theorems"][2]["proof"]["cases"][0]["proof"]["steps"][0]["kind"] = "axiom".into();
            },
            false,
            Theorem("add_comm", "unknown-rule"),
        ),
        (
            "a step's kind hyp -> axiom",
            |c| {
                c["theorems"][0]["proof"]["cases"][1]["proof"]["steps"][1]["kind"] = "axiom".into();
            },
            false,
            Theorem("add_zero_l", "unknown-rule"),
        ),
        (
            "a step's direction flipped",
            |c| {
                c["theorems"][0]["proof"]["cases"][0]["proof"]["steps"][0]["dir"] = "rl".into();
            },
            false,
            Theorem("add_zero_l", "subterm-mismatch"),
        ),
        (
            "a statement's sides swapped",
            |c| {
                c["theorems"][1]["statement"] =
                    "(forall ((x N) (y N)) (= (s (+ x y)) (+ (s x) y)))".into();
                c["theorems"][1]["name"] = "t1".into();
            },
            false,
            Theorem("t1", "subterm-mismatch"),
        ),
        // Resource growth: a term nested past the s-expression limit.
        (
            "a step's term nested 300 deep",
            |c| {
                let deep = format!("{}0{}", "(s ".repeat(300), ")".repeat(300));
                c["theorems"][0]["proof"]["cases"][0]["proof"]["steps"][0]["term"] = deep.into();
            },
            false,
            Theorem("add_zero_l", "too-deep"),
        ),
    ]
}

/// A repeated key at every level of the certificate: (what, the key's text as
/// serialized, occurrence to double).
const DUPLICATES: [(&str, &str); 11] = [
    ("top level", "\"format\":"),
    ("theory", "\"source\":"),
    ("sort", "\"constructors\":"),
    ("operator", "\"result\":"),
    ("axiom", "\"statement\":\"(forall ((a N)) (not"),
    (
        "theorem",
        "\"statement\":\"(forall ((x N)) (= (+ 0 x) x))\"",
    ),
    ("proof", "\"var\":"),
    ("case", "\"fresh\":"),
    ("step", "\"dir\":"),
    ("step's subst", "\"subst\":{\"a\":\"0\""),
    ("step's position", "\"pos\":"),
];

/// Doubles the first `"key":value` found at `needle` (the value up to the next `,"` at
/// the same level is copied: enough for the fields chosen above).
fn double_key(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found"));
    let key_end = at + text[at..].find(':').unwrap() + 1;
    let key = &text[at..key_end];
    if let Some(rest) = needle.strip_prefix("\"subst\":{") {
        // Repeat the first binding inside the subst object.
        let inner = &needle[needle.len() - rest.len()..];
        let start = at + "\"subst\":{".len();
        return format!("{}{inner},{}", &text[..start], &text[start..]);
    }
    // Copy the value: up to the comma that follows at depth 0.
    let bytes = text.as_bytes();
    let (mut depth, mut i, mut in_str) = (0i32, key_end, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' if bytes[i - 1] != b'\\' => in_str = !in_str,
            b'[' | b'{' if !in_str => depth += 1,
            b']' | b'}' if !in_str => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            b',' if !in_str && depth == 0 => break,
            _ => {}
        }
        i += 1;
    }
    let value = &text[key_end..i];
    format!("{}{key}{value},{}", &text[..at], &text[at..])
}

#[test]
fn binding_mutants_are_rejected_with_their_exact_codes() {
    let (_, source) = scratch();
    let orig = load("proofs/peano.proof.json", &source);
    let text = orig.to_string();
    judge(
        "the original",
        &text,
        &Expect::Theorem("add_comm", "none"),
        0,
    )
    .expect_err("the original is accepted");
    let mut failures = Vec::new();
    let mut count = 0;
    for (what, edit, redo, expect) in peano_mutants() {
        let mut m = orig.clone();
        edit(&mut m);
        if redo {
            redigest(&mut m);
        }
        count += 1;
        if let Err(why) = judge(what, &m.to_string(), &expect, count) {
            failures.push(why);
        }
    }
    for (level, needle) in DUPLICATES {
        count += 1;
        let m = double_key(&text, needle);
        if let Err(why) = judge(level, &m, &Expect::Whole("duplicate-key"), count) {
            failures.push(why);
        }
    }
    // Dropped and extra premise proofs of a conditional step / contradiction.
    let cond = load(
        "src/kernel/tests/fixtures/peano_conditional.proof.json",
        &source,
    );
    let mut m = cond.clone();
    m["theorems"][0]["proof"]["cases"][0]["proof"]["premises"] = json!([]);
    count += 1;
    let expect = Expect::Theorem("succ_ne_self", "premise-count-mismatch");
    if let Err(why) = judge("a dropped premise proof", &m.to_string(), &expect, count) {
        failures.push(why);
    }
    // Resource growth: the hostile certificates, bound.
    let mut base: ergo_kernel::Certificate = serde_json::from_value(orig.clone()).unwrap();
    base.theory.source = source.clone();
    let a = serde_json::to_string(&hostile::repeated_variable(&base)).unwrap();
    count += 1;
    let expect = Expect::Theorem("use", "term-too-large");
    if let Err(why) = judge("a 2^29-node instance", &a, &expect, count) {
        failures.push(why);
    }
    println!("{count} binding mutants, {} failed", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn double_key_repeats_a_field() {
    let t = r#"{"a":[1,{"b":2}],"c":"x,y"}"#;
    assert_eq!(
        double_key(t, "\"a\":"),
        r#"{"a":[1,{"b":2}],"a":[1,{"b":2}],"c":"x,y"}"#
    );
    assert_eq!(
        double_key(t, "\"c\":"),
        r#"{"a":[1,{"b":2}],"c":"x,y","c":"x,y"}"#
    );
}
