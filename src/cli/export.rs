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
//! input.

use super::output::write_atomically;
use super::{bad_input, emit_json, Exit};
use clap::{Args, Subcommand};
use ergo::export::coq;
use ergo::proof::load::{certificate_files, verify_file};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The export targets.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Export verified certificates to Coq: one .v per certificate, every theorem an
    /// explicit proof term, for coqc and coqchk.
    Coq(CoqArgs),
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
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `ergo export`.
pub fn run(cmd: ExportCommand) -> std::io::Result<Exit> {
    match cmd {
        ExportCommand::Coq(args) => run_coq(&args),
    }
}

fn run_coq(args: &CoqArgs) -> std::io::Result<Exit> {
    let files = match certificate_files(&args.path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            let path = args.path.display();
            let message = format!("no *.proof.json certificate under {path}");
            return Ok(bad_input("no-certificate", &message));
        }
        Err(e) => {
            let message = format!("cannot read {}: {e}", args.path.display());
            return Ok(bad_input("io", &message));
        }
    };
    let targets = match targets(args, &files) {
        Ok(t) => t,
        Err(why) => {
            return Ok(bad_input("usage", &why));
        }
    };
    // Every target must be writable before any certificate is replayed.
    for target in targets.iter().flatten() {
        let out = super::output::Output::new(target.clone(), super::output::Origin::Named, true);
        if let Err(e) = out.check() {
            return Ok(bad_input("output", &e.to_string()));
        }
    }
    // Status lines go to stdout only when stdout carries neither JSON nor Coq text.
    let status = |line: &str| {
        if args.json || args.out.is_none() {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    };
    let several = files.len() > 1;
    let (mut exported, mut rejected) = (Vec::new(), Vec::new());
    for (file, target) in files.iter().zip(&targets) {
        let shown = file.display().to_string();
        let result = verify_file(file)
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
        let file_out = match result {
            Ok(f) => f,
            Err((label, why)) => {
                status(&format!("{shown}: {label}: {why}"));
                rejected.push(serde_json::json!({"certificate": shown, "error": why}));
                continue;
            }
        };
        let bytes = file_out.text.len();
        let mut row = serde_json::json!({
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
                if let Err(e) = write_atomically(t, file_out.text.as_bytes()) {
                    return Ok(bad_input("io", &e.to_string()));
                }
                let n = file_out.theorems.len();
                status(&format!(
                    "{shown}: {n} theorem(s) exported to {} ({bytes} bytes)",
                    t.display()
                ));
            }
            None if args.json => row["text"] = serde_json::Value::from(file_out.text),
            None => {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                if several {
                    let _ = writeln!(stdout, "(* ===== {} ===== *)", module_file(file));
                }
                let _ = stdout.write_all(file_out.text.as_bytes());
            }
        }
        exported.push(row);
    }
    status(&format!(
        "{} certificate(s): {} exported, {} rejected",
        files.len(),
        exported.len(),
        rejected.len()
    ));
    if args.json {
        emit_json(&serde_json::json!({"exported": exported, "rejected": rejected}));
    }
    Ok(if rejected.is_empty() {
        Exit::Success
    } else {
        Exit::Failed
    })
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
