//! GL's relational atoms and definition uses, as the formula resolver reads them.
//!
//! - `(in[x, X])`: `X` is a sort (GL's sets are ergo's sorts); the atom constrains the
//!   sort of `x` and otherwise reads as true.
//! - `(in2[x, y, f])`: `(x, y)` is in the graph of the unary operator `f`, read as the
//!   equation `f(x) = y`.
//! - `(in3[x, y, z, f])`: `(x, y, z)` is in the graph of the binary operator `f`, read as
//!   `f(x, y) = z`.
//! - `(NAME[a1, ..., an])` for a definition `NAME`: its expansion (see
//!   [`super::define`]), read in place.
//!
//! `x`, `y`, `z` are arbitrary terms. A relation of `in2`/`in3` must be an operator:
//! every operator of ergo is a total function, so "declared functional and total" means
//! declared, whether by `op`, as a constructor, or by a signature axiom such as
//! `(fXYZ[+,N,N,N])` (see [`super::declare`]). A user predicate or definition named `in`,
//! `in2` or `in3` takes precedence over the built-in relation.
//!
//! Reading any of these atoms marks the formula as relational: the resolver then
//! simplifies it ([`super::simplify`]).

use super::define;
use crate::mpl::ast;
use crate::mpl::diagnostic::{Diagnostic, DiagnosticCode};
use crate::mpl::formula::{arity_error, listing, sort_name, Cx, RFormula, RTerm};
use crate::mpl::infer::Expect;
use crate::mpl::theory::{Definition, OpId, Span};

impl Cx<'_> {
    /// Reads `(def[args])` as the expansion of the definition.
    pub(super) fn use_definition(
        &mut self,
        def: &Definition,
        args: &[ast::Term],
        span: Span,
    ) -> Option<RFormula> {
        self.relational = true;
        if def.params.len() != args.len() {
            self.diags.push(define::arity_error(def, args.len(), span));
            return None;
        }
        self.expansions += 1;
        if self.expansions > define::MAX_EXPANSIONS {
            if self.expansions == define::MAX_EXPANSIONS + 1 {
                self.diags.push(Diagnostic::new(
                    DiagnosticCode::TooManyExpansions,
                    span,
                    format!(
                        "more than {} definition uses to expand in one statement",
                        define::MAX_EXPANSIONS
                    ),
                    "expanding this use goes over the limit",
                ));
            }
            return None;
        }
        let mut avoid = self.names.clone();
        for &s in self.scope.iter().chain(&self.free) {
            avoid.insert(self.inf.slots[s].name.clone());
        }
        let body = match define::expand(self.theory, def, args, &avoid) {
            Ok(b) => b,
            Err(ds) => {
                self.diags.extend(ds);
                return None;
            }
        };
        let before = self.diags.len();
        let out = self.formula(&body);
        let inside = |s: Span| {
            s.file == def.decl_span.file
                && s.start >= def.decl_span.start
                && s.end <= def.decl_span.end
        };
        for d in &mut self.diags[before..] {
            if d.span.is_some_and(inside) {
                d.related
                    .push((span, format!("in this use of `{}`", def.name)));
            } else if !d.related.iter().any(|(s, _)| inside(*s)) {
                d.related
                    .push((def.span, format!("an argument of `{}`, defined", def.name)));
            }
        }
        out
    }

    /// Reads a built-in relational atom `in`, `in2` or `in3`.
    pub(super) fn relation(
        &mut self,
        pred: &ast::Ident,
        args: &[ast::Term],
        span: Span,
    ) -> Option<RFormula> {
        self.relational = true;
        let arity = match pred.text.as_str() {
            "in" => 2,
            "in2" => 3,
            _ => 4,
        };
        if args.len() != arity {
            let d = arity_error(&pred.text, "relation", arity, args.len(), span).with_note(
                "`(in[x, X])`: x is in the set X; `(in2[x, y, f])`: f(x) = y; `(in3[x, y, z, f])`: f(x, y) = z",
            );
            self.diags.push(d);
            for a in args {
                if !matches!(a, ast::Term::Name(n) if n.is_symbolic()) {
                    self.term(a, None);
                }
            }
            return None;
        }
        if arity == 2 {
            return self.membership(&args[0], &args[1]);
        }
        let (inputs, rest) = args.split_at(arity - 2);
        let (output, relation) = (&rest[0], &rest[1]);
        let op = self.function(&pred.text, relation, arity - 2);
        let Some(op) = op else {
            for a in inputs.iter().chain([output]) {
                self.term(a, None);
            }
            return None;
        };
        let o = self.theory.op(op);
        let (name, sig, result) = (o.name.clone(), o.args.clone(), o.result);
        let mut ins = Vec::new();
        for (k, (a, s)) in inputs.iter().zip(&sig).enumerate() {
            let why = format!("argument {} of `{name}`", k + 1);
            ins.push(self.term(a, Some(Expect { sort: *s, why })));
        }
        let why = format!("the result of `{name}`");
        let out = self.term(output, Some(Expect { sort: result, why }));
        let ins: Vec<RTerm> = ins
            .into_iter()
            .map(|t| t.map(|(t, _)| t))
            .collect::<Option<_>>()?;
        let (out, _) = out?;
        Some(RFormula::Eq(RTerm::App(op, ins), out))
    }

    /// `(in[x, X])`: constrains `x` to sort `X`; reads as true.
    fn membership(&mut self, element: &ast::Term, set: &ast::Term) -> Option<RFormula> {
        let ast::Term::Name(id) = set else {
            let d = Diagnostic::new(
                DiagnosticCode::ExpectedName,
                set.span(),
                "the set of `in[x, X]` must be a sort name",
                "not a name",
            )
            .with_note("GL's sets are ergo's sorts: `in[x, X]` says that x has sort X");
            self.diags.push(d);
            self.term(element, None);
            return None;
        };
        let Some(sort) = self.theory.sort_by_name(&id.text) else {
            let label = if self.theory.sorts.is_empty() {
                "not a sort; no sorts are declared".to_string()
            } else {
                format!(
                    "not a sort; declared sorts: {}",
                    listing(self.theory.sorts.iter().map(|s| s.name.as_str()))
                )
            };
            let d = Diagnostic::new(
                DiagnosticCode::UnknownSort,
                id.span,
                format!("unknown set `{}`", id.text),
                label,
            )
            .with_note("GL's sets are ergo's sorts: `in[x, X]` says that x has sort X")
            .with_help(format!(
                "declare it: `sort {0};` or `inductive {0} = ...;`",
                id.text
            ));
            self.diags.push(d);
            self.term(element, None);
            return None;
        };
        let why = format!("the element of the set `{}`", sort_name(self.theory, sort));
        self.term(element, Some(Expect { sort, why }))?;
        Some(RFormula::True)
    }

    /// The operator named by the last argument of `in2`/`in3`, which must take `arity`
    /// arguments.
    fn function(&mut self, rel: &str, relation: &ast::Term, arity: usize) -> Option<OpId> {
        let ast::Term::Name(id) = relation else {
            let d = Diagnostic::new(
                DiagnosticCode::ExpectedName,
                relation.span(),
                format!("the last argument of `{rel}` must name a function"),
                "not a name",
            );
            self.diags.push(d);
            return None;
        };
        let wanted = if arity == 1 { "a unary" } else { "a binary" };
        let Some(op) = crate::mpl::predicate::term_operator(self.theory, &id.text) else {
            if self.hints.poisoned.iter().any(|p| p == &id.text) {
                return None;
            }
            let is_pred = crate::mpl::predicate::is_predicate(self.theory, &id.text);
            let (message, label) = if is_pred {
                (
                    format!("`{}` is a relation not declared functional", id.text),
                    format!("a predicate; `{rel}` needs the graph of {wanted} function"),
                )
            } else {
                (
                    format!("`{}` is not declared as a function", id.text),
                    format!("`{rel}` needs the graph of {wanted} function"),
                )
            };
            let (params, sorts) = if arity == 1 {
                ("X,Y", "X")
            } else {
                ("X,Y,Z", "X, Y")
            };
            let d = Diagnostic::new(DiagnosticCode::NotAFunction, id.span, message, label).with_help(format!(
                "declare it: `op {0}({sorts}) -> {1};`, or by an axiom stating its signature, e.g. `({2}[{0},{params}])` with `{2}` defined as GL's",
                id.text,
                if arity == 1 { "Y" } else { "Z" },
                if arity == 1 { "fXY" } else { "fXYZ" },
            ));
            self.diags.push(d);
            return None;
        };
        let o = self.theory.op(op);
        if o.args.len() != arity {
            let n = o.args.len();
            let mut d = Diagnostic::new(
                DiagnosticCode::ArityMismatch,
                id.span,
                format!(
                    "`{rel}` needs {wanted} function, but `{}` takes {n} argument{}",
                    id.text,
                    if n == 1 { "" } else { "s" }
                ),
                format!("takes {n} argument{}", if n == 1 { "" } else { "s" }),
            )
            .with_related(o.span, format!("`{}` is declared", id.text));
            d = match n {
                1 => d.with_help("use `(in2[x, y, f])` for f(x) = y"),
                2 => d.with_help("use `(in3[x, y, z, f])` for f(x, y) = z"),
                _ => d.with_help("write the equation with terms: `(=[f(...), y])`"),
            };
            self.diags.push(d);
            return None;
        }
        Some(op)
    }
}
