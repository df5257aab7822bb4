//! The prolog, read before (and without) parsing: the DOCTYPE and the root element's name,
//! which also works on documents too broken to parse.

use std::borrow::Cow;
use std::ops::Range;

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
            i += find_pair(rest.as_bytes(), *b"?>").map_or(rest.len(), |e| e + 2);
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

/// Where `pair` first occurs in `hay`: a one-byte search for its first byte, then a look at
/// the byte after. On the few dozen bytes of a declaration this costs a fraction of building a
/// substring searcher, which every file would pay.
pub(super) fn find_pair(hay: &[u8], pair: [u8; 2]) -> Option<usize> {
    memchr::memchr_iter(pair[0], hay).find(|&i| hay.get(i + 1) == Some(&pair[1]))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_found_where_it_first_starts() {
        assert_eq!(find_pair(b"a?b??>c?>", *b"?>"), Some(4));
        assert_eq!(find_pair(b"?", *b"?>"), None);
        assert_eq!(find_pair(b"", *b"?>"), None);
        assert_eq!(find_pair(b">?", *b"?>"), None);
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
}
