//! From bytes to a parsed message: decoding, the prolog, parsing, and the message's shape
//! (SOAP envelope, body, OTA payload, `Errors`), located once and shared by every rule.

use std::borrow::Cow;
use std::ops::Range;

use roxmltree::{Document, Node, ParsingOptions};

use crate::diagnostic::LineIndex;
use crate::profile::Profile;

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
    let end = body.find("?>")?;
    let decl = &body[..end];
    let at = decl.find("encoding")?;
    let after = &decl[at + "encoding".len()..];
    let eq = after.find('=')?;
    let value = after[eq + 1..].trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &value[1..];
    let close = inner.find(quote)?;
    let start = base + (decl.len() - value.len()) + 1;
    Some((start..start + close, inner[..close].to_string()))
}

/// What the prolog holds: the DOCTYPE's span and the root element's name.
#[derive(Debug, Default)]
pub struct Prolog<'t> {
    pub doctype: Option<Range<usize>>,
    pub root: Option<&'t str>,
}

/// Scans the prolog, skipping the declaration, processing instructions and comments.
pub fn prolog(text: &str) -> Prolog<'_> {
    let mut out = Prolog::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off;
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
        } else if rest.starts_with("<?") {
            i += rest.find("?>").map_or(rest.len(), |e| e + 2);
        } else if let Some(decl) = rest.strip_prefix("<!") {
            let len = skip_declaration(rest);
            if decl.starts_with("DOCTYPE") && out.doctype.is_none() {
                out.doctype = Some(i..i + len);
            }
            i += len;
        } else {
            let name = &rest[1..];
            let end = name
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>' || c == '<')
                .unwrap_or(name.len());
            out.root = (end > 0).then(|| &name[..end]);
            break;
        }
    }
    out
}

/// Length of a `<!...>` declaration such as a DOCTYPE, internal subset and quotes included.
fn skip_declaration(rest: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.saturating_sub(1),
            (None, '>') if depth == 0 => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

/// Why a document could not be parsed, at a byte span of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseFailure {
    pub message: String,
    pub span: Range<usize>,
}

/// The text the parser reads: the DOCTYPE, when there is one, replaced by spaces of the same
/// length so that offsets stay file offsets and no entity is ever expanded or fetched.
pub fn parse_text<'t>(text: &'t str, doctype: Option<&Range<usize>>) -> Cow<'t, str> {
    match doctype {
        None => Cow::Borrowed(text),
        Some(span) => {
            let mut s = String::with_capacity(text.len());
            s.push_str(&text[..span.start]);
            s.extend(
                text[span.clone()]
                    .bytes()
                    .map(|b| if b == b'\n' { '\n' } else { ' ' }),
            );
            s.push_str(&text[span.end..]);
            Cow::Owned(s)
        }
    }
}

pub fn parse(text: &str) -> Result<Document<'_>, ParseFailure> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| failure(text, &e))
}

fn failure(text: &str, e: &roxmltree::Error) -> ParseFailure {
    use roxmltree::Error as E;
    let trimmed = text.trim_end().len();
    match e {
        E::NoRootNode if text.trim().is_empty() => ParseFailure {
            message: "the document is empty".to_string(),
            span: 0..0,
        },
        E::NoRootNode | E::UnclosedRootNode => ParseFailure {
            message: if matches!(e, E::NoRootNode) {
                "the document ends before its root element is complete".to_string()
            } else {
                "the root element is never closed".to_string()
            },
            span: trimmed..trimmed,
        },
        _ => {
            let pos = e.pos();
            let offset = LineIndex::new(text).offset(pos.row as usize, pos.col as usize);
            let found = text[offset..].chars().next();
            let len = found.map_or(0, char::len_utf8);
            // roxmltree names the byte it found; name the character instead.
            let expected = match e {
                E::InvalidChar(expected, _, _) => Some(format!("`{}`", *expected as char)),
                E::InvalidChar2(expected, _, _) => Some((*expected).to_string()),
                _ => None,
            };
            match (e, expected, found) {
                (E::UnexpectedCloseTag(expected, actual, _), _, _) => {
                    // Point at the name in the close tag, as other parsers do.
                    let name = offset + 2;
                    let span = if text[offset..].starts_with("</") {
                        name..(name + actual.len()).min(text.len())
                    } else {
                        offset..offset + len
                    };
                    ParseFailure {
                        message: format!(
                            "the close tag `</{actual}>` does not match the open element `{expected}`"
                        ),
                        span,
                    }
                }
                (_, Some(expected), Some(found)) => ParseFailure {
                    message: format!("expected {expected}, found `{found}`{}", quote_hint(found)),
                    span: offset..offset + len,
                },
                _ => ParseFailure {
                    message: strip_position(&e.to_string()),
                    span: offset..offset + len,
                },
            }
        }
    }
}

/// Typographic quotes, pasted from a word processor, are a common cause of broken XML.
fn quote_hint(found: char) -> &'static str {
    match found {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2018}' | '\u{2019}' | '\u{00AB}'
        | '\u{00BB}' => " (a typographic quote; XML needs a straight `\"` or `'`)",
        _ => "",
    }
}

/// roxmltree's messages end in (or contain) ` at ROW:COL`; the span carries that already.
fn strip_position(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        let tail = &rest[at + 4..];
        let digits = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(tail.len());
        if digits > 0 && tail[..digits].contains(':') {
            out.push_str(&rest[..at]);
            rest = &tail[digits..];
        } else {
            out.push_str(&rest[..at + 4]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// The message's shape
// ---------------------------------------------------------------------------------------------

/// The parts of a message the rules look at, found once. Where a part is missing, the reason
/// is recorded here and the parts after it stay empty, so that rules downstream of a root
/// cause stay silent (one cause, one finding).
pub struct Shape<'a, 'i> {
    pub doc: &'a Document<'i>,
    pub root: Node<'a, 'i>,
    pub envelope: Option<Node<'a, 'i>>,
    /// `hs2` was applied to a root that is not an `Envelope`.
    pub envelope_missing: bool,
    /// The Envelope has no `Body`.
    pub body_missing: bool,
    pub body: Option<Node<'a, 'i>>,
    pub fault: Option<Node<'a, 'i>>,
    /// No OTA payload: the node to label (the Body, a foreign child, or the root).
    pub payload_missing: Option<Node<'a, 'i>>,
    /// Elements in the Body beside the payload.
    pub extra_payloads: Vec<Node<'a, 'i>>,
    /// The OTA message element, request or response.
    pub payload: Option<Node<'a, 'i>>,
    /// The payload is a request (`…RQ`) and is not checked further.
    pub request: Option<Node<'a, 'i>>,
    /// The payload, when it is a response whose content is checked.
    pub response: Option<Node<'a, 'i>>,
    /// `Errors` children of the response, in document order.
    pub errors: Vec<Node<'a, 'i>>,
    pub success: Option<Node<'a, 'i>>,
    pub warnings: Vec<Node<'a, 'i>>,
    /// `InfoGroup` children of an XX/1 response, in document order.
    pub infogroups: Vec<Node<'a, 'i>>,
}

impl<'a, 'i> Shape<'a, 'i> {
    pub fn new(doc: &'a Document<'i>, profile: Profile) -> Self {
        let root = doc.root_element();
        let mut s = Shape {
            doc,
            root,
            envelope: None,
            envelope_missing: false,
            body_missing: false,
            body: None,
            fault: None,
            payload_missing: None,
            extra_payloads: Vec::new(),
            payload: None,
            request: None,
            response: None,
            errors: Vec::new(),
            success: None,
            warnings: Vec::new(),
            infogroups: Vec::new(),
        };
        let payload = match profile {
            Profile::Hs2 if local(root) == "Envelope" => {
                s.envelope = Some(root);
                let Some(body) = child(root, "Body") else {
                    s.body_missing = true;
                    return s;
                };
                s.body = Some(body);
                let kids: Vec<_> = body.children().filter(Node::is_element).collect();
                if let Some(fault) = kids.iter().find(|n| local(**n) == "Fault") {
                    s.fault = Some(*fault);
                    return s;
                }
                let Some(payload) = kids.iter().copied().find(|n| is_ota(*n)) else {
                    s.payload_missing = Some(kids.first().copied().unwrap_or(body));
                    return s;
                };
                s.extra_payloads = kids.into_iter().filter(|n| *n != payload).collect();
                payload
            }
            Profile::Hs2 => {
                s.envelope_missing = true;
                if !is_ota(root) {
                    return s;
                }
                root
            }
            Profile::Hs1 => {
                if !is_ota(root) {
                    s.payload_missing = Some(root);
                    return s;
                }
                root
            }
            // A JSON contract has no XML shape; a Concur web-service error body is read
            // from its root by its own rule.
            Profile::Hs4 | Profile::ConcurWs => return s,
            Profile::Xx1 => {
                // Bare, in a SOAP Body, or in the `XXTransactionResponse`/`RSP` wrapper.
                let mut message = root;
                if local(message) == "Envelope" {
                    message = child(message, "Body")
                        .and_then(first_element)
                        .unwrap_or(message);
                }
                if local(message) == "XXTransactionResponse" {
                    message = child(message, "RSP")
                        .and_then(first_element)
                        .unwrap_or(message);
                }
                s.payload = Some(message);
                s.response = Some(message);
                s.infogroups = children(message, "InfoGroup").collect();
                return s;
            }
        };
        s.payload = Some(payload);
        let name = local(payload);
        if name.ends_with("RQ") {
            s.request = Some(payload);
            return s;
        }
        if !name.ends_with("RS") {
            s.payload_missing = Some(payload);
            return s;
        }
        s.response = Some(payload);
        for c in payload.children().filter(Node::is_element) {
            match local(c) {
                "Errors" => s.errors.push(c),
                "Success" if s.success.is_none() => s.success = Some(c),
                "Warnings" => s.warnings.push(c),
                _ => {}
            }
        }
        s
    }

    /// The `Error` Concur reads: the first one of the first `Errors`.
    pub fn first_error(&self) -> Option<Node<'a, 'i>> {
        self.errors.first().and_then(|e| child(*e, "Error"))
    }

    /// Every `Error` of every `Errors`, in document order.
    pub fn all_errors(&self) -> impl Iterator<Item = Node<'a, 'i>> + '_ {
        self.errors.iter().flat_map(|e| children(*e, "Error"))
    }
}

pub fn local<'a, 'i>(node: Node<'a, 'i>) -> &'a str {
    node.tag_name().name()
}

/// The first child element, if any.
pub fn first_element<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    node.children().find(Node::is_element)
}

fn is_ota(node: Node) -> bool {
    local(node).starts_with("OTA_")
}

/// The first child element with this local name, in any namespace.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && local(*c) == name)
}

pub fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && local(*c) == name)
}

// ---------------------------------------------------------------------------------------------
// Spans
// ---------------------------------------------------------------------------------------------

/// The qualified name in an element's start tag: the smallest span that names the element.
pub fn name_span(text: &str, node: Node) -> Range<usize> {
    let start = node.range().start + 1;
    let rest = text.get(start..).unwrap_or("");
    let len = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    start..start + len
}

/// The whole start tag, `<` to `>`.
pub fn start_tag_span(text: &str, node: Node) -> Range<usize> {
    let start = node.range().start;
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return start..start + i + 1,
            _ => {}
        }
    }
    node.range()
}

/// The span of an attribute's value (inside the quotes), or of the element's name when the
/// attribute is absent.
pub fn attr_value_span(text: &str, node: Node, name: &str) -> Range<usize> {
    node.attribute_node(name)
        .map_or_else(|| name_span(text, node), |a| a.range_value())
}

/// The value span of the namespace declaration that gives this element its namespace
/// (`xmlns="…"` or `xmlns:p="…"`), when it is written on the element itself.
pub fn ns_decl_value_span(text: &str, node: Node) -> Option<Range<usize>> {
    let qname = &text[name_span(text, node)];
    let attr = match qname.split_once(':') {
        Some((prefix, _)) => format!("xmlns:{prefix}"),
        None => "xmlns".to_string(),
    };
    let tag = start_tag_span(text, node);
    let tag_text = &text[tag.clone()];
    let mut from = 0;
    while let Some(at) = tag_text[from..].find(&attr) {
        let at = from + at;
        let before_ok = tag_text[..at].ends_with(char::is_whitespace);
        let rest = &tag_text[at + attr.len()..];
        let after = rest.trim_start();
        if before_ok && after.starts_with('=') {
            let value = after[1..].trim_start();
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let start = tag.start + (tag_text.len() - value.len()) + 1;
            let len = value[1..].find(quote)?;
            return Some(start..start + len);
        }
        from = at + attr.len();
    }
    None
}

/// The element's own text (its text children, concatenated) and the raw span of its first
/// non-blank text child.
pub fn element_text<'a>(node: Node<'a, '_>) -> (Cow<'a, str>, Option<Range<usize>>) {
    let mut texts = node.children().filter(Node::is_text);
    let Some(first) = texts.next() else {
        return (Cow::Borrowed(""), None);
    };
    let mut span = None;
    let mut all = Cow::Borrowed(first.text().unwrap_or(""));
    if !all.trim().is_empty() {
        span = Some(first.range());
    }
    for t in texts {
        let s = t.text().unwrap_or("");
        if span.is_none() && !s.trim().is_empty() {
            span = Some(t.range());
        }
        all.to_mut().push_str(s);
    }
    (all, span)
}

/// Maps a byte range of a decoded value (text or attribute value) back to the raw source
/// span it came from, undoing entity and character references, CDATA sections and line-end
/// normalization. Returns `None` when the raw text does not decode to `decoded`.
pub fn raw_span(
    raw: &str,
    raw_start: usize,
    decoded: &str,
    range: Range<usize>,
) -> Option<Range<usize>> {
    // Walk the raw text, producing decoded bytes and remembering where each came from.
    let mut map = Vec::with_capacity(decoded.len() + 1);
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // `i` steps through bytes, so compare bytes: it may stand inside a character.
        if bytes[i..].starts_with(b"<![CDATA[") {
            let inner = i + 9;
            let end = raw[inner..].find("]]>").map_or(raw.len(), |e| inner + e);
            for k in inner..end {
                map.push(k);
            }
            i = (end + 3).min(raw.len());
        } else if bytes[i] == b'&' {
            let end = raw[i..].find(';').map(|e| i + e + 1)?;
            let produced = decode_reference(&raw[i..end])?;
            for _ in 0..produced {
                map.push(i);
            }
            i = end;
        } else if bytes[i] == b'\r' {
            map.push(i);
            i += if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        } else {
            // A plain byte decodes to itself (attribute values turn whitespace into spaces).
            let want = *decoded.as_bytes().get(map.len())?;
            let ok = want == bytes[i] || (want == b' ' && matches!(bytes[i], b'\t' | b'\n'));
            if !ok {
                return None;
            }
            map.push(i);
            i += 1;
        }
    }
    if map.len() != decoded.len() {
        return None;
    }
    map.push(raw.len());
    let start = *map.get(range.start)?;
    let end = if range.end == range.start {
        start
    } else {
        // The raw end of the last decoded byte in the range.
        let last = *map.get(range.end - 1)?;
        let next = *map.get(range.end)?;
        if next > last { next } else { last + 1 }
    };
    Some(raw_start + start..raw_start + end)
}

/// How many UTF-8 bytes a reference like `&lt;` or `&#x20AC;` decodes to.
fn decode_reference(r: &str) -> Option<usize> {
    let name = r.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(value).map(char::len_utf8);
    }
    matches!(name, "lt" | "gt" | "amp" | "apos" | "quot").then_some(1)
}

/// The path of the innermost element whose range holds `offset`, by local names with an index
/// among same-named siblings where it is not the first (`/Envelope/Body/OTA_X/Errors/Error[2]`);
/// empty when the offset is outside the root element. It names a place independently of lines.
pub fn element_path(doc: &Document, offset: usize) -> String {
    let mut node = doc.root_element();
    if !node.range().contains(&offset) {
        return String::new();
    }
    let mut path = format!("/{}", node.tag_name().name());
    loop {
        let inner = node
            .children()
            .filter(Node::is_element)
            .take_while(|c| c.range().start <= offset)
            .find(|c| c.range().contains(&offset));
        let Some(child) = inner else {
            return path;
        };
        let name = child.tag_name().name();
        let before =
            std::iter::successors(child.prev_sibling_element(), |n| n.prev_sibling_element())
                .filter(|n| n.tag_name().name() == name)
                .count();
        path.push('/');
        path.push_str(name);
        if before > 0 {
            path.push_str(&format!("[{}]", before + 1));
        }
        node = child;
    }
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

    #[test]
    fn prolog_finds_doctype_and_root() {
        let t =
            "<?xml version='1.0'?>\n<!-- <x> -->\n<!DOCTYPE a [<!ENTITY e '>'>]>\n<s:Envelope/>";
        let p = prolog(t);
        assert_eq!(p.root, Some("s:Envelope"));
        let span = p.doctype.expect("doctype");
        assert!(t[span.clone()].starts_with("<!DOCTYPE") && t[span].ends_with("]>"));
    }

    #[test]
    fn parse_errors_have_positions() {
        let e = parse("<a>\n  </b>").expect_err("mismatch");
        assert_eq!(e.span, 8..9, "the name in the close tag");
        let e = parse("<a x=\u{201D}1\u{201D}/>").expect_err("curly quote");
        assert!(
            e.message.contains("found `\u{201D}` (a typographic quote"),
            "{}",
            e.message
        );
        assert_eq!(e.span, 5..8);
        assert!(!e.message.contains(" at 2:"), "{}", e.message);
        assert_eq!(
            parse("  \n").expect_err("empty").message,
            "the document is empty"
        );
        assert_eq!(parse("<a><b>").expect_err("unclosed").span, 6..6);
    }

    #[test]
    fn namespace_declarations_are_found() {
        let t = r#"<s:Envelope xmlns:x="a" xmlns:s = 'urn:s'><b xmlns=""/></s:Envelope>"#;
        let doc = roxmltree::Document::parse(t).expect("parses");
        let root = doc.root_element();
        assert_eq!(&t[ns_decl_value_span(t, root).expect("s")], "urn:s");
        let b = root.first_element_child().expect("b");
        assert_eq!(ns_decl_value_span(t, b), Some(52..52));
    }

    #[test]
    fn raw_spans_undo_escapes() {
        let raw = "a&lt;b&gt;&#x20AC;\r\nc";
        let decoded = "a<b>€\nc";
        let find = |needle: &str| {
            let at = decoded.find(needle).expect("needle");
            let r = raw_span(raw, 100, decoded, at..at + needle.len()).expect("maps");
            raw[r.start - 100..r.end - 100].to_string()
        };
        assert_eq!(find("<b>"), "&lt;b&gt;");
        assert_eq!(find("€"), "&#x20AC;");
        assert_eq!(find("c"), "c");
        assert_eq!(find("\n"), "\r\n");
        assert!(raw_span("x", 0, "y", 0..1).is_none());
        // Found by fuzzing: stepping through the bytes of a multi-byte character.
        let raw = "PMS Zürich and more";
        assert_eq!(raw_span(raw, 0, raw, 5..7), Some(5..7));
        assert_eq!(raw_span(raw, 0, raw, 10..raw.len()), Some(10..raw.len()));
    }

    #[test]
    fn element_paths_name_the_innermost_element_by_position_among_namesakes() {
        let text = "<a><b/><c><b/><b>x</b></c></a>";
        let doc = Document::parse(text).expect("parses");
        let at = |needle: &str| element_path(&doc, text.find(needle).expect("needle"));
        assert_eq!(at("x"), "/a/c/b[2]");
        assert_eq!(at("<c>"), "/a/c");
        assert_eq!(at("<b/><c>"), "/a/b");
        assert_eq!(element_path(&doc, text.len() + 5), "");
    }
}
