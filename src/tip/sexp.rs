//! SMT-LIB 2.6 s-expressions with byte spans: the first stage of the TIP reader.
//!
//! [`read`] turns a file's text into its top-level [`Sexp`]s. Atoms are symbols (simple,
//! or quoted `|..|`, whose bars are dropped), numerals, decimals, strings (`"..."`, `""`
//! inside for a quote) and keywords (`:name`); `;` starts a comment to the end of the line.
//!
//! Invariants:
//! - every node carries the span of its text in file 0 (a list from its `(` to its `)`,
//!   a quoted symbol including its bars), so later stages point at what they reject;
//! - nesting deeper than [`MAX_DEPTH`] is an error, not a stack overflow;
//! - an unbalanced parenthesis is reported at the unmatched `(` or `)`.
//!
//! ```
//! use ergo::tip::sexp::{read, Atom};
//! let s = read("(prove (= x |y z|)) ; goal").unwrap();
//! assert_eq!(s.len(), 1);
//! let list = s[0].list().unwrap();
//! assert_eq!(list[0].symbol(), Some("prove"));
//! assert_eq!(list[1].list().unwrap()[2].atom(), Some(&Atom::Symbol("y z".into())));
//! assert_eq!((s[0].span.start, s[0].span.end), (0, 19));
//! ```

use crate::mpl::{Diagnostic, DiagnosticCode, Span};

/// The deepest nesting of lists read: the TIP benchmarks nest 11 deep at most, and every
/// later stage (parse, check, equations, printing) recurses once per level, so this keeps
/// them far from a 2 MiB thread stack even unoptimised.
pub const MAX_DEPTH: usize = 64;

/// An atom of SMT-LIB.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A simple or quoted symbol (without the bars).
    Symbol(String),
    /// A numeral such as `42`.
    Numeral(String),
    /// A decimal such as `4.2`.
    Decimal(String),
    /// A string literal, unescaped.
    Str(String),
    /// A keyword such as `:named`, with its colon.
    Keyword(String),
}

/// The shape of one s-expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SexpKind {
    /// An atom.
    Atom(Atom),
    /// A parenthesised list.
    List(Vec<Sexp>),
}

/// One s-expression and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sexp {
    /// What it is.
    pub kind: SexpKind,
    /// Its text in the file.
    pub span: Span,
}

impl Sexp {
    /// The elements if this is a list.
    pub fn list(&self) -> Option<&[Sexp]> {
        match &self.kind {
            SexpKind::List(l) => Some(l),
            SexpKind::Atom(_) => None,
        }
    }

    /// The atom if this is one.
    pub fn atom(&self) -> Option<&Atom> {
        match &self.kind {
            SexpKind::Atom(a) => Some(a),
            SexpKind::List(_) => None,
        }
    }

    /// The symbol's text if this is a symbol.
    pub fn symbol(&self) -> Option<&str> {
        match &self.kind {
            SexpKind::Atom(Atom::Symbol(s)) => Some(s),
            _ => None,
        }
    }

    /// Whether this is a list whose first element is the symbol `head`.
    pub fn is_headed(&self, head: &str) -> bool {
        self.list()
            .and_then(|l| l.first())
            .and_then(Sexp::symbol)
            .is_some_and(|s| s == head)
    }
}

fn span(start: usize, end: usize) -> Span {
    Span {
        file: 0,
        start,
        end,
    }
}

fn is_symbol_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"~!@$%^&*_-+=<>.?/".contains(&c)
}

/// Reads every top-level s-expression of `text`.
pub fn read(text: &str) -> Result<Vec<Sexp>, Box<Diagnostic>> {
    let bytes = text.as_bytes();
    // Stack of open lists: the offset of their `(` and the elements read so far.
    let mut stack: Vec<(usize, Vec<Sexp>)> = Vec::new();
    let mut top = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let atom = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b';' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'(' => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Box::new(Diagnostic::new(
                        DiagnosticCode::NestingTooDeep,
                        span(i, i + 1),
                        format!("lists nested more than {MAX_DEPTH} deep"),
                        "too deep",
                    )));
                }
                stack.push((i, Vec::new()));
                i += 1;
                continue;
            }
            b')' => {
                let Some((open, items)) = stack.pop() else {
                    return Err(Box::new(Diagnostic::new(
                        DiagnosticCode::UnbalancedParen,
                        span(i, i + 1),
                        "`)` without a matching `(`",
                        "nothing to close",
                    )));
                };
                i += 1;
                let node = Sexp {
                    kind: SexpKind::List(items),
                    span: span(open, i),
                };
                match stack.last_mut() {
                    Some((_, parent)) => parent.push(node),
                    None => top.push(node),
                }
                continue;
            }
            b'|' => {
                let Some(len) = text[i + 1..].find('|') else {
                    return Err(Box::new(Diagnostic::new(
                        DiagnosticCode::TipSyntax,
                        span(i, i + 1),
                        "quoted symbol without its closing `|`",
                        "opened here",
                    )));
                };
                i += len + 2;
                Atom::Symbol(text[start + 1..i - 1].to_string())
            }
            b'"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match text[i..].find('"') {
                        None => {
                            return Err(Box::new(Diagnostic::new(
                                DiagnosticCode::UnclosedString,
                                span(start, start + 1),
                                "string without its closing `\"`",
                                "opened here",
                            )))
                        }
                        Some(k) => {
                            s.push_str(&text[i..i + k]);
                            i += k + 1;
                            if bytes.get(i) == Some(&b'"') {
                                s.push('"');
                                i += 1;
                            } else {
                                break;
                            }
                        }
                    }
                }
                Atom::Str(s)
            }
            b':' => {
                i += 1;
                while i < bytes.len() && is_symbol_char(bytes[i]) {
                    i += 1;
                }
                Atom::Keyword(text[start..i].to_string())
            }
            c if c.is_ascii_digit() => {
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                let t = text[start..i].to_string();
                if t.contains('.') {
                    Atom::Decimal(t)
                } else {
                    Atom::Numeral(t)
                }
            }
            c if is_symbol_char(c) => {
                while i < bytes.len() && is_symbol_char(bytes[i]) {
                    i += 1;
                }
                Atom::Symbol(text[start..i].to_string())
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('?');
                return Err(Box::new(Diagnostic::new(
                    DiagnosticCode::InvalidCharacter,
                    span(i, i + ch.len_utf8()),
                    format!("character {ch:?} is not allowed here"),
                    "not SMT-LIB",
                )));
            }
        };
        let node = Sexp {
            kind: SexpKind::Atom(atom),
            span: span(start, i),
        };
        match stack.last_mut() {
            Some((_, parent)) => parent.push(node),
            None => top.push(node),
        }
    }
    if let Some((open, _)) = stack.last() {
        return Err(Box::new(Diagnostic::new(
            DiagnosticCode::UnbalancedParen,
            span(*open, open + 1),
            "`(` without a matching `)`",
            "never closed",
        )));
    }
    Ok(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_atoms_comments_and_spans() {
        let s = read("; c\n(a 12 3.5 \"x\"\"y\" :k |q r|)").unwrap();
        let l = s[0].list().unwrap();
        assert_eq!(l[1].atom(), Some(&Atom::Numeral("12".into())));
        assert_eq!(l[2].atom(), Some(&Atom::Decimal("3.5".into())));
        assert_eq!(l[3].atom(), Some(&Atom::Str("x\"y".into())));
        assert_eq!(l[4].atom(), Some(&Atom::Keyword(":k".into())));
        assert_eq!(l[5].symbol(), Some("q r"));
        assert_eq!(s[0].span.start, 4);
    }

    #[test]
    fn unbalanced_is_reported_at_the_paren() {
        let e = read("(a (b)").unwrap_err();
        assert_eq!(e.code, DiagnosticCode::UnbalancedParen);
        assert_eq!(e.span.unwrap().start, 0);
        let e = read("(a))").unwrap_err();
        assert_eq!(e.span.unwrap().start, 3);
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let text = "(".repeat(MAX_DEPTH + 1);
        assert_eq!(
            read(&text).unwrap_err().code,
            DiagnosticCode::NestingTooDeep
        );
    }
}
