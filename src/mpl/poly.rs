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
use super::formula::{arity_error, Hints, Mode};
use super::poly_terms::lookup;
use super::theory::{Axiom, Formula, OpId, PredId, SortShape, Span, Theory};
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
    pub scope: Vec<usize>,
    pub free: Vec<usize>,
    pub lambdas: Vec<Lam>,
    /// Every name written in the formula (eta-expansion binders avoid them).
    pub names: BTreeSet<String>,
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

impl Px<'_> {
    pub(super) fn slot(&mut self, name: &str, _span: Span, ty: Ty) -> usize {
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
    pub(super) fn check_binder(&mut self, name: &ast::Ident, earlier: &[ast::Binder]) -> bool {
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
