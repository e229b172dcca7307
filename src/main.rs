//! The `ergo` binary: argument parsing and exit statuses only; all work is in the
//! library. Usage errors exit with 2 (clap's default), as does an output file that
//! cannot be written.
#![forbid(unsafe_code)]

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = ergo::cli::Cli::parse();
    match ergo::cli::run(cli) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(ergo::cli::Exit::BadInput as u8)
        }
    }
}
