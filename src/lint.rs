//! Linting: a file is split into units (one body each, with its HTTP facts and request); each
//! body is decoded, its profile detected, parsed once, and every rule run on it.

use std::borrow::Cow;

use roxmltree::{Document, Node};

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::document::{self, EncodingProblem, ParseFailure, Shape};
use crate::input::json_spans::{Spans, spans};
use crate::input::{self, HttpFacts, InputKind, Limits, Unit};
use crate::profile::{Detection, Profile, ProfileSet, detect, refine};
use crate::rules::{Context, LintOptions, RuleSet};

/// The outcome of checking one body.
pub struct Checked {
    pub detection: Detection,
    /// Whether a request was paired with the response.
    pub paired: bool,
    /// Things the user should know that are not findings, such as why pairing failed.
    pub notes: Vec<String>,
    /// The body as text, same byte length as the body; the spans of diagnostics whose
    /// `in_body` is set index into it, the others into the file.
    pub text: String,
    /// Sorted by position, then rule name.
    pub diagnostics: Vec<Diagnostic>,
}

/// One unit of a file: a HAR entry, or the file's one body.
pub struct UnitChecked {
    /// For HAR entries: the index and a label such as `entry 3: POST https://…`.
    pub entry: Option<(usize, String)>,
    pub checked: Checked,
    /// What the tool could not do for this unit (a limit was exceeded).
    pub errors: Vec<String>,
}

/// The outcome of checking a file.
pub struct FileChecked {
    /// The file as text (invalid UTF-8 bytes read as `?`); spans of diagnostics whose
    /// `in_body` is not set index into it.
    pub text: String,
    /// A unit that could not be checked (a HAR entry that is not an object) is an error.
    pub units: Vec<Result<UnitChecked, String>>,
}

/// A JSON body, parsed, with the spans of its values.
pub struct JsonBody {
    pub value: Option<serde_json::Value>,
    pub error: Option<ParseFailure>,
    pub spans: Spans,
}

/// Everything that is the same for every file of a run.
pub struct Linter {
    pub profiles: ProfileSet,
    pub rules: RuleSet,
    pub options: LintOptions,
    /// A profile forced for every file, instead of detection.
    pub forced: Option<Profile>,
    /// Why it is forced, for the output (`forced with --profile`).
    pub forced_reason: String,
    /// How files are read, instead of sniffing.
    pub input_kind: Option<InputKind>,
    /// HTTP facts given on the command line for bodies that carry none.
    pub http: Option<HttpFacts>,
    pub limits: Limits,
}

impl Linter {
    pub fn new(profiles: ProfileSet) -> Self {
        Linter {
            profiles,
            rules: RuleSet::default(),
            options: LintOptions::default(),
            forced: None,
            forced_reason: "forced with --profile".to_string(),
            input_kind: None,
            http: None,
            limits: Limits::default(),
        }
    }

    /// Checks one body on its own.
    pub fn check(&self, bytes: &[u8]) -> Checked {
        self.check_pair(bytes, None)
    }

    /// Checks a response body, paired with its request when one is given (`(name, bytes)`).
    pub fn check_pair(&self, bytes: &[u8], request: Option<(&str, &[u8])>) -> Checked {
        let mut checked = self.check_body(Some(Cow::Borrowed(bytes)), request, self.http.as_ref());
        for d in &mut checked.diagnostics {
            d.in_body = false;
        }
        checked
    }

    /// Checks a whole file: an XML or JSON body, a raw HTTP response, or a HAR capture.
    /// `request` pairs a request with a file holding one response.
    pub fn check_file(&self, bytes: &[u8], request: Option<(&str, &[u8])>) -> FileChecked {
        self.check_file_cow(Cow::Borrowed(bytes), request)
    }

    /// [`Linter::check_file`] for bytes the caller gives away: a body is then decoded without
    /// a copy.
    pub fn check_file_owned(&self, bytes: Vec<u8>, request: Option<(&str, &[u8])>) -> FileChecked {
        self.check_file_cow(Cow::Owned(bytes), request)
    }

    fn check_file_cow(&self, bytes: Cow<[u8]>, request: Option<(&str, &[u8])>) -> FileChecked {
        let kind = self.input_kind.unwrap_or_else(|| input::sniff(&bytes));
        let bytes = match kind {
            InputKind::Xml | InputKind::Json => {
                let mut checked = self.check_body(Some(bytes), request, self.http.as_ref());
                for d in &mut checked.diagnostics {
                    d.in_body = false;
                }
                let text = std::mem::take(&mut checked.text);
                return FileChecked {
                    text,
                    units: vec![Ok(UnitChecked {
                        entry: None,
                        checked,
                        errors: Vec::new(),
                    })],
                };
            }
            InputKind::Http | InputKind::Har => bytes,
        };
        let bytes = bytes.as_ref();
        match kind {
            InputKind::Xml | InputKind::Json | InputKind::Http => {
                let text = document::decode(bytes).text;
                let mut unit = input::http::unit(bytes, &text, self.limits);
                if let Some((name, b)) = request {
                    unit.request = Some((name.to_string(), b.to_vec()));
                }
                let checked = self.check_unit(&unit);
                FileChecked {
                    text,
                    units: vec![Ok(UnitChecked {
                        entry: None,
                        checked,
                        errors: unit.errors,
                    })],
                }
            }
            InputKind::Har => {
                let text = document::decode(bytes).text;
                let units = match input::har::units(&text) {
                    Ok(units) => units
                        .into_iter()
                        .map(|u| {
                            u.map(|unit| UnitChecked {
                                checked: self.check_unit(&unit),
                                entry: unit.entry.clone(),
                                errors: unit.errors,
                            })
                        })
                        .collect(),
                    Err(message) => vec![Err(message)],
                };
                FileChecked { text, units }
            }
        }
    }

    /// Checks one unit. Findings about the body that stands verbatim in the file are moved
    /// into the file's coordinates; the others keep `in_body`.
    fn check_unit(&self, unit: &Unit) -> Checked {
        let request = unit
            .request
            .as_ref()
            .filter(|(_, b)| !looks_like_json(b))
            .map(|(n, b)| (n.as_str(), b.as_slice()));
        let body = unit.body.as_deref().map(Cow::Borrowed);
        let mut checked = self.check_body(body, request, unit.http.as_ref());
        checked.notes.splice(0..0, unit.notes.iter().cloned());
        if let Some(offset) = unit.body_offset {
            for d in checked.diagnostics.iter_mut().filter(|d| d.in_body) {
                d.in_body = false;
                d.span = d.span.start + offset..d.span.end + offset;
                for l in &mut d.related {
                    l.span = l.span.start + offset..l.span.end + offset;
                }
            }
        }
        checked
    }

    /// Checks a body (absent when it could not be had) with the HTTP facts around it.
    fn check_body(
        &self,
        owned_body: Option<Cow<[u8]>>,
        request: Option<(&str, &[u8])>,
        http: Option<&HttpFacts>,
    ) -> Checked {
        let body = owned_body.as_deref();
        let json_type = http
            .and_then(HttpFacts::media_type)
            .is_some_and(|m| m.contains("json"));
        let is_json = match (self.input_kind, self.forced) {
            (Some(InputKind::Xml), _) => false,
            (Some(InputKind::Json), _) => true,
            (_, Some(p)) => p == Profile::Hs4,
            (_, None) => body.is_some_and(looks_like_json) || json_type,
        };
        // An HTTP response may have no body at all (a 403, a 404): nothing to parse then.
        let has_body = body.is_some_and(|b| !b.iter().all(u8::is_ascii_whitespace));
        // Whether there is a body to read: an empty one under HTTP is no body at all.
        let readable_body = body.is_some() && (has_body || http.is_none());
        let owned_body = owned_body.filter(|_| readable_body);
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
                    let at = LineIndex::new(text).position(e.span.start);
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
        let decoded = document::decode(owned_body.unwrap_or_default());
        let text = decoded.text;
        let prolog = document::prolog(&text);
        let mut detection = match (self.forced, is_json) {
            (Some(profile), _) => Detection {
                profile,
                reason: self.forced_reason.clone(),
            },
            (None, true) => Detection {
                profile: Profile::Hs4,
                reason: "the body is JSON".to_string(),
            },
            (None, false) if !readable_body => Detection {
                profile: Profile::Hs2,
                reason: "no body to read; checked as hs2, the default".to_string(),
            },
            (None, false) => detect(prolog.root),
        };
        // A UTF-16 body is not read further: every offset would be wrong.
        let readable =
            readable_body && !matches!(decoded.problem, Some(EncodingProblem::Utf16Bom { .. }));
        let json = (is_json && readable).then(|| parse_json(&text));
        let parse_text = document::parse_text(&text, prolog.doctype.as_ref());
        let parsed = (!is_json && readable).then(|| document::parse(&parse_text));
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
            http,
            json: json.as_ref(),
            has_body,
        };
        let mut diagnostics = Vec::new();
        self.rules.run(&cx, &mut diagnostics);
        diagnostics.sort_by(|a, b| {
            (a.in_body, a.span.start, a.span.end, a.rule).cmp(&(
                b.in_body,
                b.span.start,
                b.span.end,
                b.rule,
            ))
        });
        for d in &mut diagnostics {
            d.element = match (&parsed, &json) {
                _ if !d.in_body => "http".to_string(),
                (Some(Ok(doc)), _) => document::element_path(doc, d.span.start),
                (_, Some(body)) => json_pointer(&body.spans, d.span.start),
                _ => String::new(),
            };
        }
        let paired = request_node.is_some();
        drop(shape);
        drop(parsed);
        drop(parse_text);
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

/// `json:` and the pointer of the innermost value whose span holds `offset`.
fn json_pointer(spans: &Spans, offset: usize) -> String {
    spans
        .iter()
        .filter(|(_, r)| r.contains(&offset))
        .min_by_key(|(p, r)| (r.len(), p.len()))
        .map_or_else(String::new, |(p, _)| format!("json:{p}"))
}

fn looks_like_json(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
}

fn parse_json(text: &str) -> JsonBody {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let base = text.len() - body.len();
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) => JsonBody {
            spans: spans(body, 3)
                .into_iter()
                .map(|(k, r)| (k, r.start + base..r.end + base))
                .collect(),
            value: Some(value),
            error: None,
        },
        Err(e) if e.is_eof() => JsonBody {
            value: None,
            error: Some(ParseFailure {
                message: "the body ends before the JSON value is complete".to_string(),
                span: text.trim_end().len()..text.trim_end().len(),
            }),
            spans: Spans::new(),
        },
        Err(e) => {
            let message = e.to_string();
            let message = message
                .find(" at line ")
                .map_or(message.as_str(), |at| &message[..at])
                .to_string();
            // serde_json counts columns in bytes.
            let index = LineIndex::new(body);
            let line_start = index.offset(e.line().max(1), 1);
            let offset = (line_start + e.column().saturating_sub(1)).min(body.len());
            let offset = crate::diagnostic::floor_char_boundary(body, offset);
            let len = body[offset..].chars().next().map_or(0, char::len_utf8);
            JsonBody {
                value: None,
                error: Some(ParseFailure {
                    message,
                    span: base + offset..base + offset + len,
                }),
                spans: Spans::new(),
            }
        }
    }
}

/// The OTA request in a request document: bare, or in a SOAP Body. On failure, what was
/// found instead.
fn request_payload<'a, 'i>(doc: &'a Document<'i>) -> Result<Node<'a, 'i>, String> {
    let root = doc.root_element();
    let payload = if document::local(root) == "Envelope" {
        document::child(root, "Body")
            .and_then(document::first_element)
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
