//! `ergo verify PATH --theory FILE...`: the CI gate. Every certificate is replayed by the
//! kernel against the trusted theory of its name: the MPL files named with `--theory`, the
//! theories of a `--manifest`, or, with neither, the file its `source` names if that is a
//! plain relative path inside the repository (see `ergo::proof::load`). So a certificate
//! cannot bring its own axioms, and a CI line states which axioms it trusts.
//!
//! Output: one line per trusted theory (its path and the SHA-256 of its bytes), one per
//! certificate, one per theorem; every name and path from a file is escaped. Exit 0 when
//! every theorem of every certificate is accepted, 1 when anything is rejected (a
//! certificate with no theorems included), 2 for bad input.

use super::output::write_atomically;
use super::{bad_input, emit_json, say, Exit};
use clap::Args;
use ergo::proof::load::{certificate_files, verify_file_with, Trust};
use ergo_kernel::escape;
use std::path::{Path, PathBuf};

/// Arguments of `ergo verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// A certificate file, or a folder searched for `*.proof.json`.
    pub path: PathBuf,
    /// A trusted theory (MPL file); repeatable. Certificates of any other theory, or that
    /// name another source, are rejected.
    #[arg(long = "theory", value_name = "FILE")]
    pub theories: Vec<PathBuf>,
    /// A manifest of trusted theories (as written by --write-manifest).
    #[arg(long, value_name = "FILE", conflicts_with = "theories")]
    pub manifest: Option<PathBuf>,
    /// Write the manifest of the --theory files to FILE (after verifying).
    #[arg(long, value_name = "FILE", requires = "theories")]
    pub write_manifest: Option<PathBuf>,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

fn shown(path: &Path) -> String {
    escape(&path.display().to_string())
}

/// Runs `ergo verify`.
pub fn run(args: &VerifyArgs) -> std::io::Result<Exit> {
    let (path, json) = (&args.path, args.json);
    let trust = if let Some(manifest) = &args.manifest {
        Trust::manifest(manifest)
    } else if !args.theories.is_empty() {
        Trust::files(&args.theories)
    } else {
        Ok(Trust::Repository)
    };
    let trust = match trust {
        Ok(t) => t,
        Err(why) => return Ok(bad_input("untrusted-theory", &why.to_string())),
    };
    if let Some(out) = &args.write_manifest {
        let out = super::output::Output::new(out.clone(), super::output::Origin::Named, true);
        if let Err(e) = out.check() {
            return Ok(bad_input("output", &escape(&e.to_string())));
        }
    }
    let files = match certificate_files(path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            let message = format!("no *.proof.json certificate under {}", shown(path));
            return Ok(bad_input("no-certificate", &message));
        }
        Err(e) => {
            let message = format!("cannot read {}: {}", shown(path), escape(&e.to_string()));
            return Ok(bad_input("io", &message));
        }
    };
    let mut trusted_rows = Vec::new();
    match &trust {
        Trust::Files(theories) => {
            for t in theories {
                say(
                    json,
                    &format!(
                        "trusted theory {} ({}): {} sha256:{}",
                        escape(&t.entry.name),
                        t.entry.digest,
                        shown(&t.path),
                        t.entry.sha256
                    ),
                );
                trusted_rows.push(serde_json::json!({
                    "path": t.path.display().to_string(), "sha256": t.entry.sha256,
                    "name": t.entry.name, "digest": t.entry.digest,
                }));
            }
        }
        Trust::Repository => say(
            json,
            "no --theory given: trusting the theory file each certificate names inside its repository",
        ),
    }
    let (mut checked, mut rejected, mut steps) = (0usize, 0usize, 0usize);
    let mut rows = Vec::new();
    let mut files_rejected = 0;
    for file in &files {
        match verify_file_with(file, &trust) {
            Err(why) => {
                files_rejected += 1;
                say(json, &format!("{}: REJECTED: {why}", shown(file)));
                let code = why
                    .rsplit_once('[')
                    .and_then(|(_, c)| c.strip_suffix(']'))
                    .map(str::to_string);
                rows.push(serde_json::json!({"file": file.display().to_string(), "name": null, "ok": false, "error": why, "code": code, "axioms": []}));
            }
            Ok(loaded) => {
                let report = loaded.verified.report();
                say(
                    json,
                    &format!(
                        "{}: theory {} ({}) bound to {} sha256:{}",
                        shown(file),
                        escape(&report.theory),
                        report.digest,
                        shown(&loaded.source),
                        loaded.source_sha256
                    ),
                );
                for t in &report.theorems {
                    checked += 1;
                    steps += t.steps;
                    let name = escape(&t.name);
                    let line = match &t.result {
                        Ok(()) => format!(
                            "  ok       {:<14} {:>4} steps  rests on {}",
                            name,
                            t.steps,
                            t.axioms.join(", ")
                        ),
                        Err(e) => {
                            rejected += 1;
                            format!("  REJECTED {:<14} {} [{}]", name, e, e.code())
                        }
                    };
                    say(json, &line);
                    rows.push(serde_json::json!({
                        "file": file.display().to_string(), "name": t.name,
                        "ok": t.result.is_ok(), "axioms": t.axioms,
                        "error": t.result.as_ref().err().map(|e| e.to_string()),
                        "code": t.result.as_ref().err().map(|e| e.code()),
                    }));
                }
            }
        }
    }
    say(
        json,
        &format!(
            "{} certificate(s): {checked} theorems checked, {rejected} rejected, {steps} steps{}",
            files.len(),
            if files_rejected > 0 {
                format!("; {files_rejected} certificate(s) rejected whole")
            } else {
                String::new()
            }
        ),
    );
    let ok = rejected == 0 && files_rejected == 0;
    if let (Some(out), true) = (&args.write_manifest, ok) {
        let dir = out.parent().unwrap_or(Path::new("."));
        if let Some(manifest) = trust.to_manifest(dir) {
            let mut bytes = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
            bytes.push(b'\n');
            if let Err(e) = write_atomically(out, &bytes) {
                return Ok(bad_input("io", &escape(&e.to_string())));
            }
            say(json, &format!("manifest written to {}", shown(out)));
        }
    }
    if json {
        emit_json(&serde_json::json!({
            "checked": checked, "rejected": rejected + files_rejected, "steps": steps,
            "trusted": trusted_rows, "theorems": rows,
        }));
    }
    Ok(if ok { Exit::Success } else { Exit::Failed })
}
