//! ## What it does
//! Reports an OTA response element, or the first element inside it, that is not in the OTA
//! namespace `http://www.opentravel.org/OTA/2003/05` (content of `TPA_Extensions` may use
//! its own). It is reported once; the rest of the message is still checked by local names,
//! so a wrong namespace causes no further findings.
//!
//! ## Why it matters
//! Concur reads the response with the OTA schema: an element in no namespace, or in another
//! one, is not the element Concur looks for. The example on Concur's own HS2 error page
//! (seed 002) shows `xmlns=""`, which puts the response in no namespace at all.
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
    let Some(wrong) = first_outside(response, ota) else {
        return;
    };
    let name = local(wrong);
    let message = match wrong.tag_name().namespace() {
        None => format!("`{name}` is in no namespace"),
        Some(ns) => format!("`{name}` is in the namespace `{ns}`"),
    };
    let span = ns_decl_value_span(cx.text, wrong).unwrap_or_else(|| cx.name_span(wrong));
    let inherited = if wrong == response {
        String::new()
    } else {
        " (its children inherit it)".to_string()
    };
    out.report(span, message)
        .label("not the OTA namespace")
        .help(format!(
            "OTA elements belong to `{ota}`: declare `xmlns=\"{ota}\"` on the response \
             element{inherited}"
        ));
}

/// The response itself or, in document order, the first element under it whose namespace is
/// not the OTA one, skipping what `TPA_Extensions` holds.
fn first_outside<'a, 'i>(response: Node<'a, 'i>, ota: &str) -> Option<Node<'a, 'i>> {
    // roxmltree keeps one copy of each namespace URI: once the response's is known to be the
    // OTA one, comparing addresses settles nearly every element without comparing strings.
    let interned = response
        .tag_name()
        .namespace()
        .filter(|ns| *ns == ota)
        .map(str::as_ptr);
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
