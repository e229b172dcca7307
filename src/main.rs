//! The `ergo` binary: the command-line interface ([`cli`]) lives here, outside the
//! library, which never parses arguments, reads the environment or prints. Usage errors
//! exit with 2 (clap's default), as does an output file that cannot be written (refused
//! before any work); a `prove` or `derive` stopped by Ctrl-C exits 130 after writing what
//! it had.
#![forbid(unsafe_code)]

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: egg's e-graphs allocate and free many small
/// vectors, and glibc's malloc took about a quarter of a Peano derive's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with exit 0; usage errors exit 2, and under
            // `--json` still print the one JSON object.
            let usage = e.use_stderr();
            if usage && std::env::args().any(|a| a == "--json") {
                // The first line of clap's message, without its `error: ` prefix.
                let rendered = e.render().to_string();
                let first = rendered.lines().next().unwrap_or_default();
                let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
                let _ = e.print();
                cli::record_usage(&message);
                cli::finish_json(cli::Exit::BadInput, None);
                return ExitCode::from(cli::Exit::BadInput as u8);
            }
            e.exit()
        }
    };
    let json = cli.json();
    let (exit, io_error) = match cli::run(cli) {
        Ok(exit) => (exit, None),
        Err(e) => {
            eprintln!("error: {e}");
            (cli::Exit::BadInput, Some(e.to_string()))
        }
    };
    if json {
        cli::finish_json(exit, io_error.as_deref());
    }
    ExitCode::from(exit as u8)
}
