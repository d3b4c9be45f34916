//! The subcommands. Each turns its arguments into a run and returns the exit code.

pub mod engine;
pub mod extract;
pub mod inspect;
pub mod sources;
pub mod stream;

use crate::cli::{Cli, Command};
use crate::error::Error;

/// Exit codes scripts can rely on.
pub const EXIT_OK: i32 = 0;
/// Some documents failed; the rest were written.
pub const EXIT_SOME_FAILED: i32 = 1;
/// The command line was wrong, or output could not be written.
pub const EXIT_USAGE: i32 = 2;

pub fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Stream(a) => stream::run(a),
    }
}
