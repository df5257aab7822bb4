//! Linting one body: decode, detect the profile, parse once, run the rules.

use roxmltree::{Document, Node};

use crate::diagnostic::Diagnostic;
use crate::document::{self, EncodingProblem, Shape};
use crate::profile::{Detection, Profile, ProfileSet, detect, refine};
use crate::rules::{Context, LintOptions, RuleSet};

/// The outcome of checking one body.
pub struct Checked {
    pub detection: Detection,
    /// Whether a request was paired with the response.
    pub paired: bool,
    /// Things the user should know that are not findings, such as why pairing failed.
    pub notes: Vec<String>,
    /// The body as text, same byte length as the input; diagnostics' spans index into it.
    pub text: String,
    /// Sorted by position, then rule name.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything that is the same for every file of a run.
pub struct Linter {
    pub profiles: ProfileSet,
    pub rules: RuleSet,
    pub options: LintOptions,
    /// A profile forced for every file, instead of detection.
    pub forced: Option<Profile>,
}

impl Linter {
    pub fn new(profiles: ProfileSet) -> Self {
        Linter {
            profiles,
            rules: RuleSet::default(),
            options: LintOptions::default(),
            forced: None,
        }
    }

    pub fn check(&self, bytes: &[u8]) -> Checked {
        self.check_pair(bytes, None)
    }

    /// Checks a response, paired with its request when one is given (`(name, bytes)`).
    pub fn check_pair(&self, bytes: &[u8], request: Option<(&str, &[u8])>) -> Checked {
        let mut notes = Vec::new();
        let request_text = request.map(|(name, bytes)| (name, document::decode(bytes)));
        let request_text = request_text.and_then(|(name, decoded)| match decoded.problem {
            Some(EncodingProblem::Utf16Bom { .. }) => {
                notes.push(format!(
                    "pairing not possible: the request {name} is UTF-16"
                ));
                None
            }
            _ => Some((name, decoded.text)),
        });
        let request_parse = request_text.as_ref().map(|(name, text)| {
            let doctype = document::prolog(text).doctype;
            (*name, text, document::parse_text(text, doctype.as_ref()))
        });
        let request_doc = request_parse.as_ref().and_then(|(name, text, parse_text)| {
            match document::parse(parse_text) {
                Ok(doc) => Some(doc),
                Err(e) => {
                    let at = crate::diagnostic::LineIndex::new(text).position(e.span.start);
                    notes.push(format!(
                        "pairing not possible: the request {name} is not well-formed XML \
                         ({}:{}: {})",
                        at.line, at.column, e.message
                    ));
                    None
                }
            }
        });
        let request_node = request_doc
            .as_ref()
            .and_then(|doc| match request_payload(doc) {
                Ok(node) => Some(node),
                Err(found) => {
                    let name = request.map_or("", |r| r.0);
                    notes.push(format!(
                        "pairing not possible: {name} holds no OTA request ({found})"
                    ));
                    None
                }
            });
        let decoded = document::decode(bytes);
        let text = decoded.text;
        let prolog = document::prolog(&text);
        let mut detection = match self.forced {
            Some(profile) => Detection {
                profile,
                reason: "forced with --profile".to_string(),
            },
            None => detect(prolog.root),
        };
        // A UTF-16 body is not read further: every offset would be wrong.
        let readable = !matches!(decoded.problem, Some(EncodingProblem::Utf16Bom { .. }));
        let parse_text = document::parse_text(&text, prolog.doctype.as_ref());
        let parsed = readable.then(|| document::parse(&parse_text));
        if let (None, Some(Ok(doc))) = (self.forced, &parsed) {
            detection = refine(detection, doc);
        }
        let facts = self.profiles.facts(detection.profile);
        let shape = match &parsed {
            Some(Ok(doc)) => Some(Shape::new(doc, detection.profile)),
            _ => None,
        };
        let cx = Context {
            text: &text,
            profile: detection.profile,
            facts,
            options: &self.options,
            encoding: decoded.problem.as_ref(),
            doctype: prolog.doctype.as_ref(),
            parse_error: parsed.as_ref().and_then(|p| p.as_ref().err()),
            shape: shape.as_ref(),
            request: request_node,
        };
        let mut diagnostics = Vec::new();
        self.rules.run(&cx, &mut diagnostics);
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        drop(shape);
        drop(parsed);
        drop(parse_text);
        let paired = request_node.is_some();
        drop(request_doc);
        drop(request_parse);
        Checked {
            detection,
            paired,
            notes,
            text,
            diagnostics,
        }
    }
}

/// The OTA request in a request document: bare, or in a SOAP Body. On failure, what was
/// found instead.
fn request_payload<'a, 'i>(doc: &'a Document<'i>) -> Result<Node<'a, 'i>, String> {
    let root = doc.root_element();
    let payload = if document::local(root) == "Envelope" {
        document::child(root, "Body")
            .and_then(|b| b.children().find(|c| c.is_element()))
            .ok_or_else(|| "an envelope without a payload".to_string())?
    } else {
        root
    };
    let name = document::local(payload);
    if name.starts_with("OTA_") && name.ends_with("RQ") {
        Ok(payload)
    } else {
        Err(format!("found `{name}`"))
    }
}
