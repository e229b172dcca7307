//! The kernel's resource limits, in one place (documented in `grammars/certificate.md`,
//! section "Limits").
//!
//! Invariant: every quantity an input can make large is checked against its limit *before*
//! the work it measures is done (the size of an instance is computed arithmetically from
//! the substitution, see `term.rs`), and going over a limit is a rejection with the
//! limit's own error code ([`Limit::code`]), never an abort. With these limits a
//! certificate is checked in time and memory linear in its size: every citation costs at
//! most the size of its instance, charged to one budget per certificate ([`MAX_WORK`]).
//!
//! Example: a theorem whose statement repeats a variable 2^14 times, cited with a
//! 2^15-node instance, would build a 2^29-node term; [`MAX_TERM_SIZE`] rejects the
//! citation with `term-too-large` before anything is built.

use std::cell::Cell;
use std::fmt;

/// The largest certificate file, in bytes (64 MiB).
pub const MAX_CERTIFICATE_BYTES: u64 = 64 << 20;
/// The most nodes of any term the kernel parses or builds (an instance, a rewritten term).
pub const MAX_TERM_SIZE: u64 = 1 << 22;
/// The deepest term the kernel parses or builds.
pub const MAX_TERM_DEPTH: u32 = 1024;
/// The most nodes of a sort expression read from a certificate (an instantiated sort has
/// at most its square: sorts are instantiated once, see `sort.rs`).
pub const MAX_SORT_SIZE: u64 = 64;
/// The most rewrite steps replayed in one certificate (premise proofs included).
pub const MAX_STEPS: u64 = 1 << 20;
/// The most term nodes, summed over every instance the kernel computes and every
/// comparison it makes, in one certificate (the work budget).
pub const MAX_WORK: u64 = 1 << 31;

/// A named limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_CERTIFICATE_BYTES`].
    CertificateBytes,
    /// [`MAX_TERM_SIZE`].
    TermSize,
    /// [`MAX_TERM_DEPTH`].
    TermDepth,
    /// [`MAX_SORT_SIZE`].
    SortSize,
    /// [`MAX_STEPS`].
    Steps,
    /// [`MAX_WORK`].
    Work,
}

impl Limit {
    /// The limit's value.
    pub fn max(self) -> u64 {
        match self {
            Limit::CertificateBytes => MAX_CERTIFICATE_BYTES,
            Limit::TermSize => MAX_TERM_SIZE,
            Limit::TermDepth => u64::from(MAX_TERM_DEPTH),
            Limit::SortSize => MAX_SORT_SIZE,
            Limit::Steps => MAX_STEPS,
            Limit::Work => MAX_WORK,
        }
    }

    /// The error code of going over it.
    pub fn code(self) -> &'static str {
        match self {
            Limit::CertificateBytes => "certificate-too-large",
            Limit::TermSize => "term-too-large",
            Limit::TermDepth => "term-too-deep",
            Limit::SortSize => "sort-too-large",
            Limit::Steps => "too-many-steps",
            Limit::Work => "work-limit",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::CertificateBytes => "certificate bytes",
            Limit::TermSize => "term size (nodes)",
            Limit::TermDepth => "term depth",
            Limit::SortSize => "sort size (nodes)",
            Limit::Steps => "rewrite steps",
            Limit::Work => "work (term nodes instantiated and compared)",
        })
    }
}

/// Checks `found` against `limit`.
pub fn within(limit: Limit, found: u64) -> Result<(), crate::KernelError> {
    if found > limit.max() {
        Err(crate::KernelError::LimitExceeded { limit, found })
    } else {
        Ok(())
    }
}

/// What one certificate has used of the step and work budgets.
#[derive(Debug, Default)]
pub struct Budget {
    steps: Cell<u64>,
    work: Cell<u64>,
}

impl Budget {
    /// Charges one step.
    pub fn step(&self) -> Result<(), crate::KernelError> {
        let steps = self.steps.get().saturating_add(1);
        self.steps.set(steps);
        within(Limit::Steps, steps)
    }

    /// Charges `nodes` of work.
    pub fn work(&self, nodes: u64) -> Result<(), crate::KernelError> {
        let work = self.work.get().saturating_add(nodes);
        self.work.set(work);
        within(Limit::Work, work)
    }
}
