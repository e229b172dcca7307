//! Mutation testing: every certificate in `tests/fixtures/` and in the repository's
//! `proofs/` folder is accepted, and every mutant of it is rejected, by the right theorem
//! and for an expected reason. A mutant whose JSON equals the original's is a no-op: it is
//! skipped and counted. An accepted mutant fails the test and is printed.

use ergo_kernel::format::{Certificate, Dir, Proof, Step, StepKind};
use ergo_kernel::{check_json, theory_digest};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

// Expected error codes per kind of mutation, separated by spaces.
const RULE_SWAP: &str = "unknown-rule rule-not-equation theorem-cited-before-proved \
    cited-theorem-rejected subst-missing-var subst-unknown-var sort-mismatch \
    subterm-mismatch result-mismatch";
const FLIP: &str = "subterm-mismatch result-mismatch";
const DROP: &str = "subterm-mismatch result-mismatch bad-position chain-end-mismatch";
const TERM_LEAF: &str = "result-mismatch unknown-symbol sort-mismatch arity-mismatch";
const SUBST_LEAF: &str =
    "subterm-mismatch result-mismatch unknown-symbol sort-mismatch arity-mismatch";
const POS: &str = "bad-position subterm-mismatch result-mismatch";
const STATEMENT_LEAF: &str = "chain-end-mismatch subterm-mismatch result-mismatch \
    bad-position unknown-symbol sort-mismatch arity-mismatch unknown-sort \
    unknown-induction-var subst-missing-var subst-unknown-var statement-not-equation";
const CITED: &str = "cited-theorem-rejected";

/// Whether `code` is one of the space-separated `codes`.
fn one_of(codes: &str, code: &str) -> bool {
    codes.split_whitespace().any(|c| c == code)
}

/// What must happen to a mutant.
enum Expect {
    /// The whole certificate is rejected with one of these codes.
    Certificate(&'static str),
    /// These theorems (by index) are rejected with one of their codes; if `others_ok`,
    /// every other theorem is accepted.
    Theorems {
        rejected: Vec<(usize, &'static str)>,
        others_ok: bool,
    },
}

struct Mutant {
    what: String,
    json: String,
    expect: Expect,
}

#[derive(Default)]
struct Tally {
    generated: usize,
    rejected: usize,
    no_ops: usize,
    failures: Vec<String>,
}

/// Chains of a proof: their case path and the induction hypothesis names around them.
fn chains(
    proof: &Proof,
    path: &mut Vec<usize>,
    ihs: &mut Vec<String>,
    out: &mut Vec<(Vec<usize>, Vec<String>)>,
) {
    match proof {
        Proof::Chain { .. } => out.push((path.clone(), ihs.clone())),
        Proof::Induction { cases, .. } => {
            for (i, case) in cases.iter().enumerate() {
                let before = ihs.len();
                ihs.extend(case.fresh.iter().map(|f| format!("ih_{f}")));
                path.push(i);
                chains(&case.proof, path, ihs, out);
                path.pop();
                ihs.truncate(before);
            }
        }
    }
}

fn steps_at<'a>(proof: &'a mut Proof, path: &[usize]) -> &'a mut Vec<Step> {
    match (proof, path.split_first()) {
        (Proof::Chain { steps }, None) => steps,
        (Proof::Induction { cases, .. }, Some((i, rest))) => steps_at(&mut cases[*i].proof, rest),
        _ => unreachable!("paths come from `chains`"),
    }
}

fn all_steps(proof: &Proof) -> Vec<&Step> {
    match proof {
        Proof::Chain { steps } => steps.iter().collect(),
        Proof::Induction { cases, .. } => cases.iter().flat_map(|c| all_steps(&c.proof)).collect(),
    }
}

/// Byte ranges of the leaf symbols (symbols not right after `(`) of an s-expression.
fn leaves(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut after_open = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '(' || c == ')' || c.is_whitespace() {
            after_open = c == '(' || (after_open && c.is_whitespace());
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d == '(' || d == ')' || d.is_whitespace() {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        if !after_open {
            out.push((i, end));
        }
        after_open = false;
    }
    out
}

/// Every variant of `text` with one leaf replaced by the next symbol of `pool`.
fn leaf_variants(text: &str, pool: &[String]) -> Vec<String> {
    leaves(text)
        .into_iter()
        .map(|(a, b)| {
            let leaf = &text[a..b];
            let at = pool.iter().position(|p| p == leaf).unwrap_or(0);
            let other = pool
                .iter()
                .cycle()
                .skip(at + 1)
                .take(pool.len())
                .find(|p| *p != leaf);
            let other = other.map(String::as_str).unwrap_or(leaf);
            format!("{}{}{}", &text[..a], other, &text[b..])
        })
        .collect()
}

/// Theorems (by index) that cite theorem `i` directly or transitively.
fn dependents(cert: &Certificate, i: usize) -> Vec<usize> {
    let mut bad: BTreeSet<String> = BTreeSet::from([cert.theorems[i].name.clone()]);
    let mut out = Vec::new();
    for (k, t) in cert.theorems.iter().enumerate().skip(i + 1) {
        let cites = all_steps(&t.proof)
            .iter()
            .any(|s| s.kind == StepKind::Theorem && bad.contains(&s.rule));
        if cites {
            bad.insert(t.name.clone());
            out.push(k);
        }
    }
    out
}

/// Theorem `i` is rejected with one of `codes`, its dependents in turn, the others accepted.
fn cascade(cert: &Certificate, i: usize, codes: &'static str) -> Expect {
    let mut rejected = vec![(i, codes)];
    rejected.extend(dependents(cert, i).into_iter().map(|k| (k, CITED)));
    Expect::Theorems {
        rejected,
        others_ok: true,
    }
}

fn json(cert: &Certificate) -> String {
    serde_json::to_string(cert).unwrap()
}

fn mutants(orig: &Certificate) -> Vec<Mutant> {
    let mut out = Vec::new();
    let mut push = |what: String, cert: Certificate, expect: Expect| {
        out.push(Mutant {
            what,
            json: json(&cert),
            expect,
        });
    };
    let constants: Vec<String> = orig
        .theory
        .operators
        .iter()
        .filter(|o| o.args.is_empty())
        .map(|o| o.name.clone())
        .collect();
    let axioms: Vec<String> = orig.theory.axioms.iter().map(|a| a.name.clone()).collect();
    let theorems: Vec<String> = orig.theorems.iter().map(|t| t.name.clone()).collect();
    let next = |list: &[String], current: &str| -> Option<String> {
        let at = list.iter().position(|x| x == current).unwrap_or(0);
        list.iter()
            .cycle()
            .skip(at + 1)
            .take(list.len())
            .find(|x| *x != current)
            .cloned()
    };

    for (ti, theorem) in orig.theorems.iter().enumerate() {
        let mut pool: BTreeSet<String> = constants.iter().cloned().collect();
        for s in all_steps(&theorem.proof) {
            for text in s.subst.values().chain([&s.term]) {
                pool.extend(
                    leaves(text)
                        .into_iter()
                        .map(|(a, b)| text[a..b].to_string()),
                );
            }
        }
        let pool: Vec<String> = pool.into_iter().collect();
        for (k, statement) in leaf_variants(&theorem.statement, &pool)
            .into_iter()
            .enumerate()
        {
            let mut cert = orig.clone();
            cert.theorems[ti].statement = statement;
            push(
                format!("theorem {ti}: statement leaf {k}"),
                cert,
                cascade(orig, ti, STATEMENT_LEAF),
            );
        }
        let mut found = Vec::new();
        chains(&theorem.proof, &mut Vec::new(), &mut Vec::new(), &mut found);
        for (path, ihs) in found {
            let mut base = orig.clone();
            let steps = steps_at(&mut base.theorems[ti].proof, &path).clone();
            for (si, step) in steps.iter().enumerate() {
                let at = format!(
                    "theorem {ti} ({}), case path {path:?}, step {si}",
                    theorem.name
                );
                let edit = |f: &mut dyn FnMut(&mut Vec<Step>)| {
                    let mut cert = orig.clone();
                    f(steps_at(&mut cert.theorems[ti].proof, &path));
                    cert
                };
                let mut alternatives = vec![format!("{}_nope", step.rule)];
                let same_kind = match step.kind {
                    StepKind::Axiom => next(&axioms, &step.rule),
                    StepKind::Theorem => next(&theorems, &step.rule),
                    StepKind::Hyp => next(&ihs, &step.rule),
                };
                alternatives.extend(same_kind);
                for rule in alternatives {
                    let cert = edit(&mut |s| s[si].rule = rule.clone());
                    push(
                        format!("{at}: rule -> {rule}"),
                        cert,
                        cascade(orig, ti, RULE_SWAP),
                    );
                }
                let cert = edit(&mut |s| {
                    s[si].dir = if s[si].dir == Dir::Lr {
                        Dir::Rl
                    } else {
                        Dir::Lr
                    }
                });
                push(format!("{at}: flip dir"), cert, cascade(orig, ti, FLIP));
                let cert = edit(&mut |s| {
                    s.remove(si);
                });
                push(format!("{at}: drop"), cert, cascade(orig, ti, DROP));
                for (k, term) in leaf_variants(&step.term, &pool).into_iter().enumerate() {
                    let cert = edit(&mut |s| s[si].term = term.clone());
                    push(
                        format!("{at}: term leaf {k}"),
                        cert,
                        cascade(orig, ti, TERM_LEAF),
                    );
                }
                for (var, value) in &step.subst {
                    for (k, value) in leaf_variants(value, &pool).into_iter().enumerate() {
                        let cert = edit(&mut |s| {
                            s[si].subst.insert(var.clone(), value.clone());
                        });
                        push(
                            format!("{at}: subst {var} leaf {k}"),
                            cert,
                            cascade(orig, ti, SUBST_LEAF),
                        );
                    }
                }
                let mut positions = vec![[step.pos.clone(), vec![0]].concat()];
                if let Some((last, init)) = step.pos.split_last() {
                    positions.push(init.to_vec());
                    positions.push([init, &[last + 1]].concat());
                } else {
                    positions.push(vec![1]);
                }
                for pos in positions {
                    let cert = edit(&mut |s| s[si].pos = pos.clone());
                    push(
                        format!("{at}: pos -> {pos:?}"),
                        cert,
                        cascade(orig, ti, POS),
                    );
                }
            }
        }
    }

    // Reorder: a citer moved before the theorem it cites.
    for (j, t) in orig.theorems.iter().enumerate() {
        let cited: BTreeSet<&str> = all_steps(&t.proof)
            .iter()
            .filter(|s| s.kind == StepKind::Theorem)
            .map(|s| s.rule.as_str())
            .collect();
        for i in (0..j).filter(|&i| cited.contains(orig.theorems[i].name.as_str())) {
            let mut cert = orig.clone();
            cert.theorems.swap(i, j);
            let rejected = vec![(i, "theorem-cited-before-proved")];
            push(
                format!("swap theorems {i} and {j}"),
                cert,
                Expect::Theorems {
                    rejected,
                    others_ok: false,
                },
            );
        }
    }
    // An unknown axiom cited by the first axiom step.
    let first_axiom_step = orig.theorems.iter().enumerate().find_map(|(ti, t)| {
        let mut found = Vec::new();
        chains(&t.proof, &mut Vec::new(), &mut Vec::new(), &mut found);
        found.into_iter().find_map(|(path, _)| {
            let mut copy = t.proof.clone();
            let si = steps_at(&mut copy, &path)
                .iter()
                .position(|s| s.kind == StepKind::Axiom)?;
            Some((ti, path, si))
        })
    });
    if let Some((ti, path, si)) = first_axiom_step {
        let mut cert = orig.clone();
        steps_at(&mut cert.theorems[ti].proof, &path)[si].rule = "no_such_axiom".into();
        push(
            "cite an unknown axiom".into(),
            cert,
            cascade(orig, ti, "unknown-rule"),
        );
    }
    // The digest, one character changed (first and last hex digit).
    for at in [7, orig.digest.len().saturating_sub(1)] {
        let mut cert = orig.clone();
        let mut chars: Vec<char> = cert.digest.chars().collect();
        if let Some(c) = chars.get_mut(at) {
            *c = if *c == '0' { '1' } else { '0' };
        }
        cert.digest = chars.into_iter().collect();
        push(
            format!("digest char {at}"),
            cert,
            Expect::Certificate("digest-mismatch"),
        );
    }
    // Axiom statements changed: the digest no longer matches; with the digest recomputed,
    // every theorem resting on the axiom fails.
    for (ai, axiom) in orig.theory.axioms.iter().enumerate() {
        let mut cert = orig.clone();
        cert.theory.axioms[ai].statement = format!("(not {})", axiom.statement);
        push(
            format!("axiom {} negated", axiom.name),
            cert.clone(),
            Expect::Certificate("digest-mismatch"),
        );
        cert.digest = theory_digest(&cert.theory).unwrap();
        let users: Vec<usize> = (0..orig.theorems.len())
            .filter(|&k| {
                all_steps(&orig.theorems[k].proof)
                    .iter()
                    .any(|s| s.kind == StepKind::Axiom && s.rule == axiom.name)
            })
            .collect();
        let mut rejected: BTreeSet<usize> = users.iter().copied().collect();
        for &u in &users {
            rejected.extend(dependents(orig, u));
        }
        if !rejected.is_empty() {
            let codes: &'static str = "rule-not-equation cited-theorem-rejected";
            let rejected = rejected.into_iter().map(|k| (k, codes)).collect();
            push(
                format!("axiom {} negated, digest recomputed", axiom.name),
                cert,
                Expect::Theorems {
                    rejected,
                    others_ok: true,
                },
            );
        }
    }
    // Header fields.
    let mut cert = orig.clone();
    cert.version = 2;
    push(
        "version 2".into(),
        cert,
        Expect::Certificate("unsupported-version"),
    );
    let mut cert = orig.clone();
    cert.format.push('2');
    push("format".into(), cert, Expect::Certificate("bad-format"));
    // Duplicate theorem names: a copy of theorem i appended; the name can no longer be cited.
    for i in 0..orig.theorems.len() {
        let mut cert = orig.clone();
        cert.theorems.push(orig.theorems[i].clone());
        let mut rejected = vec![(orig.theorems.len(), "duplicate-name")];
        rejected.extend(dependents(orig, i).into_iter().map(|k| (k, CITED)));
        push(
            format!("duplicate theorem {i}"),
            cert,
            Expect::Theorems {
                rejected,
                others_ok: true,
            },
        );
    }
    out.extend(json_mutants(orig));
    out
}

/// Mutants made on the JSON itself: unknown fields and a repeated key.
fn json_mutants(orig: &Certificate) -> Vec<Mutant> {
    let value = serde_json::to_value(orig).unwrap();
    let mut targets: Vec<(&str, Vec<Value>)> =
        vec![("top level", vec![]), ("theory", vec!["theory".into()])];
    if !orig.theorems.is_empty() {
        targets.push(("a theorem", vec!["theorems".into(), 0.into()]));
        targets.push(("a proof", vec!["theorems".into(), 0.into(), "proof".into()]));
    }
    let mut out = Vec::new();
    for (what, path) in targets {
        let mut v = value.clone();
        let mut node = &mut v;
        for key in &path {
            node = match key {
                Value::String(k) => &mut node[k.as_str()],
                Value::Number(n) => &mut node[n.as_u64().unwrap() as usize],
                _ => unreachable!(),
            };
        }
        node.as_object_mut()
            .unwrap()
            .insert("x_unknown".into(), 0.into());
        out.push(Mutant {
            what: format!("unknown field in {what}"),
            json: v.to_string(),
            expect: Expect::Certificate("unknown-field"),
        });
    }
    // An unknown field in the first step (found in the serialized text).
    let text = json(orig);
    if let Some(at) = text.find("{\"kind\":") {
        let json = format!("{}{{\"x_unknown\":0,{}", &text[..at], &text[at + 1..]);
        out.push(Mutant {
            what: "unknown field in a step".into(),
            json,
            expect: Expect::Certificate("unknown-field"),
        });
    }
    let json = text.replacen("\"version\":1,", "\"version\":1,\"version\":1,", 1);
    out.push(Mutant {
        what: "repeated key".into(),
        json,
        expect: Expect::Certificate("duplicate-key"),
    });
    out
}

fn judge(m: &Mutant) -> Result<(), String> {
    let code = |r: &Result<(), ergo_kernel::KernelError>| r.as_ref().err().map(|e| e.code());
    match (&m.expect, check_json(&m.json)) {
        (Expect::Certificate(codes), Err(e)) if one_of(codes, e.code()) => Ok(()),
        (Expect::Certificate(codes), Err(e)) => Err(format!(
            "rejected with {e} (code {}), expected one of: {codes}",
            e.code()
        )),
        (Expect::Certificate(_), Ok(r)) => Err(format!("ACCEPTED by the kernel: {r:?}")),
        (Expect::Theorems { .. }, Err(e)) => Err(format!("certificate rejected as a whole: {e}")),
        (
            Expect::Theorems {
                rejected,
                others_ok,
            },
            Ok(report),
        ) => {
            for (i, t) in report.theorems.iter().enumerate() {
                match (rejected.iter().find(|(k, _)| *k == i), &t.result) {
                    (Some(_), Ok(())) => {
                        return Err(format!("ACCEPTED by the kernel: theorem {i} ({})", t.name))
                    }
                    (Some((_, codes)), Err(e)) if !one_of(codes, e.code()) => {
                        return Err(format!(
                            "theorem {i} rejected with {e} (code {}), expected one of: {codes}",
                            e.code()
                        ))
                    }
                    (None, Err(e)) if *others_ok => {
                        return Err(format!(
                            "theorem {i} should be unaffected but: {e} ({:?})",
                            code(&t.result)
                        ))
                    }
                    _ => {}
                }
            }
            match rejected.iter().find(|(k, _)| *k >= report.theorems.len()) {
                Some((k, _)) => Err(format!("theorem {k} is missing from the report")),
                None => Ok(()),
            }
        }
    }
}

/// The fixtures and every certificate under the repository's `proofs/` folder
/// (sub-folders included).
fn certificates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("tests/fixtures"), root.join("../../proofs")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(".proof.json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_mutant_is_rejected() {
    let files = certificates();
    assert!(
        files.iter().any(|f| f.ends_with("peano_mini.proof.json")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("proofs/peano/peano.proof.json")),
        "the derived certificate is missing: {files:?}"
    );
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let report = check_json(&text)
            .unwrap_or_else(|e| panic!("{}: original rejected: {e}", file.display()));
        for t in &report.theorems {
            assert_eq!(
                t.result,
                Ok(()),
                "{}: original theorem {} rejected",
                file.display(),
                t.name
            );
        }
        let orig: Certificate = serde_json::from_str(&text).unwrap();
        let original_json = json(&orig);
        let mut tally = Tally::default();
        for m in mutants(&orig) {
            tally.generated += 1;
            if m.json == original_json {
                tally.no_ops += 1;
                continue;
            }
            match judge(&m) {
                Ok(()) => tally.rejected += 1,
                Err(why) => tally.failures.push(format!(
                    "{}: mutant `{}`: {why}\n  mutant: {}",
                    file.display(),
                    m.what,
                    m.json
                )),
            }
        }
        println!(
            "{}: {} mutants generated, {} rejected as expected, {} no-op skipped, {} failed",
            file.display(),
            tally.generated,
            tally.rejected,
            tally.no_ops,
            tally.failures.len()
        );
        assert!(
            tally.rejected > 0,
            "{}: no mutant generated",
            file.display()
        );
        failures.extend(tally.failures);
    }
    assert!(
        failures.is_empty(),
        "{} mutant(s) not rejected as expected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn leaf_helpers() {
    assert_eq!(leaves("(s (+ x 0))").len(), 2);
    assert_eq!(leaves("x").len(), 1);
    assert_eq!(leaves("(forall ((x N)) (= x x))").len(), 3);
    let pool = vec!["0".to_string(), "x".to_string(), "y".to_string()];
    assert_eq!(leaf_variants("(+ x 0)", &pool), ["(+ y 0)", "(+ x x)"]);
    assert_eq!(leaf_variants("y", &pool), ["0"]);
}
