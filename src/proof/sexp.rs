//! The one reader of certificate statements and terms outside the kernel: s-expression
//! text (certificate format section 4) back into theory [`Formula`]s, [`Clause`]s and
//! [`Term`]s, for `--lemmas`, the renderers and the exporters (which only ever see
//! kernel-checked certificates).
//!
//! Invariants:
//! - [`formula`] accepts exactly the formula syntax of section 4: `(= t u)`, `(not F)`,
//!   `(and F F+)`, `(=> F F)`, `(forall ((x S)+) F)`, `(exists ((x S)+) F)` (read as
//!   MPL writes it, `(not (forall ((x S)+) (not F)))`) and `(atom p t*)`; [`statement`]
//!   further requires a clause (equations, disequations, conditional facts with
//!   conjunction premises; predicates are Prop-valued operators, so their facts are
//!   equations too);
//! - [`term`] accepts a symbol, or `(` symbol term+ `)`; a symbol is a variable when it
//!   is one of the variables in scope (the innermost binder wins), else it must be an
//!   operator of the theory with that arity, applied to arguments of its argument sorts;
//!   `(_ op S..)` is the instance of the scheme `op` at the sorts `S..` and `(@ f x)` the
//!   application instance at the sorts of `f` and `x` (format version 3);
//! - parsing is iterative, so no input overflows the stack while parsing; binder names
//!   are interned in the theory (a reader's own copy).
//!
//! Example: reading a derived disequation back.
//!
//! ```
//! # use std::path::Path;
//! let text = "theory t; inductive N = 0 | s(N);";
//! let mut th = ergo::mpl::load_str(Path::new("t.mpl"), text).unwrap();
//! let c = ergo::proof::sexp::statement(&mut th, "(forall ((x N)) (not (= (s x) x)))").unwrap();
//! assert!(c.goal.is_falsity() && c.negated && c.premises.len() == 1);
//! ```

use super::clause::Clause;
use super::syntax::APPLY;
use crate::mpl::{Formula, InstantiateError, PredId, SortExpr, SortId, Term, Theory, Var};

/// Why certificate text could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SexpError {
    /// Unbalanced parentheses, an empty list, trailing input or an unknown form.
    #[error("malformed term `{0}`")]
    Malformed(String),
    /// A symbol that is neither a variable nor an operator of that arity.
    #[error("unknown symbol `{0}` with {1} arguments")]
    Unknown(String, usize),
    /// A well-formed formula that is not a clause (section 4).
    #[error("statement `{0}` is not a clause")]
    NotAClause(String),
    /// An operator applied to arguments of other sorts than its own.
    #[error("`{0}` applied to arguments of other sorts")]
    IllSorted(String),
    /// A sort the text mentions that the theory cannot be instantiated at.
    #[error("{0}")]
    Instantiate(#[from] InstantiateError),
}

/// Reads `text` as a term over `theory`, with `vars` as its variables.
pub fn term(theory: &Theory, vars: &[Var], text: &str) -> Result<Term, SexpError> {
    let tree = parse(text).ok_or_else(|| SexpError::Malformed(text.to_string()))?;
    read_term(theory, vars, &tree, text)
}

/// Reads a formula of the certificate format, interning its binders' names in `theory`;
/// the sorts it mentions that are not in the tables are added first
/// ([`Theory::instantiate`], with the instances they need).
pub fn formula(theory: &mut Theory, text: &str) -> Result<Formula, SexpError> {
    let tree = parse(text).ok_or_else(|| SexpError::Malformed(text.to_string()))?;
    add_sorts(theory, &tree)?;
    read_formula(theory, &[], &tree, text)
}

/// Reads a sort expression of the certificate format: `N`, `'a`, `(List N)`, `(-> A B)`.
pub fn sort_expr(text: &str) -> Option<SortExpr> {
    read_sort_expr(&parse(text)?)
}

fn read_sort_expr(s: &Sexp) -> Option<SortExpr> {
    match s {
        Sexp::Atom(a) if !matches!(*a, "->" | "_" | APPLY) => Some(SortExpr::Name(a.to_string())),
        Sexp::Atom(_) => None,
        Sexp::List(items) => match items.as_slice() {
            [Sexp::Atom("->"), a, b] => Some(SortExpr::Fun(
                Box::new(read_sort_expr(a)?),
                Box::new(read_sort_expr(b)?),
            )),
            [Sexp::Atom(f), args @ ..] if !args.is_empty() && !matches!(*f, "->" | "_" | APPLY) => {
                Some(SortExpr::App(
                    f.to_string(),
                    args.iter().map(read_sort_expr).collect::<Option<_>>()?,
                ))
            }
            _ => None,
        },
    }
}

/// The sort of the tables a sort expression names.
fn sort_id(theory: &Theory, s: &Sexp) -> Option<SortId> {
    match s {
        Sexp::Atom(a) => theory.sort_by_name(a),
        _ => theory.sort_id_of(&read_sort_expr(s)?),
    }
}

/// Instantiates `theory` at the sorts `s` mentions (binder sorts and the sorts of
/// `(_ op S..)`) that are not in its tables yet; nothing changes when all are there.
fn add_sorts(theory: &mut Theory, s: &Sexp) -> Result<(), SexpError> {
    let mut missing = Vec::new();
    let mut stack = vec![s];
    while let Some(s) = stack.pop() {
        let Sexp::List(items) = s else { continue };
        match items.as_slice() {
            [Sexp::Atom("forall" | "exists"), Sexp::List(binders), body] => {
                for b in binders {
                    if let Sexp::List(pair) = b {
                        if let [_, sort] = pair.as_slice() {
                            mention(theory, sort, &mut missing);
                        }
                    }
                }
                stack.push(body);
            }
            [Sexp::Atom("_"), _, sorts @ ..] => {
                sorts.iter().for_each(|x| mention(theory, x, &mut missing));
            }
            _ => stack.extend(items.iter()),
        }
    }
    if !missing.is_empty() {
        *theory = theory.instantiate(&missing)?;
    }
    Ok(())
}

fn mention(theory: &Theory, sort: &Sexp, missing: &mut Vec<SortExpr>) {
    if sort_id(theory, sort).is_none() {
        if let Some(e) = read_sort_expr(sort) {
            if !missing.contains(&e) {
                missing.push(e);
            }
        }
    }
}

/// Reads a theorem statement (a clause), interning its variable names in `theory`.
pub fn statement(theory: &mut Theory, text: &str) -> Result<Clause, SexpError> {
    let f = formula(theory, text)?;
    Clause::from_formula(&f).ok_or_else(|| SexpError::NotAClause(text.to_string()))
}

/// An s-expression.
enum Sexp<'t> {
    Atom(&'t str),
    List(Vec<Sexp<'t>>),
}

fn parse(text: &str) -> Option<Sexp<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == '(' || c == ')' || c.is_whitespace() {
            if let Some(s) = start.take() {
                tokens.push(&text[s..i]);
            }
            if !c.is_whitespace() {
                tokens.push(&text[i..i + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    let mut stack: Vec<Vec<Sexp>> = vec![Vec::new()];
    for tok in tokens {
        match tok {
            "(" => stack.push(Vec::new()),
            ")" => {
                let list = stack.pop()?;
                stack.last_mut()?.push(Sexp::List(list));
            }
            atom => stack.last_mut()?.push(Sexp::Atom(atom)),
        }
    }
    let mut top = stack.pop()?;
    if !stack.is_empty() || top.len() != 1 {
        return None;
    }
    top.pop()
}

fn read_formula(
    theory: &mut Theory,
    scope: &[Var],
    s: &Sexp,
    text: &str,
) -> Result<Formula, SexpError> {
    let malformed = || SexpError::Malformed(text.to_string());
    let Sexp::List(items) = s else {
        return Err(malformed());
    };
    let Some((Sexp::Atom(head), rest)) = items.split_first() else {
        return Err(malformed());
    };
    let sub = |theory: &mut Theory, x: &Sexp| read_formula(theory, scope, x, text);
    Ok(match (*head, rest) {
        ("=", [l, r]) => Formula::Eq(
            read_term(theory, scope, l, text)?,
            read_term(theory, scope, r, text)?,
        ),
        ("not", [x]) => Formula::Not(Box::new(sub(theory, x)?)),
        ("and", xs) if xs.len() >= 2 => Formula::And(
            xs.iter()
                .map(|x| sub(theory, x))
                .collect::<Result<_, _>>()?,
        ),
        ("=>", [a, b]) => Formula::Implies(Box::new(sub(theory, a)?), Box::new(sub(theory, b)?)),
        (q @ ("forall" | "exists"), [Sexp::List(binders), body]) if !binders.is_empty() => {
            let mut vars = Vec::new();
            for b in binders {
                let Sexp::List(pair) = b else {
                    return Err(malformed());
                };
                let [Sexp::Atom(name), sort] = pair.as_slice() else {
                    return Err(malformed());
                };
                let sort = sort_id(theory, sort).ok_or_else(malformed)?;
                vars.push(Var {
                    name: theory.intern(name),
                    sort,
                });
            }
            let mut inner = scope.to_vec();
            inner.extend(vars.iter().copied());
            let body = read_formula(theory, &inner, body, text)?;
            if q == "exists" {
                // The MPL spelling of `∃ys. B`: `!(>[ys] !B)`.
                let body = Formula::Not(Box::new(body));
                Formula::Not(Box::new(Formula::Forall(vars, Box::new(body))))
            } else {
                Formula::Forall(vars, Box::new(body))
            }
        }
        ("atom", [Sexp::Atom(p), args @ ..]) => {
            let pred = theory
                .predicates
                .iter()
                .position(|x| x.name == *p)
                .ok_or_else(|| SexpError::Unknown(p.to_string(), args.len()))?;
            let args = args
                .iter()
                .map(|a| read_term(theory, scope, a, text))
                .collect::<Result<_, _>>()?;
            Formula::Atom(PredId(pred as u32), args)
        }
        _ => return Err(malformed()),
    })
}

fn read_term(theory: &Theory, scope: &[Var], s: &Sexp, text: &str) -> Result<Term, SexpError> {
    let malformed = || SexpError::Malformed(text.to_string());
    let (head, args) = match s {
        Sexp::Atom(a) => {
            if let Some(v) = scope.iter().rev().find(|v| theory.name(v.name) == *a) {
                return Ok(Term::Var(*v));
            }
            (s, Vec::new())
        }
        Sexp::List(items) if is_instance(items) => (s, Vec::new()),
        Sexp::List(items) => {
            let Some((head, rest)) = items.split_first() else {
                return Err(malformed());
            };
            if rest.is_empty() || matches!(head, Sexp::List(h) if !is_instance(h)) {
                return Err(malformed());
            }
            let args = rest
                .iter()
                .map(|a| read_term(theory, scope, a, text))
                .collect::<Result<Vec<_>, _>>()?;
            (head, args)
        }
    };
    let op = match head {
        Sexp::Atom(APPLY) => {
            let [f, x] = args.as_slice() else {
                return Err(SexpError::Unknown(APPLY.to_string(), args.len()));
            };
            let (fs, xs) = (theory.sort_of(f), theory.sort_of(x));
            theory.operators.iter().position(|o| {
                o.instance.as_ref().is_some_and(|i| i.scheme == APPLY) && o.args == [fs, xs]
            })
        }
        Sexp::Atom(name) => theory
            .op_by_name(name)
            .filter(|&op| theory.op(op).args.len() == args.len())
            .map(|op| op.0 as usize),
        Sexp::List(items) => {
            let [_, Sexp::Atom(scheme), sorts @ ..] = items.as_slice() else {
                return Err(malformed());
            };
            let sorts = sorts
                .iter()
                .map(|x| sort_id(theory, x))
                .collect::<Option<Vec<_>>>();
            theory.operators.iter().position(|o| {
                o.args.len() == args.len()
                    && o.instance
                        .as_ref()
                        .is_some_and(|i| i.scheme == *scheme && Some(&i.args) == sorts.as_ref())
            })
        }
    };
    let op = op.ok_or_else(|| SexpError::Unknown(head_text(head), args.len()))?;
    let o = &theory.operators[op];
    if o.args
        .iter()
        .zip(&args)
        .any(|(&s, a)| theory.sort_of(a) != s)
    {
        return Err(SexpError::IllSorted(head_text(head)));
    }
    Ok(Term::App(crate::mpl::OpId(op as u32), args))
}

/// Whether a list is an instance head `(_ op S..)`.
fn is_instance(items: &[Sexp]) -> bool {
    matches!(items, [Sexp::Atom("_"), Sexp::Atom(_), ..])
}

/// A head as text, for diagnostics: `cons`, `(_ cons N)`.
fn head_text(s: &Sexp) -> String {
    match s {
        Sexp::Atom(a) => a.to_string(),
        Sexp::List(items) => {
            let inner: Vec<String> = items.iter().map(head_text).collect();
            format!("({})", inner.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpl::SExpr;

    fn peano() -> Theory {
        crate::mpl::peano_for_tests()
    }

    /// A variable of sort `N` called `name`.
    fn var(th: &mut Theory, name: &str) -> Var {
        let sort = th.sort_by_name("N").unwrap();
        Var {
            name: th.intern(name),
            sort,
        }
    }

    #[test]
    fn reads_back_what_the_certificate_writer_prints() {
        let mut th = peano();
        let (x, y) = (var(&mut th, "x"), var(&mut th, "y"));
        for text in ["0", "x", "(s (+ x y))", "(* (+ x (s 0)) y)"] {
            let t = term(&th, &[x, y], text).unwrap();
            assert_eq!(SExpr(&th, &t).to_string(), text);
        }
    }

    #[test]
    fn reads_every_clause_form_the_writer_prints() {
        let mut th = peano();
        for text in [
            "(forall ((x N) (y N)) (= (+ x y) (+ y x)))",
            "(= (+ 0 0) 0)",
            "(forall ((x N)) (not (= (s x) x)))",
            "(forall ((a N) (b N) (c N)) (=> (= (+ a b) (+ a c)) (= b c)))",
            "(forall ((x N) (y N)) (=> (and (= x y) (= y x)) (not (= x (s y)))))",
        ] {
            let f = formula(&mut th, text).unwrap();
            assert_eq!(crate::proof::theory_section::formula(&th, &f), text);
            assert!(statement(&mut th, text).is_ok(), "{text}");
        }
        assert_eq!(
            statement(&mut th, "(not (not (= 0 0)))"),
            Err(SexpError::NotAClause("(not (not (= 0 0)))".into()))
        );
    }

    #[test]
    fn rejects_malformed_and_unknown_terms() {
        let mut th = peano();
        let x = var(&mut th, "x");
        for bad in [
            "", "(", ")", "(s x", "(s x))", "()", "(s)", "x y", "((s) x)",
        ] {
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
        for bad in [
            "(forall ((x Q)) (= x x))",
            "(= x)",
            "(or (= 0 0))",
            "(= 0 0",
        ] {
            assert!(formula(&mut th, bad).is_err(), "{bad}");
        }
    }
}
