//! The s-expression layer of spec section 4: tokenizing, parsing and canonical printing.
//!
//! Invariants:
//! - [`parse`] accepts exactly one expression, made of `(`, `)` and symbols separated by
//!   the separators space, tab, LF and CR. Any other whitespace or control character is
//!   rejected (so "symbol" means the same thing here and in name validation: [`is_symbol`]).
//! - Parsing is iterative and nesting is limited to [`MAX_DEPTH`], so hostile input cannot
//!   overflow the stack; everything downstream may recurse on the parsed tree.
//! - [`Sexp`]'s `Display` is the canonical print: one space between tokens, none inside
//!   parentheses. Printing a parsed expression and re-parsing it gives the same tree.

use crate::error::KernelError;
use std::fmt;

/// The deepest nesting of parentheses the kernel accepts. Terms and formulas are checked
/// recursively afterwards; at this depth that fits a 2 MiB stack in debug builds (tested in
/// `tests/robustness.rs`), and real proofs stay far below it.
pub const MAX_DEPTH: usize = 256;

/// A parsed s-expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sexp {
    /// A symbol.
    Atom(String),
    /// A parenthesised list (possibly empty; the grammar layers reject what they must).
    List(Vec<Sexp>),
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_symbol_char(c: char) -> bool {
    c != '(' && c != ')' && !c.is_whitespace() && !c.is_control()
}

/// Whether `name` is a symbol: non-empty, without whitespace, control characters or
/// parentheses. Every name of a theory and every variable must be one.
pub fn is_symbol(name: &str) -> bool {
    !name.is_empty() && name.chars().all(is_symbol_char)
}

/// Whether `name` may name a theory, an axiom or a theorem: ASCII letters, digits, `_`,
/// `.`, `'` and `-`, starting with a letter or a digit (no control, invisible,
/// right-to-left or look-alike characters). Every such name is also a symbol.
pub fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '\'' | '-'))
}

fn syntax(message: String) -> KernelError {
    KernelError::Syntax { message }
}

/// Parses `text` as exactly one s-expression.
pub fn parse(text: &str) -> Result<Sexp, KernelError> {
    let mut open: Vec<Vec<Sexp>> = Vec::new();
    let mut done: Option<Sexp> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_separator(c) {
            continue;
        }
        if done.is_some() {
            return Err(syntax(format!(
                "unexpected `{c}` at offset {i} after the end of the expression"
            )));
        }
        let item = match c {
            '(' => {
                if open.len() >= MAX_DEPTH {
                    return Err(KernelError::TooDeep { limit: MAX_DEPTH });
                }
                open.push(Vec::new());
                continue;
            }
            ')' => match open.pop() {
                Some(items) => Sexp::List(items),
                None => return Err(syntax(format!("unbalanced `)` at offset {i}"))),
            },
            c if is_symbol_char(c) => {
                let mut symbol = String::from(c);
                while let Some(&(_, next)) = chars.peek() {
                    if !is_symbol_char(next) {
                        break;
                    }
                    symbol.push(next);
                    chars.next();
                }
                Sexp::Atom(symbol)
            }
            c => {
                return Err(syntax(format!(
                    "the character {c:?} at offset {i} is not allowed"
                )))
            }
        };
        match open.last_mut() {
            Some(list) => list.push(item),
            None => done = Some(item),
        }
    }
    if !open.is_empty() {
        return Err(syntax(format!("{} unclosed `(`", open.len())));
    }
    done.ok_or_else(|| syntax("the text is empty".to_string()))
}

impl fmt::Display for Sexp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sexp::Atom(symbol) => f.write_str(symbol),
            Sexp::List(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> &'static str {
        match parse(text) {
            Ok(s) => panic!("`{text}` parsed as {s}"),
            Err(e) => e.code(),
        }
    }

    #[test]
    fn canonical_round_trip() {
        let text = "  (forall\n((a N)\t(b N))   (= (+ a (s b)) (s (+ a b))) )\r\n";
        let parsed = parse(text).unwrap();
        let printed = parsed.to_string();
        assert_eq!(
            printed,
            "(forall ((a N) (b N)) (= (+ a (s b)) (s (+ a b))))"
        );
        assert_eq!(parse(&printed).unwrap(), parsed);
        assert_eq!(parse("x").unwrap(), Sexp::Atom("x".into()));
        assert_eq!(parse("()").unwrap(), Sexp::List(vec![]));
        assert_eq!(parse("(a(b)c)").unwrap().to_string(), "(a (b) c)");
    }

    #[test]
    fn unicode_symbols_are_allowed() {
        assert_eq!(parse("(→ ∀x 0)").unwrap().to_string(), "(→ ∀x 0)");
    }

    #[test]
    fn rejects_unbalanced_and_trailing_input() {
        assert_eq!(code("(a b"), "bad-syntax");
        assert_eq!(code("(a b))"), "bad-syntax");
        assert_eq!(code(")"), "bad-syntax");
        assert_eq!(code("a b"), "bad-syntax");
        assert_eq!(code("(a) (b)"), "bad-syntax");
        assert_eq!(code(""), "bad-syntax");
        assert_eq!(code(" \n "), "bad-syntax");
    }

    #[test]
    fn rejects_odd_whitespace_and_control_characters() {
        assert_eq!(code("(a\u{a0}b)"), "bad-syntax");
        assert_eq!(code("(a\u{0}b)"), "bad-syntax");
        assert_eq!(code("(a\u{2028}b)"), "bad-syntax");
        assert_eq!(code("(a\u{b}b)"), "bad-syntax");
        assert!(!is_symbol(""));
        assert!(!is_symbol("a b"));
        assert!(!is_symbol("a(b"));
        assert!(!is_symbol("a\u{85}"));
        assert!(is_symbol("+"));
    }

    #[test]
    fn depth_limit() {
        let ok = format!("{}x{}", "(f ".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!(
            "{}x{}",
            "(f ".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(code(&deep), "too-deep");
        assert_eq!(code(&"(".repeat(1_000_000)), "too-deep");
    }
}
