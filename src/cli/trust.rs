//! Which theory files a command that reads certificates trusts (`--theory`, `--manifest`),
//! shared by `ergo verify`, `ergo html` and `ergo export coq`.
//!
//! Invariant: every certificate these commands read is bound to a theory file of the
//! resulting [`Trust`] before anything of it is used; without either option the
//! repository default of [`ergo::proof::load`] applies (the file the certificate names,
//! inside its repository). A theory outside the repository, such as GL's configs under
//! `../shared/gl`, is trusted by naming it: `ergo html CERT --theory CONFIG.json`.

use super::{bad_input, Exit};
use clap::Args;
use ergo::proof::load::Trust;
use std::path::PathBuf;

/// The trust options.
#[derive(Args, Debug, Default, Clone)]
pub struct TrustArgs {
    /// A trusted theory (MPL file or GL config); repeatable. Certificates of any other
    /// theory, or that name another source, are rejected.
    #[arg(long = "theory", value_name = "FILE")]
    pub theories: Vec<PathBuf>,
    /// A manifest of trusted theories (as written by `ergo verify --write-manifest`).
    #[arg(long, value_name = "FILE", conflicts_with = "theories")]
    pub manifest: Option<PathBuf>,
}

impl TrustArgs {
    /// The trust these options name; a file that cannot be read or resolved is bad input
    /// (exit 2, code `untrusted-theory`).
    pub fn trust(&self) -> Result<Trust, Exit> {
        let trust = if let Some(manifest) = &self.manifest {
            Trust::manifest(manifest)
        } else if !self.theories.is_empty() {
            Trust::files(&self.theories)
        } else {
            Ok(Trust::Repository)
        };
        trust.map_err(|why| bad_input("untrusted-theory", &why))
    }
}
