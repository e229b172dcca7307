//! Reading the certificate's s-expression terms back into theory terms, for renderers and
//! exporters (which only ever see kernel-checked certificates).
//!
//! Invariant: [`term`] accepts exactly the term syntax of the certificate format
//! (section 4): a symbol, or `(` symbol term+ `)`; a symbol is a variable when it is one
//! of the given variables, else it must be an operator of the theory with that arity.

use crate::mpl::{Term, Theory, Var};

/// Why a certificate term could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SexpError {
    /// Unbalanced parentheses, an empty list or trailing input.
    #[error("malformed term `{0}`")]
    Malformed(String),
    /// A symbol that is neither a variable nor an operator of that arity.
    #[error("unknown symbol `{0}` with {1} arguments")]
    Unknown(String, usize),
}

/// Reads `text` as a term over `theory`, with `vars` as its variables.
pub fn term(theory: &Theory, vars: &[Var], text: &str) -> Result<Term, SexpError> {
    let tokens = tokenize(text);
    let mut at = 0;
    let t = read(theory, vars, &tokens, &mut at, text)?;
    if at != tokens.len() {
        return Err(SexpError::Malformed(text.to_string()));
    }
    Ok(t)
}

/// Reads a theorem statement of certificate format version 1, `(forall ((x S) ...) (= l
/// r))` or `(= l r)`, interning its variable names in `theory`; returns the variables and
/// the two sides.
pub fn equation(theory: &mut Theory, text: &str) -> Result<(Vec<Var>, Term, Term), SexpError> {
    let malformed = || SexpError::Malformed(text.to_string());
    let t = text.trim();
    let (binders, body) = match t.strip_prefix("(forall (") {
        Some(rest) => {
            let close = rest.find(") (=").ok_or_else(malformed)?;
            let body = rest[close + 2..].strip_suffix(')').ok_or_else(malformed)?;
            (&rest[..close], body)
        }
        None => ("", t),
    };
    let mut vars = Vec::new();
    for b in binders.split(')').map(str::trim).filter(|b| !b.is_empty()) {
        let mut parts = b.trim_start_matches('(').split_whitespace();
        let (Some(name), Some(sort), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(malformed());
        };
        let sort = theory.sort_by_name(sort).ok_or_else(malformed)?;
        vars.push(Var {
            name: theory.intern(name),
            sort,
        });
    }
    let body = body
        .strip_prefix("(= ")
        .and_then(|b| b.strip_suffix(')'))
        .ok_or_else(malformed)?;
    // Split the two sides at the end of the first complete term.
    let tokens = tokenize(body);
    let mut at = 0;
    let lhs = read(theory, &vars, &tokens, &mut at, text)?;
    let rhs = read(theory, &vars, &tokens, &mut at, text)?;
    if at != tokens.len() {
        return Err(malformed());
    }
    Ok((vars, lhs, rhs))
}

fn tokenize(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == '(' || c == ')' || c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            if !c.is_whitespace() {
                out.push(&text[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn read(
    theory: &Theory,
    vars: &[Var],
    tokens: &[&str],
    at: &mut usize,
    text: &str,
) -> Result<Term, SexpError> {
    let malformed = || SexpError::Malformed(text.to_string());
    let tok = *tokens.get(*at).ok_or_else(malformed)?;
    *at += 1;
    let (head, args) = match tok {
        ")" => return Err(malformed()),
        "(" => {
            let head = *tokens.get(*at).ok_or_else(malformed)?;
            if head == "(" || head == ")" {
                return Err(malformed());
            }
            *at += 1;
            let mut args = Vec::new();
            while *tokens.get(*at).ok_or_else(malformed)? != ")" {
                args.push(read(theory, vars, tokens, at, text)?);
            }
            *at += 1;
            if args.is_empty() {
                return Err(malformed());
            }
            (head, args)
        }
        sym => (sym, Vec::new()),
    };
    if args.is_empty() {
        if let Some(v) = vars.iter().find(|v| theory.name(v.name) == head) {
            return Ok(Term::Var(*v));
        }
    }
    match theory.op_by_name(head) {
        Some(op) if theory.op(op).args.len() == args.len() => Ok(Term::App(op, args)),
        _ => Err(SexpError::Unknown(head.to_string(), args.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpl::SExpr;

    fn peano() -> Theory {
        crate::mpl::peano_for_tests()
    }

    #[test]
    fn reads_back_what_the_certificate_writer_prints() {
        let mut th = peano();
        let n = th.sort_by_name("N").unwrap();
        let x = Var {
            name: th.intern("x"),
            sort: n,
        };
        let y = Var {
            name: th.intern("y"),
            sort: n,
        };
        for text in ["0", "x", "(s (+ x y))", "(* (+ x (s 0)) y)"] {
            let t = term(&th, &[x, y], text).unwrap();
            assert_eq!(SExpr(&th, &t).to_string(), text);
        }
    }

    #[test]
    fn reads_theorem_statements() {
        let mut th = peano();
        let (vars, l, r) = equation(&mut th, "(forall ((x N) (y N)) (= (+ x y) (+ y x)))").unwrap();
        assert_eq!(vars.len(), 2);
        assert_eq!(crate::mpl::print::equation(&th, &l, &r), "x + y = y + x");
        let (vars, l, r) = equation(&mut th, "(= (+ 0 0) 0)").unwrap();
        assert!(vars.is_empty());
        assert_eq!(crate::mpl::print::equation(&th, &l, &r), "0 + 0 = 0");
        for bad in [
            "(forall ((x N)) (not (= x x)))",
            "(forall ((x Q)) (= x x))",
            "(= x)",
        ] {
            assert!(equation(&mut th, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_malformed_and_unknown_terms() {
        let mut th = peano();
        let n = th.sort_by_name("N").unwrap();
        let x = Var {
            name: th.intern("x"),
            sort: n,
        };
        for bad in ["", "(", ")", "(s x", "(s x))", "()", "(s)", "x y"] {
            assert!(
                matches!(term(&th, &[x], bad), Err(SexpError::Malformed(_))),
                "{bad}"
            );
        }
        assert_eq!(term(&th, &[x], "z"), Err(SexpError::Unknown("z".into(), 0)));
        assert_eq!(
            term(&th, &[x], "(s x x)"),
            Err(SexpError::Unknown("s".into(), 2))
        );
    }
}
