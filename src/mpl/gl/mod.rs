//! GL's relational dialect, read into the core language.
//!
//! The core MPL (`src/mpl`) knows sorts, operators, predicates and formulas over terms.
//! GL writes the same theories relationally, and this module is the whole of that
//! dialect:
//!
//! - definitions with parameters, `def fXY[f,X,Y] := ...;`, macros expanded
//!   (capture-avoiding) where `(fXY[s,N,N])` is used (`define`);
//! - the relations `(in[x,X])`, `(in2[x,y,f])`, `(in3[x,y,z,f])`: `x` has sort `X`,
//!   `f(x) = y`, `f(x, y) = z` (`relation`);
//! - signatures stated by axioms, `(fXYZ[+,N,N,N])` declaring `+` (`declare`);
//! - the normalisation of a formula using them into equations over terms (`simplify`);
//! - the printer of `--style gl`, which writes results back relationally ([`print`]);
//! - goals files, one goal a line, GL's theorem lists among them (`goals`).
//!
//! The seam: the core resolver calls [`atom`] for an atom that names no predicate (a
//! definition use or a relation), [`normalise`] on a formula that used one, and the
//! definition checks ([`cycles`], [`check`]) and [`signatures`] while resolving
//! declarations; nothing else of the dialect is visible to the core. A resolved
//! [`super::Theory`] never contains a definition use or a relation: only operators and
//! equations, as if the file had been written with terms.
//!
//! ```
//! let text = "inductive N = 0 | s(N);
//!     op dbl(N) -> N;
//!     axiom ds: (>[x,y] (in2[x,y,dbl]) (in2[s(x),s(s(y)),dbl]));";
//! let theory = ergo::mpl::load_str(std::path::Path::new("gl.mpl"), text).unwrap();
//! // The relations were read as equations over terms, and `y` eliminated:
//! let ds = &theory.axioms[0].formula;
//! assert_eq!(ergo::mpl::print::formula(&theory, ds), "(>[x] (=[dbl(s(x)), s(s(dbl(x)))]))");
//! // and `--style gl` prints them back relationally:
//! let gl = ergo::mpl::print::formula_styled(&theory, ds, ergo::mpl::print::Style::Gl);
//! assert!(gl.contains("(in2[x,v1,dbl])"), "{gl}");
//! ```

pub(crate) mod config;
mod declare;
mod define;
pub(super) mod goals;
pub(super) mod print;
mod relation;
mod simplify;

use super::ast;
use super::formula::{Cx, RFormula};
use super::theory::Span;

pub(super) use declare::{signatures, Stated};
pub(super) use define::{check, cycles, names_in, DefDecl};

/// Reads an atom `(name[args])` whose name is no predicate: a definition use (expanded in
/// place) or one of GL's relations. `None` when the name is neither (the caller reports
/// an unknown predicate); `Some(None)` when it is, but reading it failed (the errors are
/// in `cx`).
pub(super) fn atom(
    cx: &mut Cx<'_>,
    pred: &ast::Ident,
    args: &[ast::Term],
    span: Span,
) -> Option<Option<RFormula>> {
    if let Some(def) = cx.theory.definition(&pred.text) {
        return Some(cx.use_definition(def, args, span));
    }
    if define::RELATIONS.contains(&pred.text.as_str()) {
        return Some(cx.relation(pred, args, span));
    }
    None
}

/// Normalises a formula that used definitions or relations into equations over terms.
pub(super) fn normalise(f: RFormula) -> RFormula {
    simplify::simplify(f)
}
