//! `ergo derive` (being built).

use super::Exit;
use clap::Args;

/// Arguments of `ergo derive`.
#[derive(Args, Debug)]
pub struct DeriveArgs {}

/// Runs `ergo derive`.
pub fn run(_args: DeriveArgs) -> std::io::Result<Exit> {
    eprintln!("error: `ergo derive` is not available yet");
    Ok(Exit::BadInput)
}
