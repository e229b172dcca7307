//! `ergo-check`: the standalone certificate checker for CI, built from the kernel package
//! alone (serde and serde_json; no parser of MPL, no prover).
//!
//! ```text
//! ergo-check --manifest proofs/trusted-theories.json [--json] PATH...
//! ```
//!
//! The manifest (written by `ergo verify ... --theory FILE ... --write-manifest FILE`)
//! names the trusted theory files with the SHA-256 of their bytes, their theory names,
//! digests and conjectures. `ergo-check` re-hashes every theory file (a changed file is
//! bad input: the manifest must be rewritten with `ergo verify`, which parses the MPL),
//! then checks every certificate under the PATHs exactly as `ergo verify` does: bound to
//! the trusted theory of its name, its `source` leading to that theory's file, its
//! theorems named after conjectures stating them. Exit 0 when everything is accepted,
//! 1 when anything is rejected, 2 for bad input.

use ergo_kernel::binding;
use ergo_kernel::escape;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: ergo-check --manifest FILE [--json] PATH...";

struct Args {
    manifest: PathBuf,
    json: bool,
    paths: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut manifest = None;
    let mut json = false;
    let mut paths = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--manifest") => {
                manifest = Some(PathBuf::from(args.next().ok_or("--manifest needs a FILE")?))
            }
            Some("--json") => json = true,
            Some("--help" | "-h") => return Err(USAGE.to_string()),
            Some(s) if s.starts_with("--") => return Err(format!("unknown option {}", escape(s))),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let manifest = manifest.ok_or("--manifest FILE is required")?;
    if paths.is_empty() {
        return Err("no PATH given".to_string());
    }
    Ok(Args {
        manifest,
        json,
        paths,
    })
}

fn shown(path: &Path) -> String {
    escape(&path.display().to_string())
}

/// Prints a human line: to stdout, or to stderr when stdout carries JSON.
fn say(json: bool, line: &str) {
    if json {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(why) => {
            eprintln!("error: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let theories = match binding::trusted_files(&args.manifest) {
        Ok(t) => t,
        Err(why) => {
            eprintln!("error: {why}");
            return ExitCode::from(2);
        }
    };
    let json = args.json;
    for (t, file) in &theories {
        say(
            json,
            &format!(
                "trusted theory {} ({}): {} sha256:{}",
                escape(&t.name),
                t.digest,
                shown(file),
                t.sha256
            ),
        );
    }
    let mut files = Vec::new();
    for path in &args.paths {
        match binding::certificate_files(path) {
            Ok(f) if !f.is_empty() => files.extend(f),
            Ok(_) => {
                eprintln!("error: no *.proof.json certificate under {}", shown(path));
                return ExitCode::from(2);
            }
            Err(e) => {
                eprintln!(
                    "error: cannot read {}: {}",
                    shown(path),
                    escape(&e.to_string())
                );
                return ExitCode::from(2);
            }
        }
    }
    let (mut checked, mut rejected, mut steps, mut files_rejected) =
        (0usize, 0usize, 0usize, 0usize);
    let mut rows = Vec::new();
    for file in &files {
        match binding::check_file(file, &theories).result {
            Err(e) => {
                files_rejected += 1;
                say(
                    json,
                    &format!("{}: REJECTED: {e} [{}]", shown(file), e.code()),
                );
                rows.push(serde_json::json!({"file": file.display().to_string(), "name": null, "ok": false, "code": e.code(), "error": e.to_string()}));
            }
            Ok((report, index)) => {
                let (t, theory_file) = &theories[index];
                say(
                    json,
                    &format!(
                        "{}: theory {} ({}) bound to {} sha256:{}",
                        shown(file),
                        escape(&report.theory),
                        report.digest,
                        shown(theory_file),
                        t.sha256
                    ),
                );
                for (t, line) in report.theorems.iter().zip(report.theorem_lines()) {
                    checked += 1;
                    steps += t.steps;
                    rejected += usize::from(t.result.is_err());
                    say(json, &line);
                    rows.push(serde_json::json!({
                        "file": file.display().to_string(), "name": t.name, "ok": t.result.is_ok(),
                        "code": t.result.as_ref().err().map(|e| e.code()),
                        "error": t.result.as_ref().err().map(|e| e.to_string()),
                    }));
                }
            }
        }
    }
    let whole = if files_rejected > 0 {
        format!("; {files_rejected} certificate(s) rejected whole")
    } else {
        String::new()
    };
    say(
        json,
        &format!(
            "{} certificate(s): {checked} theorems checked, {rejected} rejected, {steps} steps{whole}",
            files.len()
        ),
    );
    if json {
        println!(
            "{}",
            serde_json::json!({"checked": checked, "rejected": rejected + files_rejected, "steps": steps, "theorems": rows})
        );
    }
    if rejected == 0 && files_rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
