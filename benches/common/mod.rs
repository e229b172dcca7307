//! Helpers shared by the hand-written benchmarks that run the `ergo` binary on files
//! (benches/tip.rs, benches/explore_tip.rs): which binary, which files, a child process
//! watched for its peak memory and killed by a wall clock, and an atomic write of the
//! result table.
//!
//! Invariants: files come in file-name order (the tables do not depend on the
//! directory's order); a watched child is always reaped, also when it is killed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// The `ergo` binary of this build (`target/release/ergo` under `cargo bench`), or the
/// one `ERGO_BIN` names (a release binary built apart, when the harness itself is built
/// in another profile).
pub fn ergo_bin() -> PathBuf {
    std::env::var_os("ERGO_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_ergo")))
}

/// The project root (benchmarks run the prover there, so paths in its messages and in
/// the tables do not depend on where the project is).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A TIP suite's folder, `../shared/benchmarks/tip/SUITE`.
pub fn tip_suite(suite: &str) -> PathBuf {
    root().join("../shared/benchmarks/tip").join(suite)
}

/// `path` relative to the project root when it lies below it.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root())
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The peak resident set (`VmHWM`, KiB) of a running process, if it can be read.
pub fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The `.smt2` files of `dir`, in file-name order.
pub fn smt2_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "smt2"))
        .collect();
    files.sort();
    files
}

/// How a watched child ended.
pub struct Finished {
    /// Its exit status (after the kill, when killed).
    pub status: ExitStatus,
    /// Wall-clock time from spawn to exit (or kill).
    pub wall: Duration,
    /// Its peak resident set in KiB, polled every 5 ms (0: it ended before the first
    /// poll).
    pub peak_kib: u64,
    /// Whether the wall clock killed it.
    pub killed: bool,
}

/// Spawns `command`, polls its peak memory every 5 ms, and kills it once it has run for
/// `kill_after`.
pub fn watch(command: &mut Command, kill_after: Duration) -> Finished {
    let started = Instant::now();
    let mut child: Child = command.spawn().expect("spawn a benchmark child");
    let mut peak = 0;
    let mut killed = false;
    let status = loop {
        if let Some(k) = peak_kib(child.id()) {
            peak = peak.max(k);
        }
        match child.try_wait().expect("wait for a benchmark child") {
            Some(status) => break status,
            None if started.elapsed() > kill_after => {
                let _ = child.kill();
                killed = true;
                break child.wait().expect("wait for a benchmark child");
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    Finished {
        status,
        wall: started.elapsed(),
        peak_kib: peak,
        killed,
    }
}

/// The first non-empty line of a file, or `what` when it has none.
pub fn first_line(path: &Path, what: &str) -> String {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| t.lines().find(|l| !l.trim().is_empty()).map(str::to_string))
        .unwrap_or_else(|| what.to_string())
}

/// A table cell: `|` escaped, newlines flattened.
pub fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Writes `text` to `path` through a temporary file and a rename.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("md.tmp{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// The value after `flag` among the benchmark's arguments.
pub fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}
