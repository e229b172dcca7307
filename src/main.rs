//! The `ergo` binary: the command-line interface ([`cli`]) lives here, outside the
//! library, which never parses arguments, reads the environment or prints. Usage errors
//! exit with 2 (clap's default), as does an output file that cannot be written.
#![forbid(unsafe_code)]

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(cli::Exit::BadInput as u8)
        }
    }
}
