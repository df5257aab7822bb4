//! Client logs that hold a response among other lines: a `curl -v` transcript (refused: its
//! `<` lines lose the body's framing) and what `wget -S -O- URL 2>&1` prints (read: wget's log
//! lines, each response head indented by two spaces, `Saving to: ‘STDOUT’`, the body, then
//! wget's progress and closing lines). Both are recognised whatever `--input-kind` says, so
//! forcing a kind never turns a refusal into a pass.

use std::ops::Range;

use super::http::{body, declared_body_missing, line_end, next_line, parse_status};
use super::{FileSpan, Header, HttpFacts, Limits, Unit};

/// What a capture that is a client's log is.
pub enum Transcript {
    /// It cannot be read: why, and the command that captures properly.
    Refused(String),
    /// The response read out of it.
    Read(Box<Unit>),
}

/// The command that saves a response as otalint reads it.
const CAPTURE: &str = "curl -si URL > response.http";

/// Whether a file is a client's log, from its first bytes (cheap: every file is asked).
pub fn is_log(bytes: &[u8]) -> bool {
    curl_transcript(bytes).is_some() || is_wget(bytes)
}

/// A client log's response, or why it cannot be read; `None` for anything else. `text` is
/// the file as text of the same byte length, for spans.
pub fn read(bytes: &[u8], text: &str, limits: Limits) -> Option<Transcript> {
    if let Some(message) = curl_transcript(bytes) {
        return Some(Transcript::Refused(message));
    }
    if !is_wget(bytes) {
        return None;
    }
    Some(match wget(bytes, text, limits) {
        Ok(unit) => Transcript::Read(Box::new(unit)),
        Err(message) => Transcript::Refused(message),
    })
}

/// Whether a file is a `curl -v` transcript (`*`, `>` and `<` lines) rather than a response,
/// with or without the progress meter curl writes first when its output is not a terminal
/// (`curl -v URL > log 2>&1`).
pub fn curl_transcript(bytes: &[u8]) -> Option<String> {
    // Most files start with `<?xml`, `<soap:` or `{`: decided on their first bytes.
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    match (bytes[start], bytes.get(start + 1)) {
        (b'*' | b'>' | b'%', _) | (b'<', Some(b' ')) => {}
        _ => return None,
    }
    let head = String::from_utf8_lossy(&bytes[start..bytes.len().min(start + 4096)]);
    let mut lines = head.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next()?;
    let marked = |l: &str| l.starts_with("* ") || l.starts_with("> ") || l.starts_with("< ");
    let opens = marked(first) || first.starts_with("% Total");
    let transcript = opens && lines.take(30).filter(|l| marked(l)).count() >= 2;
    transcript.then(|| {
        format!(
            "this is a `curl -v` transcript, not a response: capture the response with \
             `{CAPTURE}` (status line, headers, blank line, body)"
        )
    })
}

/// Whether a file starts as wget's log does: `--2026-12-07 18:21:22--  http://…`.
fn is_wget(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    wget_start(&bytes[start..bytes.len().min(start + 200)]).is_some()
}

/// The URL of a wget request line `--YYYY-MM-DD HH:MM:SS--  URL`.
fn wget_start(line: &[u8]) -> Option<&str> {
    let line = std::str::from_utf8(line.split(|b| *b == b'\n').next()?).ok()?;
    let stamp = line.strip_prefix("--")?.get(..19)?;
    let digits = stamp.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b' ',
        13 | 16 => b == b':',
        _ => b.is_ascii_digit(),
    });
    let url = line.get(21..)?.strip_prefix("--")?.trim();
    (digits && url.contains("://")).then_some(url)
}

/// One response head wget printed (`-S`): its status line and header lines, indented by two.
struct Head {
    status: Range<usize>,
    headers: Vec<Range<usize>>,
    /// The request URL wget printed before it.
    url: Option<String>,
}

/// The lines of a text with their ranges.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let line = next_line(text, pos)?;
        pos = line_end(text, line.end).max(line.end + 1);
        Some(line)
    })
}

/// The response heads of a wget log, and where the body starts after `Saving to: ‘STDOUT’`
/// (after the last head), or why the log cannot be read.
fn scan(text: &str) -> Result<(Vec<Head>, Option<usize>), String> {
    let mut heads: Vec<Head> = Vec::new();
    let mut url = None;
    // Whether the lines read are the indented lines of a head.
    let mut in_head = false;
    for line in lines(text) {
        let raw = &text[line.clone()];
        if let Some(u) = wget_start(raw.as_bytes()) {
            url = Some(u.to_string());
            in_head = false;
        } else if raw.starts_with("  HTTP/") {
            heads.push(Head {
                status: line.start + 2..line.end,
                headers: Vec::new(),
                url: url.clone(),
            });
            in_head = true;
        } else if let (true, Some(head)) = (in_head && raw.starts_with("  "), heads.last_mut()) {
            head.headers.push(line.start + 2..line.end);
        } else if raw.starts_with("Saving to: ") && !heads.is_empty() {
            if !raw.contains("STDOUT") {
                return Err(format!(
                    "this wget log saved the body to a file (`{}`), not into the log: capture \
                     with `wget -S -O- URL 2>&1`, or with `{CAPTURE}`",
                    raw.trim_end()
                ));
            }
            return Ok((heads, Some(line_end(text, line.end))));
        } else {
            in_head = false;
        }
    }
    Ok((heads, None))
}

/// Reads the last response out of a wget log, or says why it cannot be.
fn wget(bytes: &[u8], text: &str, limits: Limits) -> Result<Unit, String> {
    let (mut heads, saving) = scan(text)?;
    let Some(head) = heads.pop() else {
        return Err(format!(
            "this is a wget log without a response head (run wget with `-S`), or with none \
             at all: capture the response with `{CAPTURE}`"
        ));
    };
    let http = facts(text, &head);
    let mut notes = vec![format!(
        "read from a `wget -S` log{}",
        match heads.len() {
            0 => String::new(),
            1 => ": wget followed 1 redirect; the last response is checked".to_string(),
            n => format!(": wget followed {n} redirects; the last response is checked"),
        }
    )];
    let Some(start) = saving else {
        // wget saves no body of an HTTP error unless told to (`--content-on-error`).
        if let Some(missing) = declared_body_missing(&http, false, b"") {
            return Err(format!(
                "{missing}; wget saves the body of an HTTP error only with `--content-on-error`"
            ));
        }
        notes.push("wget saved no body, and none was declared".to_string());
        return Ok(Unit {
            http: Some(http),
            notes,
            ..Unit::default()
        });
    };
    let end = body_end(bytes, text, start, &http)?;
    let mut errors = Vec::new();
    let (body, verbatim) = body(
        &bytes[start..end],
        &http,
        false,
        limits,
        &mut notes,
        &mut errors,
    );
    Ok(Unit {
        body,
        body_offset: verbatim.then_some(start),
        http: Some(http),
        notes,
        errors,
        ..Unit::default()
    })
}

/// Where the body that starts at `start` ends: its length from wget's closing line or
/// `Content-Length`, and only when wget's own lines follow it.
fn body_end(bytes: &[u8], text: &str, start: usize, http: &HttpFacts) -> Result<usize, String> {
    let length = written(text).or_else(|| {
        http.header("Content-Length")
            .and_then(|h| h.value.trim().parse::<usize>().ok())
    });
    let Some(end) = length.and_then(|n| start.checked_add(n)) else {
        return Err(format!(
            "this wget log does not say how long the body is (no `Content-Length`, no \
             closing `written to stdout [N]` line), so it cannot be told from wget's own \
             lines: capture the response with `{CAPTURE}`"
        ));
    };
    if end > bytes.len() || !text.is_char_boundary(end) || !only_wget_lines(&text[end..]) {
        return Err(format!(
            "wget's progress lines are mixed into the body in this log (wget writes them \
             while the body is written): capture the response with `{CAPTURE}`"
        ));
    }
    Ok(end)
}

/// The HTTP facts of a head, with spans in the file.
fn facts(text: &str, head: &Head) -> HttpFacts {
    let (status, status_span) = parse_status(&text[head.status.clone()], head.status.start);
    let headers = head
        .headers
        .iter()
        .filter_map(|line| {
            let (name, value) = text[line.clone()].split_once(':')?;
            Some(Header {
                name: name.trim().to_string(),
                value: value.trim().to_string(),
                span: Some(FileSpan(line.clone())),
            })
        })
        .collect();
    HttpFacts {
        status,
        status_span: status_span.map(FileSpan),
        headers,
        span: Some(FileSpan(head.status.clone())),
        headers_known: true,
        url: head.url.clone(),
        ..HttpFacts::default()
    }
}

/// The byte count of wget's closing line: `… - written to stdout [473/473]`.
fn written(text: &str) -> Option<usize> {
    let at = text.rfind("written to stdout [")?;
    let count = &text[at + "written to stdout [".len()..];
    let end = count.find(|c: char| !c.is_ascii_digit())?;
    count[..end].parse().ok()
}

/// Whether what follows the body is only what wget writes after it: blank lines, progress
/// lines (`     0K ........  100%  150M=0s`) and time-stamped lines (`2026-… ERROR 500: …`).
fn only_wget_lines(rest: &str) -> bool {
    rest.lines().all(|line| {
        let t = line.trim();
        let progress = t.split_once("K ").is_some_and(|(n, tail)| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && tail
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b" .,%=KMGkmshd".contains(&b))
        });
        let stamped = t.len() >= 20
            && t.as_bytes()[4] == b'-'
            && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && t.as_bytes()[10] == b' ';
        t.is_empty() || progress || stamped
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_curl_verbose_transcript_is_named() {
        let v = b"*   Trying 10.0.0.1:443...\n* Connected\n> POST /hs2 HTTP/1.1\n> Host: x\n< HTTP/1.1 200 OK\n";
        assert!(
            curl_transcript(v)
                .expect("a transcript")
                .contains("curl -si")
        );
        assert!(curl_transcript(b"HTTP/1.1 200 OK\r\n\r\n").is_none());
        assert!(curl_transcript(b"<a>* x</a>").is_none());
        assert!(curl_transcript(b"% Total is no transcript").is_none());
    }

    #[test]
    fn wget_logs_are_recognised_by_their_first_line() {
        assert!(is_wget(
            b"--2026-12-07 18:21:22--  http://127.0.0.1:1/hs2\n"
        ));
        assert!(!is_wget(b"--2026-12-07 18:21:22--  no url\n"));
        assert!(!is_wget(b"<!-- 2026 -->"));
        assert!(only_wget_lines(
            "\n     0K                                  100%  150M=0s\n\n2026-12-07 18:21:22 (150 MB/s) - written to stdout [473/473]\n\n"
        ));
        assert!(!only_wget_lines("xxxx</a>\n    50K .....\n"));
    }
}
