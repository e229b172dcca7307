//! `ergo export smtlib THEORY [--goal NAME] [--out FILE [--force]]`: one conjecture of a
//! theory as an SMT-LIB 2 problem, for running an SMT solver (cvc5) on the goal ergo
//! proves (the cvc5 column of `cargo bench --bench tip`).
//!
//! THEORY is read as `ergo prove` reads it (an `.mpl` file, a TIP `.smt2` problem or a
//! GL batch config) and instantiated at the goal's sorts as `prove` instantiates it
//! (`docs/logic.md`, section 2), so a polymorphic problem is exported through the
//! monomorphic tables (see [`ergo::export::smtlib`]). The problem is the theory, the
//! conjecture asserted negated (a clause `p1 = q1 & ... -> t = u` as an implication),
//! then `(check-sat)`: `unsat` means the goal holds.
//!
//! The goal is the conjecture named by `--goal`, or the theory's only one; a theory with
//! several and no `--goal` is an error listing their names. Without `--out` the text goes
//! to stdout; with `--out` it is written atomically, and an existing file is replaced only
//! with `--force`. Exit: 0 written, 2 bad input (the loader's errors with
//! `file:line:col`, no or an unknown conjecture, a conjecture that is not a clause, an
//! output that exists or cannot be written).
//!
//! Stages: [`SmtlibArgs`] → [`export_smtlib`] (load, choose, instantiate, write) →
//! [`SmtlibExport`] → [`print`].

use super::output::{write_atomically, Origin, Output};
use super::{bad_input, bad_source, say, Exit};
use clap::Args;
use ergo::engine::discover::prepare;
use ergo::engine::Goal;
use ergo::mpl::{Formula, Term, Var};
use std::path::PathBuf;

/// Arguments of `ergo export smtlib`.
#[derive(Args, Debug)]
pub struct SmtlibArgs {
    /// The theory: an MPL file, a TIP problem (.smt2) or a GL batch config.
    pub theory: PathBuf,
    /// The conjecture to export [default: the theory's only conjecture].
    #[arg(long, value_name = "NAME")]
    pub goal: Option<String>,
    /// Where to write the problem [default: print on stdout].
    #[arg(long, value_name = "FILE.smt2")]
    pub out: Option<PathBuf>,
    /// Replace an existing `--out` file.
    #[arg(long)]
    pub force: bool,
}

/// What `ergo export smtlib` did.
pub struct SmtlibExport {
    /// The theory file.
    pub theory: PathBuf,
    /// The conjecture exported.
    pub goal: String,
    /// The SMT-LIB text.
    pub text: String,
    /// Where it was written (`None`: stdout).
    pub out: Option<PathBuf>,
}

/// Runs `ergo export smtlib`.
pub fn run(args: &SmtlibArgs) -> std::io::Result<Exit> {
    Ok(match export_smtlib(args) {
        Ok(report) => print(&report),
        Err(exit) => exit,
    })
}

/// Checks the output, loads the theory, picks the conjecture, instantiates the theory at
/// its sorts, builds the problem and writes it if `--out` is given. Bad input is reported
/// and given back as `Err`.
pub fn export_smtlib(args: &SmtlibArgs) -> Result<SmtlibExport, Exit> {
    if let Some(out) = &args.out {
        if !args.force && std::fs::symlink_metadata(out).is_ok() {
            return Err(bad_input(
                "output",
                &format!("{} exists; `--force` replaces it", out.display()),
            ));
        }
        Output::new(out.clone(), Origin::Named, args.force)
            .check()
            .map_err(|e| bad_input("output", &e.to_string()))?;
    }
    let theory = super::check::load(&args.theory).map_err(|d| bad_source(&d))?;
    super::warn_unusable(&theory);
    let theory = prepare(&theory);
    let shown = args.theory.display();
    let names: Vec<&str> = theory.conjectures.iter().map(|c| c.name.as_str()).collect();
    let conjecture = match &args.goal {
        Some(name) => theory
            .conjectures
            .iter()
            .find(|c| &c.name == name)
            .ok_or_else(|| {
                let known = if names.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("its conjectures are: {}", names.join(", "))
                };
                bad_input(
                    "usage",
                    &format!("--goal {name}: {shown} has no conjecture of that name; {known}"),
                )
            })?,
        None => match theory.conjectures.as_slice() {
            [only] => only,
            [] => {
                return Err(bad_input(
                    "usage",
                    &format!("{shown} has no conjecture to export"),
                ))
            }
            _ => {
                return Err(bad_input(
                    "usage",
                    &format!(
                        "{shown} has {} conjectures; choose one with --goal NAME: {}",
                        names.len(),
                        names.join(", ")
                    ),
                ))
            }
        },
    };
    let name = conjecture.name.clone();
    let sorts = sort_carrier(&conjecture.formula).ok_or_else(|| {
        bad_input(
            "goal-shape",
            &format!("conjecture `{name}` has no equation to export"),
        )
    })?;
    let instantiated = ergo::engine::goal_sorts::instantiate_for(&theory, [&sorts])
        .map_err(|e| bad_input("instantiate", &format!("the goal's sorts: {e}")))?;
    let text = ergo::export::smtlib::conjecture_problem(&instantiated, &name, &conjecture.formula);
    if let Some(out) = &args.out {
        write_atomically(out, text.as_bytes()).map_err(|e| bad_input("output", &e.to_string()))?;
    }
    Ok(SmtlibExport {
        theory: args.theory.clone(),
        goal: name,
        text,
        out: args.out.clone(),
    })
}

/// A goal that mentions the sorts `formula` does, for instantiating the theory at them
/// as `prove` does: the formula itself when it is a clause, else its bound variables and
/// its equations as premises (a formula `A -> (B -> C)`, say, which `prove` does not
/// take but an SMT solver does). `None` when it has no equation.
fn sort_carrier(formula: &Formula) -> Option<Goal> {
    if let Some(goal) = Goal::from_formula(formula) {
        return Some(goal);
    }
    fn walk(f: &Formula, vars: &mut Vec<Var>, eqs: &mut Vec<(Term, Term)>) {
        match f {
            Formula::Eq(l, r) => eqs.push((l.clone(), r.clone())),
            Formula::Atom(..) => {}
            Formula::Not(a) => walk(a, vars, eqs),
            Formula::And(xs) => xs.iter().for_each(|x| walk(x, vars, eqs)),
            Formula::Implies(a, b) => {
                walk(a, vars, eqs);
                walk(b, vars, eqs);
            }
            Formula::Forall(vs, body) => {
                vars.extend(vs.iter().copied());
                walk(body, vars, eqs);
            }
        }
    }
    let (mut vars, mut eqs) = (Vec::new(), Vec::new());
    walk(formula, &mut vars, &mut eqs);
    if eqs.is_empty() {
        return None;
    }
    let (lhs, rhs) = eqs.remove(0);
    Some(Goal {
        rigid: vars,
        lhs,
        rhs,
        premises: eqs,
        negated: false,
    })
}

/// Prints the problem (no `--out`) or a status line naming the file written.
pub fn print(r: &SmtlibExport) -> Exit {
    match &r.out {
        Some(out) => say(
            false,
            &format!(
                "{}: conjecture `{}` written to {}",
                r.theory.display(),
                r.goal,
                out.display()
            ),
        ),
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(r.text.as_bytes());
        }
    }
    Exit::Success
}
