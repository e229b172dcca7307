//! Loading certificates for verification, rendering and export, bound to trusted theories.
//!
//! Invariant: a [`Loaded`] certificate has been accepted by the kernel (it holds an
//! `ergo_kernel::Verified`, which only the kernel can make) *and* it is bound to a trusted
//! theory ([`Trust`]): its theory section has the name and the digest of a theory read
//! from an MPL file the user trusts, its `source` leads to that file, and its theorems
//! named after the theory's conjectures state them. So its axioms are the trusted file's,
//! never the certificate's own.
//!
//! Which files are trusted:
//! - [`Trust::files`]: the MPL files named on the command line (`--theory`), or listed in a
//!   manifest ([`Trust::manifest`], whose recorded SHA-256 and digests must still hold);
//! - [`Trust::Repository`], the default: the file the certificate's `source` names, if it
//!   is a relative path of plain characters (ASCII letters, digits, `_`, `.`, `-`, `/`)
//!   that leads (symlinks resolved) to a regular file of at most 1 MiB inside the git
//!   repository holding the certificate (outside any repository: inside the current
//!   folder or the certificate folder's parent).
//!
//! Theory files are read bounded (regular files only, [`MAX_THEORY_BYTES`]); diagnostics
//! about a file the certificate chose never quote it.

use super::theory_section;
use super::theory_section::formula;
use crate::mpl::Theory;
use ergo_kernel::binding::{
    self, read_bounded, sha256_hex, ConjectureDecl, Manifest, TrustedTheory, MANIFEST_FORMAT,
    MANIFEST_VERSION, MAX_THEORY_BYTES,
};
use ergo_kernel::Verified;
use std::path::{Path, PathBuf};

/// `path` itself if it is a file, else every `*.proof.json` below it, sorted; a symlink
/// loop is an error.
pub fn certificate_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    binding::certificate_files(path)
}

/// A certificate file that passed the kernel and is bound to a trusted theory.
#[derive(Debug)]
pub struct Loaded {
    /// The trusted MPL file of its theory.
    pub source: PathBuf,
    /// The theory read from that file.
    pub theory: Theory,
    /// The kernel-checked certificate.
    pub verified: Verified,
    /// The hex SHA-256 of the trusted MPL file's bytes.
    pub source_sha256: String,
}

/// A trusted theory file, read and resolved.
#[derive(Debug, Clone)]
pub struct TrustedFile {
    /// The file, as named.
    pub path: PathBuf,
    /// What the kernel binds certificates to (its `path` is `path` as text).
    pub entry: TrustedTheory,
    /// The resolved theory.
    pub theory: Theory,
}

/// Which theories certificates are checked against.
#[derive(Debug, Clone)]
pub enum Trust {
    /// Exactly these theory files.
    Files(Vec<TrustedFile>),
    /// The file each certificate names, under the default rule of the module docs.
    Repository,
}

impl TrustedFile {
    /// Reads an MPL file (bounded) and records its SHA-256, name, digest and conjectures.
    /// Parse errors are reported in full: the user named this file.
    pub fn read(path: &Path) -> Result<TrustedFile, String> {
        let bytes = read_bounded(path, MAX_THEORY_BYTES).map_err(|e| e.to_string())?;
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| format!("{} is not UTF-8", path.display()))?;
        // A TIP problem (`.smt2`) is trusted through its MPL translation (src/tip/mpl.rs).
        let tip = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("smt2"));
        let theory = if tip {
            crate::tip::load_str(path, &text)
        } else {
            crate::mpl::load_str(path, &text)
        }
        .map_err(|d| d.to_string())?;
        let section = theory_section(&theory, "");
        let digest = ergo_kernel::theory_digest(&section)
            .map_err(|e| format!("{}: the theory is not valid: {e}", path.display()))?;
        let conjectures = theory
            .conjectures
            .iter()
            .map(|c| ConjectureDecl {
                name: c.name.clone(),
                statement: formula(&theory, &c.formula),
            })
            .collect();
        let entry = TrustedTheory {
            path: path.display().to_string(),
            sha256: sha256_hex(&bytes),
            name: theory.name.clone(),
            digest,
            conjectures,
        };
        Ok(TrustedFile {
            path: path.to_path_buf(),
            entry,
            theory,
        })
    }
}

impl Trust {
    /// Trusts exactly these MPL files; two files of one theory name are an error.
    pub fn files(paths: &[PathBuf]) -> Result<Trust, String> {
        let mut files: Vec<TrustedFile> = Vec::new();
        for path in paths {
            let file = TrustedFile::read(path)?;
            if let Some(other) = files.iter().find(|f| f.entry.name == file.entry.name) {
                return Err(format!(
                    "{} and {} both define the theory `{}`",
                    other.path.display(),
                    path.display(),
                    ergo_kernel::escape(&file.entry.name)
                ));
            }
            files.push(file);
        }
        Ok(Trust::Files(files))
    }

    /// Trusts the theories of a manifest: each file (relative to the manifest's folder)
    /// must still have the recorded SHA-256, name, digest and conjectures.
    pub fn manifest(path: &Path) -> Result<Trust, String> {
        let manifest = binding::read_manifest(path).map_err(|e| e.to_string())?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut files = Vec::new();
        for recorded in &manifest.theories {
            let file = TrustedFile::read(&dir.join(&recorded.path))?;
            let mut current = file.entry.clone();
            current.path = recorded.path.clone();
            if &current != recorded {
                let what = if current.sha256 != recorded.sha256 {
                    "its SHA-256"
                } else {
                    "its theory"
                };
                return Err(format!(
                    "{}: the manifest is out of date: {} changed since it was written",
                    file.path.display(),
                    what
                ));
            }
            files.push(file);
        }
        Ok(Trust::Files(files))
    }

    /// The manifest recording these theories, with paths relative to `manifest_dir`
    /// (`None` for the default rule, which trusts no fixed file).
    pub fn to_manifest(&self, manifest_dir: &Path) -> Option<Manifest> {
        let Trust::Files(files) = self else {
            return None;
        };
        let mut theories: Vec<TrustedTheory> = files
            .iter()
            .map(|f| {
                let mut entry = f.entry.clone();
                entry.path = super::relative_path(manifest_dir, &f.path);
                entry
            })
            .collect();
        theories.sort_by(|a, b| a.name.cmp(&b.name));
        Some(Manifest {
            format: MANIFEST_FORMAT.to_string(),
            version: MANIFEST_VERSION,
            theories,
        })
    }
}

/// Why a certificate file as a whole was not loaded: a message (escaped: printable on
/// one line) and, when the kernel or the binding rejected it, the kernel's error code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}{}", .code.map(|c| format!(" [{c}]")).unwrap_or_default())]
pub struct LoadError {
    /// What is wrong.
    pub message: String,
    /// The kernel's error code (`None`: the file could not be read).
    pub code: Option<&'static str>,
}

impl LoadError {
    fn io(message: String) -> LoadError {
        LoadError {
            message,
            code: None,
        }
    }

    fn kernel(e: &ergo_kernel::KernelError) -> LoadError {
        LoadError {
            message: e.to_string(),
            code: Some(e.code()),
        }
    }
}

/// Checks one certificate file under the default rule ([`Trust::Repository`]).
pub fn verify_file(file: &Path) -> Result<Loaded, LoadError> {
    verify_file_with(file, &Trust::Repository)
}

/// Checks one certificate file: bounded read, kernel replay against the trusted theory
/// of its name, and its `source` against that theory's file. A problem with the file as
/// a whole is an `Err` with the reason (escaped: printable on one line).
pub fn verify_file_with(file: &Path, trust: &Trust) -> Result<Loaded, LoadError> {
    let limit = ergo_kernel::limits::MAX_CERTIFICATE_BYTES;
    let bytes = read_bounded(file, limit).map_err(|e| LoadError::io(e.to_string()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| LoadError::io("the file is not UTF-8".to_string()))?;
    let kernel = |e: ergo_kernel::KernelError| LoadError::kernel(&e);
    let cert = ergo_kernel::parse_json(&text).map_err(kernel)?;
    let default;
    let trusted: &[TrustedFile] = match trust {
        Trust::Files(files) => files,
        Trust::Repository => {
            default = [repository_source(file, &cert.theory.source).map_err(kernel)?];
            &default
        }
    };
    let entries: Vec<TrustedTheory> = trusted.iter().map(|t| t.entry.clone()).collect();
    let source = cert.theory.source.clone();
    let section = cert.theory.clone();
    let (verified, index) = Verified::check_bound(cert, &entries).map_err(|e| {
        match (
            e.root(),
            trusted.iter().find(|t| t.entry.name == section.name),
        ) {
            (ergo_kernel::KernelError::TheoryMismatch { .. }, Some(t)) => {
                let rebuilt = theory_section(&t.theory, &section.source);
                LoadError {
                    message: format!(
                        "the certificate's theory differs from its source {}: {}; {e}",
                        t.path.display(),
                        ergo_kernel::escape(&first_difference(&rebuilt, &section)),
                    ),
                    code: Some(e.code()),
                }
            }
            _ => kernel(e),
        }
    })?;
    let chosen = &trusted[index];
    binding::check_source(file, &source, &chosen.path).map_err(kernel)?;
    Ok(Loaded {
        source: tidy(&chosen.path),
        theory: chosen.theory.clone(),
        verified,
        source_sha256: chosen.entry.sha256.clone(),
    })
}

/// The first difference between the trusted theory's section and a certificate's.
fn first_difference(
    trusted: &ergo_kernel::format::TheorySection,
    cert: &ergo_kernel::format::TheorySection,
) -> String {
    for (a, b) in trusted.axioms.iter().zip(&cert.axioms) {
        if a != b {
            return format!(
                "axiom `{}` is `{}` in the source but `{}` in the certificate",
                a.name, a.statement, b.statement
            );
        }
    }
    if trusted.axioms.len() != cert.axioms.len() {
        return format!(
            "the source has {} axioms, the certificate {}",
            trusted.axioms.len(),
            cert.axioms.len()
        );
    }
    "the signatures differ".to_string()
}

/// The default rule: the theory file a certificate names, if it may be trusted.
fn repository_source(file: &Path, source: &str) -> Result<TrustedFile, ergo_kernel::KernelError> {
    let reject = |reason: &str| ergo_kernel::KernelError::SourceMismatch {
        source: source.to_string(),
        reason: reason.to_string(),
    };
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/');
    if source.is_empty() || source.starts_with('/') || !source.chars().all(plain) {
        return Err(reject(
            "it must be a relative path of ASCII letters, digits, `_`, `.`, `-` and `/`",
        ));
    }
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let path = tidy(&dir.join(source));
    let real = std::fs::canonicalize(&path).map_err(|_| reject("no such file"))?;
    let inside = allowed_roots(dir).iter().any(|root| real.starts_with(root));
    if !inside {
        return Err(reject(
            "it leads outside the repository (name the theory with --theory to trust it)",
        ));
    }
    if !real.is_file() {
        return Err(reject("it is not a regular file"));
    }
    TrustedFile::read(&path).map_err(|_| {
        reject("it cannot be read as an MPL theory (of at most 1 MiB); run `ergo check` on it")
    })
}

/// The folders a certificate in `dir` may take its theory from by default: its git
/// repository; outside any, the current folder's repository (or the current folder) and
/// the certificate folder's parent.
fn allowed_roots(dir: &Path) -> Vec<PathBuf> {
    let repository = |from: &Path| {
        let from = std::fs::canonicalize(from).ok()?;
        from.ancestors()
            .find(|a| a.join(".git").exists())
            .map(Path::to_path_buf)
    };
    if let Some(root) = repository(dir) {
        return vec![root];
    }
    let mut roots = Vec::new();
    let here = Path::new(".");
    if let Some(root) = repository(here).or_else(|| std::fs::canonicalize(here).ok()) {
        roots.push(root);
    }
    if let Some(parent) = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.parent().map(Path::to_path_buf))
    {
        roots.push(parent);
    }
    roots
}

/// Removes `.` and `dir/..` pairs lexically, for display.
fn tidy(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}
