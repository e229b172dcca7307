//! `ergo prove FILE [--goal F]... [--goals FILE] [--out PATH]`: goal-directed proving.
//!
//! Goals are the file's conjectures in order, or the `--goal` formulas and the lines of
//! the `--goals` file, GL's theorem lists among them (see [`goals`]). Each goal is
//! tested on ground instances first (a false goal is reported with its counterexample,
//! certified by kernel-checked ground theorems when the axioms allow it), then proved from
//! the axioms, the `--lemmas` and (unless `--independent`) the goals proved before it;
//! when that is not enough, ergo discovers the lemmas it needs. Every proof is replayed by
//! the kernel before it is reported as proved; the certificate of the proved goals is
//! written even when some goal stays unproved (nothing proved is lost).
//!
//! The command runs in four stages, each a plain value handed to the next:
//! [`ProveArgs`] (raw arguments) → [`ProveConfig`] (validated; numbers through
//! [`super::bounds`], defaults from [`DiscoverConfig::default`]) → [`prove`] (the work,
//! which prints nothing but a progress bar) → [`report::ProveReport`], printed as text
//! and as JSON by one function, so the two always agree.
//!
//! Outputs: the output file is checked before any work ([`Output::check`]); the default
//! path `proofs/THEORY.proof.json` never replaces a different existing certificate unless
//! `--force` (the result goes beside it as `THEORY.new.proof.json`); Ctrl-C cancels the
//! goal being proved (between its attempts and rounds) and the goals after it, keeps every
//! goal already proved, writes their certificate (as
//! `THEORY.partial.proof.json` beside a different existing file) and exits 130.

mod goals;
mod report;

use super::output::{Completion, Origin, Output};
use super::{bad_input, bad_source, Exit, StyleArg};
use clap::Args;
use ergo::engine::discover::{prepare, prove_goal, DiscoverConfig, Outcome};
use ergo::engine::equation::axiom_equations;
use ergo::engine::{Equation, Goal, Limits, Proved, RayonExecutor, RuleKind};
use ergo::mpl::{self, Theory};
use ergo::proof::{certificate_after, relative_path, to_bytes};
use ergo_kernel::format::Theorem;
use goals::Planned;
use report::{GoalRow, ProveReport, Status};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The default of `--timeout`, printed from the engine's own default.
static DEFAULT_TIMEOUT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| DiscoverConfig::default().timeout.as_secs_f64().to_string());

/// Arguments of `ergo prove`.
#[derive(Args, Debug)]
#[command(
    after_help = "Exit status: 0 every goal proved; 1 a goal unproved or refuted (or a --goals line \
skipped for another GL anchor); \
2 bad input or an output that cannot be written; 130 stopped by Ctrl-C (the goals proved \
before it are written)."
)]
pub struct ProveArgs {
    /// The MPL file of the theory.
    pub file: PathBuf,
    /// A goal to prove instead of the file's conjectures (repeatable), e.g. `x + 0 = x`
    /// or `(=[x + 0, x])`; free variables are universally quantified.
    #[arg(long = "goal", value_name = "F")]
    pub goals: Vec<String>,
    /// A file of goals to prove instead of the file's conjectures (after any --goal),
    /// one a line: a goal as --goal takes it, or GL's form with the anchor as premise,
    /// `(>[i0,+](AnchorPeano[N,i0,s,+,*,i1])(BODY))` or numbered, as in GL's
    /// global_theorem_list.txt (columns after a tab ignored; blank lines and lines
    /// starting with # or // skipped). Goal N is named `line_N`. A GL line of another
    /// anchor is listed as skipped, and counts as not proved.
    #[arg(long = "goals", value_name = "FILE")]
    pub goals_file: Option<PathBuf>,
    /// The GL anchor a theory written in MPL stands for, e.g.
    /// `AnchorPeano[N,i0,s,+,*,i1]`, for reading GL's goals in --goals (a theory read
    /// from a GL config has its own).
    #[arg(long, value_name = "NAME[P1,..]", requires = "goals_file")]
    pub anchor: Option<String>,
    /// Where to write the certificate [default: proofs/THEORY.proof.json when proving
    /// the file's conjectures; with --goal or --goals, no file unless --out is given, so that a
    /// one-off goal never overwrites the theory's committed certificate]. A named path
    /// is replaced; the default path is not replaced by a different certificate unless
    /// --force is given (the result goes beside it as THEORY.new.proof.json).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Let the default output path replace an existing, different certificate.
    #[arg(long)]
    pub force: bool,
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
    /// Time limit of each goal, in seconds (more than 0, at most 604800, one week): a
    /// cancellation looked at between proof attempts and exploration
    /// rounds. It may leave a goal unproved (reported as stopped by the time limit), but
    /// never changes a proof that is found: the search itself is bounded by counts.
    #[arg(long, value_name = "SECS", value_parser = super::bounds::seconds, default_value = DEFAULT_TIMEOUT.as_str())]
    pub timeout: Duration,
    /// E-node budget of each saturation run.
    #[arg(long, value_name = "N", default_value_t = Limits::default().nodes)]
    pub node_limit: usize,
    /// Worker threads for lemma discovery (0: one per core; at most 256).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = super::bounds::threads)]
    pub threads: usize,
    /// How statements are printed (human output and JSON).
    #[arg(long, value_enum, default_value_t = StyleArg::Infix)]
    pub style: StyleArg,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// A validated `ergo prove`: the theory, its goals, the rules from `--lemmas`, the
/// engine's options and where the certificate goes (already checked to be writable).
pub struct ProveConfig {
    /// The MPL file.
    pub file: PathBuf,
    /// The theory, prepared for goal-directed proving.
    pub theory: Theory,
    /// The goals, named, in order (with the goals-file lines that are skipped).
    pub goals: Vec<(String, Planned)>,
    /// Rules from `--lemmas`.
    pub lemma_rules: Vec<Equation>,
    /// Their certificate entries, copied into the new certificate.
    pub lemma_entries: Vec<Theorem>,
    /// `--independent`.
    pub independent: bool,
    /// The engine's options.
    pub discover: DiscoverConfig,
    /// Worker threads.
    pub threads: usize,
    /// The certificate's output, if any.
    pub out: Option<Output>,
    /// How statements are printed.
    pub style: StyleArg,
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
        if ergo::engine::equation::is_existential(&lemma.statement) {
            // Not a rule the engine searches with (yet); its entry is kept for the
            // lemmas whose proofs open it.
            entries.push(lemma.theorem);
            continue;
        }
        let goal = Goal::from_formula(&lemma.statement)
            .ok_or_else(|| format!("theorem `{name}` is not a clause the prover can use"))?;
        eqs.push(goal.into_equation(RuleKind::Theorem, name));
        entries.push(lemma.theorem);
    }
    Ok((eqs, entries))
}

impl ProveConfig {
    /// Validates the arguments: reads the theory and the goals, loads `--lemmas`, checks
    /// the output path. Bad input is reported (stderr, and recorded for `--json`) and
    /// given back as [`Exit::BadInput`].
    pub fn from_args(args: ProveArgs) -> Result<ProveConfig, Exit> {
        let theory = super::check::load(&args.file).map_err(|d| bad_source(&d))?;
        super::warn_unusable(&theory);
        let mut theory = prepare(&theory);
        let goals = goals::planned(&args, &mut theory)?;
        let mut theory = goals::instantiated(&theory, &goals)?;
        let (lemma_rules, lemma_entries) = match &args.lemmas {
            None => (Vec::new(), Vec::new()),
            Some(p) => load_lemmas(p, &mut theory)
                .map_err(|e| bad_input("lemmas", &format!("--lemmas: {e}")))?,
        };
        if let Some((n, _)) = goals
            .iter()
            .find(|(n, _)| lemma_entries.iter().any(|t| &t.name == n))
        {
            return Err(bad_input(
                "usage",
                &format!("goal `{n}` has the name of a theorem given with --lemmas"),
            ));
        }
        let conjectures = args.goals.is_empty() && args.goals_file.is_none();
        let out = match (&args.out, conjectures) {
            (Some(p), _) => Some(Output::new(p.clone(), Origin::Named, args.force)),
            (None, true) => Some(Output::new(
                PathBuf::from("proofs").join(format!("{}.proof.json", theory.name)),
                Origin::Default,
                args.force,
            )),
            (None, false) => None,
        };
        if let Some(out) = &out {
            out.check()
                .map_err(|e| bad_input("output", &e.to_string()))?;
        }
        let mut discover = DiscoverConfig::default();
        discover.prover.limits.nodes = args.node_limit;
        discover.prover.induction = !args.no_induction;
        discover.lemmas = !args.no_induction;
        discover.timeout = args.timeout;
        Ok(ProveConfig {
            file: args.file,
            theory,
            goals,
            lemma_rules,
            lemma_entries,
            independent: args.independent,
            discover,
            threads: args.threads,
            out,
            style: args.style,
        })
    }
}

/// Runs `ergo prove`.
pub fn run(args: ProveArgs) -> std::io::Result<Exit> {
    super::install_trace();
    let json = args.json;
    let config = match ProveConfig::from_args(args) {
        Ok(c) => c,
        Err(exit) => return Ok(exit),
    };
    let stop = super::interrupt::stop_flag();
    let report = match prove(&config, &stop) {
        Ok(r) => r,
        Err(e) => return Ok(bad_input("output", &e.to_string())),
    };
    Ok(report::print(&report, json))
}

/// Does the work of `ergo prove`: proves the goals in order (stopping between goals when
/// `stop` is raised), certifies counterexamples, builds and kernel-checks the
/// certificate, and writes it. Prints nothing but a progress bar on a terminal.
pub fn prove(
    config: &ProveConfig,
    stop: &Arc<AtomicBool>,
) -> Result<ProveReport, super::output::OutputError> {
    let started = Instant::now();
    let theory = &config.theory;
    let style = config.style;
    let executor = RayonExecutor::new(config.threads);
    let mut base: Vec<Equation> = axiom_equations(theory);
    base.extend(config.lemma_rules.iter().cloned());
    let bar = super::progress_bar(config.goals.len(), "goal");
    // Ctrl-C also cancels the goal being proved (between its attempts and rounds).
    let mut discover = config.discover.clone();
    discover.stop = Some(stop.clone());

    let mut rows: Vec<GoalRow> = Vec::new();
    let mut proved: Vec<Proved> = Vec::new();
    // Existential goals proved by a witness: where they go among `proved` (after the
    // lemmas they rest on), name, statement, proof.
    let mut witnessed: Vec<(usize, String, mpl::Formula, ergo_kernel::format::Proof)> = Vec::new();
    let mut witness_steps = 0;
    let mut interrupted = false;
    for (name, planned) in &config.goals {
        let goal = match planned {
            Planned::Goal(goal) => goal,
            Planned::Exists { formula, goal } => {
                let t = Instant::now();
                let found = if stop.load(Ordering::SeqCst) {
                    interrupted = true;
                    Err(ergo::engine::witness::NoWitness::Stopped)
                } else {
                    ergo::engine::witness::prove_exists(
                        theory, name, goal, &base, &discover, &executor,
                    )
                };
                let status = match found {
                    Ok(w) => {
                        let lemmas = w
                            .lemmas
                            .iter()
                            .map(|l| {
                                let s = style.statement(theory, &l.goal);
                                (l.name.clone(), s, l.method.to_string())
                            })
                            .collect();
                        witness_steps += w.steps - w.lemmas.iter().map(|l| l.steps).sum::<usize>();
                        proved.extend(w.lemmas);
                        witnessed.push((proved.len(), name.clone(), formula.clone(), w.proof));
                        let terms: Vec<String> =
                            w.terms.iter().map(|(y, t)| format!("{y} := {t}")).collect();
                        Status::Proved {
                            method: format!("witness {}", terms.join(", ")),
                            steps: w.steps,
                            lemmas,
                            accepted: false,
                        }
                    }
                    Err(_) if interrupted => Status::Stopped,
                    Err(why) => Status::Unproved {
                        reason: why.to_string(),
                    },
                };
                rows.push(GoalRow {
                    name: name.clone(),
                    statement: mpl::print::formula(theory, formula),
                    ms: t.elapsed().as_secs_f64() * 1e3,
                    status,
                });
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                continue;
            }
            Planned::Skipped { text, reason } => {
                rows.push(GoalRow {
                    name: name.clone(),
                    statement: text.clone(),
                    ms: 0.0,
                    status: Status::Skipped {
                        reason: reason.clone(),
                    },
                });
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                continue;
            }
        };
        let statement = style.statement(theory, goal);
        if stop.load(Ordering::SeqCst) {
            interrupted = true;
            rows.push(GoalRow {
                name: name.clone(),
                statement,
                ms: 0.0,
                status: Status::Stopped,
            });
            continue;
        }
        if let Some(bar) = &bar {
            bar.set_message(name.clone());
        }
        let t = Instant::now();
        let outcome = prove_goal(theory, name, goal, &base, &discover, &executor);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let status = match outcome {
            Outcome::Proved { lemmas, proof } => {
                for p in lemmas.iter().chain([proof.as_ref()]) {
                    if !config.independent {
                        base.push(p.goal.clone().into_equation(RuleKind::Theorem, &p.name));
                    }
                    proved.push(p.clone());
                }
                Status::Proved {
                    method: proof.method.to_string(),
                    steps: proof.steps + lemmas.iter().map(|l| l.steps).sum::<usize>(),
                    lemmas: lemmas
                        .iter()
                        .map(|l| {
                            (
                                l.name.clone(),
                                style.statement(theory, &l.goal),
                                l.method.to_string(),
                            )
                        })
                        .collect(),
                    accepted: false,
                }
            }
            Outcome::Refuted { instance } => {
                let at = instance
                    .iter()
                    .map(|(v, t)| (theory.name(v.name).to_string(), mpl::print::term(theory, t)))
                    .collect();
                let certified = match ergo::engine::refute::certify(
                    theory,
                    &base,
                    name,
                    goal,
                    &instance,
                    config.discover.prover,
                ) {
                    Ok(theorems) => {
                        let names = theorems.iter().map(|p| p.name.clone()).collect();
                        proved.extend(theorems);
                        Ok(names)
                    }
                    Err(why) => Err(why.to_string()),
                };
                Status::Refuted { at, certified }
            }
            Outcome::Unproved { reason } => Status::Unproved {
                reason: reason.to_string(),
            },
        };
        rows.push(GoalRow {
            name: name.clone(),
            statement,
            ms,
            status,
        });
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    let out_dir = config
        .out
        .as_ref()
        .and_then(|o| o.path.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let source = relative_path(out_dir, &config.file);
    let refs: Vec<&Proved> = proved.iter().collect();
    let mut entries = ergo::engine::explain::entries(&refs);
    // Each witnessed goal after the lemmas it rests on (later ones first, so that the
    // earlier positions hold).
    for (at, name, formula, proof) in witnessed.iter().rev() {
        let entry = ergo::proof::certificate::Entry {
            name,
            statement: formula.clone(),
            proof,
        };
        entries.insert((*at).min(entries.len()), entry);
    }
    // The lemmas come first; citations of a lemma with parameters get their sorts.
    let mut cert = certificate_after(theory, &source, &config.lemma_entries, &entries);
    let mut entries = config.lemma_entries.clone();
    entries.append(&mut cert.theorems);
    cert.theorems = entries;
    let checked = ergo_kernel::check(&cert);
    let accepted = |name: &str| match &checked {
        Ok(r) => r
            .theorems
            .iter()
            .any(|t| t.name == name && t.result.is_ok()),
        Err(_) => false,
    };
    for row in &mut rows {
        match &mut row.status {
            Status::Proved {
                accepted: ok,
                lemmas,
                ..
            } => *ok = accepted(&row.name) && lemmas.iter().all(|(l, _, _)| accepted(l)),
            Status::Refuted { certified, .. } => {
                if matches!(certified, Ok(names) if !names.iter().all(|n| accepted(n))) {
                    *certified = Err("the kernel rejected the counterexample's theorems".into());
                }
            }
            _ => {}
        }
    }
    let completion = if interrupted {
        Completion::Stopped
    } else {
        Completion::Complete
    };
    let written = match &config.out {
        Some(out) => Some(out.write(&to_bytes(&cert), completion)?),
        None => None,
    };
    Ok(ProveReport {
        unusable: super::unusable_axioms(&config.theory),
        rows,
        kernel_error: checked.err().map(|e| e.to_string()),
        written,
        theorems: cert.theorems.len(),
        steps: proved.iter().map(|p| p.steps).sum::<usize>() + witness_steps,
        elapsed_ms: started.elapsed().as_secs_f64() * 1e3,
        interrupted,
    })
}
