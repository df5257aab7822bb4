//! `--format html`: the same report as [`super::markdown`] as one self-contained page (inline
//! CSS, no script, no external resource), readable on screen and printed, light and dark; each
//! finding with its source lines and the span marked, as the terminal shows it.

use std::fmt::Write as _;

use super::escape::html;
use super::{FileReport, Locator, Render};
use crate::diagnostic::{Diagnostic, Level};

/// Renders a unit's findings as articles with their snippets.
pub struct Html;

/// Lines of context shown around a span, and the widest line shown in full.
const CONTEXT: usize = 2;
const WIDE: usize = 160;

impl Render for Html {
    fn piece(&self, file: &FileReport) -> String {
        let locator = Locator::new(file);
        let mut s = String::new();
        for d in file.diagnostics {
            let at = locator.locate(d);
            let (text, name) = file.source_of(d);
            let (tone, word) = match d.level {
                Level::Error => ("bad", "✗ error"),
                Level::Warning => ("warn", "! warning"),
                _ => ("good", "i info"),
            };
            let _ = write!(
                s,
                "<article class=\"finding\">\n<header><span class=\"tone {tone}\">{word}</span> <code>{}</code> <strong>{}</strong></header>\n<div class=\"where\">{}:{}:{}</div>\n{}",
                d.rule,
                html::message(&d.message),
                html::text(&name),
                at.start.line,
                at.start.column,
                snippet(text, d, at.start.line)
            );
            if let Some(help) = &d.help {
                let _ = writeln!(
                    s,
                    "<p class=\"help\"><strong>How to fix:</strong> {}</p>",
                    html::message(help)
                );
            }
            s.push_str("</article>\n");
        }
        s
    }
}

/// The lines around a finding's span, numbered, with the span in `<mark>`.
fn snippet(text: &str, d: &Diagnostic, line: usize) -> String {
    let span = crate::diagnostic::clamp_span(text, &d.span);
    let first = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let last = text[span.end..]
        .find('\n')
        .map_or(text.len(), |p| span.end + p);
    let mut start = first;
    for _ in 0..CONTEXT {
        match text[..start.saturating_sub(1)].rfind('\n') {
            Some(p) if start > 0 => start = p + 1,
            _ if start > 0 => start = 0,
            _ => break,
        }
    }
    let mut end = last;
    for _ in 0..CONTEXT {
        match text.get(end + 1..).and_then(|r| r.find('\n')) {
            Some(p) => end = end + 1 + p,
            None if end < text.len() => end = text.len(),
            None => break,
        }
    }
    let mut out = String::from("<pre class=\"snippet\"><code>");
    let first_number = line - text[start..span.start].matches('\n').count();
    let mut pos = start;
    for (number, raw) in (first_number..).zip(text[start..end].split('\n')) {
        let line_start = pos;
        let line_end = pos + raw.len();
        pos = line_end + 1;
        let _ = write!(out, "<span class=\"ln\">{number:>5} </span>");
        let (a, b) = (
            span.start.clamp(line_start, line_end) - line_start,
            span.end.clamp(line_start, line_end) - line_start,
        );
        let (from, to) = window(raw, a, b);
        let (ma, mb) = (a.clamp(from, to), b.clamp(from, to));
        if from > 0 {
            out.push('…');
        }
        out.push_str(&html::text(&raw[from..ma]));
        if ma < mb {
            let _ = write!(out, "<mark>{}</mark>", html::text(&raw[ma..mb]));
        }
        out.push_str(&html::text(&raw[mb..to]));
        if to < raw.len() {
            out.push('…');
        }
        out.push('\n');
    }
    out.push_str("</code></pre>\n");
    out
}

/// The part of a long line to show: all of it when short, else a window around the span,
/// on character boundaries.
fn window(line: &str, a: usize, b: usize) -> (usize, usize) {
    if line.len() <= WIDE {
        return (0, line.len());
    }
    let mut from = a.saturating_sub(40);
    while !line.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (b.max(a) + 80)
        .min(line.len())
        .max(from + WIDE.min(line.len() - from));
    to = to.min(line.len());
    while !line.is_char_boundary(to) {
        to += 1;
    }
    (from, to)
}
