//! The certificate's s-expression syntax, written from the model (format version 3,
//! `docs/logic.md` section 3): sort expressions, terms and formulas.
//!
//! Invariants:
//! - a sort of the tables prints as its sort expression: `N`, `'a`, `(List N)`,
//!   `(-> 'a Bool)`; a monomorphic theory's sorts print as their names, exactly as in
//!   version 2;
//! - an operator instance (`Operator::instance`) prints as `(_ scheme S1 .. Sk)`, alone
//!   for a constant and as the head of an application otherwise; an instance of the
//!   scheme `@` prints `(@ f x)`; every other operator prints as its name, so a
//!   monomorphic term prints exactly as in version 2;
//! - the parameters a statement mentions ([`formula_params`]) are its `Param` sorts in
//!   order of first occurrence in the printed text;
//! - MPL's spelling of "there exists", `!(>[ys] !B)` (`Not(Forall(ys, Not(B)))`), prints
//!   as `(exists ((y S)..) B)`, which [`super::sexp`] reads back to the same formula.
//!
//! Example: a monomorphic term prints as in version 2.
//!
//! ```
//! # use std::path::Path;
//! let th = ergo::mpl::load_str(Path::new("t.mpl"), "inductive N = 0 | s(N);").unwrap();
//! let s = th.op_by_name("s").unwrap();
//! let zero = th.op_by_name("0").unwrap();
//! let t = ergo::mpl::Term::App(s, vec![ergo::mpl::Term::App(zero, vec![])]);
//! assert_eq!(ergo::proof::syntax::term(&th, &t), "(s 0)");
//! ```

use crate::mpl::{Formula, OpId, SortExpr, SortId, SortShape, Term, Theory, Var};
use std::fmt::Write;

/// The name of the built-in application scheme.
pub const APPLY: &str = "@";

/// A sort expression in the certificate's syntax.
pub fn sort_expr(e: &SortExpr) -> String {
    let mut s = String::new();
    write_sort_expr(e, &mut s);
    s
}

fn write_sort_expr(e: &SortExpr, s: &mut String) {
    match e {
        SortExpr::Name(n) => s.push_str(n),
        SortExpr::App(f, args) => {
            let _ = write!(s, "({f}");
            for a in args {
                s.push(' ');
                write_sort_expr(a, s);
            }
            s.push(')');
        }
        SortExpr::Fun(a, b) => {
            s.push_str("(-> ");
            write_sort_expr(a, s);
            s.push(' ');
            write_sort_expr(b, s);
            s.push(')');
        }
    }
}

/// A sort of the tables in the certificate's syntax.
pub fn sort(theory: &Theory, id: SortId) -> String {
    match theory.sort(id).shape {
        SortShape::Plain | SortShape::Param => theory.sort(id).name.clone(),
        _ => sort_expr(&theory.sort_expr(id)),
    }
}

/// How an operator prints as the head of a term: its name, `(_ scheme S..)`, or `@`.
pub fn op_head(theory: &Theory, op: OpId) -> String {
    let o = theory.op(op);
    match &o.instance {
        None => o.name.clone(),
        Some(inst) if inst.scheme == APPLY => APPLY.to_string(),
        Some(inst) => {
            let mut s = format!("(_ {}", inst.scheme);
            for &a in &inst.args {
                s.push(' ');
                s.push_str(&sort(theory, a));
            }
            s.push(')');
            s
        }
    }
}

/// A term in the certificate's syntax.
pub fn term(theory: &Theory, t: &Term) -> String {
    let mut s = String::new();
    write_term(theory, t, &mut s);
    s
}

fn write_term(theory: &Theory, t: &Term, s: &mut String) {
    match t {
        Term::Var(v) => s.push_str(theory.name(v.name)),
        Term::App(op, args) if args.is_empty() => s.push_str(&op_head(theory, *op)),
        Term::App(op, args) => {
            let _ = write!(s, "({}", op_head(theory, *op));
            for a in args {
                s.push(' ');
                write_term(theory, a, s);
            }
            s.push(')');
        }
    }
}

/// A formula in the certificate's syntax (section 4 of the format).
pub fn formula(theory: &Theory, f: &Formula) -> String {
    let mut s = String::new();
    write_formula(theory, f, &mut s);
    s
}

fn write_formula(theory: &Theory, f: &Formula, s: &mut String) {
    match f {
        Formula::Eq(l, r) => {
            s.push_str("(= ");
            write_term(theory, l, s);
            s.push(' ');
            write_term(theory, r, s);
            s.push(')');
        }
        Formula::Atom(p, args) => {
            let _ = write!(s, "(atom {}", theory.pred(*p).name);
            for a in args {
                s.push(' ');
                write_term(theory, a, s);
            }
            s.push(')');
        }
        Formula::Not(a) if exists(a).is_some() => {
            let Some((vs, body)) = exists(a) else {
                unreachable!("just matched")
            };
            s.push_str("(exists ");
            write_binders(theory, vs, s);
            s.push(' ');
            write_formula(theory, body, s);
            s.push(')');
        }
        Formula::Not(a) => {
            s.push_str("(not ");
            write_formula(theory, a, s);
            s.push(')');
        }
        Formula::And(xs) => {
            s.push_str("(and");
            for x in xs {
                s.push(' ');
                write_formula(theory, x, s);
            }
            s.push(')');
        }
        Formula::Implies(a, b) => {
            s.push_str("(=> ");
            write_formula(theory, a, s);
            s.push(' ');
            write_formula(theory, b, s);
            s.push(')');
        }
        Formula::Forall(vs, body) => {
            s.push_str("(forall ");
            write_binders(theory, vs, s);
            s.push(' ');
            write_formula(theory, body, s);
            s.push(')');
        }
    }
}

/// `((x S) ...)`.
fn write_binders(theory: &Theory, vs: &[Var], s: &mut String) {
    s.push('(');
    for (i, v) in vs.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "({} {})", theory.name(v.name), sort(theory, v.sort));
    }
    s.push(')');
}

/// The variables and body of `∃vs. B` from the inside of MPL's spelling `!(>[vs] !B)`
/// (given `(>[vs] !B)`), printed `(exists ((v S)..) B)`.
pub fn exists(f: &Formula) -> Option<(&[Var], &Formula)> {
    match f {
        Formula::Forall(vs, body) => match body.as_ref() {
            Formula::Not(b) => Some((vs, b)),
            _ => None,
        },
        _ => None,
    }
}

/// The `Param` sorts a formula mentions (binder sorts, operator instances' sorts, and
/// the sorts inside those), in order of first occurrence in its printed text.
pub fn formula_params(theory: &Theory, f: &Formula) -> Vec<SortId> {
    let mut out = Vec::new();
    formula_params_into(theory, f, &mut out);
    out
}

fn formula_params_into(theory: &Theory, f: &Formula, out: &mut Vec<SortId>) {
    match f {
        Formula::Eq(l, r) => {
            term_params(theory, l, out);
            term_params(theory, r, out);
        }
        Formula::Atom(p, args) => {
            theory
                .pred(*p)
                .args
                .iter()
                .for_each(|&a| sort_params(theory, a, out));
            args.iter().for_each(|a| term_params(theory, a, out));
        }
        Formula::Not(a) => formula_params_into(theory, a, out),
        Formula::And(xs) => xs.iter().for_each(|x| formula_params_into(theory, x, out)),
        Formula::Implies(a, b) => {
            formula_params_into(theory, a, out);
            formula_params_into(theory, b, out);
        }
        Formula::Forall(vs, body) => {
            vs.iter().for_each(|v| sort_params(theory, v.sort, out));
            formula_params_into(theory, body, out);
        }
    }
}

/// The `Param` sorts a term mentions, appended to `out` in order of first occurrence.
pub fn term_params(theory: &Theory, t: &Term, out: &mut Vec<SortId>) {
    match t {
        Term::Var(v) => sort_params(theory, v.sort, out),
        Term::App(op, args) => {
            if let Some(inst) = &theory.op(*op).instance {
                if inst.scheme != APPLY {
                    inst.args.iter().for_each(|&a| sort_params(theory, a, out));
                }
            }
            args.iter().for_each(|a| term_params(theory, a, out));
        }
    }
}

/// The `Param` sorts inside a sort, appended to `out` in order of first occurrence.
pub fn sort_params(theory: &Theory, id: SortId, out: &mut Vec<SortId>) {
    match &theory.sort(id).shape {
        SortShape::Plain => {}
        SortShape::Param => {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        SortShape::Instance { args, .. } => {
            args.iter().for_each(|&a| sort_params(theory, a, out));
        }
        SortShape::Function { from, to } => {
            sort_params(theory, *from, out);
            sort_params(theory, *to, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_expressions_print_in_prefix_form() {
        let n = || SortExpr::Name("N".into());
        let a = || SortExpr::Name("'a".into());
        let list = |x| SortExpr::App("List".into(), vec![x]);
        assert_eq!(sort_expr(&n()), "N");
        assert_eq!(sort_expr(&list(a())), "(List 'a)");
        let f = SortExpr::Fun(Box::new(a()), Box::new(SortExpr::Name("Bool".into())));
        assert_eq!(sort_expr(&f), "(-> 'a Bool)");
        let g = SortExpr::Fun(Box::new(f.clone()), Box::new(list(n())));
        assert_eq!(sort_expr(&g), "(-> (-> 'a Bool) (List N))");
        // The reader reads back what is printed.
        for e in [n(), list(a()), f, g] {
            assert_eq!(crate::proof::sexp::sort_expr(&sort_expr(&e)), Some(e));
        }
        assert_eq!(crate::proof::sexp::sort_expr("(-> N)"), None);
        assert_eq!(crate::proof::sexp::sort_expr("(_ N)"), None);
    }

    #[test]
    fn a_monomorphic_formula_prints_as_in_version_2() {
        let mut th = crate::mpl::peano_for_tests();
        let text = "(forall ((x N) (y N)) (= (+ x (s y)) (s (+ x y))))";
        let f = crate::proof::sexp::formula(&mut th, text).unwrap();
        assert_eq!(formula(&th, &f), text);
        assert!(formula_params(&th, &f).is_empty());
    }
}
