//! `--format junit`: JUnit XML, as CI servers (GitLab, Jenkins, Azure) show test results: one
//! test case per file (per HAR entry), one failure per finding; a path otalint could not
//! check is a test case with an error.

use std::io::{self, Write};

use super::escape::xml as escape;
use crate::diagnostic::Level;

use super::{FileEntry, FileReport, Locator, Render, ReportWriter, RunReport, Spool};

/// Renders one file's piece: findings at or above `fail_on` are failures.
pub struct Junit {
    pub fail_on: Level,
}

/// The ordered half of the format: what it keeps between files.
pub struct JunitWriter {
    /// The level at which a finding fails its test.
    pub fail_on: Level,
    cases: Spool,
}

impl JunitWriter {
    pub fn new(fail_on: Level) -> Self {
        JunitWriter {
            fail_on,
            cases: Spool::default(),
        }
    }
}

impl Render for Junit {
    fn piece(&self, file: &FileReport) -> String {
        let locator = Locator::new(file);
        let name = match file.entry {
            Some((_, label)) => format!("{} {label}", file.path),
            None => file.path.to_string(),
        };
        let mut piece = format!(
            "    <testcase name=\"{}\" classname=\"otalint.{}\">\n",
            escape(&name),
            file.profile
        );
        let mut below = String::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            let line = file.concise_line(d, &at);
            // A finding below --fail-on does not fail the test; it is shown beside it.
            if d.level < self.fail_on {
                below.push_str(&line);
                continue;
            }
            let details = format!(
                "{}{}",
                line.trim_end(),
                d.help
                    .as_deref()
                    .map(|h| format!("\nhelp: {h}"))
                    .unwrap_or_default()
            );
            piece.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                d.rule,
                escape(&format!("{}: {}", d.level, d.message)),
                escape(&details)
            ));
        }
        if !below.is_empty() {
            piece.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape(&below)
            ));
        }
        piece.push_str("    </testcase>\n");
        piece
    }
}

impl ReportWriter for JunitWriter {
    fn file(&mut self, _out: &mut dyn Write, _entry: &FileEntry, piece: String) -> io::Result<()> {
        // The header counts every test case, so the cases wait for the end.
        self.cases.write_all(piece.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        let t = run.total;
        let findings = match self.fail_on {
            Level::Error => t.errors,
            Level::Warning => t.errors + t.warnings,
            Level::Info => t.errors + t.warnings + t.infos,
            Level::Off => 0,
        };
        let tests = run.files + run.failures.len();
        let counts = format!(
            "tests=\"{tests}\" failures=\"{findings}\" errors=\"{}\"",
            run.failures.len()
        );
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"otalint\" {counts}>")?;
        writeln!(out, "  <testsuite name=\"otalint\" {counts}>")?;
        self.cases.drain_into(out)?;
        for e in run.failures {
            writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"otalint\">\n      <error message=\"{}\"/>\n    </testcase>",
                escape(&e.path),
                escape(&e.message)
            )?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}
