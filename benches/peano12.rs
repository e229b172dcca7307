//! Benchmark: the peano-12 goals, each proved alone from the axioms (lemmas discovered
//! by ergo), for both axiom files; and the same goals given to cvc5 when it is installed.
//!
//! Run with `cargo bench --bench peano12`. Prints, per goal, the median time over the
//! runs and the lemmas discovered; the totals; peak resident memory; and, with cvc5 on
//! PATH (Debian package `cvc5`), cvc5's result and time per goal (options
//! `--quant-ind --conjecture-gen --conjecture-gen-per-round=3 --full-saturate-quant`,
//! 10 s per goal) with the solved counts and the time ratio side by side.
//! Environment: ERGO_BENCH_RUNS (default 5), ERGO_BENCH_CVC5=0 to skip cvc5.

use ergo::engine::discover::{prepare, prove_goal, DiscoverConfig, Outcome};
use ergo::engine::equation::axiom_equations;
use ergo::engine::{Goal, RayonExecutor};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The allocator of the `ergo` binary (src/main.rs), so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CVC5_LIMIT: Duration = Duration::from_secs(10);

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

struct Row {
    name: String,
    proved: bool,
    ms: f64,
    lemmas: usize,
    cvc5: Option<(bool, f64)>,
}

fn cvc5_available() -> bool {
    std::env::var("ERGO_BENCH_CVC5").as_deref() != Ok("0")
        && Command::new("cvc5")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// Runs cvc5 on one problem: (proved, seconds).
fn cvc5(problem: &str, dir: &Path, name: &str) -> (bool, f64) {
    let file = dir.join(format!("{name}.smt2"));
    std::fs::write(&file, problem).expect("write problem");
    let t = Instant::now();
    let out = Command::new("cvc5")
        .args([
            "--quant-ind",
            "--conjecture-gen",
            "--conjecture-gen-per-round=3",
            "--full-saturate-quant",
            &format!("--tlimit={}", CVC5_LIMIT.as_millis()),
        ])
        .arg(&file)
        .output()
        .expect("run cvc5");
    let secs = t.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&out.stdout);
    (text.lines().next().map(str::trim) == Some("unsat"), secs)
}

fn bench_file(file: &str, runs: usize, with_cvc5: bool) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let theory = prepare(&ergo::mpl::load(&path).expect("theory loads"));
    let axioms = axiom_equations(&theory);
    let executor = RayonExecutor::new(0);
    let config = DiscoverConfig {
        timeout: Duration::from_secs(10),
        ..DiscoverConfig::default()
    };
    let scratch = std::env::temp_dir().join(format!("ergo-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let mut rows = Vec::new();
    for c in &theory.conjectures {
        let goal = Goal::from_formula(&c.formula).expect("equation");
        let mut times = Vec::new();
        let (mut proved, mut lemmas) = (false, 0);
        for _ in 0..runs {
            let t = Instant::now();
            let outcome = prove_goal(&theory, &c.name, &goal, &axioms, &config, &executor);
            times.push(t.elapsed());
            if let Outcome::Proved { lemmas: l, .. } = &outcome {
                proved = true;
                lemmas = l.len();
            }
        }
        let cvc5 = with_cvc5.then(|| {
            cvc5(
                &ergo::export::smtlib::goal_problem(&theory, &goal),
                &scratch,
                &c.name,
            )
        });
        rows.push(Row {
            name: c.name.clone(),
            proved,
            ms: median(times).as_secs_f64() * 1e3,
            lemmas,
            cvc5,
        });
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!("\n{file}: each goal alone from the axioms, median of {runs} runs");
    println!(
        "  {:<12} {:>10} {:>7}   {:>12}",
        "goal", "ergo ms", "lemmas", "cvc5"
    );
    for r in &rows {
        let ergo = if r.proved {
            format!("{:.2}", r.ms)
        } else {
            "FAILED".into()
        };
        let cvc5 = match r.cvc5 {
            Some((true, s)) => format!("{:.2} s", s),
            Some((false, s)) => format!("no ({:.1} s)", s),
            None => "-".into(),
        };
        println!(
            "  {:<12} {:>10} {:>7}   {:>12}",
            r.name, ergo, r.lemmas, cvc5
        );
    }
    let solved = rows.iter().filter(|r| r.proved).count();
    let total_ms: f64 = rows.iter().map(|r| r.ms).sum();
    println!(
        "  ergo: {solved}/{} proved, total {:.1} ms",
        rows.len(),
        total_ms
    );
    if with_cvc5 {
        let c_solved = rows
            .iter()
            .filter(|r| matches!(r.cvc5, Some((true, _))))
            .count();
        let c_total: f64 = rows.iter().filter_map(|r| r.cvc5.map(|(_, s)| s)).sum();
        println!(
            "  cvc5: {c_solved}/{} proved, total {:.1} s (10 s limit each); time ratio cvc5/ergo {:.0}x",
            rows.len(),
            c_total,
            c_total * 1e3 / total_ms
        );
    }
}

fn main() {
    let runs: usize = std::env::var("ERGO_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let with_cvc5 = cvc5_available();
    if !with_cvc5 {
        println!("cvc5 not found (apt-get install cvc5) or disabled: ergo only");
    }
    bench_file("axioms/peano.mpl", runs, with_cvc5);
    bench_file("axioms/peano_first.mpl", runs, with_cvc5);
    if let Some(kib) = peak_rss_kib() {
        println!("\npeak RSS of the benchmark process: {kib} KiB");
    }
}
