//! ## What it does
//! Reports an OTA response element, or the first element inside it, that is not in the OTA
//! namespace `http://www.opentravel.org/OTA/2003/05` (content of `TPA_Extensions` may use
//! its own). It is reported once; the rest of the message is still checked by local names,
//! so a wrong namespace causes no further findings.
//!
//! ## Why it matters
//! Concur reads the response with the OTA schema: an element in no namespace, or in another
//! one, is not the element Concur looks for. The example on Concur's own HS2 error page
//! (Hotel v2 - Error Handling) shows `xmlns=""`, which puts the response in no namespace at all.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="" Status="Cancelled">
//!       <Success/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Declare the OTA namespace as the default namespace of the response element.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" Version="1.0" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use roxmltree::Node;

use super::prelude::*;
use crate::document::ns_decl_value_span;

pub static RULE: Rule = Rule {
    name: "ota-namespace",
    group: Group::Envelope,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "an OTA element not in the OTA namespace",
    data: &["namespaces.ota"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(response) = cx.response() else {
        return;
    };
    let Some(ota) = cx.facts.namespaces.ota.as_deref() else {
        return;
    };
    // The byte scan only ever settles the walk; `plain` checks the nodes alone.
    let text = (!cx.options.plain).then_some(cx.text);
    let Some(wrong) = first_outside(text, response, ota) else {
        return;
    };
    let name = local(wrong);
    // `xmlns=""` reads as the empty namespace: that is no namespace.
    let message = match wrong.tag_name().namespace().filter(|ns| !ns.is_empty()) {
        None => format!("`{name}` is in no namespace"),
        Some(ns) => format!("`{name}` is in the namespace `{ns}`"),
    };
    let name_span = cx.name_span(wrong);
    let declared = ns_decl_value_span(cx.text, wrong);
    let help = match cx.text[name_span.clone()].split_once(':') {
        // A prefix declared further up (often `soap:`) moves the element out.
        Some((prefix, _)) if declared.is_none() => format!(
            "write `{name}` without the `{prefix}:` prefix: OTA elements belong to `{ota}`, \
             the response's default namespace"
        ),
        _ => {
            let inherited = if wrong == response {
                ""
            } else {
                " (its children inherit it)"
            };
            format!(
                "OTA elements belong to `{ota}`: declare `xmlns=\"{ota}\"` on the response \
                 element{inherited}"
            )
        }
    };
    out.report(declared.unwrap_or(name_span), message)
        .label("not the OTA namespace")
        .help(help);
}

/// The response itself or, in document order, the first element under it whose namespace is
/// not the OTA one, skipping what `TPA_Extensions` holds. With the body's `text`, a byte scan
/// may settle it without the walk.
fn first_outside<'a, 'i>(
    text: Option<&str>,
    response: Node<'a, 'i>,
    ota: &str,
) -> Option<Node<'a, 'i>> {
    // roxmltree keeps one copy of each namespace URI: once the response's is known to be the
    // OTA one, comparing addresses settles nearly every element without comparing strings.
    let interned = response
        .tag_name()
        .namespace()
        .filter(|ns| *ns == ota)
        .map(str::as_ptr);
    if let Some(text) = text
        && interned.is_some()
        && inherits_throughout(text, response)
    {
        return None;
    }
    let in_ota = |node: Node| match node.tag_name().namespace() {
        Some(ns) => Some(ns.as_ptr()) == interned || ns == ota,
        None => false,
    };
    // Descendants come in document order; what a `TPA_Extensions` holds ends where it ends.
    let mut skip_until = 0;
    for node in response.descendants().filter(Node::is_element) {
        let start = node.range().start;
        if start < skip_until {
            continue;
        }
        if !in_ota(node) {
            return Some(node);
        }
        if local(node) == "TPA_Extensions" {
            skip_until = node.range().end;
        }
    }
    None
}

/// Whether every element under the response is in the response's namespace because nothing
/// in its content could move one out: no namespace declaration (`xmlns`) and no prefixed
/// element name (`<p:Name`). The parse expands no entity, so the text is all the content
/// there is. A comment or CDATA holding either only sends the rule the slow way. Two byte
/// searches cost a tenth of walking the elements of a large response.
///
/// An unprefixed child inherits the *default* namespace, which is the response's own only
/// when the response is unprefixed too: `<ota:R xmlns:ota="…"><Errors/>` puts `Errors` in no
/// namespace (or the envelope's default), so a prefixed response always takes the walk.
fn inherits_throughout(text: &str, response: Node) -> bool {
    let name_start = response.range().start + 1;
    let name = &text.as_bytes()[name_start.min(text.len())..];
    let name_end = name
        .iter()
        .position(|b| b" \t\r\n/>".contains(b))
        .unwrap_or(name.len());
    if name[..name_end].contains(&b':') {
        return false;
    }
    let (Some(first), Some(last)) = (response.first_child(), response.last_child()) else {
        return true;
    };
    let content = &text.as_bytes()[first.range().start..last.range().end];
    // One searcher for every file: building it costs more than a small file's search.
    static XMLNS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("xmlns"));
    XMLNS.find(content).is_none()
        && !memchr::memchr_iter(b':', content).any(|colon| prefixes_element(content, colon))
}

/// Whether the `:` at `colon` follows an element name's prefix: `<p:` or `</p:`.
fn prefixes_element(content: &[u8], colon: usize) -> bool {
    let name_start = content[..colon]
        .iter()
        .rposition(|b| b" \t\r\n<>/=\"'&;!?[]".contains(b))
        .map_or(0, |i| i + 1);
    if name_start == colon || name_start == 0 {
        return false;
    }
    match content[name_start - 1] {
        b'<' => true,
        b'/' => name_start >= 2 && content[name_start - 2] == b'<',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inherits(xml: &str) -> bool {
        let doc = roxmltree::Document::parse(xml).expect("well-formed");
        inherits_throughout(xml, doc.root_element())
    }

    #[test]
    fn only_a_declaration_or_a_prefixed_element_can_move_an_element_out() {
        assert!(inherits("<R xmlns='o'><A T='12:30' U='http://x'>at 10:00</A></R>"));
        assert!(inherits("<R xmlns='o'><A xml:lang='en'/><!-- a <b --></R>"));
        assert!(inherits("<R xmlns='o'/>"));
        assert!(!inherits("<R xmlns='o'><A xmlns=''/></R>"));
        assert!(!inherits("<R xmlns='o' xmlns:p='q'><p:A/></R>"));
        assert!(!inherits("<R xmlns='o' xmlns:p='q'>\n<A>t</A><p:A>t</p:A></R>"));
        // A comment that looks like either only sends the rule the slow way.
        assert!(!inherits("<R xmlns='o'><!-- <p:A> --></R>"));
        // Unprefixed children of a prefixed response inherit the default namespace, not its.
        assert!(!inherits("<o:R xmlns:o='o'><Errors/></o:R>"));
        assert!(!inherits("<o:R xmlns:o='o'/>"));
    }

    #[test]
    fn a_colon_prefixes_an_element_only_right_after_its_open_or_close() {
        let at = |s: &str| s.find(':').expect("a colon");
        for yes in ["<p:A", "x</p:A", "<ns1:A"] {
            assert!(prefixes_element(yes.as_bytes(), at(yes)), "{yes}");
        }
        for no in ["p:A", "a b:c", "T=\"1:2", "<:A", "<?p:i", "<!p:A"] {
            assert!(!prefixes_element(no.as_bytes(), at(no)), "{no}");
        }
    }
}
