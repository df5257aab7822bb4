//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning takes it (`upload-sarif`). Every rule
//! is described with its docs as help; columns count Unicode code points.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, Locator, Reporter, RunReport};
use crate::diagnostic::Level;
use crate::rules::RULES;

pub struct Sarif;

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

/// A relative path as a URI reference: forward slashes, `%`, spaces and `#` escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let escaped = path
        .replace('%', "%25")
        .replace(' ', "%20")
        .replace('#', "%23");
    if path.starts_with('/') {
        format!("file://{escaped}")
    } else if path == "<stdin>" {
        "stdin".to_string()
    } else {
        escaped
    }
}

impl Reporter for Sarif {
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

    fn finish(&self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
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
        let mut log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "otalint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/otalint/otalint",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": run.failures.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "results": [],
            }],
        });
        // The results were serialized per file, in parallel; splice them in.
        let pieces: Vec<&str> = run
            .files
            .iter()
            .map(|f| f.pieces[run.slot].as_str())
            .filter(|p| !p.is_empty())
            .collect();
        let results: Vec<Value> = pieces
            .iter()
            .flat_map(|p| serde_json::from_str::<Vec<Value>>(&format!("[{p}]")).unwrap_or_default())
            .collect();
        log["runs"][0]["results"] = Value::Array(results);
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}
