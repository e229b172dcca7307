//! Error reports of the front end and their plain-text rendering.
//!
//! A [`Diagnostic`] is one error: its [`DiagnosticCode`] (a stable kebab-case name of the
//! reason, required by every constructor, listed in `docs/diagnostics.md`), where it is (a
//! [`Span`] into one of the files of the enclosing [`Diagnostics`]), what is wrong, a short label printed under the offending
//! text, and optional notes (including notes that point at other places, such as the
//! first declaration of a duplicated name).
//!
//! Invariants:
//! - rendering never panics, whatever the spans: out-of-range offsets are clamped to the
//!   text and moved back to a character boundary, an unknown file index renders the header
//!   only;
//! - every rendered item with a span shows `path:line:col` (1-based, columns counted in
//!   characters; [`Diagnostics::position`] gives the same three values), the source line and a caret underline (at least one `^`) under the span;
//! - the source line, messages and paths are shown through [`super::snippet`]: control
//!   characters escaped, long lines cut around the caret, carets placed by display width;
//! - the output is plain text without colours, and paths are printed exactly as stored in
//!   the [`SourceFile`]s (as given by the caller or resolved relative to an importing
//!   file), so snapshots do not depend on the machine; the code is not printed (it is for
//!   tools: `--json` and the corpus snapshots).
//!
//! ```
//! use ergo::mpl::{Diagnostic, DiagnosticCode, Diagnostics, SourceFile, Span};
//! let file = SourceFile { path: "t.mpl".into(), text: "sort N;\nop f -> M;\n".into() };
//! let span = Span { file: 0, start: 16, end: 17 };
//! let d = Diagnostic::new(DiagnosticCode::UnknownSort, span, "unknown sort `M`", "not declared");
//! let all = Diagnostics::new(vec![file], vec![d]);
//! let (path, line, col) = all.position(span).unwrap();
//! assert_eq!((path.to_str().unwrap(), line, col), ("t.mpl", 2, 9));
//! assert_eq!(all.items[0].code.as_str(), "unknown-sort");
//! ```

use std::fmt;
use std::path::Path;

pub use super::diagnostic_code::DiagnosticCode;
use super::snippet::{self, clean};
use super::theory::{SourceFile, Span};

/// One error report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Why: the stable identifier of this kind of error.
    pub code: DiagnosticCode,
    /// The offending text; `None` for errors not tied to a source text (an unreadable
    /// root file).
    pub span: Option<Span>,
    /// The headline: what is wrong.
    pub message: String,
    /// Printed next to the caret: what was expected or found there.
    pub label: String,
    /// Other places worth looking at, printed as `= note: TEXT at path:line:col`.
    pub related: Vec<(Span, String)>,
    /// Extra explanation.
    pub note: Option<String>,
    /// A suggestion for a fix.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error of kind `code` at `span` with a headline and a caret label.
    pub fn new(
        code: DiagnosticCode,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            span: Some(span),
            message: message.into(),
            label: label.into(),
            related: Vec::new(),
            note: None,
            help: None,
        }
    }

    /// An error with no position in any source text.
    pub fn without_span(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            span: None,
            message: message.into(),
            label: String::new(),
            related: Vec::new(),
            note: None,
            help: None,
        }
    }

    /// Adds a note pointing at another place.
    pub fn with_related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push((span, text.into()));
        self
    }

    /// Sets the note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A non-empty list of errors together with the source files their spans point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    /// The files, indexed by [`Span::file`].
    pub files: Vec<SourceFile>,
    /// The errors, in the order they were found.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Bundles errors with the files they refer to.
    pub fn new(files: Vec<SourceFile>, items: Vec<Diagnostic>) -> Self {
        Diagnostics { files, items }
    }

    /// Number of errors.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no errors (never the case for a returned `Err`).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The path, 1-based line and 1-based column (in characters) of a span's start, as
    /// the rendering shows them; `None` if the span's file is unknown. An offset past the
    /// text or inside a character is clamped as in the rendering.
    pub fn position(&self, span: Span) -> Option<(&Path, usize, usize)> {
        let file = self.files.get(span.file as usize)?;
        let pos = Position::of(&file.text, span.start);
        Some((&file.path, pos.line, pos.col))
    }

    /// `path:line:col` of a span's start, if its file is known.
    pub fn location(&self, span: Span) -> Option<String> {
        let (path, line, col) = self.position(span)?;
        Some(format!("{}:{line}:{col}", path.display()))
    }
}

impl std::error::Error for Diagnostics {}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, d) in self.items.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            self.render(f, d)?;
        }
        Ok(())
    }
}

impl Diagnostics {
    fn render(&self, f: &mut fmt::Formatter<'_>, d: &Diagnostic) -> fmt::Result {
        let severity = if d.code.is_warning() {
            "warning"
        } else {
            "error"
        };
        writeln!(f, "{severity}: {}", clean(&d.message))?;
        let snippet = d.span.and_then(|s| {
            self.files
                .get(s.file as usize)
                .map(|file| (file, s, Position::of(&file.text, s.start)))
        });
        let width = match &snippet {
            Some((_, _, pos)) => pos.line.to_string().len(),
            None => 1,
        };
        let pad = " ".repeat(width);
        if let Some((file, span, pos)) = snippet {
            let path = file.path.display().to_string();
            writeln!(f, "{pad}--> {}:{}:{}", clean(&path), pos.line, pos.col)?;
            writeln!(f, "{pad} |")?;
            let start = clamp(&file.text, span.start) - pos.line_start;
            let end = clamp(&file.text, span.end.max(span.start)).saturating_sub(pos.line_start);
            let (line, under) = snippet::show(pos.line_text, start, end);
            if line.is_empty() {
                writeln!(f, "{} |", pos.line)?;
            } else {
                writeln!(f, "{} | {}", pos.line, line)?;
            }
            if d.label.is_empty() {
                writeln!(f, "{pad} | {under}")?;
            } else {
                writeln!(f, "{pad} | {under} {}", clean(&d.label))?;
            }
        } else if let Some(s) = d.span {
            // A span into an unknown file: no snippet, but say where.
            writeln!(f, "{pad}--> <unknown file {}>:{}", s.file, s.start)?;
        }
        for (span, text) in &d.related {
            match self.location(*span) {
                Some(loc) => writeln!(f, "{pad} = note: {} at {}", clean(text), clean(&loc))?,
                None => writeln!(f, "{pad} = note: {}", clean(text))?,
            }
        }
        if let Some(note) = &d.note {
            writeln!(f, "{pad} = note: {}", clean(note))?;
        }
        if let Some(help) = &d.help {
            writeln!(f, "{pad} = help: {}", clean(help))?;
        }
        Ok(())
    }
}

/// Clamps a byte offset to the text and moves it back to a character boundary.
fn clamp(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// A 1-based line and column, with the text of that line.
struct Position<'a> {
    line: usize,
    col: usize,
    /// Byte offset of the line's start in the text.
    line_start: usize,
    line_text: &'a str,
}

impl<'a> Position<'a> {
    fn of(text: &'a str, offset: usize) -> Self {
        let offset = clamp(text, offset);
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        let col = text[line_start..offset].chars().count() + 1;
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        Position {
            line,
            col,
            line_start,
            line_text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("t.mpl"),
            text: text.to_string(),
        }
    }

    #[test]
    fn renders_caret_under_span() {
        let text = "sort N;\naxiom a: (=[f(x), x]);\n";
        let start = text.find("f(").unwrap();
        let d = Diagnostic::new(
            DiagnosticCode::UnknownOperator,
            Span {
                file: 0,
                start,
                end: start + 1,
            },
            "unknown operator `f`",
            "not declared",
        );
        let out = Diagnostics::new(vec![file(text)], vec![d]).to_string();
        assert_eq!(
            out,
            "error: unknown operator `f`\n --> t.mpl:2:13\n  |\n2 | axiom a: (=[f(x), x]);\n  |             ^ not declared\n"
        );
    }

    #[test]
    fn never_panics_on_wild_spans() {
        let text = "é\n";
        let d = Diagnostic::new(
            DiagnosticCode::UnknownOperator,
            Span {
                file: 0,
                start: 1,
                end: 99,
            },
            "m",
            "l",
        );
        let out = Diagnostics::new(vec![file(text)], vec![d.clone()]).to_string();
        assert!(out.contains("t.mpl:1:1"));
        let mut far = d;
        far.span = Some(Span {
            file: 7,
            start: 0,
            end: 0,
        });
        let out = Diagnostics::new(vec![file(text)], vec![far]).to_string();
        assert!(out.contains("unknown file"));
    }
}
