//! Reading terms, formulas and clauses against a [`Signature`] (spec section 4).
//!
//! Invariants: a term is returned with its one sort, computed bottom-up: a variable has
//! its sort in scope, an operator with params is only used through its explicit instance
//! `(_ f S...)` (`missing-instance` otherwise), whose argument and result sorts are the
//! declared ones at those sorts, and `(@ f x)` needs `f : (-> A B)` and `x : A`. Sorts
//! compare structurally. Every sort written in a term or binder is read in the scope of
//! the enclosing declaration's or theorem's params. Version 3 forms (`_`, `@`,
//! parenthesised sorts) are rejected in a version 2 certificate (`needs-version-3`).
//!
//! Example: in the scope `x : N`, `((_ cons N) x (_ nil N))` has sort `(List N)` and
//! prints back the same; `(@ x x)` is `not-a-function`.

use crate::clause::{Clause, Conclusion, Exists};
use crate::error::KernelError;
use crate::limits::{within, Limit};
use crate::sexp::{self, Sexp};
use crate::signature::{Scope, Signature, Symbol, RESERVED};
use crate::sort::Sort;
use crate::term::{Equality, Head, Term};
use std::collections::BTreeMap;

/// The head of an explicit instance `(_ name sorts...)`.
const INSTANCE: &str = "_";
/// The head of an application of a function-sorted term `(@ f x)`.
const APPLY: &str = "@";
/// The existential quantifier `(exists (binders) formula)` (version 3).
pub const EXISTS: &str = "exists";

impl Signature {
    /// Reads the instance `(_ name sorts...)` (given `name sorts...`) of an operator
    /// (`preds` false) or a predicate: its head, its symbol and its sorts by parameter.
    fn instance(
        &self,
        items: &[Sexp],
        params: &[String],
        preds: bool,
    ) -> Result<(Head, &Symbol, BTreeMap<String, Sort>), KernelError> {
        if !self.version3 {
            let feature = "the instance `(_ ...)`".to_string();
            return Err(KernelError::NeedsVersion3 { feature });
        }
        let Some((Sexp::Atom(name), sorts)) = items.split_first() else {
            return Err(KernelError::BadTerm {
                term: format!("(_ {})", Sexp::List(items.to_vec())),
                reason: "an instance is (_ name sorts...)",
            });
        };
        let table = if preds { &self.preds } else { &self.ops };
        let Some(symbol) = table.get(name) else {
            return Err(KernelError::UnknownSymbol {
                symbol: name.clone(),
            });
        };
        if symbol.params.is_empty() || sorts.len() != symbol.params.len() {
            return Err(KernelError::InstanceArity {
                symbol: name.clone(),
                expected: symbol.params.len(),
                found: sorts.len(),
            });
        }
        let sorts = sorts.iter().map(|s| self.sort(s, params));
        let sorts: Vec<Sort> = sorts.collect::<Result<_, _>>()?;
        let map = symbol.params.iter().cloned().zip(sorts.iter().cloned());
        let map = map.collect();
        let head = Head {
            name: name.clone(),
            sorts,
        };
        Ok((head, symbol, map))
    }

    /// The symbol of a bare operator or predicate name (without `(_ ...)`): it must have
    /// no parameters.
    fn bare(&self, name: &str, preds: bool) -> Result<&Symbol, KernelError> {
        let table = if preds { &self.preds } else { &self.ops };
        match table.get(name) {
            None => Err(KernelError::UnknownSymbol {
                symbol: name.to_string(),
            }),
            Some(s) if !s.params.is_empty() => Err(KernelError::MissingInstance {
                symbol: name.to_string(),
            }),
            Some(s) => Ok(s),
        }
    }

    /// Sort-checks `s` as a term in `scope` (its sort variables among `params`),
    /// returning the term and its sort. Each shape is read by its own function, so that
    /// the recursion (term, arguments, term...) keeps small stack frames.
    pub fn term(
        &self,
        s: &Sexp,
        scope: &Scope,
        params: &[String],
    ) -> Result<(Term, Sort), KernelError> {
        let items = match s {
            Sexp::Atom(x) => return self.atom_term(x, scope),
            Sexp::List(items) => items,
        };
        let Some((head, args)) = items.split_first() else {
            return Err(bad_term(s, "an application starts with an operator symbol"));
        };
        match head {
            Sexp::Atom(h) if h == INSTANCE => self.instance_constant(args, params),
            Sexp::Atom(h) if h == APPLY => self.apply(args, scope, params),
            Sexp::List(inner) if matches!(inner.first(), Some(Sexp::Atom(h)) if h == INSTANCE) => {
                self.instance_app(s, inner, args, scope, params)
            }
            Sexp::Atom(f) => self.plain_app(s, f, args, scope, params),
            Sexp::List(_) => Err(bad_term(s, "an application starts with an operator symbol")),
        }
    }

    /// A variable in scope or a constant without params.
    #[inline(never)]
    fn atom_term(&self, x: &str, scope: &Scope) -> Result<(Term, Sort), KernelError> {
        if let Some((_, sort)) = scope.iter().rev().find(|(v, _)| v == x) {
            return Ok((self.intern_var(x), sort.clone()));
        }
        let op = self.bare(x, false)?;
        if !op.args.is_empty() {
            return Err(KernelError::ArityMismatch {
                symbol: x.to_string(),
                expected: op.args.len(),
                found: 0,
            });
        }
        let term = self.intern_app(Head::from(x), Vec::new());
        Ok((term, op.result.clone()))
    }

    /// `(_ c S...)`: a polymorphic constant.
    #[inline(never)]
    fn instance_constant(
        &self,
        args: &[Sexp],
        params: &[String],
    ) -> Result<(Term, Sort), KernelError> {
        let (head, op, map) = self.instance(args, params, false)?;
        if !op.args.is_empty() {
            return Err(KernelError::ArityMismatch {
                symbol: head.name,
                expected: op.args.len(),
                found: 0,
            });
        }
        let result = op.result.subst(&map);
        Ok((self.intern_app(head, Vec::new()), result))
    }

    /// `((_ f S...) t...)`: a polymorphic operator applied.
    #[inline(never)]
    fn instance_app(
        &self,
        s: &Sexp,
        inner: &[Sexp],
        args: &[Sexp],
        scope: &Scope,
        params: &[String],
    ) -> Result<(Term, Sort), KernelError> {
        if args.is_empty() {
            return Err(bad_term(s, "an application has at least one argument"));
        }
        let (head, op, map) = self.instance(&inner[1..], params, false)?;
        let sorts: Vec<Sort> = op.args.iter().map(|a| a.subst(&map)).collect();
        let out = self.args(&head.name, args, &sorts, scope, params)?;
        let result = op.result.subst(&map);
        Ok((self.intern_app(head, out), result))
    }

    /// `(f t...)`: an operator without params applied.
    #[inline(never)]
    fn plain_app(
        &self,
        s: &Sexp,
        f: &str,
        args: &[Sexp],
        scope: &Scope,
        params: &[String],
    ) -> Result<(Term, Sort), KernelError> {
        if args.is_empty() {
            return Err(bad_term(s, "an application has at least one argument"));
        }
        if scope.iter().any(|(v, _)| v == f) {
            return Err(bad_term(s, "a variable cannot be applied"));
        }
        let op = self.bare(f, false)?;
        let out = self.args(f, args, &op.args, scope, params)?;
        let term = self.intern_app(Head::from(f), out);
        Ok((term, op.result.clone()))
    }

    /// Sort-checks `(@ f x)` (given `f x`): `f : (-> A B)`, `x : A`, of sort `B`.
    fn apply(
        &self,
        args: &[Sexp],
        scope: &Scope,
        params: &[String],
    ) -> Result<(Term, Sort), KernelError> {
        if !self.version3 {
            let feature = "the application `(@ ...)`".to_string();
            return Err(KernelError::NeedsVersion3 { feature });
        }
        let [f, x] = args else {
            return Err(KernelError::ArityMismatch {
                symbol: APPLY.to_string(),
                expected: 2,
                found: args.len(),
            });
        };
        let (f, f_sort) = self.term(f, scope, params)?;
        let Sort::Fun(from, to) = f_sort else {
            let (term, sort) = (f.to_string(), f_sort.to_string());
            return Err(KernelError::NotAFunction { term, sort });
        };
        let (x, x_sort) = self.term(x, scope, params)?;
        if x_sort != *from {
            return Err(KernelError::SortMismatch {
                term: x.to_string(),
                expected: from.to_string(),
                found: x_sort.to_string(),
            });
        }
        let term = self.intern_app(Head::from(APPLY), vec![f, x]);
        Ok((term, *to))
    }

    /// Sort-checks the arguments of the operator or predicate `f` against `sorts`.
    fn args(
        &self,
        f: &str,
        args: &[Sexp],
        sorts: &[Sort],
        scope: &Scope,
        params: &[String],
    ) -> Result<Vec<Term>, KernelError> {
        if args.len() != sorts.len() {
            return Err(KernelError::ArityMismatch {
                symbol: f.to_string(),
                expected: sorts.len(),
                found: args.len(),
            });
        }
        let mut out = Vec::with_capacity(args.len());
        for (arg, want) in args.iter().zip(sorts) {
            let (t, got) = self.term(arg, scope, params)?;
            if &got != want {
                return Err(KernelError::SortMismatch {
                    term: t.to_string(),
                    expected: want.to_string(),
                    found: got.to_string(),
                });
            }
            out.push(t);
        }
        Ok(out)
    }

    /// Parses and sort-checks `text` as a term in `scope` (sort variables among `params`).
    pub fn parse_term(
        &self,
        text: &str,
        scope: &Scope,
        params: &[String],
    ) -> Result<(Term, Sort), KernelError> {
        let (term, sort) = self.term(&sexp::parse(text)?, scope, params)?;
        within(Limit::TermSize, term.size())?;
        Ok((term, sort))
    }

    /// Checks the binder list of a `forall`, returning the bound variables.
    fn binders(
        &self,
        binders: &[Sexp],
        params: &[String],
    ) -> Result<Vec<(String, Sort)>, KernelError> {
        let mut out: Vec<(String, Sort)> = Vec::new();
        let bad = |b: &Sexp, reason| KernelError::BadBinder {
            binder: b.to_string(),
            reason,
        };
        if binders.is_empty() {
            return Err(bad(
                &Sexp::List(Vec::new()),
                "a forall binds at least one variable",
            ));
        }
        for b in binders {
            let Sexp::List(pair) = b else {
                return Err(bad(b, "a binder is (variable sort)"));
            };
            let [Sexp::Atom(name), sort] = pair.as_slice() else {
                return Err(bad(b, "a binder is (variable sort)"));
            };
            if let Some(reason) = self.var_name_problem(name) {
                return Err(bad(b, reason));
            }
            if out.iter().any(|(v, _)| v == name) {
                return Err(bad(b, "the variable is bound twice by the same forall"));
            }
            let sort = self.sort(sort, params)?;
            out.push((name.clone(), sort));
        }
        Ok(out)
    }

    /// Checks that `s` is a well-sorted formula in `scope`.
    fn formula(
        &self,
        s: &Sexp,
        scope: &mut Vec<(String, Sort)>,
        params: &[String],
    ) -> Result<(), KernelError> {
        let bad = |reason| KernelError::BadFormula {
            formula: s.to_string(),
            reason,
        };
        let Sexp::List(items) = s else {
            return Err(bad("a formula is a parenthesised list"));
        };
        let Some((Sexp::Atom(head), rest)) = items.split_first() else {
            return Err(bad(
                "a formula starts with =, not, and, =>, forall, exists or atom",
            ));
        };
        match (head.as_str(), rest) {
            ("=", [l, r]) => {
                let (_, left) = self.term(l, scope, params)?;
                let (rt, right) = self.term(r, scope, params)?;
                if left != right {
                    return Err(KernelError::SortMismatch {
                        term: rt.to_string(),
                        expected: left.to_string(),
                        found: right.to_string(),
                    });
                }
                Ok(())
            }
            ("not", [f]) => self.formula(f, scope, params),
            ("and", fs) if fs.len() >= 2 => {
                fs.iter().try_for_each(|f| self.formula(f, scope, params))
            }
            ("=>", [a, b]) => {
                self.formula(a, scope, params)?;
                self.formula(b, scope, params)
            }
            (EXISTS, [Sexp::List(_), _]) if !self.version3 => {
                let feature = "the quantifier `exists`".to_string();
                Err(KernelError::NeedsVersion3 { feature })
            }
            ("forall" | EXISTS, [Sexp::List(binders), body]) => {
                let bound = self.binders(binders, params)?;
                let depth = scope.len();
                scope.extend(bound);
                let result = self.formula(body, scope, params);
                scope.truncate(depth);
                result
            }
            ("atom", [Sexp::Atom(p), args @ ..]) => {
                let pred = self.bare(p, true)?;
                self.args(p, args, &pred.args, scope, params).map(|_| ())
            }
            ("atom", [Sexp::List(inner), args @ ..]) if matches!(inner.first(), Some(Sexp::Atom(h)) if h == INSTANCE) =>
            {
                let (head, pred, map) = self.instance(&inner[1..], params, true)?;
                let sorts: Vec<Sort> = pred.args.iter().map(|a| a.subst(&map)).collect();
                self.args(&head.name, args, &sorts, scope, params)
                    .map(|_| ())
            }
            (h, _) if RESERVED.contains(&h) => Err(bad("wrong number or shape of arguments")),
            _ => Err(bad(
                "a formula starts with =, not, and, =>, forall, exists or atom",
            )),
        }
    }

    /// Parses a closed formula whose sort variables are among `params`; returns its
    /// s-expression and, if it is a clause (spec section 4), the clause (with `params`).
    pub fn statement(
        &self,
        text: &str,
        params: &[String],
    ) -> Result<(Sexp, Option<Clause>), KernelError> {
        let s = sexp::parse(text)?;
        self.formula(&s, &mut Vec::new(), params)?;
        let (vars, body) = match head(&s) {
            Some(("forall", [Sexp::List(binders), body])) => (self.binders(binders, params)?, body),
            _ => (Vec::new(), &s),
        };
        let Some((premises, conclusion)) = clause_shape(body) else {
            return Ok((s, None));
        };
        let equality =
            |scope: &[(String, Sort)], (l, r): Sides<'_>| -> Result<Equality, KernelError> {
                Ok((
                    self.term(l, scope, params)?.0,
                    self.term(r, scope, params)?.0,
                ))
            };
        let premises = premises
            .into_iter()
            .map(|eq| equality(&vars, eq))
            .collect::<Result<_, _>>()?;
        let conclusion = match conclusion {
            Shape::Eq(eq) => Conclusion::Eq(equality(&vars, eq)?),
            Shape::Falsity => Conclusion::Falsity,
            Shape::Exists(binders, body) => {
                let bound = self.binders(binders, params)?;
                if let Some((y, _)) = bound.iter().find(|(y, _)| vars.iter().any(|(v, _)| v == y)) {
                    return Err(KernelError::BadBinder {
                        binder: y.clone(),
                        reason: "an exists binder repeats a variable of the clause",
                    });
                }
                let mut scope = vars.clone();
                scope.extend(bound.iter().cloned());
                let body = body.into_iter().map(|eq| equality(&scope, eq));
                let body = body.collect::<Result<_, _>>()?;
                Conclusion::Exists(Exists { vars: bound, body })
            }
        };
        let clause = Clause {
            params: params.to_vec(),
            vars,
            premises,
            conclusion,
        };
        Ok((s, Some(clause)))
    }
}

fn bad_term(s: &Sexp, reason: &'static str) -> KernelError {
    KernelError::BadTerm {
        term: s.to_string(),
        reason,
    }
}

/// The head symbol and the arguments of a list starting with a symbol.
fn head(s: &Sexp) -> Option<(&str, &[Sexp])> {
    match s {
        Sexp::List(items) => match items.split_first() {
            Some((Sexp::Atom(h), rest)) => Some((h.as_str(), rest)),
            _ => None,
        },
        Sexp::Atom(_) => None,
    }
}

/// The two sides of `(= l r)`.
fn equation(s: &Sexp) -> Option<(&Sexp, &Sexp)> {
    match head(s) {
        Some(("=", [l, r])) => Some((l, r)),
        _ => None,
    }
}

type Sides<'s> = (&'s Sexp, &'s Sexp);

/// The conclusion of a clause body, as written.
enum Shape<'s> {
    /// `(= l r)`.
    Eq(Sides<'s>),
    /// `(not (= l r))`: its equation is the last premise.
    Falsity,
    /// `(exists (binders) body)`, the body's equations in order.
    Exists(&'s [Sexp], Vec<Sides<'s>>),
}

/// The equations of `e`: `e` itself, or the operands of `(and e1 e2 ...)`.
fn conjunction(e: &Sexp) -> Option<Vec<Sides<'_>>> {
    match (equation(e), head(e)) {
        (Some(eq), _) => Some(vec![eq]),
        (None, Some(("and", es))) => es.iter().map(equation).collect(),
        _ => None,
    }
}

/// The premises and conclusion of a clause body without `forall` (spec section 4), or
/// `None` if `s` has none of the clause shapes.
fn clause_shape(s: &Sexp) -> Option<(Vec<Sides<'_>>, Shape<'_>)> {
    let negated = |s| match head(s) {
        Some(("not", [e])) => equation(e),
        _ => None,
    };
    let existential = |s| match head(s) {
        Some((EXISTS, [Sexp::List(binders), body])) => {
            Some(Shape::Exists(binders.as_slice(), conjunction(body)?))
        }
        _ => None,
    };
    if let Some(eq) = equation(s) {
        return Some((Vec::new(), Shape::Eq(eq)));
    }
    if let Some(eq) = negated(s) {
        return Some((vec![eq], Shape::Falsity));
    }
    if let Some(ex) = existential(s) {
        return Some((Vec::new(), ex));
    }
    let Some(("=>", [p, c])) = head(s) else {
        return None;
    };
    let mut premises = conjunction(p)?;
    if let Some(eq) = equation(c) {
        return Some((premises, Shape::Eq(eq)));
    }
    if let Some(ex) = existential(c) {
        return Some((premises, ex));
    }
    premises.push(negated(c)?);
    Some((premises, Shape::Falsity))
}
