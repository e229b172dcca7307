//! Exports of kernel-checked certificates to other proof checkers' languages, so that a
//! skeptic can re-check ergo's proofs with a kernel nobody here wrote.
//!
//! - [`coq`]: one Coq file per certificate, every theorem an explicit proof term
//!   (`eq_trans`, `eq_sym`, `f_equal`, the inductive types' `T_ind`), re-checked by
//!   `coqc` and `coqchk`.
//!
//! - [`smtlib`]: not a proof export but a *problem* export: a theory and a goal as an
//!   SMT-LIB problem, for running peer provers on the same goals in the benchmarks.
//!
//! Invariant: proof exporters read only `ergo_kernel::Verified` certificates (through
//! [`crate::proof::load::Loaded`] or directly) and only their accepted theorems, so a
//! proof the kernel rejected can never be exported.

pub mod coq;
mod names;
mod poly;
mod proof;
pub mod smtlib;
mod syntax;
mod table;
