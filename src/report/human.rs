//! `--format human`: miette's graphical diagnostics, grouped by file, then a summary line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity, SourceCode, SourceSpan,
};
use owo_colors::{OwoColorize, Style};

use super::escape::{self, terminal};
use super::snippet::{Lines, MAX_LABEL_SPAN, Source, TextMemo};
use super::{FileReport, Render, ReportWriter, RunReport};
use crate::diagnostic::{Diagnostic, Level, clamp_span, floor_char_boundary};

pub struct Human {
    pub color: bool,
    pub verbose: bool,
    /// Findings only: no file headers, notes or summary.
    pub quiet: bool,
    handler: GraphicalReportHandler,
}

impl Human {
    pub fn new(color: bool, verbose: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_word_separator(textwrap::WordSeparator::Custom(code_spans_whole))
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
            .with_break_words(false)
            .with_links(false)
            .with_context_lines(1);
        Human {
            color,
            verbose,
            quiet: false,
            handler,
        }
    }

    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    fn paint(&self, style: Style) -> Style {
        paint(self.color, style)
    }

    /// The ordered half of this format, with the same settings.
    pub fn writer(&self) -> HumanWriter {
        HumanWriter {
            color: self.color,
            quiet: self.quiet,
        }
    }
}

/// Words for wrapping: split at spaces, except inside a `code span`, so a help line never
/// breaks inside the value a reader copies (`Content-Type: text/xml; charset=utf-8`).
fn code_spans_whole(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b' ' if !in_code => {
                // The word runs to the end of this stretch of spaces.
                let mut end = i;
                while end < bytes.len() && bytes[end] == b' ' {
                    end += 1;
                }
                words.push(textwrap::core::Word::from(&line[start..end]));
                start = end;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

fn paint(color: bool, style: Style) -> Style {
    if color { style } else { Style::new() }
}

/// The ordered half: the summary and the baseline's at the end.
pub struct HumanWriter {
    color: bool,
    quiet: bool,
}

impl HumanWriter {
    fn paint(&self, style: Style) -> Style {
        paint(self.color, style)
    }
}

impl Render for Human {
    fn piece(&self, file: &FileReport) -> String {
        let mut out = String::new();
        let quiet_skip = self.quiet && file.diagnostics.is_empty();
        if quiet_skip || (file.diagnostics.is_empty() && file.notes.is_empty() && !self.verbose) {
            return out;
        }
        if !self.quiet {
            let place = match file.entry {
                Some((_, label)) => format!("{} {}", escape::path(file.path), terminal(label)),
                None => escape::path(file.path).into_owned(),
            };
            let mut header = format!("{place}: {} ({})", file.profile, terminal(file.reason));
            if let Some(request) = file.request {
                header.push_str(&format!("; paired with {}", terminal(request)));
            }
            out.push_str(&format!(
                "{}\n",
                header.style(self.paint(Style::new().dimmed()))
            ));
            for note in file.notes {
                let label = "note:".style(self.paint(Style::new().cyan().bold()));
                out.push_str(&format!("  {label} {}\n", terminal(note)));
            }
            if file.diagnostics.is_empty() {
                out.push_str(&match file.known {
                    0 => "  no findings\n\n".to_string(),
                    1 => "  1 known finding (in the baseline)\n\n".to_string(),
                    n => format!("  {n} known findings (in the baseline)\n\n"),
                });
                return out;
            }
        }
        // What the snippets show, with no control character left to reach the terminal: the
        // file's text once for all its units, the body's once for its findings.
        let (own, body) = (TextMemo::default(), TextMemo::default());
        let file_memo = file.memo.unwrap_or(&own);
        for d in file.diagnostics {
            let name = escape::terminal(&file.source_of(d).1).into_owned();
            let (text, lines) = match d.in_body {
                true => body.get(file.body),
                false => file_memo.get(file.text),
            };
            let source = Source {
                name: &name,
                text,
                lines,
            };
            let shown = Shown {
                d,
                source: &source,
                labels: labels(text, d),
            };
            // Rendering into a String cannot fail.
            let _ = self.handler.render_report(&mut out, &shown);
            out.push('\n');
        }
        out
    }
}

impl ReportWriter for HumanWriter {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let t = run.total;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let errors = plural(t.errors, "error");
        let warnings = plural(t.warnings, "warning");
        let infos = plural(t.infos, "info");
        let red = self.paint(Style::new().red().bold());
        let yellow = self.paint(Style::new().yellow().bold());
        let blue = self.paint(Style::new().blue());
        write!(
            out,
            "{}: {}, {}, {}",
            plural(run.files, "file"),
            if t.errors > 0 {
                errors.style(red).to_string()
            } else {
                errors
            },
            if t.warnings > 0 {
                warnings.style(yellow).to_string()
            } else {
                warnings
            },
            if t.infos > 0 {
                infos.style(blue).to_string()
            } else {
                infos
            },
        )?;
        if !run.failures.is_empty() {
            let failed = plural(run.failures.len(), "path");
            write!(out, "; {} could not be checked", failed.style(red))?;
        }
        write!(out, "{}", super::skipped_note(run.skipped))?;
        write!(out, "{}", super::requests_note(run.requests))?;
        writeln!(out)?;
        for path in super::unredacted(run) {
            let banner = format!(
                "NOT REDACTED — do not share: {} keeps the credentials and card data (recorded with --no-redact)",
                terminal(path)
            );
            writeln!(out, "{}", banner.style(red))?;
        }
        for (path, id, service) in super::possibly_active(run) {
            let line = format!(
                "reservation {id} ({service}) may still be active at the supplier; cancel it by hand (recording {path})"
            );
            writeln!(out, "{}", line.style(red))?;
        }
        if let Some(summary) = run.baseline {
            write_baseline_summary(out, summary, self.color)?;
        }
        Ok(())
    }
}

/// How many findings a baseline hid, and its entries that no longer match anything.
pub fn write_baseline_summary(
    out: &mut dyn Write,
    summary: &super::BaselineSummary,
    color: bool,
) -> io::Result<()> {
    let dim = if color {
        Style::new().dimmed()
    } else {
        Style::new()
    };
    let n = summary.suppressed;
    writeln!(
        out,
        "{}",
        format!(
            "{n} known finding{} not shown (baseline {})",
            if n == 1 { "" } else { "s" },
            summary.file
        )
        .style(dim)
    )?;
    if summary.stale.is_empty() {
        return Ok(());
    }
    let m: usize = summary.stale.iter().map(|(_, n)| n).sum();
    writeln!(
        out,
        "{m} baseline {} anything; rewrite the baseline with --write-baseline {} to prune:",
        if m == 1 {
            "entry no longer matches"
        } else {
            "entries no longer match"
        },
        summary.file
    )?;
    const SHOWN: usize = 20;
    for (key, count) in summary.stale.iter().take(SHOWN) {
        let entry = key
            .entry
            .map(|e| format!(" entry {}", e + 1))
            .unwrap_or_default();
        let times = if *count > 1 {
            format!(" (×{count})")
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {}{entry}: {} at {}: {}{times}",
            terminal(&key.path),
            terminal(&key.rule),
            if key.element.is_empty() {
                "the document".into()
            } else {
                terminal(&key.element)
            },
            terminal(&key.message)
        )?;
    }
    if summary.stale.len() > SHOWN {
        writeln!(out, "  … and {} more", summary.stale.len() - SHOWN)?;
    }
    Ok(())
}

/// Related labels drawn per finding; the rest are counted in the help. Drawing hundreds of
/// labels (a response with 400 extra elements) costs miette seconds and helps nobody.
const MAX_RELATED: usize = 8;

fn labels(text: &str, d: &Diagnostic) -> Vec<LabeledSpan> {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        d.label.as_deref().map(|l| terminal(l).into_owned()),
        span(text, &d.span),
    )];
    labels.extend(d.related.iter().take(MAX_RELATED).map(|l| {
        LabeledSpan::new_with_span(Some(terminal(&l.text).into_owned()), span(text, &l.span))
    }));
    labels
}

fn span(text: &str, range: &std::ops::Range<usize>) -> SourceSpan {
    let r = clamp_span(text, range);
    let len = if r.len() > MAX_LABEL_SPAN {
        floor_char_boundary(text, r.start + MAX_LABEL_SPAN) - r.start
    } else {
        r.len()
    };
    SourceSpan::new(r.start.into(), len)
}

/// A diagnostic as miette sees it.
struct Shown<'a> {
    d: &'a Diagnostic,
    source: &'a Source<'a>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&terminal(&self.d.message))
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&terminal(&self.d.message))
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.d.rule.is_empty()).then(|| Box::new(self.d.rule) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.d.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info | Level::Off => Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let hidden = self.d.related.len().saturating_sub(MAX_RELATED);
        match (&self.d.help, hidden) {
            (None, 0) => None,
            (Some(h), 0) => Some(Box::new(terminal(h))),
            (help, n) => Some(Box::new(format!(
                "{}({n} more places not shown)",
                help.as_deref()
                    .map(|h| format!("{} ", terminal(h)))
                    .unwrap_or_default()
            ))),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Renders a problem in a rules file, pointing into that file.
pub fn render_data_error(
    e: &crate::error::DataError,
    title: &str,
    help: &str,
    color: bool,
    width: usize,
) -> String {
    let d = Diagnostic {
        rule: "",
        level: Level::Error,
        message: format!("{title}: {}", e.message),
        help: Some(help.to_string()),
        span: e.span.clone().unwrap_or(0..0),
        label: Some("here".to_string()),
        related: Vec::new(),
        in_body: false,
        element: String::new(),
    };
    let lines = Lines::new(&e.text);
    let source = Source {
        name: &e.path,
        text: &e.text,
        lines: &lines,
    };
    let shown = Shown {
        d: &d,
        source: &source,
        labels: labels(&e.text, &d),
    };
    let mut out = String::new();
    let _ = Human::new(color, false, width)
        .handler
        .render_report(&mut out, &shown);
    out
}
