//! `--format gitlab`: GitLab Code Quality JSON (`artifacts: reports: codequality`). Each
//! finding has a fingerprint that stays the same from run to run: a hash of its rule, path,
//! HAR entry, place in the document (element path) and message, never its line, with a counter for
//! repeats of the same finding in one file.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::json;

use super::{FileEntry, FileReport, JsonItems, Locator, Render, ReportWriter, RunReport};
use crate::diagnostic::Level;

/// Renders one file's piece.
pub struct Gitlab;

/// The ordered half of the format: what it keeps between files.
#[derive(Default)]
pub struct GitlabWriter {
    items: JsonItems,
}

/// FNV-1a, 64 bits: small, stable across versions and platforms.
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xFF]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

impl Render for Gitlab {
    fn piece(&self, file: &FileReport) -> String {
        let locator = Locator::new(file);
        let entry = file.entry.map(|(i, _)| i.to_string()).unwrap_or_default();
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        let mut issues = Vec::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            let n = seen.entry((d.rule, d.message.as_str())).or_insert(0);
            *n += 1;
            let severity = match d.level {
                Level::Error => "major",
                Level::Warning => "minor",
                Level::Info | Level::Off => "info",
            };
            let line = if d.in_body { 1 } else { at.start.line };
            issues.push(
                json!({
                    "description": format!("{}{}", d.message, file.body_note(d, &at)),
                    "check_name": d.rule,
                    "fingerprint": fnv(&[d.rule, file.path, &entry, &d.element, &d.message, &n.to_string()]),
                    "severity": severity,
                    "location": {"path": file.path, "lines": {"begin": line}},
                })
                .to_string(),
            );
        }
        issues.join(",\n")
    }
}

impl ReportWriter for GitlabWriter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn file(&mut self, out: &mut dyn Write, _entry: &FileEntry, piece: String) -> io::Result<()> {
        self.items.push(out, &piece)
    }

    fn finish(&mut self, out: &mut dyn Write, _run: &RunReport) -> io::Result<()> {
        writeln!(out, "{}", self.items.close().trim_start_matches("\n  "))
    }
}
