//! `otalint rules`: every rule, as a table, Markdown or JSON.

use std::io::{self, Write};

use crate::app::OK;
use crate::cli::RulesFormat;
use crate::error::Error;
use crate::rules::{self, RULES};

pub fn run(format: RulesFormat) -> Result<u8, Error> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let profiles = |r: &rules::Rule| {
        r.profiles
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match format {
        RulesFormat::Human => {
            let width = |column: &dyn Fn(&rules::Rule) -> usize| {
                RULES.iter().map(|r| column(r)).max().unwrap_or(0)
            };
            let name = width(&|r| r.name.len());
            let group = width(&|r| r.group.as_str().len());
            let level = width(&|r| r.level.as_str().len());
            let listed = width(&|r| profiles(r).len());
            for r in RULES {
                writeln!(
                    out,
                    "{:name$}  {:group$}  {:level$}  {:listed$}  {}",
                    r.name,
                    r.group.as_str(),
                    r.level.as_str(),
                    profiles(r),
                    r.summary
                )?;
            }
        }
        RulesFormat::Markdown => {
            writeln!(out, "| rule | group | level | profiles | what it reports |")?;
            writeln!(out, "|---|---|---|---|---|")?;
            for r in RULES {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    r.name,
                    r.group,
                    r.level,
                    profiles(r),
                    r.summary.replace('|', "\\|")
                )?;
            }
        }
        RulesFormat::Json => {
            let rows: Vec<_> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "group": r.group,
                        "level": r.level,
                        "profiles": r.profiles,
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(OK)
}
