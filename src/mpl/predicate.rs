//! Declared predicates as `Prop`-valued operators: how `(le[a, b])` becomes an equation.
//!
//! Everything after the front end (engine, certificates, kernel, renderers) works on
//! equations and clauses over operators, so the resolver reads the predicates of a file
//! into that language. A theory that declares predicates gets, implicitly:
//!
//! - an uninterpreted sort [`PROP`] (`Prop`), with no constructors: it is *not*
//!   inductive (an inductive sort with a single constructor would make every atom true);
//! - a constant operator [`TOP`] (`⊤ : Prop`);
//! - for every declared predicate `P(S1, ..., Sn)`, an operator `P : S1 ... Sn -> Prop`
//!   (it leaves [`super::Signature::predicates`], which is then empty: certificate operator and
//!   predicate names must be distinct);
//!
//! and every atom `(P[t1, ..., tn])` of its axioms and conjectures is the equation
//! `P(t1, ..., tn) = ⊤` (a negated atom `!(P[ts])` is `!(=[P(ts), ⊤])`).
//!
//! Soundness: a model `M` of the theory with predicates extends to a model of the
//! encoding, by interpreting `Prop` as `{⊤, ⊥}` (two distinct elements), `⊤` as `⊤`, and
//! `P(x)` as `⊤` when `P` holds of `x` in `M` and `⊥` otherwise. Then `P(t) = ⊤` holds
//! exactly where the atom `P[t]` does, so the encoded axioms hold; whatever follows from
//! the encoding (an encoded conjecture) holds in the extension, hence, read back as
//! atoms, in `M`. Nothing is assumed about `Prop` beyond `⊤` (in particular not that it
//! has two elements), so the encoding proves no more than the predicate theory.
//!
//! Invariants (of `encode`; the resolver reports `clashes` with its other errors
//! and calls `encode` once every declaration of the files is resolved without one):
//! - a theory without predicates is left unchanged (no `Prop`, no `⊤`);
//! - otherwise the tables are extended deterministically: `Prop` is the last sort (after
//!   every declared one), `⊤` follows every declared operator, and the predicates follow
//!   `⊤` in declaration order; the implicit sort and `⊤` carry the span of the first
//!   predicate's name, each predicate operator its own;
//! - afterwards, formulas contain no [`Formula::Atom`] and `theory.predicates` is empty.
//!
//! Names: `⊤` is not an MPL token, so no file can declare or write it; a file that
//! declares predicates and also a sort named `Prop` is an error at that sort (rather
//! than a silently renamed implicit sort, so that what the certificate, the HTML site
//! and the Coq export call `Prop` is always the implicit one). [`Encoding::of`]
//! recognises an encoded theory by `⊤` (a constant of a sort named `Prop` without
//! constructors), which only `encode` can introduce.
//!
//! Goals are read against the encoded theory: an atom naming a predicate operator is
//! resolved as `P(ts) = ⊤` directly (see `formula`), and predicate operators, `⊤` and
//! their names stay out of terms, as before the encoding: `le(a, b)` is not a term.
//! The printers turn `P(ts) = ⊤` (or `⊤ = P(ts)`) back into the atom (see [`atom`]).

use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::theory::{Formula, OpId, Operator, PredId, Sort, SortId, Term, Theory};

/// The name of the implicit sort of truth values.
pub const PROP: &str = "Prop";

/// The name of the implicit constant `⊤ : Prop`.
pub const TOP: &str = "⊤";

/// Where an encoded theory keeps its implicit sort and constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// The sort `Prop`.
    pub prop: SortId,
    /// The constant `⊤`.
    pub top: OpId,
}

impl Encoding {
    /// The encoding of a theory that declared predicates; `None` for any other theory.
    pub fn of(theory: &Theory) -> Option<Encoding> {
        let top = theory.op_by_name(TOP)?;
        let o = theory.op(top);
        let sort = theory.sort(o.result);
        (o.args.is_empty() && sort.name == PROP && !sort.is_inductive()).then_some(Encoding {
            prop: o.result,
            top,
        })
    }

    /// Whether `op` is the operator of a declared predicate.
    pub fn is_predicate(&self, theory: &Theory, op: OpId) -> bool {
        op != self.top && theory.op(op).result == self.prop
    }
}

/// Whether `t` is the constant `⊤` of an encoded theory.
fn is_top(theory: &Theory, t: &Term) -> bool {
    match t {
        Term::App(op, args) if args.is_empty() => {
            let o = theory.op(*op);
            o.name == TOP && theory.sort(o.result).name == PROP
        }
        _ => false,
    }
}

/// The atom an equation stands for: `P(ts) = ⊤` or `⊤ = P(ts)` with `P` a predicate
/// operator gives `(P, ts)`; anything else `None`.
pub fn atom<'t>(theory: &Theory, lhs: &'t Term, rhs: &'t Term) -> Option<(OpId, &'t [Term])> {
    let (p, top) = if is_top(theory, rhs) {
        (lhs, rhs)
    } else if is_top(theory, lhs) {
        (rhs, lhs)
    } else {
        return None;
    };
    match p {
        Term::App(op, args) if p != top && theory.op(*op).result == theory.sort_of(top) => {
            Some((*op, args.as_slice()))
        }
        _ => None,
    }
}

/// The operator of the predicate named `name` in an encoded theory.
pub(crate) fn predicate_op(theory: &Theory, name: &str) -> Option<OpId> {
    let enc = Encoding::of(theory)?;
    theory
        .op_by_name(name)
        .filter(|&o| enc.is_predicate(theory, o))
}

/// Whether `name` is a declared predicate: in the predicate table (while the files are
/// resolved) or as a predicate operator (an encoded theory, while a goal is read).
pub(crate) fn is_predicate(theory: &Theory, name: &str) -> bool {
    theory.predicates.iter().any(|p| p.name == name) || predicate_op(theory, name).is_some()
}

/// The operator named `name` that terms may use: not `⊤` nor a predicate operator.
pub(crate) fn term_operator(theory: &Theory, name: &str) -> Option<OpId> {
    let op = theory.op_by_name(name)?;
    match Encoding::of(theory) {
        Some(enc) if op == enc.top || enc.is_predicate(theory, op) => None,
        _ => Some(op),
    }
}

/// The names of the declared predicates (either table), in declaration order.
pub(crate) fn names(theory: &Theory) -> Vec<&str> {
    let mut out: Vec<&str> = theory.predicates.iter().map(|p| p.name.as_str()).collect();
    if let Some(enc) = Encoding::of(theory) {
        out.extend(
            (0..theory.operators.len())
                .map(|i| OpId(i as u32))
                .filter(|&o| enc.is_predicate(theory, o))
                .map(|o| theory.op(o).name.as_str()),
        );
    }
    out
}

/// The names of the operators that terms may use (see [`term_operator`]).
pub(crate) fn operator_names(theory: &Theory) -> Vec<&str> {
    (0..theory.operators.len())
        .map(|i| OpId(i as u32))
        .filter(|&o| term_operator(theory, &theory.op(o).name) == Some(o))
        .map(|o| theory.op(o).name.as_str())
        .collect()
}

/// The errors that prevent [`encode`]: a declared sort named `Prop` or operator named
/// `⊤` in a theory with predicates, reported at the declaration.
pub(crate) fn clashes(theory: &Theory) -> Vec<Diagnostic> {
    let Some(first) = theory.predicates.first() else {
        return Vec::new();
    };
    let mut diags = Vec::new();
    if let Some(s) = theory.sort_by_name(PROP) {
        diags.push(
            Diagnostic::new(
                DiagnosticCode::ReservedName,
                theory.sort(s).span,
                format!("a theory with predicates cannot declare a sort named `{PROP}`"),
                "reserved in a theory with predicates",
            )
            .with_related(first.span, "a predicate is declared")
            .with_note(format!(
                "predicates are read as operators into an implicit sort `{PROP}` of truth values, \
                 with an atom `(p[t])` meaning `p(t) = {TOP}`"
            ))
            .with_help("rename the sort"),
        );
    }
    if let Some(o) = theory.op_by_name(TOP) {
        diags.push(
            Diagnostic::new(
                DiagnosticCode::ReservedName,
                theory.op(o).span,
                format!("a theory with predicates cannot declare an operator named `{TOP}`"),
                "reserved in a theory with predicates",
            )
            .with_related(first.span, "a predicate is declared"),
        );
    }
    diags
}

/// Reads the declared predicates of a resolved theory as `Prop`-valued operators (see
/// the module documentation). The theory must be free of [`clashes`].
pub(crate) fn encode(theory: &mut Theory) {
    debug_assert!(clashes(theory).is_empty());
    let theory = theory.signature_mut();
    let Some(first) = theory.predicates.first() else {
        return;
    };
    let first_span = first.span;
    let prop = SortId(theory.sorts.len() as u32);
    theory.sorts.push(Sort {
        name: PROP.to_string(),
        constructors: Vec::new(),
        span: first_span,
        shape: super::signature::SortShape::Plain,
    });
    let top = OpId(theory.operators.len() as u32);
    theory.operators.push(Operator {
        name: TOP.to_string(),
        args: Vec::new(),
        result: prop,
        fixity: None,
        constructor: false,
        span: first_span,
        instance: None,
    });
    let ops: Vec<OpId> = std::mem::take(&mut theory.predicates)
        .into_iter()
        .map(|p| {
            theory.operators.push(Operator {
                name: p.name,
                args: p.args,
                result: prop,
                fixity: None,
                constructor: false,
                span: p.span,
                instance: None,
            });
            OpId(theory.operators.len() as u32 - 1)
        })
        .collect();
    let read = |f: &Formula| rewrite(f, &ops, top);
    for a in &mut theory.axioms {
        a.formula = read(&a.formula);
    }
    for c in &mut theory.conjectures {
        c.formula = read(&c.formula);
    }
}

/// The equation `P(ts) = ⊤` of an atom.
pub(crate) fn equation(p: OpId, args: Vec<Term>, top: OpId) -> Formula {
    Formula::Eq(Term::App(p, args), Term::App(top, Vec::new()))
}

/// `f` with every atom of predicate `k` read as `ops[k](ts) = ⊤`.
fn rewrite(f: &Formula, ops: &[OpId], top: OpId) -> Formula {
    let r = |x: &Formula| Box::new(rewrite(x, ops, top));
    match f {
        Formula::Eq(..) => f.clone(),
        Formula::Atom(PredId(k), args) => equation(ops[*k as usize], args.clone(), top),
        Formula::Not(x) => Formula::Not(r(x)),
        Formula::And(xs) => Formula::And(xs.iter().map(|x| rewrite(x, ops, top)).collect()),
        Formula::Implies(a, b) => Formula::Implies(r(a), r(b)),
        Formula::Forall(vs, body) => Formula::Forall(vs.clone(), r(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpl::{load_str, parse_goal, print};
    use std::path::Path;

    const LE: &str = "theory p;\ninductive N = 0 | s(N);\nsort E;\npred le(N, N);\npred z;\n\
        op f(N) -> N;\n\
        axiom le_0: (>[b] (le[0, b]));\n\
        axiom le_s: (>[a,b] (le[a, b]) (le[s(a), s(b)]));\n\
        axiom le_sz: (>[a] !(le[s(a), 0]));\n\
        axiom zz: (z[]);\n\
        conjecture le_refl: (>[a] (le[a, a]));\n";

    fn load(text: &str) -> Theory {
        load_str(Path::new("p.mpl"), text).unwrap_or_else(|d| panic!("{d}"))
    }

    #[test]
    fn predicates_become_prop_valued_operators() {
        let t = load(LE);
        assert!(t.predicates.is_empty());
        let sorts: Vec<&str> = t.sorts.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sorts, ["N", "E", "Prop"]);
        assert!(!t.sorts[2].is_inductive());
        let ops: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(ops, ["0", "s", "f", "⊤", "le", "z"]);
        let enc = Encoding::of(&t).unwrap();
        assert_eq!((enc.prop, enc.top), (SortId(2), OpId(3)));
        let n = t.sort_by_name("N").unwrap();
        assert_eq!(t.op(OpId(4)).args, [n, n]);
        assert_eq!(t.op(OpId(4)).result, enc.prop);
        assert!(t.op(OpId(5)).args.is_empty());
        assert!(enc.is_predicate(&t, OpId(4)) && !enc.is_predicate(&t, enc.top));
        assert!(!enc.is_predicate(&t, OpId(2)));
        // The span of `le` is its name in the file.
        let s = t.op(OpId(4)).span;
        assert_eq!(&LE[s.start..s.end], "le");
    }

    #[test]
    fn atoms_become_equations_with_top() {
        let t = load(LE);
        let top = Term::App(OpId(3), Vec::new());
        let Formula::Forall(vs, body) = &t.axioms[0].formula else {
            panic!("{:?}", t.axioms[0].formula)
        };
        let zero = Term::App(OpId(0), Vec::new());
        assert_eq!(
            **body,
            Formula::Eq(
                Term::App(OpId(4), vec![zero.clone(), Term::Var(vs[0])]),
                top.clone()
            )
        );
        // A negated atom is a negated equation.
        let Formula::Forall(vs, body) = &t.axioms[2].formula else {
            panic!()
        };
        let sa = Term::App(OpId(1), vec![Term::Var(vs[0])]);
        assert_eq!(
            **body,
            Formula::Not(Box::new(Formula::Eq(
                Term::App(OpId(4), vec![sa, zero]),
                top.clone()
            )))
        );
        assert_eq!(
            t.axioms[3].formula,
            Formula::Eq(Term::App(OpId(5), Vec::new()), top)
        );
        assert!(matches!(
            &t.axioms[1].formula,
            Formula::Forall(_, b) if matches!(**b, Formula::Implies(..))
        ));
    }

    #[test]
    fn printers_show_atoms() {
        let t = load(LE);
        let shown: Vec<String> = t
            .axioms
            .iter()
            .map(|a| print::formula(&t, &a.formula))
            .collect();
        assert_eq!(
            shown,
            [
                "(>[b:N] (le[0, b]))",
                "(>[a:N,b:N] (le[a, b]) (le[s(a), s(b)]))",
                "(>[a:N] !(le[s(a), 0]))",
                "(z[])",
            ]
        );
        let Formula::Forall(_, body) = &t.axioms[2].formula else {
            panic!()
        };
        let Formula::Not(eq) = body.as_ref() else {
            panic!()
        };
        let Formula::Eq(l, r) = eq.as_ref() else {
            panic!()
        };
        assert_eq!(print::equation(&t, l, r), "le[s(a), 0]");
        assert_eq!(print::equation(&t, r, l), "le[s(a), 0]");
        assert_eq!(
            print::equation_styled(&t, l, r, print::Style::Gl),
            "(>[a:N,v1:N] (in2[a,v1,s]) (le[v1,0]))"
        );
        assert_eq!(
            print::formula_styled(&t, &t.axioms[1].formula, print::Style::Gl),
            "(>[a:N,b:N,v1:N,v2:N] (&(le[a,b]) (in2[a,v1,s]) (in2[b,v2,s])) (le[v1,v2]))"
        );
    }

    #[test]
    fn printed_formulas_read_back_as_goals() {
        let mut t = load(LE);
        let all: Vec<Formula> = t
            .axioms
            .iter()
            .map(|a| a.formula.clone())
            .chain(t.conjectures.iter().map(|c| c.formula.clone()))
            .collect();
        for f in all {
            let text = print::formula(&t, &f);
            let back = parse_goal(&mut t, &text).unwrap_or_else(|d| panic!("{text}: {d}"));
            assert_eq!(back, f, "{text}");
            let gl = print::formula_styled(&t, &f, print::Style::Gl);
            let back = parse_goal(&mut t, &gl).unwrap_or_else(|d| panic!("{gl}: {d}"));
            assert_eq!(print::formula(&t, &back), text, "{gl}");
        }
    }

    #[test]
    fn goals_read_atoms_and_keep_predicates_out_of_terms() {
        let mut t = load(LE);
        let f = parse_goal(&mut t, "(le[x, s(x)])").unwrap();
        assert_eq!(print::formula(&t, &f), "(>[x:N] (le[x, s(x)]))");
        let Formula::Forall(_, body) = &f else {
            panic!()
        };
        assert!(matches!(
            **body,
            Formula::Eq(Term::App(OpId(4), _), Term::App(OpId(3), _))
        ));
        for (goal, expected) in [
            ("le(x, x) = x", "unknown operator `le`"),
            ("(=[f(le(x, x)), x])", "`le` is a predicate"),
            ("(le[x])", "wrong number of arguments for predicate `le`"),
            ("(>[x:Prop] (le[x, x]))", "sort mismatch"),
            ("(lt[x, x])", "declared predicates: le, z"),
        ] {
            let e = parse_goal(&mut t, goal).unwrap_err().to_string();
            assert!(e.contains(expected), "{goal}: {e}");
        }
        // A bare name of a 0-ary predicate is not a constant (as in the files).
        let e = parse_goal(&mut t, "(=[z, 0])").unwrap();
        assert!(matches!(e, Formula::Forall(..)));
    }

    #[test]
    fn a_predicate_named_like_a_gl_relation_hides_it_and_is_encoded() {
        let mut t =
            load("inductive N = 0 | s(N);\npred in(N, N);\naxiom a: (>[x] (in[x, s(x)]));\n");
        let op = t.op_by_name("in").unwrap();
        assert!(Encoding::of(&t).unwrap().is_predicate(&t, op));
        let Formula::Forall(_, body) = &t.axioms[0].formula else {
            panic!()
        };
        assert!(matches!(&**body, Formula::Eq(Term::App(p, _), _) if *p == op));
        let g = parse_goal(&mut t, "(in[0, s(0)])").unwrap();
        assert!(matches!(g, Formula::Eq(Term::App(p, _), _) if p == op));
    }

    #[test]
    fn theories_without_predicates_are_unchanged() {
        let t = load("inductive N = 0 | s(N);\nsort Prop;\nop t -> Prop;\n");
        assert!(Encoding::of(&t).is_none());
        assert_eq!(t.sorts.len(), 2);
        assert_eq!(t.operators.len(), 3);
    }

    #[test]
    fn a_sort_named_prop_is_an_error_with_predicates() {
        let text = "inductive N = 0 | s(N);\nsort Prop;\npred p(N);\n";
        let e = load_str(Path::new("p.mpl"), text).unwrap_err().to_string();
        assert!(
            e.contains("p.mpl:2:6") && e.contains("cannot declare a sort named `Prop`"),
            "{e}"
        );
    }
}
