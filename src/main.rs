use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = otalint::cli::Cli::parse_args();
    ExitCode::from(otalint::app::run(cli))
}
