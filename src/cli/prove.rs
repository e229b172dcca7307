//! `ergo prove FILE [--goal F]... [--out PATH]`: goal-directed proving.
//!
//! Goals are the file's conjectures in order (each proved one reused by the later ones),
//! or the `--goal` formulas. Every proof is replayed by the kernel before it is reported
//! as proved; the certificate of the proved goals is written even when some goal stays
//! unproved (nothing proved is lost).

use super::{emit_json, say, Exit};
use crate::engine::{prove_in_order, Attempt, Goal, Limits, ProverConfig};
use crate::mpl;
use crate::proof::{certificate, relative_path, to_bytes, write_atomically};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Arguments of `ergo prove`.
#[derive(Args, Debug)]
pub struct ProveArgs {
    /// The MPL file of the theory.
    pub file: PathBuf,
    /// A goal to prove instead of the file's conjectures (repeatable), e.g. `x + 0 = x`
    /// or `(=[x + 0, x])`; free variables are universally quantified.
    #[arg(long = "goal", value_name = "F")]
    pub goals: Vec<String>,
    /// Where to write the certificate [default: proofs/<theory>.proof.json when proving
    /// the file's conjectures; with --goal, no file unless --out is given, so that a
    /// one-off goal never overwrites the theory's committed certificate].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Saturation only: does the goal follow by rewriting from the axioms (and the
    /// earlier goals)?
    #[arg(long)]
    pub no_induction: bool,
    /// Time budget of each goal, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// E-node budget of each saturation run.
    #[arg(long, value_name = "N", default_value_t = Limits::default().nodes)]
    pub node_limit: usize,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `ergo prove`.
pub fn run(args: ProveArgs) -> std::io::Result<Exit> {
    let started = Instant::now();
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        eprintln!("error: --timeout must be a positive number of seconds");
        return Ok(Exit::BadInput);
    }
    let mut theory = match mpl::load(&args.file) {
        Ok(t) => t,
        Err(d) => {
            eprint!("{d}");
            return Ok(Exit::BadInput);
        }
    };
    let mut goals = Vec::new();
    if args.goals.is_empty() {
        for c in &theory.conjectures {
            goals.push((c.name.clone(), c.formula.clone()));
        }
    } else {
        for (i, text) in args.goals.iter().enumerate() {
            match mpl::parse_goal(&mut theory, text) {
                Ok(f) => goals.push((format!("goal_{}", i + 1), f)),
                Err(d) => {
                    eprint!("{d}");
                    return Ok(Exit::BadInput);
                }
            }
        }
    }
    let mut eq_goals = Vec::new();
    for (name, f) in &goals {
        match Goal::from_formula(f) {
            Some(g) => eq_goals.push((name.clone(), g)),
            None => {
                eprintln!(
                    "error: goal `{name}` is not a universally quantified equation; this version proves equations only"
                );
                return Ok(Exit::BadInput);
            }
        }
    }
    let limits = Limits {
        nodes: args.node_limit,
        ..Limits::default()
    };
    let config = ProverConfig {
        limits,
        induction: !args.no_induction,
        goal_timeout: Duration::from_secs_f64(args.timeout),
    };
    let attempts = prove_in_order(&theory, &eq_goals, config);

    let out = match &args.out {
        Some(p) => Some(p.clone()),
        None if args.goals.is_empty() => {
            Some(PathBuf::from("proofs").join(format!("{}.proof.json", theory.name)))
        }
        None => None,
    };
    let out_dir = out
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let source = relative_path(out_dir, &args.file);
    let proved: Vec<_> = attempts
        .iter()
        .filter_map(|a| match a {
            Attempt::Proved(p) => Some(p),
            Attempt::Unproved { .. } => None,
        })
        .collect();
    let cert = certificate(&theory, &source, &proved);
    let report = ergo_kernel::check(&cert);
    let accepted = |name: &str| match &report {
        Ok(r) => r
            .theorems
            .iter()
            .any(|t| t.name == name && t.result.is_ok()),
        Err(_) => false,
    };

    let mut rows = Vec::new();
    let mut all_ok = true;
    for a in &attempts {
        let (ok, line, row) = match a {
            Attempt::Proved(p) => {
                let ok = accepted(&p.name);
                let stmt = mpl::print::equation(&theory, &p.goal.lhs, &p.goal.rhs);
                let ms = p.elapsed.as_secs_f64() * 1e3;
                let status = if ok { "proved  " } else { "REJECTED" };
                let line = format!(
                    "{status} {:<12} {:<32} {:<16} {:>8.2} ms {:>4} steps",
                    p.name,
                    stmt,
                    p.method.to_string(),
                    ms,
                    p.steps
                );
                let row = serde_json::json!({
                    "name": p.name, "statement": stmt, "proved": ok,
                    "method": p.method.to_string(), "ms": ms, "steps": p.steps,
                });
                (ok, line, row)
            }
            Attempt::Unproved {
                name,
                reason,
                elapsed,
            } => {
                let g = &eq_goals.iter().find(|(n, _)| n == name).expect("goal").1;
                let stmt = mpl::print::equation(&theory, &g.lhs, &g.rhs);
                let ms = elapsed.as_secs_f64() * 1e3;
                let line = format!("unproved {name:<12} {stmt:<32} {reason}");
                let row = serde_json::json!({
                    "name": name, "statement": stmt, "proved": false,
                    "method": null, "ms": ms, "steps": 0, "reason": reason,
                });
                (false, line, row)
            }
        };
        all_ok &= ok;
        say(args.json, &line);
        rows.push(row);
    }
    if let Err(e) = &report {
        say(args.json, &format!("kernel rejected the certificate: {e}"));
        all_ok = false;
    }
    if let Some(out) = &out {
        write_atomically(out, &to_bytes(&cert))?;
    }
    let elapsed_ms = started.elapsed().as_secs_f64() * 1e3;
    let n_ok = rows.iter().filter(|r| r["proved"] == true).count();
    let steps: usize = proved.iter().map(|p| p.steps).sum();
    let written = match &out {
        Some(out) => format!(
            "certificate {} ({} theorems, {steps} steps, kernel-checked)",
            out.display(),
            proved.len()
        ),
        None => "no certificate written (pass --out PATH to keep one)".to_string(),
    };
    say(
        args.json,
        &format!(
            "{n_ok}/{} proved in {elapsed_ms:.1} ms; {written}",
            rows.len()
        ),
    );
    if args.json {
        let certificate = out.as_ref().map(|o| o.display().to_string());
        emit_json(
            &serde_json::json!({"theorems": rows, "elapsed_ms": elapsed_ms, "certificate": certificate}),
        );
    }
    Ok(if all_ok { Exit::Success } else { Exit::Failed })
}
