//! `ergo derive [FILE]`: goal-free exploration on the grid of logic blocks.
//!
//! With no FILE, the embedded Peano axioms are used: `axioms/peano.mpl` when it exists
//! in the working directory with exactly the embedded text, otherwise a copy written
//! next to the certificate (so the certificate always names a readable source).
//!
//! Stages: [`DeriveArgs`] (raw) → [`DeriveRun`] (validated: numbers through
//! [`super::bounds`], defaults from the engine's [`DeriveConfig::default`], every output
//! checked before any work) → [`derive`] (the work; only a progress bar is printed) →
//! [`report::DeriveReport`], printed as text and JSON by one function.
//!
//! Outputs: the certificate is replayed by the kernel before it is written (atomically).
//! The default folder `proofs/THEORY/` never has a different certificate replaced unless
//! `--force` (the result goes beside it as `THEORY.new.proof.json`). `--time-limit` and
//! Ctrl-C stop the exploration between rounds and keep what was proved; a stopped run
//! never replaces a different certificate (it writes `THEORY.partial.proof.json` beside
//! it) and says "stopped early (WHY)". A run stopped by `--time-limit` exits as a full
//! run would (0): the user asked for it; one stopped by Ctrl-C exits 130 after writing.
//!
//! Where the blocks run is [`grid::Grid`]: the rayon pool (`--threads`, the default), or
//! the timely executor across processes (`--processes N`, or `--hosts FILE --process I`
//! with `--workers W` per process); the certificate is the same bytes in every case.

mod grid;
mod report;

use super::output::{write_atomically, Completion, Origin, Output};
use super::{bad_input, bad_source, Exit, StyleArg};
use clap::Args;
use ergo::engine::grid_cluster::Cluster;
use ergo::engine::grid_timely::TimelyExecutor;
use ergo::engine::{explore, Cancel, DeriveConfig, Exploration, Progress, RayonExecutor};
use ergo::mpl::{self, Theory};
use ergo::proof::{certificate, relative_path, to_bytes};
use grid::{Children, Grid, Running, Tally};
use report::DeriveReport;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The Peano axioms `ergo derive` explores when no file is given.
pub const EMBEDDED_PEANO: &str = include_str!("../../../axioms/peano.mpl");

/// Arguments of `ergo derive`.
#[derive(Args, Debug)]
#[command(
    after_help = "Exit status: 0 done (also when stopped by --time-limit); 1 the \
kernel rejected a derived theorem; 2 bad input or an output that cannot be written; 130 \
stopped by Ctrl-C (what was proved is written first). With --processes or --hosts: 1 \
also when a process died or could not be reached (what was admitted before is written as \
a stopped run)."
)]
pub struct DeriveArgs {
    /// The MPL file of the theory [default: the embedded Peano axioms]. Its conjectures
    /// are ignored: exploration is goal-free.
    pub file: Option<PathBuf>,
    /// Output folder [default: proofs/THEORY]; receives THEORY.proof.json. A named
    /// folder's certificate is replaced; the default one is not replaced by a different
    /// certificate unless --force (the result goes beside it as THEORY.new.proof.json).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Let the default output path replace an existing, different certificate.
    #[arg(long)]
    pub force: bool,
    /// Worker threads for the logic blocks (0: one per core; at most 256) [default: 0].
    #[arg(long, value_name = "N", value_parser = super::bounds::threads)]
    pub threads: Option<usize>,
    /// Run the blocks on N local processes (1 to 64) talking over loopback
    /// (127.0.0.1), on timely-dataflow; this process is process 0 and writes the result.
    #[arg(long, value_name = "N")]
    pub processes: Option<usize>,
    /// Join a multi-machine run: FILE has one host:port per line, process 0 first
    /// (timely's host-file convention); with --process.
    #[arg(long, value_name = "FILE")]
    pub hosts: Option<PathBuf>,
    /// This process's line in --hosts, from 0; process 0 writes the certificate, the
    /// others only work.
    #[arg(long, value_name = "I")]
    pub process: Option<usize>,
    /// Worker threads per process with --processes or --hosts (1 to 256) [default: 1].
    #[arg(long, value_name = "W")]
    pub workers: Option<usize>,
    /// With --processes or --hosts: how long to wait for every process to connect
    /// before giving up (exit 1) [default: 30].
    #[arg(long, value_name = "SECS", value_parser = super::bounds::seconds)]
    pub connect_timeout: Option<Duration>,
    /// (internal) The addresses of a --processes run, for its child processes.
    #[arg(long, hide = true, value_name = "LIST")]
    pub peer_addresses: Option<String>,
    /// (test hook) With --processes: child process I aborts at its executor round R.
    #[arg(long, hide = true, value_name = "I:R")]
    pub test_abort: Option<String>,
    /// (test hook) This process aborts at its executor round R.
    #[arg(long, hide = true, value_name = "R")]
    pub abort_after_round: Option<usize>,
    /// Largest term size (number of symbols) the conjecturer enumerates (2 to 12).
    #[arg(long, value_name = "K", default_value_t = DeriveConfig::default().conjecturer.max_size)]
    pub max_size: usize,
    /// Stop after this many seconds (more than 0, at most 604800, one week), keeping
    /// every theorem proved so far (looked at between rounds: a cancellation, never a
    /// budget that changes what is proved).
    #[arg(long, value_name = "SECS", value_parser = super::bounds::seconds)]
    pub time_limit: Option<Duration>,
    /// Also render the verified certificate as an HTML site into this folder.
    #[arg(long, value_name = "DIR")]
    pub html: Option<PathBuf>,
    /// How statements are printed (human output and JSON).
    #[arg(long, value_enum, default_value_t = StyleArg::Infix)]
    pub style: StyleArg,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// A validated `ergo derive`.
pub struct DeriveRun {
    /// The theory.
    pub theory: Theory,
    /// The file the certificate names as its source.
    pub source_file: PathBuf,
    /// A copy of the embedded axioms to write there first, if needed.
    pub source_copy: Option<PathBuf>,
    /// The output folder.
    pub out_dir: PathBuf,
    /// The certificate's output (checked).
    pub out: Output,
    /// The HTML site's folder (checked).
    pub html: Option<PathBuf>,
    /// The engine's options.
    pub engine: DeriveConfig,
    /// Where the blocks run.
    pub grid: Grid,
    /// `--time-limit`.
    pub time_limit: Option<Duration>,
    /// How statements are printed.
    pub style: StyleArg,
}

impl DeriveRun {
    /// Validates the arguments and checks every output before any work; bad input is
    /// reported and given back as [`Exit::BadInput`].
    pub fn from_args(args: &DeriveArgs) -> Result<DeriveRun, Exit> {
        if args.max_size < 2 || args.max_size > 12 {
            return Err(bad_input("usage", "--max-size must be between 2 and 12"));
        }
        let grid = Grid::from_args(args)?;
        let embedded_default = Path::new("axioms/peano.mpl");
        let (file, text) = match &args.file {
            Some(f) => (f.clone(), mpl::read_text(f).map_err(|d| bad_source(&d))?),
            None => (embedded_default.to_path_buf(), EMBEDDED_PEANO.to_string()),
        };
        let theory = super::check::load_str(&file, &text).map_err(|d| bad_source(&d))?;
        super::warn_unusable(&theory);
        let (out_dir, origin) = match &args.out {
            Some(d) => (d.clone(), Origin::Named),
            None => (PathBuf::from("proofs").join(&theory.name), Origin::Default),
        };
        let out = Output::new(
            out_dir.join(format!("{}.proof.json", theory.name)),
            origin,
            args.force,
        );
        let io = |e: super::output::OutputError| bad_input("output", &e.to_string());
        if grid.writes() {
            out.check().map_err(io)?;
        }
        let source_copy = (grid.writes()
            && args.file.is_none()
            && std::fs::read_to_string(embedded_default).ok().as_deref() != Some(EMBEDDED_PEANO))
        .then(|| out_dir.join("peano.mpl"));
        if let Some(copy) = &source_copy {
            Output::new(copy.clone(), Origin::Named, true)
                .check()
                .map_err(io)?;
        }
        if let (Some(dir), true) = (&args.html, grid.writes()) {
            super::output::check_folder(dir).map_err(io)?;
        }
        let mut engine = DeriveConfig::goal_free();
        engine.conjecturer.max_size = args.max_size;
        Ok(DeriveRun {
            theory,
            source_file: source_copy.clone().unwrap_or(file),
            source_copy,
            out_dir,
            out,
            html: args.html.clone(),
            engine,
            grid,
            time_limit: args.time_limit,
            style: args.style,
        })
    }
}

/// Runs `ergo derive`.
pub fn run(args: DeriveArgs) -> std::io::Result<Exit> {
    super::install_trace();
    let run = match DeriveRun::from_args(&args) {
        Ok(r) => r,
        Err(exit) => return Ok(exit),
    };
    if !run.grid.writes() {
        return Ok(work_only(&run));
    }
    match derive(&run, &args) {
        Ok(report) => Ok(report::print(&report, run.style, args.json)),
        Err(why) => Ok(why),
    }
}

/// What the processes of a distributed run must agree on: the resolved theory (its
/// digest covers every file it was read from, GL's definition files included), the
/// engine's options that decide what is derived, and the shape of the cluster. Computed
/// from the run itself, only when a cluster starts.
fn fingerprint(run: &DeriveRun) -> String {
    let section = ergo::proof::theory_section(&run.theory, "");
    let text = ergo_kernel::theory_digest(&section).unwrap_or_else(|_| format!("{section:?}"));
    // FNV-1a: stable across builds and machines.
    let digest = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let (processes, workers) = match &run.grid {
        Grid::Local {
            processes, workers, ..
        } => (*processes, *workers),
        Grid::Member {
            addresses, workers, ..
        } => (addresses.len(), *workers),
        Grid::Rayon(_) => (1, 0),
    };
    format!(
        "ergo {} theory {digest:016x} max-size {} processes {processes} workers {workers}",
        env!("CARGO_PKG_VERSION"),
        run.engine.conjecturer.max_size
    )
}

/// Starts the executor `run.grid` names (for `--processes`, the child processes first).
fn start(run: &DeriveRun, args: &DeriveArgs) -> Result<Running, Exit> {
    let cancel = Cancel::never()
        .with_flag(super::interrupt::stop_flag())
        .with_limit(run.time_limit);
    // Printed, and recorded for --json, as bad input is; but the exit status is 1.
    let failed = |what: &str| {
        let _ = bad_input("grid", what);
        Exit::Failed
    };
    let (addresses, process, workers, timeout, children) = match &run.grid {
        Grid::Rayon(threads) => return Ok(Running::Rayon(RayonExecutor::new(*threads))),
        Grid::Local {
            processes,
            workers,
            timeout,
            abort,
        } => {
            let addresses = grid::loopback_addresses(*processes)
                .map_err(|e| failed(&format!("cannot find free loopback ports: {e}")))?;
            let children = Children::spawn(args, &addresses, *workers, *timeout, *abort)
                .map_err(|e| failed(&format!("cannot start the worker processes: {e}")))?;
            (addresses, 0, *workers, *timeout, Some(children))
        }
        Grid::Member {
            addresses,
            process,
            workers,
            timeout,
            ..
        } => (addresses.clone(), *process, *workers, *timeout, None),
    };
    grid::quiet_timely_panics();
    let cluster = Cluster {
        addresses,
        process,
        workers,
        connect_timeout: timeout,
        fingerprint: fingerprint(run),
    };
    // Only process 0's cancellation counts; it reaches the others with the rounds.
    let cancel = if process == 0 {
        cancel
    } else {
        Cancel::never()
    };
    let executor = TimelyExecutor::start(&cluster, cancel).map_err(|e| failed(&e.to_string()))?;
    Ok(Running::Timely(Box::new(executor), children))
}

/// Explores on the started executor; for the timely one, with the agreed stop flag.
fn explore_on(
    run: &DeriveRun,
    running: &Running,
    progress: &mut dyn FnMut(&Progress),
) -> (Exploration, grid::Serial) {
    let abort = match &run.grid {
        Grid::Member { abort, .. } => *abort,
        _ => None,
    };
    let tally = Tally::new(running.executor(), abort);
    let cancel = match running {
        Running::Rayon(_) => Cancel::never()
            .with_flag(super::interrupt::stop_flag())
            .with_limit(run.time_limit),
        Running::Timely(t, _) => Cancel::never().with_flag(t.stop_flag()),
    };
    let mut ex = explore(&run.theory, run.engine.clone(), &tally, &cancel, progress);
    let serial = tally.serial(&ex);
    if let Running::Timely(t, _) = running {
        // The agreed flag says "stop"; process 0's cancellation says why.
        ex.stopped = ex.stopped.and(t.stopped_because().or(ex.stopped));
    }
    (ex, serial)
}

/// A process of a distributed run other than process 0: it works, writes nothing, and
/// exits 0 when the run ended cleanly, 1 after a fault.
fn work_only(run: &DeriveRun) -> Exit {
    let running = match start(run, &DeriveArgs::for_worker()) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let (ex, _) = explore_on(run, &running, &mut |_| {});
    let Running::Timely(executor, _) = running else {
        return Exit::Success;
    };
    match executor.shutdown() {
        Ok(()) => Exit::Success,
        Err(fault) => {
            let me = match &run.grid {
                Grid::Member { process, .. } => *process,
                _ => 0,
            };
            eprintln!(
                "process {me}: error: {fault} ({} theorems admitted here; process 0 writes the certificate)",
                ex.theorems.len()
            );
            Exit::Failed
        }
    }
}

/// Does the work: explores, builds and kernel-checks the certificate, writes it (and the
/// source copy and the HTML site). Prints only a progress bar on a terminal.
pub fn derive(run: &DeriveRun, args: &DeriveArgs) -> Result<DeriveReport, Exit> {
    let io = |e: super::output::OutputError| bad_input("output", &e.to_string());
    if let Some(copy) = &run.source_copy {
        write_atomically(copy, EMBEDDED_PEANO.as_bytes()).map_err(io)?;
    }
    let running = start(run, args)?;
    let max_size = run.engine.conjecturer.max_size;
    let bar = super::progress_bar(max_size, "term size");
    let mut on_progress = |p: &Progress| {
        if let Some(bar) = &bar {
            bar.set_position(p.size as u64);
            bar.set_message(format!(
                "round {}, {} theorems, {} conjectures pending",
                p.rounds, p.theorems, p.pending
            ));
        }
    };
    let (ex, serial) = explore_on(run, &running, &mut on_progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let label = running.label(&run.grid);
    let threads = running.executor().threads();
    // A distributed run ends here in every process: faults are known now.
    let fault = match running {
        Running::Rayon(_) => None,
        Running::Timely(executor, children) => {
            let ended = executor.shutdown();
            match (children, ended) {
                (Some(c), Ok(())) => {
                    c.finish(Duration::from_secs(10));
                    None
                }
                (Some(mut c), Err(fault)) => {
                    let which = c.exited(Duration::from_secs(1));
                    // Dropped: whatever still runs is killed and reaped.
                    Some(match which.is_empty() {
                        true => fault.to_string(),
                        false => format!("{fault} ({})", which.join(", ")),
                    })
                }
                (None, ended) => ended.err().map(|f| f.to_string()),
            }
        }
    };

    // Certificate: every admitted theorem, essential ones marked; kernel-checked.
    let proved: Vec<_> = ex.theorems.iter().map(|d| &d.proved).collect();
    let mut cert = certificate(
        &ex.theory,
        &relative_path(&run.out_dir, &run.source_file),
        &ergo::engine::explain::entries(&proved),
    );
    for (t, d) in cert.theorems.iter_mut().zip(&ex.theorems) {
        t.essential = Some(d.essential);
    }
    let checked = match ergo_kernel::check(&cert) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: the kernel rejected the derived certificate: {e}");
            return Err(Exit::Failed);
        }
    };
    let rejected: Vec<String> = checked
        .theorems
        .iter()
        .filter(|t| t.result.is_err())
        .map(|t| t.name.clone())
        .collect();
    let completion = if ex.stopped.is_some() || fault.is_some() {
        Completion::Stopped
    } else {
        Completion::Complete
    };
    let written = run.out.write(&to_bytes(&cert), completion).map_err(io)?;
    if let Some(fault) = fault {
        let _ = bad_input(
            "grid",
            &format!(
                "{fault}\n{} theorem(s) admitted before it; certificate {} (kernel-checked)",
                ex.theorems.len(),
                written.path.display()
            ),
        );
        return Err(Exit::Failed);
    }
    let mut html = None;
    if let Some(dir) = &run.html {
        // Re-read the written file the way `ergo html` would: kernel and source check.
        let loaded = match ergo::proof::load::verify_file(&written.path) {
            Ok(l) => l,
            Err(why) => {
                eprintln!("html: {}: {why}", written.path.display());
                return Err(Exit::Failed);
            }
        };
        let options = ergo::html::SiteOptions {
            run_time: Some(ex.elapsed),
            certificates: vec![written
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()],
        };
        let site = ergo::html::build_site(&[loaded], &options).map_err(|why| {
            eprintln!("error: cannot render: {why}");
            Exit::Failed
        })?;
        let stats = super::site::write_site(&site, dir).map_err(io)?;
        html = Some((dir.clone(), stats.pages));
    }
    Ok(DeriveReport {
        threads,
        grid: label,
        serial,
        exploration: ex,
        written,
        rejected,
        html,
    })
}

impl DeriveArgs {
    /// The arguments a worker process needs to start (it starts no children).
    fn for_worker() -> DeriveArgs {
        DeriveArgs {
            file: None,
            out: None,
            force: false,
            threads: None,
            max_size: DeriveConfig::default().conjecturer.max_size,
            time_limit: None,
            html: None,
            style: StyleArg::Infix,
            json: false,
            processes: None,
            hosts: None,
            process: None,
            workers: None,
            connect_timeout: None,
            peer_addresses: None,
            test_abort: None,
            abort_after_round: None,
        }
    }
}
