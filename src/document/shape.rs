//! The message's shape: SOAP envelope, body, OTA payload, `Errors`, located once and shared
//! by every rule.

use roxmltree::{Document, Node};

use super::node::{child, children, first_element, is_ota, local};
use crate::profile::Profile;

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
    /// The checked payload, when it is itself a request (`…RQ`); it is not checked further.
    /// Not to be confused with [`crate::rule::Context::paired_request`].
    pub request_payload: Option<Node<'a, 'i>>,
    /// The payload, when it is a response whose content is checked.
    pub response: Option<Node<'a, 'i>>,
    /// `Errors` children of the response, in document order.
    pub errors: Vec<Node<'a, 'i>>,
    pub success: Option<Node<'a, 'i>>,
    pub warnings: Vec<Node<'a, 'i>>,
    /// `InfoGroup` children of an XX/1 response, in document order.
    pub infogroups: Vec<Node<'a, 'i>>,
    /// The root, when the document is a fragment of OTA error content (`Errors`, `Warnings`,
    /// or an `Error` with OTA's attributes) that suppliers keep as templates: its errors and
    /// warnings are checked, nothing that needs a whole message is.
    pub fragment: Option<Node<'a, 'i>>,
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
            request_payload: None,
            response: None,
            errors: Vec::new(),
            success: None,
            warnings: Vec::new(),
            infogroups: Vec::new(),
            fragment: None,
        };
        if matches!(profile, Profile::Hs2 | Profile::Hs1) && Shape::is_fragment(root) {
            s.fragment = Some(root);
            match local(root) {
                "Errors" => s.errors.push(root),
                "Warnings" => s.warnings.push(root),
                // A bare `Error`: its parent, the document, stands for `Errors`.
                _ => s.errors.push(doc.root()),
            }
            return s;
        }
        let payload = match profile {
            Profile::Hs2 if local(root) == "Envelope" => match s.open_envelope(root) {
                Some(payload) => payload,
                None => return s,
            },
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
                let mut message = Shape::payload_of(root).unwrap_or(root);
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
        s.read_payload(payload);
        s
    }

    /// Whether a root is OTA error content alone: `Errors`, `Warnings`, or an `Error` with
    /// OTA's `Type`, `Code` or `ShortText` (a Concur web-service `Error` has none of them).
    pub fn is_fragment(root: Node) -> bool {
        match local(root) {
            "Errors" | "Warnings" => true,
            "Error" => ["Type", "Code", "ShortText"]
                .iter()
                .any(|a| root.has_attribute(*a)),
            _ => false,
        }
    }

    /// The message of a document: the first element of a SOAP envelope's `Body`, or the root
    /// of a bare message; `None` for an envelope without one. Detection, request pairing and
    /// the XX/1 shape read it; the HS2 shape looks closer ([`Shape::open_envelope`]).
    pub fn payload_of(root: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        if local(root) == "Envelope" {
            child(root, "Body").and_then(first_element)
        } else {
            Some(root)
        }
    }

    /// Finds the OTA payload in an HS2 envelope, recording the `Body`, a `Fault` or what
    /// stands beside the payload; `None` when there is no payload to read.
    fn open_envelope(&mut self, root: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        self.envelope = Some(root);
        let Some(body) = child(root, "Body") else {
            self.body_missing = true;
            return None;
        };
        self.body = Some(body);
        let kids: Vec<_> = body.children().filter(Node::is_element).collect();
        if let Some(fault) = kids.iter().find(|n| local(**n) == "Fault") {
            self.fault = Some(*fault);
            return None;
        }
        let Some(payload) = kids.iter().copied().find(|n| is_ota(*n)) else {
            self.payload_missing = Some(kids.first().copied().unwrap_or(body));
            return None;
        };
        self.extra_payloads = kids.into_iter().filter(|n| *n != payload).collect();
        Some(payload)
    }

    /// Reads an OTA payload: a request is not checked further; a response's `Errors`,
    /// `Success` and `Warnings` are found.
    fn read_payload(&mut self, payload: Node<'a, 'i>) {
        self.payload = Some(payload);
        let name = local(payload);
        if name.ends_with("RQ") {
            self.request_payload = Some(payload);
            return;
        }
        if !name.ends_with("RS") {
            self.payload_missing = Some(payload);
            return;
        }
        self.response = Some(payload);
        for c in payload.children().filter(Node::is_element) {
            match local(c) {
                "Errors" => self.errors.push(c),
                "Success" if self.success.is_none() => self.success = Some(c),
                "Warnings" => self.warnings.push(c),
                _ => {}
            }
        }
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
