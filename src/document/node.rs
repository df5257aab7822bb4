//! Small helpers on parsed nodes: local names, children by name, an element's own text.

use std::borrow::Cow;
use std::ops::Range;

use roxmltree::Node;

pub fn local<'a, 'i>(node: Node<'a, 'i>) -> &'a str {
    node.tag_name().name()
}

/// The first child element, if any.
pub fn first_element<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    node.children().find(Node::is_element)
}

/// Whether an element is an OTA message (`OTA_…`).
pub fn is_ota(node: Node) -> bool {
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
