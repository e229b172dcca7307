//! The report of `ergo derive`: one value, printed as text and as the JSON object by
//! [`print`], so every count appears once and the two always agree. In particular the
//! text's "N unproved (M of them conditional)" is JSON's `"unproved": N` and
//! `"unproved_conditional": M`.

use super::super::output::Written;
use super::super::{emit_json, say, Exit, StyleArg};
use ergo::engine::{Derived, Exploration, StopReason};
use ergo::mpl::{OpId, Term, Theory};
use std::collections::BTreeSet;
use std::time::Duration;

/// Everything `ergo derive` reports.
pub struct DeriveReport {
    /// The exploration.
    pub exploration: Exploration,
    /// Where the certificate went.
    pub written: Written,
    /// Theorems the kernel rejected.
    pub rejected: Vec<String>,
    /// The HTML site's folder and page count, if one was written.
    pub html: Option<(std::path::PathBuf, usize)>,
    /// Worker threads used (in all processes).
    pub threads: usize,
    /// Where the blocks ran ("2 thread(s)", "3 process(es) x 1 worker(s) (timely)").
    pub grid: String,
    /// The serial fraction of the run, per phase.
    pub serial: super::grid::Serial,
}

/// The counts of a report, computed once for the text and the JSON.
struct Counts {
    theorems: usize,
    essential: usize,
    unproved: usize,
    unproved_conditional: usize,
}

impl DeriveReport {
    fn counts(&self) -> Counts {
        let ex = &self.exploration;
        Counts {
            theorems: ex.theorems.len(),
            essential: ex.theorems.iter().filter(|d| d.essential).count(),
            unproved: ex.unproved.len() + ex.unproved_clauses.len(),
            unproved_conditional: ex.unproved_clauses.len(),
        }
    }
}

/// The ground phase's facts (named with [`ergo::engine::ground::PREFIX`]).
struct GroundCounts {
    proved: usize,
    negated: usize,
    unproved: usize,
}

fn ground_counts(ex: &Exploration) -> GroundCounts {
    let ground: Vec<&Derived> = ex
        .theorems
        .iter()
        .filter(|d| d.proved.name.starts_with(ergo::engine::ground::PREFIX))
        .collect();
    GroundCounts {
        proved: ground.len(),
        negated: ground.iter().filter(|d| d.proved.goal.negated).count(),
        unproved: ex.unproved_ground.len(),
    }
}

fn ops_in(t: &Term, out: &mut BTreeSet<OpId>) {
    if let Term::App(f, args) = t {
        if !args.is_empty() {
            out.insert(*f);
        }
        args.iter().for_each(|a| ops_in(a, out));
    }
}

/// Prints the report: the essential theorems grouped by the (non-constant) operators
/// they mention, the counts, the phases, the certificate; then the JSON object under
/// `--json`. Gives the exit status: 1 when the kernel rejected a theorem, 130 after
/// Ctrl-C, 0 otherwise (a `--time-limit` stop included).
pub fn print(report: &DeriveReport, style: StyleArg, json: bool) -> Exit {
    let ex = &report.exploration;
    let c = report.counts();
    let th: &Theory = &ex.theory;
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for d in ex.theorems.iter().filter(|d| d.essential) {
        let mut ops = BTreeSet::new();
        ops_in(&d.proved.goal.lhs, &mut ops);
        ops_in(&d.proved.goal.rhs, &mut ops);
        for (l, r) in &d.proved.goal.premises {
            ops_in(l, &mut ops);
            ops_in(r, &mut ops);
        }
        // Instances of one scheme (`app['a]`, `app['b]`) are one operator to a reader.
        let mut key: Vec<String> = Vec::new();
        for o in &ops {
            let shown = th.op_shown(*o).to_string();
            if !key.contains(&shown) {
                key.push(shown);
            }
        }
        let line = format!(
            "  {:<14} {:<36} {}",
            d.proved.name,
            style.statement(th, &d.proved.goal),
            d.proved.method
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lines)) => lines.push(line),
            None => groups.push((key, vec![line])),
        }
    }
    groups.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
    say(json, &format!("theory {}: essential theorems", th.name));
    for (key, lines) in &groups {
        say(json, &format!(" {}:", key.join(" ")));
        for l in lines {
            say(json, l);
        }
    }
    say(
        json,
        &format!(
            "{} theorems ({} essential, {} derived) in {:.0} ms on {}: {} rounds, {} terms, {} conjectures ({} refuted on a wider sample), {} sent to blocks, {} subsumed, {} unproved ({} of them conditional)",
            c.theorems,
            c.essential,
            c.theorems - c.essential,
            ex.elapsed.as_secs_f64() * 1e3,
            report.grid,
            ex.rounds,
            ex.terms,
            ex.conjectures,
            ex.refuted,
            ex.attempts,
            ex.subsumed,
            c.unproved,
            c.unproved_conditional
        ),
    );
    let ph = &ex.phases;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let ground = ground_counts(ex);
    if ground.proved + ground.unproved > 0 {
        say(
            json,
            &format!(
                "ground facts over the numerals: {} proved ({} equations, {} negations), {} unproved, in {:.0} ms",
                ground.proved,
                ground.proved - ground.negated,
                ground.negated,
                ground.unproved,
                ms(ph.ground)
            ),
        );
    }
    say(
        json,
        &format!(
            "time: conjecturing {:.0} ms, pruning {:.0} ms, blocks {:.0} ms, barriers {:.0} ms, conditional facts {:.0} ms, compression {:.0} ms{}",
            ms(ph.conjecture), ms(ph.prune), ms(ph.blocks), ms(ph.barrier), ms(ph.conditional), ms(ph.compress),
            if ground.proved + ground.unproved > 0 { format!(", ground facts {:.0} ms", ms(ph.ground)) } else { String::new() }
        ),
    );
    let cp = &ph.conditional_parts;
    say(
        json,
        &format!(
            "conditional facts: proposing {:.0} ms, pruning {:.0} ms, blocks {:.0} ms, barriers {:.0} ms; kernel replay at barriers {:.0} ms",
            ms(cp.propose), ms(cp.prune), ms(cp.blocks), ms(cp.barrier), ms(ph.replay)
        ),
    );
    let sf = &report.serial;
    say(
        json,
        &format!(
            "serial fraction (time outside rounds of blocks and checks): equations {:.0}%, conditional facts {:.0}%, whole run {:.0}%",
            sf.equations * 100.0, sf.conditional * 100.0, sf.overall * 100.0
        ),
    );
    if ex.kernel_rejected > 0 {
        say(
            json,
            &format!(
                "warning: the kernel rejected {} proved conjecture(s) at the barriers; they were dropped",
                ex.kernel_rejected
            ),
        );
    }
    if let Some(why) = &ex.stopped {
        say(
            json,
            &format!("stopped early ({why}); everything proved so far is kept"),
        );
    }
    say(
        json,
        &format!(
            "certificate {} (kernel-checked)",
            report.written.path.display()
        ),
    );
    if let Some(note) = &report.written.note {
        say(json, &format!("note: {note}"));
    }
    if let Some((dir, pages)) = &report.html {
        say(
            json,
            &format!("html site {} ({pages} pages)", dir.display()),
        );
    }
    if !report.rejected.is_empty() {
        say(
            json,
            &format!("kernel REJECTED: {}", report.rejected.join(", ")),
        );
    }
    if json {
        let theorems: Vec<_> = ex
            .theorems
            .iter()
            .map(|d| {
                serde_json::json!({
                    "name": d.proved.name,
                    "statement": style.statement(&ex.theory, &d.proved.goal),
                    "method": d.proved.method.to_string(),
                    "essential": d.essential,
                    "ms": d.proved.elapsed.as_secs_f64() * 1e3,
                })
            })
            .collect();
        emit_json(&serde_json::json!({
            "theory": ex.theory.name,
            "theorems": theorems,
            "theorem_count": c.theorems,
            "unusable_axioms": super::super::unusable_json(&super::super::unusable_axioms(&ex.theory)),
            "essential": c.essential,
            "derived": c.theorems - c.essential,
            "rounds": ex.rounds,
            "terms": ex.terms,
            "conjectures": ex.conjectures,
            "attempts": ex.attempts,
            "subsumed": ex.subsumed,
            "unproved": c.unproved,
            "unproved_conditional": c.unproved_conditional,
            "ground": {
                "proved": ground.proved,
                "negated": ground.negated,
                "unproved": ex.unproved_ground,
                "ms": ms(ph.ground),
            },
            "kernel_rejected": ex.kernel_rejected,
            "rejected": report.rejected,
            "stopped": ex.stopped.map(|why| why.to_string()),
            "threads": report.threads,
            "grid": report.grid,
            "serial_fraction": {
                "equations": report.serial.equations,
                "conditional": report.serial.conditional,
                "overall": report.serial.overall,
                "in_rounds_ms": report.serial.in_rounds.as_secs_f64() * 1e3,
            },
            "elapsed_ms": ex.elapsed.as_secs_f64() * 1e3,
            "certificate": report.written.path.display().to_string(),
            "note": report.written.note,
            "html": report.html.as_ref().map(|(d, _)| d.display().to_string()),
            "pages": report.html.as_ref().map(|(_, p)| *p),
        }));
    }
    if !report.rejected.is_empty() {
        Exit::Failed
    } else if ex.stopped == Some(StopReason::Interrupted) {
        Exit::Interrupted
    } else {
        Exit::Success
    }
}
