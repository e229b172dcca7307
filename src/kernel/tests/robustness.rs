//! Fuzz-ish robustness: `check_json` returns (Ok or Err) on every damaged input, never
//! panics. Deterministic: a tiny linear congruential generator, no `rand`.

use ergo_kernel::check_json;
use ergo_kernel::format::{AxiomDecl, Case, Proof, Theorem};
use ergo_kernel::{check, theory_digest};
mod common;

use common::mini;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn fixtures() -> Vec<String> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Knuth's MMIX LCG.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Runs `check_json`, failing the test with the input if it panics; tallies outcomes.
fn run(text: &str, outcomes: &mut BTreeMap<&'static str, usize>) {
    let result = catch_unwind(AssertUnwindSafe(|| check_json(text)));
    let key = match result {
        Ok(Ok(report)) if report.all_ok() => "accepted",
        Ok(Ok(report)) => report
            .theorems
            .iter()
            .find_map(|t| t.result.as_ref().err())
            .map_or("?", |e| e.code()),
        Ok(Err(e)) => e.code(),
        Err(_) => panic!("check_json panicked on:\n{text}"),
    };
    *outcomes.entry(key).or_default() += 1;
}

#[test]
fn truncated_prefixes_never_panic() {
    for text in fixtures() {
        let mut outcomes = BTreeMap::new();
        // Every strict prefix of the JSON value itself (trailing whitespace excluded).
        let json_end = text.trim_end().len();
        for end in (0..json_end).filter(|&i| text.is_char_boundary(i)) {
            run(&text[..end], &mut outcomes);
        }
        assert_eq!(
            outcomes.get("accepted"),
            None,
            "a strict prefix is not a certificate"
        );
        println!("prefixes: {outcomes:?}");
    }
}

#[test]
fn random_byte_flips_never_panic() {
    // Bytes that keep the JSON valid more often (inside strings) and reach the kernel.
    const STRUCTURAL: &[u8] = b"()[]{}\":, 0123456789sxyn+*-_ab\\";
    let mut rng = Lcg(0x5eed);
    for text in fixtures() {
        let mut outcomes = BTreeMap::new();
        for round in 0..3000 {
            let mut bytes = text.clone().into_bytes();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(bytes.len());
                bytes[at] = if round % 2 == 0 {
                    STRUCTURAL[rng.below(STRUCTURAL.len())]
                } else {
                    rng.next() as u8
                };
            }
            run(&String::from_utf8_lossy(&bytes), &mut outcomes);
        }
        println!("byte flips: {outcomes:?}");
        assert!(
            outcomes.len() > 5,
            "the flips reach several kinds of error: {outcomes:?}"
        );
    }
}

#[test]
fn hostile_inputs_never_panic() {
    // The edits below are written for this version 2 fixture.
    let text = &common::fixture_text("peano_conditional.proof.json");
    let mut outcomes = BTreeMap::new();
    let deep_term = format!("{}x{}", "(s ".repeat(200_000), ")".repeat(200_000));
    let hostile = [
        text.replacen("\"pos\": []", &format!("\"pos\": [{}]", usize::MAX), 1),
        text.replacen("\"pos\": []", "\"pos\": [18446744073709551616]", 1),
        text.replacen("\"term\": \"0\"", &format!("\"term\": \"{deep_term}\""), 1),
        text.replacen(
            "\"term\": \"0\"",
            &format!("\"term\": \"{}\"", "(".repeat(100_000)),
            1,
        ),
        text.replacen(
            "\"term\": \"0\"",
            &format!("\"term\": \"{}\"", ")".repeat(100_000)),
            1,
        ),
        text.replacen(
            "\"a\": \"0\"",
            &format!("\"a\": \"{}\"", "x".repeat(1_000_000)),
            1,
        ),
        text.replacen("\"term\": \"0\"", "\"term\": \"\\u0000\"", 1),
        text.replacen("\"term\": \"0\"", "\"term\": \"\\ud800\"", 1),
        text.replacen(
            "\"statement\": \"(forall ((x N))",
            "\"statement\": \"(forall ((x N) (x N))",
            1,
        ),
        text.replacen("\"version\": 2", "\"version\": 99999999999999999999999", 1),
        text.replacen("\"version\": 2", "\"version\": -1", 1),
        text.replacen("\"version\": 2", "\"version\": 2.0", 1),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{{\"format\":{}", "{\"a\":".repeat(50_000)),
        "\u{feff}{}".to_string(),
        "null".to_string(),
        "{\"version\": 2}".to_string(),
    ];
    for h in &hostile {
        run(h, &mut outcomes);
    }
    assert_eq!(outcomes.get("accepted"), None, "{outcomes:?}");
    println!("hostile: {outcomes:?}");
}

/// Runs `f` on a thread with a 2 MiB stack (the default for spawned threads).
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let thread = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap();
    thread.join().unwrap();
}

fn nest(k: usize, inner: &str) -> String {
    format!("{}{inner}{}", "(s ".repeat(k), ")".repeat(k))
}

/// `(+ t 0)` rewritten to `t` and back, so that the step terms are as deep as `t`.
fn there_and_back(t: &str) -> Proof {
    let step = |dir: &str, term: &str| {
        format!(
            r#"{{"kind":"axiom","rule":"add_zero","dir":"{dir}","pos":[],"subst":{{"a":"{t}"}},"term":"{term}"}}"#
        )
    };
    let steps = [step("rl", &format!("(+ {t} 0)")), step("lr", t)];
    serde_json::from_str(&format!(
        r#"{{"method":"chain","steps":[{}]}}"#,
        steps.join(",")
    ))
    .unwrap()
}

#[test]
fn deepest_legal_input_fits_a_small_stack() {
    on_small_stack(|| {
        // Terms at the nesting limit (256): the statement's `forall`, `=` and 254 `s`.
        let d = nest(254, "x");
        let mut cert = mini();
        cert.theorems.push(Theorem {
            params: Vec::new(),
            essential: None,
            name: "deep".into(),
            statement: format!("(forall ((x N)) (= {d} {d}))"),
            proof: Proof::Chain { steps: vec![] },
        });
        let axiom = format!(
            "(forall ((a N)) {}(= a a){})",
            "(not ".repeat(253),
            ")".repeat(253)
        );
        cert.theory.axioms.push(AxiomDecl {
            params: Vec::new(),
            name: "deep_axiom".into(),
            statement: axiom,
        });
        cert.digest = theory_digest(&cert.theory).unwrap();
        let report = check(&cert).unwrap();
        assert!(report.all_ok(), "{:?}", report.theorems[3].result);

        // 64 nested inductions (the limit), then steps on terms 254 deep. Every IH is
        // simple, so it is reverted at the next level: the fresh names differ.
        let name = |k: usize| if k == 0 { "x".into() } else { format!("x{k}") };
        let mut proof = there_and_back(&nest(254, "x64"));
        for k in (0..64).rev() {
            proof = Proof::Induction {
                var: name(k),
                cases: vec![
                    Case {
                        constructor: "0".into(),
                        fresh: vec![],
                        proof: Proof::Chain { steps: vec![] },
                    },
                    Case {
                        constructor: "s".into(),
                        fresh: vec![name(k + 1)],
                        proof,
                    },
                ],
            };
        }
        let mut cert = mini();
        cert.theorems.push(Theorem {
            params: Vec::new(),
            essential: None,
            name: "deep".into(),
            statement: format!("(forall ((x N)) (= {d} {d}))", d = nest(190, "x")),
            proof,
        });
        let report = check(&cert).unwrap();
        assert!(report.all_ok(), "{:?}", report.theorems[3].result);
        assert_eq!(report.theorems[3].steps, 2);
    });
}

#[test]
fn over_deep_input_is_rejected_on_a_small_stack() {
    on_small_stack(|| {
        let mut cert = mini();
        cert.theorems[0].statement = format!("(forall ((x N)) (= {} x))", nest(255, "x"));
        let report = check(&cert).unwrap();
        assert_eq!(
            report.theorems[0].result.as_ref().unwrap_err().code(),
            "too-deep"
        );
        let mut cert = mini();
        cert.theory.axioms[0].statement =
            format!("{}(= 0 0){}", "(not ".repeat(1 << 20), ")".repeat(1 << 20));
        assert_eq!(check(&cert).unwrap_err().code(), "too-deep");
    });
}
