//! `--format markdown`: the report for people — a certification report for an otalint probe
//! recording, a findings report for anything else ([`super::certify`]) — in Markdown that
//! renders on GitHub (PR comments, `$GITHUB_STEP_SUMMARY`) and stays under its summary limit.

use std::io::{self, Write};

use super::certify;
use super::doc::{FindingsPart, markdown};
use super::{FileEntry, FileReport, Locator, Render, ReportWriter, RunReport};
use crate::diagnostic::Level;

/// Renders a unit's findings as table rows.
pub struct Markdown;

impl Render for Markdown {
    fn piece(&self, file: &FileReport) -> String {
        if file.diagnostics.is_empty() {
            return String::new();
        }
        let locator = Locator::new(file);
        let mut s = String::from(
            "| where | level | rule | message | how to fix |\n|---|---|---|---|---|\n",
        );
        for d in file.diagnostics {
            let at = locator.locate(d);
            let place = match (d.in_body, file.entry) {
                (true, Some((i, _))) => {
                    format!("body of entry {i}, {}:{}", at.start.line, at.start.column)
                }
                (true, None) => format!("decoded body, {}:{}", at.start.line, at.start.column),
                (false, _) => format!("{}:{}", at.start.line, at.start.column),
            };
            let level = match d.level {
                Level::Error => "❌ error",
                Level::Warning => "⚠️ warning",
                _ => "ℹ️ info",
            };
            s.push_str(&format!(
                "| {} | {level} | `{}` | {} | {} |\n",
                markdown::escape(&place),
                d.rule,
                markdown::escape(&d.message),
                markdown::escape(d.help.as_deref().unwrap_or(""))
            ));
        }
        s
    }
}

/// Keeps every unit and its rows for the end, when the verdict is known.
pub struct MarkdownWriter {
    fail_on: Level,
    units: Vec<(FileEntry, String)>,
}

impl MarkdownWriter {
    pub fn new(fail_on: Level) -> Self {
        MarkdownWriter {
            fail_on,
            units: Vec::new(),
        }
    }
}

impl ReportWriter for MarkdownWriter {
    fn file(&mut self, _out: &mut dyn Write, entry: &FileEntry, piece: String) -> io::Result<()> {
        self.units.push((entry.clone(), piece));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        let entries: Vec<&FileEntry> = self.units.iter().map(|(e, _)| e).collect();
        let (_, blocks) = certify::document(run, &entries, self.fail_on);
        let parts: Vec<FindingsPart> = self
            .units
            .iter()
            .filter(|(_, piece)| !piece.is_empty())
            .map(|(e, piece)| FindingsPart {
                title: certify::unit_title(e),
                body: piece.clone(),
                count: e.findings.len(),
            })
            .collect();
        out.write_all(markdown::render(&blocks, &parts).as_bytes())
    }
}
