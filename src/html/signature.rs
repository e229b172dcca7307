//! The signature table of a polymorphic theory's index: its sorts and families with
//! their constructors, its operators and schemes with their types, and its lifted
//! lambdas with their definitions, as a mathematician writes them.
//!
//! Invariants:
//! - only a polymorphic theory ([`super::sorts::is_polymorphic`]) gets the table, so the
//!   index of every other theory is byte-identical to what it was before;
//! - one row per declared thing: a family once (`List(α) = nil | cons(α, List(α))`), a
//!   scheme once (`map : (α → β) × List(α) → List(β)`), never an instance nor the
//!   application scheme `@`; each row names its own sort variables α, β, ... in the
//!   order of its parameters;
//! - rows follow the tables' declaration order (sorts, then operators).

use super::sorts::SortNames;
use super::term::{display_name, Printer};
use crate::mpl::{OpId, SortId, SortShape, Theory};
use maud::{html, Markup};

/// One row: what it is, its name, its type or definition.
struct Row {
    kind: &'static str,
    name: String,
    text: String,
}

/// The signature section, for a polymorphic theory only.
pub fn render(p: &Printer) -> Option<Markup> {
    if !p.is_polymorphic() {
        return None;
    }
    let rows = rows(p);
    Some(html! {
        section #signature {
            h2 { "Signature" }
            div.tw { table.list {
                thead { tr { th { "kind" } th { "name" } th { "type or definition" } } }
                tbody {
                    @for r in &rows {
                        tr {
                            td { (r.kind) }
                            td { b { (r.name) } }
                            td.t { code { (r.text) } }
                        }
                    }
                }
            } }
        }
    })
}

fn rows(p: &Printer) -> Vec<Row> {
    let th = p.theory();
    let mut rows = Vec::new();
    for (i, s) in th.sorts.iter().enumerate() {
        let id = SortId(i as u32);
        let family = th.families.iter().find(|f| f.generic == id);
        let names = match (&s.shape, family) {
            (SortShape::Plain, _) => SortNames::default(),
            (SortShape::Instance { .. }, Some(f)) => SortNames::of_params(&f.params),
            _ => continue,
        };
        let head = names.text(th, id);
        let kind = if family.is_some() { "family" } else { "sort" };
        let text = if s.is_inductive() {
            let ctors: Vec<String> = s
                .constructors
                .iter()
                .map(|c| constructor(th, *c, &names))
                .collect();
            format!("{head} = {}", ctors.join(" | "))
        } else {
            head.clone()
        };
        rows.push(Row {
            kind,
            name: family.map_or(s.name.clone(), |f| f.name.clone()),
            text,
        });
    }
    for (i, o) in th.operators.iter().enumerate() {
        let op = OpId(i as u32);
        let params = match &o.instance {
            None => Vec::new(),
            Some(inst) if is_generic(th, &inst.scheme, &inst.args) => inst.args.clone(),
            Some(_) => continue,
        };
        if o.constructor {
            continue;
        }
        let names = SortNames::of_params(&params);
        let name = display_name(th, op).to_string();
        if let Some((_, lambda)) = p.lambda(op) {
            let vars: Vec<crate::mpl::Term> = lambda
                .free
                .iter()
                .zip(&o.args)
                .map(|(n, s)| crate::mpl::Term::Var(crate::mpl::Var { name: *n, sort: *s }))
                .collect();
            let lhs = crate::mpl::Term::App(op, vars.clone());
            let head = if vars.is_empty() {
                name.clone()
            } else {
                let args: Vec<String> = vars.iter().map(|v| p.text(v)).collect();
                format!("{name}({})", args.join(", "))
            };
            rows.push(Row {
                kind: "lambda",
                name,
                text: format!("{head} = {}", p.text(&lhs)),
            });
            continue;
        }
        let args: Vec<String> = o.args.iter().map(|a| operand(th, *a, &names)).collect();
        let result = names.text(th, o.result);
        let text = match args.as_slice() {
            [] => result,
            _ => format!("{} → {result}", args.join(" × ")),
        };
        rows.push(Row {
            kind: "operator",
            name: name.clone(),
            text: format!("{name} : {text}"),
        });
    }
    rows
}

/// Whether an instance is its scheme's generic one (at the scheme's own parameters),
/// the one row shown for the scheme; never for the application scheme `@`.
fn is_generic(th: &Theory, scheme: &str, args: &[SortId]) -> bool {
    if scheme == "@" {
        return false;
    }
    match th.op_schemes.iter().find(|s| s.name == scheme) {
        Some(s) => s.params == args,
        None => th
            .operators
            .iter()
            .filter_map(|o| o.instance.as_ref())
            .find(|i| i.scheme == scheme)
            .is_some_and(|i| i.args == args),
    }
}

/// A constructor as written in an inductive declaration: `cons(α, List(α))`, `nil`.
fn constructor(th: &Theory, c: OpId, names: &SortNames) -> String {
    let args: Vec<String> = th.op(c).args.iter().map(|a| names.text(th, *a)).collect();
    let name = display_name(th, c);
    if args.is_empty() {
        name.to_string()
    } else {
        format!("{name}({})", args.join(", "))
    }
}

/// An argument sort in a product `A × B → C`: parenthesized when it is an arrow.
fn operand(th: &Theory, s: SortId, names: &SortNames) -> String {
    let text = names.text(th, s);
    match th.sort(s).shape {
        SortShape::Function { .. } => format!("({text})"),
        _ => text,
    }
}
