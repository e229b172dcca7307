//! Benchmark: prove the Peano conjectures in file order, and replay the certificate with
//! the kernel, on the same file in the same process.
//!
//! Run with `cargo bench --bench prove`. Prints medians over many runs (and the minimum
//! and maximum), the certificate's step count, the kernel's time per step, and the
//! process's peak resident memory (VmHWM) before and after the runs.
//! (A hand-written harness: it needs per-phase medians and peak memory, not a
//! statistical comparison against a saved baseline.)

use ergo::engine::equation::conjecture_goals;
use ergo::engine::{prove_in_order, Attempt, ProverConfig};
use std::path::Path;
use std::time::{Duration, Instant};

/// The allocator of the `ergo` binary (src/main.rs), so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut xs: Vec<Duration>) -> (Duration, Duration, Duration) {
    xs.sort();
    (xs[0], xs[xs.len() / 2], xs[xs.len() - 1])
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let runs: usize = std::env::var("ERGO_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(51);
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/axioms/peano.mpl"));
    let rss_before = peak_rss_kib();

    let mut parse_times = Vec::new();
    let mut prove_times = Vec::new();
    let mut verify_times = Vec::new();
    let mut steps = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let theory = ergo::mpl::load(path).expect("peano.mpl");
        parse_times.push(t.elapsed());

        let goals = conjecture_goals(&theory).expect("the conjectures are equations");
        let t = Instant::now();
        let attempts = prove_in_order(&theory, &goals, ProverConfig::default());
        prove_times.push(t.elapsed());
        let proved: Vec<_> = attempts
            .iter()
            .map(|a| match a {
                Attempt::Proved(p) => p,
                Attempt::Unproved { name, reason, .. } => panic!("{name} unproved: {reason}"),
            })
            .collect();
        let cert = ergo::proof::certificate(
            &theory,
            "../axioms/peano.mpl",
            &ergo::engine::explain::entries(&proved),
        );
        let json = String::from_utf8(ergo::proof::to_bytes(&cert)).expect("utf-8");

        let t = Instant::now();
        let report = ergo_kernel::check_json(&json).expect("accepted");
        verify_times.push(t.elapsed());
        assert!(report.all_ok());
        steps = report.steps();
    }
    let rss_after = peak_rss_kib();
    let (pmin, pmed, pmax) = median(prove_times);
    let (vmin, vmed, vmax) = median(verify_times);
    let (_, lmed, _) = median(parse_times);
    println!("peano: 12 conjectures in file order, {runs} runs");
    println!(
        "  parse+resolve  median {:>9.3} ms",
        lmed.as_secs_f64() * 1e3
    );
    println!(
        "  prove          median {:>9.3} ms  (min {:.3}, max {:.3})",
        pmed.as_secs_f64() * 1e3,
        pmin.as_secs_f64() * 1e3,
        pmax.as_secs_f64() * 1e3
    );
    println!(
        "  verify (kernel) median {:>8.3} ms  (min {:.3}, max {:.3}); {steps} steps, {:.2} µs/step",
        vmed.as_secs_f64() * 1e3,
        vmin.as_secs_f64() * 1e3,
        vmax.as_secs_f64() * 1e3,
        vmed.as_secs_f64() * 1e6 / steps as f64
    );
    println!(
        "  prove / verify ratio {:.1}",
        pmed.as_secs_f64() / vmed.as_secs_f64()
    );
    if let (Some(b), Some(a)) = (rss_before, rss_after) {
        println!("  peak RSS of this process: {b} KiB before, {a} KiB after the runs");
    }
}
