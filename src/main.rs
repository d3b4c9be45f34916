//! The `listicle` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;

use listicle::cli::Cli;
use listicle::cmd::{self, EXIT_USAGE};

fn main() {
    // Keep freed memory for reuse instead of returning it to the OS after 10 ms: with several
    // workers, returning and re-faulting pages cost more kernel time than the work it saved.
    // (Option 15 is `mi_option_purge_delay` in mimalloc v2 and v3; -1 means never purge.)
    // SAFETY: setting an allocator option is a plain store that the allocator reads later.
    unsafe { libmimalloc_sys::mi_option_set(15, -1) };
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
