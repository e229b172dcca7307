//! The MPL parser: text to [`ast::File`] (and command-line goals to [`ast::Goal`]).
//!
//! Each parser function cites the production of `grammars/mpl.ebnf` it implements. The
//! parser is built on nom 8 over `nom_locate` spans; this file holds files, declarations
//! and goals, [`super::expr`] formulas and terms, [`super::lex`] the lexical layer.
//!
//! Invariants:
//! - it never panics: slicing goes through nom's input methods, and nesting deeper than
//!   [`super::expr::MAX_DEPTH`] is an error instead of a stack overflow;
//! - it never drops input: a file is a sequence of declarations up to the end of the text,
//!   and every form is closed by its own bracket, so trailing garbage, an extra operand
//!   or an unbalanced bracket is an error with a position;
//! - it stops at the first syntax error of a file (no recovery, so no cascades);
//! - it only checks syntax and reserved words; names are resolved by `resolve`.

use super::ast::{self, Constructor, Decl, DeclKind, FixityDecl, Goal, SortAst};
use super::diagnostic_code::DiagnosticCode;
use super::expr::{formula, term};
use super::lex::{
    at_end, digits, expected, expected_error, expected_token, failure, finish, ident_raw,
    identifier, keyword, layout, name, offset, peek_punct, punct, separated, sort_var, span_to,
    string, symbol, symbol_raw, In, PError, PResult,
};
use super::theory::{Assoc, Span};

/// `file = layout , { declaration } , end of input ;`
pub(crate) fn parse_file(file: u32, text: &str) -> Result<ast::File, PError> {
    let mut i = In::new_extra(text, file);
    let mut decls = Vec::new();
    loop {
        let (j, end) = finish(i, at_end(i))?;
        if end {
            return Ok(ast::File { decls });
        }
        let (k, d) = finish(j, declaration(j))?;
        decls.push(d);
        i = k;
    }
}

/// `goal = layout , ( formula | term , ( "=" | "!=" ) , term ) , layout , end of input ;`
///
/// Both readings are tried (no text is both); if neither parses, the error that got
/// further into the text is reported.
pub(crate) fn parse_goal(file: u32, text: &str) -> Result<Goal, PError> {
    let i = In::new_extra(text, file);
    let equation = finish(i, equation_goal(i));
    let eq_err = match equation {
        Ok((_, g)) => return Ok(g),
        Err(e) => e,
    };
    let formula = finish(i, formula_goal(i));
    match formula {
        Ok((_, g)) => Ok(g),
        Err(f_err) if eq_err.start > f_err.start => Err(eq_err),
        Err(f_err) => Err(f_err),
    }
}

fn equation_goal(i: In<'_>) -> PResult<'_, Goal> {
    let (k, lhs) = term(i, 0)?;
    let negation = punct(k, '!').and_then(|(j, _)| symbol(j, "="));
    let (k, negated) = match negation {
        Ok((k, _)) => (k, true),
        Err(_) => match symbol(k, "=") {
            Ok((k, _)) => (k, false),
            Err(_) => return expected(k, "`=` between the two sides of the equation"),
        },
    };
    let (k, rhs) = term(k, 0)?;
    let k = end_of_goal(k)?;
    let span = Span {
        file: i.extra,
        start: lhs.span().start,
        end: rhs.span().end,
    };
    Ok((
        k,
        Goal::Equation {
            lhs,
            rhs,
            negated,
            span,
        },
    ))
}

fn formula_goal(i: In<'_>) -> PResult<'_, Goal> {
    let (k, f) = formula(i, 0)?;
    let k = end_of_goal(k)?;
    Ok((k, Goal::Formula(f)))
}

fn end_of_goal(k: In<'_>) -> Result<In<'_>, nom::Err<PError>> {
    let (k, end) = at_end(k)?;
    if end {
        Ok(k)
    } else {
        expected_token(k, "the end of the goal").map(|(k, ())| k)
    }
}

/// `declaration = theory decl | import decl | sort decl | inductive decl | op decl |
/// pred decl | axiom decl | conjecture decl | def decl | fixity decl ;` each ending in
/// `";"`.
fn declaration(i: In<'_>) -> PResult<'_, Decl> {
    let (j, _) = layout(i)?;
    let start = offset(&j);
    let kw = ident_raw(j).ok().map(|(_, w)| *w.fragment());
    let (k, kind) = match kw {
        Some("theory") => theory_decl(j)?,
        Some("import") => import_decl(j)?,
        Some("sort") => sort_decl(j)?,
        Some("inductive") => inductive_decl(j)?,
        Some("op") => op_decl(j)?,
        Some("pred") => pred_decl(j)?,
        Some("axiom") | Some("conjecture") => statement_decl(j)?,
        Some("def") => def_decl(j)?,
        Some("infixl") | Some("infixr") | Some("infix") => fixity_decl(j)?,
        _ => {
            return failure(expected_error(j, "a declaration").note(
                "declarations start with `theory`, `import`, `sort`, `inductive`, `op`, `pred`, `axiom`, `conjecture`, `def` or a fixity (`infixl`, `infixr`, `infix`)",
            ))
        }
    };
    let (k, _) = match punct(k, ';') {
        Ok(r) => r,
        Err(_) => return expected(k, "`;` to end the declaration"),
    };
    Ok((
        k,
        Decl {
            kind,
            span: span_to(start, &k),
        },
    ))
}

/// `theory decl = "theory" , identifier , ";" ;` (without the `;`)
fn theory_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "theory")?;
    let (k, n) = identifier(k, "the theory's name")?;
    Ok((k, DeclKind::Theory(n)))
}

/// `import decl = "import" , string , ";" ;` (without the `;`)
fn import_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "import")?;
    match string(k) {
        Ok((k, s)) => Ok((k, DeclKind::Import(s))),
        Err(nom::Err::Error(_)) => expected_token(k, "a quoted path, e.g. `\"lib.mpl\"`"),
        Err(e) => Err(e),
    }
}

/// `sort decl = "sort" , identifier , ";" ;` (without the `;`)
fn sort_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "sort")?;
    let (k, n) = identifier(k, "a sort name")?;
    Ok((k, DeclKind::Sort(n)))
}

/// `inductive decl = "inductive" , identifier , [ sort params ] , "=" , constructor ,
/// { "|" , constructor } , ";" ;` (without the `;`)
fn inductive_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "inductive")?;
    let (k, name) = identifier(k, "a sort name")?;
    let (k, params) = match punct(k, '(') {
        Ok((k, open)) => separated(k, ')', open, "sort parameters", |k| match sort_var(k) {
            Ok(r) => Ok(r),
            Err(nom::Err::Error(_)) => expected_token(k, "a sort variable, e.g. `'a`"),
            Err(e) => Err(e),
        })?,
        Err(_) => (k, Vec::new()),
    };
    let (mut k, _) = match symbol(k, "=") {
        Ok(r) => r,
        Err(_) => return expected(k, "`=` before the constructors"),
    };
    let mut constructors = Vec::new();
    loop {
        let (k2, c) = constructor(k)?;
        constructors.push(c);
        k = k2;
        match symbol(k, "|") {
            Ok((k2, _)) => k = k2,
            Err(_) if peek_punct(k, ';') => break,
            Err(_) => return expected(k, "`|` or `;` after a constructor"),
        }
    }
    Ok((
        k,
        DeclKind::Inductive {
            name,
            params,
            constructors,
        },
    ))
}

/// `constructor = name , [ sort list ] ;`
fn constructor(i: In<'_>) -> PResult<'_, Constructor> {
    let (k, name) = name(i, "a constructor name")?;
    let (k, args) = if peek_punct(k, '(') {
        sort_list(k)?
    } else {
        (k, Vec::new())
    };
    let span = span_to(name.span.start, &k);
    Ok((k, Constructor { name, args, span }))
}

/// `sort list = "(" , [ sort expr , { "," , sort expr } ] , ")" ;`
fn sort_list(i: In<'_>) -> PResult<'_, Vec<SortAst>> {
    let (k, open) = punct(i, '(')?;
    separated(k, ')', open, "sort list", sort_expr)
}

/// `sort expr = sort atom , [ "->" , sort expr ] ;` (right associative)
pub(crate) fn sort_expr(i: In<'_>) -> PResult<'_, SortAst> {
    let (k, from) = sort_atom(i)?;
    match symbol(k, "->") {
        Ok((k2, _)) => {
            let (k3, to) = sort_expr(k2)?;
            let span = Span {
                file: i.extra,
                start: from.span().start,
                end: to.span().end,
            };
            Ok((
                k3,
                SortAst::Fun {
                    from: Box::new(from),
                    to: Box::new(to),
                    span,
                },
            ))
        }
        Err(_) => Ok((k, from)),
    }
}

/// `sort atom = sort variable | identifier , [ "(" , sort expr , { "," , sort expr } ,
/// ")" ] | "(" , sort expr , ")" ;`
fn sort_atom(i: In<'_>) -> PResult<'_, SortAst> {
    if let Ok((k, open)) = punct(i, '(') {
        let (k, inner) = sort_expr(k)?;
        return match punct(k, ')') {
            Ok((k, _)) => Ok((k, inner)),
            Err(_) => {
                failure(expected_error(k, "`)` to close the sort").related(open, "the `(` opened"))
            }
        };
    }
    match sort_var(i) {
        Ok((k, v)) => return Ok((k, SortAst::Name(v))),
        Err(nom::Err::Failure(e)) => return Err(nom::Err::Failure(e)),
        Err(_) => {}
    }
    let (k, name) = identifier(i, "a sort")?;
    let Ok((k2, open)) = punct(k, '(') else {
        return Ok((k, SortAst::Name(name)));
    };
    let (k3, args) = separated(k2, ')', open, "sort arguments", sort_expr)?;
    if args.is_empty() {
        return failure(expected_error(k2, "a sort argument"));
    }
    let span = span_to(name.span.start, &k3);
    Ok((k3, SortAst::App { name, args, span }))
}

/// `op decl = "op" , name , [ sort list ] , "->" , sort expr , [ fixity ] , ";" ;`
/// (without the `;`)
fn op_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "op")?;
    let (k, name) = name(k, "an operator name")?;
    let (k, args) = if peek_punct(k, '(') {
        sort_list(k)?
    } else {
        (k, Vec::new())
    };
    let (k, _) = match symbol(k, "->") {
        Ok(r) => r,
        Err(_) => return expected(k, "`->` and the result sort"),
    };
    let (k, result) = sort_expr(k)?;
    let (k, fixity) = fixity(k)?;
    Ok((
        k,
        DeclKind::Op {
            name,
            args,
            result,
            fixity,
        },
    ))
}

/// `fixity = ( "infixl" | "infixr" | "infix" ) , digit ;` (optional)
fn fixity(i: In<'_>) -> PResult<'_, Option<FixityDecl>> {
    let options = [
        ("infixl", Assoc::Left),
        ("infixr", Assoc::Right),
        ("infix", Assoc::None),
    ];
    let Some((k, kw, assoc)) = options
        .iter()
        .find_map(|(kw, a)| keyword(i, kw).ok().map(|(k, s)| (k, s, *a)))
    else {
        return Ok((i, None));
    };
    let (k2, d) = match digits(k) {
        Ok(r) => r,
        Err(nom::Err::Error(_)) => return expected_token(k, "a precedence from 0 to 9"),
        Err(e) => return Err(e),
    };
    let text = *d.fragment();
    let dspan = span_to(offset(&d), &k2);
    if text.len() != 1 {
        return failure(
            PError::at(
                DiagnosticCode::PrecedenceOutOfRange,
                dspan.start,
                dspan.end,
                "precedence out of range",
                "must be a single digit from 0 to 9",
            )
            .note("higher precedence binds tighter; `*` is usually 7 and `+` 6"),
        );
    }
    let prec = text.as_bytes()[0] - b'0';
    let span = Span {
        file: i.extra,
        start: kw.start,
        end: dspan.end,
    };
    Ok((k2, Some(FixityDecl { assoc, prec, span })))
}

/// `pred decl = "pred" , name , [ sort list ] , ";" ;` (without the `;`)
fn pred_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "pred")?;
    let (k, name) = name(k, "a predicate name")?;
    let (k, args) = if peek_punct(k, '(') {
        sort_list(k)?
    } else {
        (k, Vec::new())
    };
    Ok((k, DeclKind::Pred { name, args }))
}

/// `axiom decl = "axiom" , identifier , ":" , formula , ";" ;` and
/// `conjecture decl = "conjecture" , identifier , ":" , formula , ";" ;` (without the `;`)
fn statement_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, is_axiom) = match keyword(i, "axiom") {
        Ok((k, _)) => (k, true),
        Err(_) => (keyword(i, "conjecture")?.0, false),
    };
    let what = if is_axiom { "axiom" } else { "conjecture" };
    let (k, name) = identifier(k, &format!("the {what}'s name"))?;
    let (k, _) = match punct(k, ':') {
        Ok(r) => r,
        Err(_) => return expected(k, &format!("`:` after the {what} name")),
    };
    let (k, formula) = formula(k, 0)?;
    let kind = if is_axiom {
        DeclKind::Axiom { name, formula }
    } else {
        DeclKind::Conjecture { name, formula }
    };
    Ok((k, kind))
}

/// `def decl = "def" , name , "[" , [ name , { "," , name } ] , "]" , ":=" , formula ,
/// ";" ;` (without the `;`)
fn def_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, _) = keyword(i, "def")?;
    let (k, def) = name(k, "the definition's name")?;
    let (k, bracket) = match punct(k, '[') {
        Ok(r) => r,
        Err(_) => {
            return failure(
                expected_error(k, &format!("`[` and the parameters of `{}`", def.text))
                    .note("a definition lists its parameters, e.g. `def fXY[f,X,Y] := ...;`"),
            )
        }
    };
    let (k, params) = separated(k, ']', bracket, "parameter list", |k| {
        name(k, "a parameter name")
    })?;
    let k = assign(k)?;
    let (k, body) = formula(k, 0)?;
    Ok((
        k,
        DeclKind::Def {
            name: def,
            params,
            body,
        },
    ))
}

/// The `":="` of a definition: a colon immediately followed by `=`.
fn assign(k: In<'_>) -> Result<In<'_>, nom::Err<PError>> {
    if let Ok((k2, _)) = punct(k, ':') {
        if let Ok((k3, s)) = symbol_raw(k2) {
            if *s.fragment() == "=" {
                return Ok(k3);
            }
        }
    }
    expected(k, "`:=` before the definition's body").map(|(k, ())| k)
}

/// `fixity decl = fixity , name , ";" ;` (without the `;`)
fn fixity_decl(i: In<'_>) -> PResult<'_, DeclKind> {
    let (k, fixity) = fixity(i)?;
    let Some(fixity) = fixity else {
        return expected_token(i, "`infixl`, `infixr` or `infix`");
    };
    let (k, name) = name(k, "the operator whose fixity this is")?;
    Ok((k, DeclKind::Fixity { name, fixity }))
}
