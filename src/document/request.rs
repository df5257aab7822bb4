//! The request paired with a response: decoded, parsed, and its OTA payload found, or a note
//! saying why it cannot be paired (the response is still checked).

use roxmltree::{Document, Node};

use super::{EncodingProblem, Shape};
use crate::diagnostic::LineIndex;
use crate::document;

/// The paired request's text, or a note saying why it cannot be paired.
pub(crate) fn decode_request(
    name: &str,
    bytes: &[u8],
    notes: &mut Vec<String>,
) -> Option<(String, String)> {
    let decoded = document::decode(bytes);
    if let Some(EncodingProblem::Utf16Bom { .. }) = decoded.problem {
        notes.push(format!(
            "pairing not possible: the request {name} is UTF-16"
        ));
        return None;
    }
    Some((name.to_string(), decoded.text))
}

/// The paired request's document, or a note saying why it cannot be paired.
pub(crate) fn parse_request<'t>(
    name: &'t str,
    text: &str,
    parse_text: &'t str,
    notes: &mut Vec<String>,
) -> Option<(&'t str, Document<'t>)> {
    match document::parse(parse_text) {
        Ok(doc) => Some((name, doc)),
        Err(e) => {
            let at = LineIndex::new(text).position(e.span.start);
            notes.push(format!(
                "pairing not possible: the request {name} is not well-formed XML \
                 ({}:{}: {})",
                at.line, at.column, e.message
            ));
            None
        }
    }
}

/// The OTA request in a request document, bare or in a SOAP Body, or a note saying what was
/// found instead.
pub(crate) fn paired_payload<'a, 'i>(
    name: &str,
    doc: &'a Document<'i>,
    notes: &mut Vec<String>,
) -> Option<Node<'a, 'i>> {
    let found = match Shape::payload_of(doc.root_element()) {
        None => "an envelope without a payload".to_string(),
        Some(payload) => {
            let local = document::local(payload);
            if local.starts_with("OTA_") && local.ends_with("RQ") {
                return Some(payload);
            }
            format!("found `{local}`")
        }
    };
    notes.push(format!(
        "pairing not possible: {name} holds no OTA request ({found})"
    ));
    None
}
