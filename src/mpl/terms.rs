//! Reading the terms of a formula: names (constants or variables), applications, infix
//! chains grouped by [`super::fixity`], and the sort each position expects.
//!
//! Part of the formula resolver ([`super::formula`]): every term comes back with its
//! resolved form and its sort (known, or a slot whose sort inference will settle), and a
//! mismatch is reported where the term is, with what was expected.

use super::ast;
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::fixity::{self, ChainOp, Tree};
use super::formula::{arity_error, free_and_bound, sort_name, Cx, Mode, RTerm};
use super::infer::{Expect, Ty};
use super::theory::{OpId, SortId, Span};

impl Cx<'_> {
    pub(super) fn term(&mut self, t: &ast::Term, expect: Option<Expect>) -> Option<(RTerm, Ty)> {
        match t {
            ast::Term::Paren { inner, .. } => self.term(inner, expect),
            ast::Term::Name(id) => self.name(id, expect),
            ast::Term::App { op, args, span } => {
                let Some(o) = super::predicate::term_operator(self.theory, &op.text) else {
                    self.unknown_symbol(op, "operator");
                    for a in args {
                        self.term(a, None);
                    }
                    return None;
                };
                self.apply(o, args, *span, expect)
            }
            ast::Term::Infix { operands, ops, .. } => self.infix(operands, ops, expect),
            ast::Term::Lambda { span, .. } => {
                self.diags.push(Diagnostic::new(
                    DiagnosticCode::UnexpectedToken,
                    *span,
                    "a lambda cannot be read here",
                    "lambdas are read in the statements of a file, not in goals",
                ));
                None
            }
        }
    }

    /// Applies a resolved operator to argument terms and checks the result sort.
    fn apply(
        &mut self,
        o: OpId,
        args: &[ast::Term],
        span: Span,
        expect: Option<Expect>,
    ) -> Option<(RTerm, Ty)> {
        let sig = self.theory.op(o).args.clone();
        let name = self.theory.op(o).name.clone();
        if sig.len() != args.len() {
            self.diags
                .push(arity_error(&name, "operator", sig.len(), args.len(), span));
            for a in args {
                self.term(a, None);
            }
            return None;
        }
        let mut out = Vec::new();
        for (k, (a, s)) in args.iter().zip(&sig).enumerate() {
            let why = format!("argument {} of `{name}`", k + 1);
            out.push(self.term(a, Some(Expect { sort: *s, why })));
        }
        let args: Vec<RTerm> = out
            .into_iter()
            .map(|t| t.map(|(t, _)| t))
            .collect::<Option<_>>()?;
        let result = self.theory.op(o).result;
        self.check_result(result, span, expect)?;
        Some((RTerm::App(o, args), Ty::Known(result)))
    }

    pub(super) fn check_result(
        &mut self,
        result: SortId,
        span: Span,
        expect: Option<Expect>,
    ) -> Option<()> {
        match expect {
            Some(e) if e.sort != result => {
                let d = Diagnostic::new(
                    DiagnosticCode::SortMismatch,
                    span,
                    format!(
                        "sort mismatch: expected `{}`, found `{}`",
                        sort_name(self.theory, e.sort),
                        sort_name(self.theory, result)
                    ),
                    format!(
                        "this has sort `{}`, but {} has sort `{}`",
                        sort_name(self.theory, result),
                        e.why,
                        sort_name(self.theory, e.sort)
                    ),
                );
                self.diags.push(d);
                None
            }
            _ => Some(()),
        }
    }

    fn name(&mut self, id: &ast::Ident, expect: Option<Expect>) -> Option<(RTerm, Ty)> {
        let name = &id.text;
        if let Some(&slot) = self
            .scope
            .iter()
            .rev()
            .find(|&&s| &self.inf.slots[s].name == name)
        {
            return self.var(slot, id.span, expect);
        }
        if let Some(o) = super::predicate::term_operator(self.theory, name) {
            let arity = self.theory.op(o).args.len();
            if arity != 0 {
                let d = arity_error(name, "operator", arity, 0, id.span).with_help(format!(
                    "apply it: `{name}({})`",
                    vec!["..."; arity].join(", ")
                ));
                self.diags.push(d);
                return None;
            }
            let result = self.theory.op(o).result;
            self.check_result(result, id.span, expect)?;
            return Some((RTerm::App(o, Vec::new()), Ty::Known(result)));
        }
        if self.hints.poisoned.iter().any(|p| p == name) {
            return None;
        }
        if id.is_symbolic() {
            // A bare symbol argument of an atom that is not an operator.
            self.unknown_symbol(id, "operator");
            return None;
        }
        if self.mode == Mode::Closed {
            if !self.unbound_reported.contains(name) {
                self.unbound_reported.push(name.clone());
                let d = Diagnostic::new(DiagnosticCode::UnboundVariable, id.span, format!("unbound variable `{name}`"), "not bound by an enclosing `>[...]`")
                    .with_help(format!(
                        "axioms must be closed: bind it with `(>[{name}] ...)`, or declare a constant `op {name} -> SORT;`"
                    ));
                self.diags.push(d);
            }
            return None;
        }
        if let Some(&slot) = self.free.iter().find(|&&s| &self.inf.slots[s].name == name) {
            return self.var(slot, id.span, expect);
        }
        if let Some((_, bspan)) = self.bound_names.iter().find(|(n, _)| n == name) {
            let d = free_and_bound(name, id.span, *bspan);
            self.diags.push(d);
            return None;
        }
        let slot = self.inf.new_slot(name, id.span, None);
        self.free.push(slot);
        self.var(slot, id.span, expect)
    }

    fn var(&mut self, slot: usize, span: Span, expect: Option<Expect>) -> Option<(RTerm, Ty)> {
        if let Some(e) = expect {
            if let Err(d) = self.inf.constrain(self.theory, slot, span, &e) {
                self.diags.push(*d);
                return None;
            }
            return Some((RTerm::Var(slot), Ty::Known(e.sort)));
        }
        Some((RTerm::Var(slot), Ty::Class(slot)))
    }

    fn infix(
        &mut self,
        operands: &[ast::Term],
        ops: &[ast::Ident],
        expect: Option<Expect>,
    ) -> Option<(RTerm, Ty)> {
        let mut chain = Vec::new();
        let mut ids = Vec::new();
        for o in ops {
            match super::predicate::term_operator(self.theory, &o.text) {
                None => self.unknown_symbol(o, "operator"),
                Some(id) => match self.theory.op(id).fixity {
                    Some(fixity) => {
                        chain.push(ChainOp {
                            name: o.text.clone(),
                            fixity,
                            span: o.span,
                        });
                        ids.push(id);
                    }
                    None => {
                        let d = Diagnostic::new(
                            DiagnosticCode::NotInfix,
                            o.span,
                            format!("operator `{}` is not declared infix", o.text),
                            "used infix here",
                        )
                        .with_related(self.theory.op(id).span, format!("`{}` is declared", o.text))
                        .with_help(format!(
                            "write `{}(a, b)`, or declare it with a fixity, e.g. `infixl 6`",
                            o.text
                        ));
                        self.diags.push(d);
                    }
                },
            }
        }
        let tree = if chain.len() == ops.len() {
            match fixity::group(&chain) {
                Ok(t) => Some(t),
                Err(d) => {
                    self.diags.push(*d);
                    None
                }
            }
        } else {
            None
        };
        let Some(tree) = tree else {
            for t in operands {
                self.term(t, None);
            }
            return None;
        };
        self.build(&tree, operands, &ids, expect)
            .map(|(t, ty, _)| (t, ty))
    }

    /// Resolves a grouped chain; also returns the span of the subtree.
    fn build(
        &mut self,
        tree: &Tree,
        operands: &[ast::Term],
        ids: &[OpId],
        expect: Option<Expect>,
    ) -> Option<(RTerm, Ty, Span)> {
        match tree {
            Tree::Leaf(k) => {
                let t = &operands[*k];
                self.term(t, expect).map(|(r, ty)| (r, ty, t.span()))
            }
            Tree::Node(k, l, r) => {
                let o = ids[*k];
                let sig = self.theory.op(o).args.clone();
                let name = self.theory.op(o).name.clone();
                let (ls, rs) = (sig.first().copied()?, sig.get(1).copied()?);
                let left = self.build(
                    l,
                    operands,
                    ids,
                    Some(Expect {
                        sort: ls,
                        why: format!("the left operand of `{name}`"),
                    }),
                );
                let right = self.build(
                    r,
                    operands,
                    ids,
                    Some(Expect {
                        sort: rs,
                        why: format!("the right operand of `{name}`"),
                    }),
                );
                let ((lt, _, lspan), (rt, _, rspan)) = (left?, right?);
                let span = Span {
                    file: lspan.file,
                    start: lspan.start,
                    end: rspan.end,
                };
                let result = self.theory.op(o).result;
                self.check_result(result, span, expect)?;
                Some((RTerm::App(o, vec![lt, rt]), Ty::Known(result), span))
            }
        }
    }
}
