use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = otalint::cli::Cli::parse();
    ExitCode::from(otalint::app::run(cli))
}
