//! Sort inference for one TIP term: unification over sort unknowns, polymorphic symbols
//! instantiated at each use, `match` patterns checked against the scrutinee's datatype.
//!
//! An [`Infer`] checks one top-level term (a body or a formula) under the sort parameters
//! in scope; [`Infer::finish`] then writes the solved sorts into every node.
//!
//! Invariants:
//! - every use of a polymorphic symbol gets fresh unknowns for its parameters (or the
//!   explicit sorts of `(_ f S ..)`), so two uses may differ;
//! - sort parameters in scope are rigid: they unify only with themselves;
//! - unification has the occurs check, so no infinite sort is built;
//! - after [`Infer::finish`] succeeds no unknown is left anywhere in the term; an unknown
//!   left is a `cannot-infer-sort` error at the innermost term whose sort it is.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2",
//!     "(declare-datatype list (par (a) ((nil) (cons (head a) (tail (list a))))))\n\
//!      (prove (par (b) (forall ((x b)) (= (cons x (_ nil b)) (cons x nil)))))").unwrap();
//! let goal = p.goals().next().unwrap();
//! assert_eq!(goal.body.sort.as_ref().unwrap().to_string(), "Bool");
//! ```

use std::collections::BTreeMap;

use super::ast::*;
use super::signature::{Signature, SymbolKind};
use super::Sort;
use crate::mpl::{Diagnostic, DiagnosticCode, Span};

type R<T> = Result<T, Box<Diagnostic>>;

/// Sort inference state for one top-level term.
pub struct Infer<'a> {
    sig: &'a Signature,
    /// Sort parameters in scope.
    params: &'a [String],
    /// Solutions of the unknowns, by number.
    metas: Vec<Option<Sort>>,
    /// Variables in scope, innermost last.
    vars: Vec<(String, Sort)>,
}

/// Resolves a sort as written against the declared sorts and the parameters in scope.
pub fn resolve_sort(sig: &Signature, params: &[String], s: &SortExpr) -> R<Sort> {
    match s {
        SortExpr::Fun(args, res, _) => {
            let args = args
                .iter()
                .map(|a| resolve_sort(sig, params, a))
                .collect::<R<Vec<_>>>()?;
            Ok(Sort::fun(args, resolve_sort(sig, params, res)?))
        }
        SortExpr::Con(n, args, span) => {
            let found = if params.contains(&n.text) || n.text == "Bool" {
                Some(0)
            } else {
                sig.sorts.get(&n.text).map(|i| i.arity)
            };
            let Some(arity) = found else {
                return Err(Box::new(Diagnostic::new(
                    DiagnosticCode::UnknownSort,
                    n.span,
                    format!("unknown sort `{}`", n.text),
                    "not declared",
                )));
            };
            if arity != args.len() {
                return Err(Box::new(Diagnostic::new(
                    DiagnosticCode::SortArity,
                    *span,
                    format!(
                        "sort `{}` takes {arity} sort argument{}, given {}",
                        n.text,
                        if arity == 1 { "" } else { "s" },
                        args.len()
                    ),
                    format!("expected {arity}"),
                )));
            }
            if params.contains(&n.text) {
                return Ok(Sort::Param(n.text.clone()));
            }
            if n.text == "Bool" {
                return Ok(Sort::Bool);
            }
            let args = args
                .iter()
                .map(|a| resolve_sort(sig, params, a))
                .collect::<R<Vec<_>>>()?;
            Ok(Sort::Con(n.text.clone(), args))
        }
    }
}

impl<'a> Infer<'a> {
    /// A fresh state under the sort parameters `params`, with `vars` bound.
    pub fn new(sig: &'a Signature, params: &'a [String], vars: Vec<(String, Sort)>) -> Self {
        Infer {
            sig,
            params,
            metas: Vec::new(),
            vars,
        }
    }

    fn fresh(&mut self) -> Sort {
        self.metas.push(None);
        Sort::Meta(self.metas.len() as u32 - 1)
    }

    /// The sort with every solved unknown replaced by its solution.
    fn zonk(&self, s: &Sort) -> Sort {
        match s {
            Sort::Meta(m) => match &self.metas[*m as usize] {
                Some(t) => self.zonk(t),
                None => s.clone(),
            },
            Sort::Con(c, args) => Sort::Con(c.clone(), args.iter().map(|a| self.zonk(a)).collect()),
            Sort::Fun(a, b) => Sort::Fun(Box::new(self.zonk(a)), Box::new(self.zonk(b))),
            Sort::Bool | Sort::Param(_) => s.clone(),
        }
    }

    fn occurs(&self, m: u32, s: &Sort) -> bool {
        match s {
            Sort::Meta(n) => *n == m,
            Sort::Con(_, args) => args.iter().any(|a| self.occurs(m, a)),
            Sort::Fun(a, b) => self.occurs(m, a) || self.occurs(m, b),
            Sort::Bool | Sort::Param(_) => false,
        }
    }

    fn unify(&mut self, a: &Sort, b: &Sort) -> bool {
        let (a, b) = (self.zonk(a), self.zonk(b));
        match (&a, &b) {
            (Sort::Meta(m), Sort::Meta(n)) if m == n => true,
            (Sort::Meta(m), t) | (t, Sort::Meta(m)) => {
                if self.occurs(*m, t) {
                    return false;
                }
                self.metas[*m as usize] = Some(t.clone());
                true
            }
            (Sort::Bool, Sort::Bool) => true,
            (Sort::Param(p), Sort::Param(q)) => p == q,
            (Sort::Con(c, xs), Sort::Con(d, ys)) => {
                c == d && xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.unify(x, y))
            }
            (Sort::Fun(a1, b1), Sort::Fun(a2, b2)) => self.unify(a1, a2) && self.unify(b1, b2),
            _ => false,
        }
    }

    /// Unifies the sort `found` of the term at `span` with `expected`, or reports.
    fn expect(&mut self, span: Span, found: &Sort, expected: &Sort) -> R<()> {
        if self.unify(found, expected) {
            return Ok(());
        }
        let (f, e) = (self.zonk(found), self.zonk(expected));
        Err(Box::new(Diagnostic::new(
            DiagnosticCode::SortMismatch,
            span,
            format!("expected a term of sort {e}, found one of sort {f}"),
            format!("of sort {f}"),
        )))
    }

    fn resolve(&self, s: &SortExpr) -> R<Sort> {
        resolve_sort(self.sig, self.params, s)
    }

    fn bind(&mut self, bs: &[Binder]) -> R<Vec<Sort>> {
        let mut sorts = Vec::new();
        for b in bs {
            let s = self.resolve(&b.sort)?;
            self.vars.push((b.name.text.clone(), s.clone()));
            sorts.push(s);
        }
        Ok(sorts)
    }

    /// Infers the sort of `t` (possibly with unknowns), recording it in every node.
    pub fn infer(&mut self, t: &mut Term) -> R<Sort> {
        let s = self.infer_kind(t)?;
        t.sort = Some(s.clone());
        Ok(s)
    }

    /// Checks that `t` has sort `expected`.
    pub fn check(&mut self, t: &mut Term, expected: &Sort) -> R<()> {
        let s = self.infer(t)?;
        self.expect(t.span, &s, expected)
    }

    fn infer_kind(&mut self, t: &mut Term) -> R<Sort> {
        let span = t.span;
        match &mut t.kind {
            TermKind::Bool(_) => Ok(Sort::Bool),
            TermKind::Apply {
                name,
                explicit,
                as_sort,
                args,
                head,
                instance,
            } => {
                if explicit.is_none() {
                    if let Some((_, s)) = self.vars.iter().rev().find(|(v, _)| *v == name.text) {
                        if !args.is_empty() {
                            return Err(Box::new(
                                Diagnostic::new(
                                    DiagnosticCode::NotAFunctionSort,
                                    name.span,
                                    format!("`{}` is a variable, not a function symbol", name.text),
                                    "applied directly",
                                )
                                .with_help("apply a variable of function sort with `(@ f x)`"),
                            ));
                        }
                        let s = s.clone();
                        *head = Some(Head::Var);
                        if let Some(a) = as_sort {
                            let want = self.resolve(a)?;
                            self.expect(span, &s, &want)?;
                        }
                        return Ok(s);
                    }
                }
                let Some(sym) = self.sig.symbols.get(&name.text) else {
                    return Err(Box::new(Diagnostic::new(
                        DiagnosticCode::UnknownOperator,
                        name.span,
                        format!("unknown symbol `{}`", name.text),
                        "not declared or bound",
                    )));
                };
                let inst: Vec<Sort> = match explicit {
                    Some(sorts) => {
                        if sorts.len() != sym.params.len() {
                            return Err(Box::new(Diagnostic::new(
                                DiagnosticCode::ArityMismatch,
                                span,
                                format!(
                                    "`{}` has {} sort parameter(s), given {} sort(s)",
                                    name.text,
                                    sym.params.len(),
                                    sorts.len()
                                ),
                                "wrong number of sorts",
                            )));
                        }
                        sorts.iter().map(|s| self.resolve(s)).collect::<R<_>>()?
                    }
                    None => sym.params.iter().map(|_| self.fresh()).collect(),
                };
                if args.len() != sym.args.len() {
                    return Err(Box::new(Diagnostic::new(
                        DiagnosticCode::ArityMismatch,
                        span,
                        format!(
                            "`{}` takes {} argument(s), given {}",
                            name.text,
                            sym.args.len(),
                            args.len()
                        ),
                        "wrong number of arguments",
                    )));
                }
                let map: BTreeMap<String, Sort> = sym
                    .params
                    .iter()
                    .cloned()
                    .zip(inst.iter().cloned())
                    .collect();
                let want: Vec<Sort> = sym.args.iter().map(|a| a.subst(&map)).collect();
                for (a, w) in args.iter_mut().zip(&want) {
                    self.check(a, w)?;
                }
                let result = sym.result.subst(&map);
                if let Some(a) = as_sort {
                    let annotated = self.resolve(a)?;
                    self.expect(span, &result, &annotated)?;
                }
                *head = Some(match sym.kind {
                    SymbolKind::Declared | SymbolKind::Defined => Head::Fun,
                    SymbolKind::Constructor { .. } => Head::Con,
                    SymbolKind::Selector { .. } => Head::Sel,
                });
                *instance = inst;
                Ok(result)
            }
            TermKind::Builtin(op, args) => self.builtin(*op, args, span),
            TermKind::Quant(_, bs, body) => {
                let depth = self.vars.len();
                self.bind(bs)?;
                self.check(body, &Sort::Bool)?;
                self.vars.truncate(depth);
                Ok(Sort::Bool)
            }
            TermKind::Lambda(bs, body) => {
                let depth = self.vars.len();
                let sorts = self.bind(bs)?;
                let r = self.infer(body)?;
                self.vars.truncate(depth);
                Ok(Sort::fun(sorts, r))
            }
            TermKind::Let(bs, body) => {
                let mut bound = Vec::new();
                for (n, v) in bs.iter_mut() {
                    bound.push((n.text.clone(), self.infer(v)?));
                }
                let depth = self.vars.len();
                self.vars.extend(bound);
                let r = self.infer(body)?;
                self.vars.truncate(depth);
                Ok(r)
            }
            TermKind::Match(scrutinee, cases) => self.infer_match(scrutinee, cases),
        }
    }

    fn builtin(&mut self, op: Builtin, args: &mut [Term], span: Span) -> R<Sort> {
        let (min, max) = match op {
            Builtin::Not => (1, 1),
            Builtin::And | Builtin::Or => (1, usize::MAX),
            Builtin::Implies | Builtin::Eq | Builtin::Distinct | Builtin::At => (2, usize::MAX),
            Builtin::Ite => (3, 3),
        };
        if args.len() < min || args.len() > max {
            let code = if args.len() < min {
                DiagnosticCode::TooFewOperands
            } else {
                DiagnosticCode::TooManyOperands
            };
            return Err(Box::new(Diagnostic::new(
                code,
                span,
                format!("`{}` applied to {} argument(s)", op.as_str(), args.len()),
                "wrong number of arguments",
            )));
        }
        match op {
            Builtin::Not | Builtin::And | Builtin::Or | Builtin::Implies => {
                for a in args {
                    self.check(a, &Sort::Bool)?;
                }
                Ok(Sort::Bool)
            }
            Builtin::Eq | Builtin::Distinct => {
                let s = self.infer(&mut args[0])?;
                for a in &mut args[1..] {
                    self.check(a, &s)?;
                }
                Ok(Sort::Bool)
            }
            Builtin::Ite => {
                self.check(&mut args[0], &Sort::Bool)?;
                let s = self.infer(&mut args[1])?;
                self.check(&mut args[2], &s)?;
                Ok(s)
            }
            Builtin::At => {
                let (f, rest) = args.split_at_mut(1);
                let mut cur = self.infer(&mut f[0])?;
                for a in rest {
                    let (dom, cod) = match self.zonk(&cur) {
                        Sort::Fun(d, c) => (*d, *c),
                        Sort::Meta(_) => {
                            let (d, c) = (self.fresh(), self.fresh());
                            self.unify(&cur, &Sort::fun(vec![d.clone()], c.clone()));
                            (d, c)
                        }
                        other => {
                            return Err(Box::new(Diagnostic::new(
                                DiagnosticCode::NotAFunctionSort,
                                f[0].span,
                                format!(
                                "`@` applies a term of sort {other}, which is not a function sort"
                            ),
                                format!("of sort {other}"),
                            )))
                        }
                    };
                    self.check(a, &dom)?;
                    cur = cod;
                }
                Ok(cur)
            }
        }
    }

    fn infer_match(&mut self, scrutinee: &mut Term, cases: &mut [Case]) -> R<Sort> {
        let s = self.infer(scrutinee)?;
        let s = self.zonk(&s);
        let dt = match &s {
            Sort::Con(c, args) => self.sig.datatypes.get(c).map(|d| (d, args.clone())),
            _ => None,
        };
        let Some((dt, sort_args)) = dt else {
            return Err(Box::new(Diagnostic::new(
                DiagnosticCode::MatchNotDatatype,
                scrutinee.span,
                format!("`match` over a term of sort {s}, which is not a datatype"),
                format!("of sort {s}"),
            )));
        };
        let map: BTreeMap<String, Sort> = dt.params.iter().cloned().zip(sort_args).collect();
        let result = self.fresh();
        for case in cases {
            let depth = self.vars.len();
            if let Pattern::Con {
                name,
                binders,
                ctor,
            } = &mut case.pattern
            {
                match dt.ctors.iter().position(|c| c.name == name.text) {
                    Some(k) => {
                        let fields = &dt.ctors[k].fields;
                        if fields.len() != binders.len() {
                            return Err(Box::new(Diagnostic::new(
                                DiagnosticCode::ArityMismatch,
                                name.span,
                                format!(
                                    "constructor `{}` has {} field(s), the pattern binds {}",
                                    name.text,
                                    fields.len(),
                                    binders.len()
                                ),
                                "wrong number of binders",
                            )));
                        }
                        for (b, (_, fs)) in binders.iter().zip(fields) {
                            self.vars.push((b.text.clone(), fs.subst(&map)));
                        }
                        *ctor = Some(k);
                    }
                    None if binders.is_empty() && self.sig.constructor(&name.text).is_none() => {
                        self.vars.push((name.text.clone(), s.clone()));
                        case.pattern = Pattern::Var(name.clone());
                    }
                    None => {
                        return Err(Box::new(Diagnostic::new(
                            DiagnosticCode::MatchNotDatatype,
                            name.span,
                            format!(
                                "`{}` is not a constructor of datatype `{}`",
                                name.text, dt.name
                            ),
                            format!("scrutinee of sort {s}"),
                        )))
                    }
                }
            }
            self.check(&mut case.rhs, &result)?;
            self.vars.truncate(depth);
        }
        Ok(result)
    }

    /// Writes the solved sorts into every node of `t`; an unknown left is an error.
    pub fn finish(&self, t: &mut Term) -> R<()> {
        for a in children(t) {
            self.finish(a)?;
        }
        let span = t.span;
        if let TermKind::Apply { instance, .. } = &mut t.kind {
            for s in instance.iter_mut() {
                *s = self.solved(s, span)?;
            }
        }
        if let Some(s) = &t.sort {
            t.sort = Some(self.solved(s, span)?);
        }
        Ok(())
    }

    fn solved(&self, s: &Sort, span: Span) -> R<Sort> {
        let z = self.zonk(s);
        if self.occurs_any(&z) {
            return Err(Box::new(Diagnostic::new(
                DiagnosticCode::CannotInferSort,
                span,
                format!("the sort of this term is not determined ({z})"),
                "add a sort annotation, such as (_ nil S) or (as nil (list S))",
            )));
        }
        Ok(z)
    }

    fn occurs_any(&self, s: &Sort) -> bool {
        match s {
            Sort::Meta(_) => true,
            Sort::Con(_, args) => args.iter().any(|a| self.occurs_any(a)),
            Sort::Fun(a, b) => self.occurs_any(a) || self.occurs_any(b),
            Sort::Bool | Sort::Param(_) => false,
        }
    }
}

fn children(t: &mut Term) -> Vec<&mut Term> {
    match &mut t.kind {
        TermKind::Bool(_) => Vec::new(),
        TermKind::Apply { args, .. } | TermKind::Builtin(_, args) => args.iter_mut().collect(),
        TermKind::Quant(_, _, b) | TermKind::Lambda(_, b) => vec![&mut **b],
        TermKind::Let(bs, b) => {
            let mut v: Vec<&mut Term> = bs.iter_mut().map(|(_, t)| t).collect();
            v.push(&mut **b);
            v
        }
        TermKind::Match(s, cases) => {
            let mut v: Vec<&mut Term> = vec![&mut **s];
            v.extend(cases.iter_mut().map(|c| &mut c.rhs));
            v
        }
    }
}
