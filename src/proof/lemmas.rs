//! Verified theorems offered to a new proof (`ergo prove --lemmas PATH`).
//!
//! Invariants:
//! - only theorems the kernel accepted are offered, each with its certificate entry (so
//!   the new certificate carries their proofs and is checkable on its own);
//! - a certificate is taken when its theory section (signature and axioms, the source
//!   path aside) is the goal theory's own, and ignored otherwise, so PATH may be a folder
//!   holding several theories' certificates;
//! - statements are read by the one reader ([`super::sexp`]) as formulas of the goal's
//!   theory, in every clause form the kernel verifies (equations, disequations,
//!   conditional facts);
//! - a name offered twice with the same statement is offered once (the first); with two
//!   different statements it is an error, never a silent choice.

use super::load::{certificate_files, verify_file, verify_file_with, Trust};
use super::sexp::{self, SexpError};
use super::theory_section::theory_section;
use crate::mpl::{Formula, Scheme, SortShape, Theory};
use ergo_kernel::format::{Certificate, Theorem};
use std::path::{Path, PathBuf};

/// One verified theorem offered as a lemma.
#[derive(Clone, Debug)]
pub struct Lemma {
    /// Its statement, over the goal's theory (binder names interned there).
    pub statement: Formula,
    /// Its certificate entry (name, statement, proof), with no essential mark.
    pub theorem: Theorem,
    /// For a theorem scheme (a theorem with `params`, format version 3): its name and its
    /// parameters, the `Param` sorts of the goal's theory, exactly as an axiom scheme's
    /// (`Signature::axiom_schemes`); `None` for a monomorphic theorem. The engine uses a
    /// scheme at an instance as it uses an axiom scheme's instances: it cites the instance
    /// as an axiom-like rule with `instance: Some(Instance { scheme: <theorem name>, args
    /// })`, which the certificate writer turns into `"rule": <theorem name>` with
    /// `"sorts"` (see [`super::instances`]).
    pub scheme: Option<Scheme>,
}

/// The lemmas found under a path.
#[derive(Debug, Default)]
pub struct Lemmas {
    /// The theorems of the certificates of the goal's theory, in file order then
    /// certificate order (a dependency order).
    pub lemmas: Vec<Lemma>,
    /// The certificates taken.
    pub taken: Vec<PathBuf>,
    /// The certificates of other theories, ignored.
    pub ignored: Vec<PathBuf>,
}

/// Why lemmas could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LemmaError {
    /// The path could not be listed or a file read.
    #[error("cannot read {0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// No certificate under the path.
    #[error("no *.proof.json certificate under {0}")]
    None(PathBuf),
    /// A file that is not a certificate at all.
    #[error("{0}: not a certificate: {1}")]
    NotACertificate(PathBuf, String),
    /// Certificates were found, none of the goal's theory.
    #[error("no certificate of theory `{theory}` under {path} (only of other theories)")]
    OtherTheories {
        /// The path searched.
        path: PathBuf,
        /// The goal's theory.
        theory: String,
    },
    /// A certificate of the goal's theory that the kernel or the source check rejected.
    #[error("{0}: {1}")]
    Rejected(PathBuf, super::load::LoadError),
    /// A statement the reader could not read over the goal's theory.
    #[error("{0}: theorem `{1}`: {2}")]
    Statement(PathBuf, String, SexpError),
    /// One name, two different statements.
    #[error(
        "{0}: theorem `{1}` states something else than the theorem of that name already loaded"
    )]
    Clash(PathBuf, String),
}

/// The scheme of a theorem with parameters: its name and the goal theory's sort
/// variables its `params` name.
fn scheme(theory: &Theory, t: &Theorem) -> Result<Option<Scheme>, SexpError> {
    let names = super::fields::params(t);
    if names.is_empty() {
        return Ok(None);
    }
    let params = names
        .iter()
        .map(|n| {
            theory
                .sort_by_name(n)
                .filter(|&p| theory.sort(p).shape == SortShape::Param)
                .ok_or_else(|| SexpError::Unknown(n.clone(), 0))
        })
        .collect::<Result<_, _>>()?;
    Ok(Some(Scheme {
        name: t.name.clone(),
        params,
    }))
}

/// The verified theorems of the certificates under `path` (a file or a folder searched
/// for `*.proof.json`) whose theory is `theory`'s; statements are read over `theory`.
pub fn lemmas(path: &Path, theory: &mut Theory) -> Result<Lemmas, LemmaError> {
    let files = certificate_files(path).map_err(|e| LemmaError::Io(path.to_path_buf(), e))?;
    if files.is_empty() {
        return Err(LemmaError::None(path.to_path_buf()));
    }
    let ours = theory_section(theory, "");
    // A lemma certificate is bound to the goal's theory file, which the user named (a
    // certificate written anywhere, of a theory kept anywhere such as GL's configs under
    // ../shared), or else under the repository default (the file it names itself, e.g.
    // proofs/ for a copy of axioms/peano.mpl). Either binding is the kernel's.
    let named = theory
        .files()
        .first()
        .map(|f| f.path.clone())
        .filter(|p| p.is_file())
        .and_then(|p| Trust::files(&[p]).ok());
    let mut out = Lemmas::default();
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| LemmaError::Io(file.clone(), e))?;
        let cert: Certificate = serde_json::from_str(&text)
            .map_err(|e| LemmaError::NotACertificate(file.clone(), e.to_string()))?;
        let mut theirs = cert.theory;
        theirs.source = String::new();
        if theirs != ours {
            out.ignored.push(file);
            continue;
        }
        // A certificate of this theory without theorems (a derive that found nothing)
        // gives no lemmas; the kernel rejects an empty certificate (`no-theorems`), so
        // it is taken as it is rather than verified.
        if cert.theorems.is_empty() {
            out.taken.push(file);
            continue;
        }
        let loaded = match named.as_ref().map(|t| verify_file_with(&file, t)) {
            Some(Ok(loaded)) => loaded,
            _ => verify_file(&file).map_err(|e| LemmaError::Rejected(file.clone(), e))?,
        };
        for (t, _) in loaded.verified.theorems() {
            if let Some(old) = out.lemmas.iter().find(|l| l.theorem.name == t.name) {
                if old.theorem.statement != t.statement {
                    return Err(LemmaError::Clash(file.clone(), t.name.clone()));
                }
                continue;
            }
            let statement = sexp::formula(theory, &t.statement)
                .map_err(|e| LemmaError::Statement(file.clone(), t.name.clone(), e))?;
            let scheme = scheme(theory, t)
                .map_err(|e| LemmaError::Statement(file.clone(), t.name.clone(), e))?;
            let mut theorem = t.clone();
            theorem.essential = None;
            out.lemmas.push(Lemma {
                statement,
                theorem,
                scheme,
            });
        }
        out.taken.push(file);
    }
    if out.taken.is_empty() {
        return Err(LemmaError::OtherTheories {
            path: path.to_path_buf(),
            theory: theory.name.clone(),
        });
    }
    Ok(out)
}
