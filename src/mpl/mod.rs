//! The MPL front end: text to AST to [`Theory`].
//!
//! ```text
//! file text --parse--> ast::File --load (imports)--> [ast::File] --resolve--> Theory
//! goal text --parse--> ast::Goal --resolve against a Theory--> Formula
//! ```
//!
//! - [`parse_file_ast`] only parses (syntax, reserved words); [`print::file`] prints a
//!   tree back in canonical form, and `parse(print(x)) == x` up to spans.
//! - [`load`] / [`load_str`] read a root file and its imports (relative to the importing
//!   file), then resolve names and check sorts; every error of every file comes back as
//!   one [`Diagnostics`], whose `Display` renders them all with `path:line:col`, the source
//!   line and a caret.
//! - [`parse_goal`] reads a formula given on the command line (or a bare equation
//!   `t = u`) against a loaded theory.
//!
//! The grammar is normative and lives in `grammars/mpl.ebnf`. Strings end here: the
//! [`Theory`] refers to sorts, operators and predicates by ids and to variables by
//! interned names.
//!
//! Conjectures and goals: free variables are universally quantified by one `Forall`
//! placed outermost, in order of first occurrence; if the formula is itself a `Forall`,
//! the free variables form a separate, outer `Forall` (the two are not merged), except in
//! relational formulas (below), where they are quantified first and then normalised like
//! bound variables.
//!
//! The theory is three parts (see [`theory`]): an immutable [`Signature`] shared by
//! `Arc`, the [`Names`] of whoever holds the handle (a proof attempt's fresh names extend
//! the signature's, deterministically), and the [`SourceMap`] for diagnostics.
//!
//! GL's relational dialect lives apart, in `gl`: definitions with parameters, the
//! relations `in`, `in2`, `in3` and signatures stated by axioms. The core resolver hands
//! it the atoms that name no predicate and the formulas that used them, and gets back
//! equations over terms; the [`Theory`] only ever contains operators and equations.
//! For example the GL axiom `(>[x,y] (in2[x,y,dbl]) (in2[s(x),s(s(y)),dbl]))` resolves
//! to the core formula `(>[x] (=[dbl(s(x)), s(s(dbl(x)))]))`, and
//! [`print::Style::Gl`] prints it back relationally. Fixity declarations
//! (`infixl 6 +;`) are core.
//!
//! Declared predicates (`pred le(N, N);`) become operators into an implicit sort `Prop`,
//! and their atoms `(le[a, b])` the equations `le(a, b) = ⊤` ([`predicate`]); the
//! printers show these equations as atoms again.

use std::path::{Path, PathBuf};

pub mod ast;
mod diagnostic;
mod diagnostic_code;
mod expr;
mod fixity;
mod formula;
mod gl;
mod infer;
mod instantiate;
mod lambda;
mod lex;
mod load;
mod names;
mod normal;
mod parse;
mod poly;
mod poly_goal;
mod poly_terms;
pub mod predicate;
pub mod prelude;
pub mod print;
mod resolve;
mod resolve_poly;
mod signature;
mod snippet;
mod source_map;
mod stack;
mod tables;
mod term;
mod terms;
pub mod theory;
mod unify;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use diagnostic_code::DiagnosticCode;
pub use gl::goals::{read_goals, GoalLine, GoalRead};
pub use instantiate::{InstantiateError, SortExpr};
pub use theory::*;

/// Loads an MPL file and its imports, and resolves them into a sort-checked theory.
///
/// The root's path is kept as given (diagnostics print it as is); imports are read
/// relative to the directory of the file that imports them.
pub fn load(path: &Path) -> Result<Theory, Diagnostics> {
    let text = read_text(path)?;
    load_str(path, &text)
}

/// Reads a source file as MPL text: a leading byte-order mark is skipped; an unreadable
/// file, or one that is not UTF-8 (an error at the first invalid byte, with its line,
/// column and byte offset), is a diagnostic.
pub fn read_text(path: &Path) -> Result<String, Diagnostics> {
    match std::fs::read(path) {
        Ok(bytes) => source_map::decode(bytes).map_err(|e| {
            Diagnostics::new(
                vec![SourceFile {
                    path: path.to_path_buf(),
                    text: e.text.clone(),
                }],
                vec![e.diagnostic(0)],
            )
        }),
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "file not found".to_string(),
                _ => e.to_string(),
            };
            Err(Diagnostics::new(
                Vec::new(),
                vec![Diagnostic::without_span(
                    DiagnosticCode::CannotRead,
                    format!("cannot read `{}`: {why}", path.display()),
                )],
            ))
        }
    }
}

/// Like [`load`], with the root file's text given (a leading byte-order mark is
/// skipped); imports are still read from disk, relative to `path`'s directory.
pub fn load_str(path: &Path, text: &str) -> Result<Theory, Diagnostics> {
    let text = source_map::skip_bom(text);
    stack::with_stack(|| load_str_here(path, text))
}

fn load_str_here(path: &Path, text: &str) -> Result<Theory, Diagnostics> {
    if is_gl_config(path) {
        return gl::config::load(path, text);
    }
    let loaded = load::load_tree(path, text)?;
    let units: Vec<(u32, &ast::File)> = loaded.units.iter().map(|(i, f)| (*i, f)).collect();
    let default_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match resolve::resolve(&units, &default_name) {
        Ok(mut theory) => {
            // The resolver leaves the prelude's text there when it used it.
            let extra = std::mem::take(&mut theory.source_mut().files);
            theory.source_mut().files = loaded.files;
            theory.source_mut().files.extend(extra);
            Ok(theory)
        }
        Err(items) => Err(Diagnostics::new(loaded.files, items)),
    }
}

/// Whether a path names a GL batch config (a `.json` file), which [`load`] reads with
/// the definitions beside it (see `gl::config`) instead of as MPL.
pub fn is_gl_config(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Parses one file's text into its syntax tree, without reading imports or resolving
/// names. Errors name the file `path`.
pub fn parse_file_ast(path: &Path, text: &str) -> Result<ast::File, Diagnostics> {
    let text = source_map::skip_bom(text);
    stack::with_stack(|| parse::parse_file(0, text)).map_err(|e| {
        Diagnostics::new(
            vec![SourceFile {
                path: path.to_path_buf(),
                text: text.to_string(),
            }],
            vec![syntax_diagnostic(0, e)],
        )
    })
}

/// The file name under which goal text appears in diagnostics.
pub const GOAL_FILE: &str = "<goal>";

/// The theory a goal is read against, and how the goal's variable names are interned.
///
/// - `&Theory`: the theory is not changed, so the goal may only use variable names the
///   theory already has (those of its files' formulas); a new name is reported as an
///   error at its first occurrence.
/// - `&mut Theory`: new variable names are interned (appended to [`Theory::names`]);
///   nothing else changes. Prefer this one.
pub trait GoalTheory {
    /// The theory.
    fn theory(&self) -> &Theory;
    /// The interned id of a variable name, if it has or can get one.
    fn intern(&mut self, name: &str) -> Option<Name>;
}

impl GoalTheory for &Theory {
    fn theory(&self) -> &Theory {
        self
    }
    fn intern(&mut self, name: &str) -> Option<Name> {
        self.names.lookup(name)
    }
}

impl GoalTheory for &mut Theory {
    fn theory(&self) -> &Theory {
        self
    }
    fn intern(&mut self, name: &str) -> Option<Name> {
        Some(Theory::intern(self, name))
    }
}

/// Parses and resolves a goal given on the command line: a formula in the file syntax, or
/// a bare equation `t = u`. Free variables are universally quantified as for
/// conjectures. Diagnostics show the text as the file `<goal>`.
///
/// Pass `&mut theory` so that the goal may use any variable names; with `&theory` it may
/// only use names the theory already has (see [`GoalTheory`]).
pub fn parse_goal<T: GoalTheory>(mut theory: T, text: &str) -> Result<Formula, Diagnostics> {
    let file = theory.theory().files().len() as u32;
    let files = |theory: &Theory| {
        let mut files = theory.files().to_vec();
        files.push(SourceFile {
            path: PathBuf::from(GOAL_FILE),
            text: text.to_string(),
        });
        files
    };
    let goal = match stack::with_stack(|| parse::parse_goal(file, text)) {
        Ok(g) => g,
        Err(e) => {
            return Err(Diagnostics::new(
                files(theory.theory()),
                vec![syntax_diagnostic(file, e)],
            ))
        }
    };
    let f = goal.into_formula();
    if poly::wanted(theory.theory(), &f) {
        let shared: &Theory = theory.theory();
        let shared = shared.clone();
        let read =
            stack::with_stack(|| poly_goal::read_goal(&shared, &f)).and_then(|(g, scratch)| {
                poly_goal::intern_goal(&scratch, &g, f.span(), |n| theory.intern(n))
            });
        return read.map_err(|items| Diagnostics::new(files(theory.theory()), items));
    }
    let hints = formula::Hints::default();
    let shared: &Theory = theory.theory();
    let resolved = stack::with_stack(|| formula::resolve(shared, &hints, &f, formula::Mode::Open));
    match resolved.and_then(|r| r.finish(|n| theory.intern(n))) {
        Ok(f) => Ok(f),
        Err(items) => Err(Diagnostics::new(files(theory.theory()), items)),
    }
}

/// Converts a syntax error of file `file` into a diagnostic.
fn syntax_diagnostic(file: u32, e: lex::PError) -> Diagnostic {
    let span = |start, end| Span { file, start, end };
    let mut d = Diagnostic::new(e.code, span(e.start, e.end), e.message, e.label);
    for (s, t, text) in e.related {
        d = d.with_related(span(s, t), text);
    }
    d.note = e.note.map(String::from);
    d
}

/// The theory of `axioms/peano.mpl`, for unit tests.
#[cfg(test)]
pub(crate) fn peano_for_tests() -> Theory {
    load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/axioms/peano.mpl"
    )))
    .expect("axioms/peano.mpl loads")
}
