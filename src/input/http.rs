//! Raw HTTP responses as `curl -i` or `curl -D -` save them: status line, headers, a blank
//! line, the body. LF or CRLF; interim `1xx` responses and a proxy's `200 Connection
//! established` are skipped; a chunked body is de-chunked and a gzip or deflate body decoded,
//! within the size limit (or checked as it is when it was saved already decoded).

use std::io::Read;
use std::ops::Range;

use super::{FileSpan, Header, HttpFacts, Limits, Unit};

/// Splits a raw HTTP response. `text` is the file as text of the same byte length (invalid
/// UTF-8 read as `?`), for spans; `bytes` the file itself, for the body.
pub fn unit(bytes: &[u8], text: &str, limits: Limits) -> Unit {
    let mut notes = Vec::new();
    let Some(status) = status_line(text, &mut notes) else {
        return Unit {
            notes: vec!["the HTTP response has no status line".to_string()],
            http: Some(HttpFacts {
                headers_known: true,
                ..HttpFacts::default()
            }),
            ..Unit::default()
        };
    };
    let (headers, head_end, blank) = header_lines(text, status.end, &mut notes);
    let http = HttpFacts {
        status: status.code,
        status_span: status.code_span.map(FileSpan),
        headers,
        span: Some(FileSpan(status.line)),
        headers_known: true,
        ..HttpFacts::default()
    };
    let raw_body = &bytes[head_end.min(bytes.len())..];
    if let Some(missing) = declared_body_missing(&http, blank, raw_body) {
        return Unit {
            http: Some(http),
            notes,
            errors: vec![missing],
            ..Unit::default()
        };
    }
    if !blank {
        notes.push("the HTTP response has no blank line after its headers, so no body".into());
        return Unit {
            http: Some(http),
            notes,
            ..Unit::default()
        };
    }
    let mut errors = Vec::new();
    let (body, verbatim) = body(raw_body, &http, true, limits, &mut notes, &mut errors);
    Unit {
        body,
        body_offset: verbatim.then_some(head_end),
        http: Some(http),
        notes,
        errors,
        ..Unit::default()
    }
}

/// Why a capture that holds only the head of a response with a body cannot be checked: its
/// headers declare a body (`Content-Length` above 0, or chunked) that the file does not hold
/// (`http --print=h`, `curl -I` of a GET, `curl -D headers.txt`). The body was left out of the
/// capture, not sent empty: a tool error, as a HAR entry without its content is.
pub(super) fn declared_body_missing(http: &HttpFacts, blank: bool, raw: &[u8]) -> Option<String> {
    let bodiless = matches!(http.status, Some(204 | 304));
    if bodiless || (blank && !raw.iter().all(u8::is_ascii_whitespace)) {
        return None;
    }
    let length = http
        .header("Content-Length")
        .and_then(|h| h.value.trim().parse::<u64>().ok())
        .filter(|n| *n > 0);
    let declared = match length {
        Some(n) => format!("`Content-Length: {n}`"),
        None if http.is_chunked() => "`Transfer-Encoding: chunked`".to_string(),
        None => return None,
    };
    Some(format!(
        "the response body was not checked: the capture holds only the headers ({declared}, \
         no body); capture the whole response with `curl -si URL > response.http`"
    ))
}

/// The final response's status line and where its head ends (past the blank line), when it
/// has both.
#[cfg_attr(not(feature = "probe"), allow(dead_code))]
pub(crate) fn head(text: &str) -> Option<(Range<usize>, usize)> {
    let status = status_line(text, &mut Vec::new())?;
    let (_, end, blank) = header_lines(text, status.end, &mut Vec::new());
    blank.then_some((status.line, end))
}

/// The status line of the final response, past interim `1xx` responses and the `200
/// Connection established` a proxy answers a `CONNECT` with (`curl -i` through an HTTPS
/// proxy writes both).
struct StatusLine {
    code: Option<u16>,
    code_span: Option<Range<usize>>,
    line: Range<usize>,
    /// Where the headers start.
    end: usize,
}

fn status_line(text: &str, notes: &mut Vec<String>) -> Option<StatusLine> {
    let mut pos = 0;
    loop {
        let line = next_line(text, pos)?;
        let (code, span) = parse_status(&text[line.clone()], line.start);
        pos = line_end(text, line.end);
        let interim = code.is_some_and(|c| (100..200).contains(&c));
        let tunnel = code == Some(200)
            && text[line.clone()]
                .to_ascii_lowercase()
                .contains("connection established");
        if interim || tunnel {
            let (_, after, _) = header_lines(text, pos, &mut Vec::new());
            if !tunnel || text[after..].trim_start().starts_with("HTTP/") {
                pos = after + (text[after..].len() - text[after..].trim_start().len());
                continue;
            }
        }
        if code.is_none() {
            notes.push(format!(
                "the status line `{}` is not `HTTP/<version> <code> <reason>`",
                shown(&text[line.clone()])
            ));
        }
        return Some(StatusLine {
            code,
            code_span: span,
            line,
            end: pos,
        });
    }
}

/// The header lines from `pos`: the headers, where the head ends, and whether a blank line
/// ended it.
fn header_lines(text: &str, mut pos: usize, notes: &mut Vec<String>) -> (Vec<Header>, usize, bool) {
    let mut headers = Vec::new();
    let mut head_end = pos;
    while let Some(line) = next_line(text, pos) {
        pos = line_end(text, line.end);
        head_end = pos;
        if line.is_empty() {
            return (headers, head_end, true);
        }
        let raw = &text[line.clone()];
        match raw.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => headers.push(Header {
                name: name.trim().to_string(),
                value: value.trim().to_string(),
                span: Some(FileSpan(line.clone())),
            }),
            _ => notes.push(format!("the header line `{}` has no `name:`", shown(raw))),
        }
    }
    (headers, head_end, false)
}

/// The body as it is checked: de-chunked and decoded as its headers say, and whether it
/// stands verbatim in the file. A body that cannot be read is an error, never a silent pass.
/// `framed`: the body is still chunked as sent (a client that saves it de-chunked, as wget
/// does, passes false).
pub(super) fn body(
    raw: &[u8],
    http: &HttpFacts,
    framed: bool,
    limits: Limits,
    notes: &mut Vec<String>,
    errors: &mut Vec<String>,
) -> (Option<Vec<u8>>, bool) {
    let mut body = raw.to_vec();
    let mut verbatim = true;
    if framed && http.is_chunked() {
        match dechunk(&body) {
            Ok(b) => {
                body = b;
                verbatim = false;
            }
            Err(e) => notes.push(format!(
                "the chunked body is malformed ({e}); checked as it is"
            )),
        }
    }
    let encoding = http
        .header("Content-Encoding")
        .map(|h| h.value.trim().to_ascii_lowercase());
    match encoding.as_deref() {
        None | Some("identity") | Some("") => (Some(body), verbatim),
        Some(e @ ("gzip" | "x-gzip" | "deflate")) if !compressed(e, &body) && is_text(&body) => {
            notes.push(format!(
                "the body is not {e}-compressed although `Content-Encoding: {e}` says so: \
                 it was saved already decoded (as `curl --compressed` does), and is checked \
                 as it is"
            ));
            (Some(body), verbatim)
        }
        Some(e @ ("gzip" | "x-gzip" | "deflate")) => {
            match decompress(e, &body, limits.max_decoded_bytes) {
                Ok(b) => (Some(b), false),
                Err(Problem::Limit(message)) => {
                    errors.push(format!(
                    "the {e} body was not checked: {message}; raise --max-decoded-size to check it"
                ));
                    (None, false)
                }
                Err(Problem::Broken(message)) => {
                    errors.push(format!("the {e} body was not checked: {message}"));
                    (None, false)
                }
            }
        }
        Some(other) => {
            errors.push(format!(
                "the body was not checked: Content-Encoding `{other}` is not supported (gzip and deflate are); \
                 capture it with `curl --compressed -si` to save it decoded"
            ));
            (None, false)
        }
    }
}

/// Whether a body starts like its compression: the gzip magic, or a zlib header for deflate
/// (raw deflate has no header; it is recognised by not being text).
fn compressed(encoding: &str, body: &[u8]) -> bool {
    match encoding {
        "deflate" => {
            body.len() >= 2
                && body[0] & 0x0F == 8
                && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0
        }
        _ => body.starts_with(&[0x1F, 0x8B]),
    }
}

/// Whether a body reads as a text message: after a BOM and white space, `<` or `{` or `[`.
fn is_text(body: &[u8]) -> bool {
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    matches!(
        start.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'<' | b'{' | b'[') | None
    )
}

/// The next line starting at `pos`, without its line ending; `None` at the end.
pub(super) fn next_line(text: &str, pos: usize) -> Option<Range<usize>> {
    if pos >= text.len() {
        return None;
    }
    let end = text[pos..].find('\n').map_or(text.len(), |e| pos + e);
    let end = if end > pos && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    Some(pos..end)
}

/// The start of the line after one ending at `end`.
pub(super) fn line_end(text: &str, end: usize) -> usize {
    let rest = &text.as_bytes()[end..];
    if rest.starts_with(b"\r\n") {
        end + 2
    } else if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
        end + 1
    } else {
        end
    }
}

/// `HTTP/1.1 200 OK` → 200 and the span of `200`.
pub(super) fn parse_status(line: &str, offset: usize) -> (Option<u16>, Option<Range<usize>>) {
    let Some(rest) = line.strip_prefix("HTTP/") else {
        return (None, None);
    };
    let Some(space) = rest.find(' ') else {
        return (None, None);
    };
    let after = &rest[space + 1..];
    let digits = after
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after.len());
    let start = offset + 5 + space + 1;
    match after[..digits].parse::<u16>() {
        Ok(code) if digits == 3 => (Some(code), Some(start..start + 3)),
        _ => (None, None),
    }
}

/// The body of a chunked message without its framing.
pub(crate) fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let line_end = body[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| pos + p)
            .ok_or("a chunk size line has no end")?;
        let line = String::from_utf8_lossy(&body[pos..line_end]);
        let size_text = line
            .trim()
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let size = usize::from_str_radix(&size_text, 16)
            .map_err(|_| format!("`{}` is not a chunk size", shown(&size_text)))?;
        pos = line_end + 1;
        if size == 0 {
            return Ok(out);
        }
        let end = pos
            .checked_add(size)
            .filter(|e| *e <= body.len())
            .ok_or(format!(
                "a chunk of {size} bytes runs past the end of the body"
            ))?;
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

/// Why a compressed body was not decoded.
enum Problem {
    /// It is corrupt: a fact about the response.
    Broken(String),
    /// It is larger than the limit: the tool could not check it.
    Limit(String),
}

fn decompress(encoding: &str, raw: &[u8], limit: u64) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    let reader: Box<dyn Read> = match encoding {
        "deflate" => Box::new(flate2::read::ZlibDecoder::new(raw)),
        _ => Box::new(flate2::read::MultiGzDecoder::new(raw)),
    };
    let read = reader.take(limit + 1).read_to_end(&mut out);
    if out.len() as u64 > limit {
        return Err(Problem::Limit(format!(
            "it expands to more than {limit} bytes (the limit for a decoded body)"
        )));
    }
    read.map_err(|e| Problem::Broken(format!("it does not decode ({e})")))?;
    Ok(out)
}

fn shown(s: &str) -> String {
    let s: String = s.chars().take(60).collect();
    s.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(raw: &[u8]) -> Unit {
        let text = String::from_utf8_lossy(raw).to_string();
        unit(raw, &text, Limits::default())
    }

    #[test]
    fn crlf_response_is_split() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<a/>";
        let u = split(raw);
        let http = u.http.expect("http");
        assert_eq!(http.status, Some(200));
        assert_eq!(http.status_span, Some(FileSpan(9..12)));
        assert_eq!(http.media_type().as_deref(), Some("text/xml"));
        assert_eq!(u.body.as_deref(), Some(&b"<a/>"[..]));
        assert_eq!(u.body_offset, Some(raw.len() - 4));
        assert!(u.notes.is_empty());
    }

    #[test]
    fn interim_responses_are_skipped() {
        let u = split(b"HTTP/1.1 100 Continue\n\nHTTP/2 403 \nX: y\n\nno");
        assert_eq!(u.http.expect("http").status, Some(403));
        assert_eq!(u.body.as_deref(), Some(&b"no"[..]));
    }

    #[test]
    fn chunked_bodies_are_dechunked() {
        let u = split(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<a/\r\n1;x=y\r\n>\r\n0\r\n\r\n");
        assert_eq!(u.body.as_deref(), Some(&b"<a/>"[..]));
        assert_eq!(u.body_offset, None);
        let bad = split(b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\nzz\n<a/>");
        assert!(bad.notes[0].contains("malformed"), "{:?}", bad.notes);
    }

    #[test]
    fn gzip_bodies_are_decoded_within_the_limit() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&[b' '; 10_000]).expect("write");
        let body = gz.finish().expect("gzip");
        let mut raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        raw.extend_from_slice(&body);
        let text = String::from_utf8_lossy(&raw).to_string();
        assert_eq!(split(&raw).body.map(|b| b.len()), Some(10_000));
        let tight = unit(
            &raw,
            &text,
            Limits {
                max_decoded_bytes: 1000,
                ..Limits::default()
            },
        );
        assert!(tight.body.is_none());
        assert!(
            tight.errors[0].contains("expands to more than 1000"),
            "{:?}",
            tight.errors
        );
        let mut corrupt = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        corrupt.extend_from_slice(b"\x1f\x8b not really gzip");
        // A body that cannot be read is an error, never a silent pass.
        assert!(split(&corrupt).errors[0].contains("does not decode"));
        let mut brotli = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n".to_vec();
        brotli.extend_from_slice(b"\x0b\x02\x80");
        assert!(split(&brotli).errors[0].contains("`br` is not supported"));
    }

    #[test]
    fn a_body_saved_already_decoded_is_checked_as_it_is() {
        // What `curl -si --compressed` saves: the headers of the gzip response, the plain body.
        let raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<a/>";
        let u = split(raw);
        assert_eq!(u.body.as_deref(), Some(&b"<a/>"[..]));
        assert_eq!(u.body_offset, Some(raw.len() - 4), "it stands in the file");
        assert!(
            u.notes[0].contains("saved already decoded"),
            "{:?}",
            u.notes
        );
        assert!(u.errors.is_empty());
        let raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n{\"otaCode\": 1}";
        assert!(split(raw).body.is_some());
    }

    #[test]
    fn a_proxy_tunnel_before_the_response_is_skipped() {
        let raw = b"HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
        let u = split(raw);
        let http = u.http.expect("http");
        assert_eq!(http.status, Some(403));
        assert!(u.notes.is_empty(), "{:?}", u.notes);
        // A real `200 Connection established` answer with a body is kept.
        let raw = b"HTTP/1.1 200 Connection established\r\n\r\n<a/>";
        assert_eq!(split(raw).http.expect("http").status, Some(200));
    }

    #[test]
    fn broken_heads_are_said() {
        assert!(split(b"HTTP/1.1 200 OK\r\nX: y").notes[0].contains("no blank line"));
        assert!(split(b"HTTP/1.1 abc\r\n\r\n").notes[0].contains("status line"));
        assert!(split(b"").notes[0].contains("no status line"));
    }
}
