//! The source map: the files a theory was read from and its definitions as written. It
//! serves diagnostics (and reading goals that use definitions); nothing after the front
//! end depends on it.

/// A byte range in a source file, with the file's index in [`SourceMap::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Span {
    /// Index of the file in [`SourceMap::files`].
    pub file: u32,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A definition with parameters, `def NAME[P1, ..., Pn] := BODY;`: a macro, expanded
/// (capture-avoiding) wherever `(NAME[A1, ..., An])` is used. It is kept as syntax,
/// because what a parameter stands for (a variable, a set or an operator) is decided by
/// the body at each use; formulas of the theory never contain definition atoms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// Its name.
    pub name: String,
    /// Its parameters, in order.
    pub params: Vec<String>,
    /// Its body as written (spans point into [`SourceMap::files`]).
    pub body: super::ast::Formula,
    /// Where it was declared (its name).
    pub span: Span,
    /// The whole declaration, from `def` to `;`.
    pub decl_span: Span,
}

/// A source file that contributed to the theory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as given (the root file) or resolved (imports).
    pub path: std::path::PathBuf,
    /// Its full text.
    pub text: String,
}

/// The files read (the root first) and the definitions kept as syntax.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The files read, the root first; [`Span::file`] indexes them.
    pub files: Vec<SourceFile>,
    /// Definitions in declaration order (used while reading formulas and goals).
    pub definitions: Vec<Definition>,
}

impl SourceMap {
    /// Looks up a definition by name.
    pub fn definition(&self, s: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| d.name == s)
    }
}
