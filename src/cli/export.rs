//! `ergo export` (being built).

use super::Exit;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The export targets.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Export to Coq.
    Coq(CoqArgs),
}

/// Arguments of `ergo export coq`.
#[derive(Args, Debug)]
pub struct CoqArgs {
    /// A certificate file, or a folder searched for `*.proof.json`.
    pub path: PathBuf,
}

/// Runs `ergo export`.
pub fn run(_cmd: ExportCommand) -> std::io::Result<Exit> {
    eprintln!("error: `ergo export` is not available yet");
    Ok(Exit::BadInput)
}
