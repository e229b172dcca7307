//! The sort checker of TIP's type system over a whole problem: declarations entered into
//! a [`Signature`] in file order, every body and formula checked by [`Infer`].
//!
//! Invariants:
//! - a name is usable only after its declaration, except within its own group
//!   (`declare-datatypes`, `define-fun-rec`, `define-funs-rec`);
//! - a function's body has its declared result sort, with its arguments bound;
//! - facts (`assert`) and goals (`prove`) have sort `Bool`;
//! - on success every term node carries its sort (see [`super::ast`]); the first error
//!   stops the check.
//!
//! ```
//! let e = ergo::tip::read_str("t.smt2", "(prove (= x x))").unwrap_err();
//! assert_eq!(e.items[0].code.as_str(), "unknown-operator");
//! ```

use super::ast::*;
use super::infer::{resolve_sort, Infer};
use super::signature::*;
use super::Sort;
use crate::mpl::{Diagnostic, DiagnosticCode, Span};

type R<T> = Result<T, Box<Diagnostic>>;

fn names(ps: &[Name]) -> Vec<String> {
    ps.iter().map(|p| p.text.clone()).collect()
}

fn duplicate(what: &str, n: &Name, first: Span) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::DuplicateName,
        n.span,
        format!("{what} `{}` is declared twice", n.text),
        "declared again here",
    )
    .with_related(first, "first declared here")
}

fn add_symbol(sig: &mut Signature, n: &Name, sym: Symbol) -> R<()> {
    if let Some(old) = sig.symbols.get(&n.text) {
        return Err(Box::new(duplicate("symbol", n, old.span)));
    }
    if super::ast::Builtin::of(&n.text).is_some()
        || matches!(
            n.text.as_str(),
            "true"
                | "false"
                | "_"
                | "as"
                | "match"
                | "lambda"
                | "let"
                | "forall"
                | "exists"
                | "par"
        )
    {
        return Err(Box::new(Diagnostic::new(
            DiagnosticCode::ReservedName,
            n.span,
            format!("`{}` is reserved in TIP", n.text),
            "reserved",
        )));
    }
    sig.symbols.insert(n.text.clone(), sym);
    Ok(())
}

/// Checks every command in order and returns the signature they declare.
pub fn check(commands: &mut [Located]) -> R<Signature> {
    let mut sig = Signature::default();
    for c in commands {
        match &mut c.command {
            Command::Sort(n) => add_sort(&mut sig, n, 0, false)?,
            Command::Datatypes(dts) => datatypes(&mut sig, dts)?,
            Command::Funs { funs, recursive } => functions(&mut sig, funs, *recursive)?,
            Command::Assert(f) | Command::Prove(f) => formula(&sig, f)?,
        }
    }
    Ok(sig)
}

fn add_sort(sig: &mut Signature, n: &Name, arity: usize, datatype: bool) -> R<()> {
    if n.text == "Bool" {
        return Err(Box::new(Diagnostic::new(
            DiagnosticCode::ReservedName,
            n.span,
            "`Bool` is built in",
            "reserved",
        )));
    }
    if let Some(old) = sig.sorts.get(&n.text) {
        return Err(Box::new(duplicate("sort", n, old.span)));
    }
    sig.sorts.insert(
        n.text.clone(),
        SortInfo {
            arity,
            datatype,
            span: n.span,
        },
    );
    Ok(())
}

fn datatypes(sig: &mut Signature, dts: &[DatatypeDecl]) -> R<()> {
    for d in dts {
        add_sort(sig, &d.name, d.params.len(), true)?;
    }
    for d in dts {
        let params = names(&d.params);
        let me = Sort::Con(
            d.name.text.clone(),
            params.iter().map(|p| Sort::Param(p.clone())).collect(),
        );
        let mut ctors = Vec::new();
        for (k, c) in d.ctors.iter().enumerate() {
            let mut fields = Vec::new();
            for (j, f) in c.fields.iter().enumerate() {
                let s = resolve_sort(sig, &params, &f.sort)?;
                add_symbol(
                    sig,
                    &f.name,
                    Symbol {
                        params: params.clone(),
                        args: vec![me.clone()],
                        result: s.clone(),
                        kind: SymbolKind::Selector {
                            datatype: d.name.text.clone(),
                            ctor: k,
                            field: j,
                        },
                        span: f.name.span,
                    },
                )?;
                fields.push((f.name.text.clone(), s));
            }
            add_symbol(
                sig,
                &c.name,
                Symbol {
                    params: params.clone(),
                    args: fields.iter().map(|(_, s)| s.clone()).collect(),
                    result: me.clone(),
                    kind: SymbolKind::Constructor {
                        datatype: d.name.text.clone(),
                        index: k,
                    },
                    span: c.name.span,
                },
            )?;
            ctors.push(Constructor {
                name: c.name.text.clone(),
                fields,
            });
        }
        sig.datatypes.insert(
            d.name.text.clone(),
            Datatype {
                name: d.name.text.clone(),
                params,
                ctors,
            },
        );
    }
    Ok(())
}

fn functions(sig: &mut Signature, funs: &mut [FunDecl], recursive: bool) -> R<()> {
    let mut syms = Vec::new();
    for f in funs.iter() {
        let params = names(&f.params);
        let args = f
            .args
            .iter()
            .map(|b| resolve_sort(sig, &params, &b.sort))
            .collect::<R<Vec<_>>>()?;
        let result = resolve_sort(sig, &params, &f.result)?;
        syms.push(Symbol {
            params,
            args,
            result,
            kind: if f.body.is_some() {
                SymbolKind::Defined
            } else {
                SymbolKind::Declared
            },
            span: f.name.span,
        });
    }
    if recursive {
        for (f, s) in funs.iter().zip(&syms) {
            add_symbol(sig, &f.name, s.clone())?;
        }
    }
    for (f, s) in funs.iter_mut().zip(&syms) {
        if let Some(body) = &mut f.body {
            let vars = f
                .args
                .iter()
                .zip(&s.args)
                .map(|(b, s)| (b.name.text.clone(), s.clone()))
                .collect();
            let mut inf = Infer::new(sig, &s.params, vars);
            inf.check(body, &s.result)?;
            inf.finish(body)?;
        }
    }
    if !recursive {
        for (f, s) in funs.iter().zip(syms) {
            add_symbol(sig, &f.name, s)?;
        }
    }
    Ok(())
}

fn formula(sig: &Signature, f: &mut Formula) -> R<()> {
    let params = names(&f.params);
    let mut inf = Infer::new(sig, &params, Vec::new());
    inf.check(&mut f.body, &Sort::Bool)?;
    inf.finish(&mut f.body)
}
