//! `ergo check FILE`: parse, resolve and sort-check.

use super::{emit_json, say, Exit};
use std::path::Path;

/// Runs `ergo check`.
pub fn run(file: &Path, json: bool) -> std::io::Result<Exit> {
    match crate::mpl::load(file) {
        Err(diags) => {
            eprint!("{diags}");
            if json {
                emit_json(
                    &serde_json::json!({"ok": false, "file": file.display().to_string(), "errors": diags.len()}),
                );
            }
            Ok(Exit::BadInput)
        }
        Ok(t) => {
            say(
                json,
                &format!(
                    "{}: theory {}: {}, {}, {}, {}, {}",
                    file.display(),
                    t.name,
                    count(t.sorts.len(), "sort"),
                    count(t.operators.len(), "operator"),
                    count(t.predicates.len(), "predicate"),
                    count(t.axioms.len(), "axiom"),
                    count(t.conjectures.len(), "conjecture"),
                ),
            );
            if json {
                emit_json(&serde_json::json!({
                    "ok": true, "file": file.display().to_string(), "theory": t.name,
                    "sorts": t.sorts.len(), "operators": t.operators.len(),
                    "predicates": t.predicates.len(), "axioms": t.axioms.len(),
                    "conjectures": t.conjectures.len(),
                }));
            }
            Ok(Exit::Success)
        }
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
