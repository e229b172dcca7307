//! Benchmark: the full goal-free exploration of the Peano axioms (what `ergo derive`
//! runs), on 1 and on 2 threads in the same process.
//!
//! Run with `cargo bench --bench derive`; `ERGO_BENCH_THEORY=axioms/order.mpl` (a path
//! from the project root) explores another theory. Prints the median wall time per
//! thread count (ERGO_BENCH_RUNS runs, default 5), the speed-up from 1 to 2 threads,
//! the counts (terms, conjectures, conjectures sent to blocks, theorems, essential
//! theorems), the time per phase, and the process's peak resident memory.

use ergo::engine::{explore, Cancel, DeriveConfig, Exploration, RayonExecutor};
use std::path::Path;
use std::time::{Duration, Instant};

/// The allocator of the `ergo` binary (src/main.rs), so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(theory: &ergo::mpl::Theory, threads: usize, runs: usize) -> (Duration, Exploration) {
    let executor = RayonExecutor::new(threads);
    let cancel = Cancel::never();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let ex = explore(
            theory,
            DeriveConfig::goal_free(),
            &executor,
            &cancel,
            &mut |_| {},
        );
        times.push(t.elapsed());
        last = Some(ex);
    }
    times.sort();
    (times[times.len() / 2], last.expect("at least one run"))
}

fn main() {
    let runs: usize = std::env::var("ERGO_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let file =
        std::env::var("ERGO_BENCH_THEORY").unwrap_or_else(|_| "axioms/peano.mpl".to_string());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&file);
    let theory = ergo::mpl::load(&path).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let (one, ex1) = run(&theory, 1, runs);
    let (two, ex2) = run(&theory, 2, runs);
    assert_eq!(
        ex1.theorems.len(),
        ex2.theorems.len(),
        "thread counts disagree"
    );
    let ex = ex2;
    let essential = ex.theorems.iter().filter(|d| d.essential).count();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("{file} derive, median of {runs} runs");
    println!("  1 thread : {:>8.1} ms", ms(one));
    println!(
        "  2 threads: {:>8.1} ms  (speed-up {:.2}x)",
        ms(two),
        ms(one) / ms(two)
    );
    println!(
        "  terms {}, conjectures {}, sent to blocks {}, rounds {}, theorems {} ({essential} essential), subsumed {}, unproved {} ({} conditional), conditional theorems {}",
        ex.terms,
        ex.conjectures,
        ex.attempts,
        ex.rounds,
        ex.theorems.len(),
        ex.subsumed,
        ex.unproved.len() + ex.unproved_clauses.len(),
        ex.unproved_clauses.len(),
        ex.theorems.iter().filter(|d| !d.proved.goal.is_plain()).count()
    );
    let p = ex.phases;
    println!(
        "  phases (last 2-thread run): conjecturing {:.1} ms, pruning {:.1} ms, blocks {:.1} ms, barriers {:.1} ms, conditional facts {:.1} ms, compression {:.1} ms",
        ms(p.conjecture),
        ms(p.prune),
        ms(p.blocks),
        ms(p.barrier),
        ms(p.conditional),
        ms(p.compress)
    );
    if let Some(kib) = peak_rss_kib() {
        println!("  peak RSS of the benchmark process: {kib} KiB");
    }
}
