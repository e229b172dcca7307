//! `ergo prove FILE [--goal F]... [--out PATH]`: goal-directed proving.
//!
//! Goals are the file's conjectures in order, or the `--goal` formulas. Each goal is
//! tested on ground instances first (a false goal is reported with its counterexample),
//! then proved from the axioms, the `--lemmas` and (unless `--independent`) the goals
//! proved before it; when that is not enough, ergo discovers the lemmas it needs. Every
//! proof is replayed by the kernel before it is reported as proved; the certificate of
//! the proved goals is written even when some goal stays unproved (nothing proved is
//! lost).

use super::{emit_json, say, Exit, StyleArg};
use clap::Args;
use ergo::engine::discover::{prepare, prove_goal, DiscoverConfig, Outcome};
use ergo::engine::equation::axiom_equations;
use ergo::engine::{Equation, Goal, Limits, Proved, RayonExecutor, RuleKind};
use ergo::mpl::{self, Theory};
use ergo::proof::{certificate, relative_path, to_bytes, write_atomically};
use ergo_kernel::format::Theorem;
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
    /// Where to write the certificate [default: proofs/THEORY.proof.json when proving
    /// the file's conjectures; with --goal, no file unless --out is given, so that a
    /// one-off goal never overwrites the theory's committed certificate].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Use the verified theorems of a certificate file or folder as rules (equations,
    /// disequations and conditional facts; certificates of other theories in the folder
    /// are ignored); their proofs are copied into the new certificate.
    #[arg(long, value_name = "PATH")]
    pub lemmas: Option<PathBuf>,
    /// Prove each goal from the axioms (and --lemmas) alone, without the earlier goals.
    #[arg(long)]
    pub independent: bool,
    /// Saturation only: does the goal follow by rewriting from the axioms (and the
    /// lemmas and earlier goals)? No induction, no lemma discovery.
    #[arg(long)]
    pub no_induction: bool,
    /// Time limit of each goal, in seconds: a cancellation looked at between proof
    /// attempts and exploration rounds. It may leave a goal unproved (reported as
    /// stopped by the time limit), but never changes a proof that is found: the search
    /// itself is bounded by counts.
    #[arg(long, value_name = "SECS", default_value_t = DiscoverConfig::default().timeout.as_secs_f64())]
    pub timeout: f64,
    /// E-node budget of each saturation run.
    #[arg(long, value_name = "N", default_value_t = Limits::default().nodes)]
    pub node_limit: usize,
    /// Worker threads for lemma discovery (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// How statements are printed (human output and JSON).
    #[arg(long, value_enum, default_value_t = StyleArg::Infix)]
    pub style: StyleArg,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Theorems from `--lemmas`: their rules (conditional theorems become conditional
/// rules, disequations refutation rules), and their certificate entries (with the
/// entries they depend on), in certificate order. Certificates of other theories under
/// the path are ignored.
fn load_lemmas(path: &Path, theory: &mut Theory) -> Result<(Vec<Equation>, Vec<Theorem>), String> {
    let found = ergo::proof::lemmas(path, theory).map_err(|e| e.to_string())?;
    let mut eqs = Vec::new();
    let mut entries = Vec::new();
    for lemma in found.lemmas {
        let name = &lemma.theorem.name;
        let goal = Goal::from_formula(&lemma.statement)
            .ok_or_else(|| format!("theorem `{name}` is not a clause the prover can use"))?;
        eqs.push(goal.into_equation(RuleKind::Theorem, name));
        entries.push(lemma.theorem);
    }
    Ok((eqs, entries))
}

/// Runs `ergo prove`.
pub fn run(args: ProveArgs) -> std::io::Result<Exit> {
    super::derive::install_trace();
    let started = Instant::now();
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        eprintln!("error: --timeout must be a positive number of seconds");
        return Ok(Exit::BadInput);
    }
    let theory = match mpl::load(&args.file) {
        Ok(t) => t,
        Err(d) => {
            eprint!("{d}");
            return Ok(Exit::BadInput);
        }
    };
    let mut theory = prepare(&theory);
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
                    "error: goal `{name}` is neither an equation nor a clause; ergo proves `t = u`, `t != u` and `p1 = q1 & ... -> t = u` (or `-> t != u`), universally quantified"
                );
                return Ok(Exit::BadInput);
            }
        }
    }
    let (lemma_eqs, lemma_entries) = match &args.lemmas {
        None => (Vec::new(), Vec::new()),
        Some(p) => match load_lemmas(p, &mut theory) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: --lemmas: {e}");
                return Ok(Exit::BadInput);
            }
        },
    };
    if let Some((n, _)) = eq_goals
        .iter()
        .find(|(n, _)| lemma_entries.iter().any(|t| &t.name == n))
    {
        eprintln!("error: goal `{n}` has the name of a theorem given with --lemmas");
        return Ok(Exit::BadInput);
    }

    let mut config = DiscoverConfig::default();
    config.prover.limits.nodes = args.node_limit;
    config.prover.induction = !args.no_induction;
    config.lemmas = !args.no_induction;
    config.timeout = Duration::from_secs_f64(args.timeout);
    let executor = RayonExecutor::new(args.threads);
    let mut base: Vec<Equation> = axiom_equations(&theory);
    base.extend(lemma_eqs);

    // Prove, in order.
    let mut outcomes: Vec<(String, Goal, Outcome, Duration)> = Vec::new();
    let mut proved: Vec<Proved> = Vec::new();
    for (name, goal) in &eq_goals {
        let t = Instant::now();
        let outcome = prove_goal(&theory, name, goal, &base, &config, &executor);
        if let Outcome::Proved { lemmas, proof } = &outcome {
            for p in lemmas.iter().chain([proof.as_ref()]) {
                if !args.independent {
                    base.push(p.goal.clone().into_equation(RuleKind::Theorem, &p.name));
                }
                proved.push(p.clone());
            }
        }
        outcomes.push((name.clone(), goal.clone(), outcome, t.elapsed()));
    }

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
    let refs: Vec<&Proved> = proved.iter().collect();
    let mut cert = certificate(&theory, &source, &ergo::engine::explain::entries(&refs));
    let mut entries = lemma_entries;
    entries.append(&mut cert.theorems);
    cert.theorems = entries;
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
    for (name, goal, outcome, elapsed) in &outcomes {
        let stmt = args.style.statement(&theory, goal);
        let ms = elapsed.as_secs_f64() * 1e3;
        let (ok, line, row) = match outcome {
            Outcome::Proved { lemmas, proof } => {
                let ok = accepted(name) && lemmas.iter().all(|l| accepted(&l.name));
                let status = if ok { "proved  " } else { "REJECTED" };
                let steps: usize = proof.steps + lemmas.iter().map(|l| l.steps).sum::<usize>();
                let found = if lemmas.is_empty() {
                    String::new()
                } else {
                    let shown: Vec<String> = lemmas
                        .iter()
                        .map(|l| args.style.statement(&theory, &l.goal))
                        .collect();
                    format!("  lemmas: {}", shown.join("; "))
                };
                let line = format!(
                    "{status} {name:<12} {stmt:<32} {:<16} {ms:>8.2} ms {steps:>4} steps{found}",
                    proof.method.to_string()
                );
                let row = serde_json::json!({
                    "name": name, "statement": stmt, "proved": ok,
                    "method": proof.method.to_string(), "ms": ms, "steps": steps,
                    "lemmas": lemmas.iter().map(|l| serde_json::json!({
                        "name": l.name,
                        "statement": args.style.statement(&theory, &l.goal),
                        "method": l.method.to_string(),
                    })).collect::<Vec<_>>(),
                });
                (ok, line, row)
            }
            Outcome::Refuted { instance } => {
                let at: Vec<String> = instance
                    .iter()
                    .map(|(v, t)| {
                        format!("{} = {}", theory.name(v.name), mpl::print::term(&theory, t))
                    })
                    .collect();
                let reason = format!("false: fails at {}", at.join(", "));
                let line = format!("refuted  {name:<12} {stmt:<32} {reason}");
                let row = serde_json::json!({
                    "name": name, "statement": stmt, "proved": false, "method": null,
                    "ms": ms, "steps": 0, "reason": reason,
                    "counterexample": instance.iter().map(|(v, t)| (theory.name(v.name).to_string(), mpl::print::term(&theory, t))).collect::<std::collections::BTreeMap<_, _>>(),
                });
                (false, line, row)
            }
            Outcome::Unproved { reason } => {
                let line = format!("unproved {name:<12} {stmt:<32} {reason}");
                let row = serde_json::json!({
                    "name": name, "statement": stmt, "proved": false,
                    "method": null, "ms": ms, "steps": 0, "reason": reason.to_string(),
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
            cert.theorems.len()
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
