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
    /// The row being written, kept for the next file.
    row: String,
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

/// Appends `s` as a JSON string, escaped byte for byte as serde_json escapes it: `"`, `\\`,
/// the short escapes `\b \t \n \f \r`, other control characters as `\u00xx`.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    // Nearly every string needs no escape: one pass that the compiler vectorizes (no early
    // exit) says so, and the string is copied whole.
    let special = s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !special {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\x08' => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            b'\x0C' => "\\f",
            b'\r' => "\\r",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// `,"name":`, before every member but the first.
#[inline]
fn key(out: &mut String, name: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
}

fn push_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.push_str("null"),
    }
}

fn push_number(out: &mut String, n: Option<usize>) {
    use std::fmt::Write as _;
    match n {
        // Writing to a String cannot fail.
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.push_str("null"),
    }
}

/// A finding's row, as serde_json writes `{path, entry, body, rule, level, message, help, line,
/// column, end_line, end_column, offset, length, element}`.
fn diagnostic_row(
    piece: &mut String,
    path: &str,
    entry: Option<usize>,
    d: &crate::diagnostic::Diagnostic,
    at: &super::Located,
) {
    piece.push_str("{\"path\":");
    push_str(piece, path);
    key(piece, "entry");
    push_number(piece, entry);
    key(piece, "body");
    piece.push_str(if d.in_body { "true" } else { "false" });
    for (name, value) in [
        ("rule", d.rule),
        ("level", d.level.as_str()),
        ("message", &d.message),
    ] {
        key(piece, name);
        push_str(piece, value);
    }
    key(piece, "help");
    push_opt_str(piece, d.help.as_deref());
    for (name, n) in [
        ("line", at.start.line),
        ("column", at.start.column),
        ("end_line", at.end.line),
        ("end_column", at.end.column),
        ("offset", at.offset),
        ("length", at.length),
    ] {
        key(piece, name);
        push_number(piece, Some(n));
    }
    key(piece, "element");
    push_str(piece, &d.element);
    piece.push('}');
}

/// A file's row, as serde_json writes `{path, entry, profile, reason, request, notes}`.
fn file_row(item: &mut String, f: &FileEntry) {
    item.clear();
    item.push_str("{\"path\":");
    push_str(item, &f.path);
    key(item, "entry");
    push_number(item, f.entry.as_ref().map(|e| e.0));
    key(item, "profile");
    push_str(item, f.profile.as_str());
    key(item, "reason");
    push_str(item, &f.reason);
    key(item, "request");
    push_opt_str(item, f.request.as_deref());
    key(item, "notes");
    item.push('[');
    for (i, note) in f.notes.iter().enumerate() {
        if i > 0 {
            item.push(',');
        }
        push_str(item, note);
    }
    item.push_str("]}");
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
            if !piece.is_empty() {
                piece.push_str(",\n    ");
            }
            diagnostic_row(&mut piece, file.path, file.entry.map(|e| e.0), d, &at);
        }
        piece
    }
}

impl ReportWriter for JsonWriter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\n  \"version\": 1,\n  \"files\": [")
    }

    fn file(&mut self, out: &mut dyn Write, f: &FileEntry, piece: String) -> io::Result<()> {
        file_row(&mut self.row, f);
        self.files.push(out, &self.row)?;
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    pub(super) struct JsonDiagnostic<'a> {
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
    pub(super) struct JsonFile<'a> {
        path: &'a str,
        entry: Option<usize>,
        profile: &'a str,
        reason: &'a str,
        request: Option<&'a str>,
        notes: &'a [String],
    }

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in any::<String>()) {
            let mut ours = String::new();
            push_str(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_string(&s).expect("a string"));
        }
    }

    #[test]
    fn every_control_character_and_quote_is_escaped_as_serde_json_does() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain(['é', '€', '\u{2028}'])
            .collect();
        let mut ours = String::new();
        push_str(&mut ours, &all);
        assert_eq!(ours, serde_json::to_string(&all).expect("a string"));
    }

    #[test]
    fn diagnostic_rows_are_what_serde_json_writes() {
        use crate::diagnostic::{Diagnostic, Level, Position};
        let d = Diagnostic {
            rule: "missing-type",
            level: Level::Warning,
            message: "`Error` has no \"Type\"".into(),
            help: None,
            span: 0..1,
            label: None,
            related: vec![],
            in_body: true,
            element: "/Envelope/Body".into(),
        };
        let at = crate::report::Located {
            start: Position { line: 1, column: 2 },
            end: Position {
                line: 3,
                column: 40,
            },
            offset: 7,
            length: 12,
        };
        let oracle = serde_json::to_string(&JsonDiagnostic {
            path: "a.har",
            entry: Some(2),
            body: true,
            rule: d.rule,
            level: d.level.as_str(),
            message: &d.message,
            help: None,
            line: 1,
            column: 2,
            end_line: 3,
            end_column: 40,
            offset: 7,
            length: 12,
            element: &d.element,
        })
        .expect("row");
        let mut ours = String::new();
        diagnostic_row(&mut ours, "a.har", Some(2), &d, &at);
        assert_eq!(ours, oracle);
    }

    #[test]
    fn file_rows_are_what_serde_json_writes() {
        for (entry, request, notes) in [
            (
                Some((3, "x".to_string())),
                None,
                vec!["a \"note\"".to_string(), "two\nlines".into()],
            ),
            (None, Some("d/a.rq.xml".to_string()), vec![]),
        ] {
            let f = FileEntry {
                path: "d/a\\b.xml".into(),
                entry,
                profile: crate::profile::Profile::Hs4,
                reason: "root `x`\t".into(),
                request,
                notes,
                counts: Default::default(),
                findings: vec![],
            };
            let oracle = serde_json::to_string(&JsonFile {
                path: &f.path,
                entry: f.entry.as_ref().map(|e| e.0),
                profile: f.profile.as_str(),
                reason: &f.reason,
                request: f.request.as_deref(),
                notes: &f.notes,
            })
            .expect("row");
            let mut ours = "left over".to_string();
            file_row(&mut ours, &f);
            assert_eq!(ours, oracle);
        }
    }
}
