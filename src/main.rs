//! The `rolecall` command: parses arguments, runs the command, maps the
//! result to a message on stderr and an exit code (0 ok, 1 some inputs
//! skipped or a check failed, 2 error, 130 interrupted).

use std::process::ExitCode;

use clap::Parser;
use rolecall::Error;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Interrupted) => {
            cli::stdio::say!("rolecall: {}", Error::Interrupted);
            ExitCode::from(130)
        }
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            // The reader of our output went away (`| head`): not an error.
            ExitCode::SUCCESS
        }
        Err(err) => {
            cli::stdio::say!("rolecall: {err}");
            ExitCode::from(2)
        }
    }
}
