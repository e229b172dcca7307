//! The `match` compiler: each defined function's body turned into defining equations
//! over constructor patterns, the form ergo's logic states definitions in.
//!
//! `f(x1, .., xn) = BODY` starts as one equation with variable patterns. While an
//! equation's right-hand side is a `match` on one of its pattern variables `x`, it is
//! split into one equation per constructor `C` of `x`'s datatype: `x` becomes
//! `(C y1 .. yk)` in the patterns and in the right-hand side, and the case for `C` (the
//! first case naming `C`, else the first wildcard or variable case) is the new right-hand
//! side. Nested matches nest patterns; wildcards are expanded to the constructors no
//! earlier case names; `ite` and everything else is kept as a term.
//!
//! Invariants:
//! - the equations of a function cover its argument sorts exactly once (TIP's matches are
//!   exhaustive; a constructor no case covers gives no equation);
//! - pattern variables are distinct, and bound nowhere inside the right-hand side: a case
//!   binder keeps its name when it is the only binder of that name in the definition and
//!   no pattern variable has it, and is renamed `NAME_K` (fresh) otherwise, so
//!   substituting constructor terms never captures;
//! - a `match` whose scrutinee is not a pattern variable (`(match (f x) ..)`) stays in the
//!   right-hand side ([`Equation::residual_match`] is then true);
//! - every term built carries its sort, as checked terms do.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2", "(declare-datatype Nat ((Z) (S (p Nat))))\n\
//!     (define-fun-rec plus ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (plus z y))))))").unwrap();
//! let defs = ergo::tip::equations::of_problem(&p);
//! let eqs: Vec<String> = defs[0].equations.iter().map(|e| e.to_string()).collect();
//! assert_eq!(eqs, ["(plus Z y) = y", "(plus (S z) y) = (S (plus z y))"]);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::ast::*;
use super::signature::Signature;
use super::{Problem, Sort};

/// A pattern of an equation's left-hand side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pat {
    /// A variable of the given sort.
    Var(String, Sort),
    /// A constructor applied to patterns, with the sort it builds.
    Con(String, Vec<Pat>, Sort),
}

/// One defining equation `f(PATS) = RHS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equation {
    /// The function.
    pub function: String,
    /// Its sort parameters.
    pub params: Vec<String>,
    /// One pattern per argument.
    pub lhs: Vec<Pat>,
    /// The right-hand side, over the patterns' variables.
    pub rhs: Term,
    /// Whether a `match` on something other than a pattern variable is left in `rhs`.
    pub residual_match: bool,
}

/// The equations of one defined function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The function.
    pub name: String,
    /// Its equations, in constructor order.
    pub equations: Vec<Equation>,
}

impl fmt::Display for Pat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pat::Var(v, _) => f.write_str(v),
            Pat::Con(c, args, _) if args.is_empty() => f.write_str(c),
            Pat::Con(c, args, _) => {
                write!(f, "({c}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Equation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lhs.is_empty() {
            write!(f, "{}", self.function)?;
        } else {
            write!(f, "({}", self.function)?;
            for p in &self.lhs {
                write!(f, " {p}")?;
            }
            f.write_str(")")?;
        }
        write!(f, " = {}", self.rhs)
    }
}

/// The equations of every function the problem defines, in file order.
pub fn of_problem(p: &Problem) -> Vec<Definition> {
    p.functions()
        .filter_map(|f| {
            let body = f.body.as_ref()?;
            Some(of_function(&p.signature, f, body))
        })
        .collect()
}

fn of_function(sig: &Signature, f: &FunDecl, body: &Term) -> Definition {
    let sym = &sig.symbols[&f.name.text];
    let mut names = Names::default();
    for b in &f.args {
        *names.bound.entry(b.name.text.clone()).or_default() += 1;
        names.used.insert(b.name.text.clone());
    }
    body.visit(&mut |t| names.note(t));
    let lhs: Vec<Pat> = f
        .args
        .iter()
        .zip(&sym.args)
        .map(|(b, s)| Pat::Var(b.name.text.clone(), s.clone()))
        .collect();
    let mut equations = Vec::new();
    split(sig, &mut names, lhs, body.clone(), &mut |lhs, rhs| {
        let mut residual = false;
        rhs.visit(&mut |t| residual |= matches!(t.kind, TermKind::Match(..)));
        equations.push(Equation {
            function: f.name.text.clone(),
            params: sym.params.clone(),
            lhs,
            rhs,
            residual_match: residual,
        })
    });
    Definition {
        name: f.name.text.clone(),
        equations,
    }
}

/// Names of one definition: every name used, and how often each is bound.
#[derive(Default)]
struct Names {
    used: BTreeSet<String>,
    bound: BTreeMap<String, usize>,
}

impl Names {
    fn note(&mut self, t: &Term) {
        let mut bind = |n: &str| {
            self.used.insert(n.to_string());
            *self.bound.entry(n.to_string()).or_default() += 1;
        };
        match &t.kind {
            TermKind::Quant(_, bs, _) | TermKind::Lambda(bs, _) => {
                bs.iter().for_each(|b| bind(&b.name.text))
            }
            TermKind::Let(bs, _) => bs.iter().for_each(|(n, _)| bind(&n.text)),
            TermKind::Match(_, cases) => {
                for c in cases {
                    match &c.pattern {
                        Pattern::Con { binders, .. } => binders.iter().for_each(|b| bind(&b.text)),
                        Pattern::Var(n) => bind(&n.text),
                        Pattern::Wildcard(_) => {}
                    }
                }
            }
            TermKind::Apply { name, .. } => {
                self.used.insert(name.text.clone());
            }
            _ => {}
        }
    }

    /// A pattern variable's name for the binder `want` (or a field with no binder).
    fn pick(&mut self, want: Option<&str>, lhs: &[Pat], fallback: &str) -> String {
        if let Some(w) = want {
            if self.bound.get(w) == Some(&1) && !lhs.iter().any(|p| binds(p, w)) {
                return w.to_string();
            }
        }
        let base = want.unwrap_or(fallback);
        let fresh = (1..)
            .map(|k| format!("{base}_{k}"))
            .find(|n| !self.used.contains(n))
            .unwrap_or_else(|| unreachable!("an unbounded range"));
        self.used.insert(fresh.clone());
        fresh
    }
}

fn binds(p: &Pat, v: &str) -> bool {
    match p {
        Pat::Var(w, _) => w == v,
        Pat::Con(_, args, _) => args.iter().any(|a| binds(a, v)),
    }
}

fn var_term(name: &str, sort: &Sort, span: crate::mpl::Span) -> Term {
    Term {
        kind: TermKind::Apply {
            name: Name {
                text: name.to_string(),
                span,
            },
            explicit: None,
            as_sort: None,
            args: Vec::new(),
            head: Some(Head::Var),
            instance: Vec::new(),
        },
        span,
        sort: Some(sort.clone()),
    }
}

/// Splits `lhs = rhs` on the matches at the top of `rhs` and emits the equations.
fn split(
    sig: &Signature,
    names: &mut Names,
    lhs: Vec<Pat>,
    rhs: Term,
    emit: &mut dyn FnMut(Vec<Pat>, Term),
) {
    let TermKind::Match(scrutinee, cases) = &rhs.kind else {
        return emit(lhs, rhs);
    };
    let var = match &scrutinee.kind {
        TermKind::Apply {
            name,
            head: Some(Head::Var),
            ..
        } if lhs.iter().any(|p| binds(p, &name.text)) => name.text.clone(),
        _ => return emit(lhs, rhs),
    };
    let Some(Sort::Con(dt_name, sort_args)) = scrutinee.sort.clone() else {
        return emit(lhs, rhs);
    };
    let Some(dt) = sig.datatypes.get(&dt_name) else {
        return emit(lhs, rhs);
    };
    let inst: BTreeMap<String, Sort> = dt.params.iter().cloned().zip(sort_args.clone()).collect();
    let dt_sort = Sort::Con(dt_name.clone(), sort_args.clone());
    for (k, ctor) in dt.ctors.iter().enumerate() {
        let case = cases
            .iter()
            .find(|c| matches!(c.pattern, Pattern::Con { ctor: Some(j), .. } if j == k))
            .or_else(|| {
                cases
                    .iter()
                    .find(|c| matches!(c.pattern, Pattern::Wildcard(_) | Pattern::Var(_)))
            });
        let Some(case) = case else { continue };
        let mut body = case.rhs.clone();
        let mut fields = Vec::new();
        for (j, (sel, fsort)) in ctor.fields.iter().enumerate() {
            let fsort = fsort.subst(&inst);
            let want = match &case.pattern {
                Pattern::Con { binders, .. } => Some(binders[j].text.as_str()),
                _ => None,
            };
            let v = names.pick(want, &lhs, sel);
            if let Some(w) = want {
                if w != v {
                    body = subst(&body, w, &var_term(&v, &fsort, scrutinee.span));
                }
            }
            fields.push((v, fsort));
        }
        let con_term = Term {
            kind: TermKind::Apply {
                name: Name {
                    text: ctor.name.clone(),
                    span: scrutinee.span,
                },
                explicit: None,
                as_sort: None,
                args: fields
                    .iter()
                    .map(|(v, s)| var_term(v, s, scrutinee.span))
                    .collect(),
                head: Some(Head::Con),
                instance: sort_args.clone(),
            },
            span: scrutinee.span,
            sort: Some(dt_sort.clone()),
        };
        if let Pattern::Var(n) = &case.pattern {
            body = subst(&body, &n.text, &con_term);
        }
        body = subst(&body, &var, &con_term);
        let pat = Pat::Con(
            ctor.name.clone(),
            fields.into_iter().map(|(v, s)| Pat::Var(v, s)).collect(),
            dt_sort.clone(),
        );
        let new_lhs = lhs.iter().map(|p| replace(p, &var, &pat)).collect();
        split(sig, names, new_lhs, body, emit);
    }
}

fn replace(p: &Pat, v: &str, with: &Pat) -> Pat {
    match p {
        Pat::Var(w, _) if w == v => with.clone(),
        Pat::Var(..) => p.clone(),
        Pat::Con(c, args, s) => Pat::Con(
            c.clone(),
            args.iter().map(|a| replace(a, v, with)).collect(),
            s.clone(),
        ),
    }
}

/// `t` with the free occurrences of variable `v` replaced by `with` (which no binder of
/// `t` captures: see the module invariants).
fn subst(t: &Term, v: &str, with: &Term) -> Term {
    let go = |u: &Term| subst(u, v, with);
    let shadows = |bs: &[Binder]| bs.iter().any(|b| b.name.text == v);
    let kind = match &t.kind {
        TermKind::Apply {
            name,
            head: Some(Head::Var),
            ..
        } if name.text == v => return with.clone(),
        TermKind::Apply {
            name,
            explicit,
            as_sort,
            args,
            head,
            instance,
        } => TermKind::Apply {
            name: name.clone(),
            explicit: explicit.clone(),
            as_sort: as_sort.clone(),
            args: args.iter().map(go).collect(),
            head: head.clone(),
            instance: instance.clone(),
        },
        TermKind::Bool(_) => return t.clone(),
        TermKind::Builtin(op, args) => TermKind::Builtin(*op, args.iter().map(go).collect()),
        TermKind::Quant(_, bs, _) | TermKind::Lambda(bs, _) if shadows(bs) => return t.clone(),
        TermKind::Quant(q, bs, b) => TermKind::Quant(*q, bs.clone(), Box::new(go(b))),
        TermKind::Lambda(bs, b) => TermKind::Lambda(bs.clone(), Box::new(go(b))),
        TermKind::Let(bs, b) => {
            let inner = if bs.iter().any(|(n, _)| n.text == v) {
                (**b).clone()
            } else {
                go(b)
            };
            TermKind::Let(
                bs.iter().map(|(n, u)| (n.clone(), go(u))).collect(),
                Box::new(inner),
            )
        }
        TermKind::Match(s, cases) => TermKind::Match(
            Box::new(go(s)),
            cases
                .iter()
                .map(|c| {
                    let bound = match &c.pattern {
                        Pattern::Con { binders, .. } => binders.iter().any(|b| b.text == v),
                        Pattern::Var(n) => n.text == v,
                        Pattern::Wildcard(_) => false,
                    };
                    Case {
                        pattern: c.pattern.clone(),
                        rhs: if bound { c.rhs.clone() } else { go(&c.rhs) },
                    }
                })
                .collect(),
        ),
    };
    Term {
        kind,
        span: t.span,
        sort: t.sort.clone(),
    }
}
