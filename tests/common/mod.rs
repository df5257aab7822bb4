//! Shared by the test files: a file's outcome as sorted lines that tests compare.

// Each test crate includes this module and uses a part of it.
#![allow(dead_code)]

use otalint::diagnostic::LineIndex;
use otalint::lint::FileOutcome;

/// One line per finding (`rule line:col`, `rule body line:col`, with `entry=N ` before the
/// position for a HAR entry), per unit that could not be checked (`error: …`), and, when
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
            let (p, body) = if d.in_body {
                (body_index.position(d.span.start), "body ")
            } else {
                (index.position(d.span.start), "")
            };
            found.push(format!(
                "{} {}{body}{}:{}",
                d.rule,
                entry.as_deref().unwrap_or(""),
                p.line,
                p.column
            ));
        }
    }
    found.sort();
    found
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
