//! Reading the terms of a polymorphic formula ([`super::poly`]): variables, operator
//! and scheme uses with fresh sort unknowns, application of variables (`@`), lambdas and
//! eta-expansions, infix chains; each term comes back with its sort.

use super::ast;
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::fixity::{self, ChainOp, Tree};
use super::formula::{arity_error, Mode};
use super::poly::{vars_of, Lam, OpRef, PTerm, Px};
use super::theory::{Span, Theory};
use super::unify::Ty;

impl Px<'_> {
    /// A term and its sort, with the sort `want` required (reported where the term is).
    pub(super) fn term_at(&mut self, t: &ast::Term, want: &Ty) -> Option<PTerm> {
        let (r, ty) = self.term(t)?;
        if self.u.unify(&ty, want) {
            return Some(r);
        }
        let (has, want) = (self.u.resolve(&ty), self.u.resolve(want));
        self.diags.push(Diagnostic::new(
            DiagnosticCode::SortMismatch,
            t.span(),
            format!("sort mismatch: expected `{want}`, found `{has}`"),
            format!("this has sort `{has}`, but `{want}` is expected here"),
        ));
        None
    }

    pub(super) fn term(&mut self, t: &ast::Term) -> Option<(PTerm, Ty)> {
        match t {
            ast::Term::Paren { inner, .. } => self.term(inner),
            ast::Term::Name(id) => self.name(id),
            ast::Term::App { op, args, span } => {
                if let Some(slot) = self.variable(&op.text) {
                    let f = (PTerm::Var(slot), self.slots[slot].ty.clone());
                    return self.apply_value(f, op, args);
                }
                let Some(r) = lookup(self.theory, &op.text) else {
                    self.unknown(op);
                    for a in args {
                        self.term(a);
                    }
                    return None;
                };
                let (arg_tys, result, tys) = self.signature(&r);
                if arg_tys.len() != args.len() {
                    let d = arity_error(&op.text, "operator", arg_tys.len(), args.len(), *span);
                    self.diags.push(d);
                    return None;
                }
                let out: Vec<Option<PTerm>> = args
                    .iter()
                    .zip(&arg_tys)
                    .map(|(a, w)| self.term_at(a, w))
                    .collect();
                let out: Option<Vec<PTerm>> = out.into_iter().collect();
                Some((PTerm::Op(r, tys, out?), result))
            }
            ast::Term::Infix { operands, ops, .. } => self.infix(operands, ops),
            ast::Term::Lambda { binders, body, .. } => {
                let index = self.lambdas.len();
                self.lambdas.push(Lam {
                    binders: Vec::new(),
                    body: PTerm::Var(0),
                    free: Vec::new(),
                    ty: Ty::Name(String::new()),
                });
                let mut slots = Vec::new();
                for b in binders {
                    if lookup(self.theory, &b.text).is_some()
                        || self.scope.iter().any(|&s| self.slots[s].name == b.text)
                    {
                        self.diags.push(Diagnostic::new(
                            DiagnosticCode::Shadowing,
                            b.span,
                            format!(
                                "lambda binder `{}` clashes with an operator or a bound variable",
                                b.text
                            ),
                            "rename it",
                        ));
                        return None;
                    }
                    let ty = self.u.fresh();
                    slots.push(self.slot(&b.text, b.span, ty));
                }
                let depth = self.scope.len();
                self.scope.extend(&slots);
                let body = self.term(body);
                self.scope.truncate(depth);
                let (body, body_ty) = body?;
                Some(self.lambda(index, slots, body, body_ty))
            }
        }
    }

    /// Records lambda `index` and returns its use.
    pub(super) fn lambda(
        &mut self,
        index: usize,
        binders: Vec<usize>,
        body: PTerm,
        body_ty: Ty,
    ) -> (PTerm, Ty) {
        let mut free = Vec::new();
        vars_of(&body, &mut free);
        free.retain(|v| !binders.contains(v));
        let ty = binders.iter().rev().fold(body_ty, |acc, b| {
            Ty::Fun(Box::new(self.slots[*b].ty.clone()), Box::new(acc))
        });
        self.lambdas[index] = Lam {
            binders,
            body,
            free: free.clone(),
            ty: ty.clone(),
        };
        let args = free.into_iter().map(PTerm::Var).collect();
        (PTerm::Op(OpRef::Lam(index), Vec::new(), args), ty)
    }

    /// The variable a name refers to here, if any (bound, or free in a conjecture).
    pub(super) fn variable(&self, name: &str) -> Option<usize> {
        self.scope
            .iter()
            .rev()
            .chain(self.free.iter())
            .copied()
            .find(|&s| self.slots[s].name == name)
    }

    /// `f(a1, ..., an)` with `f` a value: `@(...@(f, a1)..., an)`.
    fn apply_value(
        &mut self,
        mut f: (PTerm, Ty),
        head: &ast::Ident,
        args: &[ast::Term],
    ) -> Option<(PTerm, Ty)> {
        for a in args {
            let from = self.u.fresh();
            let to = self.u.fresh();
            let want = Ty::Fun(Box::new(from.clone()), Box::new(to.clone()));
            if !self.u.unify(&f.1, &want) {
                let has = self.u.resolve(&f.1);
                self.diags.push(Diagnostic::new(
                    DiagnosticCode::NotAFunctionSort,
                    head.span,
                    format!("`{}` is applied but is not a function", head.text),
                    format!("this has sort `{has}`, not a function sort `A -> B`"),
                ));
                return None;
            }
            let arg = self.term_at(a, &from)?;
            f = (
                PTerm::Op(
                    OpRef::Scheme("@".into()),
                    vec![from, to.clone()],
                    vec![f.0, arg],
                ),
                to,
            );
        }
        Some(f)
    }

    /// The argument sorts, result sort and sort arguments of a fresh use of an operator.
    pub(super) fn signature(&mut self, r: &OpRef) -> (Vec<Ty>, Ty, Vec<Ty>) {
        let theory = self.theory;
        match r {
            OpRef::Mono(o) => {
                let op = theory.op(*o);
                let args = op
                    .args
                    .iter()
                    .map(|a| Ty::of(&theory.sort_expr(*a), &[]))
                    .collect();
                (args, Ty::of(&theory.sort_expr(op.result), &[]), Vec::new())
            }
            OpRef::Scheme(name) => {
                let scheme = theory.op_scheme(name).expect("a scheme");
                let generic = theory.op(theory.generic_op(name).expect("its generic instance"));
                let tys: Vec<Ty> = scheme.params.iter().map(|_| self.u.fresh()).collect();
                let map: Vec<(String, Ty)> = scheme
                    .params
                    .iter()
                    .map(|p| theory.sort(*p).name.clone())
                    .zip(tys.iter().cloned())
                    .collect();
                let args = generic
                    .args
                    .iter()
                    .map(|a| Ty::of(&theory.sort_expr(*a), &map))
                    .collect();
                (args, Ty::of(&theory.sort_expr(generic.result), &map), tys)
            }
            OpRef::Lam(_) => unreachable!("lambdas are not looked up by name"),
        }
    }

    fn name(&mut self, id: &ast::Ident) -> Option<(PTerm, Ty)> {
        let name = &id.text;
        if let Some(slot) = self.variable(name) {
            return Some((PTerm::Var(slot), self.slots[slot].ty.clone()));
        }
        if let Some(r) = lookup(self.theory, name) {
            let (args, result, tys) = self.signature(&r);
            if args.is_empty() {
                return Some((PTerm::Op(r, tys, Vec::new()), result));
            }
            return Some(self.eta(r, args, result, tys, id.span));
        }
        if self.hints.poisoned.iter().any(|p| p == name) {
            return None;
        }
        if id.is_symbolic() {
            self.unknown(id);
            return None;
        }
        if self.mode == Mode::Closed {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::UnboundVariable,
                    id.span,
                    format!("unbound variable `{name}`"),
                    "not bound by an enclosing `>[...]`",
                )
                .with_help(format!(
                    "axioms must be closed: bind it with `(>[{name}] ...)`"
                )),
            );
            return None;
        }
        let ty = self.u.fresh();
        let slot = self.slot(name, id.span, ty.clone());
        self.free.push(slot);
        Some((PTerm::Var(slot), ty))
    }

    /// The eta-expansion `\x1 ... xn. f(x1, ..., xn)` of an operator used bare.
    fn eta(
        &mut self,
        r: OpRef,
        args: Vec<Ty>,
        result: Ty,
        tys: Vec<Ty>,
        span: Span,
    ) -> (PTerm, Ty) {
        let index = self.lambdas.len();
        self.lambdas.push(Lam {
            binders: Vec::new(),
            body: PTerm::Var(0),
            free: Vec::new(),
            ty: Ty::Name(String::new()),
        });
        let mut slots = Vec::new();
        let mut k = 1;
        for a in args {
            let name = loop {
                let n = format!("x{k}");
                k += 1;
                if !self.names.contains(&n) && !self.slots.iter().any(|s| s.name == n) {
                    break n;
                }
            };
            slots.push(self.slot(&name, span, a));
        }
        let body = PTerm::Op(r, tys, slots.iter().map(|&s| PTerm::Var(s)).collect());
        self.lambda(index, slots, body, result)
    }

    fn infix(&mut self, operands: &[ast::Term], ops: &[ast::Ident]) -> Option<(PTerm, Ty)> {
        let mut chain = Vec::new();
        let mut refs = Vec::new();
        for o in ops {
            let Some(r) = lookup(self.theory, &o.text) else {
                self.unknown(o);
                return None;
            };
            let fixity = match &r {
                OpRef::Mono(id) => self.theory.op(*id).fixity,
                OpRef::Scheme(n) => self
                    .theory
                    .generic_op(n)
                    .and_then(|g| self.theory.op(g).fixity),
                OpRef::Lam(_) => None,
            };
            let Some(fixity) = fixity else {
                self.diags.push(Diagnostic::new(
                    DiagnosticCode::NotInfix,
                    o.span,
                    format!("operator `{}` is not declared infix", o.text),
                    "used infix here",
                ));
                return None;
            };
            chain.push(ChainOp {
                name: o.text.clone(),
                fixity,
                span: o.span,
            });
            refs.push(r);
        }
        let tree = match fixity::group(&chain) {
            Ok(t) => t,
            Err(d) => {
                self.diags.push(*d);
                return None;
            }
        };
        self.build(&tree, operands, &refs)
    }

    fn build(
        &mut self,
        tree: &Tree,
        operands: &[ast::Term],
        refs: &[OpRef],
    ) -> Option<(PTerm, Ty)> {
        match tree {
            Tree::Leaf(k) => self.term(&operands[*k]),
            Tree::Node(k, l, r) => {
                let (args, result, tys) = self.signature(&refs[*k]);
                let left = self.build(l, operands, refs);
                let right = self.build(r, operands, refs);
                let ((lt, lty), (rt, rty)) = (left?, right?);
                let ok =
                    args.len() == 2 && self.u.unify(&lty, &args[0]) && self.u.unify(&rty, &args[1]);
                if !ok {
                    self.diags.push(Diagnostic::new(
                        DiagnosticCode::SortMismatch,
                        operands[0].span(),
                        format!(
                            "sort mismatch in the operands of `{}`",
                            refs_name(self.theory, &refs[*k])
                        ),
                        format!(
                            "operands of sorts `{}` and `{}`",
                            self.u.resolve(&lty),
                            self.u.resolve(&rty)
                        ),
                    ));
                    return None;
                }
                Some((PTerm::Op(refs[*k].clone(), tys, vec![lt, rt]), result))
            }
        }
    }

    fn unknown(&mut self, id: &ast::Ident) {
        if self.hints.poisoned.iter().any(|p| p == &id.text) {
            return;
        }
        let mut d = Diagnostic::new(
            DiagnosticCode::UnknownOperator,
            id.span,
            format!("unknown operator `{}`", id.text),
            "not declared, and not a variable of function sort",
        );
        if let Some(&later) = self.hints.declared_anywhere.get(&id.text) {
            d = d
                .with_related(later, format!("`{}` is declared later", id.text))
                .with_help("move the declaration before its first use");
        }
        self.diags.push(d);
    }
}

fn refs_name(theory: &Theory, r: &OpRef) -> String {
    match r {
        OpRef::Mono(o) => theory.op_shown(*o).to_string(),
        OpRef::Scheme(n) => n.clone(),
        OpRef::Lam(k) => format!("lambda {k}"),
    }
}

/// The operator a name refers to in terms: a scheme, else a plain operator.
pub(super) fn lookup(theory: &Theory, name: &str) -> Option<OpRef> {
    if name == "@" {
        return None;
    }
    if theory.op_scheme(name).is_some() {
        return Some(OpRef::Scheme(name.to_string()));
    }
    super::predicate::term_operator(theory, name)
        .filter(|&o| theory.op(o).instance.is_none())
        .map(OpRef::Mono)
}
