//! The lexical layer of the parser: layout (whitespace and comments), names, strings, and
//! syntax errors that say what was expected and what was found.
//!
//! Every token parser here first skips layout, then recognises one token; on absence it
//! returns a recoverable `nom::Err::Error` so that callers can peek. [`expected`] turns an
//! absence into a committed `nom::Err::Failure` with a position and a description of the
//! token found there.
//!
//! Invariants:
//! - positions are absolute byte offsets into the file (from `nom_locate`), always on
//!   character boundaries;
//! - a syntax error points at the offending token, except when that token starts on a
//!   later line than the end of the previous token: then it points just after the
//!   previous token (where a missing `;` or `)` belongs);
//! - an unterminated block comment is a failure at its `/*`, wherever layout is skipped.

use nom::bytes::complete::{tag, take_till, take_until, take_while, take_while1};
use nom::character::complete::multispace0;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Input};
use nom_locate::LocatedSpan;

use super::ast::{is_keyword, is_op_char, Ident};
use super::diagnostic_code::DiagnosticCode;
use super::theory::Span;

/// Parser input: the remaining text, its absolute offset, and the file index as `extra`.
pub(crate) type In<'a> = LocatedSpan<&'a str, u32>;

/// Result of a parser function.
pub(crate) type PResult<'a, T> = IResult<In<'a>, T, PError>;

/// A syntax error, positioned by absolute byte offsets in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PError {
    /// Why.
    pub code: DiagnosticCode,
    /// Start of the offending text.
    pub start: usize,
    /// End of the offending text.
    pub end: usize,
    /// Headline.
    pub message: String,
    /// Caret label.
    pub label: String,
    /// Places in the same file worth pointing at (byte range and text).
    pub related: Vec<(usize, usize, String)>,
    /// Extra explanation (boxed to keep the error, which every parser result carries,
    /// small).
    pub note: Option<Box<str>>,
}

impl PError {
    /// An error over a byte range.
    pub fn at(
        code: DiagnosticCode,
        start: usize,
        end: usize,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        PError {
            code,
            start,
            end,
            message: message.into(),
            label: label.into(),
            related: Vec::new(),
            note: None,
        }
    }

    /// Adds a pointer to another place in the same file.
    pub fn related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push((span.start, span.end, text.into()));
        self
    }

    /// Sets the note.
    pub fn note(mut self, text: impl Into<String>) -> Self {
        self.note = Some(text.into().into_boxed_str());
        self
    }
}

impl ParseError<In<'_>> for PError {
    fn from_error_kind(input: In<'_>, kind: ErrorKind) -> Self {
        let o = input.location_offset();
        PError::at(
            DiagnosticCode::SyntaxError,
            o,
            o,
            "syntax error",
            format!("unexpected input ({kind:?})"),
        )
    }

    fn append(_: In<'_>, _: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        if other.start >= self.start {
            other
        } else {
            self
        }
    }
}

/// Absolute offset of the input's first byte.
pub(crate) fn offset(i: &In<'_>) -> usize {
    i.location_offset()
}

/// A span from `start` to the beginning of `i`.
pub(crate) fn span_to(start: usize, i: &In<'_>) -> Span {
    Span {
        file: i.extra,
        start,
        end: offset(i),
    }
}

/// A recoverable error at `i`: "not this token", for peeking.
pub(crate) fn no<'a, T>(i: In<'a>) -> PResult<'a, T> {
    Err(nom::Err::Error(PError::from_error_kind(i, ErrorKind::Tag)))
}

/// `layout = { whitespace | line comment | block comment } ;`
pub(crate) fn layout(mut i: In<'_>) -> PResult<'_, ()> {
    loop {
        let (j, _) = multispace0(i)?;
        let rest = *j.fragment();
        if rest.starts_with("//") {
            let (k, _) = take_till(|c| c == '\n')(j)?;
            i = k;
        } else if rest.starts_with("/*") {
            let start = offset(&j);
            let (body, _) = tag("/*")(j)?;
            match take_until::<_, _, PError>("*/")(body) {
                Ok((k, _)) => {
                    let (k, _) = tag("*/")(k)?;
                    i = k;
                }
                Err(_) => {
                    return Err(nom::Err::Failure(
                        PError::at(
                            DiagnosticCode::UnclosedComment,
                            start,
                            start + 2,
                            "unterminated block comment",
                            "this comment is never closed",
                        )
                        .note("block comments end with `*/` and do not nest"),
                    ))
                }
            }
        } else {
            return Ok((j, ()));
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c == '\''
}

/// Whether `c` may appear outside comments and strings: layout, identifier, symbol and
/// punctuation characters, and the quote that opens a string.
fn in_alphabet(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '"')
        || is_ident_char(c)
        || is_op_char(c)
        || matches!(
            c,
            '!' | '&' | '(' | ')' | ',' | ':' | ';' | '[' | ']' | '\\'
        )
}

/// `identifier = ident char , { ident char | "'" } ;` — no layout skipped, keywords
/// included.
pub(crate) fn ident_raw(i: In<'_>) -> PResult<'_, In<'_>> {
    if !i.fragment().starts_with(is_ident_start) {
        return no(i);
    }
    take_while1(is_ident_char)(i)
}

/// `symbol = op char , { op char } ;` by maximal munch, stopping before `//` and `/*`; no
/// layout skipped.
pub(crate) fn symbol_raw(i: In<'_>) -> PResult<'_, In<'_>> {
    let text = *i.fragment();
    let mut len = 0;
    for (k, c) in text.char_indices() {
        if !is_op_char(c) || text[k..].starts_with("//") || text[k..].starts_with("/*") {
            break;
        }
        len = k + c.len_utf8();
    }
    if len == 0 {
        return no(i);
    }
    Ok(i.take_split(len))
}

/// Skips layout, then recognises an identifier or a symbol (a possible name, keywords and
/// the reserved symbols `=` and `->` included).
pub(crate) fn word(i: In<'_>) -> PResult<'_, Ident> {
    let (j, _) = layout(i)?;
    let (k, w) = match ident_raw(j) {
        Ok(r) => r,
        Err(nom::Err::Error(_)) => symbol_raw(j)?,
        Err(e) => return Err(e),
    };
    Ok((
        k,
        Ident {
            text: w.fragment().to_string(),
            span: span_to(offset(&w), &k),
        },
    ))
}

/// Skips layout, then recognises a sort variable `'a` (an apostrophe, then an
/// identifier); the name's text keeps the apostrophe.
pub(crate) fn sort_var(i: In<'_>) -> PResult<'_, Ident> {
    let (j, _) = layout(i)?;
    let start = offset(&j);
    let (k, _) = nom::character::complete::char('\'')(j)?;
    let (k, _) = ident_raw(k)?;
    let span = span_to(start, &k);
    let text = j.fragment()[..span.end - span.start].to_string();
    Ok((k, Ident { text, span }))
}

/// Skips layout, then recognises the keyword `kw` (a whole identifier).
pub(crate) fn keyword<'a>(i: In<'a>, kw: &str) -> PResult<'a, Span> {
    let (j, _) = layout(i)?;
    let (k, w) = ident_raw(j)?;
    if *w.fragment() == kw {
        Ok((k, span_to(offset(&w), &k)))
    } else {
        no(i)
    }
}

/// Skips layout, then recognises exactly the symbol `s` (a whole maximal-munch symbol).
pub(crate) fn symbol<'a>(i: In<'a>, s: &str) -> PResult<'a, Span> {
    let (j, _) = layout(i)?;
    let (k, w) = symbol_raw(j)?;
    if *w.fragment() == s {
        Ok((k, span_to(offset(&w), &k)))
    } else {
        no(i)
    }
}

/// Skips layout, then recognises the punctuation character `c` (one of `;:,()[]!&`).
pub(crate) fn punct(i: In<'_>, c: char) -> PResult<'_, Span> {
    let (j, _) = layout(i)?;
    let (k, _) = nom::character::complete::char(c)(j)?;
    Ok((k, span_to(offset(&j), &k)))
}

/// Whether the next token (after layout) is the punctuation `c`; layout errors count as
/// "no" here and surface at the next real token.
pub(crate) fn peek_punct(i: In<'_>, c: char) -> bool {
    punct(i, c).is_ok()
}

/// Skips layout, then a decimal digit run `digit , { digit }` not followed by an
/// identifier character.
pub(crate) fn digits(i: In<'_>) -> PResult<'_, In<'_>> {
    let (j, _) = layout(i)?;
    let (k, d) = take_while1(|c: char| c.is_ascii_digit())(j)?;
    if k.fragment().starts_with(is_ident_char) {
        return no(i);
    }
    Ok((k, d))
}

/// `string = '"' , { any char - ( '"' | newline ) } , '"' ;` — returns the contents (no
/// escapes) and the span including the quotes.
pub(crate) fn string(i: In<'_>) -> PResult<'_, Ident> {
    let (j, _) = layout(i)?;
    let start = offset(&j);
    let (k, _) = nom::character::complete::char('"')(j)?;
    let (k, body) = take_while(|c| c != '"' && c != '\n')(k)?;
    match nom::character::complete::char::<_, PError>('"')(k) {
        Ok((k, _)) => Ok((
            k,
            Ident {
                text: body.fragment().to_string(),
                span: span_to(start, &k),
            },
        )),
        Err(_) => Err(nom::Err::Failure(PError::at(
            DiagnosticCode::UnclosedString,
            start,
            start + 1,
            "unterminated string",
            "this string is not closed on its line",
        ))),
    }
}

/// Describes the token at the start of `j` (already past layout): its text for the
/// message and its byte length for the underline.
pub(crate) fn describe(j: In<'_>) -> (String, usize) {
    let text = *j.fragment();
    let Some(c) = text.chars().next() else {
        return ("end of file".to_string(), 0);
    };
    if let Ok((_, w)) = ident_raw(j) {
        let w = *w.fragment();
        let what = if is_keyword(w) {
            format!("keyword `{w}`")
        } else {
            format!("`{w}`")
        };
        return (what, w.len());
    }
    if let Ok((_, s)) = symbol_raw(j) {
        return (format!("`{}`", s.fragment()), s.fragment().len());
    }
    match c {
        '"' => ("a string".to_string(), 1),
        c if c.is_control() || c.is_whitespace() => (format!("{c:?}"), c.len_utf8()),
        c => (format!("`{c}`"), c.len_utf8()),
    }
}

/// A committed syntax error at the token after `i`: "expected WHAT, found TOKEN".
///
/// `i` is the input right after the previous token; see the module invariants for where
/// the error points.
pub(crate) fn expected<'a, T>(i: In<'a>, what: &str) -> PResult<'a, T> {
    Err(nom::Err::Failure(expected_error(i, what)))
}

/// The error of [`expected`], for callers that add notes before failing.
pub(crate) fn expected_error(i: In<'_>, what: &str) -> PError {
    let j = match layout(i) {
        Ok((j, _)) => j,
        Err(nom::Err::Failure(e)) | Err(nom::Err::Error(e)) => return e,
        Err(nom::Err::Incomplete(_)) => i,
    };
    let (found, len) = describe(j);
    // A character MPL does not use at all is a more specific reason than a wrong token.
    let code = match j.fragment().chars().next() {
        Some(c) if !in_alphabet(c) => DiagnosticCode::InvalidCharacter,
        _ => DiagnosticCode::UnexpectedToken,
    };
    let gap = &i.fragment()[..offset(&j) - offset(&i)];
    if gap.contains('\n') {
        let o = offset(&i);
        PError::at(
            code,
            o,
            o,
            format!("expected {what}, found {found}"),
            format!("expected {what}"),
        )
    } else {
        let o = offset(&j);
        PError::at(
            code,
            o,
            o + len,
            format!("expected {what}, found {found}"),
            format!("expected {what}"),
        )
    }
}

/// Whether the rest of the input is only layout.
pub(crate) fn at_end(i: In<'_>) -> PResult<'_, bool> {
    let (j, _) = layout(i)?;
    Ok((j, j.fragment().is_empty()))
}

/// Runs a nom parser and turns its result into a `Result`, mapping an unexpected
/// `Incomplete` (impossible with complete parsers) to an error at the start.
pub(crate) fn finish<'a, T>(start: In<'a>, r: PResult<'a, T>) -> Result<(In<'a>, T), PError> {
    match r {
        Ok(x) => Ok(x),
        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => Err(e),
        Err(nom::Err::Incomplete(_)) => {
            let o = offset(&start);
            Err(PError::at(
                DiagnosticCode::SyntaxError,
                o,
                o,
                "incomplete input",
                "input ends early",
            ))
        }
    }
}

/// An error at the next token itself (not at the end of the previous one), unless the
/// input has ended.
pub(crate) fn expected_token<'a, T>(i: In<'a>, what: &str) -> PResult<'a, T> {
    match layout(i) {
        Ok((j, _)) if !j.fragment().is_empty() => expected(j, what),
        Ok(_) => expected(i, what),
        Err(e) => Err(e),
    }
}

/// A committed error.
pub(crate) fn failure<'a, T>(e: PError) -> PResult<'a, T> {
    Err(nom::Err::Failure(e))
}

/// Checks a name against the reserved words and symbols.
pub(crate) fn check_name(w: &Ident, role: &str) -> Result<(), nom::Err<PError>> {
    let reason = if is_keyword(&w.text) {
        format!("`{}` is a keyword and cannot be used as {role}", w.text)
    } else if w.text == "=" {
        format!("`=` is reserved for equality and cannot be used as {role}")
    } else if w.text == "->" {
        format!("`->` is reserved and cannot be used as {role}")
    } else {
        return Ok(());
    };
    Err(nom::Err::Failure(PError::at(
        DiagnosticCode::ReservedName,
        w.span.start,
        w.span.end,
        reason,
        "reserved",
    )))
}

/// `identifier` (not a keyword), described as `what` in errors.
pub(crate) fn identifier<'a>(i: In<'a>, what: &str) -> PResult<'a, Ident> {
    match word(i) {
        Ok((k, w)) if !w.is_symbolic() => {
            check_name(&w, what)?;
            Ok((k, w))
        }
        Ok(_) | Err(nom::Err::Error(_)) => expected_token(i, what),
        Err(e) => Err(e),
    }
}

/// `name = identifier | symbol ;` (not a keyword, not `=` or `->`).
pub(crate) fn name<'a>(i: In<'a>, what: &str) -> PResult<'a, Ident> {
    match word(i) {
        Ok((k, w)) if w.text != "->" => {
            check_name(&w, what)?;
            Ok((k, w))
        }
        Ok(_) | Err(nom::Err::Error(_)) => expected_token(i, what),
        Err(e) => Err(e),
    }
}

/// `[ item , { "," , item } ] , close`, after an opening bracket already read at `open`:
/// the items, then the input after `close`. A missing separator is reported as "`,` or
/// `<close>` in the <list>", pointing back at the opening bracket.
pub(crate) fn separated<'a, T>(
    mut k: In<'a>,
    close: char,
    open: Span,
    list: &str,
    mut item: impl FnMut(In<'a>) -> PResult<'a, T>,
) -> PResult<'a, Vec<T>> {
    let mut items = Vec::new();
    if let Ok((k2, _)) = punct(k, close) {
        return Ok((k2, items));
    }
    loop {
        let (k2, t) = item(k)?;
        items.push(t);
        k = k2;
        if let Ok((k2, _)) = punct(k, ',') {
            k = k2;
        } else if let Ok((k2, _)) = punct(k, close) {
            return Ok((k2, items));
        } else {
            let opener = if close == ')' { '(' } else { '[' };
            let e = expected_error(k, &format!("`,` or `{close}` in the {list}"))
                .related(open, format!("the `{opener}` opened"));
            return failure(e);
        }
    }
}
