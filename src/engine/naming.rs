//! Readable, stable theorem names from the shape of the statement.
//!
//! Recognised shapes: commutativity (`add_comm`), associativity (`add_assoc`), a
//! constant absorbed or neutral on the right or left (`add_0_r`, `mul_0_l`, `mul_1_r`);
//! otherwise the operators of the left side in order (`mul_succ`, `mul_add`). A name
//! already taken gets `_2`, `_3`, ... in admission order.
//!
//! Invariant: the name depends only on the statement and on the names taken before it,
//! so a deterministic admission order gives deterministic names.

use crate::mpl::{OpId, Term, Theory};

/// A word for an operator: `+` is `add`, `*` is `mul`, `s` is `succ`, identifiers stay.
fn word(theory: &Theory, f: OpId) -> String {
    let name = &theory.op(f).name;
    match name.as_str() {
        "+" => "add".into(),
        "*" => "mul".into(),
        "-" => "sub".into(),
        "/" => "div".into(),
        "^" => "pow".into(),
        "<=" => "le".into(),
        "<" => "lt".into(),
        "s" | "S" | "succ" => "succ".into(),
        n if n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => n.to_string(),
        _ => format!("op{}", f.0),
    }
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

/// A fresh readable name for `lhs = rhs`, not among `taken`.
pub fn theorem_name(theory: &Theory, lhs: &Term, rhs: &Term, taken: &[String]) -> String {
    let base = shape_name(theory, lhs, rhs);
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|n| !taken.contains(n))
        .expect("some suffix is free")
}
