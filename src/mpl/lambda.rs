//! Building a formula read by [`super::poly`] over the tables: instances on demand,
//! application `@`, and lambda lifting (`docs/logic.md`, section 1).
//!
//! Invariants:
//! - the k-th lambda of the file (counting from 0, in order of appearance, an enclosing
//!   lambda before those in its body) becomes the operator `lam.k`, whose arguments are
//!   the lambda's free variables (in order of first occurrence in its body) and whose
//!   result is the lambda's function sort; when its sorts mention sort variables it is a
//!   scheme (params in order of first occurrence, arguments then result) with the
//!   generic instance `lam.k['a]`, used at the formula's own sort variables;
//! - its defining axiom `lam.k.def` is `(>[fvs, x1, ..., xn] (=[@(...@(lam.k(fvs),
//!   x1)..., xn), body]))`, pushed before the statement that uses the lambda;
//! - `@` is the scheme with params `('a, 'b)`, args `('a -> 'b, 'a)` and result `'b`,
//!   added to the tables (with its generic instance `@['a, 'b]`) the first time it is
//!   used.
//!
//! ```
//! let t = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); op k -> N -> N; axiom a: (=[k, \\x. s(x)]);",
//! ).unwrap();
//! assert_eq!(t.axioms[0].name, "lam.0.def");
//! assert_eq!(ergo::mpl::print::formula(&t, &t.axioms[0].formula),
//!            "(>[x:N] (=[@(lam.0, x), s(x)]))");
//! ```

use super::diagnostic::Diagnostic;
use super::poly::{Lam, OpRef, PFormula, PSlot, PTerm};
use super::resolve_poly::table_error;
use super::tables;
use super::theory::{
    Axiom, Formula, Instance, OpId, Operator, Scheme, SortId, Span, Term, Theory, Var,
};
use super::unify::{Ty, Unifier};
use super::SortExpr;

/// The name of the application scheme.
pub const APPLY: &str = "@";

/// Adds the scheme `@` and its generic instance if absent.
pub(crate) fn ensure_apply(theory: &mut Theory, span: Span) {
    let sig = theory.signature_mut();
    if sig.op_scheme(APPLY).is_some() {
        return;
    }
    let a = tables::param(sig, "'a", span);
    let b = tables::param(sig, "'b", span);
    let fun = SortExpr::Fun(
        Box::new(SortExpr::Name("'a".into())),
        Box::new(SortExpr::Name("'b".into())),
    );
    let f = tables::ensure(sig, &fun, span).expect("a function sort of two variables");
    sig.operators.push(Operator {
        name: tables::instance_name(sig, APPLY, &[a, b]),
        args: vec![f, a],
        result: b,
        fixity: None,
        constructor: false,
        span,
        instance: Some(Instance {
            scheme: APPLY.to_string(),
            args: vec![a, b],
        }),
    });
    sig.op_schemes.push(Scheme {
        name: APPLY.to_string(),
        params: vec![a, b],
    });
}

struct Builder<'a> {
    theory: &'a mut Theory,
    u: &'a Unifier,
    span: Span,
    vars: Vec<Var>,
    lam_ops: Vec<OpId>,
}

/// Builds `body` (and the definitions of `lams`) over the tables; `counter` numbers the
/// lambdas of the file.
pub(crate) fn build(
    theory: &mut Theory,
    u: &Unifier,
    slots: &[PSlot],
    lams: &[Lam],
    body: &PFormula,
    counter: &mut usize,
    span: Span,
) -> Result<(Formula, Vec<Axiom>), Vec<Diagnostic>> {
    let mut b = Builder {
        theory,
        u,
        span,
        vars: Vec::new(),
        lam_ops: Vec::new(),
    };
    b.run(slots, lams, body, counter).map_err(|d| vec![*d])
}

impl Builder<'_> {
    fn sort(&mut self, t: &Ty) -> Result<SortId, Box<Diagnostic>> {
        let e = self
            .u
            .resolve(t)
            .expr()
            .expect("generalisation leaves no unknown");
        tables::ensure(self.theory.signature_mut(), &e, self.span)
            .map_err(|err| Box::new(table_error(&err, self.span)))
    }

    fn run(
        &mut self,
        slots: &[PSlot],
        lams: &[Lam],
        body: &PFormula,
        counter: &mut usize,
    ) -> Result<(Formula, Vec<Axiom>), Box<Diagnostic>> {
        for s in slots {
            let sort = self.sort(&s.ty)?;
            let name = self.theory.intern(&s.name);
            self.vars.push(Var { name, sort });
        }
        if !lams.is_empty() || uses_apply(body) {
            ensure_apply(self.theory, self.span);
        }
        for (k, lam) in lams.iter().enumerate() {
            let op = self.lambda_op(*counter + k, lam)?;
            self.lam_ops.push(op);
        }
        let mut defs = Vec::new();
        for (k, lam) in lams.iter().enumerate() {
            defs.push(self.definition(*counter + k, k, lam)?);
        }
        *counter += lams.len();
        let f = self.formula(body)?;
        Ok((f, defs))
    }

    fn lambda_op(&mut self, n: usize, lam: &Lam) -> Result<OpId, Box<Diagnostic>> {
        let args: Vec<SortId> = lam.free.iter().map(|&s| self.vars[s].sort).collect();
        let result = self.sort(&lam.ty)?;
        let sig = self.theory.signature_mut();
        let mut names = Vec::new();
        for s in args.iter().chain([&result]) {
            tables::vars_into(&sig.sort_expr(*s), &mut names);
        }
        let params: Vec<SortId> = names.iter().filter_map(|v| sig.sort_by_name(v)).collect();
        let scheme = format!("lam.{n}");
        let (name, instance) = if params.is_empty() {
            (scheme.clone(), None)
        } else {
            sig.op_schemes.push(Scheme {
                name: scheme.clone(),
                params: params.clone(),
            });
            (
                tables::instance_name(sig, &scheme, &params),
                Some(Instance {
                    scheme,
                    args: params,
                }),
            )
        };
        sig.operators.push(Operator {
            name,
            args,
            result,
            fixity: None,
            constructor: false,
            span: self.span,
            instance,
        });
        Ok(OpId(sig.operators.len() as u32 - 1))
    }

    fn definition(&mut self, n: usize, k: usize, lam: &Lam) -> Result<Axiom, Box<Diagnostic>> {
        let free: Vec<Term> = lam.free.iter().map(|&s| Term::Var(self.vars[s])).collect();
        let mut lhs = Term::App(self.lam_ops[k], free);
        let mut cur = self.u.resolve(&lam.ty);
        for &b in &lam.binders {
            let Ty::Fun(from, to) = cur else {
                unreachable!("a lambda's sort is a function sort per binder")
            };
            let f = self.apply_op(&from, &to)?;
            lhs = Term::App(f, vec![lhs, Term::Var(self.vars[b])]);
            cur = *to;
        }
        let rhs = self.term(&lam.body)?;
        let vars: Vec<Var> = lam
            .free
            .iter()
            .chain(&lam.binders)
            .map(|&s| self.vars[s])
            .collect();
        Ok(Axiom {
            name: format!("lam.{n}.def"),
            formula: Formula::Forall(vars, Box::new(Formula::Eq(lhs, rhs))),
            span: self.span,
            instance: None,
        })
    }

    fn apply_op(&mut self, from: &Ty, to: &Ty) -> Result<OpId, Box<Diagnostic>> {
        let a = self.sort(from)?;
        let b = self.sort(to)?;
        tables::op_instance(self.theory.signature_mut(), APPLY, &[a, b], self.span)
            .map_err(|e| Box::new(table_error(&e, self.span)))
    }

    fn term(&mut self, t: &PTerm) -> Result<Term, Box<Diagnostic>> {
        match t {
            PTerm::Var(s) => Ok(Term::Var(self.vars[*s])),
            PTerm::Op(r, tys, args) => {
                let args = args
                    .iter()
                    .map(|a| self.term(a))
                    .collect::<Result<Vec<_>, _>>()?;
                let op = match r {
                    OpRef::Mono(o) => *o,
                    OpRef::Lam(k) => self.lam_ops[*k],
                    OpRef::Scheme(name) => {
                        let sorts = tys
                            .iter()
                            .map(|t| self.sort(t))
                            .collect::<Result<Vec<_>, _>>()?;
                        tables::op_instance(self.theory.signature_mut(), name, &sorts, self.span)
                            .map_err(|e| Box::new(table_error(&e, self.span)))?
                    }
                };
                Ok(Term::App(op, args))
            }
        }
    }

    fn formula(&mut self, f: &PFormula) -> Result<Formula, Box<Diagnostic>> {
        Ok(match f {
            PFormula::Eq(l, r) => Formula::Eq(self.term(l)?, self.term(r)?),
            PFormula::Atom(p, args) => Formula::Atom(
                *p,
                args.iter()
                    .map(|a| self.term(a))
                    .collect::<Result<_, _>>()?,
            ),
            PFormula::Not(x) => Formula::Not(Box::new(self.formula(x)?)),
            PFormula::And(xs) => Formula::And(
                xs.iter()
                    .map(|x| self.formula(x))
                    .collect::<Result<_, _>>()?,
            ),
            PFormula::Implies(a, b) => {
                Formula::Implies(Box::new(self.formula(a)?), Box::new(self.formula(b)?))
            }
            PFormula::Forall(vs, x) => Formula::Forall(
                vs.iter().map(|&s| self.vars[s]).collect(),
                Box::new(self.formula(x)?),
            ),
        })
    }
}

fn uses_apply(f: &PFormula) -> bool {
    fn term(t: &PTerm) -> bool {
        match t {
            PTerm::Var(_) => false,
            PTerm::Op(r, _, args) => {
                matches!(r, OpRef::Scheme(n) if n == APPLY) || args.iter().any(term)
            }
        }
    }
    match f {
        PFormula::Eq(l, r) => term(l) || term(r),
        PFormula::Atom(_, args) => args.iter().any(term),
        PFormula::Not(x) => uses_apply(x),
        PFormula::And(xs) => xs.iter().any(uses_apply),
        PFormula::Implies(a, b) => uses_apply(a) || uses_apply(b),
        PFormula::Forall(_, x) => uses_apply(x),
    }
}
