//! The polymorphic resolver: one formula of a theory with sort families, operator
//! schemes, function sorts or lambdas (`docs/logic.md`, section 1).
//!
//! A formula is read into terms over *uses* (a plain operator, an operator scheme with
//! one unknown sort per parameter, `@`, a lambda), with [`super::unify`] inferring the
//! sorts; then every sort left unknown is generalised to a sort variable (`'a`, `'b`,
//! ... in order of first occurrence, skipping those the formula writes); then the terms
//! are built over the tables, creating the instances they use (`cons[N]`, `List(N)`) and
//! the lifted lambdas ([`super::lambda`]).
//!
//! Invariants of a result:
//! - every term is well-sorted over the tables (instances included); a variable carries
//!   its sort;
//! - `f(x)` with `f` a variable is `@(f, x)` (`f(x, y)` is `@(@(f, x), y)`); a bare
//!   operator of arity n >= 1 is its eta-expansion, a lambda;
//! - free variables (conjectures) are quantified outermost, in order of first occurrence;
//!   axioms must be closed.
//!
//! The GL dialect (definitions with parameters, `in`, `in2`, `in3`) is not available in
//! these formulas; declared predicates with plain or structured sorts are.
//!
//! ```
//! let t = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); inductive List('a) = nil | cons('a, List('a));
//!      axiom a: (>[x] !(=[cons(x, nil), nil]));",
//! ).unwrap();
//! assert_eq!(ergo::mpl::print::formula(&t, &t.axioms[0].formula),
//!            "(>[x:'a] !(=[cons(x, nil), nil]))");
//! ```

use std::collections::BTreeSet;

use super::ast;
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::fixity::{self, ChainOp, Tree};
use super::formula::{arity_error, Hints, Mode};
use super::theory::{Axiom, Formula, Name, OpId, PredId, SortShape, Span, Term, Theory, Var};
use super::unify::{Ty, Unifier};

/// Whether a formula must be read by this resolver: the theory is polymorphic (families,
/// schemes, sorts other than plain ones) or the formula uses lambdas, structured
/// binder annotations or applies a bound variable.
pub(crate) fn wanted(theory: &Theory, f: &ast::Formula) -> bool {
    if !theory.families.is_empty()
        || !theory.op_schemes.is_empty()
        || theory.sorts.iter().any(|s| s.shape != SortShape::Plain)
    {
        return true;
    }
    let mut binders = BTreeSet::new();
    binder_names(f, &mut binders);
    syntax_wants(f, &binders)
}

fn binder_names(f: &ast::Formula, out: &mut BTreeSet<String>) {
    match f {
        ast::Formula::Forall {
            binders,
            premise,
            body,
            ..
        } => {
            out.extend(binders.iter().map(|b| b.name.text.clone()));
            if let Some(p) = premise {
                binder_names(p, out);
            }
            binder_names(body, out);
        }
        ast::Formula::Not { body, .. } => binder_names(body, out),
        ast::Formula::And { operands, .. } => operands.iter().for_each(|o| binder_names(o, out)),
        _ => {}
    }
}

fn syntax_wants(f: &ast::Formula, binders: &BTreeSet<String>) -> bool {
    let term = |t: &ast::Term| term_wants(t, binders);
    match f {
        ast::Formula::Eq { lhs, rhs, .. } => term(lhs) || term(rhs),
        ast::Formula::Atom { args, .. } => args.iter().any(term),
        ast::Formula::Not { body, .. } => syntax_wants(body, binders),
        ast::Formula::And { operands, .. } => operands.iter().any(|o| syntax_wants(o, binders)),
        ast::Formula::Forall {
            binders: bs,
            premise,
            body,
            ..
        } => {
            bs.iter().any(|b| {
                b.sort
                    .as_ref()
                    .is_some_and(ast::SortAst::is_polymorphic_syntax)
            }) || premise.as_ref().is_some_and(|p| syntax_wants(p, binders))
                || syntax_wants(body, binders)
        }
    }
}

fn term_wants(t: &ast::Term, binders: &BTreeSet<String>) -> bool {
    match t {
        ast::Term::Lambda { .. } => true,
        ast::Term::Name(_) => false,
        ast::Term::App { op, args, .. } => {
            binders.contains(&op.text) || args.iter().any(|a| term_wants(a, binders))
        }
        ast::Term::Infix { operands, .. } => operands.iter().any(|a| term_wants(a, binders)),
        ast::Term::Paren { inner, .. } => term_wants(inner, binders),
    }
}

/// What a use of an operator refers to.
#[derive(Clone, Debug)]
pub(super) enum OpRef {
    /// A plain operator.
    Mono(OpId),
    /// An instance of the scheme of this name (`cons`, `@`), at the use's sorts.
    Scheme(String),
    /// The lambda with this index in [`Px::lambdas`].
    Lam(usize),
}

/// A term whose variables are slots and whose operator uses carry sorts.
#[derive(Clone, Debug)]
pub(super) enum PTerm {
    Var(usize),
    Op(OpRef, Vec<Ty>, Vec<PTerm>),
}

/// A formula over [`PTerm`]s.
#[derive(Clone, Debug)]
pub(super) enum PFormula {
    Eq(PTerm, PTerm),
    Atom(PredId, Vec<PTerm>),
    Not(Box<PFormula>),
    And(Vec<PFormula>),
    Implies(Box<PFormula>, Box<PFormula>),
    Forall(Vec<usize>, Box<PFormula>),
}

/// A variable of the formula.
pub(super) struct PSlot {
    pub name: String,
    pub ty: Ty,
}

/// A lambda met in the formula: its binders, body, free variables and sort.
pub(super) struct Lam {
    pub binders: Vec<usize>,
    pub body: PTerm,
    pub free: Vec<usize>,
    pub ty: Ty,
}

/// The state of reading one formula.
pub(super) struct Px<'a> {
    pub theory: &'a Theory,
    pub hints: &'a Hints,
    pub mode: Mode,
    pub diags: Vec<Diagnostic>,
    pub u: Unifier,
    pub slots: Vec<PSlot>,
    scope: Vec<usize>,
    pub free: Vec<usize>,
    pub lambdas: Vec<Lam>,
    /// Every name written in the formula (eta-expansion binders avoid them).
    names: BTreeSet<String>,
}

/// Reads a formula, then builds it over `theory`'s tables (adding the instances and
/// lifted lambdas it needs; `lambdas` counts the lambdas lifted before). Returns the
/// formula and the defining axioms of its lambdas.
pub(crate) fn resolve(
    theory: &mut Theory,
    hints: &Hints,
    f: &ast::Formula,
    mode: Mode,
    lambdas: &mut usize,
) -> Result<(Formula, Vec<Axiom>), Vec<Diagnostic>> {
    let mut names = BTreeSet::new();
    super::gl::names_in(f, &mut names);
    let mut px = Px {
        theory,
        hints,
        mode,
        diags: Vec::new(),
        u: Unifier::default(),
        slots: Vec::new(),
        scope: Vec::new(),
        free: Vec::new(),
        lambdas: Vec::new(),
        names,
    };
    let body = px.formula(f);
    let body = match body {
        Some(b) if px.diags.is_empty() => b,
        _ => {
            let mut unique: Vec<Diagnostic> = Vec::new();
            for d in px.diags {
                if !unique.contains(&d) {
                    unique.push(d);
                }
            }
            return Err(unique);
        }
    };
    let body = if px.free.is_empty() {
        body
    } else {
        PFormula::Forall(px.free.clone(), Box::new(body))
    };
    px.generalise(&body);
    let Px {
        u,
        slots,
        lambdas: lams,
        ..
    } = px;
    super::lambda::build(theory, &u, &slots, &lams, &body, lambdas, f.span())
}

/// Reads a goal against a resolved theory, which it may not change: a goal whose sorts
/// or instances (or lambdas) are not in the tables is an error (`missing-instance`; the
/// caller instantiates the theory first, see `Theory::instantiate`). The goal is read
/// over a scratch copy of the theory (whose names it interned); [`intern_goal`] then
/// interns its variable names in the caller's.
pub(crate) fn read_goal(
    theory: &Theory,
    f: &ast::Formula,
) -> Result<(Formula, Theory), Vec<Diagnostic>> {
    let mut scratch = theory.clone();
    let hints = Hints::default();
    let mut lambdas = 0;
    let (formula, defs) = resolve(&mut scratch, &hints, f, Mode::Open, &mut lambdas)?;
    if !defs.is_empty()
        || scratch.sorts.len() != theory.sorts.len()
        || scratch.operators.len() != theory.operators.len()
    {
        let new: Vec<String> = scratch.sorts[theory.sorts.len()..]
            .iter()
            .map(|s| format!("sort `{}`", s.name))
            .chain(
                scratch.operators[theory.operators.len()..]
                    .iter()
                    .map(|o| format!("`{}`", o.name)),
            )
            .collect();
        return Err(vec![Diagnostic::new(
            DiagnosticCode::MissingInstance,
            f.span(),
            "this goal needs instances the theory does not have",
            format!("needs {}", super::formula::listing(new.iter().map(String::as_str))),
        )
        .with_help("instantiate the theory at the goal's sorts first (`Theory::instantiate`); lambdas belong in the theory's files")]);
    }
    Ok((formula, scratch))
}

/// A goal read by [`read_goal`] with its variable names interned by `intern`.
pub(crate) fn intern_goal(
    scratch: &Theory,
    formula: &Formula,
    span: Span,
    mut intern: impl FnMut(&str) -> Option<Name>,
) -> Result<Formula, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut rename = |v: Var| -> Var {
        let text = scratch.name(v.name).to_string();
        match intern(&text) {
            Some(name) => Var { name, sort: v.sort },
            None => {
                diags.push(Diagnostic::new(
                    DiagnosticCode::NewVariableName,
                    span,
                    format!("variable name `{text}` is new to the theory"),
                    "not a variable name of the loaded files",
                ));
                v
            }
        }
    };
    let out = rename_formula(formula, &mut rename);
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

fn rename_term(t: &Term, rename: &mut dyn FnMut(Var) -> Var) -> Term {
    match t {
        Term::Var(v) => Term::Var(rename(*v)),
        Term::App(o, args) => Term::App(*o, args.iter().map(|a| rename_term(a, rename)).collect()),
    }
}

fn rename_formula(f: &Formula, rename: &mut dyn FnMut(Var) -> Var) -> Formula {
    match f {
        Formula::Eq(l, r) => Formula::Eq(rename_term(l, rename), rename_term(r, rename)),
        Formula::Atom(p, args) => {
            Formula::Atom(*p, args.iter().map(|a| rename_term(a, rename)).collect())
        }
        Formula::Not(x) => Formula::Not(Box::new(rename_formula(x, rename))),
        Formula::And(xs) => Formula::And(xs.iter().map(|x| rename_formula(x, rename)).collect()),
        Formula::Implies(a, b) => Formula::Implies(
            Box::new(rename_formula(a, rename)),
            Box::new(rename_formula(b, rename)),
        ),
        Formula::Forall(vs, x) => Formula::Forall(
            vs.iter().map(|v| rename(*v)).collect(),
            Box::new(rename_formula(x, rename)),
        ),
    }
}

impl Px<'_> {
    fn slot(&mut self, name: &str, _span: Span, ty: Ty) -> usize {
        self.slots.push(PSlot {
            name: name.to_string(),
            ty,
        });
        self.slots.len() - 1
    }

    /// Names every unknown left, in order of first occurrence in the formula.
    fn generalise(&mut self, body: &PFormula) {
        let mut taken = Vec::new();
        for s in &self.slots {
            self.u.resolve(&s.ty).names_into(&mut taken);
        }
        let mut order = Vec::new();
        self.unknowns_formula(body, &mut order);
        for l in 0..self.lambdas.len() {
            self.unknowns_ty(&self.lambdas[l].ty.clone(), &mut order);
        }
        let mut next = 0usize;
        for u in order {
            if self.u.resolve(&Ty::Unk(u)) != Ty::Unk(u) {
                continue;
            }
            let name = loop {
                let n = var_name(next);
                next += 1;
                if !taken.contains(&n) {
                    break n;
                }
            };
            self.u.bind(u, Ty::Name(name));
        }
    }

    fn unknowns_ty(&self, t: &Ty, out: &mut Vec<usize>) {
        match self.u.resolve(t) {
            Ty::Unk(u) => {
                if !out.contains(&u) {
                    out.push(u);
                }
            }
            Ty::Name(_) => {}
            Ty::App(_, args) => args.iter().for_each(|a| self.unknowns_ty(a, out)),
            Ty::Fun(a, b) => {
                self.unknowns_ty(&a, out);
                self.unknowns_ty(&b, out);
            }
        }
    }

    fn unknowns_term(&self, t: &PTerm, out: &mut Vec<usize>) {
        match t {
            PTerm::Var(s) => self.unknowns_ty(&self.slots[*s].ty, out),
            PTerm::Op(_, tys, args) => {
                tys.iter().for_each(|t| self.unknowns_ty(t, out));
                args.iter().for_each(|a| self.unknowns_term(a, out));
            }
        }
    }

    fn unknowns_formula(&self, f: &PFormula, out: &mut Vec<usize>) {
        match f {
            PFormula::Eq(l, r) => {
                self.unknowns_term(l, out);
                self.unknowns_term(r, out);
            }
            PFormula::Atom(_, args) => args.iter().for_each(|a| self.unknowns_term(a, out)),
            PFormula::Not(x) => self.unknowns_formula(x, out),
            PFormula::And(xs) => xs.iter().for_each(|x| self.unknowns_formula(x, out)),
            PFormula::Implies(a, b) => {
                self.unknowns_formula(a, out);
                self.unknowns_formula(b, out);
            }
            PFormula::Forall(vs, x) => {
                vs.iter()
                    .for_each(|v| self.unknowns_ty(&self.slots[*v].ty, out));
                self.unknowns_formula(x, out);
            }
        }
    }

    fn formula(&mut self, f: &ast::Formula) -> Option<PFormula> {
        match f {
            ast::Formula::Eq { lhs, rhs, .. } => {
                let l = self.term(lhs);
                let r = self.term(rhs);
                let ((l, lt), (r, rt)) = (l?, r?);
                if self.u.unify(&lt, &rt) {
                    return Some(PFormula::Eq(l, r));
                }
                let (lt, rt) = (self.u.resolve(&lt), self.u.resolve(&rt));
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::SortMismatch,
                        rhs.span(),
                        "equality between terms of different sorts",
                        format!("this has sort `{rt}`"),
                    )
                    .with_related(lhs.span(), format!("the left side has sort `{lt}`")),
                );
                None
            }
            ast::Formula::Atom { pred, args, span } => {
                let theory = self.theory;
                let Some(p) = theory.predicates.iter().position(|p| p.name == pred.text) else {
                    self.diags.push(Diagnostic::new(
                        DiagnosticCode::UnknownPredicate,
                        pred.span,
                        format!("unknown predicate `{}`", pred.text),
                        "not a declared predicate (definitions and GL relations are not available in polymorphic theories)",
                    ));
                    return None;
                };
                let p = PredId(p as u32);
                let sig = theory.pred(p).args.clone();
                if sig.len() != args.len() {
                    let d = arity_error(&pred.text, "predicate", sig.len(), args.len(), *span);
                    self.diags.push(d);
                    return None;
                }
                let mut out = Vec::new();
                for (a, s) in args.iter().zip(sig) {
                    let want = Ty::of(&theory.sort_expr(s), &[]);
                    out.push(self.term_at(a, &want));
                }
                Some(PFormula::Atom(p, out.into_iter().collect::<Option<_>>()?))
            }
            ast::Formula::Not { body, .. } => Some(PFormula::Not(Box::new(self.formula(body)?))),
            ast::Formula::And { operands, .. } => {
                let rs: Vec<Option<PFormula>> = operands.iter().map(|o| self.formula(o)).collect();
                Some(PFormula::And(rs.into_iter().collect::<Option<Vec<_>>>()?))
            }
            ast::Formula::Forall {
                binders,
                premise,
                body,
                ..
            } => {
                let mut slots = Vec::new();
                let mut ok = true;
                for (k, b) in binders.iter().enumerate() {
                    ok &= self.check_binder(&b.name, &binders[..k]);
                    let ty = match &b.sort {
                        None => self.u.fresh(),
                        Some(s) => {
                            let e = super::resolve_poly::sort_expr(
                                self.theory,
                                s,
                                None,
                                &mut self.diags,
                            );
                            match e {
                                Some(e) => Ty::of(&e, &[]),
                                None => {
                                    ok = false;
                                    self.u.fresh()
                                }
                            }
                        }
                    };
                    slots.push(self.slot(&b.name.text, b.name.span, ty));
                }
                let depth = self.scope.len();
                self.scope.extend(&slots);
                let p = premise.as_ref().map(|p| self.formula(p));
                let b = self.formula(body);
                self.scope.truncate(depth);
                let b = Box::new(b?);
                let inner = match p {
                    None => b,
                    Some(p) => Box::new(PFormula::Implies(Box::new(p?), b)),
                };
                if !ok {
                    return None;
                }
                Some(if slots.is_empty() {
                    *inner
                } else {
                    PFormula::Forall(slots, inner)
                })
            }
        }
    }

    /// Checks a binder's name against operators, its list and the enclosing binders.
    fn check_binder(&mut self, name: &ast::Ident, earlier: &[ast::Binder]) -> bool {
        let n = &name.text;
        if lookup(self.theory, n).is_some() {
            self.diags.push(Diagnostic::new(
                DiagnosticCode::BinderNameClash,
                name.span,
                format!("binder `{n}` has the name of an operator"),
                "variables cannot be named like operators",
            ));
            return false;
        }
        if earlier.iter().any(|e| &e.name.text == n) {
            self.diags.push(Diagnostic::new(
                DiagnosticCode::DuplicateBinder,
                name.span,
                format!("`{n}` is bound twice"),
                "bound again here",
            ));
            return false;
        }
        if self.scope.iter().any(|&s| &self.slots[s].name == n) {
            self.diags.push(Diagnostic::new(
                DiagnosticCode::Shadowing,
                name.span,
                format!("`{n}` is already bound by an enclosing quantifier"),
                "shadowing is not allowed",
            ));
            return false;
        }
        true
    }

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
    fn lambda(
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
    fn variable(&self, name: &str) -> Option<usize> {
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

/// The slots of a term, appended in order of first occurrence.
pub(super) fn vars_of(t: &PTerm, out: &mut Vec<usize>) {
    match t {
        PTerm::Var(s) => {
            if !out.contains(s) {
                out.push(*s);
            }
        }
        PTerm::Op(_, _, args) => args.iter().for_each(|a| vars_of(a, out)),
    }
}

/// The n-th generalised sort variable: `'a` ... `'z`, then `'a1`, ...
fn var_name(n: usize) -> String {
    let letter = (b'a' + (n % 26) as u8) as char;
    match n / 26 {
        0 => format!("'{letter}"),
        k => format!("'{letter}{k}"),
    }
}
