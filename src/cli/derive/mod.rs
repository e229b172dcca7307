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

mod report;

use super::output::{write_atomically, Completion, Origin, Output};
use super::{bad_input, bad_source, Exit, StyleArg};
use clap::Args;
use ergo::engine::{explore, Cancel, DeriveConfig, Progress, RayonExecutor};
use ergo::mpl::{self, Theory};
use ergo::proof::{certificate, relative_path, to_bytes};
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
stopped by Ctrl-C (what was proved is written first)."
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
    /// Worker threads for the logic blocks (0: one per core; at most 256).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = super::bounds::threads)]
    pub threads: usize,
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
    /// Worker threads.
    pub threads: usize,
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
        let embedded_default = Path::new("axioms/peano.mpl");
        let (file, text) = match &args.file {
            Some(f) => (f.clone(), mpl::read_text(f).map_err(|d| bad_source(&d))?),
            None => (embedded_default.to_path_buf(), EMBEDDED_PEANO.to_string()),
        };
        let theory = mpl::load_str(&file, &text).map_err(|d| bad_source(&d))?;
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
        out.check().map_err(io)?;
        let source_copy = (args.file.is_none()
            && std::fs::read_to_string(embedded_default).ok().as_deref() != Some(EMBEDDED_PEANO))
        .then(|| out_dir.join("peano.mpl"));
        if let Some(copy) = &source_copy {
            Output::new(copy.clone(), Origin::Named, true)
                .check()
                .map_err(io)?;
        }
        if let Some(dir) = &args.html {
            super::output::check_folder(dir).map_err(io)?;
        }
        let mut engine = DeriveConfig::default();
        engine.conjecturer.max_size = args.max_size;
        Ok(DeriveRun {
            theory,
            source_file: source_copy.clone().unwrap_or(file),
            source_copy,
            out_dir,
            out,
            html: args.html.clone(),
            engine,
            threads: args.threads,
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
    match derive(&run) {
        Ok(report) => Ok(report::print(&report, run.style, args.json)),
        Err(why) => Ok(why),
    }
}

/// Does the work: explores, builds and kernel-checks the certificate, writes it (and the
/// source copy and the HTML site). Prints only a progress bar on a terminal.
pub fn derive(run: &DeriveRun) -> Result<DeriveReport, Exit> {
    let io = |e: super::output::OutputError| bad_input("output", &e.to_string());
    if let Some(copy) = &run.source_copy {
        write_atomically(copy, EMBEDDED_PEANO.as_bytes()).map_err(io)?;
    }
    let stop = super::interrupt::stop_flag();
    let executor = RayonExecutor::new(run.threads);
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
    let cancel = Cancel::never().with_flag(stop).with_limit(run.time_limit);
    let ex = explore(
        &run.theory,
        run.engine.clone(),
        &executor,
        &cancel,
        &mut on_progress,
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

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
    let completion = if ex.stopped.is_some() {
        Completion::Stopped
    } else {
        Completion::Complete
    };
    let written = run.out.write(&to_bytes(&cert), completion).map_err(io)?;
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
        threads: executor_threads(&executor),
        exploration: ex,
        written,
        rejected,
        html,
    })
}

fn executor_threads(e: &RayonExecutor) -> usize {
    use ergo::engine::Executor;
    e.threads()
}
