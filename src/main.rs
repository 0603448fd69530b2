//! The `stake` command line: everything is in the library's [`stake::cli`].

// A build of a large register makes millions of small allocations on every core;
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    stake::cli::main()
}
