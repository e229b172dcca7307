//! `ergo export coq PATH [--out FILE.v] [--json]`: Coq files of explicit proof terms,
//! from kernel-checked certificates only.
//!
//! Every certificate is first checked as `ergo verify` does (kernel replay, theory equal
//! to its MPL source). A certificate with any rejected theorem is not exported at all
//! (exit 1), so a `.v` file always holds a whole certificate. PATH is a certificate or a
//! folder searched for `*.proof.json`; one `.v` per certificate, named after it
//! (`peano.proof.json` gives `peano.v`, a valid Coq module name). Without `--out` the
//! files are printed on stdout (status lines go to stderr); with `--out`, a single
//! certificate is written to that file (or into it, if it is a directory) and a folder's
//! certificates into that directory, mirroring sub-folders. Files are written
//! atomically. With `--json`, one JSON object on stdout (holding the `.v` text when there
//! is no `--out`). Exit: 0 all exported, 1 a certificate rejected (not exported), 2 bad
//! input (an output that cannot be written included, refused before any replay).
//!
//! Stages: [`CoqArgs`] → [`export_coq`] (the work, writing the files) → [`ExportReport`]
//! → [`print`] (the Coq text on stdout, status lines and JSON from the same value).

use super::output::write_atomically;
use super::{bad_input, emit_json, Exit};
use clap::{Args, Subcommand};
use ergo::export::coq;
use ergo::proof::load::{certificate_files, verify_file_with};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The export targets.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Export verified certificates to Coq: one .v per certificate, every theorem an
    /// explicit proof term, for coqc and coqchk.
    Coq(CoqArgs),
    /// Write one goal of a theory (MPL, TIP or GL config) as an SMT-LIB 2 problem:
    /// the theory, the goal asserted negated, `(check-sat)` (`unsat` means it holds).
    Smtlib(super::export_smtlib::SmtlibArgs),
}

/// Arguments of `ergo export coq`.
#[derive(Args, Debug)]
pub struct CoqArgs {
    /// A certificate file, or a folder searched for `*.proof.json`.
    pub path: PathBuf,
    /// Where to write: the .v file for one certificate, a directory for a folder
    /// [default: print on stdout].
    #[arg(long, value_name = "FILE.v")]
    pub out: Option<PathBuf>,
    /// The trusted theories (default: the file each certificate names, in its repository).
    #[command(flatten)]
    pub trust: super::trust::TrustArgs,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `ergo export`.
pub fn run(cmd: ExportCommand) -> std::io::Result<Exit> {
    match cmd {
        ExportCommand::Coq(args) => run_coq(&args),
        ExportCommand::Smtlib(args) => super::export_smtlib::run(&args),
    }
}

/// One certificate's export: the Coq file and where it went (`None`: stdout), or why it
/// was not exported.
pub struct Exported {
    /// The certificate file.
    pub certificate: PathBuf,
    /// The export, or the label and reason of its rejection.
    pub result: Result<(coq::CoqFile, Option<PathBuf>), (&'static str, String)>,
}

/// What `ergo export coq` did, certificate by certificate.
pub struct ExportReport {
    /// The certificates, in order.
    pub rows: Vec<Exported>,
}

fn run_coq(args: &CoqArgs) -> std::io::Result<Exit> {
    Ok(match export_coq(args) {
        Ok(report) => print(&report, args),
        Err(exit) => exit,
    })
}

/// Checks every target, replays each certificate, exports it and writes the `.v` files
/// (atomically) to their targets. Bad input is given back as `Err`.
pub fn export_coq(args: &CoqArgs) -> Result<ExportReport, Exit> {
    let files = match certificate_files(&args.path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            let path = args.path.display();
            let message = format!("no *.proof.json certificate under {path}");
            return Err(bad_input("no-certificate", &message));
        }
        Err(e) => {
            let message = format!("cannot read {}: {e}", args.path.display());
            return Err(bad_input("io", &message));
        }
    };
    let targets = targets(args, &files).map_err(|why| bad_input("usage", &why))?;
    // Every target must be writable before any certificate is replayed.
    for target in targets.iter().flatten() {
        let out = super::output::Output::new(target.clone(), super::output::Origin::Named, true);
        out.check()
            .map_err(|e| bad_input("output", &e.to_string()))?;
    }
    let trust = args.trust.trust()?;
    let mut rows = Vec::new();
    for (file, target) in files.iter().zip(targets) {
        let result = verify_file_with(file, &trust)
            .map_err(|e| e.to_string())
            .and_then(|loaded| {
                let report = loaded.verified.report();
                let bad: Vec<&str> = report
                    .theorems
                    .iter()
                    .filter(|t| t.result.is_err())
                    .map(|t| t.name.as_str())
                    .collect();
                if bad.is_empty() {
                    Ok(loaded)
                } else {
                    Err(format!("the kernel rejects {}", bad.join(", ")))
                }
            })
            .map_err(|why| ("REJECTED, not exported", why))
            .and_then(|loaded| coq::export(&loaded).map_err(|e| ("NOT EXPORTED", e.to_string())));
        if let (Ok(coq_file), Some(t)) = (&result, &target) {
            write_atomically(t, coq_file.text.as_bytes())
                .map_err(|e| bad_input("io", &e.to_string()))?;
        }
        rows.push(Exported {
            certificate: file.clone(),
            result: result.map(|f| (f, target)),
        });
    }
    Ok(ExportReport { rows })
}

/// Prints the report: the Coq text on stdout when there is no `--out` (and no `--json`),
/// status lines (to stdout only when it carries neither JSON nor Coq text), the JSON
/// object. Exit 0 when every certificate was exported, 1 otherwise.
pub fn print(report: &ExportReport, args: &CoqArgs) -> Exit {
    let status = |line: &str| {
        if args.json || args.out.is_none() {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    };
    let several = report.rows.len() > 1;
    let (mut exported, mut rejected) = (Vec::new(), Vec::new());
    for row in &report.rows {
        let shown = row.certificate.display().to_string();
        let (file_out, target) = match &row.result {
            Ok(x) => x,
            Err((label, why)) => {
                status(&format!("{shown}: {label}: {why}"));
                rejected.push(serde_json::json!({"certificate": shown, "error": why}));
                continue;
            }
        };
        let bytes = file_out.text.len();
        let mut json_row = serde_json::json!({
            "certificate": shown,
            "theorems": file_out.theorems.iter().map(|t| serde_json::json!({
                "name": t.name, "coq": t.coq, "axioms": t.axioms,
            })).collect::<Vec<_>>(),
            "names": file_out.names.iter().map(|n| serde_json::json!({
                "kind": n.kind, "mpl": n.mpl, "coq": n.coq,
            })).collect::<Vec<_>>(),
            "bytes": bytes,
            "out": target.as_ref().map(|t| t.display().to_string()),
        });
        match target {
            Some(t) => {
                let n = file_out.theorems.len();
                status(&format!(
                    "{shown}: {n} theorem(s) exported to {} ({bytes} bytes)",
                    t.display()
                ));
            }
            None if args.json => json_row["text"] = serde_json::Value::from(file_out.text.as_str()),
            None => {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                if several {
                    let _ = writeln!(
                        stdout,
                        "(* ===== {} ===== *)",
                        module_file(&row.certificate)
                    );
                }
                let _ = stdout.write_all(file_out.text.as_bytes());
            }
        }
        exported.push(json_row);
    }
    status(&format!(
        "{} certificate(s): {} exported, {} rejected",
        report.rows.len(),
        exported.len(),
        rejected.len()
    ));
    if args.json {
        emit_json(&serde_json::json!({"exported": exported, "rejected": rejected}));
    }
    if rejected.is_empty() {
        Exit::Success
    } else {
        Exit::Failed
    }
}

/// `<module>.v` for a certificate file.
fn module_file(file: &Path) -> String {
    format!("{}.v", coq::module_name(file))
}

/// Where each certificate's `.v` goes (`None`: stdout); `Err` when two certificates of
/// a folder would be written to the same file.
fn targets(args: &CoqArgs, files: &[PathBuf]) -> Result<Vec<Option<PathBuf>>, String> {
    let Some(out) = &args.out else {
        return Ok(vec![None; files.len()]);
    };
    if !args.path.is_dir() {
        let target = if out.is_dir() {
            out.join(module_file(&files[0]))
        } else {
            out.clone()
        };
        return Ok(vec![Some(target)]);
    }
    let mut seen = BTreeSet::new();
    let mut targets = Vec::new();
    for f in files {
        let sub = f
            .strip_prefix(&args.path)
            .ok()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let target = out.join(sub).join(module_file(f));
        if !seen.insert(target.clone()) {
            return Err(format!(
                "two certificates would both be exported to {}",
                target.display()
            ));
        }
        targets.push(Some(target));
    }
    Ok(targets)
}
