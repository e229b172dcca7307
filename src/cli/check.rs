//! `ergo check FILE`: parse, resolve and sort-check.
//!
//! Stages: [`CheckArgs`] → [`check`] (the work: load, count, look for axioms false in the
//! constructor model) → [`CheckReport`] → [`print`] (text and JSON from the same value).
//!
//! A `.smt2` file is a TIP problem: it is read and sort-checked by `ergo::tip`
//! ([`check_tip`]) and summarised (datatypes, functions, facts, goals, and which of
//! polymorphism, function sorts, lambda, ite and match it uses), then its MPL translation
//! (`ergo import tip`) is loaded and checked like an MPL file. `check`, `prove` and
//! `derive` load every file through [`load`] / [`load_str`], which send `.smt2` files
//! through `ergo::tip::load` (TIP errors point into the `.smt2` file; a loader failure on
//! the translation is an `internal-error` naming the MPL line).

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
    if is_tip(&args.file) {
        return Ok(check_tip(args));
    }
    Ok(match check(args) {
        Ok(report) => print(&report, args.json),
        Err(exit) => exit,
    })
}

/// Loads and counts; bad input is reported and given back as [`Exit::BadInput`].
pub fn check(args: &CheckArgs) -> Result<CheckReport, Exit> {
    let t = load(&args.file).map_err(|d| bad_source(&d))?;
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
    print_with(r, json, None)
}

/// [`print`], with `extra` fields (an object) added to the JSON object.
fn print_with(r: &CheckReport, json: bool, extra: Option<serde_json::Value>) -> Exit {
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
        let mut v = serde_json::json!({
            "warnings": warnings,
            "unusable_axioms": super::unusable_json(&r.unusable),
            "ok": true, "exit": 0, "file": r.file.display().to_string(), "theory": r.theory,
            "sorts": r.sorts, "operators": r.operators,
            "predicates": r.predicates, "axioms": r.axioms,
            "conjectures": r.conjectures,
        });
        if let (Some(serde_json::Value::Object(extra)), Some(obj)) = (extra, v.as_object_mut()) {
            obj.extend(extra);
        }
        emit_json(&v);
    }
    Exit::Success
}

/// Whether `path` names a TIP problem (`.smt2`).
pub fn is_tip(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("smt2"))
}

/// Loads an MPL file, or a TIP problem (`.smt2`) through its MPL translation.
pub fn load(path: &std::path::Path) -> Result<ergo::mpl::Theory, ergo::mpl::Diagnostics> {
    if is_tip(path) {
        ergo::tip::load(path)
    } else {
        ergo::mpl::load(path)
    }
}

/// [`load`] on a file's text.
pub fn load_str(
    path: &std::path::Path,
    text: &str,
) -> Result<ergo::mpl::Theory, ergo::mpl::Diagnostics> {
    if is_tip(path) {
        ergo::tip::load_str(path, text)
    } else {
        ergo::mpl::load_str(path, text)
    }
}

/// `ergo check FILE.smt2`: reads and sort-checks a TIP problem, prints its summary, then
/// loads its MPL translation and prints what `ergo check` prints for an MPL file.
pub fn check_tip(args: &CheckArgs) -> Exit {
    let p = match ergo::tip::read(&args.file) {
        Ok(p) => p,
        Err(d) => return bad_source(&d),
    };
    let s = p.summary();
    let features = s.features();
    let uses = if features.is_empty() {
        "first-order, monomorphic".to_string()
    } else {
        format!("uses {}", features.join(", "))
    };
    let sorts = if s.sorts == 0 {
        String::new()
    } else {
        format!("{}, ", count(s.sorts, "declared sort"))
    };
    say(
        args.json,
        &format!(
            "{}: TIP problem: {}, {sorts}{}, {}, {}; {uses}",
            args.file.display(),
            count(s.datatypes, "datatype"),
            count(s.functions, "function"),
            count(s.facts, "fact"),
            count(s.goals, "goal"),
        ),
    );
    let tip = serde_json::json!({
        "format": "tip",
        "datatypes": s.datatypes, "declared_sorts": s.sorts, "functions": s.functions,
        "facts": s.facts, "goals": s.goals,
        "uses": {
            "polymorphism": s.uses_polymorphism, "function_sorts": s.uses_function_sorts,
            "lambda": s.uses_lambda, "ite": s.uses_ite, "match": s.uses_match,
        },
    });
    match check(args) {
        Ok(report) => print_with(&report, args.json, Some(tip)),
        Err(exit) => exit,
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
