//! Spans: the smallest range of the text that names what a finding is about, and the path
//! of the element at an offset.

use std::ops::Range;

use roxmltree::{Document, Node};

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

/// normalization. Returns `None` when the raw text does not decode to `decoded`.
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

/// [`element_path`] of every offset, in one walk down the document: `offsets` ascending (a
/// file's sorted findings). Each element's children are stepped through once for all offsets,
/// where asking offset by offset steps through the siblings before each one again — quadratic
/// on a response of 100,000 `RoomStay`s with a finding each.
pub fn element_paths(doc: &Document, offsets: &[usize]) -> Vec<String> {
    /// An element on the way down: its path, the next child not yet passed, and how many
    /// children of each name were passed.
    struct Frame<'a, 'input> {
        node: Node<'a, 'input>,
        path: String,
        next: Option<Node<'a, 'input>>,
        seen: std::collections::HashMap<&'a str, usize>,
    }
    fn frame<'a, 'input>(node: Node<'a, 'input>, path: String) -> Frame<'a, 'input> {
        Frame {
            node,
            path,
            next: node.first_element_child(),
            seen: std::collections::HashMap::new(),
        }
    }
    let root = doc.root_element();
    let mut stack = vec![frame(root, format!("/{}", root.tag_name().name()))];
    let mut out = Vec::with_capacity(offsets.len());
    for &offset in offsets {
        if !root.range().contains(&offset) {
            out.push(String::new());
            continue;
        }
        while stack.len() > 1
            && stack
                .last()
                .is_some_and(|f| !f.node.range().contains(&offset))
        {
            stack.pop();
        }
        while let Some(top) = stack.last_mut() {
            let Some(child) = top.next.filter(|c| c.range().start <= offset) else {
                break;
            };
            let name = child.tag_name().name();
            let before = top.seen.entry(name).or_insert(0);
            let index = *before;
            *before += 1;
            top.next = child.next_sibling_element();
            if child.range().contains(&offset) {
                let mut path = format!("{}/{name}", top.path);
                if index > 0 {
                    path.push_str(&format!("[{}]", index + 1));
                }
                stack.push(frame(child, path));
            }
        }
        out.push(stack.last().map_or_else(String::new, |f| f.path.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn element_paths_in_one_walk_are_the_paths_one_by_one() {
        let text = "<a><b/><c><b/><b>x</b><d><b/></d></c><b>y</b><c/></a>";
        let doc = Document::parse(text).expect("parses");
        let mut offsets: Vec<usize> = (0..text.len() + 3).collect();
        offsets.extend([4, 4, 20, text.len()]);
        offsets.sort_unstable();
        let one_by_one: Vec<String> = offsets.iter().map(|&o| element_path(&doc, o)).collect();
        assert_eq!(element_paths(&doc, &offsets), one_by_one);
        assert!(one_by_one.contains(&"/a/b[2]".to_string()));
        assert!(one_by_one.contains(&"/a/c/d/b".to_string()));
    }
}
