//! The `ccr-lint` binary: parse arguments, run, map the result to an exit code.

use std::process::ExitCode;

// A document is many small allocations (a prose run per cell, paragraph and item) freed at
// once; mimalloc roughly halves the time glibc's allocator spends on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ccr_lint::tune_memory();
    ccr_lint::app::main()
}
