//! `otalint completions SHELL` and `otalint man [SUBCOMMAND]`, generated from the clap
//! definition.

use std::io::{self, Write};

use crate::app::OK;
use crate::cli::Cli;
use crate::error::Error;

/// A completion script generated from the command line's definition.
pub fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = io::BufWriter::new(io::stdout().lock());
    clap_complete::generate(shell, &mut command, "otalint", &mut out);
    out.flush()?;
    Ok(OK)
}

/// A man page generated from the command line's definition: the main one or a subcommand's.
pub fn man(subcommand: Option<&str>) -> Result<u8, Error> {
    let command = <Cli as clap::CommandFactory>::command();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                return Err(Error::Usage(format!(
                    "no subcommand `{name}`; `otalint --help` lists them"
                )));
            };
            let full = format!("otalint-{name}");
            sub.clone().name(full.clone()).display_name(full)
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    clap_mangen::Man::new(page).render(&mut out)?;
    out.flush()?;
    Ok(OK)
}
