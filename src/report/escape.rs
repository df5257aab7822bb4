//! One escaper per output language, for every string otalint did not write itself (paths,
//! HAR labels, supplier values inside messages): [`terminal`] for lines a terminal or a CI
//! log reads, [`markdown`], [`html`] and [`xml`]. A finding's message is Markdown-ish — rules
//! quote values in backticks — so [`markdown::message`] and [`html::message`] read its code
//! spans exactly as CommonMark does ([`code_spans`]) and write each piece for its context:
//! code with a fence no value can close, text with nothing left active. A value can then
//! never become a link, an image, markup, a terminal control sequence or a CI command.
//!
//! Written here rather than taken from a crate: `html-escape` and `quick-xml::escape` leave
//! control characters as they are (XML 1.0 cannot hold most of them; a terminal obeys them),
//! and no crate escapes Markdown for a GFM table cell.

use std::borrow::Cow;

/// Whether a character must not reach a terminal or a log as it is: C0 and C1 controls, DEL,
/// and the bidirectional overrides that reorder what is shown ("Trojan Source").
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A string for one line of a terminal or a CI log: every control character (a newline, a
/// terminal escape) and bidirectional override shown as an escape (`\n`, `\x1b`, `\u{202e}`),
/// so it neither starts a line of its own nor sends a control sequence.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && hidden(c) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A source text shown on a terminal (a snippet): each control character but tab and line
/// breaks, and each bidirectional override, replaced by a visible character of the same
/// UTF-8 length (`?`, `¿`, `�`), so every byte offset into the text still holds.
pub fn terminal_same_length(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| hidden(c) && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => c,
                c if hidden(c) => match c.len_utf8() {
                    1 => '?',
                    2 => '\u{bf}',
                    _ => '\u{fffd}',
                },
                c => c,
            })
            .collect(),
    )
}

/// A path at the start of a line of a terminal or a CI log: [`terminal`], and `./` before a
/// relative path that starts with `::`, which GitHub Actions would read as a workflow command.
pub fn path(s: &str) -> Cow<'_, str> {
    match terminal(s) {
        t if t.starts_with("::") => Cow::Owned(format!("./{t}")),
        t => t,
    }
}

/// A finding's message in pieces, as CommonMark reads its code spans: `(false, text)` and
/// `(true, code)`. A backtick run opens a span closed by the next run of the same length; one
/// without its closer is text. Code loses one space at each end when it has one at both.
pub fn code_spans(s: &str) -> Vec<(bool, &str)> {
    let b = s.as_bytes();
    let run = |from: usize| b[from..].iter().take_while(|&&c| c == b'`').count();
    let mut out = Vec::new();
    let (mut i, mut text) = (0, 0);
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run(i);
        let open_end = i + n;
        let mut j = open_end;
        let mut close = None;
        while j < b.len() {
            if b[j] == b'`' {
                let m = run(j);
                if m == n {
                    close = Some(j);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        let Some(close) = close else {
            i = open_end;
            continue;
        };
        if text < i {
            out.push((false, &s[text..i]));
        }
        let mut code = &s[open_end..close];
        if code.len() >= 2
            && code.starts_with(' ')
            && code.ends_with(' ')
            && !code.bytes().all(|c| c == b' ')
        {
            code = &code[1..code.len() - 1];
        }
        out.push((true, code));
        i = close + n;
        text = i;
    }
    if text < s.len() {
        out.push((false, &s[text..]));
    }
    out
}

pub mod markdown {
    use super::{hidden, terminal};

    /// Plain inline text (a GFM table cell, or inside a block): nothing in it stays active
    /// (no emphasis, link, image, HTML, math, table cell or line break of its own); a newline
    /// becomes `<br>`. Text that starts a block goes through [`block_start`] as well.
    pub fn text(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\n' => out.push_str("<br>"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                c if hidden(c) => out.push_str(&terminal(&c.to_string())),
                c => out.push(c),
            }
        }
        out
    }

    /// Escaped Markdown that starts a block (a paragraph, a list item, a heading's text): a
    /// first `#`, `-`, `+`, `=` or `1.` would open a heading or a list of its own.
    pub fn block_start(mut md: String) -> String {
        let digits = md.bytes().take_while(u8::is_ascii_digit).count();
        match md.as_bytes().get(digits) {
            Some(b'.' | b')') if digits > 0 => md.insert(digits, '\\'),
            Some(b'#' | b'-' | b'+' | b'=') if digits == 0 => md.insert(0, '\\'),
            _ => {}
        }
        md
    }

    /// An inline code span holding `s` as it is: fenced with one backtick more than the
    /// longest run inside, padded when it starts or ends with a backtick or a space; `|`
    /// escaped for a table cell, a newline read as a space, controls shown as escapes.
    pub fn code(s: &str) -> String {
        let mut inner = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '|' => inner.push_str("\\|"),
                '\n' | '\r' => inner.push(' '),
                c if hidden(c) => inner.push_str(&terminal(&c.to_string())),
                c => inner.push(c),
            }
        }
        if inner.is_empty() {
            return String::new();
        }
        let longest = inner.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = inner.starts_with('`')
            || inner.ends_with('`')
            || (inner.starts_with(' ') && inner.ends_with(' '));
        let pad = if pad { " " } else { "" };
        format!("{fence}{pad}{inner}{pad}{fence}")
    }

    /// A fenced code block of `info` (`sh`) holding `s`, fenced with more backticks than any
    /// run inside.
    pub fn block(s: &str, info: &str) -> String {
        let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let body: String = s
            .chars()
            .map(|c| match c {
                '\n' | '\t' => c.to_string(),
                c if hidden(c) => terminal(&c.to_string()).into_owned(),
                c => c.to_string(),
            })
            .collect();
        format!("{fence}{info}\n{body}\n{fence}")
    }

    /// A finding's message (or help): its code spans as code, the rest as [`text`].
    pub fn message(s: &str) -> String {
        super::code_spans(s)
            .into_iter()
            .map(|(code, piece)| match code {
                true => self::code(piece),
                false => text(piece),
            })
            .collect()
    }
}

pub mod html {
    use super::{hidden, terminal};

    /// Text or a double-quoted attribute value (the only kind otalint writes): `& < > "` and
    /// line breaks as references, other controls shown as escapes (`\x1b`).
    pub fn text(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                // The same text to a browser; no line of its own in a log that shows the page.
                '\n' => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                '\t' => out.push(c),
                c if hidden(c) => out.push_str(&terminal(&c.to_string())),
                c => out.push(c),
            }
        }
        out
    }

    /// A finding's message (or help): its code spans in `<code>`, the rest as [`text`].
    pub fn message(s: &str) -> String {
        super::code_spans(s)
            .into_iter()
            .map(|(code, piece)| match code {
                true => format!("<code>{}</code>", text(piece)),
                false => text(piece),
            })
            .collect()
    }
}

/// XML 1.0 text or attribute value: `& < > " '` as references; a character XML 1.0 cannot
/// hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF) or discourages (DEL, C1) as `?`.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept in an attribute (a parser reads a raw one as a space), and no line of its
            // own in a log that shows the file.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push(c),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// A path as a URI reference's path (SARIF `artifactLocation.uri`): `%`, space, the
/// characters a URI cannot hold (`# ? " < > \\ ^ ` { | }`), control characters and
/// bidirectional overrides percent-encoded as UTF-8; other characters kept, as an IRI keeps
/// them.
pub fn uri(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) || " %#?\"<>\\^`{|}".contains(c) {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each escaper is tried with: markup, Markdown, a CI command after a newline,
    /// terminal escapes (C0 and C1), a bidirectional override, and backticks of every length.
    const HOSTILE: &[&str] = &[
        "x` ![pwn](https://attacker.example/p.png) `,1,2,3",
        "<script>alert(1)</script>\" onload='x' &amp;",
        "a.xml\n::error file=b.xml,line=1::fake",
        "\u{1b}[31mred\u{1b}[0m \u{9b}31m \u{7}\u{0}",
        "evil\u{202e}lmx.exe",
        "``` `` ` | ~~strike~~ **bold** _em_ $math$ [x](y) <http://a>",
        "# heading",
        "1. list",
        "\\`escaped\\`",
    ];

    #[test]
    fn terminal_text_holds_no_control_and_no_line_break() {
        for s in HOSTILE {
            let t = terminal(s);
            assert!(!t.chars().any(hidden), "{t:?}");
        }
        assert_eq!(terminal("a\n\u{1b}[1m\u{9b}"), "a\\n\\x1b[1m\\u{9b}");
        assert_eq!(path("::error file=x::y"), "./::error file=x::y");
        assert_eq!(path("C:\\a.xml"), "C:\\a.xml");
        for s in HOSTILE {
            let same = terminal_same_length(s);
            assert_eq!(same.len(), s.len());
            assert!(!same.chars().any(|c| hidden(c) && c != '\n'), "{same:?}");
        }
    }

    #[test]
    fn code_spans_are_read_as_commonmark_reads_them() {
        assert_eq!(
            code_spans("a `b` c"),
            vec![(false, "a "), (true, "b"), (false, " c")]
        );
        assert_eq!(code_spans("`` a`b ``"), vec![(true, "a`b")]);
        assert_eq!(code_spans("no ` closer"), vec![(false, "no ` closer")]);
        assert_eq!(code_spans("``x`"), vec![(false, "``x`")]);
        assert_eq!(
            code_spans(HOSTILE[0]),
            vec![
                (false, "x"),
                (true, "![pwn](https://attacker.example/p.png)"),
                (false, ",1,2,3")
            ]
        );
    }

    /// Reads Markdown as CommonMark does for what matters here: the characters left active
    /// outside code spans once backslash escapes and entities are taken as literal (an
    /// unpaired backtick counts as active).
    fn active_outside_code(md: &str) -> String {
        let b = md.as_bytes();
        let run = |from: usize| b[from..].iter().take_while(|&&c| c == b'`').count();
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'&' => i += md[i..].find(';').map_or(1, |e| e + 1),
                b'`' => {
                    let n = run(i);
                    let mut j = i + n;
                    let mut closed = None;
                    while j < b.len() {
                        if b[j] == b'`' {
                            let m = run(j);
                            if m == n {
                                closed = Some(j + m);
                                break;
                            }
                            j += m;
                        } else {
                            j += 1;
                        }
                    }
                    match closed {
                        Some(end) => i = end,
                        None => {
                            out.push('`');
                            i += n;
                        }
                    }
                }
                _ => {
                    let c = md[i..].chars().next().unwrap_or(' ');
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        out
    }

    #[test]
    fn markdown_leaves_nothing_active() {
        for s in HOSTILE {
            for md in [
                markdown::block_start(markdown::text(s)),
                markdown::block_start(markdown::message(s)),
                markdown::code(s),
            ] {
                let active = active_outside_code(&md).replace("<br>", "");
                for c in ['`', '[', ']', '<', '>', '*', '_', '|', '~', '$', '\n'] {
                    assert!(!active.contains(c), "{c:?} active in {md:?} (from {s:?})");
                }
                assert!(!md.chars().any(hidden), "{md:?}");
                assert!(
                    !active.starts_with('#') && !active.starts_with("1."),
                    "{md:?}"
                );
            }
        }
    }

    #[test]
    fn a_markdown_code_span_holds_its_value_whatever_backticks_it_has() {
        assert_eq!(markdown::code("a"), "`a`");
        assert_eq!(markdown::code("a`b"), "``a`b``");
        assert_eq!(markdown::code("`x"), "`` `x ``");
        assert_eq!(markdown::code("a|b"), "`a\\|b`");
        for s in HOSTILE {
            let md = markdown::code(s);
            let spans = code_spans(&md);
            assert_eq!(spans.len(), 1, "{md:?}");
            assert!(spans[0].0, "{md:?}");
        }
        let block = markdown::block("echo ```", "sh");
        assert!(block.starts_with("````sh\n") && block.ends_with("\n````"));
    }

    #[test]
    fn html_and_xml_hold_no_markup_and_no_control() {
        for s in HOSTILE {
            for out in [html::text(s), html::message(s), xml(s)] {
                let without_code = out.replace("<code>", "").replace("</code>", "");
                assert!(!without_code.contains('<'), "{out:?}");
                assert!(!without_code.contains('>'), "{out:?}");
                assert!(!without_code.contains('"'), "{out:?}");
                assert!(!out.chars().any(|c| c.is_control() && c != '\t'), "{out:?}");
            }
            assert!(roxmltree::Document::parse(&format!("<a b=\"{0}\">{0}</a>", xml(s))).is_ok());
        }
        for s in HOSTILE {
            let u = uri(s);
            assert!(
                !u.contains(|c: char| hidden(c) || " \"<>`".contains(c)),
                "{u:?}"
            );
        }
        assert_eq!(uri("a b/c%#é"), "a%20b/c%25%23é");
        assert_eq!(
            html::message("`x` & `<b>`"),
            "<code>x</code> &amp; <code>&lt;b&gt;</code>"
        );
    }
}
