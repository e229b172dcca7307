//! Benchmark: goal-free exploration on the IsaPlanner theories (issue 16). For every
//! problem of `../shared/benchmarks/tip/isaplanner`, in file-name order, one at a time:
//!
//! 1. `ergo derive FILE --out TMP --threads 1 --json --time-limit SECS` explores the
//!    problem's definitions (its goal is ignored) for at most `--derive-limit` seconds
//!    (default 10): a run stopped by its time limit keeps and writes what it proved, as a
//!    user's would, and those theorems count (the run is marked "stopped"); one still
//!    running 30 s after the limit is killed (a timeout, the goal then not covered);
//! 2. `ergo prove FILE --lemmas TMP --no-induction --timeout 5 --threads 1 --json --out
//!    TMP2` asks whether the goal follows from the derived theorems by rewriting alone
//!    (saturation, no induction, no lemma discovery);
//! 3. `ergo verify TMP2 --theory FILE` replays that certificate with the kernel.
//!
//! A goal is covered when the prover proves it and the kernel accepts the certificate.
//! Reported: goals covered (N of the suite), theorems per theory (median, max), derive
//! time per theory (median, worst), peak memory (the children's `VmHWM`, polled every
//! 5 ms as in benches/tip.rs), and the goals not covered with the stage that failed.
//!
//! Run with `cargo bench --bench explore_tip` (options after `--`: `--derive-limit SECS`;
//! `--timeout SECS` for prove, default 5; `--only NAME` for the files whose name contains
//! NAME; `--no-write` to leave `docs/explore_tip.md` alone; `ERGO_BIN=PATH` to run
//! another `ergo` binary). A hand-written harness (harness = false): CI builds it with
//! `cargo clippy --all-targets` but never runs it.

mod common;

use common::{ergo_bin, escape, first_line, watch, write_atomically, Finished};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Where a problem's run ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// The goal follows from the derived theorems and the kernel accepts the proof.
    Covered,
    /// `derive` ran past the wall limit.
    DeriveTimeout,
    /// `derive` failed (bad input, a kernel rejection, a crash).
    DeriveError,
    /// The goal does not follow by rewriting from the derived theorems.
    NotFollowing,
    /// `prove` ran past its limit (its own or the wall clock's).
    ProveTimeout,
    /// `prove` failed.
    ProveError,
    /// The kernel rejected the certificate of the goal.
    Rejected,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Covered => "covered",
            Stage::DeriveTimeout => "derive timeout",
            Stage::DeriveError => "derive error",
            Stage::NotFollowing => "does not follow",
            Stage::ProveTimeout => "prove timeout",
            Stage::ProveError => "prove error",
            Stage::Rejected => "kernel rejected",
        }
    }
}

struct Row {
    name: String,
    stage: Stage,
    detail: String,
    /// Theorems derived (all, essential); none when derive did not finish.
    theorems: Option<(usize, usize)>,
    /// Whether derive stopped at its time limit (its theorems still count).
    stopped: bool,
    derive_wall: Duration,
    derive_peak_kib: u64,
    prove_wall: Duration,
    prove_peak_kib: u64,
}

/// The last line of a child's stderr that says something, for an error's detail.
fn why_failed(done: &Finished, stderr: &Path) -> String {
    let text = std::fs::read_to_string(stderr).unwrap_or_default();
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no output");
    format!("{}: {line}", done.status)
}

/// How long after its own time limit a derive is killed (it finishes its round, then
/// compresses and kernel-checks what it proved).
const KILL_AFTER: Duration = Duration::from_secs(30);

/// Explores one problem's definitions into `dir`: (theorems, essential, stopped at the
/// time limit).
fn derive(
    file: &Path,
    limit: Duration,
    dir: &Path,
    tmp: &Path,
) -> (Finished, Result<(usize, usize, bool), String>) {
    let _ = std::fs::remove_dir_all(dir);
    let stdout = tmp.join("derive.json");
    let stderr = tmp.join("derive.err");
    let done = watch(
        Command::new(ergo_bin())
            .current_dir(common::root())
            .arg("derive")
            .arg(file)
            .arg("--out")
            .arg(dir)
            .args(["--threads", "1", "--json", "--time-limit"])
            .arg(limit.as_secs().max(1).to_string())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).expect("temp file"))
            .stderr(std::fs::File::create(&stderr).expect("temp file")),
        limit + KILL_AFTER,
    );
    if done.killed {
        return (done, Err("killed by the wall clock".into()));
    }
    let json: Option<serde_json::Value> = std::fs::read_to_string(&stdout)
        .ok()
        .and_then(|t| serde_json::from_str(t.trim()).ok());
    let counts = json.as_ref().and_then(|j| {
        Some((
            j["theorem_count"].as_u64()? as usize,
            j["essential"].as_u64()? as usize,
            !j["stopped"].is_null() && j["stopped"] != false,
        ))
    });
    match counts {
        Some(c) if done.status.success() => (done, Ok(c)),
        _ => {
            let why = why_failed(&done, &stderr);
            (done, Err(why))
        }
    }
}

/// Whether the goal follows from the certificates in `lemmas` by rewriting; the
/// certificate goes to `out`.
fn prove(
    file: &Path,
    lemmas: &Path,
    timeout: u64,
    out: &Path,
    tmp: &Path,
) -> (Finished, Stage, String) {
    let _ = std::fs::remove_file(out);
    let stdout = tmp.join("prove.json");
    let stderr = tmp.join("prove.err");
    let done = watch(
        Command::new(ergo_bin())
            .current_dir(common::root())
            .arg("prove")
            .arg(file)
            .arg("--lemmas")
            .arg(lemmas)
            .args(["--no-induction", "--timeout", &timeout.to_string()])
            .args(["--threads", "1", "--json", "--out"])
            .arg(out)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).expect("temp file"))
            .stderr(std::fs::File::create(&stderr).expect("temp file")),
        Duration::from_secs(2 * timeout + 2),
    );
    if done.killed {
        return (done, Stage::ProveTimeout, "killed by the wall clock".into());
    }
    let json: Option<serde_json::Value> = std::fs::read_to_string(&stdout)
        .ok()
        .and_then(|t| serde_json::from_str(t.trim()).ok());
    let Some(json) = json else {
        let why = why_failed(&done, &stderr);
        return (done, Stage::ProveError, why);
    };
    if let Some(e) = json["errors"].as_array().and_then(|e| e.first()) {
        let detail = format!(
            "{}: {}",
            e["code"].as_str().unwrap_or("?"),
            e["message"].as_str().unwrap_or("")
        );
        return (done, Stage::ProveError, detail);
    }
    let theorems = json["theorems"].as_array().cloned().unwrap_or_default();
    let reasons = theorems
        .iter()
        .filter(|t| t["proved"] != true)
        .filter_map(|t| t["reason"].as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let stage = if theorems.is_empty() {
        Stage::ProveError
    } else if theorems.iter().all(|t| t["proved"] == true) {
        Stage::Covered
    } else if reasons.contains("time limit") {
        Stage::ProveTimeout
    } else {
        Stage::NotFollowing
    };
    (done, stage, reasons)
}

/// Replays the certificate `cert` of `file` with the kernel: `None` when it is accepted.
fn verify(file: &Path, cert: &Path, tmp: &Path) -> Option<String> {
    let stderr = tmp.join("verify.err");
    let stdout = tmp.join("verify.out");
    let status = Command::new(ergo_bin())
        .current_dir(common::root())
        .arg("verify")
        .arg(cert)
        .arg("--theory")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).expect("temp file"))
        .stderr(std::fs::File::create(&stderr).expect("temp file"))
        .status()
        .expect("run ergo verify");
    (!status.success()).then(|| {
        let err = first_line(&stderr, "");
        if err.is_empty() {
            format!("{status}: {}", first_line(&stdout, "no output"))
        } else {
            format!("{status}: {err}")
        }
    })
}

/// One problem: derive, prove from what was derived, verify.
fn run(file: &Path, derive_limit: Duration, timeout: u64, tmp: &Path) -> Row {
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let derived = tmp.join("derived");
    let (d, counts) = derive(file, derive_limit, &derived, tmp);
    let mut row = Row {
        name,
        stage: Stage::DeriveError,
        detail: String::new(),
        theorems: None,
        stopped: false,
        derive_wall: d.wall,
        derive_peak_kib: d.peak_kib,
        prove_wall: Duration::ZERO,
        prove_peak_kib: 0,
    };
    match counts {
        Err(why) => {
            row.stage = if d.killed {
                Stage::DeriveTimeout
            } else {
                Stage::DeriveError
            };
            row.detail = why;
            return row;
        }
        Ok((t, e, stopped)) => {
            row.theorems = Some((t, e));
            row.stopped = stopped;
        }
    }
    let cert = tmp.join("goal.proof.json");
    let (p, stage, detail) = prove(file, &derived, timeout, &cert, tmp);
    row.prove_wall = p.wall;
    row.prove_peak_kib = p.peak_kib;
    row.stage = stage;
    row.detail = detail;
    if stage == Stage::Covered {
        if let Some(why) = verify(file, &cert, tmp) {
            row.stage = Stage::Rejected;
            row.detail = why;
        }
    }
    row
}

fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn mb(kib: u64) -> String {
    if kib == 0 {
        "-".into()
    } else {
        format!("{:.0}", kib as f64 / 1024.0)
    }
}

fn table(rows: &[Row], derive_limit: Duration, timeout: u64, bin: &str) -> String {
    let mut md = String::new();
    md.push_str("# Exploration on the IsaPlanner theories\n\n");
    md.push_str(&format!(
        "Written by `cargo bench --bench explore_tip` (benches/explore_tip.rs), issue 16: for \
         every problem of `../shared/benchmarks/tip/isaplanner`, one at a time in file order, \
         `ergo derive FILE --threads 1 --time-limit {}` explores the problem's definitions \
         with its goal ignored (a run stopped by that limit keeps what it proved, and those \
         theorems count; one still running 30 s later is killed: a timeout), then `ergo prove FILE --lemmas DERIVED \
         --no-induction --timeout {timeout} --threads 1` asks whether the goal follows from \
         the derived theorems by rewriting alone, and `ergo verify` replays that certificate. \
         A goal is covered when it is proved and the certificate verifies. Times are \
         wall-clock, memory the child's peak resident set (VmHWM). Binary: `{bin}`.\n\n",
        derive_limit.as_secs()
    ));
    let covered = rows.iter().filter(|r| r.stage == Stage::Covered).count();
    let derived: Vec<&Row> = rows.iter().filter(|r| r.theorems.is_some()).collect();
    let theorems: Vec<f64> = derived
        .iter()
        .filter_map(|r| r.theorems.map(|(t, _)| t as f64))
        .collect();
    let max_theorems = theorems.iter().copied().fold(0.0, f64::max);
    let times: Vec<f64> = rows.iter().map(|r| r.derive_wall.as_secs_f64()).collect();
    let worst = rows.iter().max_by(|a, b| a.derive_wall.cmp(&b.derive_wall));
    let derive_peak = rows.iter().map(|r| r.derive_peak_kib).max().unwrap_or(0);
    let prove_peak = rows.iter().map(|r| r.prove_peak_kib).max().unwrap_or(0);
    md.push_str("## Totals\n\n");
    md.push_str(&format!(
        "| goals covered | theorems per theory (median, max) | derive time per theory (median, worst) | derive peak (max MB) | prove peak (max MB) |\n\
         |---:|---|---|---:|---:|\n\
         | {covered} of {} | {:.0}, {max_theorems:.0} | {:.2} s, {:.2} s ({}) | {} | {} |\n\n",
        rows.len(),
        median(theorems.clone()),
        median(times),
        worst.map_or(0.0, |r| r.derive_wall.as_secs_f64()),
        worst.map_or("-", |r| r.name.as_str()),
        mb(derive_peak),
        mb(prove_peak),
    ));
    let stages = [
        Stage::DeriveTimeout,
        Stage::DeriveError,
        Stage::NotFollowing,
        Stage::ProveTimeout,
        Stage::ProveError,
        Stage::Rejected,
    ];
    let stopped: Vec<&str> = rows
        .iter()
        .filter(|r| r.stopped)
        .map(|r| r.name.as_str())
        .collect();
    md.push_str(&format!(
        "Derive runs stopped by the time limit ({}): {}.\n\n",
        stopped.len(),
        if stopped.is_empty() {
            "none".to_string()
        } else {
            stopped.join(", ")
        }
    ));
    md.push_str("## Goals not covered\n\n");
    let mut any = false;
    for s in stages {
        let names: Vec<&str> = rows
            .iter()
            .filter(|r| r.stage == s)
            .map(|r| r.name.as_str())
            .collect();
        if !names.is_empty() {
            any = true;
            md.push_str(&format!(
                "- {} ({}): {}\n",
                s.as_str(),
                names.len(),
                names.join(", ")
            ));
        }
    }
    if !any {
        md.push_str("None.\n");
    }
    md.push_str("\n## Problems\n\n");
    md.push_str(
        "| problem | goal | theorems (essential) | derive (s) | derive peak (MB) | prove (s) | prove peak (MB) | note |\n\
         |---|---|---:|---:|---:|---:|---:|---|\n",
    );
    for r in rows {
        let theorems = r
            .theorems
            .map_or("-".to_string(), |(t, e)| format!("{t} ({e})"));
        let mut note: String = if r.stage == Stage::Covered {
            String::new()
        } else {
            escape(&r.detail.chars().take(120).collect::<String>())
        };
        if r.stopped {
            note = format!(
                "derive stopped at the time limit{}{note}",
                if note.is_empty() { "" } else { "; " }
            );
        }
        let prove = if r.theorems.is_some() {
            format!("{:.2}", r.prove_wall.as_secs_f64())
        } else {
            "-".into()
        };
        md.push_str(&format!(
            "| {} | {} | {theorems} | {:.2} | {} | {prove} | {} | {note} |\n",
            r.name,
            r.stage.as_str(),
            r.derive_wall.as_secs_f64(),
            mb(r.derive_peak_kib),
            mb(r.prove_peak_kib),
        ));
    }
    md
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| common::flag_value(&args, flag);
    let derive_limit = Duration::from_secs(
        value("--derive-limit")
            .and_then(|s| s.parse().ok())
            .unwrap_or(10),
    );
    let timeout: u64 = value("--timeout").and_then(|s| s.parse().ok()).unwrap_or(5);
    let only = value("--only");
    let write = !args.iter().any(|a| a == "--no-write");
    let tmp = std::env::temp_dir().join(format!("ergo-explore-tip-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let mut rows = Vec::new();
    for file in common::smt2_files(&common::tip_suite("isaplanner")) {
        let file = common::relative(&file);
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let row = run(&file, derive_limit, timeout, &tmp);
        println!(
            "{:<10} {:<16} {:>9} theorems  derive {:>6.2} s {:>5} MB  prove {:>5.2} s  {}",
            row.name,
            row.stage.as_str(),
            row.theorems.map_or("-".into(), |(t, _)| t.to_string()),
            row.derive_wall.as_secs_f64(),
            mb(row.derive_peak_kib),
            row.prove_wall.as_secs_f64(),
            row.detail.chars().take(100).collect::<String>()
        );
        rows.push(row);
    }
    let _ = std::fs::remove_dir_all(&tmp);
    let bin = ergo_bin();
    let bin = common::relative(&bin).display().to_string();
    let md = table(&rows, derive_limit, timeout, &bin);
    println!("\n{md}");
    if write && only.is_none() {
        let path = common::root().join("docs/explore_tip.md");
        write_atomically(&path, &md).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("written: {}", path.display());
    }
}
