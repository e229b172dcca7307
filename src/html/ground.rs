//! The ground facts' page (`ground.html`): the arithmetic facts over a theory's numerals
//! that `ergo derive`'s ground phase proves, as tables instead of a page per fact.
//!
//! The facts are recognised by their names (the engine's ground phase writes them, see
//! `engine::ground`): `ground.ne_a_b` (`¬(a = b)`), `ground.<f>_a[_b]` (the value of
//! `f(a, b)`) and `ground.<f>_a[_b]_ne_c` (`¬(f(a, b) = c)`), with `a`, `b`, `c` numbers.
//! The page shows, for each operator `f`, the table of its values (rows `a`, columns `b`)
//! and the matrix of `f(a, b)` against every numeral `c` (`=` the value, `≠` a
//! refutation), then the matrix of the disequalities; every cell links to the fact's
//! proof further down the same page, a closed `<details>` block (opened by the link
//! through the shared script; without it the block is one click away) rendered from the
//! proof tree like a theorem page (`theorem::proof_body`).
//!
//! Invariants: only accepted theorems appear (the input is the [`TheoryModel`]); the page
//! is a function of the certificate (rows and columns in numeric order, operators in
//! the certificate's order); element ids of a fact's proof are prefixed with the fact's
//! id, so no two proofs share an id.
//!
//! Example: `ground.add_2_3_ne_6` is the refutation `¬(2 + 3 = 6)`; its cell is in the
//! `add` matrix, row `2 + 3`, column `6`, and links to `ground.html#ground.add_2_3_ne_6`
//! (the fact's [`super::names::slug`]).

use super::model::TheoryModel;
use super::names::slug;
use super::page;
use super::term::Printer;
use super::theorem::{self, Links};
use crate::mpl::Term;
use maud::html;
use std::collections::BTreeMap;

/// The page's file name, in the theory's folder.
pub const PAGE: &str = "ground.html";

/// The prefix of ground facts' names.
const PREFIX: &str = "ground.";

/// Whether a theorem is a ground fact (shown on the ground facts' page, not its own).
pub fn is_ground(name: &str) -> bool {
    name.starts_with(PREFIX)
}

/// A ground fact's link from the theory's folder.
pub fn href(name: &str) -> String {
    format!("{PAGE}#{}", slug(name))
}

/// What a ground fact's name says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape {
    Distinct(usize, usize),
    Value(String, Vec<usize>),
    Refuted(String, Vec<usize>, usize),
}

fn parse(name: &str) -> Option<Shape> {
    let rest = name.strip_prefix(PREFIX)?;
    let tokens: Vec<&str> = rest.split('_').collect();
    let num = |t: &str| -> Option<usize> {
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    if let ["ne", a, b] = tokens.as_slice() {
        return Some(Shape::Distinct(num(a)?, num(b)?));
    }
    let (head, refuted) = match tokens.as_slice() {
        [head @ .., "ne", c] if head.len() >= 2 => (head, num(c)),
        all => (all, None),
    };
    let digits = head.iter().rev().take_while(|t| num(t).is_some()).count();
    if digits == 0 || digits > 2 || digits == head.len() {
        return None;
    }
    let (op, args) = head.split_at(head.len() - digits);
    let args: Vec<usize> = args.iter().filter_map(|t| num(t)).collect();
    let op = op.join("_");
    Some(match refuted {
        Some(c) => Shape::Refuted(op, args, c),
        None => Shape::Value(op, args),
    })
}

/// One operator's facts: values and refutations by argument tuple.
#[derive(Default)]
struct OpFacts {
    arity: usize,
    values: BTreeMap<Vec<usize>, usize>,
    refuted: BTreeMap<(Vec<usize>, usize), usize>,
    /// The printed left side `f(a, b)` per tuple.
    lhs: BTreeMap<Vec<usize>, String>,
}

/// The equation of a fact's statement (a negated one's is its last premise).
fn equation<'m>(m: &'m TheoryModel<'_>, k: usize) -> Option<&'m (Term, Term)> {
    let s = &m.theorems[k].statement;
    if s.negated {
        s.premises.last()
    } else {
        s.goal.eq()
    }
}

/// The ground facts' page of `m`, `None` when it has none. `root` leads from the theory's
/// folder to the site root; `crumbs` come before the theory in the navigation bar.
pub fn render(
    m: &TheoryModel,
    p: &Printer,
    root: &str,
    crumbs: &[(String, String)],
) -> Option<String> {
    let facts: Vec<usize> = (0..m.theorems.len())
        .filter(|&k| is_ground(&m.theorems[k].cert.name))
        .collect();
    if facts.is_empty() {
        return None;
    }
    let mut ops: Vec<(String, OpFacts)> = Vec::new();
    let mut distinct: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    // The printed numerals (and values beyond them), from the disequalities.
    let mut numeral: BTreeMap<usize, String> = BTreeMap::new();
    let mut max_numeral = 0;
    for &k in &facts {
        let Some(shape) = parse(&m.theorems[k].cert.name) else {
            continue;
        };
        let eq = equation(m, k);
        match shape {
            Shape::Distinct(a, b) => {
                distinct.insert((a, b), k);
                if let Some((l, r)) = eq {
                    numeral.entry(a).or_insert_with(|| p.text(l));
                    numeral.entry(b).or_insert_with(|| p.text(r));
                }
                max_numeral = max_numeral.max(b);
            }
            Shape::Value(op, args) | Shape::Refuted(op, args, _) => {
                if !ops.iter().any(|(o, _)| *o == op) {
                    ops.push((op.clone(), OpFacts::default()));
                }
                add(&mut ops, &op, args, &m.theorems[k].cert.name, k, eq, p);
            }
        }
    }
    let label = |n: usize| numeral.get(&n).cloned().unwrap_or_else(|| n.to_string());
    let cols: Vec<usize> = (0..=max_numeral).collect();
    let cell = |k: usize, text: &str| {
        let name = &m.theorems[k].cert.name;
        html! { a href=(format!("#{}", slug(name))) title=(p.clause(&m.theorems[k].statement)) { (text) } }
    };
    let count = |f: &dyn Fn(&Shape) -> bool| {
        facts
            .iter()
            .filter(|&&k| parse(&m.theorems[k].cert.name).is_some_and(|s| f(&s)))
            .count()
    };
    let values = count(&|s| matches!(s, Shape::Value(..)));
    let refuted = count(&|s| matches!(s, Shape::Refuted(..)));
    let mut all_crumbs = crumbs.to_vec();
    all_crumbs.push((
        "index.html".to_string(),
        format!("theory {}", m.theory.name),
    ));
    let body = html! {
        h1 { "Ground facts of " (m.theory.name) }
        p {
            "Arithmetic over the numerals " code { (label(0)) } " … " code { (label(max_numeral)) }
            ", each fact a theorem of the certificate, replayed by the kernel: "
            b { (values) } " values, " b { (refuted) } " refuted equations and "
            b { (distinct.len()) } " disequalities (" (facts.len()) " in all). "
            "Every cell links to its proof below."
        }
        @for (op, f) in &ops {
            section id=(format!("op-{}", slug(op))) {
                h2 { code { (op) } }
                @if f.arity == 2 {
                    div.tw { table.list.ground {
                        thead { tr { th {} @for b in &cols { th { (label(*b)) } } } }
                        tbody { @for a in &cols { tr {
                            th { (label(*a)) }
                            @for b in &cols {
                                td { @if let Some(&k) = f.values.get(&vec![*a, *b]) {
                                    (cell(k, &equation(m, k).map(|e| p.text(&e.1)).unwrap_or_default()))
                                } }
                            }
                        } } }
                    } }
                } @else {
                    div.tw { table.list.ground {
                        thead { tr { @for a in &cols { th { (label(*a)) } } } }
                        tbody { tr { @for a in &cols {
                            td { @if let Some(&k) = f.values.get(&vec![*a]) {
                                (cell(k, &equation(m, k).map(|e| p.text(&e.1)).unwrap_or_default()))
                            } }
                        } } }
                    } }
                }
                p.note { "Each row against every numeral: " code { "=" } " its value, " code { "≠" } " a refutation by contradiction." }
                div.tw { table.list.ground {
                    thead { tr { th {} @for c in &cols { th { (label(*c)) } } } }
                    tbody { @for (args, lhs) in &f.lhs { tr {
                        th { code { (lhs) } }
                        @for c in &cols {
                            td {
                                @if let Some(&k) = f.refuted.get(&(args.clone(), *c)) { (cell(k, "≠")) }
                                @else if let Some(&k) = f.values.get(args) {
                                    @if equation(m, k).map(|e| p.text(&e.1)) == Some(label(*c)) { (cell(k, "=")) }
                                }
                            }
                        }
                    } } }
                } }
            }
        }
        @if !distinct.is_empty() {
            section #distinct {
                h2 { "Disequalities" }
                p.note { "Rows beyond the numerals are the values that the refutations above need." }
                @let rows: Vec<usize> = distinct.keys().map(|(a, _)| *a).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
                div.tw { table.list.ground {
                    thead { tr { th {} @for b in &cols { th { (label(*b)) } } } }
                    tbody { @for a in &rows { tr {
                        th { (label(*a)) }
                        @for b in &cols {
                            td { @if let Some(&k) = distinct.get(&(*a, *b)) { (cell(k, "≠")) } }
                        }
                    } } }
                } }
            }
        }
        section #proofs {
            h2 { "Proofs" }
            @for &k in &facts {
                @let t = &m.theorems[k];
                @let id = slug(&t.cert.name);
                @let prefix = format!("{id}-");
                @let links = Links { root, crumbs, theory: "", ids: &prefix };
                details.fact id=(id) {
                    summary { b { (t.cert.name) } " " code { (p.clause(&t.statement)) } " — " (t.method(&m.theory)) ", " (t.report.steps) " steps" }
                    (theorem::proof_body(t, p, &links))
                }
            }
        }
    };
    Some(page::page(
        root,
        &format!("Ground facts — {}", m.theory.name),
        &all_crumbs,
        "ground facts",
        body,
    ))
}

fn add(
    ops: &mut [(String, OpFacts)],
    op: &str,
    args: Vec<usize>,
    name: &str,
    k: usize,
    eq: Option<&(Term, Term)>,
    p: &Printer,
) {
    let Some((_, f)) = ops.iter_mut().find(|(o, _)| o == op) else {
        return;
    };
    f.arity = args.len();
    if let Some((l, _)) = eq {
        f.lhs.entry(args.clone()).or_insert_with(|| p.text(l));
    }
    match parse(name) {
        Some(Shape::Refuted(_, _, c)) => {
            f.refuted.insert((args, c), k);
        }
        _ => {
            f.values.insert(args, k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_back() {
        assert_eq!(parse("ground.ne_4_5"), Some(Shape::Distinct(4, 5)));
        assert_eq!(
            parse("ground.add_2_3"),
            Some(Shape::Value("add".into(), vec![2, 3]))
        );
        assert_eq!(
            parse("ground.add_2_3_ne_6"),
            Some(Shape::Refuted("add".into(), vec![2, 3], 6))
        );
        assert_eq!(
            parse("ground.my_op_7"),
            Some(Shape::Value("my_op".into(), vec![7]))
        );
        assert_eq!(parse("ground.add"), None);
        assert_eq!(parse("add_comm"), None);
    }
}
