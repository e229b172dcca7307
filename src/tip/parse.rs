//! From s-expressions to TIP commands ([`super::ast`]), without looking at declarations.
//!
//! Invariants:
//! - every rejected shape is a [`Diagnostic`] at the offending s-expression, with code
//!   `tip-syntax` (or `tip-unsupported` for recognised but unsupported constructs: numeric
//!   literals, strings, parametric `declare-sort`);
//! - `set-logic`, `set-info`, `set-option` and `check-sat` are read and dropped;
//! - `(par (a ..) X)` is accepted wherever TIP allows it (datatypes, function
//!   declarations and definitions, `assert`, `prove`).
//!
//! ```
//! use ergo::tip::{parse::parse, sexp::read, ast::Command};
//! let s = read("(declare-sort U 0) (prove (par (a) (forall ((x a)) (= x x))))").unwrap();
//! let c = parse(&s).unwrap();
//! assert!(matches!(c[1].command, Command::Prove(ref f) if f.params.len() == 1));
//! ```

use super::ast::*;
use super::sexp::{Atom, Sexp, SexpKind};
use crate::mpl::{Diagnostic, DiagnosticCode};

type R<T> = Result<T, Box<Diagnostic>>;

fn bad(at: &Sexp, message: impl Into<String>, label: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(
        DiagnosticCode::TipSyntax,
        at.span,
        message,
        label,
    ))
}

fn name(s: &Sexp, what: &str) -> R<Name> {
    match s.symbol() {
        Some(t) => Ok(Name {
            text: t.to_string(),
            span: s.span,
        }),
        None => Err(bad(s, format!("expected {what}"), "not a symbol")),
    }
}

fn list<'a>(s: &'a Sexp, what: &str) -> R<&'a [Sexp]> {
    s.list()
        .ok_or_else(|| bad(s, format!("expected {what}"), "not a list"))
}

/// Splits `(par (a ..) X)` into its parameters and `X`; anything else has none.
fn par(s: &Sexp) -> R<(Vec<Name>, &Sexp)> {
    if !s.is_headed("par") {
        return Ok((Vec::new(), s));
    }
    let l = list(s, "(par (PARAMS) BODY)")?;
    if l.len() != 3 {
        return Err(bad(s, "expected (par (PARAMS) BODY)", "wrong shape"));
    }
    let params = list(&l[1], "the sort parameters")?
        .iter()
        .map(|p| name(p, "a sort parameter"))
        .collect::<R<_>>()?;
    Ok((params, &l[2]))
}

/// Parses every command of a file.
pub fn parse(top: &[Sexp]) -> R<Vec<Located>> {
    let mut out = Vec::new();
    for s in top {
        if let Some(command) = parse_command(s)? {
            out.push(Located {
                command,
                span: s.span,
            });
        }
    }
    Ok(out)
}

fn parse_command(s: &Sexp) -> R<Option<Command>> {
    let l = list(s, "a command `(KEYWORD ...)`")?;
    let Some(head) = l.first().and_then(Sexp::symbol) else {
        return Err(bad(
            s,
            "expected a command `(KEYWORD ...)`",
            "no command name",
        ));
    };
    let arity = |n: usize, shape: &str| -> R<()> {
        if l.len() == n {
            Ok(())
        } else {
            Err(bad(
                s,
                format!("expected ({head} {shape})"),
                "wrong number of parts",
            ))
        }
    };
    Ok(Some(match head {
        "set-logic" | "set-info" | "set-option" | "check-sat" | "exit" | "get-model" => {
            return Ok(None)
        }
        "declare-sort" => {
            arity(3, "NAME 0")?;
            if l[2].atom() != Some(&Atom::Numeral("0".into())) {
                return Err(Box::new(Diagnostic::new(
                    DiagnosticCode::TipUnsupported,
                    l[2].span,
                    "only sorts without parameters can be declared",
                    "expected 0",
                )));
            }
            Command::Sort(name(&l[1], "a sort name")?)
        }
        "declare-datatype" => {
            arity(3, "NAME [(par (PARAMS)] (CONSTRUCTORS))")?;
            let (params, body) = par(&l[2])?;
            Command::Datatypes(vec![datatype(
                name(&l[1], "a datatype name")?,
                params,
                body,
            )?])
        }
        "declare-datatypes" => {
            arity(3, "((NAME ARITY) ..) (DATATYPE ..)")?;
            let names = list(&l[1], "((NAME ARITY) ..)")?;
            let decls = list(&l[2], "(DATATYPE ..)")?;
            if names.len() != decls.len() {
                return Err(bad(
                    &l[2],
                    "one declaration per datatype name expected",
                    "count differs",
                ));
            }
            let mut out = Vec::new();
            for (n, d) in names.iter().zip(decls) {
                let nl = list(n, "(NAME ARITY)")?;
                let dn = name(nl.first().unwrap_or(n), "a datatype name")?;
                let (params, body) = par(d)?;
                let arity = params.len().to_string();
                match nl.get(1).and_then(Sexp::atom) {
                    Some(Atom::Numeral(k)) if nl.len() == 2 && *k == arity => {}
                    _ => {
                        return Err(bad(
                            n,
                            format!(
                            "expected ({} {arity}): its declaration has {arity} sort parameter(s)",
                            dn.text
                        ),
                            "arity differs",
                        ))
                    }
                }
                out.push(datatype(dn, params, body)?);
            }
            Command::Datatypes(out)
        }
        "declare-const" => {
            arity(3, "NAME SORT")?;
            let (params, sort) = par(&l[2])?;
            Command::Funs {
                funs: vec![FunDecl {
                    name: name(&l[1], "a constant name")?,
                    params,
                    args: Vec::new(),
                    result: sort_expr(sort)?,
                    body: None,
                }],
                recursive: false,
            }
        }
        "declare-fun" => {
            // (declare-fun f (S..) R) or (declare-fun f (par (a) ((S..) R)))
            let f = name(l.get(1).unwrap_or(s), "a function name")?;
            let (params, args, result) = match l.len() {
                4 => (Vec::new(), &l[2], &l[3]),
                3 => {
                    let (params, body) = par(&l[2])?;
                    let b = list(body, "((ARG SORTS) RESULT)")?;
                    if b.len() != 2 {
                        return Err(bad(body, "expected ((ARG SORTS) RESULT)", "wrong shape"));
                    }
                    (params, &b[0], &b[1])
                }
                _ => {
                    return Err(bad(
                        s,
                        "expected (declare-fun NAME (SORTS) SORT)",
                        "wrong shape",
                    ))
                }
            };
            let args = list(args, "the argument sorts")?
                .iter()
                .map(|a| {
                    Ok(Binder {
                        name: Name {
                            text: "_".into(),
                            span: a.span,
                        },
                        sort: sort_expr(a)?,
                    })
                })
                .collect::<R<_>>()?;
            Command::Funs {
                funs: vec![FunDecl {
                    name: f,
                    params,
                    args,
                    result: sort_expr(result)?,
                    body: None,
                }],
                recursive: false,
            }
        }
        "define-fun" | "define-fun-rec" => {
            let f = name(l.get(1).unwrap_or(s), "a function name")?;
            // (define-fun f ((x S) ..) R BODY) or (define-fun f (par (a ..) (((x S) ..) R)) BODY)
            let shape = || {
                bad(
                    s,
                    format!("expected ({head} NAME ((ARG SORT) ..) SORT BODY)"),
                    "wrong shape",
                )
            };
            let (params, args, result, body) = match l.len() {
                5 => (Vec::new(), &l[2], &l[3], &l[4]),
                4 => {
                    let (params, sig) = par(&l[2])?;
                    match list(sig, "(((ARG SORT) ..) SORT)")? {
                        [args, result] => (params, args, result, &l[3]),
                        _ => return Err(shape()),
                    }
                }
                _ => return Err(shape()),
            };
            Command::Funs {
                funs: vec![FunDecl {
                    name: f,
                    params,
                    args: binders(args)?,
                    result: sort_expr(result)?,
                    body: Some(term(body)?),
                }],
                recursive: head == "define-fun-rec",
            }
        }
        "define-funs-rec" => {
            arity(3, "(DECLARATION ..) (BODY ..)")?;
            let decls = list(&l[1], "(DECLARATION ..)")?;
            let bodies = list(&l[2], "(BODY ..)")?;
            if decls.len() != bodies.len() {
                return Err(bad(
                    &l[2],
                    "one body per declared function expected",
                    "count differs",
                ));
            }
            let mut funs = Vec::new();
            for (d, b) in decls.iter().zip(bodies) {
                let (params, d) = par(d)?;
                let dl = list(d, "(NAME ((ARG SORT) ..) SORT)")?;
                if dl.len() != 3 {
                    return Err(bad(
                        d,
                        "expected (NAME ((ARG SORT) ..) SORT)",
                        "wrong shape",
                    ));
                }
                funs.push(FunDecl {
                    name: name(&dl[0], "a function name")?,
                    params,
                    args: binders(&dl[1])?,
                    result: sort_expr(&dl[2])?,
                    body: Some(term(b)?),
                });
            }
            Command::Funs {
                funs,
                recursive: true,
            }
        }
        "assert" | "prove" | "assert-not" => {
            arity(2, "FORMULA")?;
            let (params, body) = par(&l[1])?;
            let f = Formula {
                params,
                body: term(body)?,
            };
            if head == "assert" {
                Command::Assert(f)
            } else {
                Command::Prove(f)
            }
        }
        _ => {
            return Err(bad(
                &l[0],
                format!("unknown command `{head}`"),
                "not a TIP command",
            ))
        }
    }))
}

fn datatype(dt_name: Name, params: Vec<Name>, body: &Sexp) -> R<DatatypeDecl> {
    let ctors = list(body, "the constructors ((NAME (SELECTOR SORT) ..) ..)")?
        .iter()
        .map(|c| {
            let cl = list(c, "a constructor (NAME (SELECTOR SORT) ..)")?;
            let Some(first) = cl.first() else {
                return Err(bad(
                    c,
                    "expected a constructor (NAME (SELECTOR SORT) ..)",
                    "empty",
                ));
            };
            Ok(CtorDecl {
                name: name(first, "a constructor name")?,
                fields: cl[1..].iter().map(binder).collect::<R<_>>()?,
            })
        })
        .collect::<R<Vec<_>>>()?;
    if ctors.is_empty() {
        return Err(bad(
            body,
            "a datatype needs at least one constructor",
            "none",
        ));
    }
    Ok(DatatypeDecl {
        name: dt_name,
        params,
        ctors,
    })
}

fn binder(s: &Sexp) -> R<Binder> {
    let l = list(s, "a binder (NAME SORT)")?;
    if l.len() != 2 {
        return Err(bad(s, "expected a binder (NAME SORT)", "wrong shape"));
    }
    Ok(Binder {
        name: name(&l[0], "a variable name")?,
        sort: sort_expr(&l[1])?,
    })
}

fn binders(s: &Sexp) -> R<Vec<Binder>> {
    list(s, "binders ((NAME SORT) ..)")?
        .iter()
        .map(binder)
        .collect()
}

/// Parses a sort expression.
pub fn sort_expr(s: &Sexp) -> R<SortExpr> {
    match &s.kind {
        SexpKind::Atom(Atom::Symbol(_)) => {
            Ok(SortExpr::Con(name(s, "a sort")?, Vec::new(), s.span))
        }
        SexpKind::Atom(_) => Err(bad(s, "expected a sort", "not a sort")),
        SexpKind::List(l) => {
            if l.len() < 2 {
                return Err(bad(s, "expected a sort `(NAME SORT ..)`", "too short"));
            }
            let args = l[1..].iter().map(sort_expr).collect::<R<Vec<_>>>()?;
            if l[0].symbol() == Some("=>") {
                let mut args = args;
                let result = args.pop().unwrap_or_else(|| unreachable!("len >= 2"));
                if args.is_empty() {
                    return Err(bad(
                        s,
                        "a function sort needs argument sorts",
                        "no arguments",
                    ));
                }
                Ok(SortExpr::Fun(args, Box::new(result), s.span))
            } else {
                Ok(SortExpr::Con(
                    name(&l[0], "a sort constructor")?,
                    args,
                    s.span,
                ))
            }
        }
    }
}

/// Parses a term.
pub fn term(s: &Sexp) -> R<Term> {
    let mk = |kind| Ok(Term::new(kind, s.span));
    let l = match &s.kind {
        SexpKind::Atom(Atom::Symbol(t)) => {
            return match t.as_str() {
                "true" => mk(TermKind::Bool(true)),
                "false" => mk(TermKind::Bool(false)),
                _ => mk(apply(name(s, "a term")?, None, None, Vec::new())),
            }
        }
        SexpKind::Atom(a) => {
            let what = match a {
                Atom::Numeral(_) | Atom::Decimal(_) => "numeric literals (Int, Real)",
                Atom::Str(_) => "string literals",
                _ => "keywords in terms",
            };
            return Err(Box::new(Diagnostic::new(
                DiagnosticCode::TipUnsupported,
                s.span,
                format!("{what} are not supported"),
                "unsupported",
            )));
        }
        SexpKind::List(l) => l,
    };
    let Some(first) = l.first() else {
        return Err(bad(s, "expected a term, found `()`", "empty"));
    };
    let head = first.symbol();
    let arity = |n: usize, shape: &str| -> R<()> {
        if l.len() == n {
            Ok(())
        } else {
            Err(bad(
                s,
                format!("expected ({} {shape})", head.unwrap_or("?")),
                "wrong number of parts",
            ))
        }
    };
    match head {
        Some("forall") | Some("exists") => {
            arity(3, "((VAR SORT) ..) BODY")?;
            let q = if head == Some("forall") {
                Quantifier::Forall
            } else {
                Quantifier::Exists
            };
            let bs = binders(&l[1])?;
            if bs.is_empty() {
                return Err(bad(
                    &l[1],
                    "a quantifier binds at least one variable",
                    "empty",
                ));
            }
            mk(TermKind::Quant(q, bs, Box::new(term(&l[2])?)))
        }
        Some("lambda") => {
            arity(3, "((VAR SORT) ..) BODY")?;
            let bs = binders(&l[1])?;
            if bs.is_empty() {
                return Err(bad(&l[1], "a lambda binds at least one variable", "empty"));
            }
            mk(TermKind::Lambda(bs, Box::new(term(&l[2])?)))
        }
        Some("let") => {
            arity(3, "((VAR TERM) ..) BODY")?;
            let bs = list(&l[1], "bindings ((VAR TERM) ..)")?
                .iter()
                .map(|b| {
                    let bl = list(b, "a binding (VAR TERM)")?;
                    if bl.len() != 2 {
                        return Err(bad(b, "expected a binding (VAR TERM)", "wrong shape"));
                    }
                    Ok((name(&bl[0], "a variable")?, term(&bl[1])?))
                })
                .collect::<R<_>>()?;
            mk(TermKind::Let(bs, Box::new(term(&l[2])?)))
        }
        Some("match") => {
            arity(3, "TERM (CASE ..)")?;
            let cases = list(&l[2], "the cases ((PATTERN TERM) ..)")?
                .iter()
                .map(case)
                .collect::<R<Vec<_>>>()?;
            if cases.is_empty() {
                return Err(bad(&l[2], "a match needs at least one case", "no cases"));
            }
            mk(TermKind::Match(Box::new(term(&l[1])?), cases))
        }
        Some("_") => {
            // (_ f S ..): f at explicit sort arguments.
            if l.len() < 3 {
                return Err(bad(s, "expected (_ NAME SORT ..)", "wrong shape"));
            }
            let sorts = l[2..].iter().map(sort_expr).collect::<R<_>>()?;
            mk(apply(name(&l[1], "a name")?, Some(sorts), None, Vec::new()))
        }
        Some("as") => {
            arity(3, "NAME SORT")?;
            let annot = sort_expr(&l[2])?;
            let mut inner = term(&l[1])?;
            match &mut inner.kind {
                TermKind::Apply { as_sort, args, .. } if args.is_empty() => {
                    *as_sort = Some(annot);
                    inner.span = s.span;
                    Ok(inner)
                }
                _ => Err(bad(&l[1], "`as` annotates a name", "not a name")),
            }
        }
        Some(h) => {
            let args = l[1..].iter().map(term).collect::<R<Vec<_>>>()?;
            if let Some(b) = Builtin::of(h) {
                return mk(TermKind::Builtin(b, args));
            }
            if args.is_empty() {
                return Err(bad(
                    s,
                    format!("`({h})`: a name applied to no arguments"),
                    "write it without parentheses",
                ));
            }
            mk(apply(name(first, "a function")?, None, None, args))
        }
        None => {
            // ((_ f S ..) args) or ((as f S) args).
            let inner = term(first)?;
            let args = l[1..].iter().map(term).collect::<R<Vec<_>>>()?;
            match inner.kind {
                TermKind::Apply {
                    name,
                    explicit,
                    as_sort,
                    args: none,
                    ..
                } if none.is_empty() && !args.is_empty() => {
                    mk(apply(name, explicit, as_sort, args))
                }
                _ => Err(bad(first, "expected a function name", "not a name")),
            }
        }
    }
}

fn apply(
    name: Name,
    explicit: Option<Vec<SortExpr>>,
    as_sort: Option<SortExpr>,
    args: Vec<Term>,
) -> TermKind {
    TermKind::Apply {
        name,
        explicit,
        as_sort,
        args,
        head: None,
        instance: Vec::new(),
    }
}

fn case(s: &Sexp) -> R<Case> {
    let l = list(s, "a case (PATTERN TERM)")?;
    if l.len() != 2 {
        return Err(bad(s, "expected a case (PATTERN TERM)", "wrong shape"));
    }
    let p = &l[0];
    let pattern = match &p.kind {
        SexpKind::Atom(_) => {
            let n = name(p, "a pattern")?;
            if n.text == "_" {
                Pattern::Wildcard(n.span)
            } else {
                Pattern::Con {
                    name: n,
                    binders: Vec::new(),
                    ctor: None,
                }
            }
        }
        SexpKind::List(pl) => {
            let Some(c) = pl.first() else {
                return Err(bad(p, "expected a pattern (CONSTRUCTOR VAR ..)", "empty"));
            };
            Pattern::Con {
                name: name(c, "a constructor")?,
                binders: pl[1..]
                    .iter()
                    .map(|b| name(b, "a variable (patterns are not nested in SMT-LIB)"))
                    .collect::<R<_>>()?,
                ctor: None,
            }
        }
    };
    Ok(Case {
        pattern,
        rhs: term(&l[1])?,
    })
}
