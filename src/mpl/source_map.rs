//! The source map: the files a theory was read from and its definitions as written. It
//! serves diagnostics (and reading goals that use definitions); nothing after the front
//! end depends on it.

/// A byte range in a source file, with the file's index in [`SourceMap::files`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
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
    /// The anchor, where the theory was read from a GL batch config: the definition
    /// whose body became the theory's axioms, with its parameters (which name the
    /// theory's sorts, constants and operators). GL states each theorem with the anchor
    /// as premise, `(>[..](AnchorPeano[N,i0,s,+,*,i1]) ...)`, so reading such a goal
    /// needs it. `None` for a theory read from MPL.
    pub anchor: Option<Anchor>,
    /// The parts of axioms that cannot be used (see `normal`): not axioms of the theory,
    /// reported as warnings, in declaration order.
    pub unusable: Vec<UnusableAxiom>,
    /// Other warnings of loading (a GL definition left out), in order.
    pub warnings: Vec<super::Diagnostic>,
}

/// A part of an axiom that the engine cannot use, e.g. `∃` in a conclusion.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnusableAxiom {
    /// The part's name: the axiom's, or `NAME.k` for its k-th part.
    pub name: String,
    /// Why it cannot be used.
    pub reason: String,
    /// The axiom's name as written.
    #[serde(skip)]
    pub span: Span,
}

/// A GL anchor: the definition a GL batch config names as its theory
/// (`AnchorPeano[N,i0,s,+,*,i1]`). Its parameters are the theory's own symbols.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The definition's name, e.g. `AnchorPeano`.
    pub name: String,
    /// Its parameters in order, e.g. `N, i0, s, +, *, i1`.
    pub params: Vec<String>,
}

impl SourceMap {
    /// Looks up a definition by name.
    pub fn definition(&self, s: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| d.name == s)
    }
}

/// Source bytes that are not UTF-8: the text up to the first invalid byte (and the rest
/// with invalid bytes replaced by `U+FFFD`), and where that byte is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    /// The text, for the diagnostic's snippet.
    pub text: String,
    /// Byte offset of the first invalid byte in `text` (equal up to there to the file's
    /// bytes, after any byte-order mark).
    pub offset: usize,
    /// Byte offset of the first invalid byte in the file.
    pub file_offset: usize,
    /// The byte.
    pub byte: u8,
}

/// Decodes a source file: a leading UTF-8 byte-order mark is skipped, and bytes that are
/// not UTF-8 are an error at the first invalid byte.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            Err(NotUtf8 {
                text: String::from_utf8_lossy(body).into_owned(),
                offset,
                file_offset: bom + offset,
                byte: body[offset],
            })
        }
    }
}

/// The text with a leading byte-order mark skipped.
pub(crate) fn skip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

impl NotUtf8 {
    /// The error, in file `file` (the index its [`SourceFile`] will have).
    pub(crate) fn diagnostic(&self, file: u32) -> super::Diagnostic {
        let span = Span {
            file,
            start: self.offset,
            end: self.offset + 1,
        };
        super::Diagnostic::new(
            super::DiagnosticCode::NotUtf8,
            span,
            "the file is not valid UTF-8",
            format!(
                "byte 0x{:02X} (offset {}) is not UTF-8",
                self.byte, self.file_offset
            ),
        )
        .with_note("MPL files are UTF-8 text")
    }
}
