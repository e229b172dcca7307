//! Printing MPL: the canonical printer of syntax trees, and readable printing of resolved
//! terms and formulas.
//!
//! Canonical printer ([`file()`], [`decl`], [`ast_formula`], [`ast_term`]). Invariants:
//! - `parse(file(x))` equals `x` up to spans, for every tree the parser produces;
//! - printing is idempotent: `file(parse(file(x))) == file(x)`;
//! - layout is fixed: one declaration per line, a blank line where the kind of
//!   declaration changes, a space after each comma in term lists and around infix
//!   operators, none in binder lists (`(>[x,y] ...)`), parentheses exactly as written.
//!   Comments are not part of the tree and are not printed.
//!
//! Theory printer ([`term`], [`formula`], [`equation`]). Invariants:
//! - infix operators are printed infix with the fewest parentheses that the fixity rules
//!   need: `x + y + z` for `(x + y) + z` with `+` infixl, `x + (y + z)`, `x * (y + z)`,
//!   `s(x + y)`; other operators in prefix form, constants bare;
//! - binders carry their sorts (`x:N`) when the theory has more than one sort, so that
//!   the output of [`formula`] read back by `parse_goal` gives the same formula.

use std::fmt::Write;

use super::ast::{self, DeclKind};
use super::theory::{Assoc, Fixity, Formula, Term, Theory, Var};

/// Prints a whole file in canonical form (ending with a newline unless empty).
pub fn file(f: &ast::File) -> String {
    let mut out = String::new();
    let mut prev: Option<u8> = None;
    for d in &f.decls {
        let group = group_of(&d.kind);
        if prev.is_some_and(|p| p != group) {
            out.push('\n');
        }
        prev = Some(group);
        out.push_str(&decl(d));
        out.push('\n');
    }
    out
}

fn group_of(k: &DeclKind) -> u8 {
    match k {
        DeclKind::Theory(_) => 0,
        DeclKind::Import(_) => 1,
        DeclKind::Sort(_) | DeclKind::Inductive { .. } => 2,
        DeclKind::Op { .. } | DeclKind::Pred { .. } => 3,
        DeclKind::Axiom { .. } => 4,
        DeclKind::Conjecture { .. } => 5,
    }
}

fn sort_list(args: &[ast::Ident]) -> String {
    if args.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = args.iter().map(|a| a.text.as_str()).collect();
        format!("({})", names.join(", "))
    }
}

/// Prints one declaration in canonical form, with its `;`.
pub fn decl(d: &ast::Decl) -> String {
    match &d.kind {
        DeclKind::Theory(n) => format!("theory {};", n.text),
        DeclKind::Import(p) => format!("import \"{}\";", p.text),
        DeclKind::Sort(n) => format!("sort {};", n.text),
        DeclKind::Inductive { name, constructors } => {
            let cs: Vec<String> = constructors
                .iter()
                .map(|c| format!("{}{}", c.name.text, sort_list(&c.args)))
                .collect();
            format!("inductive {} = {};", name.text, cs.join(" | "))
        }
        DeclKind::Op {
            name,
            args,
            result,
            fixity,
        } => {
            let mut s = format!("op {}{} -> {}", name.text, sort_list(args), result.text);
            if let Some(f) = fixity {
                let kw = match f.assoc {
                    Assoc::Left => "infixl",
                    Assoc::Right => "infixr",
                    Assoc::None => "infix",
                };
                let _ = write!(s, " {kw} {}", f.prec);
            }
            s.push(';');
            s
        }
        DeclKind::Pred { name, args } => format!("pred {}{};", name.text, sort_list(args)),
        DeclKind::Axiom { name, formula } => {
            format!("axiom {}: {};", name.text, ast_formula(formula))
        }
        DeclKind::Conjecture { name, formula } => {
            format!("conjecture {}: {};", name.text, ast_formula(formula))
        }
    }
}

/// Prints a formula of the syntax tree in canonical form.
pub fn ast_formula(f: &ast::Formula) -> String {
    match f {
        ast::Formula::Eq { lhs, rhs, .. } => format!("(=[{}, {}])", ast_term(lhs), ast_term(rhs)),
        ast::Formula::Atom { pred, args, .. } => format!("({}[{}])", pred.text, ast_terms(args)),
        ast::Formula::Not { body, .. } => format!("!{}", ast_formula(body)),
        ast::Formula::And { operands, .. } => {
            let ops: Vec<String> = operands.iter().map(ast_formula).collect();
            format!("(&{})", ops.join(" "))
        }
        ast::Formula::Forall {
            binders,
            premise,
            body,
            ..
        } => {
            let bs: Vec<String> = binders
                .iter()
                .map(|b| match &b.sort {
                    Some(s) => format!("{}:{}", b.name.text, s.text),
                    None => b.name.text.clone(),
                })
                .collect();
            match premise {
                Some(p) => format!(
                    "(>[{}] {} {})",
                    bs.join(","),
                    ast_formula(p),
                    ast_formula(body)
                ),
                None => format!("(>[{}] {})", bs.join(","), ast_formula(body)),
            }
        }
    }
}

fn ast_terms(ts: &[ast::Term]) -> String {
    let v: Vec<String> = ts.iter().map(ast_term).collect();
    v.join(", ")
}

/// Prints a term of the syntax tree in canonical form (parentheses as written).
pub fn ast_term(t: &ast::Term) -> String {
    match t {
        ast::Term::Name(n) => n.text.clone(),
        ast::Term::App { op, args, .. } => format!("{}({})", op.text, ast_terms(args)),
        ast::Term::Infix { operands, ops, .. } => {
            let mut s = ast_term(&operands[0]);
            for (o, t) in ops.iter().zip(&operands[1..]) {
                let _ = write!(s, " {} {}", o.text, ast_term(t));
            }
            s
        }
        ast::Term::Paren { inner, .. } => format!("({})", ast_term(inner)),
    }
}

/// Prints a resolved term with infix operators and minimal parentheses, e.g.
/// `x * (y + z)` or `s(x + y)`.
pub fn term(theory: &Theory, t: &Term) -> String {
    let mut out = String::new();
    write_term(theory, t, &mut out);
    out
}

fn infix_of<'t>(theory: &'t Theory, t: &Term) -> Option<(&'t str, Fixity)> {
    match t {
        Term::App(op, args) if args.len() == 2 => {
            let o = theory.op(*op);
            o.fixity.map(|f| (o.name.as_str(), f))
        }
        _ => None,
    }
}

fn write_term(theory: &Theory, t: &Term, out: &mut String) {
    match t {
        Term::Var(v) => out.push_str(theory.name(v.name)),
        Term::App(op, args) => {
            if let (Some((name, f)), [l, r]) = (infix_of(theory, t), args.as_slice()) {
                let lp = infix_of(theory, l).is_some_and(|(_, c)| {
                    c.prec < f.prec
                        || (c.prec == f.prec && !(f.assoc == Assoc::Left && c.assoc == Assoc::Left))
                });
                let rp = infix_of(theory, r).is_some_and(|(_, c)| {
                    c.prec < f.prec
                        || (c.prec == f.prec
                            && !(f.assoc == Assoc::Right && c.assoc == Assoc::Right))
                });
                write_operand(theory, l, lp, out);
                out.push(' ');
                out.push_str(name);
                out.push(' ');
                write_operand(theory, r, rp, out);
                return;
            }
            out.push_str(&theory.op(*op).name);
            if args.is_empty() {
                return;
            }
            out.push('(');
            for (k, a) in args.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write_term(theory, a, out);
            }
            out.push(')');
        }
    }
}

fn write_operand(theory: &Theory, t: &Term, parens: bool, out: &mut String) {
    if parens {
        out.push('(');
        write_term(theory, t, out);
        out.push(')');
    } else {
        write_term(theory, t, out);
    }
}

/// Prints `lhs = rhs`, e.g. `x + y = y + x`.
pub fn equation(theory: &Theory, lhs: &Term, rhs: &Term) -> String {
    format!("{} = {}", term(theory, lhs), term(theory, rhs))
}

/// Prints a resolved formula in MPL syntax, e.g. `(>[x,y] (=[x + y, y + x]))`.
pub fn formula(theory: &Theory, f: &Formula) -> String {
    match f {
        Formula::Eq(l, r) => format!("(=[{}, {}])", term(theory, l), term(theory, r)),
        Formula::Atom(p, args) => {
            let args: Vec<String> = args.iter().map(|a| term(theory, a)).collect();
            format!("({}[{}])", theory.pred(*p).name, args.join(", "))
        }
        Formula::Not(x) => format!("!{}", formula(theory, x)),
        Formula::And(xs) => {
            let xs: Vec<String> = xs.iter().map(|x| formula(theory, x)).collect();
            format!("(&{})", xs.join(" "))
        }
        Formula::Implies(a, b) => format!("(>[] {} {})", formula(theory, a), formula(theory, b)),
        Formula::Forall(vs, body) => {
            let bs = binders(theory, vs);
            match body.as_ref() {
                Formula::Implies(a, b) => {
                    format!("(>[{bs}] {} {})", formula(theory, a), formula(theory, b))
                }
                b => format!("(>[{bs}] {})", formula(theory, b)),
            }
        }
    }
}

fn binders(theory: &Theory, vs: &[Var]) -> String {
    let annotate = theory.sorts.len() > 1;
    let v: Vec<String> = vs
        .iter()
        .map(|v| {
            if annotate {
                format!("{}:{}", theory.name(v.name), theory.sort(v.sort).name)
            } else {
                theory.name(v.name).to_string()
            }
        })
        .collect();
    v.join(",")
}
