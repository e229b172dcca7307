//! Normalising relational formulas: from GL's chains of relations to equations over terms.
//!
//! A formula that uses GL's relational atoms or definitions (see [`super::relation`]) is
//! resolved into equations `f(x) = y` plus the constant `True` for memberships; this pass
//! then rewrites it into an equivalent formula over terms, so that the theory contains
//! the same kind of equations as a file written with terms. Every step is a logical
//! equivalence (in sorted first-order logic with total operators and non-empty sorts):
//!
//! - constants: `True`/`False` are absorbed by `&`, `!`, `>` and quantifiers; `t = t`
//!   is `True`;
//! - shape: conjunctions are flattened; `A -> (B -> C)` is `(A & B) -> C`;
//!   `A -> (>[ws] B)` is `(>[ws] A -> B)`; `(>[vs] (>[ws] B))` is `(>[vs,ws] B)`
//!   (binders never clash: names are bound once along a path); `A -> (B & C)` is
//!   `(A -> B) & (A -> C)` and `(>[vs] (B & C))` is `(>[vs] B) & (>[vs] C)`, each
//!   keeping the variables it uses, so a formula becomes a conjunction of clauses;
//! - one-point rule: in `(>[vs] P -> C)`, a conjunct `t = v` (or `v = t`) of `P` whose
//!   `v` is one of `vs` and does not occur in `t` is dropped, and `v` is replaced by `t`
//!   everywhere (`v` leaves `vs`). Conjuncts are tried in order, and in `t = v` the
//!   right-hand variable is preferred, so GL's output argument (`in3[a,b,d,+]`, read
//!   `a + b = d`) is the one eliminated;
//! - `(>[vs] !(t = v))` with `v` in `vs` and not in `t` is `False` (take `v := t`).
//!
//! So `(>[a,b,c,d] (&(in2[b,c,s]) (in3[a,b,d,+])) (>[e] (in2[d,e,s]) (in3[a,c,e,+])))`
//! becomes `(>[a,b] (=[a + s(b), s(a + b)]))`: `c := s(b)`, `d := a + b`,
//! `e := s(a + b)`. Which side of an equation a term ends on follows the relations: the
//! conclusion `in3[a,c,e,+]` reads `a + c = e`, so `a + s(b)` is on the left.
//!
//! Invariant of the result: `True` and `False` occur only as the whole formula.

use crate::mpl::formula::{RFormula, RTerm};

/// Simplifies a relational formula (see the module documentation).
pub(in crate::mpl) fn simplify(f: RFormula) -> RFormula {
    match f {
        RFormula::Eq(l, r) if l == r => RFormula::True,
        RFormula::Eq(..) | RFormula::Atom(..) | RFormula::True | RFormula::False => f,
        RFormula::Not(x) => not(simplify(*x)),
        RFormula::And(xs) => and(xs.into_iter().map(simplify).collect()),
        RFormula::Implies(a, b) => implies(simplify(*a), simplify(*b)),
        RFormula::Forall(vs, body) => forall(vs, simplify(*body)),
    }
}

fn not(x: RFormula) -> RFormula {
    match x {
        RFormula::True => RFormula::False,
        RFormula::False => RFormula::True,
        x => RFormula::Not(Box::new(x)),
    }
}

/// A conjunction of simplified formulas, flattened.
fn and(xs: Vec<RFormula>) -> RFormula {
    let mut out = Vec::new();
    for x in xs {
        match x {
            RFormula::True => {}
            RFormula::False => return RFormula::False,
            RFormula::And(ys) => out.extend(ys),
            x => out.push(x),
        }
    }
    match out.len() {
        0 => RFormula::True,
        1 => out.pop().unwrap_or(RFormula::True),
        _ => RFormula::And(out),
    }
}

/// `a -> b` for simplified `a` and `b`.
fn implies(a: RFormula, b: RFormula) -> RFormula {
    match (a, b) {
        (RFormula::True, b) => b,
        (RFormula::False, _) | (_, RFormula::True) => RFormula::True,
        (a, RFormula::False) => not(a),
        (a, RFormula::Implies(b, c)) => implies(and(vec![a, *b]), *c),
        (a, RFormula::And(bs)) => and(bs.into_iter().map(|b| implies(a.clone(), b)).collect()),
        (a, RFormula::Forall(ws, body)) => RFormula::Forall(ws, Box::new(implies(a, *body))),
        (a, b) => RFormula::Implies(Box::new(a), Box::new(b)),
    }
}

/// `(>[vs] body)` for a simplified `body`.
fn forall(mut vs: Vec<usize>, mut body: RFormula) -> RFormula {
    loop {
        if let RFormula::Forall(ws, inner) = body {
            vs.extend(ws);
            body = *inner;
        }
        let RFormula::Implies(p, c) = body else { break };
        let mut premises = match *p {
            RFormula::And(xs) => xs,
            x => vec![x],
        };
        let mut conclusion = *c;
        let mut changed = false;
        while let Some((k, v, t)) = defining(&premises, &vs) {
            premises.remove(k);
            for q in &mut premises {
                *q = substitute(q, v, &t);
            }
            conclusion = substitute(&conclusion, v, &t);
            vs.retain(|&w| w != v);
            changed = true;
        }
        if !changed {
            body = RFormula::Implies(Box::new(and(premises)), Box::new(conclusion));
            break;
        }
        body = simplify(implies(and(premises), conclusion));
    }
    if let RFormula::Not(x) = &body {
        if let RFormula::Eq(l, r) = x.as_ref() {
            if eliminable(r, l, &vs).is_some() || eliminable(l, r, &vs).is_some() {
                return RFormula::False;
            }
        }
    }
    match body {
        RFormula::True => RFormula::True,
        RFormula::False => RFormula::False,
        RFormula::And(xs) => and(xs
            .into_iter()
            .map(|x| {
                let mut used = Vec::new();
                vars_of(&x, &mut used);
                let own: Vec<usize> = vs.iter().copied().filter(|v| used.contains(v)).collect();
                forall(own, x)
            })
            .collect()),
        b if vs.is_empty() => b,
        b => RFormula::Forall(vs, Box::new(b)),
    }
}

/// The variables occurring in a formula (free or bound).
fn vars_of(f: &RFormula, out: &mut Vec<usize>) {
    fn term(t: &RTerm, out: &mut Vec<usize>) {
        match t {
            RTerm::Var(v) if !out.contains(v) => out.push(*v),
            RTerm::Var(_) => {}
            RTerm::App(_, args) => args.iter().for_each(|a| term(a, out)),
        }
    }
    match f {
        RFormula::Eq(l, r) => {
            term(l, out);
            term(r, out);
        }
        RFormula::Atom(_, args) => args.iter().for_each(|a| term(a, out)),
        RFormula::Not(x) => vars_of(x, out),
        RFormula::And(xs) => xs.iter().for_each(|x| vars_of(x, out)),
        RFormula::Implies(a, b) => {
            vars_of(a, out);
            vars_of(b, out);
        }
        RFormula::Forall(_, x) => vars_of(x, out),
        RFormula::True | RFormula::False => {}
    }
}

/// The first premise `t = v` (or `v = t`) that defines a variable `v` of `vs`: its index,
/// the variable and the term.
fn defining(premises: &[RFormula], vs: &[usize]) -> Option<(usize, usize, RTerm)> {
    premises.iter().enumerate().find_map(|(k, p)| match p {
        RFormula::Eq(l, r) => eliminable(r, l, vs)
            .map(|v| (k, v, l.clone()))
            .or_else(|| eliminable(l, r, vs).map(|v| (k, v, r.clone()))),
        _ => None,
    })
}

/// `Some(v)` when `side` is a variable `v` of `vs` that does not occur in `other`.
fn eliminable(side: &RTerm, other: &RTerm, vs: &[usize]) -> Option<usize> {
    match side {
        RTerm::Var(v) if vs.contains(v) && !occurs(other, *v) => Some(*v),
        _ => None,
    }
}

fn occurs(t: &RTerm, v: usize) -> bool {
    match t {
        RTerm::Var(w) => *w == v,
        RTerm::App(_, args) => args.iter().any(|a| occurs(a, v)),
    }
}

fn substitute_term(t: &RTerm, v: usize, by: &RTerm) -> RTerm {
    match t {
        RTerm::Var(w) if *w == v => by.clone(),
        RTerm::Var(_) => t.clone(),
        RTerm::App(f, args) => {
            RTerm::App(*f, args.iter().map(|a| substitute_term(a, v, by)).collect())
        }
    }
}

fn substitute(f: &RFormula, v: usize, by: &RTerm) -> RFormula {
    let t = |x: &RTerm| substitute_term(x, v, by);
    let b = |x: &RFormula| Box::new(substitute(x, v, by));
    match f {
        RFormula::Eq(l, r) => RFormula::Eq(t(l), t(r)),
        RFormula::Atom(p, args) => RFormula::Atom(*p, args.iter().map(t).collect()),
        RFormula::Not(x) => RFormula::Not(b(x)),
        RFormula::And(xs) => RFormula::And(xs.iter().map(|x| substitute(x, v, by)).collect()),
        RFormula::Implies(x, y) => RFormula::Implies(b(x), b(y)),
        RFormula::Forall(vs, x) => RFormula::Forall(vs.clone(), b(x)),
        RFormula::True => RFormula::True,
        RFormula::False => RFormula::False,
    }
}
