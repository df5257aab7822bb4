//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning takes it (`upload-sarif`). Every rule
//! is described with its docs as help; columns count Unicode code points.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileEntry, FileReport, JsonItems, Locator, Render, ReportWriter, RunReport};
use crate::diagnostic::Level;
use crate::rules::RULES;

/// Renders one file's piece.
pub struct Sarif;

/// The ordered half of the format: what it keeps between files.
#[derive(Default)]
pub struct SarifWriter {
    results: JsonItems,
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

/// A relative path as a URI reference: forward slashes, `%`, spaces and `#` escaped, no
/// leading `./` (code scanning matches URIs to the repository's paths as written).
fn uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    let escaped = super::escape::uri(&path);
    if path.starts_with('/') {
        format!("file://{escaped}")
    } else if path == "<stdin>" {
        "stdin".to_string()
    } else {
        escaped
    }
}

impl Render for Sarif {
    fn piece(&self, file: &FileReport) -> String {
        let locator = Locator::new(file);
        let mut results = Vec::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            let region = if d.in_body {
                json!({"startLine": 1})
            } else {
                json!({
                    "startLine": at.start.line,
                    "startColumn": at.start.column,
                    "endLine": at.end.line,
                    "endColumn": at.end.column,
                    "charOffset": at.offset,
                    "charLength": at.length,
                })
            };
            let mut text = format!("{}{}", d.message, file.body_note(d, &at));
            if let Some(help) = &d.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let result = json!({
                "ruleId": d.rule,
                "ruleIndex": RULES.iter().position(|r| r.name == d.rule).unwrap_or(0),
                "level": level(d.level),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(file.path)},
                        "region": region,
                    }
                }],
            });
            results.push(result.to_string());
        }
        results.join(",\n")
    }
}

impl ReportWriter for SarifWriter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                let docs = r.docs();
                json!({
                    "id": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.summary},
                    "help": {"text": docs, "markdown": docs},
                    "defaultConfiguration": {
                        "level": level(r.selected_level()),
                        "enabled": r.level != Level::Off,
                    },
                    "properties": {
                        "tags": [r.group.as_str()],
                        "profiles": r.profiles.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                    },
                })
            })
            .collect();
        let tool = json!({"driver": {
            "name": "otalint",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://github.com/otalint/otalint",
            "rules": rules,
        }});
        // The log is written as it goes: the results stream in between this head and the
        // invocation that closes the run.
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n  \"tool\": {tool},\n  \"columnKind\": \"unicodeCodePoints\",\n  \"results\": ["
        )
    }

    fn file(&mut self, out: &mut dyn Write, _entry: &FileEntry, piece: String) -> io::Result<()> {
        self.results.push(out, &piece)
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        let notifications: Vec<Value> = run
            .failures
            .iter()
            .map(|e| {
                json!({
                    "level": "error",
                    "message": {"text": format!("{}: {}", e.path, e.message)},
                })
            })
            .collect();
        let invocation = json!({
            "executionSuccessful": run.failures.is_empty(),
            "toolExecutionNotifications": notifications,
        });
        writeln!(
            out,
            "{},\n  \"invocations\": [{invocation}]\n  }}]\n}}",
            self.results.close()
        )
    }
}
