//! The resolved, sort-checked theory: what every stage after the front end works on.
//!
//! A [`Theory`] is a cheap handle on three parts:
//! - the [`Signature`] (sorts, operators, predicates, axioms, conjectures, the names the
//!   source interned): immutable once resolved, shared by `Arc`; the handle dereferences
//!   to it, so `theory.op(id)`, `theory.sorts`, `theory.sort_by_name("N")` read it;
//! - its [`Names`]: the signature's names followed by the fresh names of whoever owns
//!   this handle (a proof attempt, a renderer); [`Theory::name`] reads them and
//!   [`Theory::intern`] extends them, never the signature;
//! - the [`SourceMap`] (files and definitions as written): for diagnostics and for
//!   reading goals that use definitions, shared by `Arc`.
//!
//! Invariants (established by `resolve`, relied on everywhere else):
//! - every [`Term`] is well-sorted: an application has exactly its operator's arity and
//!   each argument has the declared argument sort; a [`Var`] carries its sort;
//! - names are interned: sorts, operators and predicates are referred to by newtype ids
//!   that index the signature's tables, variables by an interned [`Name`];
//! - a formula's free variables are exactly the variables bound by an enclosing
//!   [`Formula::Forall`] (axioms must be closed; free variables of conjectures and goals
//!   are universally quantified by the resolver, outermost, in order of first occurrence);
//! - formulas contain no definition uses and none of GL's relations: those are expanded
//!   and read as equations by the resolver (see `gl`); definitions are kept (as
//!   syntax, in the source map) only to read goals;
//! - formulas contain no atoms of declared predicates, and [`Signature::predicates`] is
//!   empty: a theory that declares predicates has an implicit uninterpreted sort `Prop`
//!   (the last sort), a constant `⊤ : Prop` (after the declared operators) and one
//!   operator `p : S1 ... Sn -> Prop` per predicate (after `⊤`, in declaration order),
//!   and an atom `(p[t1, ..., tn])` is the equation `p(t1, ..., tn) = ⊤` (see
//!   [`super::predicate`]; the printers show such equations as atoms);
//! - declaration order is preserved in every table, so iteration is deterministic;
//! - cloning a handle copies its few fresh names and two pointers; two clones intern
//!   independently (deterministically: ids follow their own interning order).
//!
//! ```
//! let theory = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); axiom a: (>[x] !(=[s(x), 0]));",
//! ).unwrap();
//! let mut attempt = theory.clone(); // a proof attempt's own handle
//! let x1 = attempt.intern("x1");
//! assert_eq!(attempt.name(x1), "x1");
//! assert_eq!(theory.names.len(), 1); // the shared theory is unchanged
//! ```

use std::ops::Deref;
use std::sync::Arc;

pub use super::names::Names;
pub use super::signature::*;
pub use super::source_map::*;
pub use super::term::*;

/// Everything declared by an MPL file and its imports, resolved and sort-checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Theory {
    signature: Arc<Signature>,
    /// Files and definitions, for diagnostics only: not shipped with a snapshot.
    #[serde(skip)]
    source: Arc<SourceMap>,
    /// The variable names: the signature's, then this handle's fresh ones.
    pub names: Names,
}

impl Deref for Theory {
    type Target = Signature;
    fn deref(&self) -> &Signature {
        &self.signature
    }
}

impl Theory {
    /// A theory of a resolved signature and its source map; its names are the
    /// signature's.
    pub fn new(signature: Signature, source: SourceMap) -> Theory {
        Theory {
            names: Names::new(signature.names.clone()),
            signature: Arc::new(signature),
            source: Arc::new(source),
        }
    }
    /// The shared signature.
    pub fn signature(&self) -> &Arc<Signature> {
        &self.signature
    }
    /// The shared source map.
    pub fn source(&self) -> &Arc<SourceMap> {
        &self.source
    }
    /// The files read, the root first.
    pub fn files(&self) -> &[SourceFile] {
        &self.source.files
    }
    /// The GL anchor the theory was read from, if it came from a GL batch config.
    pub fn anchor(&self) -> Option<&Anchor> {
        self.source.anchor.as_ref()
    }
    /// The parts of axioms the engine cannot use, in declaration order (see
    /// [`Theory::warnings`]).
    pub fn unusable_axioms(&self) -> &[UnusableAxiom] {
        &self.source.unusable
    }
    /// The warnings of loading the theory (a GL definition left out, then one
    /// `unusable-axiom` per unusable part), with the files their spans point into;
    /// empty when there are none.
    pub fn warnings(&self) -> super::Diagnostics {
        let mut items = self.source.warnings.clone();
        items.extend(self
            .source
            .unusable
            .iter()
            .map(|u| {
                super::Diagnostic::new(
                    super::DiagnosticCode::UnusableAxiom,
                    u.span,
                    format!("axiom `{}` cannot be used: {}", u.name, u.reason),
                    "in this axiom",
                )
                .with_note("the engine and the kernel use clauses `∀xs. P1 ∧ ... ∧ Pn -> C` over equations; this part is left out")
            }));
        super::Diagnostics::new(self.source.files.clone(), items)
    }
    /// Definitions in declaration order.
    pub fn definitions(&self) -> &[Definition] {
        &self.source.definitions
    }
    /// Looks up a definition by name.
    pub fn definition(&self, s: &str) -> Option<&Definition> {
        self.source.definition(s)
    }
    /// The string of an interned name (the signature's or a fresh one of this handle).
    pub fn name(&self, n: Name) -> &str {
        self.names.get(n)
    }
    /// Interns a variable name in this handle's names, returning the existing id if
    /// present; the shared signature is never changed.
    pub fn intern(&mut self, s: &str) -> Name {
        self.names.intern(s)
    }
    /// The signature to read and this handle's names to extend, borrowed together (a
    /// proof attempt making fresh names).
    pub fn supply(&mut self) -> (&Signature, &mut Names) {
        (&self.signature, &mut self.names)
    }

    /// The signature, to build or edit it: copy-on-write, so every other handle keeps
    /// the signature it had (the resolver builds with it; unit tests make variants).
    pub(crate) fn signature_mut(&mut self) -> &mut Signature {
        Arc::make_mut(&mut self.signature)
    }
    /// The source map, to build it (the loader only; copies it if shared).
    pub(crate) fn source_mut(&mut self) -> &mut SourceMap {
        Arc::make_mut(&mut self.source)
    }
    /// Makes every name interned so far part of the signature (the resolver, once done).
    pub(crate) fn seal_names(&mut self) {
        let base = self.names.to_base();
        self.signature_mut().names = base.clone();
        self.names = Names::new(base);
    }
}
