//! The reports a run writes: each `--format` with the `--output` after it, each built once as
//! a renderer (for the workers) and a writer (for the ordered output).

use std::io::{self, Write};
use std::path::PathBuf;

use super::concise::{Concise, ConciseWriter};
use super::github::{Github, GithubWriter};
use super::gitlab::{Gitlab, GitlabWriter};
use super::human::Human;
use super::json::{Json, JsonWriter};
use super::junit::{Junit, JunitWriter};
use super::sarif::{Sarif, SarifWriter};
use super::{Render, ReportWriter};
use crate::cli::{CheckArgs, Format};
use crate::diagnostic::Level;

/// How the human format looks.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub color: bool,
    pub width: usize,
}

/// One report of the run: a format, written to stdout or a file.
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
    pub render: Box<dyn Render>,
    pub writer: Box<dyn ReportWriter>,
}

/// The reports the command line asks for: each `--format` with the `--output` after it, the
/// GitHub format under GitHub Actions when none is given, at most one on stdout.
pub fn outputs(args: &CheckArgs, look: Look) -> Result<Vec<Output>, String> {
    let mut formats = args.format.clone();
    if formats.is_empty() {
        let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
        formats.push(if github {
            Format::Github
        } else {
            Format::Human
        });
    }
    // Each --output belongs to the --format before it; a format without one goes to stdout.
    let mut paths: Vec<Option<PathBuf>> = vec![None; formats.len()];
    for (k, output) in args.output.iter().enumerate() {
        let owner = match args.output_format.get(k) {
            Some(Some(i)) => *i,
            Some(None) => {
                return Err(format!(
                    "--output {} comes before any --format; write `--format FORMAT --output FILE`",
                    output.display()
                ));
            }
            // Parsed without positions (a library caller): pair in order.
            None => k,
        };
        match paths.get_mut(owner) {
            Some(slot @ None) => *slot = Some(output.clone()),
            Some(Some(_)) => {
                return Err(
                    "two --output files follow one --format; give each its own --format"
                        .to_string(),
                );
            }
            None => return Err("each --output names the file of the --format before it".into()),
        }
    }
    let on_stdout = paths.iter().filter(|p| p.is_none()).count();
    if on_stdout > 1 {
        return Err(format!(
            "{on_stdout} formats would go to stdout; give an --output to all but one"
        ));
    }
    Ok(formats
        .iter()
        .zip(paths)
        .map(|(&format, path)| {
            let look = Look {
                color: look.color && path.is_none(),
                ..look
            };
            let (render, writer) = report(format, args, look);
            Output {
                format,
                path,
                render,
                writer,
            }
        })
        .collect())
}

/// A format's two halves.
fn report(
    format: Format,
    args: &CheckArgs,
    look: Look,
) -> (Box<dyn Render>, Box<dyn ReportWriter>) {
    match format {
        Format::Human => {
            let human = Human::new(look.color, args.verbose, look.width).quiet(args.quiet);
            let writer = Box::new(human.writer());
            (Box::new(human), writer)
        }
        Format::Concise => (Box::new(Concise), Box::new(ConciseWriter)),
        Format::Json => (Box::new(Json), Box::<JsonWriter>::default()),
        Format::Sarif => (Box::new(Sarif), Box::<SarifWriter>::default()),
        Format::Github => (Box::new(Github), Box::new(GithubWriter)),
        Format::Junit => (Box::new(Junit), Box::<JunitWriter>::default()),
        Format::Gitlab => (Box::new(Gitlab), Box::<GitlabWriter>::default()),
    }
}

/// `--statistics`: how many findings each rule reported, most first.
pub fn statistics(
    out: &mut dyn Write,
    per_rule: &std::collections::BTreeMap<(&str, Level), usize>,
) -> io::Result<()> {
    let mut rows: Vec<_> = per_rule.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for ((rule, level), n) in rows {
        writeln!(out, "{n:6}  {rule:28} {level}")?;
    }
    Ok(())
}
