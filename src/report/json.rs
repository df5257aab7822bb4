//! `--format json`: one JSON document, schema version 1 (documented in the README).
//!
//! ```text
//! {"version": 1,
//!  "files": [{"path", "entry", "profile", "reason", "request", "notes"}],
//!  "diagnostics": [{"path", "entry", "body", "rule", "level", "message", "help", "line",
//!                   "column", "end_line", "end_column", "offset", "length"}],
//!  "errors": [{"path", "message"}],
//!  "summary": {"files", "errors", "warnings", "infos"}}
//! ```
//! Lines and columns are 1-based, columns count characters; `offset` and `length` are bytes.
//! They index the file, or with `"body": true` the decoded body (of HAR entry `entry`, or a
//! gzip or chunked HTTP body).

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Locator, Reporter, RunReport};

pub struct Json;

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
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Reporter for Json {
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
            };
            if !piece.is_empty() {
                piece.push_str(",\n    ");
            }
            // Serializing plain strings and numbers cannot fail.
            piece.push_str(&serde_json::to_string(&row).unwrap_or_default());
        }
        piece
    }

    fn finish(&self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        // Written item by item: the document is never held in memory (a run over 100,000
        // files makes a 20 MB report).
        fn list<'a>(
            out: &mut dyn Write,
            name: &str,
            items: impl Iterator<Item = io::Result<String>> + 'a,
            last: bool,
        ) -> io::Result<()> {
            write!(out, "  \"{name}\": [")?;
            let mut first = true;
            for item in items {
                let item = item?;
                if item.is_empty() {
                    continue;
                }
                out.write_all(if first { b"\n    " } else { b",\n    " })?;
                out.write_all(item.as_bytes())?;
                first = false;
            }
            let close = if first { "]" } else { "\n  ]" };
            writeln!(out, "{close}{}", if last { "" } else { "," })
        }
        let to_string = |v: serde_json::Result<String>| v.map_err(io::Error::other);
        writeln!(out, "{{\n  \"version\": 1,")?;
        list(
            out,
            "files",
            run.files.iter().map(|f| {
                to_string(serde_json::to_string(&JsonFile {
                    path: &f.path,
                    entry: f.entry.as_ref().map(|e| e.0),
                    profile: f.profile.as_str(),
                    reason: &f.reason,
                    request: f.request.as_deref(),
                    notes: &f.notes,
                }))
            }),
            false,
        )?;
        list(
            out,
            "diagnostics",
            run.files.iter().map(|f| Ok(f.pieces[run.slot].clone())),
            false,
        )?;
        list(
            out,
            "errors",
            run.failures.iter().map(|e| {
                to_string(serde_json::to_string(&JsonError {
                    path: &e.path,
                    message: &e.message,
                }))
            }),
            false,
        )?;
        let summary = to_string(serde_json::to_string(&JsonSummary {
            files: run.files.len(),
            errors: run.total.errors,
            warnings: run.total.warnings,
            infos: run.total.infos,
        }))?;
        writeln!(out, "  \"summary\": {summary}\n}}")
    }
}
