//! `ergo-kernel`: the trusted proof checker of ergo.
//!
//! The kernel replays certificates (`grammars/certificate.md`, versions 2 and 3) and shares no code
//! with the prover. It is the only part of ergo that must be trusted for a theorem to be
//! believed, so it is small, has no dependency beyond `serde`/`serde_json` (for reading the
//! file), and fails closed: anything the format does not describe is rejected with a named
//! [`KernelError`].
//!
//! What is trusted: this crate, `serde`/`serde_json`, the Rust toolchain, and the theory
//! section itself (the kernel checks that it is well-formed and that `digest` matches it).
//! [`binding`] ties a certificate to a theory the *user* trusts (a file named on the
//! command line or in a manifest), by name, digest and source file, and holds the
//! theorems named after its conjectures to them; `ergo verify` and the standalone
//! `ergo-check` binary of this package both use it.
//!
//! Resources: every term size and depth is computed before the term is built, and every
//! limit of [`limits`] is a rejection with its own code; checking is linear in the
//! certificate (one parse, one replay, shared terms).
//!
//! What is checked:
//! - the header: `format`, `version` (2 or 3), no unknown or repeated fields anywhere;
//!   a version 2 certificate may not use a feature of version 3 (params, sort
//!   expressions, `_`, `@`, `sorts`, `exists`, `witness`, `obtain`);
//! - the theory section: names, sorts (plain, parametric families), constructors, closed
//!   well-sorted axioms, each in the scope of its sort parameters (see
//!   `signature.rs`), and the digest of its canonical text; only axioms that are clauses
//!   (equations, negated equations, equations implying an equation or a negated equation)
//!   can be cited;
//! - every theorem, in file order: its name is new, its statement is a well-sorted clause,
//!   and its proof replays (see `check.rs`) from the context the kernel opens (premises as
//!   hypotheses `h1..hn`, a negation as a premise with goal falsity): chains of rewrite
//!   steps, each re-done by the kernel, conditional steps and contradictions with a proof of
//!   every premise, structural inductions and case splits whose cases and hypotheses
//!   the kernel rebuilds itself, and case splits on a term of an inductive sort, each case
//!   with the hypothesis `term = constructor(fresh..)`, and "there exists" (version 3): a
//!   clause may conclude `(exists (ys) e1 ∧ ... ∧ ek)`, proved by a `witness` (a term per
//!   bound variable, a proof per conjunct) and used only by `obtain` (fresh rigid
//!   variables that escape nowhere, the conjuncts as hypotheses). A theorem may cite only axioms, earlier accepted theorems
//!   and the hypotheses in scope.
//!
//! The kernel never panics on any input: s-expressions are parsed iteratively and may nest
//! at most 256 deep, proofs at most 64 deep (every induction, case split (on a variable or
//! a term), contradiction and premise proof counts; deeper input is rejected with
//! `too-deep`),
//! which keeps the recursive passes within a 2 MiB stack even in debug builds; no code
//! indexes without a bound check.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod binding;
mod check;
mod clause;
mod error;
pub mod format;
mod formula;
pub mod limits;
mod sexp;
mod sha256;
mod signature;
mod sort;
mod term;
mod verified;

pub use error::KernelError;
pub use format::Certificate;
use format::TheorySection;
use signature::Signature;
pub use verified::Verified;

/// The value of a certificate's `format` field.
pub const FORMAT: &str = "ergo-certificate";
/// The newest certificate version: the one writers write (spec: version 3).
pub const VERSION: u32 = 3;
/// The certificate versions this kernel checks: 2 (monomorphic, first-order) and 3
/// (with sort parameters, sort expressions, `_` instances and `@`). A version 2
/// certificate that uses a feature of version 3 is rejected (`needs-version-3`).
pub const VERSIONS: [u32; 2] = [2, 3];

/// The outcome of checking a certificate whose header and theory are valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The theory's name.
    pub theory: String,
    /// The theory's digest (equal to the certificate's).
    pub digest: String,
    /// One report per theorem, in file order.
    pub theorems: Vec<TheoremReport>,
}

/// The outcome of checking one theorem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TheoremReport {
    /// The theorem's name.
    pub name: String,
    /// `Ok` if the theorem is accepted, else why it is rejected.
    pub result: Result<(), KernelError>,
    /// The number of rewrite steps the kernel replayed successfully, those of premise
    /// proofs included (all of them if the theorem is accepted; contradictions are not
    /// steps).
    pub steps: usize,
    /// The axioms it rests on: cited by its replayed steps and contradictions (premise
    /// proofs included) or by the theorems they cite, transitively; sorted by name.
    pub axioms: Vec<String>,
}

impl Report {
    /// The number of accepted theorems.
    pub fn accepted(&self) -> usize {
        self.theorems.iter().filter(|t| t.result.is_ok()).count()
    }

    /// The number of rejected theorems.
    pub fn rejected(&self) -> usize {
        self.theorems.len() - self.accepted()
    }

    /// The total number of replayed steps.
    pub fn steps(&self) -> usize {
        self.theorems.iter().map(|t| t.steps).sum()
    }

    /// Whether every theorem is accepted.
    pub fn all_ok(&self) -> bool {
        self.theorems.iter().all(|t| t.result.is_ok())
    }

    /// One line per theorem, as `ergo verify` and `ergo-check` print them: the verdict,
    /// the name (escaped; the column fits the longest name, 14 to 40 characters), then the
    /// steps and axioms of an accepted theorem or the error and its code.
    pub fn theorem_lines(&self) -> Vec<String> {
        let w = self
            .theorems
            .iter()
            .map(|t| escape(&t.name).chars().count())
            .max()
            .unwrap_or(0)
            .clamp(14, 40);
        self.theorems
            .iter()
            .map(|t| {
                let name = escape(&t.name);
                match &t.result {
                    Ok(()) => format!(
                        "  ok       {name:<w$} {:>4} steps  rests on {}",
                        t.steps,
                        t.axioms.join(", ")
                    ),
                    Err(e) => format!("  REJECTED {name:<w$} {e} [{}]", e.code()),
                }
            })
            .collect()
    }
}

/// The header fields, read leniently so that a wrong format or a future version is
/// reported as such even when the rest of the file has another shape.
#[derive(serde::Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

fn json_error(e: serde_json::Error) -> KernelError {
    let message = e.to_string();
    if message.starts_with("unknown field") {
        KernelError::UnknownField { message }
    } else if message.starts_with("duplicate field") || message.starts_with("duplicate key") {
        KernelError::DuplicateKey { message }
    } else {
        KernelError::MalformedJson { message }
    }
}

/// Parses a certificate (rejecting unknown and repeated fields, and files over
/// [`limits::MAX_CERTIFICATE_BYTES`]) without checking it. The text is parsed once; only
/// when that fails is the header read again, so that a wrong format or a future version
/// is reported as such even when the rest of the file has another shape.
pub fn parse_json(text: &str) -> Result<Certificate, KernelError> {
    limits::within(limits::Limit::CertificateBytes, text.len() as u64)?;
    match serde_json::from_str::<Certificate>(text) {
        Ok(certificate) => Ok(certificate),
        Err(e) => {
            if let Ok(header) = serde_json::from_str::<Header>(text) {
                if let Some(format) = header.format.filter(|f| f.as_str() != Some(FORMAT)) {
                    let found = format
                        .as_str()
                        .map_or_else(|| format.to_string(), str::to_string);
                    return Err(KernelError::BadFormat { found });
                }
                if let Some(version) = header.version.filter(|v| {
                    !v.as_u64()
                        .is_some_and(|v| VERSIONS.iter().any(|&w| u64::from(w) == v))
                }) {
                    let found = version.to_string();
                    return Err(KernelError::UnsupportedVersion { found });
                }
            }
            Err(json_error(e))
        }
    }
}

/// Parses a certificate (rejecting unknown and repeated fields) and checks it.
pub fn check_json(text: &str) -> Result<Report, KernelError> {
    check(&parse_json(text)?)
}

/// Checks a parsed certificate. Header and theory problems are an `Err`; problems with
/// individual theorems are reported in the [`Report`].
pub fn check(cert: &Certificate) -> Result<Report, KernelError> {
    check_with(cert, &std::collections::BTreeMap::new())
}

/// [`check`], where a theorem named like a key of `conjectures` must state that
/// conjecture (its statement, up to the names of its bound variables), else it is
/// rejected with `conjecture-mismatch`.
pub(crate) fn check_with(
    cert: &Certificate,
    conjectures: &std::collections::BTreeMap<String, String>,
) -> Result<Report, KernelError> {
    if cert.format != FORMAT {
        let found = cert.format.clone();
        return Err(KernelError::BadFormat { found });
    }
    if !VERSIONS.contains(&cert.version) {
        let found = cert.version.to_string();
        return Err(KernelError::UnsupportedVersion { found });
    }
    let sig = Signature::new(&cert.theory, cert.version >= 3)?;
    let digest = digest_of(&sig.canonical);
    if cert.digest != digest {
        let found = cert.digest.clone();
        return Err(KernelError::DigestMismatch {
            expected: digest,
            found,
        });
    }
    Ok(Report {
        theory: cert.theory.name.clone(),
        digest,
        theorems: check::check_theorems(&sig, &cert.theorems, conjectures),
    })
}

/// `text` with every character outside printable ASCII written as `\u{hex}` (and `\`
/// as `\\`): safe to print on one line of a terminal or a log, whatever the input.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    out
}

fn digest_of(canonical: &str) -> String {
    format!("sha256:{}", sha256::hex_digest(canonical.as_bytes()))
}

/// The canonical text of a theory section (spec section 3); `Err` if it is malformed.
pub fn canonical_theory_text(theory: &TheorySection) -> Result<String, KernelError> {
    Ok(Signature::new(theory, true)?.canonical)
}

/// The digest `sha256:<hex>` of a theory section's canonical text; `Err` if it is malformed.
pub fn theory_digest(theory: &TheorySection) -> Result<String, KernelError> {
    Ok(digest_of(&canonical_theory_text(theory)?))
}
