//! Findings: what a rule reports about a document.
//!
//! A [`Diagnostic`] is ours, independent of any renderer: byte spans into the file's text, a
//! message, an optional help line and extra labels. The reporters turn it into miette output,
//! JSON and the like.

use std::ops::Range;

use serde::Deserialize;

crate::names! {
    /// How serious a finding is, or `Off` for a rule that does not run.
    ///
    /// Ordered so that `Info < Warning < Error`; `Off` sorts below everything.
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Level {
        Off = "off",
        Info = "info",
        Warning = "warning",
        Error = "error",
    }
}

impl Level {
    /// One step less serious (`info` stays `info`).
    pub fn lower(self) -> Level {
        match self {
            Level::Error => Level::Warning,
            Level::Warning | Level::Info => Level::Info,
            Level::Off => Level::Off,
        }
    }
}

/// A secondary span with its own text, e.g. "Concur keeps only this one".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
}

/// One finding: a rule broken at a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub level: Level,
    pub message: String,
    pub help: Option<String>,
    /// Byte range of the primary span in the file's text.
    pub span: Range<usize>,
    /// Text shown under the primary span.
    pub label: Option<String>,
    pub related: Vec<Label>,
    /// The spans index a decoded body (a HAR entry's, a gzip or chunked body) rather than
    /// the file.
    pub in_body: bool,
    /// Where in the document the finding is, independent of lines: the element's path
    /// (`/Envelope/Body/OTA_HotelAvailRS/Errors/Error[2]`), a JSON pointer (`json:/errors/0`),
    /// `http` for the HTTP exchange, or empty when the body has no structure to name.
    pub element: String,
}

/// The longest message, help and label otalint prints: a value quoted from a hostile file
/// (a 1 MB element name) must not make a 1 MB message.
pub const MAX_MESSAGE: usize = 300;
pub const MAX_HELP: usize = 500;
pub const MAX_LABEL: usize = 120;

/// `text`, cut at `max` characters with an ellipsis.
pub fn capped(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

impl Diagnostic {
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(capped(help.into(), MAX_HELP));
        self
    }

    /// Reports this finding at another level than the rule's (a warning one step below).
    pub fn level(&mut self, level: Level) -> &mut Self {
        self.level = level;
        self
    }

    pub fn label(&mut self, text: impl Into<String>) -> &mut Self {
        self.label = Some(capped(text.into(), MAX_LABEL));
        self
    }

    pub fn related(&mut self, span: Range<usize>, text: impl Into<String>) -> &mut Self {
        self.related.push(Label {
            span,
            text: capped(text.into(), MAX_LABEL),
        });
        self
    }
}

/// Line starts of a text, for turning byte offsets into 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { text, starts }
    }

    /// The position of a byte offset; offsets past the end clamp to the end, and offsets inside
    /// a character count as that character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next.saturating_sub(1));
        self.text[start..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }
}

/// Positions of offsets asked for mostly in increasing order (a file's sorted findings),
/// counted from the previous one: no index of every line is built for a file's one or two
/// findings. Gives the same positions as [`LineIndex::position`].
pub struct LineCursor<'a> {
    text: &'a str,
    /// The last offset asked for, its 1-based line, the offset that line starts at and the
    /// characters from there to the offset: on a one-line body of 200 MB, counting each
    /// finding's column from the line's start again would be quadratic.
    at: std::cell::Cell<(usize, usize, usize, usize)>,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCursor {
            text,
            at: std::cell::Cell::new((0, 1, 0, 0)),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let (mut from, mut line, mut start, mut chars) = self.at.get();
        if offset < from {
            (from, line, start, chars) = (0, 1, 0, 0);
        }
        for nl in memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..offset]) {
            line += 1;
            start = from + nl + 1;
        }
        let column = if start > from {
            self.text[start..offset].chars().count()
        } else {
            chars + self.text[from..offset].chars().count()
        };
        self.at.set((offset, line, start, column));
        Position {
            line,
            column: column + 1,
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A span clamped into the text and onto character boundaries, never inverted.
pub fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start);
    if span.end <= span.start {
        return start..start;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\nçé<x/>\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // "çé" is four bytes, so '<' at byte 7 is the third character of line 2.
        assert_eq!(index.position(7), Position { line: 2, column: 3 });
        assert_eq!(index.position(4), Position { line: 2, column: 1 });
        assert_eq!(index.position(999), Position { line: 3, column: 1 });
    }

    #[test]
    fn a_cursor_gives_the_index_positions_in_any_order() {
        let text = "ab\nçé<x/>\n\nlast line\n";
        let index = LineIndex::new(text);
        let cursor = LineCursor::new(text);
        for offset in [0, 2, 3, 7, 5, 12, 13, 4, 999, 1, text.len()] {
            assert_eq!(cursor.position(offset), index.position(offset), "{offset}");
        }
    }

    #[test]
    fn offsets_invert_positions() {
        let text = "ab\nçé<x/>\nlast";
        let index = LineIndex::new(text);
        for offset in [0, 1, 3, 5, 7, 8, 13, 14, text.len()] {
            let p = index.position(offset);
            assert_eq!(index.offset(p.line, p.column), offset, "offset {offset}");
        }
    }

    #[test]
    fn long_texts_are_capped() {
        assert_eq!(capped("abc".into(), 3), "abc");
        assert_eq!(capped("abcd".into(), 3), "abc…");
        assert_eq!(capped("ééé".into(), 2), "éé…");
    }

    #[test]
    fn spans_are_clamped_to_char_boundaries() {
        let text = "aé";
        assert_eq!(clamp_span(text, &(2..2)), 1..1);
        assert_eq!(clamp_span(text, &(0..2)), 0..3);
        #[allow(clippy::reversed_empty_ranges)]
        let inverted = 9..4;
        assert_eq!(clamp_span(text, &inverted), 3..3);
        assert_eq!(clamp_span(text, &(1..2)), 1..3);
    }
}
