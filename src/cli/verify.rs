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
//!
//! Stages: [`VerifyArgs`] → [`verify`] (the work: replay, then the manifest) →
//! [`VerifyReport`] → [`print`] (text and JSON from the same value, counted once).

use super::output::write_atomically;
use super::{bad_input, emit_json, say, Exit};
use clap::Args;
use ergo::proof::load::{certificate_files, verify_file_with, LoadError, Loaded, Trust};
use ergo_kernel::escape;
use std::path::{Path, PathBuf};

/// Arguments of `ergo verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// A certificate file, or a folder searched for `*.proof.json`.
    pub path: PathBuf,
    /// The trusted theories.
    #[command(flatten)]
    pub trust: super::trust::TrustArgs,
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

/// What `ergo verify` found: the trusted theories, each certificate's replay, and the
/// manifest written, if any.
pub struct VerifyReport {
    /// The trust the certificates were checked against.
    pub trust: Trust,
    /// Each certificate file and its replay (or why it was rejected whole).
    pub files: Vec<(PathBuf, Result<Loaded, LoadError>)>,
    /// Where the manifest was written.
    pub manifest: Option<PathBuf>,
}

/// The counts of a report, computed once for the text and the JSON.
struct Counts {
    checked: usize,
    rejected: usize,
    steps: usize,
    files_rejected: usize,
}

impl VerifyReport {
    fn counts(&self) -> Counts {
        let mut c = Counts {
            checked: 0,
            rejected: 0,
            steps: 0,
            files_rejected: 0,
        };
        for (_, result) in &self.files {
            match result {
                Err(_) => c.files_rejected += 1,
                Ok(loaded) => {
                    for t in &loaded.verified.report().theorems {
                        c.checked += 1;
                        c.steps += t.steps;
                        c.rejected += usize::from(t.result.is_err());
                    }
                }
            }
        }
        c
    }

    /// Whether every theorem of every certificate was accepted.
    pub fn ok(&self) -> bool {
        let c = self.counts();
        c.rejected == 0 && c.files_rejected == 0
    }
}

/// Runs `ergo verify`.
pub fn run(args: &VerifyArgs) -> std::io::Result<Exit> {
    Ok(match verify(args) {
        Ok(report) => print(&report, args.json),
        Err(exit) => exit,
    })
}

/// Reads the trust, checks the manifest's output path, replays every certificate and,
/// when all are accepted, writes the manifest. Bad input is given back as `Err`.
pub fn verify(args: &VerifyArgs) -> Result<VerifyReport, Exit> {
    let path = &args.path;
    let trust = args.trust.trust()?;
    if let Some(out) = &args.write_manifest {
        let out = super::output::Output::new(out.clone(), super::output::Origin::Named, true);
        out.check()
            .map_err(|e| bad_input("output", &escape(&e.to_string())))?;
    }
    let files = match certificate_files(path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            let message = format!("no *.proof.json certificate under {}", shown(path));
            return Err(bad_input("no-certificate", &message));
        }
        Err(e) => {
            let message = format!("cannot read {}: {}", shown(path), escape(&e.to_string()));
            return Err(bad_input("io", &message));
        }
    };
    let files = files
        .into_iter()
        .map(|f| {
            let result = verify_file_with(&f, &trust);
            (f, result)
        })
        .collect();
    let mut report = VerifyReport {
        trust,
        files,
        manifest: None,
    };
    if let (Some(out), true) = (&args.write_manifest, report.ok()) {
        let dir = out.parent().unwrap_or(Path::new("."));
        if let Some(manifest) = report.trust.to_manifest(dir) {
            let mut bytes = serde_json::to_vec_pretty(&manifest)
                .map_err(|e| bad_input("io", &e.to_string()))?;
            bytes.push(b'\n');
            write_atomically(out, &bytes).map_err(|e| bad_input("io", &escape(&e.to_string())))?;
            report.manifest = Some(out.clone());
        }
    }
    Ok(report)
}

/// Prints the report as text and, under `--json`, as the one JSON object; exit 0 when
/// everything was accepted, 1 otherwise.
pub fn print(r: &VerifyReport, json: bool) -> Exit {
    let mut trusted_rows = Vec::new();
    match &r.trust {
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
    let mut rows = Vec::new();
    for (file, result) in &r.files {
        match result {
            Err(why) => {
                say(json, &format!("{}: REJECTED: {why}", shown(file)));
                rows.push(serde_json::json!({"file": file.display().to_string(), "name": null, "ok": false, "error": why.to_string(), "code": why.code, "axioms": []}));
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
                for (t, line) in report.theorems.iter().zip(report.theorem_lines()) {
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
    let c = r.counts();
    say(
        json,
        &format!(
            "{} certificate(s): {} theorems checked, {} rejected, {} steps{}",
            r.files.len(),
            c.checked,
            c.rejected,
            c.steps,
            if c.files_rejected > 0 {
                format!("; {} certificate(s) rejected whole", c.files_rejected)
            } else {
                String::new()
            }
        ),
    );
    if let Some(out) = &r.manifest {
        say(json, &format!("manifest written to {}", shown(out)));
    }
    if json {
        emit_json(&serde_json::json!({
            "checked": c.checked, "rejected": c.rejected + c.files_rejected, "steps": c.steps,
            "trusted": trusted_rows, "theorems": rows,
        }));
    }
    if r.ok() {
        Exit::Success
    } else {
        Exit::Failed
    }
}
