//! The `listicle` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;

use listicle::cli::Cli;
use listicle::cmd::{self, EXIT_USAGE};

fn main() {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    match cmd::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("listicle: {e}");
            std::process::exit(EXIT_USAGE);
        }
    }
}

// Many small allocations per document on several threads: mimalloc keeps them from
// contending the way the system allocator's arenas do.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
