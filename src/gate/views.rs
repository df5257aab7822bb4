//! The decoded views of a file's bytes: the text a reader would see after each decoding a
//! secret may hide behind — HTTP chunk framing, gzip, XML character references (named and
//! numeric, also in half-escaped XML), JSON escapes, URL encoding (`%xx` in either case, `+` as a
//! space), base64 and base64url runs at each of their four alignments — and combinations of
//! them. Every byte of a view knows the range of the raw bytes it came from, so a secret found
//! in a view is removed by replacing that raw range. Redaction and the check before a write
//! walk the same views: whatever the check can see, redaction has removed.
//!
//! The views are made one at a time and dropped after the visit, so memory stays a few times
//! the file's size whatever the number of views.

use std::ops::Range;

use super::decode::{
    Decoded, Escapes, base64_runs, dechunk, gunzip, json_strings, latin1, unescape,
};

/// Decoded text, and for each of its bytes the raw range it came from (`None`: the raw bytes
/// themselves).
pub struct View<'r> {
    pub text: std::borrow::Cow<'r, [u8]>,
    spans: Option<Vec<(u32, u32)>>,
}

impl View<'_> {
    /// The raw bytes a range of this view came from.
    pub fn raw(&self, r: Range<usize>) -> Range<usize> {
        match &self.spans {
            None => r,
            // Every decoder keeps the order of its input: the first byte starts the range, the
            // last ends it.
            Some(spans) if r.start < r.end && r.end <= spans.len() => {
                spans[r.start].0 as usize..spans[r.end - 1].1 as usize
            }
            Some(_) => r,
        }
    }
}

/// How many times the escape decoder is applied on top of itself (`&amp;quot;` in JSON).
const ESCAPE_DEPTH: usize = 3;

/// Whether the base64 windows of a view's text are worth making: a caller that knows what it
/// looks for can tell from the text (the base64 of a known secret has parts that do not depend
/// on where it starts); decoding every run of ordinary words as base64 is most of the cost.
pub type Base64Filter<'f> = &'f dyn Fn(&[u8]) -> bool;

/// Every base64 window is made.
pub const ALL_BASE64: Base64Filter<'static> = &|_| true;

/// Calls `visit` with every view of `raw`, the raw bytes first.
pub fn each(raw: &[u8], b64: Base64Filter, visit: &mut dyn FnMut(&View)) {
    let plain = View {
        text: std::borrow::Cow::Borrowed(raw),
        spans: None,
    };
    // A JSON file is judged by its strings (decoded); its numbers and punctuation are
    // otalint's own, and replacing any of them would break the file.
    match json_strings(raw) {
        Some(strings) => from_base(&compose(&plain, strings), b64, visit),
        None => from_base(&plain, b64, visit),
    }
    if let Some(dechunked) = dechunk(raw) {
        let v = compose(&plain, dechunked);
        from_base(&v, b64, visit);
        if let Some(g) = gunzip(&v.text) {
            from_base(&compose(&v, g), b64, visit);
        }
    }
    if let Some(g) = gunzip(raw) {
        from_base(&compose(&plain, g), b64, visit);
    }
    if std::str::from_utf8(raw).is_err() {
        from_base(&compose(&plain, latin1(raw)), b64, visit);
    }
}

const PASSES: [Escapes; 4] = [
    Escapes {
        xml: true,
        json: true,
        url: true,
        plus: false,
    },
    Escapes {
        xml: true,
        json: true,
        url: true,
        plus: true,
    },
    Escapes {
        xml: true,
        json: false,
        url: true,
        plus: false,
    },
    Escapes {
        xml: false,
        json: true,
        url: false,
        plus: false,
    },
];

/// A base view, its escape decodings and the base64 runs of each (a pass whose first
/// decoding equals an earlier pass's is not walked twice).
fn from_base(base: &View, b64: Base64Filter, visit: &mut dyn FnMut(&View)) {
    visit(base);
    with_base64(base, b64, visit);
    let mut firsts: Vec<Vec<u8>> = Vec::new();
    for escapes in PASSES {
        let mut current: Option<View> = None;
        for depth in 0..ESCAPE_DEPTH {
            let from = current.as_ref().unwrap_or(base);
            let Some(decoded) = unescape(&from.text, escapes) else {
                break;
            };
            if depth == 0 {
                if firsts.contains(&decoded.text) {
                    break;
                }
                firsts.push(decoded.text.clone());
            }
            let next = compose(from, decoded);
            visit(&next);
            if !escapes.plus {
                with_base64(&next, b64, visit);
            }
            current = Some(next);
        }
    }
}

fn with_base64(v: &View, b64: Base64Filter, visit: &mut dyn FnMut(&View)) {
    if !b64(&v.text) {
        return;
    }
    for align in 0..4 {
        if let Some(d) = base64_runs(&v.text, align) {
            visit(&compose(v, d));
        }
    }
}

/// `decoded` (relative to `parent`'s text) as a view of the raw bytes.
fn compose<'r>(parent: &View, decoded: Decoded) -> View<'r> {
    let spans = match &parent.spans {
        None => decoded.spans,
        Some(_) => decoded
            .spans
            .iter()
            .map(|&(s, e)| {
                let r = parent.raw(s as usize..(e as usize).max(s as usize + 1));
                (r.start as u32, r.end as u32)
            })
            .collect(),
    };
    View {
        text: std::borrow::Cow::Owned(decoded.text),
        spans: Some(spans),
    }
}

/// `s` with ASCII and same-length Unicode letters lower-cased, so that offsets stay true.
pub fn fold(s: &[u8]) -> Vec<u8> {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = Vec::with_capacity(s.len());
    for chunk in s.utf8_chunks() {
        for c in chunk.valid().chars() {
            let mut lower = c.to_lowercase();
            let mut buf = [0u8; 4];
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => {
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes())
                }
                _ => out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
            }
        }
        out.extend_from_slice(chunk.invalid());
    }
    out
}

#[cfg(test)]
#[path = "views_tests.rs"]
mod tests;
