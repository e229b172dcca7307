//! `ergo export smtlib THEORY [--goal NAME|F] [--out FILE [--force]] [--json]`: one goal of a
//! theory as an SMT-LIB 2 problem, for running an SMT solver (cvc5) on the goals ergo
//! proves (the cvc5 column of `cargo bench --bench tip`).
//!
//! THEORY is read as `ergo prove` reads it (an `.mpl` file, a TIP `.smt2` problem or a
//! GL batch config) and instantiated at the goal's sorts as `prove` instantiates it
//! (`docs/logic.md`, section 2), so a polymorphic problem is exported through the
//! monomorphic tables (see [`ergo::export::smtlib`]). The problem is the theory, the goal
//! asserted negated, then `(check-sat)`: `unsat` means the goal holds. The goal is
//! written as the theory holds the conjecture: an equation, a clause (`=>`, a negated
//! conclusion; nested implications `A => (B => C)` are read as `A & B => C` when the
//! theory is loaded), or any other closed formula, which `prove` does not take.
//!
//! The goal: the conjecture `--goal` names; else, when `--goal` is not one word, the
//! formula it gives, as `prove --goal` reads it (named `goal_1`; a GL config has no
//! conjectures); without `--goal`, the theory's only conjecture. Several conjectures and
//! no `--goal`, or a name that is no conjecture's, is an error listing the conjectures.
//! Without `--out` the text goes to stdout; with `--out` it is written atomically, and
//! an existing file is replaced only with `--force`. With `--json`, one JSON object on
//! stdout (`ok`, `goal`, `out`, and the text as `smtlib` when there is no `--out`). Exit: 0 written; 2 bad input (the
//! loader's and the goal parser's errors with `file:line:col`, no such conjecture, an
//! output that exists or cannot be written).
//!
//! Example: `ergo export smtlib axioms/peano.mpl --goal add_comm | cvc5 --quant-ind`
//! prints `unsat`.
//!
//! Stages: [`SmtlibArgs`] → [`export_smtlib`] (load, choose, instantiate, write) →
//! [`SmtlibExport`] → [`print`].

use super::output::{write_atomically, Origin, Output};
use super::{bad_input, bad_source, emit_json, say, Exit};
use clap::Args;
use ergo::engine::discover::prepare;
use ergo::engine::Goal;
use ergo::mpl::{Formula, Term, Theory, Var};
use std::path::PathBuf;

/// Arguments of `ergo export smtlib`.
#[derive(Args, Debug)]
#[command(
    after_help = "Exit status: 0 written; 2 bad input (the theory's or the goal's errors with \
file:line:col, no such conjecture, several and no --goal, an output that exists without --force \
or cannot be written)."
)]
pub struct SmtlibArgs {
    /// The theory: an MPL file, a TIP problem (.smt2) or a GL batch config.
    pub theory: PathBuf,
    /// The conjecture to export, by name, or a goal formula as `ergo prove --goal` takes
    /// it (`x + 0 = x`) [default: the theory's only conjecture].
    #[arg(long, value_name = "NAME|F")]
    pub goal: Option<String>,
    /// Where to write the problem [default: print on stdout].
    #[arg(long, value_name = "FILE.smt2")]
    pub out: Option<PathBuf>,
    /// Replace an existing `--out` file.
    #[arg(long)]
    pub force: bool,
    /// Print one JSON summary on stdout (holding the problem when there is no `--out`).
    #[arg(long)]
    pub json: bool,
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
        Ok(report) => print(&report, args.json),
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
    let mut theory = prepare(&theory);
    let (name, formula) = chosen(args, &mut theory)?;
    let sorts = sort_carrier(&formula).ok_or_else(|| {
        bad_input(
            "goal-shape",
            &format!("conjecture `{name}` has no equation to export"),
        )
    })?;
    let instantiated = ergo::engine::goal_sorts::instantiate_for(&theory, [&sorts])
        .map_err(|e| bad_input("instantiate", &format!("the goal's sorts: {e}")))?;
    let text = ergo::export::smtlib::conjecture_problem(&instantiated, &name, &formula);
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

/// The goal to export, named: the conjecture `--goal` names, a formula `--goal` gives
/// (named `goal_1`, as `prove --goal` names it), or the theory's only conjecture.
fn chosen(args: &SmtlibArgs, theory: &mut Theory) -> Result<(String, Formula), Exit> {
    let shown = args.theory.display();
    let names: Vec<String> = theory.conjectures.iter().map(|c| c.name.clone()).collect();
    let listed = if names.is_empty() {
        "it has no conjecture".to_string()
    } else {
        format!("its conjectures are: {}", names.join(", "))
    };
    let Some(goal) = &args.goal else {
        return match theory.conjectures.as_slice() {
            [only] => Ok((only.name.clone(), only.formula.clone())),
            [] => Err(bad_input(
                "usage",
                &format!("{shown} has no conjecture; give the goal with --goal FORMULA"),
            )),
            _ => Err(bad_input(
                "usage",
                &format!(
                    "{shown} has {} conjectures; choose one with --goal NAME: {}",
                    names.len(),
                    names.join(", ")
                ),
            )),
        };
    };
    if let Some(c) = theory.conjectures.iter().find(|c| &c.name == goal) {
        return Ok((c.name.clone(), c.formula.clone()));
    }
    // A name is one word; anything else is read as a formula.
    if goal.contains(['=', '(', ' ', '[']) {
        let f = ergo::mpl::parse_goal(&mut *theory, goal).map_err(|d| bad_source(&d))?;
        return Ok(("goal_1".to_string(), f));
    }
    Err(bad_input(
        "usage",
        &format!("--goal {goal}: {shown} has no conjecture of that name; {listed}"),
    ))
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

/// Prints the problem (no `--out`) or a status line naming the file written, and the
/// JSON object.
pub fn print(r: &SmtlibExport, json: bool) -> Exit {
    match &r.out {
        Some(out) => say(
            json,
            &format!(
                "{}: conjecture `{}` written to {}",
                r.theory.display(),
                r.goal,
                out.display()
            ),
        ),
        None if !json => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(r.text.as_bytes());
        }
        None => {}
    }
    if json {
        let mut v = serde_json::json!({
            "ok": true, "exit": 0, "theory": r.theory.display().to_string(),
            "goal": r.goal, "out": r.out.as_ref().map(|p| p.display().to_string()),
        });
        if r.out.is_none() {
            v["smtlib"] = serde_json::json!(r.text);
        }
        emit_json(&v);
    }
    Exit::Success
}
