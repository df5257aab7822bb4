//! The reports people read — `--format markdown` and `--format html` — share one document
//! model: headings, paragraphs, banners and tables of cells, and the place where each format
//! puts its own rendering of the findings. [`markdown`] and [`html`] write it out.

use std::fmt::Write;

/// How a cell reads; never by colour alone: each kind has its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Code,
    Good,
    Bad,
    Warn,
    Muted,
}

#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn plain(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            tone: Tone::Plain,
        }
    }
    pub fn code(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            tone: Tone::Code,
        }
    }
    pub fn tone(t: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: t.into(),
            tone,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Table {
    pub caption: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Heading(u8, String),
    Para(String),
    /// A warning that must be seen first (not certifiable, not redacted).
    Banner(String),
    Table(Table),
    List(Vec<String>),
    /// A shell command to copy.
    Command(String),
    /// Where the format's own findings go, each unit under a heading of this level.
    Findings(u8),
}

/// The findings of one unit in a format's own rendering, with what heads them.
pub struct FindingsPart {
    pub title: String,
    pub body: String,
    /// How many findings the part holds.
    pub count: usize,
}

pub mod markdown {
    use super::*;

    /// GitHub's job summary takes at most 1 MiB; the report keeps under it with room to spare.
    pub const BUDGET: usize = 1000 * 1000;

    use crate::report::escape::markdown::{block, block_start, code, message, text as escape};

    fn cell(c: &Cell) -> String {
        let t = escape(&c.text);
        match c.tone {
            Tone::Plain | Tone::Muted => t,
            Tone::Code => code(&c.text),
            Tone::Good => format!("✅ {t}"),
            Tone::Bad => format!("❌ **{t}**"),
            Tone::Warn => format!("⚠️ {t}"),
        }
    }

    pub fn table(t: &Table) -> String {
        let mut s = String::new();
        if let Some(c) = &t.caption {
            let _ = writeln!(s, "*{}*\n", message(c));
        }
        let _ = writeln!(
            s,
            "| {} |",
            t.headers
                .iter()
                .map(|h| escape(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(s, "|{}", "---|".repeat(t.headers.len()));
        for row in &t.rows {
            let _ = writeln!(
                s,
                "| {} |",
                row.iter().map(cell).collect::<Vec<_>>().join(" | ")
            );
        }
        s
    }

    /// The document, with each group of findings parts where its [`Block::Findings`] stands
    /// (the first group at the first); parts that do not fit the budget are counted, never
    /// cut in the middle.
    pub fn render(blocks: &[Block], groups: &[Vec<FindingsPart>]) -> String {
        // Hidden on GitHub; tells `check` never to read its own report.
        let mut fixed = Vec::new();
        let mut s = String::from("<!-- otalint report -->\n");
        let mut levels = Vec::new();
        for b in blocks {
            match b {
                Block::Heading(level, text) => {
                    let text = block_start(message(text));
                    let _ = writeln!(s, "{} {text}\n", "#".repeat(usize::from(*level)));
                }
                Block::Para(text) => {
                    let _ = writeln!(s, "{}\n", block_start(message(text)));
                }
                Block::Banner(text) => {
                    let _ = writeln!(s, "> [!WARNING]\n> **{}**\n", message(text));
                }
                Block::Table(t) => {
                    let _ = writeln!(s, "{}", table(t));
                }
                Block::List(items) => {
                    for i in items {
                        let _ = writeln!(s, "- {}", block_start(message(i)));
                    }
                    s.push('\n');
                }
                Block::Command(c) => {
                    let _ = writeln!(s, "{}\n", block(c, "sh"));
                }
                Block::Findings(level) => {
                    levels.push(usize::from(*level));
                    fixed.push(std::mem::take(&mut s));
                }
            }
        }
        fixed.push(s);
        let budget = BUDGET.saturating_sub(fixed.iter().map(String::len).sum::<usize>() + 200);
        let mut used = 0;
        let mut out = String::new();
        for (k, piece) in fixed.iter().enumerate() {
            out.push_str(piece);
            let (Some(level), Some(parts)) = (levels.get(k), groups.get(k)) else {
                continue;
            };
            let mut left = 0;
            for p in parts {
                let title = block_start(escape(&p.title));
                let piece = format!("{} {title}\n\n{}\n", "#".repeat(*level), p.body);
                if used + piece.len() > budget {
                    left += p.count;
                    continue;
                }
                used += piece.len();
                out.push_str(&piece);
            }
            if left > 0 {
                let _ = writeln!(
                    out,
                    "*{left} more findings are not shown here, to stay within GitHub's summary size; the JSON, SARIF or HTML report has them all.*\n"
                );
            }
        }
        out
    }
}

pub mod html {
    use super::*;

    use crate::report::escape::html::{message, text as escape};

    fn cell(c: &Cell) -> String {
        let t = escape(&c.text);
        match c.tone {
            Tone::Plain => t,
            Tone::Code => format!("<code>{t}</code>"),
            Tone::Good => format!("<span class=\"tone good\">✓ {t}</span>"),
            Tone::Bad => format!("<span class=\"tone bad\">✗ {t}</span>"),
            Tone::Warn => format!("<span class=\"tone warn\">! {t}</span>"),
            Tone::Muted => format!("<span class=\"muted\">{t}</span>"),
        }
    }

    pub fn table(t: &Table) -> String {
        let wide = if t.headers.len() > 4 {
            " class=\"wide\""
        } else {
            ""
        };
        let mut s = format!("<div class=\"scroll\"><table{wide}>\n");
        if let Some(c) = &t.caption {
            let _ = writeln!(s, "<caption>{}</caption>", message(c));
        }
        s.push_str("<thead><tr>");
        for h in &t.headers {
            let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for row in &t.rows {
            s.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                match i {
                    0 => {
                        let _ = write!(s, "<th scope=\"row\">{}</th>", cell(c));
                    }
                    _ => {
                        let _ = write!(s, "<td>{}</td>", cell(c));
                    }
                }
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table></div>\n");
        s
    }

    /// The whole page: one file, inline CSS, no script, no external resource; each group of
    /// findings parts where its [`Block::Findings`] stands.
    pub fn render(title: &str, blocks: &[Block], groups: &[Vec<FindingsPart>]) -> String {
        let mut groups = groups.iter();
        let mut s = String::new();
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"otalint\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n",
            escape(title),
            CSS
        );
        for b in blocks {
            match b {
                Block::Heading(level, text) => {
                    let _ = writeln!(s, "<h{level}>{}</h{level}>", message(text));
                }
                Block::Para(text) => {
                    let _ = writeln!(s, "<p>{}</p>", message(text));
                }
                Block::Banner(text) => {
                    let _ = writeln!(
                        s,
                        "<p class=\"banner\" role=\"alert\"><strong>{}</strong></p>",
                        message(text)
                    );
                }
                Block::Table(t) => s.push_str(&table(t)),
                Block::List(items) => {
                    s.push_str("<ul>\n");
                    for i in items {
                        let _ = writeln!(s, "<li>{}</li>", message(i));
                    }
                    s.push_str("</ul>\n");
                }
                Block::Command(c) => {
                    let _ = writeln!(s, "<pre class=\"command\"><code>{}</code></pre>", escape(c));
                }
                Block::Findings(level) => {
                    for p in groups.next().into_iter().flatten() {
                        let _ = writeln!(
                            s,
                            "<section class=\"unit\">\n<h{level}>{}</h{level}>\n{}</section>",
                            escape(&p.title),
                            p.body
                        );
                    }
                }
            }
        }
        s.push_str("</main>\n</body>\n</html>\n");
        s
    }

    /// Light and dark, screen and print (A4 and Letter alike: no fixed page size), contrast of
    /// at least 4.5:1 for text in both schemes.
    pub const CSS: &str = r#":root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de;
  --head: #f6f8fa; --code: #f3f4f6; --good: #116329; --good-bg: #dafbe1; --bad: #a40e26; --bad-bg: #ffebe9;
  --warn: #7d4e00; --warn-bg: #fff8c5; --mark: #fff3b0; --link: #0550ae; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d;
  --head: #161b22; --code: #1f242c; --good: #7ee787; --good-bg: #0f2e1a; --bad: #ffa198; --bad-bg: #3d1214;
  --warn: #f2cc60; --warn-bg: #3a2a00; --mark: #5a4a00; --link: #79c0ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 76rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
h4, .unit h3 { font-size: .95rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
p, li { max-width: 60rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
code { background: var(--code); padding: .05em .3em; border-radius: 4px; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); font-weight: 600; }
tbody th { font-weight: 500; }
.tone { padding: 0 .3em; border-radius: 4px; font-weight: 600; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
table.wide { min-width: 64rem; }
table.wide td code { white-space: nowrap; }
tbody th code { white-space: nowrap; }
.good { color: var(--good); background: var(--good-bg); }
.bad { color: var(--bad); background: var(--bad-bg); }
.warn { color: var(--warn); background: var(--warn-bg); }
.muted { color: var(--muted); }
.banner { border: 2px solid var(--bad); background: var(--bad-bg); color: var(--bad); padding: .75rem 1rem; border-radius: 6px; }
.unit { margin: 1rem 0 1.5rem; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin: .5rem 0; break-inside: avoid; }
.finding header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.finding .where { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.finding .help { margin: .4rem 0 0; }
pre.snippet, pre.command { background: var(--code); padding: .5rem .75rem; border-radius: 6px; overflow-x: auto; margin: .5rem 0 0; line-height: 1.4; }
pre.snippet .ln { color: var(--muted); user-select: none; display: inline-block; min-width: 3.5em; }
mark { background: var(--mark); color: inherit; text-decoration: underline; text-decoration-thickness: 2px; }
@media (max-width: 40rem) { body { font-size: 14px; } main { padding: 1rem .6rem 2rem; } th, td { padding: .3rem .35rem; } }
@media print { body { background: #fff; color: #000; font-size: 10.5pt; } main { max-width: none; padding: 0; }
  .scroll { overflow: visible; } pre.snippet, pre.command { white-space: pre-wrap; overflow-wrap: anywhere; }
  h2 { break-after: avoid; } table, .finding { break-inside: avoid; } thead { display: table-header-group; }
  @page { margin: 14mm 12mm; } }
"#;
}
