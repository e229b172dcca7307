//! The command-line interface. Each verb goes the same way: raw arguments (clap `Args`)
//! → a validated configuration (numbers through [`bounds`], outputs checked with
//! [`output::Output::check`] before any work) → the work, which returns a typed report
//! (printing nothing but progress) → one function printing that report as text and as
//! JSON, so the two always agree → an [`Exit`] status.
//!
//! Exit statuses: 0 success; 1 a goal stayed unproved or a certificate was rejected;
//! 2 bad input or usage (an output that cannot be written included); 130 stopped by
//! Ctrl-C after writing what was done. With `--json`, each command prints exactly one JSON object on
//! stdout and its human-readable lines go to stderr.

pub mod bounds;
pub mod check;
pub mod derive;
pub mod export;
pub mod export_smtlib;
pub mod html;
pub mod import;
pub mod interrupt;
pub mod output;
pub mod prove;
pub mod site;
pub mod trust;
pub mod verify;

use clap::{Parser, Subcommand};

/// ergo: derive and prove theorems from MPL axioms, with kernel-checked certificates.
#[derive(Parser, Debug)]
#[command(name = "ergo", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and sort-check an MPL file; print diagnostics on error.
    Check(check::CheckArgs),
    /// Prove the file's conjectures in order (or the given goals) and write a certificate.
    Prove(prove::ProveArgs),
    /// Explore the theory goal-free: conjecture, prove and compress its laws.
    Derive(derive::DeriveArgs),
    /// Replay certificates with the kernel; exit 1 if any theorem is rejected.
    Verify(verify::VerifyArgs),
    /// Render verified certificates as a static HTML site.
    Html(html::HtmlArgs),
    /// Export verified certificates to another proof checker's language (`coq`), or a
    /// conjecture to an SMT solver's (`smtlib`).
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Translate another prover's input to MPL (TIP problems: `ergo import tip FILE.smt2`).
    #[command(subcommand)]
    Import(import::ImportCommand),
}

/// How statements are printed by `prove` and `derive`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StyleArg {
    /// Terms with infix operators: `x + y = y + x`.
    #[default]
    Infix,
    /// Generative Logic's relational form: `(>[x,y,v1] (in3[y,x,v1,+]) (in3[x,y,v1,+]))`.
    Gl,
}

impl StyleArg {
    /// Prints `lhs = rhs` in this style.
    pub(crate) fn equation(
        self,
        theory: &ergo::mpl::Theory,
        lhs: &ergo::mpl::Term,
        rhs: &ergo::mpl::Term,
    ) -> String {
        let style = match self {
            StyleArg::Infix => ergo::mpl::print::Style::Infix,
            StyleArg::Gl => ergo::mpl::print::Style::Gl,
        };
        ergo::mpl::print::equation_styled(theory, lhs, rhs, style)
    }

    /// Prints a goal's statement in this style: an equation as [`StyleArg::equation`];
    /// a clause as `p1 = q1 & p2 = q2 -> l = r` (or `l != r`) in the infix style and as
    /// a closed formula in GL's.
    pub(crate) fn statement(self, theory: &ergo::mpl::Theory, goal: &ergo::engine::Goal) -> String {
        if goal.is_plain() {
            return self.equation(theory, &goal.lhs, &goal.rhs);
        }
        match self {
            StyleArg::Gl => ergo::mpl::print::formula_styled(
                theory,
                &goal.formula(),
                ergo::mpl::print::Style::Gl,
            ),
            StyleArg::Infix => {
                let eq = |l, r| ergo::mpl::print::equation(theory, l, r);
                let conclusion = if goal.negated {
                    ergo::mpl::print::disequation(theory, &goal.lhs, &goal.rhs)
                } else {
                    eq(&goal.lhs, &goal.rhs)
                };
                let premises: Vec<String> = goal.premises.iter().map(|(l, r)| eq(l, r)).collect();
                if premises.is_empty() {
                    conclusion
                } else {
                    format!("{} -> {conclusion}", premises.join(" & "))
                }
            }
        }
    }
}

/// A command's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything succeeded.
    Success = 0,
    /// A goal stayed unproved or a certificate was rejected.
    Failed = 1,
    /// Bad input or usage.
    BadInput = 2,
    /// Stopped by Ctrl-C after writing what was done (`prove`, `derive`).
    Interrupted = 130,
}

impl Cli {
    /// Whether `--json` was given to the command.
    pub fn json(&self) -> bool {
        match &self.command {
            Command::Check(a) => a.json,
            Command::Verify(a) => a.json,
            Command::Prove(a) => a.json,
            Command::Derive(a) => a.json,
            Command::Html(a) => a.json,
            Command::Export(export::ExportCommand::Coq(a)) => a.json,
            Command::Export(export::ExportCommand::Smtlib(a)) => a.json,
            Command::Import(c) => c.json(),
        }
    }
}

/// Runs a parsed command line.
/// Bad input is reported as [`Exit::BadInput`] after its diagnostics are printed; the
/// error case is an I/O failure writing an output file.
pub fn run(cli: Cli) -> std::io::Result<Exit> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Prove(args) => prove::run(args),
        Command::Derive(args) => derive::run(args),
        Command::Html(args) => html::run(args),
        Command::Export(cmd) => export::run(cmd),
        Command::Import(cmd) => import::run(cmd),
        Command::Verify(args) => verify::run(&args),
    }
}

/// Prints a human line: to stdout normally, to stderr when stdout carries JSON. A closed
/// pipe (`ergo prove ... | head`) is not an error: the command still finishes its work
/// and writes its files.
pub(crate) fn say(json: bool, line: &str) {
    use std::io::Write;
    let _ = if json {
        writeln!(std::io::stderr(), "{line}")
    } else {
        writeln!(std::io::stdout(), "{line}")
    };
}

/// Prints the one JSON summary of a command on stdout (a closed pipe is ignored).
pub(crate) fn emit_json(value: &serde_json::Value) {
    use std::io::Write;
    JSON_EMITTED.store(true, std::sync::atomic::Ordering::SeqCst);
    let _ = writeln!(std::io::stdout(), "{value}");
}

/// Whether a command has printed its JSON object.
static JSON_EMITTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The errors a command reported before it gave up (file, line, column, message, code),
/// for the JSON object of the exit-2 paths.
static ERRORS: std::sync::Mutex<Vec<serde_json::Value>> = std::sync::Mutex::new(Vec::new());

fn record(error: serde_json::Value) {
    if let Ok(mut e) = ERRORS.lock() {
        e.push(error);
    }
}

/// An error of the JSON object that has no position in a source file.
fn unplaced(code: &str, message: &str) -> serde_json::Value {
    serde_json::json!({
        "file": null, "line": null, "column": null, "message": message, "code": code,
    })
}

/// Reports bad input that has no position (a usage error, an unreadable file): prints
/// `error: MESSAGE` on stderr, records it for `--json`, and gives [`Exit::BadInput`].
pub(crate) fn bad_input(code: &str, message: &str) -> Exit {
    eprintln!("error: {message}");
    record(unplaced(code, message));
    Exit::BadInput
}

/// Records a usage error clap has already printed, for the JSON object of `--json`.
pub fn record_usage(message: &str) {
    record(unplaced("usage", message));
}

/// Reports the diagnostics of a source file: rendered on stderr, recorded with their
/// positions for `--json`; gives [`Exit::BadInput`].
/// The axiom parts nothing uses, as `(name, reason)`: those the front end could not
/// normalise into clauses, then any the engine skips (see `engine::equation`).
pub(crate) fn unusable_axioms(theory: &ergo::mpl::Theory) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = theory
        .unusable_axioms()
        .iter()
        .map(|u| (u.name.clone(), u.reason.clone()))
        .collect();
    out.extend(ergo::engine::equation::skipped_axioms(theory));
    out
}

/// Prints a warning on stderr per unusable axiom part (with its position where the front
/// end knows it).
pub(crate) fn warn_unusable(theory: &ergo::mpl::Theory) {
    let warnings = theory.warnings();
    if !warnings.is_empty() {
        eprint!("{warnings}");
    }
    for (name, why) in ergo::engine::equation::skipped_axioms(theory) {
        eprintln!("warning: axiom `{name}` is skipped by the engine: {why}");
    }
}

/// The JSON list `[{"name": .., "reason": ..}]` of unusable axiom parts.
pub(crate) fn unusable_json(list: &[(String, String)]) -> serde_json::Value {
    list.iter()
        .map(|(name, reason)| serde_json::json!({"name": name, "reason": reason}))
        .collect()
}

pub(crate) fn bad_source(diags: &ergo::mpl::Diagnostics) -> Exit {
    eprint!("{diags}");
    for d in &diags.items {
        let (file, line, column) = match d.span.and_then(|s| diags.position(s)) {
            Some((file, line, col)) => (
                serde_json::json!(file.display().to_string()),
                serde_json::json!(line),
                serde_json::json!(col),
            ),
            None => (
                serde_json::Value::Null,
                serde_json::Value::Null,
                serde_json::Value::Null,
            ),
        };
        record(serde_json::json!({
            "file": file, "line": line, "column": column,
            "message": d.message, "code": d.code.as_str(),
        }));
    }
    Exit::BadInput
}

/// Under `--json`, prints the one JSON object of a command that stopped before printing
/// its own (the exit-2 paths and I/O failures): `ok`, the exit code and the errors.
pub fn finish_json(exit: Exit, io_error: Option<&str>) {
    if JSON_EMITTED.load(std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let mut errors = ERRORS.lock().map(|e| e.clone()).unwrap_or_default();
    if let Some(message) = io_error {
        errors.push(unplaced("io", message));
    }
    emit_json(&serde_json::json!({
        "ok": exit == Exit::Success, "exit": exit as u8, "errors": errors,
    }));
}

/// A progress bar of `len` units (`UNIT pos/len`) on a terminal; nothing when stderr is
/// not one (so pipes and CI logs stay clean).
pub(crate) fn progress_bar(len: usize, unit: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{unit} {{pos}}/{{len}} {{bar:20}} {{msg}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// The engine's trace (every block's outcome, every speculated lemma) on stderr, when
/// the environment variable `ERGO_TRACE` is set: the library logs through the `log`
/// facade and never reads the environment; the CLI decides whether anyone listens.
pub(crate) fn install_trace() {
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
