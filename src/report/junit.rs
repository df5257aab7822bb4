//! `--format junit`: JUnit XML, as CI servers (GitLab, Jenkins, Azure) show test results: one
//! test case per file (per HAR entry), one failure per finding; a path otalint could not
//! check is a test case with an error.

use std::io::{self, Write};

use super::{FileEntry, FileReport, Locator, Render, ReportWriter, RunReport, Spool};

/// Renders one file's piece.
pub struct Junit;

/// The ordered half of the format: what it keeps between files.
#[derive(Default)]
pub struct JunitWriter {
    cases: Spool,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('?'),
            c => out.push(c),
        }
    }
    out
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
        for d in file.diagnostics {
            let at = locator.locate(d);
            let details = format!(
                "{}:{}:{}: {}[{}] {}{}{}",
                file.path,
                at.start.line,
                at.start.column,
                d.level,
                d.rule,
                d.message,
                file.body_note(d, &at),
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
        let findings = run.total.errors + run.total.warnings + run.total.infos;
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
