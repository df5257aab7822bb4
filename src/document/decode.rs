//! From bytes to text: UTF-8 with invalid bytes read as `?` (offsets stay file offsets),
//! UTF-16 recognised, and the encoding an XML declaration names.

use std::borrow::Cow;
use std::ops::Range;

/// Why a body is not clean UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodingProblem {
    /// A UTF-16 byte order mark; the document is not checked further.
    Utf16Bom { big_endian: bool },
    /// The first invalid byte sequence; such bytes read as `?` for the other rules.
    InvalidUtf8 { span: Range<usize>, count: usize },
    /// The XML declaration names another encoding.
    Declared { span: Range<usize>, name: String },
}

/// A body turned into text of the same byte length, so spans are file offsets.
pub struct Decoded {
    pub text: String,
    pub problem: Option<EncodingProblem>,
}

/// Decodes a body as UTF-8, replacing every byte of an invalid sequence by `?`.
///
/// Owned bytes that are valid UTF-8 become the text without a copy: a 100 MB response is
/// held once, not twice.
pub fn decode<'b>(bytes: impl Into<Cow<'b, [u8]>>) -> Decoded {
    let bytes = bytes.into();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Decoded {
            text: sanitize(&bytes).0,
            problem: Some(EncodingProblem::Utf16Bom {
                big_endian: bytes[0] == 0xFE,
            }),
        };
    }
    let (text, first_bad) = match bytes {
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(text) => (text, None),
            Err(e) => sanitize(e.as_bytes()),
        },
        Cow::Borrowed(b) => sanitize(b),
    };
    let problem = match first_bad {
        Some((span, count)) => Some(EncodingProblem::InvalidUtf8 { span, count }),
        None => declared_encoding(&text).and_then(|(span, name)| {
            (!name.eq_ignore_ascii_case("utf-8"))
                .then_some(EncodingProblem::Declared { span, name })
        }),
    };
    Decoded { text, problem }
}

/// The text with invalid bytes as `?`, the first invalid sequence and the number of them.
fn sanitize(bytes: &[u8]) -> (String, Option<(Range<usize>, usize)>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut first = None;
            let mut count = 0;
            let mut rest = bytes;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // The prefix was just validated.
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        out.extend(std::iter::repeat_n('?', bad));
                        first.get_or_insert(offset + good..offset + good + bad);
                        count += 1;
                        rest = &rest[good + bad..];
                        offset += good + bad;
                    }
                }
            }
            (out, first.map(|f| (f, count)))
        }
    }
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start, with the span of
/// its value.
fn declared_encoding(text: &str) -> Option<(Range<usize>, String)> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let base = text.len() - body.len();
    if !body.starts_with("<?xml") {
        return None;
    }
    // A declaration is a few dozen bytes: one-byte searches beat building a substring
    // searcher for each file.
    let end = super::prolog::find_pair(body.as_bytes(), *b"?>")?;
    let decl = &body[..end];
    let d = decl.as_bytes();
    let at = memchr::memchr_iter(b'e', d).find(|&i| d[i..].starts_with(b"encoding"))?;
    let after = &decl[at + "encoding".len()..];
    let eq = after.bytes().position(|b| b == b'=')?;
    let value = after[eq + 1..].trim_start();
    let quote = value.bytes().next().filter(|c| *c == b'"' || *c == b'\'')?;
    let inner = &value[1..];
    let close = inner.bytes().position(|b| b == quote)?;
    let start = base + (decl.len() - value.len()) + 1;
    Some((start..start + close, inner[..close].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_keeps_offsets() {
        let d = decode(b"<a>\xff\xfeok</a>");
        assert_eq!(d.text, "<a>??ok</a>");
        assert_eq!(
            d.problem,
            Some(EncodingProblem::InvalidUtf8 {
                span: 3..4,
                count: 2
            })
        );
    }

    #[test]
    fn declared_encoding_is_found() {
        let d = decode(b"<?xml version='1.0' encoding=\"ISO-8859-1\"?><a/>");
        let Some(EncodingProblem::Declared { span, name }) = d.problem else {
            panic!("expected a declared encoding");
        };
        assert_eq!(name, "ISO-8859-1");
        assert_eq!(&d.text[span], "ISO-8859-1");
        assert!(
            decode(b"<?xml version='1.0' encoding='utf-8'?><a/>")
                .problem
                .is_none()
        );
    }

    #[test]
    fn utf16_is_recognised() {
        let d = decode(&[0xFF, 0xFE, b'<', 0]);
        assert_eq!(
            d.problem,
            Some(EncodingProblem::Utf16Bom { big_endian: false })
        );
        assert_eq!(d.text.len(), 4);
    }
}
