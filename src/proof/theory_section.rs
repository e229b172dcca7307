//! The theory section of a certificate, built from a resolved [`Theory`].
//!
//! Invariant: the same theory always gives the same section, byte for byte (declaration
//! order, canonical s-expressions), so `ergo verify` can rebuild it from the MPL source
//! and compare it with the certificate's.

use crate::mpl::{Formula, SExpr, Term, Theory};
use ergo_kernel::format::{AxiomDecl, OperatorDecl, PredicateDecl, SortDecl, TheorySection};
use std::fmt::Write;

/// A term in the certificate's s-expression syntax.
pub fn term(theory: &Theory, t: &Term) -> String {
    SExpr(theory, t).to_string()
}

/// A formula in the certificate's s-expression syntax (section 4 of the format).
pub fn formula(theory: &Theory, f: &Formula) -> String {
    let mut s = String::new();
    write_formula(theory, f, &mut s);
    s
}

fn write_formula(theory: &Theory, f: &Formula, s: &mut String) {
    match f {
        Formula::Eq(l, r) => {
            let _ = write!(s, "(= {} {})", term(theory, l), term(theory, r));
        }
        Formula::Atom(p, args) => {
            let _ = write!(s, "(atom {}", theory.pred(*p).name);
            for a in args {
                let _ = write!(s, " {}", term(theory, a));
            }
            s.push(')');
        }
        Formula::Not(a) => {
            s.push_str("(not ");
            write_formula(theory, a, s);
            s.push(')');
        }
        Formula::And(xs) => {
            s.push_str("(and");
            for x in xs {
                s.push(' ');
                write_formula(theory, x, s);
            }
            s.push(')');
        }
        Formula::Implies(a, b) => {
            s.push_str("(=> ");
            write_formula(theory, a, s);
            s.push(' ');
            write_formula(theory, b, s);
            s.push(')');
        }
        Formula::Forall(vs, body) => {
            s.push_str("(forall (");
            for (i, v) in vs.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                let _ = write!(s, "({} {})", theory.name(v.name), theory.sort(v.sort).name);
            }
            s.push_str(") ");
            write_formula(theory, body, s);
            s.push(')');
        }
    }
}

/// The certificate's theory section; `source` is the MPL file's path relative to the
/// certificate's directory.
pub fn theory_section(theory: &Theory, source: &str) -> TheorySection {
    let sort_name = |id: &crate::mpl::SortId| theory.sort(*id).name.clone();
    TheorySection {
        name: theory.name.clone(),
        source: source.to_string(),
        sorts: theory
            .sorts
            .iter()
            .map(|s| SortDecl {
                params: Vec::new(),
                name: s.name.clone(),
                constructors: s
                    .constructors
                    .iter()
                    .map(|c| theory.op(*c).name.clone())
                    .collect(),
            })
            .collect(),
        operators: theory
            .operators
            .iter()
            .map(|o| OperatorDecl {
                params: Vec::new(),
                name: o.name.clone(),
                args: o.args.iter().map(sort_name).collect(),
                result: sort_name(&o.result),
            })
            .collect(),
        predicates: theory
            .predicates
            .iter()
            .map(|p| PredicateDecl {
                params: Vec::new(),
                name: p.name.clone(),
                args: p.args.iter().map(sort_name).collect(),
            })
            .collect(),
        axioms: theory
            .axioms
            .iter()
            .map(|a| AxiomDecl {
                params: Vec::new(),
                name: a.name.clone(),
                statement: formula(theory, &a.formula),
            })
            .collect(),
    }
}
