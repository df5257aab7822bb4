//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`),
//! which GitHub shows as annotations on the pull request. Chosen by default when
//! `GITHUB_ACTIONS=true` and no `--format` is given.
//!
//! GitHub shows only the first 10 error and 10 warning annotations of a step, so every
//! finding is also printed as a plain line for the log, and the summary says how many
//! annotations GitHub will not show.

use std::io::{self, Write};

use super::{FileReport, Locator, Render, ReportWriter, RunReport, plain_summary};
use crate::diagnostic::Level;

pub struct Github;

/// The annotations GitHub shows per level and step.
const SHOWN: usize = 10;

/// A command's message: GitHub's escapes for `%` and line breaks, after every other control
/// character is shown as an escape (the log would obey a terminal sequence).
fn data(s: &str) -> String {
    super::escape::terminal(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property (`file=`, `title=`): as [`data`], and `:` and `,` escaped.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Render for Github {
    fn piece(&self, file: &FileReport) -> String {
        let locator = Locator::new(file);
        let mut piece = String::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            let command = match d.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Info | Level::Off => "notice",
            };
            let position = if d.in_body {
                String::new()
            } else {
                format!(
                    ",line={},endLine={},col={},endColumn={}",
                    at.start.line, at.end.line, at.start.column, at.end.column
                )
            };
            let message = format!("{}{}", d.message, file.body_note(d, &at));
            piece.push_str(&format!(
                "::{command} file={}{position},title={}::{}\n",
                property(file.path),
                property(d.rule),
                data(&message)
            ));
            piece.push_str(&file.concise_line(d, &at));
        }
        piece
    }
}

/// The ordered half: the summary line at the end.
pub struct GithubWriter;

impl ReportWriter for GithubWriter {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        for e in run.failures {
            writeln!(
                out,
                "::error file={}::{}",
                property(&e.path),
                data(&e.message)
            )?;
        }
        writeln!(out, "{}", plain_summary(run))?;
        let t = run.total;
        let hidden_errors = t.errors.saturating_sub(SHOWN);
        let hidden_warnings = t.warnings.saturating_sub(SHOWN);
        if hidden_errors + hidden_warnings > 0 {
            writeln!(
                out,
                "GitHub shows the first {SHOWN} error and {SHOWN} warning annotations of a step: \
                 {} more and {} more are only in this log",
                super::plural(hidden_errors, "error"),
                super::plural(hidden_warnings, "warning")
            )?;
        }
        Ok(())
    }
}
