//! The proof model: the layer between the producer and every consumer of certificates.
//!
//! The seam, in both directions (layers import downwards only; this layer imports the
//! front end's types and the kernel's format, never the producer):
//!
//! - **writing**: the producer hands plain [`Entry`] values (name, statement as a
//!   [`crate::mpl::Formula`], certificate proof) to [`certificate`], which adds the
//!   theory section and its digest (`grammars/certificate.md`);
//! - **reading**: [`sexp`] is the one reader of certificate statements and terms
//!   outside the kernel (every clause form: equations, disequations, conditional facts);
//!   [`tree`] is the one replay of a kernel-[`ergo_kernel::Verified`] certificate into a
//!   typed proof tree (contexts, goals, each step's term before and after, cited rules,
//!   premise proofs, cases, contradictions); [`lemmas`] offers verified theorems to a
//!   new proof. The HTML site and the Coq export render the tree and replay nothing.
//!
//! The format's types belong to the kernel crate (`ergo_kernel::format`): the producer
//! writes what the checker reads, and the checker never depends on the producer.
//!
//! Example: read a statement, then walk a replayed tree.
//!
//! ```
//! use ergo::proof::{sexp, tree};
//! # use std::path::Path;
//! let text = "theory t; inductive N = 0 | s(N); axiom z: (>[a] !(=[s(a), 0]));";
//! let mut th = ergo::mpl::load_str(Path::new("t.mpl"), text).unwrap();
//! // Every clause form reads back: here a disequation.
//! let c = sexp::statement(&mut th, "(forall ((x N)) (not (= (s x) 0)))").unwrap();
//! assert!(c.negated && c.goal.is_falsity());
//! // A verified certificate: `s(x) != 0` by contradiction with the axiom `z`.
//! let mut cert = ergo::proof::certificate(&th, "t.mpl", &[]);
//! cert.theorems.push(ergo_kernel::format::Theorem {
//!     params: Vec::new(),
//!     essential: None,
//!     name: "ne".into(),
//!     statement: "(forall ((x N)) (not (= (s x) 0)))".into(),
//!     proof: serde_json::from_str(
//!         r#"{"method": "contradiction", "kind": "axiom", "rule": "z", "subst": {"a": "x"},
//!             "premises": [{"method": "chain", "steps": [{"kind": "hyp", "rule": "h1",
//!                 "dir": "lr", "pos": [], "subst": {}, "term": "0"}]}]}"#,
//!     )
//!     .unwrap(),
//! });
//! let verified = ergo_kernel::Verified::check(cert).unwrap();
//! let replayed = tree::replay(&th, &verified).unwrap();
//! let tree::Block::Contradiction(c) = &replayed.theorems[0].proof else { panic!() };
//! assert_eq!(c.rule.name, "z");
//! // Its premise `s(x) = 0` is proved by the theorem's own premise h1 (the negated
//! // equation), one step from `s(x)` to `0`.
//! let tree::Block::Chain(chain) = &c.premises[0].body else { panic!() };
//! let row = &chain.rows[0];
//! assert_eq!(row.rule.hyp.as_ref().unwrap().name, "h1");
//! assert_eq!(ergo::mpl::print::term(&replayed.theory, &row.before), "s(x)");
//! assert_eq!(ergo::mpl::print::term(&replayed.theory, &row.term), "0");
//! ```

pub mod certificate;
pub mod clause;
pub mod fields;
pub mod graph;
pub mod instances;
pub mod lemmas;
pub mod load;
mod replay;
pub mod sexp;
pub mod sort_subst;
pub mod syntax;
pub mod theory_section;
pub mod tree;

pub use certificate::{
    certificate, certificate_after, relative_path, to_bytes, try_certificate, Entry,
};
pub use graph::ProofGraph;
pub use lemmas::{lemmas, Lemma, LemmaError, Lemmas};
pub use theory_section::{theory_section, try_theory_section};
