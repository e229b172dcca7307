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

use super::theory_section::{formula, theory_section};
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
pub fn certificate(theory: &Theory, source: &str, entries: &[Entry<'_>]) -> Certificate {
    let section = theory_section(theory, source);
    let digest = ergo_kernel::theory_digest(&section)
        .expect("a resolved theory always gives a well-formed theory section");
    Certificate {
        format: ergo_kernel::FORMAT.to_string(),
        // Version 2 until this writer emits params (then `ergo_kernel::VERSION`, 3): the
        // committed certificates stay byte-identical meanwhile.
        version: 2,
        producer: format!("ergo {}", env!("CARGO_PKG_VERSION")),
        theory: section,
        digest,
        theorems: entries
            .iter()
            .map(|e| Theorem {
                params: Vec::new(),
                essential: None,
                name: e.name.to_string(),
                statement: formula(theory, &e.statement),
                proof: e.proof.clone(),
            })
            .collect(),
    }
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
