//! Shared by the test files: a file's outcome as sorted lines that tests compare.

// Each test crate includes this module and uses a part of it.
#![allow(dead_code)]

use otalint::diagnostic::LineIndex;
use otalint::lint::FileOutcome;

/// One line per finding (`rule line:col-line:col`, `rule body line:col-line:col`, with
/// `entry=N ` before the position for a HAR entry), per unit that could not be checked (`error: …`), and, when
/// `notes` is set, per note (`note: …`). Sorted.
pub fn outcome(file: &FileOutcome, notes: bool) -> Vec<String> {
    let index = LineIndex::new(&file.text);
    let mut found = Vec::new();
    for unit in &file.units {
        let unit = match unit {
            Ok(unit) => unit,
            Err(message) => {
                found.push(format!("error: {message}"));
                continue;
            }
        };
        let checked = &unit.checked;
        found.extend(unit.errors.iter().map(|e| format!("error: {e}")));
        if notes {
            found.extend(checked.notes.iter().map(|n| format!("note: {n}")));
        }
        let body_index = LineIndex::new(&checked.text);
        let entry = unit.entry.as_ref().map(|(i, _)| format!("entry={i} "));
        for d in &checked.diagnostics {
            let (index, body) = if d.in_body {
                (&body_index, "body ")
            } else {
                (&index, "")
            };
            let (start, end) = (index.position(d.span.start), index.position(d.span.end));
            found.push(format!(
                "{} {}{body}{}:{}-{}:{}",
                d.rule,
                entry.as_deref().unwrap_or(""),
                start.line,
                start.column,
                end.line,
                end.column
            ));
        }
    }
    found.sort();
    found
}

/// An outcome line without the end of its span: `rule L:C` of `rule L:C-L:C`.
pub fn start_of(line: &str) -> &str {
    match line.rsplit_once(' ') {
        Some((head, at)) if !line.starts_with("error:") && !line.starts_with("note:") => {
            let start = at.split('-').next().unwrap_or(at);
            &line[..head.len() + 1 + start.len()]
        }
        _ => line,
    }
}

/// Asserts that every span lies inside its text and on character boundaries.
pub fn assert_spans_valid(file: &FileOutcome, what: &str) {
    for unit in file.units.iter().flatten() {
        for d in &unit.checked.diagnostics {
            let text = if d.in_body {
                &unit.checked.text
            } else {
                &file.text
            };
            for span in std::iter::once(&d.span).chain(d.related.iter().map(|l| &l.span)) {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{what}: {d:?}"
                );
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{what}: {d:?}"
                );
            }
        }
    }
}
