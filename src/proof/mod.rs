//! Certificates: from engine proofs to the versioned file format the kernel replays
//! (`grammars/certificate.md`), and the proof graph over them.
//!
//! The format's types belong to the kernel crate (`ergo_kernel::format`): the producer
//! writes what the checker reads, and the checker never depends on the producer.

pub mod certificate;
pub mod clause;
pub mod graph;
pub mod lemmas;
pub mod load;
pub mod sexp;
pub mod theory_section;
pub mod tree;

pub use certificate::{certificate, relative_path, to_bytes, write_atomically, Entry};
pub use graph::ProofGraph;
pub use lemmas::{lemmas, Lemma, LemmaError, Lemmas};
pub use theory_section::theory_section;
