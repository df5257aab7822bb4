//! `--format concise`: one line per finding, `path:line:col: level[rule] message`, as
//! compilers and ruff print them, then the summary.

use std::io::{self, Write};

use super::{FileReport, Locator, Render, ReportWriter, RunReport, plain_summary};

pub struct Concise;

impl Render for Concise {
    fn piece(&self, file: &FileReport) -> String {
        let locator = Locator::new(file);
        let mut piece = String::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            piece.push_str(&file.concise_line(d, &at));
        }
        piece
    }
}

/// The ordered half: the summary line at the end.
pub struct ConciseWriter;

impl ReportWriter for ConciseWriter {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        for e in run.failures {
            writeln!(
                out,
                "{}: error: {}",
                super::escape::path(&e.path),
                super::escape::terminal(&e.message)
            )?;
        }
        writeln!(out, "{}", plain_summary(run))
    }
}
