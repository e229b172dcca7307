//! `ergo verify PATH`: the CI gate. Every certificate is replayed by the kernel, and its
//! theory section is compared with the one rebuilt from the MPL source it names, so a
//! certificate cannot bring its own axioms.

use super::{emit_json, say, Exit};
use crate::proof::theory_section;
use ergo_kernel::format::Certificate;
use std::path::{Path, PathBuf};

/// Runs `ergo verify`.
pub fn run(path: &Path, json: bool) -> std::io::Result<Exit> {
    let files = match certificate_files(path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            eprintln!(
                "error: no *.proof.json certificate under {}",
                path.display()
            );
            return Ok(Exit::BadInput);
        }
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return Ok(Exit::BadInput);
        }
    };
    let (mut checked, mut rejected, mut steps) = (0usize, 0usize, 0usize);
    let mut rows = Vec::new();
    let mut files_rejected = 0;
    for file in &files {
        match verify_file(file) {
            Err(why) => {
                files_rejected += 1;
                say(json, &format!("{}: REJECTED: {why}", file.display()));
                rows.push(serde_json::json!({"file": file.display().to_string(), "name": null, "ok": false, "error": why, "axioms": []}));
            }
            Ok((source, report)) => {
                say(
                    json,
                    &format!(
                        "{}: theory {} ({}) matches {}",
                        file.display(),
                        report.theory,
                        report.digest,
                        source.display()
                    ),
                );
                for t in &report.theorems {
                    checked += 1;
                    steps += t.steps;
                    let line = match &t.result {
                        Ok(()) => format!(
                            "  ok       {:<14} {:>4} steps  rests on {}",
                            t.name,
                            t.steps,
                            t.axioms.join(", ")
                        ),
                        Err(e) => {
                            rejected += 1;
                            format!("  REJECTED {:<14} {} [{}]", t.name, e, e.code())
                        }
                    };
                    say(json, &line);
                    rows.push(serde_json::json!({
                        "file": file.display().to_string(), "name": t.name,
                        "ok": t.result.is_ok(), "axioms": t.axioms,
                        "error": t.result.as_ref().err().map(|e| e.to_string()),
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
    if json {
        emit_json(
            &serde_json::json!({"checked": checked, "rejected": rejected + files_rejected, "steps": steps, "theorems": rows}),
        );
    }
    Ok(if rejected == 0 && files_rejected == 0 {
        Exit::Success
    } else {
        Exit::Failed
    })
}

/// `path` itself if it is a file, else every `*.proof.json` below it, sorted.
fn certificate_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(".proof.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Checks one certificate file: kernel replay, then the theory against its MPL source.
/// A problem with the file as a whole is an `Err` with the reason.
fn verify_file(file: &Path) -> Result<(PathBuf, ergo_kernel::Report), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let report = ergo_kernel::check_json(&text).map_err(|e| format!("{e} [{}]", e.code()))?;
    let cert: Certificate =
        serde_json::from_str(&text).map_err(|e| format!("not a certificate: {e}"))?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let source = tidy(&dir.join(&cert.theory.source));
    let theory = crate::mpl::load(&source)
        .map_err(|d| format!("cannot read the theory's source {}:\n{d}", source.display()))?;
    let rebuilt = theory_section(&theory, &cert.theory.source);
    if rebuilt != cert.theory {
        return Err(format!(
            "the certificate's theory differs from its source {}: {}",
            source.display(),
            first_difference(&rebuilt, &cert.theory)
        ));
    }
    Ok((source, report))
}

fn first_difference(
    source: &ergo_kernel::format::TheorySection,
    cert: &ergo_kernel::format::TheorySection,
) -> String {
    for (a, b) in source.axioms.iter().zip(&cert.axioms) {
        if a != b {
            return format!(
                "axiom `{}` is `{}` in the source but `{}` in the certificate",
                a.name, a.statement, b.statement
            );
        }
    }
    if source.axioms.len() != cert.axioms.len() {
        return format!(
            "the source has {} axioms, the certificate {}",
            source.axioms.len(),
            cert.axioms.len()
        );
    }
    "the signatures differ".to_string()
}

/// Removes `.` and `dir/..` pairs lexically, for display and reading alike.
fn tidy(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}
