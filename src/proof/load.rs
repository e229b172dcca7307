//! Loading certificates for verification, rendering and export.
//!
//! Invariant: a [`Loaded`] certificate has been accepted by the kernel (it holds an
//! `ergo_kernel::Verified`, which only the kernel can make) *and* its theory section is
//! identical to the one rebuilt from the MPL file it names, so its axioms are the
//! source's, not the certificate's own.

use super::theory_section;
use crate::mpl::Theory;
use ergo_kernel::Verified;
use std::path::{Path, PathBuf};

/// `path` itself if it is a file, else every `*.proof.json` below it, sorted.
pub fn certificate_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(".proof.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A certificate file that passed the kernel and whose theory section is exactly the one
/// rebuilt from its MPL source.
#[derive(Debug)]
pub struct Loaded {
    /// The MPL source the certificate names, resolved against the certificate's folder.
    pub source: PathBuf,
    /// The theory read from that source.
    pub theory: Theory,
    /// The kernel-checked certificate.
    pub verified: Verified,
}

/// Checks one certificate file: kernel replay, then the theory against its MPL source.
/// A problem with the file as a whole is an `Err` with the reason.
pub fn verify_file(file: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let verified = Verified::check_json(&text).map_err(|e| format!("{e} [{}]", e.code()))?;
    let cert = verified.certificate();
    let dir = file.parent().unwrap_or(Path::new("."));
    let source = tidy(&dir.join(&cert.theory.source));
    let theory = crate::mpl::load(&source)
        .map_err(|d| format!("cannot read the theory's source {}:\n{d}", source.display()))?;
    let rebuilt = theory_section(&theory, &cert.theory.source);
    if rebuilt != cert.theory {
        return Err(format!(
            "the certificate's theory differs from its source {}: {}",
            source.display(),
            first_difference(&rebuilt, &cert.theory)
        ));
    }
    Ok(Loaded {
        source,
        theory,
        verified,
    })
}

fn first_difference(
    source: &ergo_kernel::format::TheorySection,
    cert: &ergo_kernel::format::TheorySection,
) -> String {
    for (a, b) in source.axioms.iter().zip(&cert.axioms) {
        if a != b {
            return format!(
                "axiom `{}` is `{}` in the source but `{}` in the certificate",
                a.name, a.statement, b.statement
            );
        }
    }
    if source.axioms.len() != cert.axioms.len() {
        return format!(
            "the source has {} axioms, the certificate {}",
            source.axioms.len(),
            cert.axioms.len()
        );
    }
    "the signatures differ".to_string()
}

/// Removes `.` and `dir/..` pairs lexically, for display and reading alike.
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
