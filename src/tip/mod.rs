//! The TIP front end: problems of "Tons of Inductive Problems" (SMT-LIB 2.6 with TIP's
//! extensions) read as they are and sort-checked in TIP's own type system.
//!
//! ```text
//! file text --sexp::read--> [Sexp] --parse--> [ast::Located] --check--> Problem
//! ```
//!
//! - [`sexp`]: s-expressions with byte spans (comments, quoted symbols, literals);
//! - [`parse`]: TIP commands, terms, patterns and sorts ([`ast`]), declaration-blind;
//! - [`check`] with [`infer`]: every symbol resolved into a [`Signature`], sort-constructor
//!   arities checked, polymorphic symbols instantiated by unification, `match` patterns
//!   checked against the scrutinee's datatype, `lambda` and `@` typed, facts and goals of
//!   sort `Bool`; each term node gets its [`Sort`];
//! - [`Problem`]: the result, with a [`Summary`] of what it uses; [`print`] writes terms
//!   back as SMT-LIB;
//! - [`equations`]: each recursive definition's `match`/`ite` body compiled to defining
//!   equations over constructor patterns, for the logic that will prove TIP goals.
//!
//! Errors are the MPL front end's [`Diagnostics`] (one file, `path:line:col` and a caret)
//! with stable codes, listed in `docs/diagnostics.md`. Nothing here proves anything yet:
//! ergo's logic is monomorphic and first-order; issue 12 widens it.
//!
//! ```
//! let p = ergo::tip::read_str("prop.smt2",
//!     "(declare-datatype list (par (a) ((nil) (cons (head a) (tail (list a))))))\n\
//!      (prove (par (a) (forall ((xs (list a))) (= xs xs))))").unwrap();
//! assert_eq!(p.summary().features(), vec!["polymorphism"]);
//! let e = ergo::tip::read_str("bad.smt2", "(prove (= (list) x))").unwrap_err();
//! assert_eq!(e.location(e.items[0].span.unwrap()).unwrap(), "bad.smt2:1:11");
//! ```

pub mod ast;
pub mod check;
pub mod equations;
pub mod infer;
pub mod mpl;
pub mod names;
pub mod parse;
pub mod print;
pub mod problem;
pub mod sexp;
pub mod signature;
pub mod sort;

pub use problem::{Problem, Summary};
pub use signature::Signature;
pub use sort::Sort;

use std::path::Path;

use crate::mpl::{Diagnostic, DiagnosticCode, Diagnostics, SourceFile, Theory};

/// Reads and sort-checks the TIP problem in `text`, reported as coming from `path`.
pub fn read_str(path: impl AsRef<Path>, text: &str) -> Result<Problem, Diagnostics> {
    let file = SourceFile {
        path: path.as_ref().to_path_buf(),
        text: text.to_string(),
    };
    let result = sexp::read(text).and_then(|s| {
        let mut commands = parse::parse(&s)?;
        let signature = check::check(&mut commands)?;
        Ok((commands, signature))
    });
    match result {
        Ok((commands, signature)) => Ok(Problem {
            file,
            commands,
            signature,
        }),
        Err(d) => Err(Diagnostics::new(vec![file], vec![*d])),
    }
}

/// Reads the file at `path` and sort-checks it as a TIP problem.
pub fn read(path: &Path) -> Result<Problem, Diagnostics> {
    let fail = |code, message: String| {
        Diagnostics::new(
            vec![SourceFile {
                path: path.to_path_buf(),
                text: String::new(),
            }],
            vec![Diagnostic::without_span(code, message)],
        )
    };
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            DiagnosticCode::CannotRead,
            format!("cannot read `{}`: {e}", path.display()),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(
            DiagnosticCode::NotUtf8,
            format!("`{}` is not UTF-8", path.display()),
        )
    })?;
    read_str(path, &text)
}

/// Reads the TIP problem at `path` and loads its MPL translation ([`mpl::to_mpl`])
/// through the MPL loader, so a `.smt2` file becomes a [`Theory`] like an MPL file (named
/// after the file's stem). Errors of the TIP reader point into the `.smt2` file; a
/// failure of the loader on the translation is a bug of the translation, reported as an
/// `internal-error` naming the MPL line (see [`load_problem`]).
pub fn load(path: &Path) -> Result<Theory, Diagnostics> {
    load_problem(&read(path)?)
}

/// [`load`] on the text of a file.
pub fn load_str(path: impl AsRef<Path>, text: &str) -> Result<Theory, Diagnostics> {
    load_problem(&read_str(path, text)?)
}

/// Loads a checked problem's MPL translation. A construct the MPL cannot say is a
/// `tip-unsupported` error at its place in the `.smt2` file; diagnostics of the MPL loader
/// on the generated text become `internal-error`s that quote the MPL line (`ergo import
/// tip` prints the whole text).
///
/// ```
/// let t = ergo::tip::load_str("nat.smt2", "(declare-datatype Nat ((Z) (S (p Nat))))\n\
///     (prove (forall ((n Nat)) (= (S n) (S n))))").unwrap();
/// assert_eq!((t.name.as_str(), t.conjectures.len()), ("nat", 1));
/// ```
pub fn load_problem(p: &Problem) -> Result<Theory, Diagnostics> {
    let t = mpl::to_mpl(p).map_err(|d| Diagnostics::new(vec![p.file.clone()], vec![*d]))?;
    crate::mpl::load_str(&p.file.path, &t.text).map_err(|d| translation_error(p, &t.text, &d))
}

fn translation_error(p: &Problem, text: &str, d: &Diagnostics) -> Diagnostics {
    let path = p.file.path.display();
    let items = d
        .items
        .iter()
        .map(|item| {
            let line = item
                .span
                .and_then(|s| d.position(s))
                .map(|(_, line, _)| line);
            let (at, note) = match line {
                Some(n) => (
                    format!("MPL line {n}"),
                    Some(format!(
                        "line {n} of the translation: {}",
                        text.lines().nth(n - 1).unwrap_or("")
                    )),
                ),
                None => ("the MPL text".to_string(), None),
            };
            let mut out = Diagnostic::without_span(
                DiagnosticCode::Internal,
                format!(
                    "the MPL translation of `{path}` does not load ({at}: {} [{}]): a bug of the \
                     TIP translation",
                    item.message, item.code
                ),
            )
            .with_help(format!("`ergo import tip {path}` prints the translation"));
            if let Some(n) = note {
                out = out.with_note(n);
            }
            out
        })
        .collect();
    Diagnostics::new(
        vec![SourceFile {
            path: p.file.path.clone(),
            text: String::new(),
        }],
        items,
    )
}
