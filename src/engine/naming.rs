//! Readable, stable theorem names from the shape of the statement.
//!
//! Operators get words: `+` is `add`, `s` is `succ`, a TIP symbol mangled by
//! `ergo import tip` its usual name (`++` is `app`, `+2` is `add`), identifiers stay.
//! Recognised shapes: commutativity (`add_comm`), associativity (`add_assoc`), a
//! constant absorbed or neutral on the right or left (`add_0_r`, `mul_0_l`, `mul_1_r`);
//! otherwise the operators of the left side in order (`mul_succ`, `mul_add`). A name
//! already taken gets `_2`, `_3`, ... in admission order. Clauses: cancellation
//! (`add_cancel_l` for `x + y = x + z -> y = z`, `add_cancel_r`), injectivity
//! (`succ_inj`), an operation equal to a constant (`add_eq_0_l` for `x + y = 0 -> x = 0`),
//! disequations (`succ_ne_self` for `s(x) != x`, `add_succ_ne` otherwise); the laws of a
//! declared binary predicate (`le_refl`, `le_sym`, `le_trans`, `le_antisym`); other
//! clauses are named after their premise and conclusion.
//!
//! Invariant: the name depends only on the statement and on the names taken before it,
//! so a deterministic admission order gives deterministic names.

use super::equation::Goal;
use crate::mpl::{OpId, Term, Theory};

/// A word for an operator: `+` is `add`, `*` is `mul`, `s` is `succ`, identifiers stay.
fn word(theory: &Theory, f: OpId) -> String {
    let name = theory.op_shown(f); // an instance is named after its scheme
    match name {
        "+" => "add".into(),
        "*" => "mul".into(),
        "-" => "sub".into(),
        "/" => "div".into(),
        "^" => "pow".into(),
        "<=" => "le".into(),
        "<" => "lt".into(),
        "s" | "S" | "succ" => "succ".into(),
        n if n.starts_with("m__") => tip_word(n).unwrap_or_else(|| n.to_string()),
        // A lifted lambda (`lam.0`, docs/logic.md section 1).
        n if n.starts_with("lam.") => "lam".into(),
        // A lifted operator (`_match1`) loses its leading underscores: a theorem's name
        // starts with a letter or a digit (the kernel's plain names).
        n if n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && n.chars().any(|c| c.is_ascii_alphanumeric()) =>
        {
            n.trim_start_matches('_').to_string()
        }
        _ => format!("op{}", f.0),
    }
}

/// A word for an operator that `ergo import tip` named from a TIP symbol (see
/// [`crate::tip::names`]): `++` is `app`, `+2` is `add`, `==` is `eq`, `<=2` is `le`,
/// `-2` is `sub`; a name with other symbols has them as `_` (`proj1-S` is `proj1_S`).
/// `None` if `name` is no mangled TIP name.
fn tip_word(name: &str) -> Option<String> {
    let tip = crate::tip::names::demangle(name)?;
    // IsaPlanner numbers its own arithmetic (`+2`, `<=2`) apart from SMT-LIB's.
    let symbol = tip.trim_end_matches(|c: char| c.is_ascii_digit());
    let known = match symbol {
        "++" => Some("app"),
        "+" => Some("add"),
        "-" => Some("sub"),
        "*" => Some("mul"),
        "/" => Some("div"),
        "^" => Some("pow"),
        "==" | "=" => Some("eq"),
        "<=" | "=<" => Some("le"),
        "<" => Some("lt"),
        ">=" => Some("ge"),
        ">" => Some("gt"),
        _ => None,
    };
    if let Some(w) = known {
        return Some(w.to_string());
    }
    let mut word = String::new();
    for c in tip.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() && !word.ends_with('_') {
            word.push('_');
        }
    }
    let word = word.trim_end_matches('_').to_string();
    (!word.is_empty() && word.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(word)
}

/// A closed term as a short word: numerals as digits, otherwise operator words.
fn closed_word(theory: &Theory, t: &Term) -> Option<String> {
    fn numeral(theory: &Theory, t: &Term) -> Option<usize> {
        match t {
            Term::App(f, args) if args.is_empty() && theory.op(*f).name == "0" => Some(0),
            Term::App(f, args) if args.len() == 1 && word(theory, *f) == "succ" => {
                numeral(theory, &args[0]).map(|n| n + 1)
            }
            _ => None,
        }
    }
    if let Some(n) = numeral(theory, t) {
        return Some(n.to_string());
    }
    match t {
        Term::App(f, args) if args.is_empty() => Some(word(theory, *f)),
        _ => None,
    }
}

fn shape_name(theory: &Theory, lhs: &Term, rhs: &Term) -> String {
    use Term::{App, Var};
    match (lhs, rhs) {
        (App(f, a), App(g, b)) if f == g && a.len() == 2 && b.len() == 2 => {
            if matches!((&a[0], &a[1]), (Var(x), Var(y)) if x != y && b[0] == Var(*y) && b[1] == Var(*x))
            {
                return format!("{}_comm", word(theory, *f));
            }
            if let (App(f1, a1), App(g1, b1)) = (&a[0], &b[1]) {
                if f1 == f
                    && g1 == f
                    && a1.len() == 2
                    && b1.len() == 2
                    && a1[0] == b[0]
                    && a1[1] == b1[0]
                    && a[1] == b1[1]
                {
                    return format!("{}_assoc", word(theory, *f));
                }
            }
            if let (App(f1, a1), App(g1, b1)) = (&a[1], &b[0]) {
                if f1 == f
                    && g1 == f
                    && a1.len() == 2
                    && b1.len() == 2
                    && b1[0] == a[0]
                    && b1[1] == a1[0]
                    && b[1] == a1[1]
                {
                    return format!("{}_assoc", word(theory, *f));
                }
            }
        }
        (App(f, a), r) if a.len() == 2 => {
            if let Some(c) = closed_word(theory, &a[1]) {
                if *r == a[0] || *r == a[1] {
                    return format!("{}_{c}_r", word(theory, *f));
                }
            }
            if let Some(c) = closed_word(theory, &a[0]) {
                if *r == a[1] || *r == a[0] {
                    return format!("{}_{c}_l", word(theory, *f));
                }
            }
        }
        _ => {}
    }
    let mut words = Vec::new();
    fn walk(theory: &Theory, t: &Term, out: &mut Vec<String>) {
        if let Term::App(f, args) = t {
            if !args.is_empty() {
                let w = word(theory, *f);
                if out.last() != Some(&w) {
                    out.push(w);
                }
            }
            args.iter().for_each(|a| walk(theory, a, out));
        }
    }
    walk(theory, lhs, &mut words);
    words.truncate(3);
    if words.is_empty() {
        walk(theory, rhs, &mut words);
        words.truncate(3);
    }
    if words.is_empty() {
        words.push("eq".into());
    }
    words.join("_")
}

/// The name of a clause's shape (premises, negation), see the module documentation.
fn clause_name(theory: &Theory, goal: &Goal) -> String {
    use Term::{App, Var};
    let head = |t: &Term| match t {
        App(f, args) if !args.is_empty() => Some(word(theory, *f)),
        _ => None,
    };
    if goal.negated && goal.premises.is_empty() {
        let (l, r) = (&goal.lhs, &goal.rhs);
        let lw = head(l).or_else(|| closed_word(theory, l));
        let rw = head(r).or_else(|| closed_word(theory, r));
        return match (l, r, lw, rw) {
            (App(_, a), Var(v), Some(w), _) if a.iter().any(|t| t == &Var(*v)) => {
                format!("{w}_ne_self")
            }
            (_, _, Some(w), Some(u)) => format!("{w}_ne_{u}"),
            (_, _, Some(w), None) => format!("{w}_ne"),
            _ => "ne".to_string(),
        };
    }
    if let ([(App(f, a), App(g, b))], false) = (goal.premises.as_slice(), goal.negated) {
        let concl = (&goal.lhs, &goal.rhs);
        if f == g && a.len() == b.len() {
            let differ: Vec<usize> = (0..a.len()).filter(|i| a[*i] != b[*i]).collect();
            if let [i] = differ.as_slice() {
                if (concl.0, concl.1) == (&a[*i], &b[*i]) {
                    let w = word(theory, *f);
                    return match (a.len(), i) {
                        (1, _) => format!("{w}_inj"),
                        (2, 1) => format!("{w}_cancel_l"),
                        (2, _) => format!("{w}_cancel_r"),
                        _ => format!("{w}_cancel_{i}"),
                    };
                }
            }
        }
    }
    if let ([(App(f, a), c)], false) = (goal.premises.as_slice(), goal.negated) {
        if let (Some(cw), true) = (closed_word(theory, c), a.len() == 2) {
            if goal.rhs == *c && a.contains(&goal.lhs) {
                let side = if a[0] == goal.lhs { "l" } else { "r" };
                return format!("{}_eq_{cw}_{side}", word(theory, *f));
            }
        }
    }
    let mut words = Vec::new();
    for (l, r) in &goal.premises {
        words.push(shape_name(theory, l, r));
    }
    words.push(shape_name(theory, &goal.lhs, &goal.rhs));
    words.join("_then_")
}

/// A fresh readable name for a goal (an equation or a clause), not among `taken`.
pub fn goal_name(theory: &Theory, goal: &Goal, taken: &[String]) -> String {
    if let Some(name) = relation_name(theory, goal) {
        return fresh(name, taken);
    }
    if goal.is_plain() {
        return theorem_name(theory, &goal.lhs, &goal.rhs, taken);
    }
    fresh(clause_name(theory, goal), taken)
}

/// The textbook name of a law about a binary predicate `P`: `P_refl` for `P(x, x)`,
/// `P_sym` for `P(x, y) -> P(y, x)`, `P_trans` for `P(x, y) ∧ P(y, z) -> P(x, z)`,
/// `P_antisym` for `P(x, y) ∧ P(y, x) -> x = y` (`x, y, z` distinct variables).
fn relation_name(theory: &Theory, goal: &Goal) -> Option<String> {
    use crate::mpl::predicate::atom;
    let pair = |l: &Term, r: &Term| -> Option<(OpId, Term, Term)> {
        let (p, args) = atom(theory, l, r)?;
        match args {
            [a @ Term::Var(_), b @ Term::Var(_)] => Some((p, a.clone(), b.clone())),
            _ => None,
        }
    };
    let premises: Option<Vec<(OpId, Term, Term)>> =
        goal.premises.iter().map(|(l, r)| pair(l, r)).collect();
    let premises = premises?;
    if goal.negated {
        return None;
    }
    let conclusion = pair(&goal.lhs, &goal.rhs);
    let law = match (premises.as_slice(), conclusion) {
        ([], Some((p, a, b))) if a == b => (p, "refl"),
        ([(p, x, y)], Some((q, a, b))) if p == &q && x != y && a == *y && b == *x => (q, "sym"),
        ([(p, x, y), (q, y2, z)], Some((r, a, b)))
            if p == q && *q == r && y == y2 && x != y && y != z && x != z && a == *x && b == *z =>
        {
            (r, "trans")
        }
        ([(p, x, y), (q, y2, x2)], None)
            if p == q && x != y && y == y2 && x == x2 && goal.lhs == *x && goal.rhs == *y =>
        {
            (*p, "antisym")
        }
        _ => return None,
    };
    Some(format!("{}_{}", word(theory, law.0), law.1))
}

pub(crate) fn fresh(base: String, taken: &[String]) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|n| !taken.contains(n))
        .expect("some suffix is free")
}

/// A fresh readable name for `lhs = rhs`, not among `taken`.
pub fn theorem_name(theory: &Theory, lhs: &Term, rhs: &Term, taken: &[String]) -> String {
    fresh(shape_name(theory, lhs, rhs), taken)
}

#[cfg(test)]
mod tests {
    use super::tip_word;

    #[test]
    fn tip_symbols_get_their_usual_words() {
        assert_eq!(tip_word("m___2b_2b").as_deref(), Some("app"));
        assert_eq!(tip_word("m___2b2").as_deref(), Some("add"));
        assert_eq!(tip_word("m___3d_3d").as_deref(), Some("eq"));
        assert_eq!(tip_word("m___3c_3d2").as_deref(), Some("le"));
        assert_eq!(tip_word("m___2d2").as_deref(), Some("sub"));
        assert_eq!(tip_word("m__proj1_2dS").as_deref(), Some("proj1_S"));
        assert_eq!(tip_word("m__sort").as_deref(), Some("sort"));
        assert_eq!(tip_word("m__x_zz"), None, "not a name the scheme makes");
    }
}
