//! Definitions with parameters (`def NAME[P1, ..., Pn] := BODY;`): checking them where
//! they are declared, finding recursion, and expanding their uses.
//!
//! A definition is a macro over the syntax tree: `(NAME[A1, ..., An])` is replaced by the
//! body with each parameter replaced by its argument, wherever the parameter occurs: as
//! a term (a variable or constant), as the set of `(in[x, X])`, as an operator (`f(x)`,
//! the relation of `(in2[x, y, f])`, an infix symbol) or as a predicate or definition
//! name. What a parameter stands for is therefore decided by the body, at each use; the
//! resolver then checks the expansion like any other formula.
//!
//! Invariants:
//! - expansion is capture-avoiding: a binder of the body whose name occurs in the
//!   arguments, in the statement being read, or in the enclosing scope is renamed (`x`
//!   becomes `x'`, `x''`, ...), so an argument's names keep their meaning and no binder
//!   shadows another;
//! - a substituted argument keeps its own spans (errors about it point at the use), the
//!   rest of the body keeps the spans of the definition; an argument that is an infix
//!   chain is parenthesised, so it stays one operand;
//! - definitions are not recursive: [`cycles`] reports every definition that uses itself,
//!   directly or through others, before anything is expanded, so expansion terminates;
//!   [`MAX_EXPANSIONS`] bounds the work of one statement (nested definitions can grow
//!   exponentially).

use std::collections::{BTreeMap, BTreeSet};

use crate::mpl::ast::{Binder, Formula, Ident, Term};
use crate::mpl::diagnostic::{Diagnostic, DiagnosticCode};
use crate::mpl::theory::{Definition, Span, Theory};

/// Most definition uses expanded while reading one statement.
pub(crate) const MAX_EXPANSIONS: usize = 10_000;

/// The built-in relations of GL's relational dialect: membership in a set, and the
/// graphs of unary and binary functions.
pub(crate) const RELATIONS: [&str; 3] = ["in", "in2", "in3"];

/// One `def` declaration as the cycle check sees it.
pub(crate) struct DefDecl<'a> {
    /// Its name.
    pub name: &'a Ident,
    /// Its parameters (an atom named like one is not a use of a definition).
    pub params: &'a [Ident],
    /// Its body.
    pub body: &'a Formula,
}

/// The definitions that use themselves (directly or through others), each reported once
/// per cycle at the use that closes it. Returns the diagnostics and the names of every
/// definition on a cycle.
pub(crate) fn cycles(defs: &[DefDecl<'_>]) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, d) in defs.iter().enumerate() {
        index.entry(d.name.text.as_str()).or_insert(k);
    }
    let uses: Vec<Vec<(usize, Span)>> = defs
        .iter()
        .map(|d| {
            let mut out = Vec::new();
            atoms(d.body, &mut |pred| {
                if d.params.iter().any(|p| p.text == pred.text) {
                    return;
                }
                if let Some(&k) = index.get(pred.text.as_str()) {
                    out.push((k, pred.span));
                }
            });
            out
        })
        .collect();
    let mut diags = Vec::new();
    let mut on_cycle = BTreeSet::new();
    for start in 0..defs.len() {
        if on_cycle.contains(&defs[start].name.text) {
            continue;
        }
        // Depth-first search for a path from `start` back to `start`.
        let mut path: Vec<(usize, Span)> = Vec::new();
        let mut seen = vec![false; defs.len()];
        if let Some(p) = path_back(start, start, &uses, &mut seen, &mut path) {
            let names: Vec<String> = std::iter::once(start)
                .chain(p.iter().map(|(k, _)| *k))
                .map(|k| format!("`{}`", defs[k].name.text))
                .collect();
            let (_, at) = p[p.len() - 1];
            let message = if p.len() == 1 {
                format!("recursive definition `{}`", defs[start].name.text)
            } else {
                format!("recursive definitions: {}", names.join(" uses "))
            };
            let label = if p.len() == 1 {
                format!("`{}` is used in its own definition", defs[start].name.text)
            } else {
                format!(
                    "`{}` uses `{}` here, closing the cycle",
                    defs[p[p.len() - 2].0].name.text,
                    defs[start].name.text
                )
            };
            let mut d = Diagnostic::new(DiagnosticCode::RecursiveDefinition, at, message, label)
            .with_note("definitions are expanded where they are used, so they cannot be recursive")
            .with_help("state the recursion as axioms about an operator instead, e.g. `op f(N) -> N;` with an axiom per constructor");
            if p.len() > 1 {
                d = d.with_related(defs[start].name.span, "the cycle starts here");
            }
            diags.push(d);
            on_cycle.insert(defs[start].name.text.clone());
            for (k, _) in &p {
                on_cycle.insert(defs[*k].name.text.clone());
            }
        }
    }
    (diags, on_cycle)
}

fn path_back(
    from: usize,
    target: usize,
    uses: &[Vec<(usize, Span)>],
    seen: &mut [bool],
    path: &mut Vec<(usize, Span)>,
) -> Option<Vec<(usize, Span)>> {
    for &(next, span) in &uses[from] {
        path.push((next, span));
        if next == target {
            return Some(path.clone());
        }
        if !seen[next] {
            seen[next] = true;
            if let Some(p) = path_back(next, target, uses, seen, path) {
                return Some(p);
            }
        }
        path.pop();
    }
    None
}

/// Calls `f` on the predicate name of every atom of `body`.
fn atoms(body: &Formula, f: &mut dyn FnMut(&Ident)) {
    match body {
        Formula::Eq { .. } => {}
        Formula::Atom { pred, .. } => f(pred),
        Formula::Not { body, .. } => atoms(body, f),
        Formula::And { operands, .. } => operands.iter().for_each(|o| atoms(o, f)),
        Formula::Forall { premise, body, .. } => {
            if let Some(p) = premise {
                atoms(p, f);
            }
            atoms(body, f);
        }
    }
}

/// Checks a definition where it is declared: distinct parameters, no binder named like a
/// parameter, and a closed body (every name is a parameter, bound, or declared before).
pub(crate) fn check(
    theory: &Theory,
    name: &Ident,
    params: &[Ident],
    body: &Formula,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (k, p) in params.iter().enumerate() {
        if let Some(first) = params[..k].iter().find(|q| q.text == p.text) {
            diags.push(
                Diagnostic::new(
                    DiagnosticCode::DuplicateBinder,
                    p.span,
                    format!("parameter `{}` is listed twice", p.text),
                    "listed again here",
                )
                .with_related(first.span, format!("`{}` is first listed", p.text)),
            );
        }
    }
    let mut c = Closed {
        theory,
        def: &name.text,
        params,
        bound: Vec::new(),
        diags: Vec::new(),
        reported: BTreeSet::new(),
    };
    c.formula(body);
    diags.extend(c.diags);
    diags
}

struct Closed<'a> {
    theory: &'a Theory,
    def: &'a str,
    params: &'a [Ident],
    bound: Vec<String>,
    diags: Vec<Diagnostic>,
    reported: BTreeSet<String>,
}

impl Closed<'_> {
    fn is_param(&self, s: &str) -> bool {
        self.params.iter().any(|p| p.text == s)
    }

    fn formula(&mut self, f: &Formula) {
        match f {
            Formula::Eq { lhs, rhs, .. } => {
                self.term(lhs);
                self.term(rhs);
            }
            Formula::Atom { pred, args, .. } => {
                let known = self.is_param(&pred.text)
                    || RELATIONS.contains(&pred.text.as_str())
                    || self.theory.predicates.iter().any(|p| p.name == pred.text)
                    || self.theory.definition(&pred.text).is_some()
                    || pred.text == self.def;
                if !known {
                    self.unknown(
                        pred,
                        "predicate or definition",
                        "not a parameter, a declared predicate or an earlier definition",
                    );
                }
                args.iter().for_each(|a| self.term(a));
            }
            Formula::Not { body, .. } => self.formula(body),
            Formula::And { operands, .. } => operands.iter().for_each(|o| self.formula(o)),
            Formula::Forall {
                binders,
                premise,
                body,
                ..
            } => {
                let depth = self.bound.len();
                for b in binders {
                    self.binder(b);
                    self.bound.push(b.name.text.clone());
                }
                if let Some(p) = premise {
                    self.formula(p);
                }
                self.formula(body);
                self.bound.truncate(depth);
            }
        }
    }

    fn binder(&mut self, b: &Binder) {
        if let Some(p) = self.params.iter().find(|p| p.text == b.name.text) {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::BinderNameClash,
                    b.name.span,
                    format!(
                        "binder `{}` has the name of a parameter of `{}`",
                        b.name.text, self.def
                    ),
                    "shadows the parameter",
                )
                .with_related(p.span, format!("`{}` is a parameter", p.text))
                .with_help("rename the bound variable"),
            );
        }
        if let Some(s) = b.sort.as_ref().and_then(|s| s.as_name()) {
            if !self.is_param(&s.text) && self.theory.sort_by_name(&s.text).is_none() {
                self.diags
                    .push(crate::mpl::formula::unknown_sort(self.theory, s));
            }
        }
    }

    fn term(&mut self, t: &Term) {
        match t {
            Term::Name(id) => {
                let known = self.is_param(&id.text)
                    || self.bound.contains(&id.text)
                    || self.theory.op_by_name(&id.text).is_some()
                    || self.theory.sort_by_name(&id.text).is_some()
                    || self.theory.predicates.iter().any(|p| p.name == id.text)
                    || self.theory.definition(&id.text).is_some();
                if !known {
                    if id.is_symbolic() {
                        self.unknown(id, "operator", "not a parameter or a declared operator");
                    } else {
                        self.unbound(id);
                    }
                }
            }
            Term::App { op, args, .. } => {
                if !self.is_param(&op.text) && self.theory.op_by_name(&op.text).is_none() {
                    self.unknown(op, "operator", "not a parameter or a declared operator");
                }
                args.iter().for_each(|a| self.term(a));
            }
            Term::Infix { operands, ops, .. } => {
                for o in ops {
                    if !self.is_param(&o.text) && self.theory.op_by_name(&o.text).is_none() {
                        self.unknown(o, "operator", "not a parameter or a declared operator");
                    }
                }
                operands.iter().for_each(|a| self.term(a));
            }
            Term::Paren { inner, .. } => self.term(inner),
            Term::Lambda { binders, body, .. } => {
                let depth = self.bound.len();
                self.bound.extend(binders.iter().map(|b| b.text.clone()));
                self.term(body);
                self.bound.truncate(depth);
            }
        }
    }

    fn unknown(&mut self, id: &Ident, kind: &str, label: &str) {
        if !self.reported.insert(id.text.clone()) {
            return;
        }
        let code = if kind == "operator" {
            DiagnosticCode::UnknownOperator
        } else {
            DiagnosticCode::UnknownDefinition
        };
        self.diags.push(
            Diagnostic::new(
                code,
                id.span,
                format!("unknown {kind} `{}` in definition `{}`", id.text, self.def),
                label,
            )
            .with_help(format!(
                "make it a parameter: `def {}[..., {}]`, or declare it before the definition",
                self.def, id.text
            )),
        );
    }

    fn unbound(&mut self, id: &Ident) {
        if !self.reported.insert(id.text.clone()) {
            return;
        }
        self.diags.push(
            Diagnostic::new(
                DiagnosticCode::UnboundVariable,
                id.span,
                format!("unbound name `{}` in definition `{}`", id.text, self.def),
                "not a parameter, a bound variable, a constant or a sort",
            )
            .with_note("a definition's body is closed: its free names are its parameters")
            .with_help(format!(
                "make it a parameter: `def {}[..., {}]`, or bind it with `(>[{}] ...)`",
                self.def, id.text, id.text
            )),
        );
    }
}

/// Every name written in a formula (variables, symbols, sorts, predicates), for choosing
/// fresh binder names.
pub(crate) fn names_in(f: &Formula, out: &mut BTreeSet<String>) {
    match f {
        Formula::Eq { lhs, rhs, .. } => {
            term_names(lhs, out);
            term_names(rhs, out);
        }
        Formula::Atom { pred, args, .. } => {
            out.insert(pred.text.clone());
            args.iter().for_each(|a| term_names(a, out));
        }
        Formula::Not { body, .. } => names_in(body, out),
        Formula::And { operands, .. } => operands.iter().for_each(|o| names_in(o, out)),
        Formula::Forall {
            binders,
            premise,
            body,
            ..
        } => {
            for b in binders {
                out.insert(b.name.text.clone());
            }
            if let Some(p) = premise {
                names_in(p, out);
            }
            names_in(body, out);
        }
    }
}

/// Every name written in a term.
pub(crate) fn term_names(t: &Term, out: &mut BTreeSet<String>) {
    match t {
        Term::Name(id) => {
            out.insert(id.text.clone());
        }
        Term::App { op, args, .. } => {
            out.insert(op.text.clone());
            args.iter().for_each(|a| term_names(a, out));
        }
        Term::Infix { operands, ops, .. } => {
            ops.iter().for_each(|o| {
                out.insert(o.text.clone());
            });
            operands.iter().for_each(|a| term_names(a, out));
        }
        Term::Paren { inner, .. } => term_names(inner, out),
        Term::Lambda { binders, body, .. } => {
            binders.iter().for_each(|b| {
                out.insert(b.text.clone());
            });
            term_names(body, out);
        }
    }
}

/// The error for a use of a definition with the wrong number of arguments.
pub(crate) fn arity_error(def: &Definition, got: usize, span: Span) -> Diagnostic {
    let want = def.params.len();
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    Diagnostic::new(
        DiagnosticCode::ArityMismatch,
        span,
        format!("wrong number of arguments for definition `{}`", def.name),
        format!(
            "`{}` takes {want} {}, but {got} {} given",
            def.name,
            plural(want),
            if got == 1 { "is" } else { "are" }
        ),
    )
    .with_related(
        def.span,
        format!("`{}[{}]` is defined", def.name, def.params.join(",")),
    )
}

/// Expands one use `(def[args])`: the body with parameters replaced by the arguments and
/// binders renamed away from `avoid` (the names of the statement being read and of the
/// enclosing scope), from the names in the arguments and from the theory's operators
/// (a binder cannot be named like one). The caller checks the arity.
pub(crate) fn expand(
    theory: &Theory,
    def: &Definition,
    args: &[Term],
    avoid: &BTreeSet<String>,
) -> Result<Formula, Vec<Diagnostic>> {
    let mut avoid = avoid.clone();
    avoid.extend(theory.operators.iter().map(|o| o.name.clone()));
    let avoid = &avoid;
    let mut taken = avoid.clone();
    for a in args {
        term_names(a, &mut taken);
    }
    names_in(&def.body, &mut taken);
    taken.extend(def.params.iter().cloned());
    let mut arg_names = BTreeSet::new();
    for a in args {
        term_names(a, &mut arg_names);
    }
    let mut x = Expander {
        def,
        args,
        avoid,
        arg_names: &arg_names,
        taken,
        renames: Vec::new(),
        diags: Vec::new(),
        reported: BTreeSet::new(),
    };
    let out = x.formula(&def.body);
    if x.diags.is_empty() {
        Ok(out)
    } else {
        Err(x.diags)
    }
}

struct Expander<'a> {
    def: &'a Definition,
    args: &'a [Term],
    avoid: &'a BTreeSet<String>,
    arg_names: &'a BTreeSet<String>,
    taken: BTreeSet<String>,
    renames: Vec<(String, String)>,
    diags: Vec<Diagnostic>,
    /// Parameters whose argument was already reported as not a name.
    reported: BTreeSet<usize>,
}

impl<'a> Expander<'a> {
    fn arg(&self, name: &str) -> Option<(usize, &'a Term)> {
        let args = self.args;
        self.def
            .params
            .iter()
            .position(|p| p == name)
            .map(|k| (k, &args[k]))
    }

    fn renamed(&self, name: &str) -> Option<&str> {
        self.renames
            .iter()
            .rev()
            .find(|(from, _)| from == name)
            .map(|(_, to)| to.as_str())
    }

    /// A name that stands for an operator, predicate or sort: the argument must be a
    /// bare name.
    fn symbol(&mut self, id: &Ident, role: &str) -> Ident {
        let Some((k, a)) = self.arg(&id.text) else {
            return id.clone();
        };
        match a {
            Term::Name(n) => n.clone(),
            _ if !self.reported.insert(k) => id.clone(),
            other => {
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::ExpectedName,
                        other.span(),
                        format!(
                            "argument {} of `{}` must be a name: the definition uses it as {role}",
                            k + 1,
                            self.def.name
                        ),
                        "not a name",
                    )
                    .with_related(id.span, format!("`{}` is used as {role} here", id.text)),
                );
                id.clone()
            }
        }
    }

    fn formula(&mut self, f: &Formula) -> Formula {
        match f {
            Formula::Eq { lhs, rhs, span } => Formula::Eq {
                lhs: self.term(lhs),
                rhs: self.term(rhs),
                span: *span,
            },
            Formula::Atom { pred, args, span } => Formula::Atom {
                pred: self.symbol(pred, "a predicate"),
                args: args.iter().map(|a| self.term(a)).collect(),
                span: *span,
            },
            Formula::Not { body, span } => Formula::Not {
                body: Box::new(self.formula(body)),
                span: *span,
            },
            Formula::And { operands, span } => Formula::And {
                operands: operands.iter().map(|o| self.formula(o)).collect(),
                span: *span,
            },
            Formula::Forall {
                binders,
                premise,
                body,
                span,
            } => {
                let depth = self.renames.len();
                let mut out = Vec::new();
                for b in binders {
                    let name = &b.name.text;
                    let clash = self.avoid.contains(name) || self.arg_names.contains(name);
                    let text = if clash {
                        let mut fresh = format!("{name}'");
                        while self.taken.contains(&fresh) {
                            fresh.push('\'');
                        }
                        self.taken.insert(fresh.clone());
                        self.renames.push((name.clone(), fresh.clone()));
                        fresh
                    } else {
                        self.renames.push((name.clone(), name.clone()));
                        name.clone()
                    };
                    out.push(Binder {
                        name: Ident {
                            text,
                            span: b.name.span,
                        },
                        sort: b.sort.as_ref().map(|s| match s {
                            crate::mpl::ast::SortAst::Name(n) => {
                                crate::mpl::ast::SortAst::Name(self.symbol(n, "a set (sort)"))
                            }
                            other => other.clone(),
                        }),
                    });
                }
                let premise = premise.as_ref().map(|p| Box::new(self.formula(p)));
                let body = Box::new(self.formula(body));
                self.renames.truncate(depth);
                Formula::Forall {
                    binders: out,
                    premise,
                    body,
                    span: *span,
                }
            }
        }
    }

    fn term(&mut self, t: &Term) -> Term {
        match t {
            Term::Name(id) => {
                if let Some(to) = self.renamed(&id.text) {
                    return Term::Name(Ident {
                        text: to.to_string(),
                        span: id.span,
                    });
                }
                match self.arg(&id.text) {
                    None => t.clone(),
                    Some((_, a @ Term::Infix { .. })) => Term::Paren {
                        inner: Box::new(a.clone()),
                        span: a.span(),
                    },
                    Some((_, a)) => a.clone(),
                }
            }
            Term::App { op, args, span } => Term::App {
                op: self.symbol(op, "an operator"),
                args: args.iter().map(|a| self.term(a)).collect(),
                span: *span,
            },
            Term::Infix {
                operands,
                ops,
                span,
            } => Term::Infix {
                operands: operands.iter().map(|a| self.term(a)).collect(),
                ops: ops.iter().map(|o| self.symbol(o, "an operator")).collect(),
                span: *span,
            },
            Term::Paren { inner, span } => Term::Paren {
                inner: Box::new(self.term(inner)),
                span: *span,
            },
            Term::Lambda {
                binders,
                body,
                span,
            } => Term::Lambda {
                binders: binders.clone(),
                body: Box::new(self.term(body)),
                span: *span,
            },
        }
    }
}
