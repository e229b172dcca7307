//! The declarations of the wider logic (`docs/logic.md`, section 1): parametric
//! inductive sorts, operators whose signatures use sort expressions, and statements
//! read by the polymorphic resolver ([`super::poly`]).
//!
//! Invariants (with [`super::tables`]):
//! - `inductive List('a) = nil | cons('a, List('a));` adds the `Param` sorts (`'a`, one
//!   per name in the theory), the family (`Signature::families`), its generic instance
//!   `List('a)` (shape `Instance`), and per constructor a scheme (params: the family's)
//!   with its generic instance `cons['a]`; a constructor may use only the family's
//!   variables (`unknown-sort-variable`);
//! - `op map('a -> 'b, List('a)) -> List('b);` is a scheme whose params are the sort
//!   variables of its signature in order of first occurrence (arguments, then result),
//!   with its generic instance `map['a, 'b]`; an operator whose sorts are structured but
//!   without variables (`op len(List(N)) -> N;`) is a plain operator;
//! - a sort expression names declared sorts and families with their exact arity
//!   (`unknown-sort`, `sort-arity`).
//!
//! ```
//! let t = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive List('a) = nil | cons('a, List('a));",
//! ).unwrap();
//! assert_eq!(t.families[0].name, "List");
//! assert_eq!(t.sort(t.families[0].generic).name, "List('a)");
//! assert_eq!(t.op(t.generic_op("cons").unwrap()).name, "cons['a]");
//! ```

use super::ast::{self, SortAst};
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::formula::{unknown_sort, Mode};
use super::instantiate::SortExpr;
use super::resolve::Resolver;
use super::tables::{self, TableError};
use super::theory::{
    Axiom, Conjecture, Fixity, OpId, Operator, Predicate, Scheme, Sort, SortFamily, SortId,
    SortShape, Span, Theory,
};

/// Reads a sort expression against the tables: sorts, families (with their arity) and
/// sort variables (`allowed` limits which, when given). Errors go to `diags`.
pub(crate) fn sort_expr(
    theory: &Theory,
    s: &SortAst,
    allowed: Option<&[String]>,
    diags: &mut Vec<Diagnostic>,
) -> Option<SortExpr> {
    match s {
        SortAst::Name(n) if n.text.starts_with('\'') => {
            if let Some(vars) = allowed {
                if !vars.contains(&n.text) {
                    let declared = if vars.is_empty() {
                        "it declares none".to_string()
                    } else {
                        format!("it declares {}", vars.join(", "))
                    };
                    diags.push(
                        Diagnostic::new(
                            DiagnosticCode::UnknownSortVariable,
                            n.span,
                            format!("unknown sort variable `{}`", n.text),
                            format!("not a parameter of the sort being declared; {declared}"),
                        )
                        .with_help("add it to the sort's parameters, e.g. `inductive T('a) = ...`"),
                    );
                    return None;
                }
            }
            Some(SortExpr::Name(n.text.clone()))
        }
        SortAst::Name(n) => {
            if let Some(f) = theory.families.iter().find(|f| f.name == n.text) {
                diags.push(sort_arity(n, f.params.len(), 0));
                return None;
            }
            match theory.sort_by_name(&n.text) {
                Some(id) if theory.sort(id).shape == SortShape::Plain => {
                    Some(SortExpr::Name(n.text.clone()))
                }
                _ => {
                    diags.push(unknown_sort(theory, n));
                    None
                }
            }
        }
        SortAst::App { name, args, .. } => {
            let parts: Vec<Option<SortExpr>> = args
                .iter()
                .map(|a| sort_expr(theory, a, allowed, diags))
                .collect();
            let Some(f) = theory.families.iter().find(|f| f.name == name.text) else {
                if theory.sort_by_name(&name.text).is_some() {
                    diags.push(sort_arity(name, 0, args.len()));
                } else {
                    diags.push(unknown_sort(theory, name));
                }
                return None;
            };
            if f.params.len() != args.len() {
                diags.push(sort_arity(name, f.params.len(), args.len()));
                return None;
            }
            let parts: Option<Vec<SortExpr>> = parts.into_iter().collect();
            Some(SortExpr::App(name.text.clone(), parts?))
        }
        SortAst::Fun { from, to, .. } => {
            let a = sort_expr(theory, from, allowed, diags);
            let b = sort_expr(theory, to, allowed, diags);
            Some(SortExpr::Fun(Box::new(a?), Box::new(b?)))
        }
    }
}

fn sort_arity(name: &ast::Ident, want: usize, got: usize) -> Diagnostic {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    Diagnostic::new(
        DiagnosticCode::SortArity,
        name.span,
        format!("wrong number of sort arguments for `{}`", name.text),
        format!(
            "`{}` takes {want} sort {}, but {got} {} given",
            name.text,
            plural(want),
            if got == 1 { "is" } else { "are" }
        ),
    )
}

/// The diagnostic of a table error at `span`.
pub(crate) fn table_error(e: &TableError, span: Span) -> Diagnostic {
    let code = match e {
        TableError::UnknownSort(_) | TableError::UnknownScheme(_) => DiagnosticCode::UnknownSort,
        TableError::SortArity(..) => DiagnosticCode::SortArity,
        TableError::TooDeep(_) => DiagnosticCode::NestingTooDeep,
    };
    Diagnostic::new(code, span, e.to_string(), "here")
}

impl Resolver {
    /// A sort expression of a declaration as a sort of the tables (created if needed).
    fn decl_sort(&mut self, s: &SortAst, allowed: Option<&[String]>) -> Option<SortId> {
        let e = sort_expr(&self.theory, s, allowed, &mut self.diags)?;
        match tables::ensure(self.theory.signature_mut(), &e, s.span()) {
            Ok(id) => Some(id),
            Err(err) => {
                self.diags.push(table_error(&err, s.span()));
                None
            }
        }
    }

    /// `inductive List('a) = nil | cons('a, List('a));` (or a plain inductive sort whose
    /// constructors use structured sorts).
    pub(super) fn family(
        &mut self,
        name: &ast::Ident,
        params: &[ast::Ident],
        constructors: &[ast::Constructor],
    ) {
        let poison_all = |r: &mut Resolver| {
            for c in constructors {
                r.poison(&c.name.text);
            }
        };
        let taken = self.theory.sort_by_name(&name.text).is_some()
            || self.theory.families.iter().any(|f| f.name == name.text);
        if taken {
            self.diags.push(Diagnostic::new(
                DiagnosticCode::DuplicateName,
                name.span,
                format!("duplicate sort `{}`", name.text),
                "already declared",
            ));
            return poison_all(self);
        }
        let mut names: Vec<String> = Vec::new();
        for p in params {
            if names.contains(&p.text) {
                self.diags.push(Diagnostic::new(
                    DiagnosticCode::DuplicateBinder,
                    p.span,
                    format!("sort variable `{}` is declared twice", p.text),
                    "declared again here",
                ));
                return poison_all(self);
            }
            names.push(p.text.clone());
        }
        let param_ids: Vec<SortId> = params
            .iter()
            .map(|p| tables::param(self.theory.signature_mut(), &p.text, p.span))
            .collect();
        let sig = self.theory.signature_mut();
        let shape = if params.is_empty() {
            SortShape::Plain
        } else {
            SortShape::Instance {
                family: name.text.clone(),
                args: param_ids.clone(),
            }
        };
        let display = if params.is_empty() {
            name.text.clone()
        } else {
            format!("{}({})", name.text, names.join(", "))
        };
        sig.sorts.push(Sort {
            name: display,
            constructors: Vec::new(),
            span: name.span,
            shape,
        });
        let sort = SortId(sig.sorts.len() as u32 - 1);
        if !params.is_empty() {
            sig.families.push(SortFamily {
                name: name.text.clone(),
                params: param_ids.clone(),
                generic: sort,
                span: name.span,
            });
        }
        let mut all_ok = true;
        let mut has_base = false;
        for c in constructors {
            let fresh = self.fresh_symbol(&c.name, "operator");
            let args: Vec<Option<SortId>> = c
                .args
                .iter()
                .map(|a| self.decl_sort(a, Some(&names)))
                .collect();
            let args: Option<Vec<SortId>> = args.into_iter().collect();
            let (true, Some(args)) = (fresh, args) else {
                self.poison(&c.name.text);
                all_ok = false;
                continue;
            };
            has_base |= !args.contains(&sort);
            let instance = (!params.is_empty()).then(|| super::theory::Instance {
                scheme: c.name.text.clone(),
                args: param_ids.clone(),
            });
            let sig = self.theory.signature_mut();
            let internal = if params.is_empty() {
                c.name.text.clone()
            } else {
                tables::instance_name(sig, &c.name.text, &param_ids)
            };
            sig.operators.push(Operator {
                name: internal,
                args,
                result: sort,
                fixity: None,
                constructor: true,
                span: c.name.span,
                instance,
            });
            let id = OpId(sig.operators.len() as u32 - 1);
            sig.sorts[sort.0 as usize].constructors.push(id);
            if !params.is_empty() {
                sig.op_schemes.push(Scheme {
                    name: c.name.text.clone(),
                    params: param_ids.clone(),
                });
            }
        }
        if all_ok && !has_base {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::NoBaseConstructor,
                    name.span,
                    format!("inductive sort `{}` has no base constructor", name.text),
                    format!(
                        "every constructor takes an argument of sort `{}`",
                        name.text
                    ),
                )
                .with_help("add a constructor without a recursive argument, e.g. `nil`"),
            );
        }
    }

    /// `op map('a -> 'b, List('a)) -> List('b);` and operators over structured sorts.
    pub(super) fn poly_op(
        &mut self,
        name: &ast::Ident,
        args: &[SortAst],
        result: &SortAst,
        fixity: Option<&ast::FixityDecl>,
    ) {
        let fresh = self.fresh_symbol(name, "operator");
        if let Some(f) = fixity {
            if args.len() != 2 || !name.is_symbolic() {
                self.diags.push(Diagnostic::new(
                    DiagnosticCode::InvalidFixity,
                    f.span,
                    "only binary, symbolic operators can be infix",
                    "this fixity",
                ));
                self.poison(&name.text);
                return;
            }
        }
        let sorts: Vec<Option<SortId>> = args
            .iter()
            .chain([result])
            .map(|s| self.decl_sort(s, None))
            .collect();
        let sorts: Option<Vec<SortId>> = sorts.into_iter().collect();
        let (true, Some(mut sorts)) = (fresh, sorts) else {
            self.poison(&name.text);
            return;
        };
        let result = sorts.pop().expect("the result sort");
        let mut vars = Vec::new();
        for s in sorts.iter().chain([&result]) {
            tables::vars_into(&self.theory.sort_expr(*s), &mut vars);
        }
        let sig = self.theory.signature_mut();
        let params: Vec<SortId> = vars.iter().filter_map(|v| sig.sort_by_name(v)).collect();
        let instance = (!params.is_empty()).then(|| super::theory::Instance {
            scheme: name.text.clone(),
            args: params.clone(),
        });
        let internal = if params.is_empty() {
            name.text.clone()
        } else {
            tables::instance_name(sig, &name.text, &params)
        };
        sig.operators.push(Operator {
            name: internal,
            args: sorts,
            result,
            fixity: fixity.map(|f| Fixity {
                assoc: f.assoc,
                prec: f.prec,
            }),
            constructor: false,
            span: name.span,
            instance,
        });
        if !params.is_empty() {
            sig.op_schemes.push(Scheme {
                name: name.text.clone(),
                params,
            });
        }
    }

    /// `pred p(List(N));`: a predicate over structured sorts; sort variables are not
    /// allowed in predicates (write an operator into `Bool` instead).
    pub(super) fn poly_pred(&mut self, name: &ast::Ident, args: &[SortAst]) {
        let fresh = self.fresh_symbol(name, "predicate");
        let sorts: Vec<Option<SortId>> =
            args.iter().map(|s| self.decl_sort(s, Some(&[]))).collect();
        let sorts: Option<Vec<SortId>> = sorts.into_iter().collect();
        let (true, Some(args)) = (fresh, sorts) else {
            self.poison(&name.text);
            return;
        };
        self.theory.signature_mut().predicates.push(Predicate {
            name: name.text.clone(),
            args,
            span: name.span,
        });
    }

    /// An axiom or conjecture read by the polymorphic resolver, with the definitions of
    /// the lambdas it lifts (pushed before it).
    pub(super) fn poly_statement(&mut self, name: &ast::Ident, f: &ast::Formula, mode: Mode) {
        let fresh = self.fresh_statement(name, mode);
        let read = super::poly::resolve(&mut self.theory, &self.hints, f, mode, &mut self.lambdas);
        match read {
            Err(ds) => self.diags.extend(ds),
            Ok(_) if !fresh => {}
            Ok((formula, defs)) => {
                let sig = self.theory.signature_mut();
                sig.axioms.extend(defs);
                let span = name.span;
                let name = name.text.clone();
                match mode {
                    Mode::Closed => sig.axioms.push(Axiom {
                        name,
                        formula,
                        span,
                        instance: None,
                    }),
                    Mode::Open => sig.conjectures.push(Conjecture {
                        name,
                        formula,
                        span,
                    }),
                }
            }
        }
    }
}
