//! Goals against a resolved polymorphic theory ([`super::poly`]): read over a scratch
//! copy, which must not grow, then interned in the caller's names.

use super::ast;
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::formula::{Hints, Mode};
use super::poly::resolve;
use super::theory::{Formula, Name, Span, Term, Theory, Var};

/// Reads a goal against a resolved theory, which it may not change: a goal whose sorts
/// or instances (or lambdas) are not in the tables is an error (`missing-instance`; the
/// caller instantiates the theory first, see `Theory::instantiate`). The goal is read
/// over a scratch copy of the theory (whose names it interned); [`intern_goal`] then
/// interns its variable names in the caller's.
pub(crate) fn read_goal(
    theory: &Theory,
    f: &ast::Formula,
) -> Result<(Formula, Theory), Vec<Diagnostic>> {
    let mut scratch = theory.clone();
    let hints = Hints::default();
    let mut lambdas = 0;
    let (formula, defs) = resolve(&mut scratch, &hints, f, Mode::Open, &mut lambdas)?;
    if !defs.is_empty()
        || scratch.sorts.len() != theory.sorts.len()
        || scratch.operators.len() != theory.operators.len()
    {
        let new: Vec<String> = scratch.sorts[theory.sorts.len()..]
            .iter()
            .map(|s| format!("sort `{}`", s.name))
            .chain(
                scratch.operators[theory.operators.len()..]
                    .iter()
                    .map(|o| format!("`{}`", o.name)),
            )
            .collect();
        return Err(vec![Diagnostic::new(
            DiagnosticCode::MissingInstance,
            f.span(),
            "this goal needs instances the theory does not have",
            format!("needs {}", super::formula::listing(new.iter().map(String::as_str))),
        )
        .with_help("instantiate the theory at the goal's sorts first (`Theory::instantiate`); lambdas belong in the theory's files")]);
    }
    Ok((formula, scratch))
}

/// A goal read by [`read_goal`] with its variable names interned by `intern`.
pub(crate) fn intern_goal(
    scratch: &Theory,
    formula: &Formula,
    span: Span,
    mut intern: impl FnMut(&str) -> Option<Name>,
) -> Result<Formula, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut rename = |v: Var| -> Var {
        let text = scratch.name(v.name).to_string();
        match intern(&text) {
            Some(name) => Var { name, sort: v.sort },
            None => {
                diags.push(Diagnostic::new(
                    DiagnosticCode::NewVariableName,
                    span,
                    format!("variable name `{text}` is new to the theory"),
                    "not a variable name of the loaded files",
                ));
                v
            }
        }
    };
    let out = rename_formula(formula, &mut rename);
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

fn rename_term(t: &Term, rename: &mut dyn FnMut(Var) -> Var) -> Term {
    match t {
        Term::Var(v) => Term::Var(rename(*v)),
        Term::App(o, args) => Term::App(*o, args.iter().map(|a| rename_term(a, rename)).collect()),
    }
}

fn rename_formula(f: &Formula, rename: &mut dyn FnMut(Var) -> Var) -> Formula {
    match f {
        Formula::Eq(l, r) => Formula::Eq(rename_term(l, rename), rename_term(r, rename)),
        Formula::Atom(p, args) => {
            Formula::Atom(*p, args.iter().map(|a| rename_term(a, rename)).collect())
        }
        Formula::Not(x) => Formula::Not(Box::new(rename_formula(x, rename))),
        Formula::And(xs) => Formula::And(xs.iter().map(|x| rename_formula(x, rename)).collect()),
        Formula::Implies(a, b) => Formula::Implies(
            Box::new(rename_formula(a, rename)),
            Box::new(rename_formula(b, rename)),
        ),
        Formula::Forall(vs, x) => Formula::Forall(
            vs.iter().map(|v| rename(*v)).collect(),
            Box::new(rename_formula(x, rename)),
        ),
    }
}
