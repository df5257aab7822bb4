//! The decoders the views are made of ([`super::views`]): each turns bytes into what a reader
//! sees after one decoding, and records for each byte the range of its input it came from.

use std::io::Read;
use std::ops::Range;

/// The most a gzip member is inflated to (a bomb is judged on its first 64 MiB).
const MAX_INFLATED: u64 = 64 << 20;

/// The escapes a pass decodes: every one at once (mixed and half-escaped text), with `+` read
/// as a space, without JSON's backslash (a `\"` that ends XML text), JSON's alone.
#[derive(Clone, Copy)]
pub(super) struct Escapes {
    pub xml: bool,
    pub json: bool,
    pub url: bool,
    pub plus: bool,
}

/// A decoding: bytes, and for each the range of its input it came from.
pub(super) struct Decoded {
    pub text: Vec<u8>,
    pub spans: Vec<(u32, u32)>,
}

impl Decoded {
    fn with_capacity(n: usize) -> Decoded {
        Decoded {
            text: Vec::with_capacity(n),
            spans: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, b: u8, from: usize, to: usize) {
        self.text.push(b);
        self.spans.push((from as u32, to as u32));
    }

    /// `s[r]` as it is.
    fn copy(&mut self, s: &[u8], r: Range<usize>) {
        self.text.extend_from_slice(&s[r.clone()]);
        self.spans.extend(r.map(|k| (k as u32, k as u32 + 1)));
    }

    fn push_char(&mut self, c: char, from: usize, to: usize) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            self.push(b, from, to);
        }
    }
}

/// One pass of every text escape at once: XML references (`&amp;`, `&#34;`, `&#x22;`), JSON
/// escapes (`\"`, `\u00e9`, surrogate pairs), `%xx` in either case, and `+` as a space when
/// `plus`. `None` when nothing changed.
pub(super) fn unescape(s: &[u8], e: Escapes) -> Option<Decoded> {
    let mut out = Decoded::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < s.len() {
        // Copy up to the next byte an escape starts with.
        let next = memchr::memchr3(b'&', b'\\', b'%', &s[i..]).map_or(s.len(), |n| i + n);
        let next = match e.plus {
            true => memchr::memchr(b'+', &s[i..next]).map_or(next, |n| i + n),
            false => next,
        };
        if next > i {
            out.copy(s, i..next);
            i = next;
            continue;
        }
        let decoded = match s[i] {
            b'&' if e.xml => xml_ref(s, i),
            b'\\' if e.json => json_escape(s, i),
            b'%' if e.url => hex2(s.get(i + 1..i + 3)).map(|b| (Err(b), 3)),
            b'+' if e.plus => Some((Err(b' '), 1)),
            _ => None,
        };
        match decoded {
            Some((c, n)) => {
                changed = true;
                match c {
                    Ok(c) => out.push_char(c, i, i + n),
                    Err(b) => out.push(b, i, i + n),
                }
                i += n;
            }
            None => {
                out.push(s[i], i, i + 1);
                i += 1;
            }
        }
    }
    changed.then_some(out)
}

type Unescaped = Option<(Result<char, u8>, usize)>;

fn xml_ref(s: &[u8], at: usize) -> Unescaped {
    let end = s[at..].iter().take(12).position(|&b| b == b';')? + at;
    let name = std::str::from_utf8(&s[at + 1..end]).ok()?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((Ok(c), end + 1 - at))
}

fn json_escape(s: &[u8], at: usize) -> Unescaped {
    let c = match *s.get(at + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let hi = hex4(s.get(at + 2..at + 6))?;
            if (0xD800..0xDC00).contains(&hi) && s.get(at + 6..at + 8) == Some(b"\\u") {
                let lo = hex4(s.get(at + 8..at + 12))?;
                let code = 0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?);
                return Some((Ok(char::from_u32(code)?), 12));
            }
            return Some((Ok(char::from_u32(hi)?), 6));
        }
        _ => return None,
    };
    Some((Ok(c), 2))
}

fn hex2(s: Option<&[u8]>) -> Option<u8> {
    let s = std::str::from_utf8(s?).ok()?;
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u8::from_str_radix(s, 16).ok())
        .flatten()
}

fn hex4(s: Option<&[u8]>) -> Option<u32> {
    let s = std::str::from_utf8(s?).ok()?;
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u32::from_str_radix(s, 16).ok())
        .flatten()
}

/// The value of a base64 or base64url character.
fn sextet(b: u8) -> Option<u8> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    })
}

/// Every maximal run of base64 (or base64url) characters, decoded from `align` characters
/// after its start; of what it decodes to, only text (UTF-8 without control characters, three
/// bytes or more) is kept, so that ordinary words read as base64 add little noise. The pieces
/// are separated by a NUL mapped to the text between them.
pub(super) fn base64_runs(s: &[u8], align: usize) -> Option<Decoded> {
    let mut out = Decoded::with_capacity(s.len() / 2);
    let mut i = 0;
    while i < s.len() {
        if sextet(s[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && sextet(s[i]).is_some() {
            i += 1;
        }
        if i - start >= 4 + align {
            keep_text(&decode_run(&s[..i], start + align), &mut out);
        }
    }
    (!out.text.is_empty()).then_some(out)
}

/// The bytes of the base64 characters `s[from..]`, each with its group of characters.
fn decode_run(s: &[u8], from: usize) -> Decoded {
    let mut run = Decoded::with_capacity((s.len() - from) * 3 / 4);
    let mut at = from;
    while at + 1 < s.len() {
        let end = (at + 4).min(s.len());
        let mut bits = 0u32;
        for &b in &s[at..end] {
            bits = (bits << 6) | sextet(b).unwrap_or(0) as u32;
        }
        let n = end - at;
        bits <<= 6 * (4 - n);
        for k in 0..n - 1 {
            run.push((bits >> (16 - 8 * k)) as u8, at, end);
        }
        at = end;
    }
    run
}

/// Appends the text pieces of `run` to `out`.
fn keep_text(run: &Decoded, out: &mut Decoded) {
    let mut at = 0;
    for chunk in run.text.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        for piece in valid.split(|&b| (b < 0x20 && !b"\t\r\n".contains(&b)) || b == 0x7f) {
            let offset = piece.as_ptr() as usize - valid.as_ptr() as usize + at;
            if piece.len() >= 3 {
                let (first, _) = run.spans[offset];
                out.push(0, first as usize, first as usize + 1);
                for k in offset..offset + piece.len() {
                    let (a, b) = run.spans[k];
                    out.push(run.text[k], a as usize, b as usize);
                }
            }
        }
        at += valid.len() + chunk.invalid().len();
    }
}

/// The strings of a JSON document, unescaped and separated by NULs; `None` when `raw` is not
/// JSON.
pub(super) fn json_strings(raw: &[u8]) -> Option<Decoded> {
    serde_json::from_slice::<serde::de::IgnoredAny>(raw).ok()?;
    let mut out = Decoded::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != b'"' {
            i += 1;
            continue;
        }
        out.push(0, i, i + 1);
        i += 1;
        while i < raw.len() && raw[i] != b'"' {
            match (raw[i], json_escape(raw, i)) {
                (b'\\', Some((Ok(c), n))) => {
                    out.push_char(c, i, i + n);
                    i += n;
                }
                _ => {
                    out.push(raw[i], i, i + 1);
                    i += 1;
                }
            }
        }
        i += 1;
    }
    Some(out)
}

/// The body after an HTTP head that declares `Transfer-Encoding: chunked`, without the framing
/// (the head is kept).
pub(super) fn dechunk(raw: &[u8]) -> Option<Decoded> {
    let head_end = memchr::memmem::find(raw, b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    if !head
        .lines()
        .any(|l| l.starts_with("transfer-encoding:") && l.contains("chunked"))
    {
        return None;
    }
    let mut out = Decoded::with_capacity(raw.len());
    out.copy(raw, 0..head_end);
    let mut at = head_end;
    while at < raw.len() {
        let line_end = memchr::memmem::find(&raw[at..], b"\r\n")? + at;
        let size_text = String::from_utf8_lossy(&raw[at..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        let data = line_end + 2;
        if size == 0 {
            break;
        }
        let end = (data + size).min(raw.len());
        out.copy(raw, data..end);
        at = end + 2;
    }
    Some(out)
}

/// Every gzip member in `s`, inflated (each byte maps to the whole member).
pub(super) fn gunzip(s: &[u8]) -> Option<Decoded> {
    let mut out = Decoded::with_capacity(0);
    for at in memchr::memmem::find_iter(s, b"\x1f\x8b\x08") {
        let mut rest = &s[at..];
        let mut inflated = Vec::new();
        let read = flate2::bufread::GzDecoder::new(&mut rest)
            .take(MAX_INFLATED)
            .read_to_end(&mut inflated);
        if inflated.is_empty() && read.is_err() {
            continue;
        }
        let end = s.len() - rest.len();
        out.push(0, at, end.max(at + 1));
        for b in inflated {
            out.push(b, at, end.max(at + 1));
        }
    }
    (!out.text.is_empty()).then_some(out)
}

/// Bytes that are not UTF-8 read as ISO-8859-1.
pub(super) fn latin1(s: &[u8]) -> Decoded {
    let mut out = Decoded::with_capacity(s.len());
    for (i, &b) in s.iter().enumerate() {
        out.push_char(b as char, i, i + 1);
    }
    out
}
