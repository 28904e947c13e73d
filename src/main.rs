//! tidings: arguments, then the reader or one command; errors as one `error:` line.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Before anything is read: a panic in reading a feed, a page or a picture is that one's
    // error, in words, and prints nothing.
    tidings::isolate::install_hook();
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
