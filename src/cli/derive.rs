//! `ergo derive [FILE]`: goal-free exploration on the grid of logic blocks.
//!
//! With no FILE, the embedded Peano axioms are used: `axioms/peano.mpl` when it exists
//! in the working directory with exactly the embedded text, otherwise a copy written
//! next to the certificate (so the certificate always names a readable source).
//! The certificate is replayed by the kernel before it is written (atomically); Ctrl-C
//! or `--time-limit` stop the exploration between rounds and keep what was proved.

use super::{emit_json, say, Exit, StyleArg};
use clap::Args;
use ergo::engine::{explore, Cancel, DeriveConfig, Exploration, Progress, RayonExecutor};
use ergo::mpl::{self, OpId, Term, Theory};
use ergo::proof::{certificate, relative_path, to_bytes, write_atomically};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The Peano axioms `ergo derive` explores when no file is given.
pub const EMBEDDED_PEANO: &str = include_str!("../../axioms/peano.mpl");

/// Arguments of `ergo derive`.
#[derive(Args, Debug)]
pub struct DeriveArgs {
    /// The MPL file of the theory [default: the embedded Peano axioms]. Its conjectures
    /// are ignored: exploration is goal-free.
    pub file: Option<PathBuf>,
    /// Output folder [default: proofs/THEORY]; receives THEORY.proof.json.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads for the logic blocks (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Largest term size (number of symbols) the conjecturer enumerates.
    #[arg(long, value_name = "K", default_value_t = DeriveConfig::default().conjecturer.max_size)]
    pub max_size: usize,
    /// Stop after this many seconds, keeping every theorem proved so far (looked at
    /// between rounds: a cancellation, never a budget that changes what is proved).
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
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

/// Runs `ergo derive`.
pub fn run(args: DeriveArgs) -> std::io::Result<Exit> {
    install_trace();
    if args.max_size < 2 || args.max_size > 12 {
        eprintln!("error: --max-size must be between 2 and 12");
        return Ok(Exit::BadInput);
    }
    let time_limit = match args.time_limit {
        Some(t) if !(t.is_finite() && t > 0.0) => {
            eprintln!("error: --time-limit must be a positive number of seconds");
            return Ok(Exit::BadInput);
        }
        t => t.map(Duration::from_secs_f64),
    };
    let embedded_default = Path::new("axioms/peano.mpl");
    let (file, text) = match &args.file {
        Some(f) => match mpl::read_text(f) {
            Ok(t) => (f.clone(), t),
            Err(d) => {
                eprint!("{d}");
                return Ok(Exit::BadInput);
            }
        },
        None => (embedded_default.to_path_buf(), EMBEDDED_PEANO.to_string()),
    };
    let theory = match mpl::load_str(&file, &text) {
        Ok(t) => t,
        Err(d) => {
            eprint!("{d}");
            return Ok(Exit::BadInput);
        }
    };
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("proofs").join(&theory.name));
    std::fs::create_dir_all(&out_dir)?;
    // Where the certificate's source lives.
    let source_file = if args.file.is_none()
        && std::fs::read_to_string(embedded_default).ok().as_deref() != Some(EMBEDDED_PEANO)
    {
        let copy = out_dir.join("peano.mpl");
        write_atomically(&copy, EMBEDDED_PEANO.as_bytes())?;
        copy
    } else {
        file.clone()
    };

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second handler cannot be installed in the same process (tests); ignore that.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed));
    }
    let mut config = DeriveConfig::default();
    config.conjecturer.max_size = args.max_size;
    let executor = RayonExecutor::new(args.threads);
    let bar = progress_bar(args.max_size);
    let mut on_progress = |p: &Progress| {
        if let Some(bar) = &bar {
            bar.set_position(p.size as u64);
            bar.set_message(format!(
                "round {}, {} theorems, {} conjectures pending",
                p.rounds, p.theorems, p.pending
            ));
        }
    };
    let cancel = Cancel::never().with_flag(stop).with_limit(time_limit);
    let ex = explore(&theory, config, &executor, &cancel, &mut on_progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    // Certificate: every admitted theorem, essential ones marked; kernel-checked.
    let proved: Vec<_> = ex.theorems.iter().map(|d| &d.proved).collect();
    let mut cert = certificate(
        &ex.theory,
        &relative_path(&out_dir, &source_file),
        &ergo::engine::explain::entries(&proved),
    );
    for (t, d) in cert.theorems.iter_mut().zip(&ex.theorems) {
        t.essential = Some(d.essential);
    }
    let report = match ergo_kernel::check(&cert) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: the kernel rejected the derived certificate: {e}");
            return Ok(Exit::Failed);
        }
    };
    let rejected: Vec<&str> = report
        .theorems
        .iter()
        .filter(|t| t.result.is_err())
        .map(|t| t.name.as_str())
        .collect();
    let path = out_dir.join(format!("{}.proof.json", ex.theory.name));
    write_atomically(&path, &to_bytes(&cert))?;

    print_summary(&ex, &args, &path, executor_threads(&executor));
    if let Some(dir) = &args.html {
        // Re-read the written file the way `ergo html` would: kernel and source check.
        let loaded = match ergo::proof::load::verify_file(&path) {
            Ok(l) => l,
            Err(why) => {
                say(args.json, &format!("html: {}: {why}", path.display()));
                return Ok(Exit::Failed);
            }
        };
        let options = ergo::html::SiteOptions {
            run_time: Some(ex.elapsed),
            certificates: vec![format!("{}.proof.json", ex.theory.name)],
        };
        let stats = ergo::html::render_site_with(&[loaded], dir, &options)?;
        say(
            args.json,
            &format!("html site {} ({} pages)", dir.display(), stats.pages),
        );
    }
    if !rejected.is_empty() {
        say(
            args.json,
            &format!("kernel REJECTED: {}", rejected.join(", ")),
        );
        return Ok(Exit::Failed);
    }
    if args.json {
        let theorems: Vec<_> = ex
            .theorems
            .iter()
            .map(|d| {
                serde_json::json!({
                    "name": d.proved.name,
                    "statement": args.style.statement(&ex.theory, &d.proved.goal),
                    "method": d.proved.method.to_string(),
                    "essential": d.essential,
                    "ms": d.proved.elapsed.as_secs_f64() * 1e3,
                })
            })
            .collect();
        emit_json(&serde_json::json!({
            "theory": ex.theory.name,
            "theorems": theorems,
            "essential": ex.theorems.iter().filter(|d| d.essential).count(),
            "rounds": ex.rounds,
            "terms": ex.terms,
            "conjectures": ex.conjectures,
            "attempts": ex.attempts,
            "unproved": ex.unproved.len(),
            "stopped": ex.stopped.map(|why| why.to_string()),
            "elapsed_ms": ex.elapsed.as_secs_f64() * 1e3,
            "certificate": path.display().to_string(),
        }));
    }
    Ok(Exit::Success)
}

fn executor_threads(e: &RayonExecutor) -> usize {
    use ergo::engine::Executor;
    e.threads()
}

fn progress_bar(max_size: usize) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(max_size as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("term size {pos}/{len} {bar:20} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn ops_in(t: &Term, out: &mut BTreeSet<OpId>) {
    if let Term::App(f, args) = t {
        if !args.is_empty() {
            out.insert(*f);
        }
        args.iter().for_each(|a| ops_in(a, out));
    }
}

/// The essential theorems grouped by the (non-constant) operators they mention, then
/// the counts.
fn print_summary(ex: &Exploration, args: &DeriveArgs, path: &Path, threads: usize) {
    let json = args.json;
    let th: &Theory = &ex.theory;
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for d in ex.theorems.iter().filter(|d| d.essential) {
        let mut ops = BTreeSet::new();
        ops_in(&d.proved.goal.lhs, &mut ops);
        ops_in(&d.proved.goal.rhs, &mut ops);
        for (l, r) in &d.proved.goal.premises {
            ops_in(l, &mut ops);
            ops_in(r, &mut ops);
        }
        let key: Vec<String> = ops.iter().map(|o| th.op(*o).name.clone()).collect();
        let line = format!(
            "  {:<14} {:<36} {}",
            d.proved.name,
            args.style.statement(th, &d.proved.goal),
            d.proved.method
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lines)) => lines.push(line),
            None => groups.push((key, vec![line])),
        }
    }
    groups.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
    say(json, &format!("theory {}: essential theorems", th.name));
    for (key, lines) in &groups {
        say(json, &format!(" {}:", key.join(" ")));
        for l in lines {
            say(json, l);
        }
    }
    let essential = ex.theorems.iter().filter(|d| d.essential).count();
    say(
        json,
        &format!(
            "{} theorems ({essential} essential, {} derived) in {:.0} ms on {threads} thread(s): {} rounds, {} terms, {} conjectures, {} sent to blocks, {} subsumed, {} unproved ({} of them conditional)",
            ex.theorems.len(),
            ex.theorems.len() - essential,
            ex.elapsed.as_secs_f64() * 1e3,
            ex.rounds,
            ex.terms,
            ex.conjectures,
            ex.attempts,
            ex.subsumed,
            ex.unproved.len() + ex.unproved_clauses.len(),
            ex.unproved_clauses.len()
        ),
    );
    let ph = &ex.phases;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    say(
        json,
        &format!(
            "time: conjecturing {:.0} ms, pruning {:.0} ms, blocks {:.0} ms, barriers {:.0} ms, conditional facts {:.0} ms, compression {:.0} ms",
            ms(ph.conjecture), ms(ph.prune), ms(ph.blocks), ms(ph.barrier), ms(ph.conditional), ms(ph.compress)
        ),
    );
    if ex.kernel_rejected > 0 {
        say(
            json,
            &format!(
                "warning: the kernel rejected {} proved conjecture(s) at the barriers; they were dropped",
                ex.kernel_rejected
            ),
        );
    }
    if let Some(why) = &ex.stopped {
        say(
            json,
            &format!("stopped early ({why}); everything proved so far is kept"),
        );
    }
    say(
        json,
        &format!("certificate {} (kernel-checked)", path.display()),
    );
}

/// The engine's trace (every block's outcome, every speculated lemma) on stderr, when
/// the environment variable `ERGO_TRACE` is set: the library logs through the `log`
/// facade and never reads the environment; the CLI decides whether anyone listens.
pub(super) fn install_trace() {
    struct Stderr;
    impl log::Log for Stderr {
        fn enabled(&self, m: &log::Metadata) -> bool {
            m.target().starts_with("ergo") && m.level() <= log::Level::Debug
        }
        fn log(&self, r: &log::Record) {
            if self.enabled(r.metadata()) {
                eprintln!("{}: {}", r.target(), r.args());
            }
        }
        fn flush(&self) {}
    }
    static LOGGER: Stderr = Stderr;
    if std::env::var_os("ERGO_TRACE").is_some() && log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Debug);
    }
}
