//! [`Verified`]: a certificate together with the kernel's verdict, constructible only
//! by this crate.
//!
//! Invariant: a `Verified` value exists only if [`crate::check`] accepted the header
//! and theory section; [`Verified::theorems`] yields only the theorems the kernel
//! accepted (with their reports). Renderers and exporters take `&Verified`, so an
//! unchecked or rejected proof cannot reach them: the type system enforces it.

use crate::format::{Certificate, Theorem};
use crate::{KernelError, Report, TheoremReport};

/// A kernel-checked certificate. Its fields are private; the only way to get one is
/// [`Verified::check`].
#[derive(Debug, Clone)]
pub struct Verified {
    certificate: Certificate,
    report: Report,
}

impl Verified {
    /// Checks `certificate` with the kernel. `Err` when the header or theory section is
    /// rejected; otherwise the value, in which rejected theorems are still listed in the
    /// report but never yielded by [`Verified::theorems`].
    pub fn check(certificate: Certificate) -> Result<Verified, KernelError> {
        let report = crate::check(&certificate)?;
        Ok(Verified {
            certificate,
            report,
        })
    }

    /// Parses and checks a certificate file's text (parsed once, replayed once).
    pub fn check_json(text: &str) -> Result<Verified, KernelError> {
        Verified::check(crate::parse_json(text)?)
    }

    /// Checks `certificate` against the trusted theories (see [`crate::binding`]); also
    /// returns the index of the theory it is bound to.
    pub fn check_bound(
        certificate: Certificate,
        theories: &[crate::binding::TrustedTheory],
    ) -> Result<(Verified, usize), KernelError> {
        let (report, index) = crate::binding::check_bound(&certificate, theories)?;
        Ok((
            Verified {
                certificate,
                report,
            },
            index,
        ))
    }

    /// The whole certificate (header, theory section, all theorems as written).
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The kernel's report on every theorem.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The accepted theorems in certificate order, each with its report (steps, axioms).
    pub fn theorems(&self) -> impl Iterator<Item = (&Theorem, &TheoremReport)> {
        self.certificate
            .theorems
            .iter()
            .zip(&self.report.theorems)
            .filter(|(_, r)| r.result.is_ok())
    }
}
