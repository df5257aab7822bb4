//! `--format json`: one JSON document, schema version 1 (documented in the README).
//!
//! ```text
//! {"version": 1,
//!  "files": [{"path", "entry", "profile", "reason", "request", "notes"}],
//!  "diagnostics": [{"path", "entry", "body", "rule", "level", "message", "help", "line",
//!                   "column", "end_line", "end_column", "offset", "length", "element"}],
//!  "errors": [{"path", "message"}],
//!  "probe": {"path", "steps", "bookings", "redacted", …},   (an otalint probe recording only)
//!  "summary": {"files", "skipped", "errors", "warnings", "infos"}}
//! ```
//! Lines and columns are 1-based, columns count characters; `offset` and `length` are bytes.
//! They index the file, or with `"body": true` the decoded body (of HAR entry `entry`, or a
//! gzip or chunked HTTP body).

use std::io::{self, Write};

use serde::Serialize;

use super::{FileEntry, FileReport, JsonItems, Locator, Render, ReportWriter, RunReport, Spool};

/// Renders one file's piece.
pub struct Json;

/// The ordered half of the format: what it keeps between files.
#[derive(Default)]
pub struct JsonWriter {
    files: JsonItems,
    /// Diagnostics follow the files in the document: spooled until then.
    diagnostics: Spool,
    diagnostic_items: JsonItems,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    entry: Option<usize>,
    body: bool,
    rule: &'a str,
    level: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    element: &'a str,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    entry: Option<usize>,
    profile: &'a str,
    reason: &'a str,
    request: Option<&'a str>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    /// Files found in a walk that are not supplier messages, not checked.
    skipped: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Render for Json {
    fn piece(&self, file: &FileReport) -> String {
        if file.diagnostics.is_empty() {
            return String::new();
        }
        let locator = Locator::new(file);
        let mut piece = String::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            let row = JsonDiagnostic {
                path: file.path,
                entry: file.entry.map(|e| e.0),
                body: d.in_body,
                rule: d.rule,
                level: d.level.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                line: at.start.line,
                column: at.start.column,
                end_line: at.end.line,
                end_column: at.end.column,
                offset: at.offset,
                length: at.length,
                element: &d.element,
            };
            if !piece.is_empty() {
                piece.push_str(",\n    ");
            }
            // Serializing plain strings and numbers cannot fail.
            piece.push_str(&serde_json::to_string(&row).unwrap_or_default());
        }
        piece
    }
}

impl ReportWriter for JsonWriter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\n  \"version\": 1,\n  \"files\": [")
    }

    fn file(&mut self, out: &mut dyn Write, f: &FileEntry, piece: String) -> io::Result<()> {
        let item = serde_json::to_string(&JsonFile {
            path: &f.path,
            entry: f.entry.as_ref().map(|e| e.0),
            profile: f.profile.as_str(),
            reason: &f.reason,
            request: f.request.as_deref(),
            notes: &f.notes,
        })
        .map_err(io::Error::other)?;
        self.files.push(out, &item)?;
        self.diagnostic_items.push(&mut self.diagnostics, &piece)
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        writeln!(out, "{},", self.files.close())?;
        write!(out, "  \"diagnostics\": [")?;
        self.diagnostics.drain_into(out)?;
        writeln!(out, "{},", self.diagnostic_items.close())?;
        write!(out, "  \"errors\": [")?;
        let mut items = JsonItems::default();
        for e in run.failures {
            let item = serde_json::to_string(&JsonError {
                path: &e.path,
                message: &e.message,
            })
            .map_err(io::Error::other)?;
            items.push(out, &item)?;
        }
        writeln!(out, "{},", items.close())?;
        if let Some(b) = run.baseline {
            let stale: Vec<_> = b
                .stale
                .iter()
                .map(|(key, count)| {
                    let mut v = serde_json::to_value(key).unwrap_or_default();
                    v["count"] = (*count).into();
                    v
                })
                .collect();
            let baseline = serde_json::json!({
                "file": b.file,
                "suppressed": b.suppressed,
                "stale": stale,
            });
            writeln!(out, "  \"baseline\": {baseline},")?;
        }
        // An otalint probe recording: its run (steps, bookings, redaction), with its path; the
        // first one when several were checked.
        if let Some(recording) = run.probe_runs.first() {
            let mut probe = recording.run.clone();
            if let Some(o) = probe.as_object_mut() {
                o.insert("path".to_string(), recording.path.clone().into());
            }
            let probe = serde_json::to_string(&probe).map_err(io::Error::other)?;
            writeln!(out, "  \"probe\": {probe},")?;
        }
        let summary = serde_json::to_string(&JsonSummary {
            files: run.files,
            skipped: run.skipped,
            errors: run.total.errors,
            warnings: run.total.warnings,
            infos: run.total.infos,
        })
        .map_err(io::Error::other)?;
        writeln!(out, "  \"summary\": {summary}\n}}")
    }
}
