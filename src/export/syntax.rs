//! Coq syntax: the table of Coq names of one theory, terms and formulas in Coq notation,
//! and proof expressions with their line layout.
//!
//! Invariants:
//! - terms print as plain applications of the table's identifiers (`add x (s y)`); an
//!   argument that is itself an application is parenthesized, nothing else is, so the
//!   printed term parses back to exactly the tree it came from;
//! - an instance of a polymorphic operator is applied explicitly to its sort arguments
//!   (`@cons N x l`, `(@nil N)` as an argument, see `table::OpForm`); application `@(f, x)`
//!   is Coq's own application `f x`; a monomorphic theory prints exactly as before;
//! - formulas use only Coq's core notations (`=`, `<>`, `~`, `/\`, `->`, `forall`), with
//!   parentheses around every operand that is not atomic for the operator it is in;
//! - [`Expr`] layout is a pure function of the expression: an expression that fits in
//!   [`WIDTH`] columns is printed on one line, else its arguments (or a function's body)
//!   go on their own lines, indented by two; the layout never changes the term.

use super::table::{OpForm, Table, UNNAMED};
use crate::mpl::{Formula, Term, Var};

/// The line width the layout aims for.
pub const WIDTH: usize = 100;

/// The bound name of every congruence context `fun hole : S => C[hole]` (reserved, see
/// `names::RESERVED`, so it captures nothing).
pub const HOLE: &str = "hole";

/// A term in Coq notation, unparenthesized at the top.
pub fn term(table: &Table, t: &Term) -> String {
    let mut out = String::new();
    write_term(table, t, None, false, &mut out);
    out
}

/// A term as an argument: parenthesized when it is an application.
pub fn arg(table: &Table, t: &Term) -> String {
    let mut out = String::new();
    write_term(table, t, None, true, &mut out);
    out
}

/// `t` with its subterm at `pos` replaced by [`HOLE`]; `None` if `pos` is not a position
/// of `t`.
pub fn with_hole(table: &Table, t: &Term, pos: &[usize]) -> Option<String> {
    crate::proof::tree::subterm(t, pos)?;
    let mut out = String::new();
    write_term(table, t, Some(pos), false, &mut out);
    Some(out)
}

fn write_term(table: &Table, t: &Term, hole: Option<&[usize]>, as_arg: bool, out: &mut String) {
    if hole.is_some_and(<[usize]>::is_empty) {
        out.push_str(HOLE);
        return;
    }
    let (op, args) = match t {
        Term::Var(v) => return out.push_str(table.var(v)),
        Term::App(op, args) => (*op, args),
    };
    let (head, sorts): (Option<String>, &[crate::mpl::SortId]) = match table.form(op) {
        OpForm::Apply => (None, &[]),
        OpForm::Instance(sorts) if !sorts.is_empty() => (Some(format!("@{}", table.op(op))), sorts),
        _ => (Some(table.op(op).to_string()), &[]),
    };
    match head {
        Some(head) if args.is_empty() && sorts.is_empty() => out.push_str(&head),
        head => {
            if as_arg {
                out.push('(');
            }
            let mut first = true;
            if let Some(head) = head {
                out.push_str(&head);
                first = false;
            }
            for s in sorts {
                out.push(' ');
                out.push_str(&table.sort_arg(*s));
            }
            for (i, a) in args.iter().enumerate() {
                if !std::mem::take(&mut first) {
                    out.push(' ');
                }
                let inner = hole.and_then(|p| p.split_first().filter(|(j, _)| **j == i));
                write_term(table, a, inner.map(|(_, rest)| rest), true, out);
            }
            if as_arg {
                out.push(')');
            }
        }
    }
}

/// Binders `x y : N` (one group) or `(x y : N) (l : L)`, grouping consecutive variables
/// of one sort; empty for no variables.
pub fn binders(table: &Table, vars: &[Var]) -> String {
    let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
    for v in vars {
        let sort = table.sort(v.sort);
        match groups.last_mut() {
            Some((names, s)) if *s == sort => names.push(table.var(v)),
            _ => groups.push((vec![table.var(v)], sort)),
        }
    }
    match groups.as_slice() {
        [(names, sort)] => format!("{} : {sort}", names.join(" ")),
        _ => groups
            .iter()
            .map(|(names, sort)| format!("({} : {sort})", names.join(" ")))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A formula in Coq notation (axioms may use every MPL connective).
pub fn formula(table: &Table, f: &Formula) -> String {
    match f {
        Formula::Eq(l, r) => format!("{} = {}", term(table, l), term(table, r)),
        Formula::Not(inner) => match inner.as_ref() {
            Formula::Eq(l, r) => format!("{} <> {}", term(table, l), term(table, r)),
            // MPL's `!(>[vs] !B)`: "there exists", constructively as Coq's `exists`.
            Formula::Forall(vs, body) if !vs.is_empty() && matches!(**body, Formula::Not(_)) => {
                let Formula::Not(b) = body.as_ref() else {
                    unreachable!("matched above")
                };
                format!("exists {}, {}", binders(table, vs), formula(table, b))
            }
            other => format!("~ {}", operand(table, other, Context::Not)),
        },
        Formula::Atom(p, args) => {
            let mut s = table
                .preds
                .get(p.0 as usize)
                .map_or(UNNAMED, String::as_str)
                .to_string();
            for a in args {
                s.push(' ');
                s.push_str(&arg(table, a));
            }
            s
        }
        Formula::And(xs) => {
            let parts: Vec<String> = xs.iter().map(|x| operand(table, x, Context::And)).collect();
            parts.join(" /\\ ")
        }
        Formula::Implies(a, b) => format!(
            "{} -> {}",
            operand(table, a, Context::Premise),
            formula(table, b)
        ),
        Formula::Forall(vs, body) if vs.is_empty() => formula(table, body),
        Formula::Forall(vs, body) => {
            format!("forall {}, {}", binders(table, vs), formula(table, body))
        }
    }
}

/// Where a formula appears as an operand.
#[derive(Clone, Copy)]
enum Context {
    Not,
    And,
    Premise,
}

fn operand(table: &Table, f: &Formula, ctx: Context) -> String {
    let bare = match (ctx, f) {
        (_, Formula::Eq(..) | Formula::Atom(..)) => true,
        (Context::Not, Formula::Not(_)) => true,
        (Context::And | Context::Premise, Formula::Not(inner)) => {
            matches!(inner.as_ref(), Formula::Eq(..) | Formula::Atom(..))
        }
        (Context::Premise, Formula::And(_)) => true,
        _ => false,
    };
    if bare {
        formula(table, f)
    } else {
        format!("({})", formula(table, f))
    }
}

/// A proof expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// An identifier, or a term already parenthesized as an argument.
    Atom(String),
    /// An identifier applied to arguments.
    App(String, Vec<Expr>),
    /// `fun (x1 : T1) ... => body`: binder names and their types.
    Fun(Vec<(String, String)>, Box<Expr>),
}

impl Expr {
    /// `head args...`, or just `head` without arguments.
    pub fn app(head: &str, args: Vec<Expr>) -> Expr {
        if args.is_empty() {
            Expr::Atom(head.to_string())
        } else {
            Expr::App(head.to_string(), args)
        }
    }

    /// `fun binders => body`, or just `body` without binders.
    pub fn fun(binders: Vec<(String, String)>, body: Expr) -> Expr {
        if binders.is_empty() {
            body
        } else {
            Expr::Fun(binders, Box::new(body))
        }
    }

    /// The expression on one line.
    pub fn flat(&self) -> String {
        match self {
            Expr::Atom(s) => s.clone(),
            Expr::App(head, args) => {
                let mut s = head.clone();
                for a in args {
                    s.push(' ');
                    s.push_str(&a.flat_arg());
                }
                s
            }
            Expr::Fun(bs, body) => format!("fun {} => {}", fun_binders(bs), body.flat()),
        }
    }

    fn flat_arg(&self) -> String {
        match self {
            Expr::Atom(s) => s.clone(),
            _ => format!("({})", self.flat()),
        }
    }

    /// The expression laid out for a line on which it starts at column `col`; later
    /// lines carry their own indentation.
    pub fn layout(&self, col: usize) -> String {
        let flat = self.flat();
        if col + flat.len() <= WIDTH {
            return flat;
        }
        let indent = " ".repeat(col + 2);
        match self {
            Expr::Atom(s) => s.clone(),
            Expr::App(head, args) => {
                let mut s = head.clone();
                for a in args {
                    s.push('\n');
                    s.push_str(&indent);
                    s.push_str(&a.layout_arg(col + 2));
                }
                s
            }
            Expr::Fun(bs, body) => {
                format!(
                    "fun {} =>\n{indent}{}",
                    fun_binders(bs),
                    body.layout(col + 2)
                )
            }
        }
    }

    fn layout_arg(&self, col: usize) -> String {
        match self {
            Expr::Atom(s) => s.clone(),
            _ => format!("({})", self.layout(col + 1)),
        }
    }
}

fn fun_binders(bs: &[(String, String)]) -> String {
    let parts: Vec<String> = bs.iter().map(|(n, t)| format!("({n} : {t})")).collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_breaks_only_what_does_not_fit() {
        let short = Expr::app(
            "eq_trans",
            vec![Expr::Atom("a".into()), Expr::Atom("b".into())],
        );
        assert_eq!(short.layout(0), "eq_trans a b");
        let long_arg = Expr::Atom(format!("({})", "x".repeat(WIDTH)));
        let e = Expr::app("eq_sym", vec![Expr::app("f", vec![long_arg.clone()])]);
        let text = e.layout(0);
        assert!(text.starts_with("eq_sym\n  (f\n     ("), "{text}");
        let f = Expr::fun(
            vec![("x".into(), "N".into())],
            Expr::app("g", vec![long_arg]),
        );
        assert!(f.layout(0).starts_with("fun (x : N) =>\n  g\n    ("));
    }
}
