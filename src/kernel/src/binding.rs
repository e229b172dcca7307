//! Binding certificates to trusted theories: the manifest format, reading files safely,
//! and checking a certificate against the theory a CI names (not the one it names itself).
//!
//! Invariants:
//! - A certificate is checked against exactly one [`TrustedTheory`]: the one with its
//!   theory's name; none is `untrusted-theory`, a different digest `theory-mismatch`; its
//!   `source` must be a relative path that leads to that theory's file (same file after
//!   symlinks are resolved), else `source-mismatch`. The digest covers the signature and
//!   the axioms, so a certificate cannot bring an axiom of its own.
//! - A theorem named like one of the theory's conjectures must state it
//!   (`conjecture-mismatch`); a certificate with no theorem is rejected (`no-theorems`).
//! - Files are read only if they are regular files and at most a given size; nothing read
//!   is ever echoed in a diagnostic.
//! - Folder walks visit every real folder once and report a symlink loop instead of
//!   following it; results are sorted.
//!
//! Example manifest (`proofs/trusted-theories.json`, paths relative to its folder):
//!
//! ```json
//! {"format": "ergo-trusted-theories", "version": 1, "theories": [
//!   {"path": "../axioms/peano.mpl", "sha256": "<hex of the file's bytes>", "name": "peano",
//!    "digest": "sha256:<hex of the theory section's canonical text>",
//!    "conjectures": [{"name": "add_comm", "statement": "(forall ((x N) (y N)) (= (+ x y) (+ y x)))"}]}
//! ]}
//! ```

use crate::format::Certificate;
use crate::{KernelError, Report};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The value of a manifest's `format` field.
pub const MANIFEST_FORMAT: &str = "ergo-trusted-theories";
/// The manifest version this crate reads and writes.
pub const MANIFEST_VERSION: u32 = 1;
/// The largest theory file (MPL source) read: 1 MiB.
pub const MAX_THEORY_BYTES: u64 = 1 << 20;
/// The largest manifest read: 1 MiB.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// The manifest: the theories a repository trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// [`MANIFEST_VERSION`].
    pub version: u32,
    /// The trusted theories, sorted by name, at most one per name.
    pub theories: Vec<TrustedTheory>,
}

/// One trusted theory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedTheory {
    /// The theory file (relative to the manifest's folder in a manifest).
    pub path: String,
    /// The hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// The theory's name.
    pub name: String,
    /// The digest of its theory section (`sha256:<hex>`), as in certificates.
    pub digest: String,
    /// Its conjectures, in declaration order.
    pub conjectures: Vec<ConjectureDecl>,
}

/// A conjecture of a trusted theory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConjectureDecl {
    /// Its name.
    pub name: String,
    /// Its statement, a closed formula in the certificate's s-expression syntax.
    pub statement: String,
}

/// Why a manifest or a file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError(pub String);

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::escape(&self.0))
    }
}

impl std::error::Error for FileError {}

/// The hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::sha256::hex_digest(bytes)
}

/// Reads `path` if it is a regular file (after symlinks) of at most `max` bytes; never
/// reads more than `max + 1` bytes, whatever the file claims.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| FileError(format!("cannot read {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(FileError(format!("{shown} is not a regular file")));
    }
    if meta.len() > max {
        return Err(FileError(format!("{shown} is larger than {max} bytes")));
    }
    let file =
        std::fs::File::open(path).map_err(|e| FileError(format!("cannot read {shown}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError(format!("cannot read {shown}: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(FileError(format!("{shown} is larger than {max} bytes")));
    }
    Ok(bytes)
}

/// Reads and validates a manifest file.
pub fn read_manifest(path: &Path) -> Result<Manifest, FileError> {
    let bytes = read_bounded(path, MAX_MANIFEST_BYTES)?;
    let shown = path.display();
    let text =
        std::str::from_utf8(&bytes).map_err(|_| FileError(format!("{shown} is not UTF-8")))?;
    let manifest: Manifest = serde_json::from_str(text)
        .map_err(|e| FileError(format!("{shown} is not a trusted-theories manifest: {e}")))?;
    if manifest.format != MANIFEST_FORMAT || manifest.version != MANIFEST_VERSION {
        return Err(FileError(format!(
            "{shown}: the format must be `{MANIFEST_FORMAT}` version {MANIFEST_VERSION}"
        )));
    }
    let mut names = BTreeSet::new();
    for t in &manifest.theories {
        if !names.insert(&t.name) {
            return Err(FileError(format!(
                "{shown}: the theory `{}` is listed twice",
                t.name
            )));
        }
    }
    Ok(manifest)
}

/// Checks a parsed certificate against the trusted theories (by name, then digest), with
/// the chosen theory's conjectures binding the theorems named after them. Returns the
/// report and the index of the chosen theory. The certificate's `source` is checked by
/// [`check_source`], which needs the file system.
pub fn check_bound(
    cert: &Certificate,
    theories: &[TrustedTheory],
) -> Result<(Report, usize), KernelError> {
    let name = &cert.theory.name;
    let Some(index) = theories.iter().position(|t| &t.name == name) else {
        return Err(KernelError::UntrustedTheory { name: name.clone() });
    };
    let trusted = &theories[index];
    let digest = crate::theory_digest(&cert.theory)?;
    if digest != trusted.digest {
        return Err(KernelError::TheoryMismatch {
            name: name.clone(),
            expected: trusted.digest.clone(),
            found: digest,
        });
    }
    if cert.theorems.is_empty() {
        return Err(KernelError::NoTheorems);
    }
    let conjectures: BTreeMap<String, String> = trusted
        .conjectures
        .iter()
        .map(|c| (c.name.clone(), c.statement.clone()))
        .collect();
    Ok((crate::check_with(cert, &conjectures)?, index))
}

/// Checks that the `source` of the certificate in `cert_file` is a relative path that
/// leads to `theory_file` (the same file once symlinks are resolved).
pub fn check_source(cert_file: &Path, source: &str, theory_file: &Path) -> Result<(), KernelError> {
    let reject = |reason: &str| KernelError::SourceMismatch {
        source: source.to_string(),
        reason: reason.to_string(),
    };
    let relative = Path::new(source);
    if source.is_empty() || relative.is_absolute() || relative.has_root() {
        return Err(reject("it must be a relative path"));
    }
    if relative.components().any(|c| {
        !matches!(
            c,
            Component::Normal(_) | Component::ParentDir | Component::CurDir
        )
    }) {
        return Err(reject("it must be a relative path"));
    }
    let dir = cert_file.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let resolved = std::fs::canonicalize(dir.join(relative))
        .map_err(|_| reject("it does not lead to a trusted theory file"))?;
    let trusted = std::fs::canonicalize(theory_file)
        .map_err(|_| reject("the trusted theory file cannot be found"))?;
    if resolved != trusted {
        return Err(reject("it is not the trusted theory file of this theory"));
    }
    Ok(())
}

/// `path` itself if it is a file, else every `*.proof.json` below it, sorted. Folders are
/// followed through symlinks, but each real folder once: reaching a folder that is one of
/// its own ancestors is a symlink loop, an error.
pub fn certificate_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let root = std::fs::canonicalize(path)?;
    // Each folder to visit with the real folders above it (itself included).
    let mut stack = vec![(path.to_path_buf(), vec![root])];
    while let Some((dir, ancestors)) = stack.pop() {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            entries.push(entry?.path());
        }
        entries.sort();
        for p in entries {
            if p.is_dir() {
                let real = std::fs::canonicalize(&p)?;
                if ancestors.contains(&real) {
                    return Err(std::io::Error::other(format!(
                        "symlink loop: {} leads back to {}",
                        crate::escape(&p.display().to_string()),
                        crate::escape(&real.display().to_string())
                    )));
                }
                let mut below = ancestors.clone();
                below.push(real);
                stack.push((p, below));
            } else if p.to_string_lossy().ends_with(".proof.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A manifest's theories, each with its file (the manifest's folder joined with its
/// path), after checking that every file still has its recorded SHA-256.
pub fn trusted_files(manifest: &Path) -> Result<Vec<(TrustedTheory, PathBuf)>, FileError> {
    let m = read_manifest(manifest)?;
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for t in m.theories {
        let file = dir.join(&t.path);
        let bytes = read_bounded(&file, MAX_THEORY_BYTES)?;
        let sha = sha256_hex(&bytes);
        if sha != t.sha256 {
            return Err(FileError(format!(
                "{}: its SHA-256 is {sha}, not the manifest's {}: the theory changed; \
                 rewrite the manifest with `ergo verify ... --write-manifest`",
                file.display(),
                t.sha256
            )));
        }
        out.push((t, file));
    }
    Ok(out)
}

/// The verdict on one certificate file.
#[derive(Debug)]
pub struct Verdict {
    /// The file.
    pub file: PathBuf,
    /// The report and the index of the trusted theory it is bound to, or why the file is
    /// rejected whole.
    pub result: Result<(Report, usize), KernelError>,
}

/// Checks one certificate file against trusted theories (with their files): bounded
/// read, one parse, one replay, binding by name and digest, `source` leading to the
/// theory's file.
pub fn check_file(file: &Path, theories: &[(TrustedTheory, PathBuf)]) -> Verdict {
    Verdict {
        file: file.to_path_buf(),
        result: check_file_result(file, theories),
    }
}

fn check_file_result(
    file: &Path,
    theories: &[(TrustedTheory, PathBuf)],
) -> Result<(Report, usize), KernelError> {
    let limit = crate::limits::MAX_CERTIFICATE_BYTES;
    let bytes = read_bounded(file, limit).map_err(|e| KernelError::Unreadable { message: e.0 })?;
    let text = String::from_utf8(bytes).map_err(|_| KernelError::Unreadable {
        message: "the file is not UTF-8".to_string(),
    })?;
    let cert = crate::parse_json(&text)?;
    let entries: Vec<TrustedTheory> = theories.iter().map(|(t, _)| t.clone()).collect();
    let (report, index) = check_bound(&cert, &entries)?;
    check_source(file, &cert.theory.source, &theories[index].1)?;
    Ok((report, index))
}
