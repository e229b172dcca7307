//! `ergo import tip FILE.smt2 [--out FILE.mpl [--force]] [--json]`: the MPL text of a TIP
//! problem (docs/logic.md, section 5), the text `check`, `prove` and `derive` load for a
//! `.smt2` file.
//!
//! Without `--out` the text goes to stdout. With `--out` it is written atomically; an
//! existing file (an edited translation, say) is replaced only with `--force`. The text
//! is then loaded by the MPL loader: a failure there is a bug of the translation (or a
//! construct the MPL front end does not read yet), reported as an `internal-error`
//! naming the MPL line, with exit 2 — the text is still printed or written, so that it
//! can be read. With `--json`, one JSON object on stdout (holding the text when there is no
//! `--out`). Exit: 0 done, 2 bad input (TIP errors with `file:line:col`, an unwritable
//! output).
//!
//! Stages: [`ImportCommand`] → [`import`] (read, translate, load, write) →
//! [`ImportReport`] → [`print`].

use super::output::write_atomically;
use super::{bad_input, bad_source, emit_json, say, Exit};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The import sources.
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Print a TIP problem (.smt2) as MPL: datatypes as inductive sorts, definitions as
    /// their defining equations, goals as conjectures; mangled names listed at the top.
    Tip(TipArgs),
}

/// Arguments of `ergo import tip`.
#[derive(Args, Debug)]
pub struct TipArgs {
    /// The TIP problem.
    pub file: PathBuf,
    /// Where to write the MPL text [default: print on stdout].
    #[arg(long, value_name = "FILE.mpl")]
    pub out: Option<PathBuf>,
    /// Replace an existing `--out` file that holds other text.
    #[arg(long)]
    pub force: bool,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

impl ImportCommand {
    /// Whether `--json` was given.
    pub fn json(&self) -> bool {
        match self {
            ImportCommand::Tip(a) => a.json,
        }
    }
}

/// What `ergo import tip` did.
pub struct ImportReport {
    /// The TIP file.
    pub file: PathBuf,
    /// The MPL text.
    pub text: String,
    /// The names that changed (TIP, MPL).
    pub renamed: Vec<(String, String)>,
    /// Where the text was written (`None`: stdout).
    pub out: Option<PathBuf>,
}

/// Runs `ergo import`.
pub fn run(cmd: ImportCommand) -> std::io::Result<Exit> {
    let ImportCommand::Tip(args) = cmd;
    Ok(match import(&args) {
        Ok(report) => print(&report, args.json),
        Err(exit) => exit,
    })
}

/// Reads, translates and loads the problem, then writes the text if `--out` is given.
pub fn import(args: &TipArgs) -> Result<ImportReport, Exit> {
    if let Some(out) = &args.out {
        if !args.force && std::fs::symlink_metadata(out).is_ok() {
            return Err(bad_input(
                "output",
                &format!(
                    "{} exists; `--force` replaces it (an edited translation would be lost)",
                    out.display()
                ),
            ));
        }
    }
    let problem = ergo::tip::read(&args.file).map_err(|d| bad_source(&d))?;
    let translation = ergo::tip::mpl::to_mpl(&problem).map_err(|d| {
        bad_source(&ergo::mpl::Diagnostics::new(
            vec![problem.file.clone()],
            vec![*d],
        ))
    })?;
    if let Some(out) = &args.out {
        write_atomically(out, translation.text.as_bytes())
            .map_err(|e| bad_input("output", &e.to_string()))?;
    }
    let report = ImportReport {
        file: args.file.clone(),
        text: translation.text,
        renamed: translation.renamed,
        out: args.out.clone(),
    };
    if let Err(d) = ergo::tip::load_problem(&problem) {
        if args.out.is_none() && !args.json {
            print(&report, false);
        }
        return Err(bad_source(&d));
    }
    Ok(report)
}

/// Prints the text (no `--out`) or a status line, and the JSON object.
pub fn print(r: &ImportReport, json: bool) -> Exit {
    match &r.out {
        Some(out) => say(
            json,
            &format!("{}: MPL written to {}", r.file.display(), out.display()),
        ),
        None if !json => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(r.text.as_bytes());
        }
        None => {}
    }
    if json {
        let renamed: serde_json::Map<String, serde_json::Value> = r
            .renamed
            .iter()
            .map(|(t, m)| (t.clone(), serde_json::json!(m)))
            .collect();
        let mut v = serde_json::json!({
            "ok": true, "exit": 0, "file": r.file.display().to_string(),
            "out": r.out.as_ref().map(|p| p.display().to_string()),
            "renamed": renamed,
        });
        if r.out.is_none() {
            v["mpl"] = serde_json::json!(r.text);
        }
        emit_json(&v);
    }
    Exit::Success
}
