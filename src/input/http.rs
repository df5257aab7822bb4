//! Raw HTTP responses as `curl -i` or `curl -D -` save them: status line, headers, a blank
//! line, the body. LF or CRLF; interim `1xx` responses are skipped; a chunked body is
//! de-chunked and a gzip or deflate body decoded, within the size limit.

use std::io::Read;
use std::ops::Range;

use super::{FileSpan, Header, HttpFacts, Limits, Unit};

/// Splits a raw HTTP response. `text` is the file as text of the same byte length (invalid
/// UTF-8 read as `?`), for spans; `bytes` the file itself, for the body.
pub fn unit(bytes: &[u8], text: &str, limits: Limits) -> Unit {
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    let (status, status_span, line_span, mut head_end);
    loop {
        let Some(line) = next_line(text, pos) else {
            return Unit {
                notes: vec!["the HTTP response has no status line".to_string()],
                http: Some(HttpFacts {
                    headers_known: true,
                    ..HttpFacts::default()
                }),
                ..Unit::default()
            };
        };
        let (code, span) = parse_status(&text[line.clone()], line.start);
        pos = line_end(text, line.end);
        // Skip the headers of an interim `100 Continue` response.
        let interim = code.is_some_and(|c| (100..200).contains(&c));
        head_end = pos;
        if interim {
            while let Some(l) = next_line(text, pos) {
                pos = line_end(text, l.end);
                if l.is_empty() {
                    break;
                }
            }
            continue;
        }
        if code.is_none() {
            notes.push(format!(
                "the status line `{}` is not `HTTP/<version> <code> <reason>`",
                shown(&text[line.clone()])
            ));
        }
        status = code;
        status_span = span;
        line_span = line;
        break;
    }
    let mut headers = Vec::new();
    let mut blank = false;
    while let Some(line) = next_line(text, pos) {
        pos = line_end(text, line.end);
        head_end = pos;
        if line.is_empty() {
            blank = true;
            break;
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
    let http = HttpFacts {
        status,
        status_span: status_span.map(FileSpan),
        headers,
        span: Some(FileSpan(line_span)),
        headers_known: true,
        ..HttpFacts::default()
    };
    if !blank {
        notes.push("the HTTP response has no blank line after its headers, so no body".into());
        return Unit {
            http: Some(http),
            notes,
            ..Unit::default()
        };
    }
    let raw_body = &bytes[head_end.min(bytes.len())..];
    let mut body = raw_body.to_vec();
    let mut verbatim = true;
    if http.is_chunked() {
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
    let mut decoded_body = Some(body);
    match encoding.as_deref() {
        None | Some("identity") | Some("") => {}
        Some(e @ ("gzip" | "x-gzip" | "deflate")) => {
            let raw = decoded_body.take().unwrap_or_default();
            match decompress(e, &raw, limits.max_decoded_bytes) {
                Ok(b) => decoded_body = Some(b),
                Err(Problem::Limit(message)) => errors.push(format!(
                    "the {e} body was not checked: {message}; raise --max-decoded-size to check it"
                )),
                Err(Problem::Broken(message)) => {
                    notes.push(format!("the {e} body was not checked: {message}"))
                }
            }
            verbatim = false;
        }
        Some(other) => {
            notes.push(format!(
                "the body was not checked: Content-Encoding `{other}` is not supported (gzip and deflate are)"
            ));
            decoded_body = None;
            verbatim = false;
        }
    }
    Unit {
        body: decoded_body,
        body_offset: verbatim.then_some(head_end),
        http: Some(http),
        notes,
        errors,
        ..Unit::default()
    }
}

/// The next line starting at `pos`, without its line ending; `None` at the end.
fn next_line(text: &str, pos: usize) -> Option<Range<usize>> {
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
fn line_end(text: &str, end: usize) -> usize {
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
fn parse_status(line: &str, offset: usize) -> (Option<u16>, Option<Range<usize>>) {
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

fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
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
        assert!(split(&corrupt).notes[0].contains("does not decode"));
    }

    #[test]
    fn broken_heads_are_said() {
        assert!(split(b"HTTP/1.1 200 OK\r\nX: y").notes[0].contains("no blank line"));
        assert!(split(b"HTTP/1.1 abc\r\n\r\n").notes[0].contains("status line"));
        assert!(split(b"").notes[0].contains("no status line"));
    }
}
