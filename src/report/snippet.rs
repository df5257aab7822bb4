//! The snippets of `--format human`: what miette's `read_span` gives for a finding, found from
//! an index of the file's lines made once, not by reading the file from its start again for
//! every finding (quadratic: a 194 MB HAR with 24,000 entries did not finish in 12 minutes).
//! Long lines are cut to a window around the finding.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::floor_char_boundary;

/// Snippets longer than this are cut to a window around the finding: a 1 MB line (a minified
/// response, a hostile attribute) would otherwise be printed whole.
const MAX_SNIPPET: usize = 2000;
/// Context kept on each side of the finding in such a window.
const WINDOW_CONTEXT: usize = 120;
/// The longest label drawn; JSON output keeps the exact length.
pub(super) const MAX_LABEL_SPAN: usize = 400;
/// Characters are counted from checkpoints this many bytes apart.
const BLOCK: usize = 4096;

/// A text as the snippets show it (control characters replaced, same length) with its line
/// index, made when a finding in it is first shown, and once for every unit of a file: a HAR's
/// 24,000 entries share its text, and escaping and indexing 194 MB for each was quadratic.
/// One memo serves one text.
#[derive(Default)]
pub struct TextMemo(std::sync::OnceLock<(Option<String>, Lines)>);

impl TextMemo {
    /// The shown text and its lines; `text` is the same on every call.
    pub(super) fn get<'t>(&'t self, text: &'t str) -> (&'t str, &'t Lines) {
        let (escaped, lines) = self.0.get_or_init(|| {
            let escaped = match super::escape::terminal_same_length(text) {
                std::borrow::Cow::Borrowed(_) => None,
                std::borrow::Cow::Owned(s) => Some(s),
            };
            let lines = Lines::new(escaped.as_deref().unwrap_or(text));
            (escaped, lines)
        });
        (escaped.as_deref().unwrap_or(text), lines)
    }
}

/// Where a text's lines break, made once per text.
pub(super) struct Lines {
    /// Line ends as miette counts them: a `\n`, the `\n` of `\r\n`, a lone `\r`.
    breaks: Vec<usize>,
    /// Every `\n`, as the columns count lines.
    lfs: Vec<usize>,
    /// The characters before each [`BLOCK`].
    blocks: Vec<usize>,
}

impl Lines {
    pub(super) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let lfs: Vec<usize> = memchr::memchr_iter(b'\n', bytes).collect();
        let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .collect();
        let mut blocks = vec![0];
        for chunk in bytes.chunks(BLOCK) {
            let last = blocks.last().copied().unwrap_or(0);
            blocks.push(last + chars(chunk));
        }
        Lines {
            breaks,
            lfs,
            blocks,
        }
    }

    /// The characters before `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.blocks.get(block).copied().unwrap_or(0)
            + chars(&text.as_bytes()[block * BLOCK..offset])
    }

    /// The 0-based column of an offset in characters, as every other format counts it
    /// (miette counts bytes, which is wrong after an `é` or a BOM).
    pub(super) fn char_column(&self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.lfs.partition_point(|&nl| nl < offset);
        let start = line.checked_sub(1).map_or(0, |i| self.lfs[i] + 1);
        self.chars_before(text, offset) - self.chars_before(text, start)
    }
}

/// The characters in bytes of UTF-8.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// A file's text with its name and line index, borrowed: miette's `NamedSource` would copy
/// the text.
pub(super) struct Source<'a> {
    pub(super) name: &'a str,
    pub(super) text: &'a str,
    pub(super) lines: &'a Lines,
}

/// What miette's `read_span` of the whole text gives: the context's range, the line it starts
/// on and how many lines miette counted.
struct Context {
    start: usize,
    end: usize,
    line: usize,
    line_count: usize,
}

impl Source<'_> {
    /// miette's answer: where the context starts from the index, where it ends from a slice
    /// that ends a snippet after the finding (what is beyond is cut from the window anyway).
    fn context(
        &self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Context, MietteError> {
        let (text, lines) = (self.text.as_bytes(), self.lines);
        let (offset, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            // Out of bounds, or nearly: miette's own reading decides.
            let inner = self.text.read_span(span, before, after)?;
            return Ok(Context {
                start: inner.span().offset(),
                end: inner.span().offset() + inner.span().len(),
                line: inner.line(),
                line_count: inner.line_count(),
            });
        }
        let k = lines.breaks.partition_point(|&b| b < offset);
        // Where miette starts the context (the finding, or the first context line) and the
        // line breaks before it: the index says.
        let (start, line) = match (before, k) {
            (0, k) => (offset, k),
            (b, k) if k <= b => (0, 0),
            (b, k) => (lines.breaks[k - b - 1] + 1, k - b),
        };
        if span.len() > MAX_SNIPPET + 8 {
            // A window for certain, cut before the end (miette's context reaches at least to
            // the span's last byte): reading to the end would cost the span's length, and
            // miette asks for the span of all of a finding's labels, which may be far apart.
            return Ok(Context {
                start,
                end,
                line,
                line_count: 0,
            });
        }
        // Where it ends, the slice says: from just before the finding (miette's state there
        // does not depend on what came before; a `\r\n` is not split) to a snippet after it.
        let mut from = offset.saturating_sub(2);
        if from > 0 && text[from] == b'\n' && text[from - 1] == b'\r' {
            from -= 1;
        }
        let mut to = (end + MAX_SNIPPET + 8).min(text.len());
        if to < text.len() && text[to - 1] == b'\r' {
            to += 1;
        }
        let shifted = SourceSpan::new((offset - from).into(), span.len());
        let inner = text[from..to].read_span(&shifted, before, after)?;
        let skipped = lines.breaks.partition_point(|&b| b < from);
        Ok(Context {
            start,
            end: from + inner.span().offset() + inner.span().len(),
            line,
            line_count: inner.line_count() + skipped,
        })
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let cx = self.context(span, before, after)?;
        let text = self.text;
        if cx.end - cx.start <= MAX_SNIPPET {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_string(),
                &text.as_bytes()[cx.start..cx.end],
                SourceSpan::new(cx.start.into(), cx.end - cx.start),
                cx.line,
                self.lines.char_column(text, cx.start),
                cx.line_count,
            )));
        }
        let from = floor_char_boundary(
            text,
            span.offset().saturating_sub(WINDOW_CONTEXT).max(cx.start),
        );
        let mut to = (span.offset() + span.len().min(MAX_LABEL_SPAN) + WINDOW_CONTEXT).min(cx.end);
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let lfs = &self.lines.lfs;
        let skipped =
            lfs.partition_point(|&nl| nl < from) - lfs.partition_point(|&nl| nl < cx.start);
        let window = &text[from..to];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            window.as_bytes(),
            SourceSpan::new(from.into(), window.len()),
            cx.line + skipped,
            self.lines.char_column(text, from),
            window.matches('\n').count() + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// miette's reading of the whole text, cut as `read_span` cuts it: what the index must give.
    fn reference(
        text: &str,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, SourceSpan, usize, usize, usize)> {
        let column = |offset: usize| {
            let offset = floor_char_boundary(text, offset.min(text.len()));
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..offset].chars().count()
        };
        let inner = text.read_span(span, before, after).ok()?;
        let (data, start) = (inner.data(), inner.span().offset());
        if data.len() <= MAX_SNIPPET {
            let c = column(start);
            return Some((
                data.to_vec(),
                *inner.span(),
                inner.line(),
                c,
                inner.line_count(),
            ));
        }
        let data = std::str::from_utf8(data).ok()?;
        let rel = span.offset().saturating_sub(start);
        let from = floor_char_boundary(data, rel.saturating_sub(WINDOW_CONTEXT));
        let mut to = (rel + span.len().min(MAX_LABEL_SPAN) + WINDOW_CONTEXT).min(data.len());
        while !data.is_char_boundary(to) {
            to += 1;
        }
        let head = &data[..from];
        let (line, c) = match head.rfind('\n') {
            Some(nl) => (
                inner.line() + head.matches('\n').count(),
                head[nl + 1..].chars().count(),
            ),
            None => (inner.line(), column(start) + head.chars().count()),
        };
        let window = &data[from..to];
        let count = window.matches('\n').count() + 1;
        let span = SourceSpan::new((start + from).into(), window.len());
        Some((window.as_bytes().to_vec(), span, line, c, count))
    }

    fn indexed(
        source: &Source,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, SourceSpan, usize, usize, usize)> {
        let c = source.read_span(span, before, after).ok()?;
        let data = c.data().to_vec();
        Some((data, *c.span(), c.line(), c.column(), c.line_count()))
    }

    #[test]
    fn indexed_snippets_are_mietes_whole_text_readings() {
        let long = "é".repeat(1500);
        let texts = [
            String::new(),
            "a\nb\r\nc\rd\n\ne".to_string(),
            format!("<a>\n  <b x=\"{long}\"/>\r\n{long}\r{long}\n</a>\n"),
            format!("{long}{long}\n\n{long}"),
            format!("x\r\n{}\n", "ab\n".repeat(800)),
        ];
        for text in &texts {
            let lines = Lines::new(text);
            let source = Source {
                name: "t",
                text,
                lines: &lines,
            };
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let step = boundaries.len() / 150 + 1;
            for &offset in boundaries.iter().step_by(step) {
                for len in [0, 1, 2, 3, 450, 2500] {
                    let end = floor_char_boundary(text, (offset + len).min(text.len()));
                    let span = SourceSpan::new(offset.into(), end - offset);
                    for (before, after) in [(1, 1), (0, 0), (2, 1), (0, 2)] {
                        assert_eq!(
                            indexed(&source, &span, before, after),
                            reference(text, &span, before, after),
                            "{offset}+{} ({before}, {after}) in a text of {}",
                            end - offset,
                            text.len()
                        );
                    }
                }
            }
        }
    }
}
