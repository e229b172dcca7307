//! `ergo html` (being built).

use super::Exit;
use clap::Args;

/// Arguments of `ergo html`.
#[derive(Args, Debug)]
pub struct HtmlArgs {}

/// Runs `ergo html`.
pub fn run(_args: HtmlArgs) -> std::io::Result<Exit> {
    eprintln!("error: `ergo html` is not available yet");
    Ok(Exit::BadInput)
}
