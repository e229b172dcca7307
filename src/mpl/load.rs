//! Reading a root file and, transitively, its imports.
//!
//! Invariants:
//! - `files[0]` is the root; other files follow in the order they were first reached
//!   (depth first, imports in source order); every span's `file` indexes this list;
//! - `units` lists the parsed files in declaration order: a file's imports (recursively,
//!   in import order) come before the file itself, and each file appears once, however
//!   often it is imported (diamonds are shared);
//! - an import path is relative to the directory of the importing file; the stored path
//!   is that join, lexically normalised (`a/./b/../c.mpl` is `a/c.mpl`), so diagnostics
//!   show paths in the caller's terms; files are identified by their canonical path (or
//!   the normalised one when the file cannot be canonicalised); the root's path is kept
//!   exactly as given;
//! - an import of a file that is still being loaded is a cycle, reported at the import
//!   string with the whole chain; a file that cannot be read is reported at the import
//!   string that names it. Syntax errors of all files are collected.

use std::path::{Component, Path, PathBuf};

use super::ast::{self, DeclKind};
use super::diagnostic::{Diagnostic, DiagnosticCode, Diagnostics};
use super::parse;
use super::theory::SourceFile;

/// The files read and their syntax trees in declaration order.
pub(crate) struct Loaded {
    /// The files, root first.
    pub files: Vec<SourceFile>,
    /// `(file index, tree)` in declaration order.
    pub units: Vec<(u32, ast::File)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Loading,
    Done,
}

struct Loader {
    files: Vec<SourceFile>,
    keys: Vec<PathBuf>,
    states: Vec<State>,
    stack: Vec<u32>,
    units: Vec<(u32, ast::File)>,
    diags: Vec<Diagnostic>,
}

/// Loads the root file (whose text is given) and its imports.
pub(crate) fn load_tree(root: &Path, text: &str) -> Result<Loaded, Diagnostics> {
    let mut l = Loader {
        files: Vec::new(),
        keys: Vec::new(),
        states: Vec::new(),
        stack: Vec::new(),
        units: Vec::new(),
        diags: Vec::new(),
    };
    l.add(identity(root), root.to_path_buf(), text.to_string());
    l.visit(0);
    if l.diags.is_empty() {
        Ok(Loaded {
            files: l.files,
            units: l.units,
        })
    } else {
        Err(Diagnostics::new(l.files, l.diags))
    }
}

/// Lexical normalisation: drops `.` components and folds `dir/..` pairs (keeping leading
/// `..` components and roots).
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) | Some(Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            c => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

fn identity(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| normalize(p))
}

impl Loader {
    fn add(&mut self, key: PathBuf, path: PathBuf, text: String) -> u32 {
        self.files.push(SourceFile { path, text });
        self.keys.push(key);
        self.states.push(State::Loading);
        self.files.len() as u32 - 1
    }

    fn visit(&mut self, idx: u32) {
        self.stack.push(idx);
        let text = self.files[idx as usize].text.clone();
        let ast = match parse::parse_file(idx, &text) {
            Ok(ast) => ast,
            Err(e) => {
                self.diags.push(super::syntax_diagnostic(idx, e));
                self.states[idx as usize] = State::Done;
                self.stack.pop();
                return;
            }
        };
        let dir = self.files[idx as usize]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for d in &ast.decls {
            let DeclKind::Import(lit) = &d.kind else {
                continue;
            };
            let path = normalize(&dir.join(&lit.text));
            let key = identity(&path);
            if let Some(k) = self.keys.iter().position(|x| *x == key) {
                if self.states[k] == State::Loading {
                    let start = self
                        .stack
                        .iter()
                        .position(|&s| s as usize == k)
                        .unwrap_or(0);
                    let mut chain: Vec<String> = self.stack[start..]
                        .iter()
                        .map(|&s| self.files[s as usize].path.display().to_string())
                        .collect();
                    chain.push(self.files[k].path.display().to_string());
                    self.diags.push(Diagnostic::new(
                        DiagnosticCode::ImportCycle,
                        lit.span,
                        format!("import cycle: {}", chain.join(" -> ")),
                        "this import closes the cycle",
                    ));
                }
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => match super::source_map::decode(bytes) {
                    Ok(text) => {
                        let new = self.add(key, path, text);
                        self.visit(new);
                    }
                    Err(bad) => {
                        let new = self.add(key, path, bad.text.clone());
                        self.diags.push(bad.diagnostic(new));
                        self.states[new as usize] = State::Done;
                    }
                },
                Err(e) => {
                    let why = match e.kind() {
                        std::io::ErrorKind::NotFound => "file not found".to_string(),
                        _ => e.to_string(),
                    };
                    self.diags.push(
                        Diagnostic::new(
                            DiagnosticCode::CannotRead,
                            lit.span,
                            format!("cannot read `{}`: {why}", path.display()),
                            why,
                        )
                        .with_note("import paths are relative to the importing file's directory"),
                    );
                }
            }
        }
        self.states[idx as usize] = State::Done;
        self.stack.pop();
        self.units.push((idx, ast));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.mpl")),
            PathBuf::from("a/c.mpl")
        );
        assert_eq!(
            normalize(Path::new("../x/../y.mpl")),
            PathBuf::from("../y.mpl")
        );
        assert_eq!(normalize(Path::new("/a/../../b")), PathBuf::from("/b"));
    }
}
