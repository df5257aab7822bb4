//! One run: the command line's subcommand is run, and whatever stopped it is rendered once.
//! `check`'s pipeline is in [`pipeline`], its linters in [`linters`]; each subcommand is in
//! [`crate::commands`].

pub(crate) mod linters;
pub(crate) mod pipeline;

use std::io::{self, IsTerminal};
use std::path::Path;

use crate::cli::{Cli, ColorChoice, Command, ConfigSource};
use crate::commands;
use crate::config::Config;
use crate::error::Error;

/// Exit statuses, as ripgrep and most linters use them.
pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    let (result, color) = match cli.command {
        Command::Check(args) => (commands::check::run(&args), use_color(args.color)),
        Command::Rules(args) => (commands::rules::run(args.format), false),
        Command::Explain(args) => (commands::explain::run(&args), false),
        Command::Completions(args) => (commands::completions::completions(args.shell), false),
        Command::Man(args) => (
            commands::completions::man(args.subcommand.as_deref()),
            false,
        ),
        Command::Config(args) => (commands::config::run(&args), use_color(ColorChoice::Auto)),
        #[cfg(feature = "probe")]
        Command::Probe(args) => (crate::probe::run(&args), use_color(args.color)),
    };
    match result {
        Ok(code) => code,
        // A closed stdout (`otalint check | head -1`) ends the run quietly.
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprint!("{}", e.render(color, terminal_width()));
            TROUBLE
        }
    }
}

/// The configuration of a run: `--config FILE`, none with `--no-config`, else the one found
/// from the working directory up.
pub(crate) fn load_config(source: &ConfigSource) -> Result<Config, Error> {
    if source.no_config {
        return Ok(Config::none());
    }
    let file = match &source.config {
        Some(file) => Some(file.clone()),
        None => Config::find(Path::new(".")).map_err(Error::Usage)?,
    };
    match file {
        Some(file) => Config::load(&file).map_err(Error::Config),
        None => Ok(Config::none()),
    }
}

pub(crate) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// The width to wrap human output at: the terminal's own, else `COLUMNS`, else 100.
pub(crate) fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .filter(|w| *w > 0)
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .filter(|w: &usize| *w > 0)
        })
        .unwrap_or(100)
}
