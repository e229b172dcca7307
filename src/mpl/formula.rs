//! Resolving one formula: scopes, constants versus variables, infix grouping, sort
//! inference and sort checking.
//!
//! Variables live in *slots* (one per binder occurrence, one per free name of a
//! conjecture); their sorts are inferred by [`super::infer`] from the constraints this
//! walk reports (annotations, argument positions, equalities). A bare identifier is a
//! constant if an operator of that name is declared, else a variable; infix chains are
//! grouped by [`super::fixity`].
//!
//! Invariants of a successful result:
//! - every term is well-sorted and every variable carries its inferred sort;
//! - every variable is bound by an enclosing `Forall`, and no `Forall` binds a name that
//!   an enclosing one binds (shadowing is rejected, so a name means one variable);
//! - in `Mode::Open` the free variables are bound by one outermost `Forall`, in order of
//!   first occurrence; in `Mode::Closed` free variables are errors;
//! - `(>[] A B)` becomes `Implies(A, B)` and `(>[] B)` becomes `B`;
//! - an atom of a declared predicate is `RFormula::Atom` while the files are resolved,
//!   and the equation `p(ts) = ⊤` when a goal is read against a resolved theory (whose
//!   predicates are operators, see [`super::predicate`]); predicate operators and `⊤`
//!   are not operators of terms;
//! - an atom naming a definition is its expansion, and `in`, `in2`, `in3` are GL's
//!   relations (see [`super::gl`]), unless a predicate of that name is declared;
//!   a formula using either is *relational*: its free variables (in `Mode::Open`) are
//!   quantified first, and it is normalised by [`super::gl`] (one-point rule,
//!   memberships dropped); a formula that reduces to true or false is an error of
//!   [`Resolved::finish`] (the resolver drops axioms that are only signatures).
//!
//! Errors are collected (several per formula, duplicates removed); "cannot infer the
//! sort" is only reported when nothing else went wrong in the formula, to avoid cascades.

use std::collections::{BTreeSet, HashMap};

use super::ast;
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::infer::{Expect, Inference, Reason, Slot};
use super::theory::{Formula, Name, OpId, PredId, SortId, Span, Term, Theory, Var};

/// Whether free variables are allowed (and quantified) or errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Axioms: every variable must be bound.
    Closed,
    /// Conjectures and goals: free variables are universally quantified.
    Open,
}

/// What the declaration pass knows beyond the current tables, for better messages.
#[derive(Default)]
pub(crate) struct Hints {
    /// Symbols (operators and predicates) declared anywhere in the loaded files.
    pub declared_anywhere: HashMap<String, Span>,
    /// Symbols whose declaration had errors: uses of them are not reported again.
    pub poisoned: Vec<String>,
}

/// A resolved term whose variables are slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum RTerm {
    Var(usize),
    App(OpId, Vec<RTerm>),
}

/// A resolved formula whose variables are slots; `True` and `False` only occur while a
/// relational formula is simplified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum RFormula {
    Eq(RTerm, RTerm),
    Atom(PredId, Vec<RTerm>),
    Not(Box<RFormula>),
    And(Vec<RFormula>),
    Implies(Box<RFormula>, Box<RFormula>),
    Forall(Vec<usize>, Box<RFormula>),
    True,
    False,
}

pub(super) struct Cx<'a> {
    pub(super) theory: &'a Theory,
    pub(super) hints: &'a Hints,
    pub(super) mode: Mode,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) inf: Inference,
    pub(super) scope: Vec<usize>,
    pub(super) free: Vec<usize>,
    pub(super) bound_names: Vec<(String, Span)>,
    pub(super) unbound_reported: Vec<String>,
    /// Whether the formula uses GL's relational atoms or definitions (then it is
    /// simplified, see [`super::gl`]).
    pub(super) relational: bool,
    /// Every name written in the statement, which expanded binders must avoid.
    pub(super) names: BTreeSet<String>,
    /// Definition uses expanded so far.
    pub(super) expansions: usize,
}

/// A resolved formula whose variables are not yet interned.
pub(crate) struct Resolved {
    body: RFormula,
    slots: Vec<(Slot, SortId)>,
    free: Vec<usize>,
    /// Whether `body` already quantifies the free variables (relational formulas).
    closed: bool,
    span: Span,
}

/// Resolves a formula against the theory's current tables.
pub(crate) fn resolve(
    theory: &Theory,
    hints: &Hints,
    f: &ast::Formula,
    mode: Mode,
) -> Result<Resolved, Vec<Diagnostic>> {
    let mut names = BTreeSet::new();
    super::gl::names_in(f, &mut names);
    let mut cx = Cx {
        theory,
        hints,
        mode,
        diags: Vec::new(),
        inf: Inference::default(),
        scope: Vec::new(),
        free: Vec::new(),
        bound_names: Vec::new(),
        unbound_reported: Vec::new(),
        relational: false,
        names,
        expansions: 0,
    };
    let body = cx.formula(f);
    if cx.diags.is_empty() {
        let ds = cx.inf.default_sorts(theory, &cx.free);
        cx.diags.extend(ds);
    }
    let body = match body {
        Some(b) if cx.diags.is_empty() => b,
        _ => {
            // A definition's body may repeat an error once per use of a parameter.
            let mut unique: Vec<Diagnostic> = Vec::new();
            for d in cx.diags {
                if !unique.contains(&d) {
                    unique.push(d);
                }
            }
            return Err(unique);
        }
    };
    let (body, closed) = if cx.relational {
        let wrapped = if cx.free.is_empty() {
            body
        } else {
            RFormula::Forall(cx.free.clone(), Box::new(body))
        };
        (super::gl::normalise(wrapped), true)
    } else {
        (body, false)
    };
    Ok(Resolved {
        body,
        slots: cx.inf.finish(),
        free: cx.free,
        closed,
        span: f.span(),
    })
}

impl Resolved {
    /// `Some(true)` when the formula says nothing beyond sorts and signatures (a
    /// relational formula made only of memberships, signature statements and
    /// tautologies), `Some(false)` when it is contradictory, `None` otherwise.
    pub(crate) fn constant(&self) -> Option<bool> {
        match self.body {
            RFormula::True => Some(true),
            RFormula::False => Some(false),
            _ => None,
        }
    }

    /// Interns the variable names with `intern` (which may refuse a name: that is an
    /// error at the variable's first occurrence) and builds the formula, free variables
    /// quantified outermost. A formula that is [`Resolved::constant`] is an error.
    pub(crate) fn finish(
        self,
        mut intern: impl FnMut(&str) -> Option<Name>,
    ) -> Result<Formula, Vec<Diagnostic>> {
        let mut vars = Vec::new();
        let mut diags = Vec::new();
        for (slot, sort) in &self.slots {
            match intern(&slot.name) {
                Some(name) => vars.push(Var { name, sort: *sort }),
                None => {
                    diags.push(
                        Diagnostic::new(DiagnosticCode::NewVariableName,
                            slot.span,
                            format!("variable name `{}` is new to the theory", slot.name),
                            "not a variable name of the loaded files",
                        )
                        .with_note("this goal was read against a shared theory, which can only reuse its names")
                        .with_help("use a variable name of the theory's files (or let the caller pass the theory mutably)"),
                    );
                    vars.push(Var {
                        name: Name(0),
                        sort: *sort,
                    });
                }
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        if let Some(value) = self.constant() {
            let d = Diagnostic::new(DiagnosticCode::TrivialFormula,
                self.span,
                format!("this formula is always {value}"),
                format!("reduces to {value} once memberships and signatures are read"),
            )
            .with_note("`(in[x, X])` only states a sort, and a signature statement such as `(fXY[f,X,Y])` only declares `f`");
            return Err(vec![d]);
        }
        let body = convert(&vars, self.body);
        if self.free.is_empty() || self.closed {
            Ok(body)
        } else {
            Ok(Formula::Forall(
                self.free.iter().map(|&s| vars[s]).collect(),
                Box::new(body),
            ))
        }
    }
}

fn convert_term(vars: &[Var], t: RTerm) -> Term {
    match t {
        RTerm::Var(s) => Term::Var(vars[s]),
        RTerm::App(op, args) => Term::App(
            op,
            args.into_iter().map(|a| convert_term(vars, a)).collect(),
        ),
    }
}

fn convert(vars: &[Var], f: RFormula) -> Formula {
    let b = |f: Box<RFormula>| Box::new(convert(vars, *f));
    match f {
        RFormula::Eq(l, r) => Formula::Eq(convert_term(vars, l), convert_term(vars, r)),
        RFormula::Atom(p, args) => {
            Formula::Atom(p, args.into_iter().map(|a| convert_term(vars, a)).collect())
        }
        RFormula::Not(x) => Formula::Not(b(x)),
        RFormula::And(xs) => Formula::And(xs.into_iter().map(|x| convert(vars, x)).collect()),
        RFormula::Implies(x, y) => Formula::Implies(b(x), b(y)),
        RFormula::Forall(vs, x) => Formula::Forall(vs.iter().map(|&s| vars[s]).collect(), b(x)),
        // `finish` rejects constant formulas, and simplification leaves no constant
        // inside a formula; an empty conjunction is never built.
        RFormula::True => Formula::And(Vec::new()),
        RFormula::False => Formula::Not(Box::new(Formula::And(Vec::new()))),
    }
}

/// A comma-separated list of names for "declared ...: a, b, c" labels.
pub(crate) fn listing<'n>(names: impl Iterator<Item = &'n str>) -> String {
    let all: Vec<&str> = names.collect();
    let shown: Vec<&str> = all.iter().take(12).copied().collect();
    let mut s = shown.join(", ");
    if all.len() > shown.len() {
        s.push_str(&format!(", ... ({} more)", all.len() - shown.len()));
    }
    s
}

impl Cx<'_> {
    pub(super) fn formula(&mut self, f: &ast::Formula) -> Option<RFormula> {
        match f {
            ast::Formula::Eq { lhs, rhs, .. } => {
                let l = self.term(lhs, None);
                let r = self.term(rhs, None);
                let ((l, lt), (r, rt)) = (l?, r?);
                match self.inf.unify(self.theory, lt, rt, lhs.span(), rhs.span()) {
                    Ok(()) => Some(RFormula::Eq(l, r)),
                    Err(d) => {
                        self.diags.push(*d);
                        None
                    }
                }
            }
            ast::Formula::Atom { pred, args, span } => self.atom(pred, args, *span),
            ast::Formula::Not { body, .. } => Some(RFormula::Not(Box::new(self.formula(body)?))),
            ast::Formula::And { operands, .. } => {
                let rs: Vec<Option<RFormula>> = operands.iter().map(|o| self.formula(o)).collect();
                Some(RFormula::And(rs.into_iter().collect::<Option<Vec<_>>>()?))
            }
            ast::Formula::Forall {
                binders,
                premise,
                body,
                ..
            } => self.forall(binders, premise.as_deref(), body),
        }
    }

    fn atom(&mut self, pred: &ast::Ident, args: &[ast::Term], span: Span) -> Option<RFormula> {
        let theory = self.theory;
        if let Some(p) = theory.predicates.iter().position(|p| p.name == pred.text) {
            let p = PredId(p as u32);
            let args = self.atom_args(pred, &theory.pred(p).args, args, span)?;
            return Some(RFormula::Atom(p, args));
        }
        if let Some(op) = super::predicate::predicate_op(theory, &pred.text) {
            // A goal read against a theory whose predicates are operators already.
            let top = super::predicate::Encoding::of(theory)?.top;
            let args = self.atom_args(pred, &theory.op(op).args, args, span)?;
            return Some(RFormula::Eq(
                RTerm::App(op, args),
                RTerm::App(top, Vec::new()),
            ));
        }
        if let Some(read) = super::gl::atom(self, pred, args, span) {
            return read;
        }
        self.unknown_symbol(pred, "predicate");
        for a in args {
            self.term(a, None);
        }
        None
    }

    /// The arguments of an atom of a predicate with argument sorts `sig`.
    fn atom_args(
        &mut self,
        pred: &ast::Ident,
        sig: &[SortId],
        args: &[ast::Term],
        span: Span,
    ) -> Option<Vec<RTerm>> {
        if sig.len() != args.len() {
            self.diags.push(arity_error(
                &pred.text,
                "predicate",
                sig.len(),
                args.len(),
                span,
            ));
            return None;
        }
        let mut out = Vec::new();
        for (k, (a, s)) in args.iter().zip(sig).enumerate() {
            let e = Expect {
                sort: *s,
                why: format!("argument {} of `{}`", k + 1, pred.text),
            };
            out.push(self.term(a, Some(e)));
        }
        out.into_iter()
            .map(|t| t.map(|(t, _)| t))
            .collect::<Option<_>>()
    }

    fn forall(
        &mut self,
        binders: &[ast::Binder],
        premise: Option<&ast::Formula>,
        body: &ast::Formula,
    ) -> Option<RFormula> {
        let mut slots = Vec::new();
        let mut ok = true;
        for (k, b) in binders.iter().enumerate() {
            ok &= self.check_binder(b, &binders[..k]);
            let sort = match &b.sort {
                None => None,
                Some(s) => match self.theory.sort_by_name(&super::print::sort_ast(s)) {
                    Some(id) => Some(Reason {
                        sort: id,
                        span: s.span(),
                        why: "its annotation".to_string(),
                    }),
                    None => {
                        let shown = ast::Ident {
                            text: super::print::sort_ast(s),
                            span: s.span(),
                        };
                        self.diags.push(unknown_sort(self.theory, &shown));
                        ok = false;
                        None
                    }
                },
            };
            let slot = self.inf.new_slot(&b.name.text, b.name.span, sort);
            self.bound_names.push((b.name.text.clone(), b.name.span));
            slots.push(slot);
        }
        let depth = self.scope.len();
        self.scope.extend(&slots);
        let p = premise.map(|p| self.formula(p));
        let b = self.formula(body);
        self.scope.truncate(depth);
        let b = Box::new(b?);
        let inner = match p {
            None => b,
            Some(p) => Box::new(RFormula::Implies(Box::new(p?), b)),
        };
        if !ok {
            return None;
        }
        Some(if slots.is_empty() {
            *inner
        } else {
            RFormula::Forall(slots, inner)
        })
    }

    /// Checks a binder's name; `earlier` are the binders before it in the same list.
    fn check_binder(&mut self, b: &ast::Binder, earlier: &[ast::Binder]) -> bool {
        let name = &b.name.text;
        if let Some(op) = super::predicate::term_operator(self.theory, name) {
            let d = Diagnostic::new(
                DiagnosticCode::BinderNameClash,
                b.name.span,
                format!("binder `{name}` has the name of an operator"),
                "variables cannot be named like operators",
            )
            .with_related(self.theory.op(op).span, format!("`{name}` is declared"));
            self.diags.push(d);
            return false;
        }
        if let Some(first) = earlier.iter().find(|e| &e.name.text == name) {
            let d = Diagnostic::new(
                DiagnosticCode::DuplicateBinder,
                b.name.span,
                format!("`{name}` is bound twice"),
                "bound again here",
            )
            .with_related(first.name.span, format!("`{name}` is first bound"));
            self.diags.push(d);
            return false;
        }
        if let Some(&outer) = self
            .scope
            .iter()
            .rev()
            .find(|&&s| &self.inf.slots[s].name == name)
        {
            let d = Diagnostic::new(
                DiagnosticCode::Shadowing,
                b.name.span,
                format!("`{name}` is already bound by an enclosing quantifier"),
                "shadowing is not allowed",
            )
            .with_related(self.inf.slots[outer].span, format!("`{name}` is bound"))
            .with_help("rename one of the two variables");
            self.diags.push(d);
            return false;
        }
        if let Some(&f) = self.free.iter().find(|&&s| &self.inf.slots[s].name == name) {
            self.diags
                .push(free_and_bound(name, self.inf.slots[f].span, b.name.span));
            return false;
        }
        true
    }

    pub(super) fn unknown_symbol(&mut self, id: &ast::Ident, kind: &str) {
        let name = &id.text;
        if self.hints.poisoned.iter().any(|p| p == name) {
            return;
        }
        let declared: Vec<&str> = if kind == "operator" {
            super::predicate::operator_names(self.theory)
        } else {
            super::predicate::names(self.theory)
        };
        let label = if declared.is_empty() {
            format!("not declared; no {kind}s are declared")
        } else {
            format!(
                "not declared; declared {kind}s: {}",
                listing(declared.into_iter())
            )
        };
        let code = if kind == "predicate" {
            DiagnosticCode::UnknownPredicate
        } else {
            DiagnosticCode::UnknownOperator
        };
        let mut d = Diagnostic::new(code, id.span, format!("unknown {kind} `{name}`"), label);
        if kind == "predicate" && super::predicate::term_operator(self.theory, name).is_some() {
            d = d.with_note(format!(
                "`{name}` is an operator: use it inside a term, e.g. `(=[{name}(...), ...])`"
            ));
        } else if kind == "operator" && super::predicate::is_predicate(self.theory, name) {
            d = d.with_note(format!(
                "`{name}` is a predicate: use it as an atom `({name}[...])`"
            ));
        } else if let Some(&later) = self.hints.declared_anywhere.get(name) {
            d = d
                .with_related(later, format!("`{name}` is declared later"))
                .with_help("move the declaration before its first use");
        }
        self.diags.push(d);
    }
}

pub(super) fn sort_name(theory: &Theory, s: SortId) -> &str {
    &theory.sort(s).name
}

pub(super) fn free_and_bound(name: &str, free: Span, bound: Span) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::FreeAndBound,
        free,
        format!("`{name}` is used both free and bound in this formula"),
        "free occurrence",
    )
    .with_related(bound, format!("`{name}` is bound"))
    .with_note("free variables are quantified outermost, so the binder would shadow them")
    .with_help("rename the bound variable")
}

pub(super) fn arity_error(
    name: &str,
    kind: &str,
    want: usize,
    got: usize,
    span: Span,
) -> Diagnostic {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    Diagnostic::new(
        DiagnosticCode::ArityMismatch,
        span,
        format!("wrong number of arguments for {kind} `{name}`"),
        format!(
            "`{name}` takes {want} {}, but {got} {} given",
            plural(want),
            if got == 1 { "is" } else { "are" }
        ),
    )
}

/// The error for an unknown sort name.
pub(crate) fn unknown_sort(theory: &Theory, s: &ast::Ident) -> Diagnostic {
    let label = if theory.sorts.is_empty() {
        "not declared; no sorts are declared".to_string()
    } else {
        format!(
            "not declared; declared sorts: {}",
            listing(theory.sorts.iter().map(|s| s.name.as_str()))
        )
    };
    Diagnostic::new(
        DiagnosticCode::UnknownSort,
        s.span,
        format!("unknown sort `{}`", s.text),
        label,
    )
}
