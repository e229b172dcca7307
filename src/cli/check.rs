//! `ergo check FILE`: parse, resolve and sort-check.

use super::{bad_source, emit_json, say, Exit};
use std::path::Path;

/// Runs `ergo check`.
pub fn run(file: &Path, json: bool) -> std::io::Result<Exit> {
    match ergo::mpl::load(file) {
        Err(diags) => Ok(bad_source(&diags)),
        Ok(t) => {
            // Declared predicates are Prop-valued operators (src/mpl/predicate.rs); the
            // counts are the user's: predicates apart from operators, `⊤` and `Prop` not
            // counted.
            let (preds, implicit) = match ergo::mpl::predicate::Encoding::of(&t) {
                Some(e) => {
                    let preds = (0..t.operators.len())
                        .filter(|i| e.is_predicate(&t, ergo::mpl::OpId(*i as u32)))
                        .count();
                    (preds, 1)
                }
                None => (t.predicates.len(), 0),
            };
            let operators = t.operators.len() - preds - implicit;
            let sorts = t.sorts.len() - implicit;
            say(
                json,
                &format!(
                    "{}: theory {}: {}, {}, {}, {}, {}",
                    file.display(),
                    t.name,
                    count(sorts, "sort"),
                    count(operators, "operator"),
                    count(preds, "predicate"),
                    count(t.axioms.len(), "axiom"),
                    count(t.conjectures.len(), "conjecture"),
                ),
            );
            let conflicts = ergo::engine::refute::model_conflicts(&t);
            for c in &conflicts {
                let at = if c.instance.is_empty() {
                    String::new()
                } else {
                    format!(" at {}", c.instance)
                };
                eprintln!(
                    "warning: axiom `{}` is false in the constructor model{at}: the axioms contradict \
                     the distinctness of constructor terms, so they may be inconsistent",
                    c.axiom
                );
            }
            if json {
                let warnings: Vec<_> = conflicts
                    .iter()
                    .map(|c| serde_json::json!({"axiom": c.axiom, "instance": c.instance, "code": "constructor-model"}))
                    .collect();
                emit_json(&serde_json::json!({
                    "warnings": warnings,
                    "ok": true, "exit": 0, "file": file.display().to_string(), "theory": t.name,
                    "sorts": sorts, "operators": operators,
                    "predicates": preds, "axioms": t.axioms.len(),
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
