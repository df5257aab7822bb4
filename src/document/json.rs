//! A JSON body (HS4), parsed once, with the spans of its values and the JSON pointer of an
//! offset.

use super::parse::ParseFailure;
use crate::diagnostic::LineIndex;
use crate::input::json_spans::{Spans, spans};

/// How deep the spans of a JSON body's values are kept: the HS4 rules point no deeper.
const SPAN_DEPTH: usize = 3;

/// A JSON body, parsed, with the spans of its values.
pub struct JsonBody {
    pub value: Option<serde_json::Value>,
    pub error: Option<ParseFailure>,
    /// The spans of the values down to [`SPAN_DEPTH`]; deeper ones come from [`JsonBody::span`].
    pub spans: Spans,
    /// Where the JSON starts in the text (after a BOM).
    base: usize,
    /// The spans of every value, made the first time a deep one is asked for: a body without
    /// deep findings never pays for them.
    deep: std::cell::OnceCell<Spans>,
}

impl JsonBody {
    /// The span of the value at `pointer`, at any depth; `text` is the body's text.
    pub fn span(&self, text: &str, pointer: &str) -> Option<std::ops::Range<usize>> {
        if let Some(s) = self.spans.get(pointer) {
            return Some(s.clone());
        }
        self.deep(text).get(pointer).cloned()
    }

    fn deep(&self, text: &str) -> &Spans {
        self.deep.get_or_init(|| {
            let body = text.get(self.base..).unwrap_or("");
            spans(body, usize::MAX)
                .into_iter()
                .map(|(k, r)| (k, r.start + self.base..r.end + self.base))
                .collect()
        })
    }

    /// `json:` and the pointer of the innermost value holding `offset`, as deep as is known.
    pub fn pointer_at(&self, offset: usize) -> String {
        json_pointer(self.deep.get().unwrap_or(&self.spans), offset)
    }

    /// [`JsonBody::pointer_at`] of every offset of `offsets` (ascending), in one sweep.
    pub fn pointers_at(&self, offsets: &[usize]) -> Vec<String> {
        json_pointers(self.deep.get().unwrap_or(&self.spans), offsets)
    }
}

/// [`json_pointer`] of every offset of `offsets` (ascending), in one sweep over the spans sorted
/// by start: asking offset by offset looks at every span again, quadratic on an answer with a
/// finding per hotel. The values' spans nest (a JSON text is a tree), so the values holding an
/// offset are a chain and the innermost is the last one opened that is still open.
pub fn json_pointers(spans: &Spans, offsets: &[usize]) -> Vec<String> {
    // Outer before inner; of equal spans the one `json_pointer` picks (shortest, then least
    // pointer) comes last, on top of the stack.
    let mut sorted: Vec<(&String, &std::ops::Range<usize>)> = spans.iter().collect();
    sorted.sort_unstable_by(|(p, r), (q, s)| {
        (r.start, s.end, q.len(), q.as_str()).cmp(&(s.start, r.end, p.len(), p.as_str()))
    });
    let mut open: Vec<(&String, &std::ops::Range<usize>)> = Vec::new();
    let mut next = sorted.into_iter().peekable();
    let mut out = Vec::with_capacity(offsets.len());
    for &offset in offsets {
        while let Some((p, r)) = next.next_if(|(_, r)| r.start <= offset) {
            while open.last().is_some_and(|(_, o)| o.end <= r.start) {
                open.pop();
            }
            open.push((p, r));
        }
        while open.last().is_some_and(|(_, o)| o.end <= offset) {
            open.pop();
        }
        out.push(
            open.last()
                .map_or_else(String::new, |(p, _)| format!("json:{p}")),
        );
    }
    out
}

/// `json:` and the pointer of the innermost value whose span holds `offset`.
pub fn json_pointer(spans: &Spans, offset: usize) -> String {
    spans
        .iter()
        .filter(|(_, r)| r.contains(&offset))
        .min_by_key(|(p, r)| (r.len(), p.len()))
        .map_or_else(String::new, |(p, _)| format!("json:{p}"))
}

pub fn looks_like_json(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
}

pub fn parse_json(text: &str) -> JsonBody {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let base = text.len() - body.len();
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) => JsonBody {
            spans: spans(body, SPAN_DEPTH)
                .into_iter()
                .map(|(k, r)| (k, r.start + base..r.end + base))
                .collect(),
            value: Some(value),
            error: None,
            base,
            deep: std::cell::OnceCell::new(),
        },
        Err(e) if e.is_eof() => JsonBody {
            value: None,
            error: Some(ParseFailure {
                message: "the body ends before the JSON value is complete".to_string(),
                span: text.trim_end().len()..text.trim_end().len(),
            }),
            spans: Spans::new(),
            base,
            deep: std::cell::OnceCell::new(),
        },
        Err(e) => {
            let message = e.to_string();
            let message = message
                .find(" at line ")
                .map_or(message.as_str(), |at| &message[..at])
                .to_string();
            // serde_json counts columns in bytes.
            let index = LineIndex::new(body);
            let line_start = index.offset(e.line().max(1), 1);
            let offset = (line_start + e.column().saturating_sub(1)).min(body.len());
            let offset = crate::diagnostic::floor_char_boundary(body, offset);
            let len = body[offset..].chars().next().map_or(0, char::len_utf8);
            JsonBody {
                value: None,
                error: Some(ParseFailure {
                    message,
                    span: base + offset..base + offset + len,
                }),
                spans: Spans::new(),
                base,
                deep: std::cell::OnceCell::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_in_one_sweep_are_the_pointers_one_by_one() {
        let text = r#" {"a": [1, {"b": "x", "c": []}, ""], "d": {"e": {}}, "f": 2} "#;
        let spans = spans(text, usize::MAX);
        let offsets: Vec<usize> = (0..text.len() + 2).collect();
        let one_by_one: Vec<String> = offsets.iter().map(|&o| json_pointer(&spans, o)).collect();
        assert_eq!(json_pointers(&spans, &offsets), one_by_one);
        assert!(one_by_one.contains(&"json:/a/1/b".to_string()));
        assert!(one_by_one.contains(&String::new()));
    }
}
