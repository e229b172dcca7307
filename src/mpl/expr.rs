//! The parser of formulas and terms (the recursive part of the grammar).
//!
//! Each function cites the production of `grammars/mpl.ebnf` it implements.
//!
//! Invariants:
//! - every form is closed by its own bracket, checked against the bracket that opened
//!   it (errors point at the opener too); an extra operand of `(=[...])` or
//!   `(>[...] A B)` and a conjunction with fewer than two operands are errors;
//! - infix chains are kept flat (grouped later by the resolver);
//! - nesting is capped at [`MAX_DEPTH`]: every bracket, application, formula and every
//!   operator of an infix chain adds one level, so a resolved term or formula is never
//!   deeper than the cap.

use super::ast::{Binder, Formula, Ident, Term};
use super::diagnostic_code::DiagnosticCode;
use super::lex::{
    check_name, expected, expected_error, expected_token, failure, identifier, layout, offset,
    peek_punct, punct, separated, span_to, symbol, symbol_raw, word, In, PError, PResult,
};
use super::theory::Span;

/// Deepest nesting accepted (brackets, applications, formulas, and the operators of one
/// infix chain all count).
pub const MAX_DEPTH: usize = 256;

fn too_deep<'a, T>(i: In<'a>) -> PResult<'a, T> {
    let e = expected_error(i, "");
    failure(PError::at(
        DiagnosticCode::NestingTooDeep,
        e.start,
        e.end,
        format!("nesting deeper than {MAX_DEPTH} levels"),
        "too deeply nested",
    ))
}

/// Whether a formula may start here (`(` or `!`).
fn formula_starts(i: In<'_>) -> bool {
    peek_punct(i, '(') || peek_punct(i, '!')
}

/// `formula = negation | equality | conjunction | quantifier | atom ;`
/// `negation = "!" , formula ;`
pub(crate) fn formula(i: In<'_>, depth: usize) -> PResult<'_, Formula> {
    if depth > MAX_DEPTH {
        return too_deep(i);
    }
    let (j, _) = layout(i)?;
    let start = offset(&j);
    if let Ok((k, _)) = punct(j, '!') {
        let (k, body) = formula(k, depth + 1)?;
        let span = span_to(start, &k);
        return Ok((
            k,
            Formula::Not {
                body: Box::new(body),
                span,
            },
        ));
    }
    let Ok((k, open)) = punct(j, '(') else {
        return expected_token(i, "a formula (`(` or `!`)");
    };
    if let Ok((k, _)) = punct(k, '&') {
        return conjunction(k, open, depth);
    }
    if let Ok((k, _)) = symbol(k, "=") {
        return equality(k, open, depth);
    }
    if let Ok((k, _)) = symbol(k, ">") {
        return quantifier(k, open, depth);
    }
    match word(k) {
        Ok((k2, w)) if w.text != "->" => {
            check_name(&w, "a predicate name")?;
            atom(k2, open, w, depth)
        }
        Ok(_) | Err(nom::Err::Error(_)) => {
            expected_token(k, "`=`, `&`, `>` or a predicate name after `(`")
        }
        Err(e) => Err(e),
    }
}

/// Expects the `close` bracket matching `open`.
fn close<'a>(i: In<'a>, c: char, open: Span, what: &str) -> PResult<'a, ()> {
    match punct(i, c) {
        Ok((k, _)) => Ok((k, ())),
        Err(_) => {
            let opener = if c == ')' { '(' } else { '[' };
            failure(expected_error(i, what).related(open, format!("the `{opener}` opened")))
        }
    }
}

/// The span of the next thing at `i`, for pointing at an extra operand: the operand if it
/// parses, else its first token.
fn extra_span(i: In<'_>, parsed: Option<Span>) -> Span {
    parsed.unwrap_or_else(|| {
        let e = expected_error(i, "");
        Span {
            file: i.extra,
            start: e.start,
            end: e.end,
        }
    })
}

/// `equality = "(" , "=" , "[" , term , "," , term , "]" , ")" ;` after `(=`
fn equality(i: In<'_>, open: Span, depth: usize) -> PResult<'_, Formula> {
    let (k, bracket) = match punct(i, '[') {
        Ok(r) => r,
        Err(_) => return expected_token(i, "`[` after `(=`"),
    };
    let (k, lhs) = term(k, depth + 1)?;
    let (k, _) = match punct(k, ',') {
        Ok(r) => r,
        Err(_) => return expected(k, "`,` between the two terms of `(=[...])`"),
    };
    let (k, rhs) = term(k, depth + 1)?;
    if let Ok((k2, _)) = punct(k, ',') {
        let span = extra_span(k2, term(k2, depth + 1).ok().map(|(_, t)| t.span()));
        return failure(
            PError::at(
                DiagnosticCode::TooManyOperands,
                span.start,
                span.end,
                "too many operands: `(=[...])` takes exactly two terms",
                "extra term",
            )
            .related(open, "the equality starts"),
        );
    }
    let (k, _) = close(k, ']', bracket, "`]` to close `[`")?;
    let (k, _) = close(k, ')', open, "`)` to close `(=`")?;
    let span = span_to(open.start, &k);
    Ok((k, Formula::Eq { lhs, rhs, span }))
}

/// `conjunction = "(" , "&" , formula , formula , { formula } , ")" ;` after `(&`
fn conjunction(i: In<'_>, open: Span, depth: usize) -> PResult<'_, Formula> {
    let mut operands = Vec::new();
    let mut k = i;
    loop {
        if let Ok((k2, _)) = punct(k, ')') {
            k = k2;
            break;
        }
        if !formula_starts(k) {
            let e = expected_error(k, "a formula or `)` to close `(&`")
                .related(open, "the `(&` opened");
            return failure(e);
        }
        let (k2, f) = formula(k, depth + 1)?;
        operands.push(f);
        k = k2;
    }
    let span = span_to(open.start, &k);
    if operands.len() < 2 {
        let count = if operands.is_empty() {
            "none"
        } else {
            "only one"
        };
        return failure(
            PError::at(
                DiagnosticCode::TooFewOperands,
                span.start,
                span.end,
                "a conjunction needs at least two operands",
                format!("this conjunction has {count}"),
            )
            .note("write the formula itself instead of `(&A)`"),
        );
    }
    Ok((k, Formula::And { operands, span }))
}

/// `quantifier = "(" , ">" , "[" , [ binder , { "," , binder } ] , "]" , formula ,
/// [ formula ] , ")" ;` after `(>`
fn quantifier(i: In<'_>, open: Span, depth: usize) -> PResult<'_, Formula> {
    let (k, bracket) = match punct(i, '[') {
        Ok(r) => r,
        Err(_) => return expected_token(i, "`[` after `(>`"),
    };
    let (k, binders) = separated(k, ']', bracket, "binder list", binder)?;
    if !formula_starts(k) {
        return expected_token(k, "a formula after the binders");
    }
    let (k, first) = formula(k, depth + 1)?;
    let (k, second) = if formula_starts(k) {
        let (k, f) = formula(k, depth + 1)?;
        (k, Some(f))
    } else {
        (k, None)
    };
    if second.is_some() && formula_starts(k) {
        let span = extra_span(k, formula(k, depth + 1).ok().map(|(_, f)| f.span()));
        return failure(
            PError::at(
                DiagnosticCode::TooManyOperands,
                span.start,
                span.end,
                "too many operands: `(>[...] A B)` takes one or two formulas",
                "extra formula",
            )
            .related(open, "the quantifier starts"),
        );
    }
    let (k, _) = close(k, ')', open, "`)` to close `(>`")?;
    let span = span_to(open.start, &k);
    let (premise, body) = match second {
        Some(b) => (Some(Box::new(first)), Box::new(b)),
        None => (None, Box::new(first)),
    };
    Ok((
        k,
        Formula::Forall {
            binders,
            premise,
            body,
            span,
        },
    ))
}

/// `binder = identifier , [ ":" , sort expr ] ;`
fn binder(i: In<'_>) -> PResult<'_, Binder> {
    let (k, name) = identifier(i, "a variable name")?;
    if let Ok((k, _)) = punct(k, ':') {
        let (k, sort) = super::parse::sort_expr(k)?;
        return Ok((
            k,
            Binder {
                name,
                sort: Some(sort),
            },
        ));
    }
    Ok((k, Binder { name, sort: None }))
}

/// `atom = "(" , name , "[" , [ argument , { "," , argument } ] , "]" , ")" ;` after
/// `(name`, with `argument = term | symbol ;`
fn atom<'a>(i: In<'a>, open: Span, pred: Ident, depth: usize) -> PResult<'a, Formula> {
    let Ok((mut k, bracket)) = punct(i, '[') else {
        let e = expected_error(i, &format!("`[` after the predicate name `{}`", pred.text)).note(
            "terms appear only inside `[...]`: a formula is `(=[t, u])`, `(p[t])`, `(&A B)`, `(>[x] A)` or `!A`",
        );
        return failure(e);
    };
    let mut args = Vec::new();
    if let Ok((k2, _)) = punct(k, ']') {
        k = k2;
    } else {
        loop {
            let (k2, t) = match bare_symbol(k)? {
                Some(r) => r,
                None => term(k, depth + 1)?,
            };
            args.push(t);
            k = k2;
            if let Ok((k2, _)) = punct(k, ',') {
                k = k2;
            } else {
                let (k2, _) = close(k, ']', bracket, "`,` or `]` after an argument")?;
                k = k2;
                break;
            }
        }
    }
    let (k, _) = close(k, ')', open, "`)` to close the atom")?;
    let span = span_to(open.start, &k);
    Ok((k, Formula::Atom { pred, args, span }))
}

/// A whole atom argument that is a bare symbol, e.g. the `+` of `(in3[a, b, c, +])`:
/// a symbol (not `=` or `->`) followed by `,` or `]`. `None` when the argument is not one.
fn bare_symbol(i: In<'_>) -> Result<Option<(In<'_>, Term)>, nom::Err<PError>> {
    let (j, _) = layout(i)?;
    let Ok((k, sym)) = symbol_raw(j) else {
        return Ok(None);
    };
    let text = *sym.fragment();
    if text == "=" || text == "->" || !(peek_punct(k, ',') || peek_punct(k, ']')) {
        return Ok(None);
    }
    let id = Ident {
        text: text.to_string(),
        span: span_to(offset(&j), &k),
    };
    Ok(Some((k, Term::Name(id))))
}

/// `term = operand , { infix symbol , operand } ;` (an infix symbol is any symbol but `=`
/// and `->`)
pub(crate) fn term(i: In<'_>, depth: usize) -> PResult<'_, Term> {
    if depth > MAX_DEPTH {
        return too_deep(i);
    }
    let (mut k, first) = operand(i, depth)?;
    let mut rest: Vec<(Ident, Term)> = Vec::new();
    loop {
        let (j, _) = layout(k)?;
        let Ok((j2, sym)) = symbol_raw(j) else { break };
        let text = *sym.fragment();
        if text == "=" || text == "->" {
            break;
        }
        let op = Ident {
            text: text.to_string(),
            span: span_to(offset(&j), &j2),
        };
        let (j3, t) = match operand(j2, depth + 1 + rest.len()) {
            Ok(r) => r,
            Err(nom::Err::Error(_)) => {
                return expected_token(j2, &format!("a term after `{text}`"))
            }
            Err(e) => return Err(e),
        };
        rest.push((op, t));
        k = j3;
    }
    let Some((_, last)) = rest.last() else {
        return Ok((k, first));
    };
    let span = Span {
        file: i.extra,
        start: first.span().start,
        end: last.span().end,
    };
    let (ops, tail): (Vec<Ident>, Vec<Term>) = rest.into_iter().unzip();
    let mut operands = vec![first];
    operands.extend(tail);
    Ok((
        k,
        Term::Infix {
            operands,
            ops,
            span,
        },
    ))
}

/// `operand = lambda | application | identifier | "(" , term , ")" ;`
/// `application = name , "(" , [ term , { "," , term } ] , ")" ;`
fn operand(i: In<'_>, depth: usize) -> PResult<'_, Term> {
    if depth > MAX_DEPTH {
        return too_deep(i);
    }
    let (j, _) = layout(i)?;
    if let Ok((k, back)) = punct(j, '\\') {
        return lambda(k, back, depth);
    }
    if let Ok((k, open)) = punct(j, '(') {
        let (k, inner) = term(k, depth + 1)?;
        let (k, _) = close(k, ')', open, "`)` to close `(`")?;
        let span = span_to(open.start, &k);
        return Ok((
            k,
            Term::Paren {
                inner: Box::new(inner),
                span,
            },
        ));
    }
    let w = match word(j) {
        Ok((k, w)) if w.text != "=" && w.text != "->" => (k, w),
        Ok(_) | Err(nom::Err::Error(_)) => return expected_token(j, "a term"),
        Err(e) => return Err(e),
    };
    let (k, op) = w;
    check_name(&op, "a name")?;
    if peek_punct(k, '(') {
        return application(k, op, depth);
    }
    if op.is_symbolic() {
        let e = PError::at(
            DiagnosticCode::UnexpectedToken,
            op.span.start,
            op.span.end,
            format!("expected a term, found `{}`", op.text),
            "expected a term",
        )
        .note(format!(
            "a symbol used in prefix form needs its arguments: `{}(a, b)`",
            op.text
        ));
        return failure(e);
    }
    Ok((k, Term::Name(op)))
}

/// `lambda = "\\" , identifier , { identifier } , "." , term ;` after the `\\`
fn lambda(i: In<'_>, back: Span, depth: usize) -> PResult<'_, Term> {
    let (mut k, first) = identifier(i, "a variable name after `\\`")?;
    let mut binders = vec![first];
    loop {
        if let Ok((k2, _)) = symbol(k, ".") {
            k = k2;
            break;
        }
        match identifier(k, "a variable name or `.` in the lambda") {
            Ok((k2, b)) => {
                binders.push(b);
                k = k2;
            }
            Err(e) => return Err(e),
        }
    }
    let (k, body) = term(k, depth + 1)?;
    let span = span_to(back.start, &k);
    Ok((
        k,
        Term::Lambda {
            binders,
            body: Box::new(body),
            span,
        },
    ))
}

/// The argument list of `application`, after the operator name.
fn application<'a>(i: In<'a>, op: Ident, depth: usize) -> PResult<'a, Term> {
    let (k, open) = punct(i, '(')?;
    let list = format!("arguments of `{}`", op.text);
    let (k, args) = separated(k, ')', open, &list, |k| term(k, depth + 1))?;
    let span = span_to(op.span.start, &k);
    Ok((k, Term::App { op, args, span }))
}
