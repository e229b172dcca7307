//! The report of `ergo prove`: one value, printed as text lines and as the JSON object by
//! [`print`], so the two always count the same goals.
//!
//! Text, one line a goal, then a summary:
//!
//! ```text
//! proved   add_zero     x + 0 = x                        induction on x       0.52 ms    3 steps
//! refuted  goal_1       x * y = x + y                    false: fails at x = 0, y = s(0) (certified: goal_1.counterexample)
//! refuted? goal_2       ...                              false: fails at ... in the constructor model, not certified: WHY
//! stopped  goal_3       ...                              interrupted before this goal
//! skipped  line_46      (>[N,i0,s,+,*,i1](AnchorGauss[...  its anchor is `AnchorGauss`, ...
//! 1/3 proved in 12.0 ms; certificate proofs/peano.proof.json (2 theorems, 3 steps, kernel-checked)
//! ```

use super::super::output::Written;
use super::super::{emit_json, say, Exit};

/// What became of one goal.
pub enum Status {
    /// Proved; `accepted` once the kernel replayed it and its lemmas.
    Proved {
        /// The proof method.
        method: String,
        /// Rewrite steps, the lemmas' included.
        steps: usize,
        /// The discovered lemmas: name, statement, method.
        lemmas: Vec<(String, String, String)>,
        /// Whether the kernel accepted the goal and its lemmas.
        accepted: bool,
    },
    /// False at a ground instance; `certified` names the kernel-checked theorems that
    /// make it false, or says why there are none.
    Refuted {
        /// The instance: variable, value.
        at: Vec<(String, String)>,
        /// The certifying theorems' names, or why the counterexample is not certified.
        certified: Result<Vec<String>, String>,
    },
    /// Not proved within the budget.
    Unproved {
        /// Why.
        reason: String,
    },
    /// Not attempted: Ctrl-C came first.
    Stopped,
    /// A goals-file line not read as a goal (GL's form with another anchor).
    Skipped {
        /// Why.
        reason: String,
    },
}

/// One goal's row.
pub struct GoalRow {
    /// The goal's name.
    pub name: String,
    /// Its statement, printed in the chosen style.
    pub statement: String,
    /// Time spent on it.
    pub ms: f64,
    /// Its outcome.
    pub status: Status,
}

/// Everything `ergo prove` reports.
pub struct ProveReport {
    /// Axiom parts nothing uses: `(name, reason)`.
    pub unusable: Vec<(String, String)>,
    /// The goals, in order.
    pub rows: Vec<GoalRow>,
    /// Why the kernel rejected the whole certificate, if it did.
    pub kernel_error: Option<String>,
    /// Where the certificate went, if one was written.
    pub written: Option<Written>,
    /// Theorems in the certificate.
    pub theorems: usize,
    /// Rewrite steps of the proved theorems.
    pub steps: usize,
    /// Wall-clock time of the whole command.
    pub elapsed_ms: f64,
    /// Whether Ctrl-C stopped the run before every goal was attempted.
    pub interrupted: bool,
}

impl GoalRow {
    /// Whether the goal was proved and kernel-checked.
    pub fn ok(&self) -> bool {
        matches!(self.status, Status::Proved { accepted: true, .. })
    }

    fn text(&self) -> String {
        let (name, stmt, ms) = (&self.name, &self.statement, self.ms);
        match &self.status {
            Status::Proved {
                method,
                steps,
                lemmas,
                accepted,
            } => {
                let status = if *accepted { "proved  " } else { "REJECTED" };
                let found = if lemmas.is_empty() {
                    String::new()
                } else {
                    let shown: Vec<&str> = lemmas.iter().map(|(_, s, _)| s.as_str()).collect();
                    format!("  lemmas: {}", shown.join("; "))
                };
                format!("{status} {name:<12} {stmt:<32} {method:<16} {ms:>8.2} ms {steps:>4} steps{found}")
            }
            Status::Refuted { at, certified } => {
                let at = at_text(at);
                match certified {
                    Ok(names) => format!(
                        "refuted  {name:<12} {stmt:<32} false: fails at {at} (certified: {})",
                        names.last().map(String::as_str).unwrap_or("")
                    ),
                    Err(why) => format!(
                        "refuted? {name:<12} {stmt:<32} false: fails at {at} in the constructor model, not certified: {why}"
                    ),
                }
            }
            Status::Unproved { reason } => format!("unproved {name:<12} {stmt:<32} {reason}"),
            Status::Stopped => {
                format!("stopped  {name:<12} {stmt:<32} interrupted before this goal")
            }
            Status::Skipped { reason } => format!("skipped  {name:<12} {stmt:<32} {reason}"),
        }
    }

    fn json(&self) -> serde_json::Value {
        let mut row = serde_json::json!({
            "name": self.name, "statement": self.statement, "proved": self.ok(),
            "method": null, "ms": self.ms, "steps": 0,
        });
        match &self.status {
            Status::Proved {
                method,
                steps,
                lemmas,
                ..
            } => {
                row["method"] = method.as_str().into();
                row["steps"] = (*steps).into();
                row["lemmas"] = lemmas
                    .iter()
                    .map(|(n, s, m)| serde_json::json!({"name": n, "statement": s, "method": m}))
                    .collect();
            }
            Status::Refuted { at, certified } => {
                row["refuted"] = true.into();
                row["reason"] = format!("false: fails at {}", at_text(at)).into();
                row["counterexample"] = at
                    .iter()
                    .map(|(v, t)| (v.clone(), serde_json::Value::from(t.as_str())))
                    .collect::<serde_json::Map<_, _>>()
                    .into();
                row["certified"] = certified.is_ok().into();
                match certified {
                    Ok(names) => row["certificate_theorems"] = names.clone().into(),
                    Err(why) => row["why"] = why.as_str().into(),
                }
            }
            Status::Unproved { reason } => row["reason"] = reason.as_str().into(),
            Status::Stopped => {
                row["stopped"] = true.into();
                row["reason"] = "interrupted before this goal".into();
            }
            Status::Skipped { reason } => {
                row["skipped"] = true.into();
                row["reason"] = reason.as_str().into();
            }
        }
        row
    }
}

fn at_text(at: &[(String, String)]) -> String {
    let parts: Vec<String> = at.iter().map(|(v, t)| format!("{v} = {t}")).collect();
    parts.join(", ")
}

/// Prints the report (text lines, then the JSON object under `--json`) and gives the
/// exit status: 0 all proved, 1 a goal not proved (a skipped goals-file line included) or
/// a rejection, 130 after Ctrl-C.
pub fn print(report: &ProveReport, json: bool) -> Exit {
    let mut all_ok = true;
    for row in &report.rows {
        all_ok &= row.ok();
        say(json, &row.text());
    }
    if let Some(e) = &report.kernel_error {
        say(json, &format!("kernel rejected the certificate: {e}"));
        all_ok = false;
    }
    let n_ok = report.rows.iter().filter(|r| r.ok()).count();
    let written = match &report.written {
        Some(w) => format!(
            "certificate {} ({} theorems, {} steps, kernel-checked)",
            w.path.display(),
            report.theorems,
            report.steps
        ),
        None => "no certificate written (pass --out PATH to keep one)".to_string(),
    };
    let stopped = report
        .rows
        .iter()
        .filter(|r| matches!(r.status, Status::Stopped))
        .count();
    let mut stopped_text = if report.interrupted {
        format!("; stopped: interrupted, {stopped} goal(s) not attempted")
    } else {
        String::new()
    };
    let skipped = report
        .rows
        .iter()
        .filter(|r| matches!(r.status, Status::Skipped { .. }))
        .count();
    if skipped > 0 {
        stopped_text.push_str(&format!("; {skipped} skipped (GL goals of another anchor)"));
    }
    say(
        json,
        &format!(
            "{n_ok}/{} proved in {:.1} ms{stopped_text}; {written}",
            report.rows.len(),
            report.elapsed_ms
        ),
    );
    if let Some(note) = report.written.as_ref().and_then(|w| w.note.as_ref()) {
        say(json, &format!("note: {note}"));
    }
    if json {
        let certificate = report
            .written
            .as_ref()
            .map(|w| w.path.display().to_string());
        emit_json(&serde_json::json!({
            "theorems": report.rows.iter().map(GoalRow::json).collect::<Vec<_>>(),
            "proved": n_ok,
            "unusable_axioms": super::super::unusable_json(&report.unusable),
            "elapsed_ms": report.elapsed_ms,
            "certificate": certificate,
            "note": report.written.as_ref().and_then(|w| w.note.clone()),
            "stopped": report.interrupted.then_some("interrupted"),
            "skipped": skipped,
        }));
    }
    if report.interrupted {
        Exit::Interrupted
    } else if all_ok {
        Exit::Success
    } else {
        Exit::Failed
    }
}
