//! `ergo check FILE`: parse, resolve and sort-check.
//!
//! Stages: [`CheckArgs`] → [`check`] (the work: load, count, look for axioms false in the
//! constructor model) → [`CheckReport`] → [`print`] (text and JSON from the same value).

use super::{bad_source, emit_json, say, Exit};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ergo check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The MPL file.
    pub file: PathBuf,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// What `ergo check` found in a file that loads.
pub struct CheckReport {
    /// The file.
    pub file: PathBuf,
    /// The theory's name.
    pub theory: String,
    /// The user's sorts (`Prop` not counted).
    pub sorts: usize,
    /// The user's operators (predicates and `⊤` not counted).
    pub operators: usize,
    /// Declared predicates.
    pub predicates: usize,
    /// Axioms.
    pub axioms: usize,
    /// Conjectures.
    pub conjectures: usize,
    /// Axiom parts nothing uses: `(name, reason)`.
    pub unusable: Vec<(String, String)>,
    /// Axioms false in the constructor model: the axiom's name and the instance.
    pub conflicts: Vec<(String, String)>,
}

/// Runs `ergo check`.
pub fn run(args: &CheckArgs) -> std::io::Result<Exit> {
    Ok(match check(args) {
        Ok(report) => print(&report, args.json),
        Err(exit) => exit,
    })
}

/// Loads and counts; bad input is reported and given back as [`Exit::BadInput`].
pub fn check(args: &CheckArgs) -> Result<CheckReport, Exit> {
    let t = ergo::mpl::load(&args.file).map_err(|d| bad_source(&d))?;
    // Declared predicates are Prop-valued operators (src/mpl/predicate.rs); the counts
    // are the user's: predicates apart from operators, `⊤` and `Prop` not counted.
    let (predicates, implicit) = match ergo::mpl::predicate::Encoding::of(&t) {
        Some(e) => {
            let preds = (0..t.operators.len())
                .filter(|i| e.is_predicate(&t, ergo::mpl::OpId(*i as u32)))
                .count();
            (preds, 1)
        }
        None => (t.predicates.len(), 0),
    };
    super::warn_unusable(&t);
    let unusable = super::unusable_axioms(&t);
    let conflicts = ergo::engine::refute::model_conflicts(&t)
        .into_iter()
        .map(|c| (c.axiom, c.instance))
        .collect();
    Ok(CheckReport {
        file: args.file.clone(),
        theory: t.name.clone(),
        sorts: t.sorts.len() - implicit,
        operators: t.operators.len() - predicates - implicit,
        predicates,
        axioms: t.axioms.len(),
        conjectures: t.conjectures.len(),
        conflicts,
        unusable,
    })
}

/// Prints the report (a summary line, a warning per conflict, the JSON object).
pub fn print(r: &CheckReport, json: bool) -> Exit {
    say(
        json,
        &format!(
            "{}: theory {}: {}, {}, {}, {}, {}",
            r.file.display(),
            r.theory,
            count(r.sorts, "sort"),
            count(r.operators, "operator"),
            count(r.predicates, "predicate"),
            count(r.axioms, "axiom"),
            count(r.conjectures, "conjecture"),
        ),
    );
    for (axiom, instance) in &r.conflicts {
        let at = if instance.is_empty() {
            String::new()
        } else {
            format!(" at {instance}")
        };
        eprintln!(
            "warning: axiom `{axiom}` is false in the constructor model{at}: the axioms contradict \
             the distinctness of constructor terms, so they may be inconsistent"
        );
    }
    if json {
        let warnings: Vec<_> = r
            .conflicts
            .iter()
            .map(|(axiom, instance)| serde_json::json!({"axiom": axiom, "instance": instance, "code": "constructor-model"}))
            .collect();
        emit_json(&serde_json::json!({
            "warnings": warnings,
            "unusable_axioms": super::unusable_json(&r.unusable),
            "ok": true, "exit": 0, "file": r.file.display().to_string(), "theory": r.theory,
            "sorts": r.sorts, "operators": r.operators,
            "predicates": r.predicates, "axioms": r.axioms,
            "conjectures": r.conjectures,
        }));
    }
    Exit::Success
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
