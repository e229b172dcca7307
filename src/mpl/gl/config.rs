//! GL's own layout, read unchanged: a batch config (`config/ConfigPeano.json`) and the
//! definitions beside it (`definitions/NAME.txt`, one bare expression per file).
//!
//! [`crate::mpl::load`] reads a `.json` file with this module, so every command that takes
//! an `.mpl` file takes a GL config too. What the config means to ergo:
//!
//! - every entry whose `full_mpl` names a `.txt` file is a definition: the file
//!   `../definitions/FILE` (relative to the config's folder) is its body, `short_mpl`
//!   (`(fXY[f,X,Y])`) its name and parameters, as if `def fXY[f,X,Y] := <file text>;`
//!   had been written. Every file read is in the source map, so a diagnostic names GL's
//!   file, line and column;
//! - the *anchor* is the entry `anchor_name` names, else the last entry whose name starts
//!   with `Anchor` (ConfigPeano: `AnchorPeano`, ConfigGauss: `AnchorGauss`). Its body,
//!   with its parameters as the theory's own symbols, is the theory's one axiom (split
//!   into clauses by `normal`: `AnchorPeano.1`, `AnchorPeano.2`, ...), and it is
//!   [`crate::mpl::SourceMap::anchor`]. The theory is named after the anchor;
//! - GL's prover knows induction over `NaturalNumbers` by name; ergo is told here: a
//!   use `(NaturalNumbers[N,z,s,+,*])` among the anchor's top-level conjuncts declares
//!   the inductive sort `N` with the constructors `z` and `s`, i.e.
//!   `inductive N = z | s(N);` (this is the one place that knows the name);
//! - every other parameter of the anchor is declared by its kind in `definition_sets`:
//!   `(1)` an element, a constant of the natural numbers' sort (`op i1 -> N;`),
//!   `P(x(1)(1))` a unary function (`op id(N) -> N;`), `P(x(1)(x(1)(1)))` a binary one
//!   (`op +(N, N) -> N;`), `P(1)` a sort. The anchor's own signature atoms
//!   (`(fXYZ[+,N,N,N])`, `(in[i0,N])`) are then checked against these declarations;
//! - symbols keep GL's names (`i0` prints as `i0`); `+` and `*` are infix
//!   (`infixl 6`, `infixl 7`), so results read `x + i0 = x`.
//!
//! A definition the anchor does not use (directly or through others) and that cannot
//! be read (a syntax error is still an error) is left out with a warning
//! (`unusable-definition`): the theory is the same without it. Definitions are
//! declared in dependency order (each after those it uses), otherwise in
//! the config's order. The config's other entries (the relations `in`, `in2`, `in3`, `=`,
//! the conjecturer's and prover's parameters) are GL's and ignored.
//!
//! ```no_run
//! let t = ergo::mpl::load(std::path::Path::new("../shared/gl/files/config/ConfigPeano.json"))
//!     .unwrap();
//! assert_eq!(t.name, "AnchorPeano");
//! assert_eq!(t.anchor().unwrap().params, ["N", "i0", "s", "+", "*", "i1"]);
//! ```

use std::path::{Path, PathBuf};

use crate::mpl::ast::{self, Constructor, Decl, DeclKind, FixityDecl, Ident, Term};
use crate::mpl::diagnostic::{Diagnostic, DiagnosticCode, Diagnostics};
use crate::mpl::theory::{Anchor, Assoc, SourceFile, Span, Theory};

/// The definition whose use declares the inductive sort of natural numbers.
pub(crate) const NATURAL_NUMBERS: &str = "NaturalNumbers";

/// One definition entry of a config.
struct Entry {
    name: String,
    params: Vec<Ident>,
    kinds: Vec<String>,
    body: ast::Formula,
    /// Where the entry's `short_mpl` is in the config (its name).
    span: Span,
    /// Where the entry's key is in the config text (its order).
    at: usize,
    /// The index of its definition file.
    file: u32,
}

/// Reads a GL batch config (whose text is given) and the definitions beside it.
pub(crate) fn load(path: &Path, text: &str) -> Result<Theory, Diagnostics> {
    let mut files = vec![SourceFile {
        path: path.to_path_buf(),
        text: text.to_string(),
    }];
    let mut diags = Vec::new();
    let config = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => map,
        Ok(_) => {
            diags.push(bad(Span::default(), "a GL config is a JSON object"));
            return Err(Diagnostics::new(files, diags));
        }
        Err(e) => {
            let at = offset_of(text, e.line(), e.column());
            let span = Span {
                file: 0,
                start: at,
                end: (at + 1).min(text.len()).max(at),
            };
            diags.push(bad(span, format!("not JSON: {e}")));
            return Err(Diagnostics::new(files, diags));
        }
    };
    let folder = definitions_folder(path);
    let mut entries = Vec::new();
    for (key, value) in &config {
        let Some(full) = value.get("full_mpl").and_then(|v| v.as_str()) else {
            continue;
        };
        if !full.ends_with(".txt") {
            continue;
        }
        let at = key_offset(text, key);
        let short = value
            .get("short_mpl")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let Some((name, params, span)) = short_mpl(text, short) else {
            let span = Span {
                file: 0,
                start: at,
                end: at + key.len() + 2,
            };
            diags.push(bad(
                span,
                format!("entry `{key}`: `short_mpl` is not of the form `(NAME[P1,...,Pn])`"),
            ));
            continue;
        };
        let kinds: Vec<String> = (1..=params.len())
            .map(|k| {
                value
                    .get("definition_sets")
                    .and_then(|d| d.get(k.to_string()))
                    .and_then(|s| s.get(0))
                    .and_then(|s| s.as_str())
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        let file_path = crate::mpl::load::normalize(&folder.join(full));
        let body_text = match crate::mpl::read_text(&file_path) {
            Ok(t) => t,
            Err(d) => {
                let why = d
                    .items
                    .first()
                    .map(|d| d.message.clone())
                    .unwrap_or_default();
                diags.push(Diagnostic::new(
                    DiagnosticCode::CannotRead,
                    span,
                    format!("definition `{name}`: {why}"),
                    "its body is read from `../definitions/` beside the config's folder",
                ));
                continue;
            }
        };
        let file = files.len() as u32;
        files.push(SourceFile {
            path: file_path,
            text: body_text.clone(),
        });
        let body = match crate::mpl::parse::parse_goal(file, &body_text) {
            Ok(goal) => goal.into_formula(),
            Err(e) => {
                diags.push(crate::mpl::syntax_diagnostic(file, e));
                continue;
            }
        };
        entries.push(Entry {
            name,
            params,
            kinds,
            body,
            span,
            at,
            file,
        });
    }
    entries.sort_by_key(|e| e.at);
    let anchor_name = match config.get("anchor_name").and_then(|v| v.as_str()) {
        Some(a) => Some(a.to_string()),
        None => entries
            .iter()
            .rev()
            .find(|e| e.name.starts_with("Anchor"))
            .map(|e| e.name.clone()),
    };
    let anchor = anchor_name
        .as_ref()
        .and_then(|a| entries.iter().position(|e| &e.name == a));
    if diags.is_empty() && anchor.is_none() {
        let what = match &anchor_name {
            Some(a) => format!("the anchor `{a}` has no definition entry"),
            None => "no anchor: no `anchor_name` and no entry named `Anchor...`".to_string(),
        };
        diags.push(bad(Span::default(), what));
    }
    let (Some(anchor), true) = (anchor, diags.is_empty()) else {
        return Err(Diagnostics::new(files, diags));
    };
    let used = used_by(&entries, anchor);
    let mut keep = vec![true; entries.len()];
    let mut left_out: Vec<Diagnostic> = Vec::new();
    loop {
        let file = ast::File {
            decls: declarations(&entries, anchor, &keep),
        };
        let a = &entries[anchor];
        let resolved =
            crate::mpl::stack::with_stack(|| crate::mpl::resolve::resolve(&[(0, &file)], &a.name));
        let items = match resolved {
            Ok(mut theory) => {
                let source = theory.source_mut();
                source.files = files;
                source.anchor = Some(Anchor {
                    name: a.name.clone(),
                    params: a.params.iter().map(|p| p.text.clone()).collect(),
                });
                source.warnings = left_out;
                return Ok(theory);
            }
            Err(items) => items,
        };
        // Definitions the anchor does not use and that cannot be read (a shape the
        // logic has no use for) are left out with a warning, not an error.
        let culprit = |d: &Diagnostic| {
            let file = d.span?.file;
            entries
                .iter()
                .position(|e| e.file == file)
                .filter(|k| keep[*k] && !used.contains(k))
        };
        let culprits: Vec<Option<usize>> = items.iter().map(culprit).collect();
        if culprits.iter().any(Option::is_none) {
            return Err(Diagnostics::new(files, items));
        }
        for (d, k) in items.iter().zip(culprits) {
            let Some(k) = k else { continue };
            if !keep[k] {
                continue;
            }
            keep[k] = false;
            let e = &entries[k];
            left_out.push(
                Diagnostic::new(
                    DiagnosticCode::UnusableDefinition,
                    e.span,
                    format!("definition `{}` is left out: {}", e.name, d.message),
                    "not used by the anchor",
                )
                .with_note(format!(
                    "the anchor `{}` does not use it, so the theory is the same without it",
                    a.name
                )),
            );
        }
    }
}

/// The entries the anchor uses, directly or through others (the anchor included).
fn used_by(entries: &[Entry], anchor: usize) -> std::collections::BTreeSet<usize> {
    let mut used = std::collections::BTreeSet::new();
    let mut todo = vec![anchor];
    while let Some(k) = todo.pop() {
        if !used.insert(k) {
            continue;
        }
        let mut names = std::collections::BTreeSet::new();
        super::define::names_in(&entries[k].body, &mut names);
        for (j, e) in entries.iter().enumerate() {
            if names.contains(&e.name) && !used.contains(&j) {
                todo.push(j);
            }
        }
    }
    used
}

/// The declarations the config stands for: the sorts and symbols of the anchor, the
/// definitions, the anchor's body as an axiom.
fn declarations(entries: &[Entry], anchor: usize, keep: &[bool]) -> Vec<Decl> {
    let a = &entries[anchor];
    let whole = a.body.span();
    let decl = |kind| Decl { kind, span: whole };
    let mut decls = Vec::new();
    let mut declared: Vec<String> = Vec::new();
    let mut nat: Option<Ident> = None;
    if let Some([Term::Name(n), Term::Name(z), Term::Name(s), ..]) = natural_numbers(&a.body) {
        decls.push(decl(DeclKind::Inductive {
            name: n.clone(),
            params: Vec::new(),
            constructors: vec![
                Constructor {
                    name: z.clone(),
                    args: Vec::new(),
                    span: z.span,
                },
                Constructor {
                    name: s.clone(),
                    args: vec![n.clone().into()],
                    span: s.span,
                },
            ],
        }));
        declared.extend([n.text.clone(), z.text.clone(), s.text.clone()]);
        nat = Some(n.clone());
    }
    // The sets first, so that the symbols can use them.
    for (p, kind) in a.params.iter().zip(&a.kinds) {
        if kind == "P(1)" && !declared.contains(&p.text) {
            decls.push(decl(DeclKind::Sort(p.clone())));
            declared.push(p.text.clone());
            nat.get_or_insert_with(|| p.clone());
        }
    }
    if let Some(n) = &nat {
        for (p, kind) in a.params.iter().zip(&a.kinds) {
            if declared.contains(&p.text) {
                continue;
            }
            let args = match kind.as_str() {
                "(1)" => Vec::new(),
                "P(x(1)(1))" => vec![n.clone().into()],
                "P(x(1)(x(1)(1)))" => vec![n.clone().into(), n.clone().into()],
                _ => continue,
            };
            let fixity = match (p.text.as_str(), args.len()) {
                ("+", 2) => Some(6),
                ("*", 2) => Some(7),
                _ => None,
            }
            .map(|prec| FixityDecl {
                assoc: Assoc::Left,
                prec,
                span: p.span,
            });
            decls.push(decl(DeclKind::Op {
                name: p.clone(),
                args,
                result: n.clone().into(),
                fixity,
            }));
            declared.push(p.text.clone());
        }
    }
    for k in dependency_order(entries) {
        if !keep[k] {
            continue;
        }
        let e = &entries[k];
        decls.push(Decl {
            kind: DeclKind::Def {
                name: Ident {
                    text: e.name.clone(),
                    span: e.span,
                },
                params: e.params.clone(),
                body: e.body.clone(),
            },
            span: e.body.span(),
        });
    }
    decls.push(decl(DeclKind::Axiom {
        name: Ident {
            text: a.name.clone(),
            span: a.span,
        },
        formula: a.body.clone(),
    }));
    decls
}

/// The arguments of the `NaturalNumbers` use among the top-level conjuncts of `f`.
fn natural_numbers(f: &ast::Formula) -> Option<&[Term]> {
    match f {
        ast::Formula::And { operands, .. } => operands.iter().find_map(natural_numbers),
        ast::Formula::Atom { pred, args, .. } if pred.text == NATURAL_NUMBERS => {
            Some(args.as_slice())
        }
        _ => None,
    }
}

/// The entries in dependency order: each after the definitions its body uses, otherwise
/// in the config's order.
fn dependency_order(entries: &[Entry]) -> Vec<usize> {
    fn visit(k: usize, entries: &[Entry], state: &mut [u8], out: &mut Vec<usize>) {
        if state[k] != 0 {
            return; // done, or on a cycle (reported by the resolver)
        }
        state[k] = 1;
        let mut used = std::collections::BTreeSet::new();
        super::define::names_in(&entries[k].body, &mut used);
        for (j, e) in entries.iter().enumerate() {
            if j != k && used.contains(&e.name) {
                visit(j, entries, state, out);
            }
        }
        state[k] = 2;
        out.push(k);
    }
    let mut state = vec![0u8; entries.len()];
    let mut out = Vec::new();
    for k in 0..entries.len() {
        visit(k, entries, &mut state, &mut out);
    }
    out
}

/// Parses `(NAME[P1,...,Pn])`, with spans into the config text where it is written.
fn short_mpl(text: &str, short: &str) -> Option<(String, Vec<Ident>, Span)> {
    let inner = short.trim().strip_prefix('(')?.strip_suffix(')')?;
    let (name, rest) = inner.split_once('[')?;
    let list = rest.strip_suffix(']')?;
    let name = name.trim();
    if name.is_empty() || list.trim().is_empty() {
        return None;
    }
    // Where the literal is written (first occurrence as a JSON string).
    let base = text.find(&format!("\"{short}\"")).map(|k| k + 1);
    let span_at = |offset: usize, len: usize| match base {
        Some(b) => Span {
            file: 0,
            start: b + offset,
            end: b + offset + len,
        },
        None => Span::default(),
    };
    let name_at = short.find(name).unwrap_or(0);
    let mut params = Vec::new();
    let mut offset = short.find('[')? + 1;
    for p in list.split(',') {
        let t = p.trim();
        if t.is_empty() {
            return None;
        }
        let lead = p.len() - p.trim_start().len();
        params.push(Ident {
            text: t.to_string(),
            span: span_at(offset + lead, t.len()),
        });
        offset += p.len() + 1;
    }
    Some((name.to_string(), params, span_at(name_at, name.len())))
}

/// The byte offset of a top-level key `"KEY":` in the config text (for ordering).
fn key_offset(text: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(k) = text[from..].find(&quoted) {
        let at = from + k;
        let after = text[at + quoted.len()..].trim_start();
        if after.starts_with(':') {
            return at;
        }
        from = at + quoted.len();
    }
    usize::MAX
}

/// The byte offset of a 1-based line and column (serde_json's error position).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn bad(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::BadConfig,
        span,
        message,
        "in this GL config",
    )
    .with_note("a GL batch config is GL's JSON: definition entries with `full_mpl`, `short_mpl` and `definition_sets`")
}

/// Where a GL config keeps its definitions, relative to the config file.
pub(crate) fn definitions_folder(config: &Path) -> PathBuf {
    config
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("..")
        .join("definitions")
}
