//! Assembling and writing certificate files.
//!
//! Invariants:
//! - a certificate holds the theory section, its digest (computed by the kernel's own
//!   function, so producer and checker cannot disagree on the canonical text) and the
//!   proved theorems in the order they were admitted, which is a dependency order;
//! - nothing run-dependent (times, thread counts, paths of the machine) is written, so
//!   equal inputs give byte-identical files;
//! - files are written atomically: a temporary file in the target directory, then a
//!   rename.

use super::fields::{self, FieldError};
use super::instances::{sort_names, Instances};
use super::syntax::{formula, formula_params};
use super::theory_section::try_theory_section;
use crate::mpl::{Formula, Theory};
use ergo_kernel::format::{Certificate, Proof, Theorem};
use std::path::Path;

/// One theorem to write: its name, its statement (a clause of `theory`) and its proof.
/// The producer makes these from what it proved; this layer never sees the producer.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// The theorem's name.
    pub name: &'a str,
    /// What it states, a clause over the theory (section 4 of the format).
    pub statement: Formula,
    /// Its certificate proof.
    pub proof: &'a Proof,
}

/// Builds the certificate of `entries` (in admission order) over `theory`; `source` is
/// the MPL file's path relative to the certificate's directory.
///
/// # Panics
///
/// On a polymorphic theory when the kernel's format has no version-3 fields (never with
/// a version-3 kernel); [`try_certificate`] reports it instead.
pub fn certificate(theory: &Theory, source: &str, entries: &[Entry<'_>]) -> Certificate {
    try_certificate(theory, source, entries)
        .expect("the kernel's certificate format holds version-3 parameters")
}

/// Builds the certificate of `entries` (in admission order) over `theory`, written in
/// format version 3: the theory section declares the schemes, each theorem carries the
/// sort variables its statement mentions as `params`, and every term and citation of an
/// instance is written with its sorts (see [`super::instances`]).
pub fn try_certificate(
    theory: &Theory,
    source: &str,
    entries: &[Entry<'_>],
) -> Result<Certificate, FieldError> {
    try_certificate_after(theory, source, &[], entries)
}

/// [`certificate`] of `entries` that come after the theorems `earlier` (already in
/// certificate form, such as `prove --lemmas` copies from another certificate, and
/// placed before `entries` by the caller): a citation of an earlier theorem with
/// parameters gets its sort binding as a citation of an entry's would.
///
/// # Panics
///
/// As [`certificate`].
pub fn certificate_after(
    theory: &Theory,
    source: &str,
    earlier: &[Theorem],
    entries: &[Entry<'_>],
) -> Certificate {
    try_certificate_after(theory, source, earlier, entries)
        .expect("the kernel's certificate format holds version-3 parameters")
}

fn try_certificate_after(
    theory: &Theory,
    source: &str,
    earlier: &[Theorem],
    entries: &[Entry<'_>],
) -> Result<Certificate, FieldError> {
    let section = try_theory_section(theory, source)?;
    let digest = ergo_kernel::theory_digest(&section)
        .expect("a resolved theory always gives a well-formed theory section");
    let mut instances = Instances::new(
        theory,
        earlier.iter().map(|t| (t.name.clone(), fields::params(t))),
    );
    let mut theorems = Vec::with_capacity(entries.len());
    for e in entries {
        let params = sort_names(theory, &formula_params(theory, &e.statement));
        let theorem: Theorem = fields::build(serde_json::json!({
            "name": e.name,
            "statement": formula(theory, &e.statement),
            "proof": instances.proof(e.proof)?,
        }));
        theorems.push(fields::with_params(theorem, &params)?);
        instances.add_theorem(e.name, params);
    }
    Ok(Certificate {
        format: ergo_kernel::FORMAT.to_string(),
        version: ergo_kernel::VERSION,
        producer: format!("ergo {}", env!("CARGO_PKG_VERSION")),
        theory: section,
        digest,
        theorems,
    })
}

/// The certificate as the bytes written to disk: pretty JSON and a final newline.
pub fn to_bytes(cert: &Certificate) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(cert).expect("certificates serialize");
    s.push('\n');
    s.into_bytes()
}

/// The path of `target` relative to directory `from`, with `/` separators (both are
/// made absolute first). Used to record the MPL source in a certificate.
pub fn relative_path(from: &Path, target: &Path) -> String {
    let abs = |p: &Path| {
        std::fs::canonicalize(p).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|c| c.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        })
    };
    let (from, target) = (abs(from), abs(target));
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = target.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), f.len() - common).collect();
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}
