//! Reporters: how findings are written. Each format renders a file's findings into a piece
//! (in a worker, while the file's text is at hand), then writes all pieces in order.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Level};
use crate::profile::Profile;

pub mod human;
pub mod json;

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
}

impl FileReport<'_> {
    /// The text a diagnostic's spans index, and the name to show for it.
    pub fn source_of(&self, d: &Diagnostic) -> (&str, String) {
        if d.in_body {
            let what = match self.entry {
                Some((i, _)) => format!("{} (body of entry {i})", self.path),
                None => format!("{} (decoded body)", self.path),
            };
            (self.body, what)
        } else {
            (self.text, self.path.to_string())
        }
    }
}

/// What is kept of a file after it is rendered: no text, no document.
pub struct FileEntry {
    pub path: String,
    pub entry: Option<(usize, String)>,
    pub profile: Profile,
    pub reason: String,
    pub request: Option<String>,
    pub notes: Vec<String>,
    pub counts: Counts,
    pub piece: String,
}

/// A path the tool could not check (unreadable, vanished, …).
pub struct ToolError {
    pub path: String,
    pub message: String,
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

/// A whole run, ready to be written.
pub struct RunReport<'a> {
    pub files: &'a [FileEntry],
    pub failures: &'a [ToolError],
    pub total: Counts,
}

pub trait Reporter: Sync {
    /// Renders one file's findings; called in parallel, once per file.
    fn piece(&self, file: &FileReport) -> String;
    /// Writes the run: the pieces in order, tool errors and the summary.
    fn finish(&self, out: &mut dyn Write, run: &RunReport) -> io::Result<()>;
}
