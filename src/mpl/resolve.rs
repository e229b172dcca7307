//! Declarations to [`Theory`]: name resolution, namespaces and declaration checks.
//!
//! Input: the parsed files in declaration order (each import before its importer, as
//! produced by `load`). Output: the sort-checked theory, or every error found.
//!
//! Rules enforced here:
//! - declarations precede their uses (a sort before the operators over it, an operator
//!   before the formulas using it); an inductive sort may use itself in its
//!   constructors;
//! - namespaces: sorts; symbols (operators, constructors and predicates together);
//!   statements (axioms and conjectures together). A name is declared at most once in
//!   its namespace;
//! - `theory NAME;` appears at most once per file, as its first declaration; the root
//!   file's one names the theory (else the root file's stem does);
//! - only binary, symbolic operators may be infix;
//! - an inductive sort has a base constructor (one without an argument of the sort
//!   itself), so it is inhabited and induction over it is sound;
//! - a predicate cannot be named `>` (the quantifier's symbol).
//!
//! Formulas are resolved by [`super::formula`]. A declaration with an error is skipped
//! and its name is *poisoned*, so that its uses are not reported again.

use std::collections::HashMap;

use super::ast::{self, DeclKind};
use super::diagnostic::Diagnostic;
use super::formula::{self, unknown_sort, Hints, Mode};
use super::theory::{
    Axiom, Conjecture, Fixity, OpId, Operator, Predicate, Sort, SortId, Span, Theory,
};

/// Resolves parsed files, given in declaration order with their file indices; the file
/// with index 0 is the root. `default_name` names the theory when the root has no
/// `theory` declaration.
pub(crate) fn resolve(
    units: &[(u32, &ast::File)],
    default_name: &str,
) -> Result<Theory, Vec<Diagnostic>> {
    let mut r = Resolver {
        theory: Theory {
            name: default_name.to_string(),
            ..Theory::default()
        },
        hints: Hints::default(),
        statements: HashMap::new(),
        diags: Vec::new(),
    };
    for (_, file) in units {
        for d in &file.decls {
            match &d.kind {
                DeclKind::Op { name, .. } | DeclKind::Pred { name, .. } => {
                    r.hints
                        .declared_anywhere
                        .entry(name.text.clone())
                        .or_insert(name.span);
                }
                DeclKind::Inductive { constructors, .. } => {
                    for c in constructors {
                        r.hints
                            .declared_anywhere
                            .entry(c.name.text.clone())
                            .or_insert(c.name.span);
                    }
                }
                _ => {}
            }
        }
    }
    for (file, ast) in units {
        r.theory_decls(*file, ast);
        for d in &ast.decls {
            r.decl(d);
        }
    }
    if r.diags.is_empty() {
        Ok(r.theory)
    } else {
        Err(r.diags)
    }
}

struct Resolver {
    theory: Theory,
    hints: Hints,
    statements: HashMap<String, Span>,
    diags: Vec<Diagnostic>,
}

impl Resolver {
    fn theory_decls(&mut self, file: u32, ast: &ast::File) {
        let mut first: Option<Span> = None;
        for (k, d) in ast.decls.iter().enumerate() {
            let DeclKind::Theory(name) = &d.kind else {
                continue;
            };
            if let Some(prev) = first {
                self.diags.push(
                    Diagnostic::new(
                        d.span,
                        "duplicate `theory` declaration",
                        "a file names its theory once",
                    )
                    .with_related(prev, "the theory is first named"),
                );
                continue;
            }
            first = Some(d.span);
            if k > 0 {
                self.diags.push(
                    Diagnostic::new(
                        d.span,
                        "`theory` must be the first declaration of its file",
                        "not first",
                    )
                    .with_related(ast.decls[0].span, "the first declaration is"),
                );
            }
            if file == 0 {
                self.theory.name = name.text.clone();
            }
        }
    }

    fn poison(&mut self, name: &str) {
        self.hints.poisoned.push(name.to_string());
    }

    fn sort(&mut self, s: &ast::Ident) -> Option<SortId> {
        let id = self.theory.sort_by_name(&s.text);
        if id.is_none() {
            self.diags.push(unknown_sort(&self.theory, s));
        }
        id
    }

    fn sorts(&mut self, list: &[ast::Ident]) -> Option<Vec<SortId>> {
        let out: Vec<Option<SortId>> = list.iter().map(|s| self.sort(s)).collect();
        out.into_iter().collect()
    }

    /// Checks that a symbol (operator, constructor or predicate) name is new.
    fn fresh_symbol(&mut self, name: &ast::Ident, kind: &str) -> bool {
        let prev = if let Some(o) = self.theory.op_by_name(&name.text) {
            let op = self.theory.op(o);
            let what = if op.constructor {
                format!("as a constructor of `{}`", self.theory.sort(op.result).name)
            } else {
                "as an operator".to_string()
            };
            Some((op.span, what))
        } else {
            self.theory
                .predicates
                .iter()
                .find(|p| p.name == name.text)
                .map(|p| (p.span, "as a predicate".to_string()))
        };
        match prev {
            None => true,
            Some((span, what)) => {
                self.diags.push(
                    Diagnostic::new(
                        name.span,
                        format!("duplicate {kind} `{}`", name.text),
                        "already declared",
                    )
                    .with_related(span, format!("`{}` is first declared {what}", name.text)),
                );
                false
            }
        }
    }

    fn decl(&mut self, d: &ast::Decl) {
        match &d.kind {
            DeclKind::Theory(_) | DeclKind::Import(_) => {}
            DeclKind::Sort(name) => {
                self.new_sort(name);
            }
            DeclKind::Inductive { name, constructors } => self.inductive(name, constructors),
            DeclKind::Op {
                name,
                args,
                result,
                fixity,
            } => self.op(name, args, result, fixity.as_ref()),
            DeclKind::Pred { name, args } => self.pred(name, args),
            DeclKind::Axiom { name, formula } => self.statement(name, formula, Mode::Closed),
            DeclKind::Conjecture { name, formula } => self.statement(name, formula, Mode::Open),
        }
    }

    fn new_sort(&mut self, name: &ast::Ident) -> Option<SortId> {
        if let Some(prev) = self.theory.sort_by_name(&name.text) {
            self.diags.push(
                Diagnostic::new(
                    name.span,
                    format!("duplicate sort `{}`", name.text),
                    "already declared",
                )
                .with_related(
                    self.theory.sort(prev).span,
                    format!("`{}` is first declared", name.text),
                ),
            );
            return None;
        }
        self.theory.sorts.push(Sort {
            name: name.text.clone(),
            constructors: Vec::new(),
            span: name.span,
        });
        Some(SortId(self.theory.sorts.len() as u32 - 1))
    }

    fn inductive(&mut self, name: &ast::Ident, constructors: &[ast::Constructor]) {
        let Some(sort) = self.new_sort(name) else {
            for c in constructors {
                self.poison(&c.name.text);
            }
            return;
        };
        let mut all_ok = true;
        let mut has_base = false;
        for c in constructors {
            let fresh = self.fresh_symbol(&c.name, "operator");
            let args = self.sorts(&c.args);
            let (true, Some(args)) = (fresh, args) else {
                self.poison(&c.name.text);
                all_ok = false;
                continue;
            };
            has_base |= !args.contains(&sort);
            self.theory.operators.push(Operator {
                name: c.name.text.clone(),
                args,
                result: sort,
                fixity: None,
                constructor: true,
                span: c.name.span,
            });
            let id = OpId(self.theory.operators.len() as u32 - 1);
            self.theory.sorts[sort.0 as usize].constructors.push(id);
        }
        if all_ok && !has_base {
            self.diags.push(
                Diagnostic::new(
                    name.span,
                    format!("inductive sort `{}` has no base constructor", name.text),
                    format!(
                        "every constructor takes an argument of sort `{}`",
                        name.text
                    ),
                )
                .with_note(
                    "such a sort has no finite values, and induction over it would prove anything",
                )
                .with_help("add a constructor without a recursive argument, e.g. `nil`"),
            );
        }
    }

    fn op(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Ident],
        result: &ast::Ident,
        fixity: Option<&ast::FixityDecl>,
    ) {
        let fresh = self.fresh_symbol(name, "operator");
        let arg_sorts = self.sorts(args);
        let result = self.sort(result);
        let mut ok = fresh;
        if let Some(f) = fixity {
            if args.len() != 2 {
                let n = args.len();
                self.diags.push(
                    Diagnostic::new(
                        f.span,
                        "only binary operators can be infix",
                        format!(
                            "`{}` takes {n} argument{}",
                            name.text,
                            if n == 1 { "" } else { "s" }
                        ),
                    )
                    .with_help("remove the fixity, and apply the operator in prefix form"),
                );
                ok = false;
            } else if !name.is_symbolic() {
                self.diags.push(
                    Diagnostic::new(
                        f.span,
                        "only symbolic operators can be infix",
                        "infix needs a symbol",
                    )
                    .with_related(name.span, format!("`{}` is an identifier", name.text))
                    .with_note("infix operators are made of `+ - * / ^ < > = ~ @ % | .`"),
                );
                ok = false;
            }
        }
        let (true, Some(args), Some(result)) = (ok, arg_sorts, result) else {
            self.poison(&name.text);
            return;
        };
        self.theory.operators.push(Operator {
            name: name.text.clone(),
            args,
            result,
            fixity: fixity.map(|f| Fixity {
                assoc: f.assoc,
                prec: f.prec,
            }),
            constructor: false,
            span: name.span,
        });
    }

    fn pred(&mut self, name: &ast::Ident, args: &[ast::Ident]) {
        let mut ok = self.fresh_symbol(name, "predicate");
        if name.text == ">" {
            self.diags.push(
                Diagnostic::new(name.span, "`>` cannot name a predicate", "reserved")
                    .with_note("`(>[...] ...)` is the universal quantifier"),
            );
            ok = false;
        }
        let sorts = self.sorts(args);
        let (true, Some(args)) = (ok, sorts) else {
            self.poison(&name.text);
            return;
        };
        self.theory.predicates.push(Predicate {
            name: name.text.clone(),
            args,
            span: name.span,
        });
    }

    fn statement(&mut self, name: &ast::Ident, f: &ast::Formula, mode: Mode) {
        let fresh = match self.statements.get(&name.text) {
            Some(&prev) => {
                let kind = if mode == Mode::Closed {
                    "axiom"
                } else {
                    "conjecture"
                };
                self.diags.push(
                    Diagnostic::new(
                        name.span,
                        format!("duplicate {kind} name `{}`", name.text),
                        "already used",
                    )
                    .with_related(prev, format!("`{}` is first used", name.text))
                    .with_note("axioms and conjectures share one namespace"),
                );
                false
            }
            None => {
                self.statements.insert(name.text.clone(), name.span);
                true
            }
        };
        let resolved = formula::resolve(&self.theory, &self.hints, f, mode);
        match resolved.and_then(|r| r.finish(|n| Some(self.theory.intern(n)))) {
            Err(ds) => self.diags.extend(ds),
            Ok(_) if !fresh => {}
            Ok(formula) => {
                let span = name.span;
                let name = name.text.clone();
                match mode {
                    Mode::Closed => self.theory.axioms.push(Axiom {
                        name,
                        formula,
                        span,
                    }),
                    Mode::Open => self.theory.conjectures.push(Conjecture {
                        name,
                        formula,
                        span,
                    }),
                }
            }
        }
    }
}
