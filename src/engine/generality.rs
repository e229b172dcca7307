//! Which conjectured law is more general than which: `c` is a *strict instance* of `g`
//! when some substitution of `g`'s variables turns `g` (either way round) into `c` and
//! is not a mere renaming.
//!
//! The exploration uses it to try general laws first: a proposal that is a strict
//! instance of another one still in play waits for it (once the general law is
//! admitted, the instance follows by one rewrite and is pruned).
//!
//! Invariants: purely syntactic and deterministic; a law is never an instance of itself
//! or of a renaming of itself.
//!
//! It also gives a law's identity up to names ([`law_key`]): the same law stated at other
//! sort variables, through other instances of its polymorphic operators, has the same key.
//!
//! It also tells a *padded* law: one with a side that an equation `t = x` (`x + 0 =
//! x`) collapses; such a law is a smaller law in disguise and waits for it too.
//!
//! Example: `(x + y) * z = z * (x + y)` is a strict instance of `x * y = y * x`
//! (`x := x + y, y := z`); `y * x = x * y` is not (a renaming).

use super::conjecture::Conjecture;
use super::equation::Goal;
use crate::mpl::{Formula, Term, Theory, Var};

/// The two sides of a conjectured equation.
fn sides(c: &Conjecture) -> Option<(&Term, &Term)> {
    let mut f = &c.formula;
    while let Formula::Forall(_, body) = f {
        f = body;
    }
    match f {
        Formula::Eq(l, r) => Some((l, r)),
        _ => None,
    }
}

/// Extends `subst` so that `pattern` under it is `term`; false if impossible.
pub(crate) fn matches(pattern: &Term, term: &Term, subst: &mut Vec<(Var, Term)>) -> bool {
    match pattern {
        Term::Var(v) => match subst.iter().find(|(w, _)| w == v) {
            Some((_, t)) => t == term,
            None => {
                // Operators fix the sorts of their arguments; only a variable bound to
                // a variable needs its sort compared.
                if matches!(term, Term::Var(w) if w.sort != v.sort) {
                    return false;
                }
                subst.push((*v, term.clone()));
                true
            }
        },
        Term::App(f, ps) => match term {
            Term::App(g, ts) if f == g && ps.len() == ts.len() => {
                ps.iter().zip(ts).all(|(p, t)| matches(p, t, subst))
            }
            _ => false,
        },
    }
}

/// Whether a substitution only renames variables (injectively).
fn is_renaming(subst: &[(Var, Term)]) -> bool {
    let mut images: Vec<Var> = Vec::new();
    subst.iter().all(|(_, t)| match t {
        Term::Var(w) if !images.contains(w) => {
            images.push(*w);
            true
        }
        _ => false,
    })
}

/// Whether `c` is a strict instance of `g` (see the module docs).
pub fn is_strict_instance(c: &Conjecture, g: &Conjecture) -> bool {
    if g.size > c.size {
        return false;
    }
    let (Some((cl, cr)), Some((gl, gr))) = (sides(c), sides(g)) else {
        return false;
    };
    [(gl, gr), (gr, gl)].into_iter().any(|(a, b)| {
        let mut subst = Vec::new();
        matches(a, cl, &mut subst) && matches(b, cr, &mut subst) && !is_renaming(&subst)
    })
}

/// Whether the clause goal `c` is a strict instance of the clause goal `g`: one
/// substitution of `g`'s variables turns `g`'s conclusion into `c`'s and its premises
/// into `c`'s (in some order, each equation either way round), and is not a renaming.
/// Both must conclude alike (an equation, or falsity). Example: `x + x = x + y -> x = y`
/// is a strict instance of `x + y = x + z -> y = z` (`y := x, z := y`).
pub fn is_strict_clause_instance(c: &Goal, g: &Goal) -> bool {
    // More than three premises are not tried: the orders grow, and no candidate has them.
    let n = c.premises.len();
    if c.negated != g.negated || g.premises.len() != n || n > 3 {
        return false;
    }
    let pattern: Vec<(&Term, &Term)> = std::iter::once((&g.lhs, &g.rhs))
        .chain(g.premises.iter().map(|(l, r)| (l, r)))
        .collect();
    orders(n).into_iter().any(|order| {
        let target: Vec<(&Term, &Term)> = std::iter::once((&c.lhs, &c.rhs))
            .chain(order.iter().map(|&i| (&c.premises[i].0, &c.premises[i].1)))
            .collect();
        match_all(&pattern, &target, &mut Vec::new())
    })
}

/// Every order of `0..n`.
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for shorter in orders(n - 1) {
        for at in 0..=shorter.len() {
            let mut o = shorter.clone();
            o.insert(at, n - 1);
            out.push(o);
        }
    }
    out
}

/// Whether one substitution, extending `subst` and not a renaming, matches every equation
/// of `pattern` (either way round) onto the equation of `target` at the same place.
fn match_all(
    pattern: &[(&Term, &Term)],
    target: &[(&Term, &Term)],
    subst: &mut Vec<(Var, Term)>,
) -> bool {
    let (Some(((a, b), pattern)), Some(((x, y), target))) =
        (pattern.split_first(), target.split_first())
    else {
        return !is_renaming(subst);
    };
    for (p, q) in [(a, b), (b, a)] {
        let mark = subst.len();
        if matches(p, x, subst) && matches(q, y, subst) && match_all(pattern, target, subst) {
            return true;
        }
        subst.truncate(mark);
    }
    false
}

/// Whether some subterm of `term` is an instance of `pattern`.
pub fn has_instance_of(term: &Term, pattern: &Term) -> bool {
    matches(pattern, term, &mut Vec::new())
        || match term {
            Term::Var(_) => false,
            Term::App(_, args) => args.iter().any(|a| has_instance_of(a, pattern)),
        }
}

/// Whether a side of `c` can be collapsed by one of `collapsing` (the non-variable
/// sides of equations `t = x` with `x` a variable of `t`, such as `x + 0` of `x + 0 =
/// x`): then `c` is a padded form of a smaller law (`x * y + 0 = y * x` of `x * y = y *
/// x`) and waits for it.
pub fn is_padded(c: &Conjecture, collapsing: &[Term]) -> bool {
    let Some((l, r)) = sides(c) else {
        return false;
    };
    collapsing
        .iter()
        .any(|p| has_instance_of(l, p) || has_instance_of(r, p))
}

/// The collapsing side of the equation `l = r`, if it has one (see [`is_padded`]).
pub fn collapsing_side<'a>(l: &'a Term, r: &'a Term) -> Option<&'a Term> {
    let collapses = |t: &Term, v: &Term| {
        let mut vars = Vec::new();
        t.vars_into(&mut vars);
        matches!((t, v), (Term::App(..), Term::Var(x)) if vars.contains(x))
    };
    if collapses(l, r) {
        Some(l)
    } else if collapses(r, l) {
        Some(r)
    } else {
        None
    }
}

/// A key equal for two statements that differ only in the names of their variables and
/// sort variables, and in which instance of a polymorphic operator they use: variables
/// numbered in order of first occurrence with their sorts, operators by their scheme's
/// name, sort variables renamed ([`sort_variables_renamed`]).
pub fn law_key(theory: &Theory, goal: &Goal) -> String {
    fn term(theory: &Theory, t: &Term, vars: &mut Vec<crate::mpl::Var>, out: &mut String) {
        match t {
            Term::Var(v) => {
                let k = vars.iter().position(|w| w == v).unwrap_or_else(|| {
                    vars.push(*v);
                    vars.len() - 1
                });
                out.push_str(&format!("v{k}:{} ", theory.sort(v.sort).name));
            }
            Term::App(f, args) => {
                out.push_str(theory.op_shown(*f));
                out.push('(');
                for a in args {
                    term(theory, a, vars, out);
                }
                out.push_str(") ");
            }
        }
    }
    let mut vars = Vec::new();
    let mut out = String::new();
    for (l, r) in &goal.premises {
        term(theory, l, &mut vars, &mut out);
        out.push_str("= ");
        term(theory, r, &mut vars, &mut out);
        out.push_str("& ");
    }
    term(theory, &goal.lhs, &mut vars, &mut out);
    out.push_str(if goal.negated { "!= " } else { "= " });
    term(theory, &goal.rhs, &mut vars, &mut out);
    sort_variables_renamed(&out)
}

/// `text` (a printed statement) with its sort variables (`'a`, `'elem`) renamed `'1`,
/// `'2`, ... in order of first occurrence: two statements that differ only in which sort
/// variables they are at print the same.
fn sort_variables_renamed(text: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '\'' {
            continue;
        }
        let mut name = String::new();
        while let Some(&d) = chars.peek() {
            if !(d.is_alphanumeric() || d == '_') {
                break;
            }
            name.push(d);
            chars.next();
        }
        let k = match names.iter().position(|n| *n == name) {
            Some(k) => k,
            None => {
                names.push(name);
                names.len() - 1
            }
        };
        out.push_str(&(k + 1).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn conjecture(theory: &mut crate::mpl::Theory, text: &str) -> Conjecture {
        let formula = crate::mpl::parse_goal(theory, text).unwrap();
        let size = match sides(&Conjecture {
            formula: formula.clone(),
            size: 0,
            key: String::new(),
        }) {
            Some((l, r)) => l.size() + r.size(),
            None => 0,
        };
        Conjecture {
            formula,
            size,
            key: text.to_string(),
        }
    }

    #[test]
    fn an_instance_of_commutativity_is_strict_and_a_renaming_is_not() {
        let mut theory = crate::mpl::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/axioms/peano.mpl"
        )))
        .unwrap();
        let comm = conjecture(&mut theory, "x * y = y * x");
        let inst = conjecture(&mut theory, "(x + y) * z = z * (x + y)");
        let renamed = conjecture(&mut theory, "y * x = x * y");
        let other = conjecture(&mut theory, "x + y = y + x");
        assert!(is_strict_instance(&inst, &comm));
        assert!(!is_strict_instance(&comm, &inst));
        assert!(!is_strict_instance(&renamed, &comm));
        assert!(!is_strict_instance(&comm, &comm));
        assert!(!is_strict_instance(&other, &comm));
    }

    fn goal(theory: &mut crate::mpl::Theory, text: &str) -> Goal {
        Goal::from_formula(&crate::mpl::parse_goal(theory, text).unwrap()).unwrap()
    }

    #[test]
    fn an_instance_of_cancellation_is_strict_and_its_renaming_is_not() {
        let mut theory = crate::mpl::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/axioms/peano.mpl"
        )))
        .unwrap();
        let cancel = goal(&mut theory, "(>[x,y,z] (=[x + y, x + z]) (=[y, z]))");
        let inst = goal(&mut theory, "(>[x,y] (=[x + x, x + y]) (=[x, y]))");
        let swapped = goal(&mut theory, "(>[x,z,y] (=[x + z, x + y]) (=[z, y]))");
        let ne = goal(&mut theory, "(>[x,y] !(=[s(x + y), x]))");
        let ne_inst = goal(&mut theory, "(>[x] !(=[s(x + x), x]))");
        assert!(is_strict_clause_instance(&inst, &cancel));
        assert!(!is_strict_clause_instance(&cancel, &inst));
        assert!(!is_strict_clause_instance(&swapped, &cancel));
        assert!(!is_strict_clause_instance(&cancel, &cancel));
        assert!(is_strict_clause_instance(&ne_inst, &ne));
        assert!(!is_strict_clause_instance(&ne_inst, &cancel));
    }
}
