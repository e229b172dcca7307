//! Signatures stated by axioms, GL's way: how `(fXYZ[+,N,N,N])` declares `+`.
//!
//! GL has no declarations: a file states that `+` is a total function from N×N to N by
//! the definition atom `(fXYZ[+,N,N,N])`, whose body types the graph of `+`, says it is
//! total and says it is functional; and it states that `i0` is in `N` by `(in[i0,N])`.
//! Before an axiom is resolved, this pass looks at its top-level conjuncts (expanding
//! definition atoms there) for two shapes, and returns the signatures they state:
//!
//! - a *typing clause* `(>[x1,...,xk,y] (ink[x1,...,xk,y,f]) (&(in[x1,X1]) ... (in[y,Y])))`
//!   (k = 1 with `in2`, k = 2 with `in3`; the memberships in any order and grouping, one
//!   per variable): `f` is an operator `f(X1, ..., Xk) -> Y`;
//! - a *membership* `(in[c, X])` of a name `c` that is not declared: `c` is a constant
//!   `c -> X`.
//!
//! The resolver declares these (or checks them against an existing declaration) and then
//! reads the axiom as usual: with `f` an operator, the typing clause, the totality clause
//! `(>[x] (in[x,X]) !(>[y] (in[y,Y]) !(in2[x,y,f])))` and the functionality clause all
//! reduce to true (see [`super::simplify`]), so an axiom that only states signatures
//! adds no formula to the theory. Nothing here depends on the names of the definitions:
//! the shapes are recognised in the expanded body.

use std::collections::BTreeSet;

use super::define;
use crate::mpl::ast::{Formula, Ident, Term};
use crate::mpl::theory::Theory;

/// A signature stated by an axiom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stated {
    /// `f(X1, ..., Xk) -> Y`, from a typing clause.
    Function {
        /// The operator, as written in the axiom (or in a definition's argument).
        name: Ident,
        /// Argument sorts.
        args: Vec<Ident>,
        /// Result sort.
        result: Ident,
    },
    /// `c -> X`, from `(in[c, X])`.
    Constant {
        /// The constant.
        name: Ident,
        /// Its sort.
        sort: Ident,
    },
}

/// The signatures stated by the top-level conjuncts of an axiom, in order.
pub(crate) fn signatures(theory: &Theory, f: &Formula) -> Vec<Stated> {
    let mut avoid = BTreeSet::new();
    define::names_in(f, &mut avoid);
    let mut out = Vec::new();
    let mut budget = define::MAX_EXPANSIONS;
    conjuncts(theory, f, &avoid, &mut budget, &mut out);
    out
}

/// Whether `name` denotes the built-in relation of that name (no user symbol hides it).
fn builtin(theory: &Theory, name: &str, relation: &str) -> bool {
    name == relation
        && !theory.predicates.iter().any(|p| p.name == name)
        && theory.definition(name).is_none()
}

fn conjuncts(
    theory: &Theory,
    f: &Formula,
    avoid: &BTreeSet<String>,
    budget: &mut usize,
    out: &mut Vec<Stated>,
) {
    match f {
        Formula::And { operands, .. } => {
            for o in operands {
                conjuncts(theory, o, avoid, budget, out);
            }
        }
        Formula::Atom { pred, args, .. } => {
            if let Some(def) = theory.definition(&pred.text) {
                if theory.predicates.iter().any(|p| p.name == pred.text)
                    || def.params.len() != args.len()
                    || *budget == 0
                {
                    return;
                }
                *budget -= 1;
                if let Ok(body) = define::expand(theory, def, args, avoid) {
                    conjuncts(theory, &body, avoid, budget, out);
                }
                return;
            }
            if builtin(theory, &pred.text, "in") {
                if let [Term::Name(c), Term::Name(x)] = args.as_slice() {
                    if !c.is_symbolic() && theory.op_by_name(&c.text).is_none() {
                        out.push(Stated::Constant {
                            name: c.clone(),
                            sort: x.clone(),
                        });
                    }
                }
            }
        }
        Formula::Forall {
            binders,
            premise: Some(premise),
            body,
            ..
        } => {
            if let Some(s) = typing_clause(theory, binders, premise, body) {
                out.push(s);
            }
        }
        _ => {}
    }
}

/// `(>[x1..xk,y] (ink[x1..xk,y,f]) (&(in[x1,X1]) ... (in[y,Y])))`.
fn typing_clause(
    theory: &Theory,
    binders: &[crate::mpl::ast::Binder],
    premise: &Formula,
    body: &Formula,
) -> Option<Stated> {
    let Formula::Atom { pred, args, .. } = premise else {
        return None;
    };
    let k = match pred.text.as_str() {
        "in2" if builtin(theory, "in2", "in2") => 1,
        "in3" if builtin(theory, "in3", "in3") => 2,
        _ => return None,
    };
    if args.len() != k + 2 {
        return None;
    }
    let Term::Name(f) = &args[k + 1] else {
        return None;
    };
    let vars: Vec<&str> = args[..=k]
        .iter()
        .map(|a| match a {
            Term::Name(n) => Some(n.text.as_str()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let distinct: BTreeSet<&str> = vars.iter().copied().collect();
    let bound: BTreeSet<&str> = binders.iter().map(|b| b.name.text.as_str()).collect();
    if distinct.len() != vars.len() || distinct != bound || bound.contains(f.text.as_str()) {
        return None;
    }
    let mut sets: Vec<(&str, &Ident)> = Vec::new();
    memberships(theory, body, &mut sets)?;
    if sets.len() != vars.len() {
        return None;
    }
    let sort_of = |v: &str| {
        let found: Vec<&Ident> = sets
            .iter()
            .filter(|(x, _)| *x == v)
            .map(|(_, s)| *s)
            .collect();
        (found.len() == 1).then(|| found[0].clone())
    };
    let sorts: Vec<Ident> = vars.iter().map(|v| sort_of(v)).collect::<Option<_>>()?;
    let (result, args) = sorts.split_last()?;
    Some(Stated::Function {
        name: f.clone(),
        args: args.to_vec(),
        result: result.clone(),
    })
}

/// The memberships `(in[x, X])` of a conjunction made only of them.
fn memberships<'f>(
    theory: &Theory,
    f: &'f Formula,
    out: &mut Vec<(&'f str, &'f Ident)>,
) -> Option<()> {
    match f {
        Formula::And { operands, .. } => {
            for o in operands {
                memberships(theory, o, out)?;
            }
            Some(())
        }
        Formula::Atom { pred, args, .. } if builtin(theory, &pred.text, "in") => {
            match args.as_slice() {
                [Term::Name(x), Term::Name(set)] => {
                    out.push((x.text.as_str(), set));
                    Some(())
                }
                _ => None,
            }
        }
        _ => None,
    }
}
