//! Goal-free exploration of the Peano axioms: what TARGETS.md section B asks `ergo
//! derive` to find, an essential subset, no trivial theorem, kernel-checked output, and
//! the same output for any number of threads.

mod common;

use common::not_covered;
use ergo::engine::{
    explore, Attempt, Cancel, DeriveConfig, Exploration, Goal, Prover, ProverConfig, RayonExecutor,
    RuleKind,
};
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn peano() -> ergo::mpl::Theory {
    ergo::mpl::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/axioms/peano.mpl"
    )))
    .unwrap()
}

fn derive(threads: usize) -> Exploration {
    explore(
        &peano(),
        DeriveConfig::default(),
        &RayonExecutor::new(threads),
        &Cancel::never(),
        &mut |_| {},
    )
}

/// One exploration on two threads, shared by the tests that only inspect it.
fn derived() -> &'static Exploration {
    static EX: std::sync::OnceLock<Exploration> = std::sync::OnceLock::new();
    EX.get_or_init(|| derive(2))
}

/// TARGETS.md section B (equations): QuickSpec's laws for {0, 1, +, *}, GL's Peano
/// theorems, and the peano-12 suite. `1` is `s(0)`.
const SECTION_B: &[&str] = &[
    "x + 0 = x",
    "0 + x = x",
    "x * 0 = 0",
    "0 * x = 0",
    "x * s(0) = x",
    "s(0) * x = x",
    "x + y = y + x",
    "x * y = y * x",
    "(x + y) + z = x + (y + z)",
    "(x * y) * z = x * (y * z)",
    "x * (y + s(0)) = x + x * y",
    "x * y + x * z = x * (y + z)",
    "x * (y + (y + y)) = y * (x + (x + x))",
    "s(a) = a + s(0)",
    "s(a) = s(0) + a",
    "s(a) + b = s(a + b)",
    "s(a) + b = s(b) + a",
    "s(a) * b = a * b + b",
    "s(x) * y = x * y + y",
    "x * (y + z) = x * y + x * z",
    "(x + y) * z = x * z + y * z",
    // Conditional facts and disequations: left and right cancellation, and GL's facts
    // about 0 and the successor.
    "(>[a,b,c] (=[a + b, a + c]) (=[b, c]))",
    "(>[a,b,c] (=[b + a, c + a]) (=[b, c]))",
    "(>[a,b] (=[a + b, 0]) (=[a, 0]))",
    "(>[a,b] (=[a + b, 0]) (=[b, 0]))",
    "(>[a,b] (=[a + b, a]) (=[b, 0]))",
    "s(x) != x",
    "x + s(y) != x",
    "s(x) + y != y",
];

#[test]
fn derive_finds_every_equation_of_targets_section_b() {
    let ex = derived();
    let missing = not_covered(ex, SECTION_B);
    assert!(
        missing.is_empty(),
        "not found by rewriting with the derived theorems:\n{}",
        missing.join("\n")
    );
}

#[test]
fn output_is_kernel_checked_nontrivial_and_has_an_essential_subset() {
    let ex = derived();
    assert!(ex.theorems.len() >= 5);
    for d in &ex.theorems {
        assert_ne!(
            d.proved.goal.lhs, d.proved.goal.rhs,
            "trivial theorem {}",
            d.proved.name
        );
    }
    let essential: Vec<&str> = ex
        .theorems
        .iter()
        .filter(|d| d.essential)
        .map(|d| d.proved.name.as_str())
        .collect();
    for name in ["add_comm", "add_assoc", "mul_comm", "mul_assoc"] {
        assert!(
            essential.contains(&name),
            "{name} not essential: {essential:?}"
        );
    }
    assert!(
        essential.len() < ex.theorems.len(),
        "nothing was compressed away"
    );
    let proved: Vec<_> = ex.theorems.iter().map(|d| &d.proved).collect();
    let cert = ergo::proof::certificate(
        &ex.theory,
        "../axioms/peano.mpl",
        &ergo::engine::explain::entries(&proved),
    );
    let report = ergo_kernel::check(&cert).unwrap();
    assert!(
        report.all_ok(),
        "{:?}",
        report.theorems.iter().find(|t| t.result.is_err())
    );
    assert!(
        ex.unproved.is_empty(),
        "unproved: {:?}",
        ex.unproved.iter().map(|c| &c.key).collect::<Vec<_>>()
    );
}

#[test]
fn derive_finds_conditional_facts_and_none_is_vacuous() {
    let ex = derived();
    let clauses: Vec<&Goal> = ex
        .theorems
        .iter()
        .map(|d| &d.proved.goal)
        .filter(|g| !g.is_plain())
        .collect();
    assert!(
        clauses.iter().any(|g| g.negated) && clauses.iter().any(|g| !g.premises.is_empty()),
        "derive found no disequation or no conditional fact"
    );
    // Not vacuous: every conditional theorem's premises hold together on some ground
    // instance.
    let mut eval = ergo::engine::eval::Evaluator::new(&ex.theory);
    for g in clauses.iter().filter(|g| !g.premises.is_empty()) {
        let satisfiable = eval.instances(&g.rigid, 6).into_iter().any(|inst| {
            g.premises.iter().all(|(l, r)| {
                let (a, b) = (eval.eval(l, &inst), eval.eval(r, &inst));
                a.is_some() && a == b
            })
        });
        let text = ergo::mpl::print::formula(&ex.theory, &g.formula());
        assert!(satisfiable, "vacuous theorem: {text}");
    }
}

#[test]
fn no_essential_theorem_follows_from_the_other_essential_ones_by_rewriting() {
    let ex = derived();
    let axioms = ergo::engine::equation::axiom_equations(&ex.theory);
    let essential: Vec<_> = ex.theorems.iter().filter(|d| d.essential).collect();
    for d in &essential {
        let mut eqs = axioms.clone();
        eqs.extend(
            essential
                .iter()
                .filter(|e| e.proved.name != d.proved.name)
                .map(|e| {
                    e.proved
                        .goal
                        .clone()
                        .into_equation(RuleKind::Theorem, &e.proved.name)
                }),
        );
        let config = ProverConfig {
            induction: false,
            ..ProverConfig::default()
        };
        let mut prover = Prover::with_equations(&ex.theory, eqs, config);
        assert!(
            matches!(prover.prove("t", &d.proved.goal), Attempt::Unproved { .. }),
            "{} follows from the other essential theorems",
            d.proved.name
        );
    }
}

/// `ergo derive axioms/peano.mpl --out DIR --threads N` (run from the project root, so
/// the certificate names its source `../../axioms/peano.mpl` like the committed one).
fn derive_cli(dir: &str, threads: usize) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target").join(dir);
    let _ = std::fs::remove_dir_all(&out);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ergo"))
        .current_dir(root)
        .args(["derive", "axioms/peano.mpl", "--out"])
        .arg(Path::new("target").join(dir))
        .args(["--threads", &threads.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ergo derive --threads {threads} failed");
    let bytes = std::fs::read(out.join("peano.proof.json")).unwrap();
    let _ = std::fs::remove_dir_all(&out);
    bytes
}

/// Determinism is a property: the certificate is the same bytes on one thread, on two,
/// on two while busy threads compete for the CPU (every budget inside a block is a
/// count, never a clock), and the same as the committed one.
#[test]
fn derive_certificate_is_byte_identical_for_any_threads_and_load() {
    let one = derive_cli("derive-determinism-1", 1);
    let two = derive_cli("derive-determinism-2", 2);
    assert!(one == two, "1 and 2 threads differ");
    // A CPU hog beside the run: busy-looping threads, stopped after.
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let hogs: Vec<_> = (0..2)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut x = 0u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
            })
        })
        .collect();
    let loaded = derive_cli("derive-determinism-3", 2);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    hogs.into_iter().for_each(|h| h.join().unwrap());
    assert!(
        one == loaded,
        "a loaded machine gives a different certificate"
    );
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("proofs/peano/peano.proof.json"))
            .unwrap();
    assert!(
        one == committed,
        "differs from the committed proofs/peano/peano.proof.json"
    );
}
