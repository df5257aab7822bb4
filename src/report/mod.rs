//! Reporters: how findings are written. Each format renders a file's findings into a piece
//! (in a worker, while the file's text is at hand), then writes all pieces in order.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Level};
pub use crate::error::ToolError;
use crate::profile::Profile;

pub mod about;
mod certify;
mod certify_notes;
mod certify_tables;
pub mod concise;
pub mod doc;
pub mod escape;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod outputs;
pub mod recording;
pub mod sarif;
mod snippet;
pub use snippet::TextMemo;

/// One checked file, as reporters see it.
pub struct FileReport<'a> {
    pub path: &'a str,
    /// For a HAR entry: its index and label.
    pub entry: Option<(usize, &'a str)>,
    pub profile: Profile,
    pub reason: &'a str,
    /// The request paired with this response, if any.
    pub request: Option<&'a str>,
    pub notes: &'a [String],
    /// The file as text; spans of diagnostics without `in_body` index it.
    pub text: &'a str,
    /// The decoded body; spans of diagnostics with `in_body` index it.
    pub body: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// How many findings `--baseline` knew and dropped from `diagnostics`.
    pub known: usize,
    /// What the human snippets make of `text`, shared by the units of one file.
    pub memo: Option<&'a TextMemo>,
}

/// Where a finding is, in the terms every machine format uses.
pub struct Located {
    pub start: crate::diagnostic::Position,
    pub end: crate::diagnostic::Position,
    pub offset: usize,
    pub length: usize,
}

/// Positions in a file and its body, counted from one finding to the next (findings come
/// sorted by place).
pub struct Locator<'a> {
    file: &'a FileReport<'a>,
    text: crate::diagnostic::LineCursor<'a>,
    body: crate::diagnostic::LineCursor<'a>,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a FileReport<'a>) -> Self {
        Locator {
            file,
            text: crate::diagnostic::LineCursor::new(file.text),
            body: crate::diagnostic::LineCursor::new(file.body),
        }
    }

    pub fn locate(&self, d: &Diagnostic) -> Located {
        let (text, index) = if d.in_body {
            (self.file.body, &self.body)
        } else {
            (self.file.text, &self.text)
        };
        let span = crate::diagnostic::clamp_span(text, &d.span);
        Located {
            start: index.position(span.start),
            end: index.position(span.end),
            offset: span.start,
            length: span.len(),
        }
    }
}

impl<'a> FileReport<'a> {
    /// The report of one checked unit of a file.
    pub fn of(
        path: &'a str,
        file: &'a crate::lint::FileOutcome,
        unit: &'a crate::lint::UnitOutcome,
        request: Option<&'a str>,
    ) -> Self {
        let checked = &unit.checked;
        FileReport {
            path,
            entry: unit.entry.as_ref().map(|(i, l)| (*i, l.as_str())),
            profile: checked.detection.profile,
            reason: &checked.detection.reason,
            request,
            notes: &checked.notes,
            text: &file.text,
            body: &checked.text,
            diagnostics: &checked.diagnostics,
            known: 0,
            memo: None,
        }
    }

    /// `path:line:col: level[rule] message`; a finding in a decoded body says so after the
    /// position (`path:5:81: (body of entry 3) error[…] …`), so the line stays
    /// machine-parseable.
    /// The path and message are escaped for a terminal ([`escape::path`]): a newline or an
    /// escape sequence in them can start no line and move no cursor.
    pub fn concise_line(&self, d: &Diagnostic, at: &Located) -> String {
        format!(
            "{}:{}:{}: {}{}[{}] {}\n",
            escape::path(self.path),
            at.start.line,
            at.start.column,
            self.body_marker(d),
            d.level,
            d.rule,
            escape::terminal(&d.message)
        )
    }

    /// `(body of entry 3) ` or `(decoded body) ` for a finding in a decoded body, else empty.
    pub fn body_marker(&self, d: &Diagnostic) -> String {
        match (d.in_body, self.entry) {
            (true, Some((i, _))) => format!("(body of entry {}) ", i + 1),
            (true, None) => "(decoded body) ".to_string(),
            (false, _) => String::new(),
        }
    }

    /// Where a body finding stands, for formats that can only point into files: `(body of
    /// entry 3, line 5, column 81)`.
    pub fn body_note(&self, d: &Diagnostic, at: &Located) -> String {
        if !d.in_body {
            return String::new();
        }
        let whose = match self.entry {
            Some((i, _)) => format!("body of entry {}", i + 1),
            None => "decoded body".to_string(),
        };
        format!(
            " ({whose}, line {}, column {})",
            at.start.line, at.start.column
        )
    }

    /// The text a diagnostic's spans index, and the name to show for it.
    pub fn source_of(&self, d: &Diagnostic) -> (&str, String) {
        if d.in_body {
            let what = match self.entry {
                Some((i, _)) => format!("{} (body of entry {})", self.path, i + 1),
                None => format!("{} (decoded body)", self.path),
            };
            (self.body, what)
        } else {
            (self.text, self.path.to_string())
        }
    }
}

/// What a reporter is told of a file after it is rendered: no text, no document.
#[derive(Clone)]
pub struct FileEntry {
    pub path: String,
    pub entry: Option<(usize, String)>,
    pub profile: Profile,
    pub reason: String,
    pub request: Option<String>,
    pub notes: Vec<String>,
    pub counts: Counts,
    /// The rule and level of every finding, for `--statistics`.
    pub findings: Vec<(&'static str, crate::diagnostic::Level)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.level {
                Level::Error => c.errors += 1,
                Level::Warning => c.warnings += 1,
                Level::Info => c.infos += 1,
                Level::Off => {}
            }
        }
        c
    }

    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// Whether anything at or above `level` was found.
    pub fn reaches(&self, level: Level) -> bool {
        match level {
            Level::Off => false,
            Level::Error => self.errors > 0,
            Level::Warning => self.errors + self.warnings > 0,
            Level::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// A whole run, once every file has been reported.
pub struct RunReport<'a> {
    /// How many files (HAR entries) were checked.
    pub files: usize,
    /// Files a walk found that are not supplier messages (or are otalint's own reports).
    pub skipped: usize,
    /// Requests a walk found: paired with their responses, or skipped.
    pub requests: usize,
    pub failures: &'a [ToolError],
    pub total: Counts,
    /// What `--baseline` suppressed and which of its entries matched nothing.
    pub baseline: Option<&'a BaselineSummary>,
    /// The otalint probe recordings checked.
    pub probe_runs: &'a [recording::Recording],
}

/// The outcome of `--baseline` for a run.
pub struct BaselineSummary {
    pub file: String,
    /// Findings the baseline knew, not reported.
    pub suppressed: usize,
    /// Entries that matched nothing (or fewer findings than their count): fixed since, to prune.
    pub stale: Vec<(crate::baseline::Key, usize)>,
}

/// `1 error`, `2 errors`, `0 infos`: a count with its noun in the right number.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `N files: E errors, W warnings, I infos`, and the paths that could not be checked.
pub fn plain_summary(run: &RunReport) -> String {
    let t = run.total;
    let mut line = format!(
        "{}: {}, {}, {}",
        plural(run.files, "file"),
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.infos, "info")
    );
    if !run.failures.is_empty() {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(run.failures.len(), "path")
        ));
    }
    line.push_str(&skipped_note(run.skipped));
    line.push_str(&requests_note(run.requests));
    line
}

/// The probe recordings made with `--no-redact`.
pub fn unredacted<'r>(run: &'r RunReport) -> impl Iterator<Item = &'r str> + 'r {
    run.probe_runs
        .iter()
        .filter(|r| r.run.get("redacted").and_then(serde_json::Value::as_bool) == Some(false))
        .map(|r| r.path.as_str())
}

/// The reservations of the probe recordings that were not cancelled: `(recording, id,
/// service)`.
pub fn possibly_active<'r>(
    run: &'r RunReport,
) -> impl Iterator<Item = (&'r str, &'r str, &'r str)> + 'r {
    run.probe_runs.iter().flat_map(|r| {
        let bookings = r.run.get("bookings").and_then(serde_json::Value::as_array);
        bookings.into_iter().flatten().filter_map(|b| {
            let text = |k: &str| b.get(k).and_then(serde_json::Value::as_str);
            (b.get("cancelled").and_then(serde_json::Value::as_bool) != Some(true))
                .then(|| Some((r.path.as_str(), text("reservation_id")?, text("service")?)))
                .flatten()
        })
    })
}

/// `; 3 files skipped: not supplier messages (-v names them)`, or nothing.
pub fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => "; 1 file skipped: not a supplier message (-v names it)".to_string(),
        n => format!("; {n} files skipped: not supplier messages (-v names them)"),
    }
}

/// `; 3 requests (paired or skipped)`, or nothing.
pub fn requests_note(requests: usize) -> String {
    match requests {
        0 => String::new(),
        1 => "; 1 request (paired or skipped)".to_string(),
        n => format!("; {n} requests (paired or skipped)"),
    }
}

/// The parallel half of a format: renders one file's findings into a piece, on the workers,
/// while the file's text is at hand. See [`ReportWriter`] for the ordered half.
pub trait Render: Sync + Send {
    fn piece(&self, file: &FileReport) -> String;
}

/// The ordered half of a format: pieces are handed over in file order as soon as they are
/// rendered, so a run keeps nothing per file unless the format needs it (JUnit's header counts
/// every test).
pub trait ReportWriter: Send {
    /// Called once, before any file.
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Called for every file, in order, with its piece.
    fn file(&mut self, out: &mut dyn Write, _entry: &FileEntry, piece: String) -> io::Result<()> {
        out.write_all(piece.as_bytes())
    }
    /// Writes what closes the report: tool errors and the summary.
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()>;
}

/// Writes `items` of a JSON array one by one, with the commas between them.
#[derive(Default)]
pub struct JsonItems {
    written: bool,
}

impl JsonItems {
    pub fn push(&mut self, out: &mut dyn Write, item: &str) -> io::Result<()> {
        if item.is_empty() {
            return Ok(());
        }
        out.write_all(if self.written { b",\n    " } else { b"\n    " })?;
        out.write_all(item.as_bytes())?;
        self.written = true;
        Ok(())
    }

    /// Closes the array: `]` right after `[` when nothing was written.
    pub fn close(&self) -> &'static str {
        if self.written { "\n  ]" } else { "]" }
    }
}

/// Report text that must wait for the end of the run (JSON diagnostics follow the list of
/// files, JUnit cases follow the counts): kept in memory up to [`Spool::IN_MEMORY`] bytes,
/// then in an unnamed temporary file, so memory does not grow with the number of findings.
#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<io::BufWriter<std::fs::File>>,
}

impl Spool {
    pub const IN_MEMORY: usize = 64 << 10;

    /// Writes everything spooled to `out`, in order, and empties the spool.
    pub fn drain_into(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            use std::io::Seek;
            let mut file = file.into_inner().map_err(|e| e.into_error())?;
            file.seek(io::SeekFrom::Start(0))?;
            io::copy(&mut file, out)?;
        }
        out.write_all(&self.memory)?;
        self.memory = Vec::new();
        Ok(())
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(file) = &mut self.file {
            return file.write(buf);
        }
        self.memory.extend_from_slice(buf);
        if self.memory.len() > Self::IN_MEMORY {
            // No temporary file (a read-only /tmp): keep it in memory rather than fail.
            if let Ok(file) = tempfile::tempfile() {
                let mut file = io::BufWriter::new(file);
                file.write_all(&self.memory)?;
                self.memory = Vec::new();
                self.file = Some(file);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod spool_tests {
    use super::*;

    #[test]
    fn a_spool_gives_back_what_it_kept_in_order_past_its_memory() {
        let mut spool = Spool::default();
        let piece = "x".repeat(1000) + "\n";
        let mut expected = Vec::new();
        for i in 0..3000 {
            let line = format!("{i}:{piece}");
            spool.write_all(line.as_bytes()).expect("write");
            expected.extend_from_slice(line.as_bytes());
        }
        assert!(spool.file.is_some(), "spilled to a file");
        let mut out = Vec::new();
        spool.drain_into(&mut out).expect("drain");
        assert_eq!(out, expected);
    }
}
