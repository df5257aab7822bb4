use std::process::ExitCode;

// mimalloc: a run makes a few hundred small allocations per file (the parse tree, findings,
// report rows); glibc's malloc spent about 8% of a run's instructions on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = otalint::cli::Cli::parse_args();
    ExitCode::from(otalint::app::run(cli))
}
