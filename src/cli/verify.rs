//! `ergo verify PATH`: the CI gate. Every certificate is replayed by the kernel, and its
//! theory section is compared with the one rebuilt from the MPL source it names, so a
//! certificate cannot bring its own axioms.

use super::{emit_json, say, Exit};
use ergo::proof::load::{certificate_files, verify_file};
use std::path::Path;

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
            Ok(loaded) => {
                let report = loaded.verified.report();
                say(
                    json,
                    &format!(
                        "{}: theory {} ({}) matches {}",
                        file.display(),
                        report.theory,
                        report.digest,
                        loaded.source.display()
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
