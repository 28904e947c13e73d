//! tidings: arguments, then the reader or one command; errors as one `error:` line.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = tidings::cli::Cli::parse();
    match tidings::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: {}",
                tidings::sanitize::clean_line(&format!("{error:#}"))
            );
            ExitCode::FAILURE
        }
    }
}
