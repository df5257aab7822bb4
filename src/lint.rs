//! The engine: a file is split into units (one body each, with its HTTP facts and request);
//! each body is prepared (decoded, read as JSON or XML, its profile detected), every rule is
//! run on it, and its findings are finished (sorted, each given its element path).

use std::borrow::Cow;

use crate::detect::{self, Detection, Evidence};
use crate::diagnostic::Diagnostic;
use crate::document::json::{JsonBody, looks_like_json, parse_json};
use crate::document::{self, Decoded, EncodingProblem, Shape};
use crate::input::transcript::Transcript;
use crate::input::{self, HttpFacts, InputKind, Limits, Unit};
use crate::profile::{Profile, ProfileSet};
use crate::rule::{Context, LintOptions};
use crate::rules::RuleSet;
use crate::session::Session;

mod finish;
use finish::Ran;

/// The outcome of checking one body.
pub struct BodyOutcome {
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
    /// Why the body is clearly no supplier message, when it is not and no profile was forced
    /// (see [`detect::foreign_xml`] and [`detect::foreign_json`]): a walk skips such a file.
    pub foreign: Option<String>,
    /// Why the body is a request, not a response ([`detect::request`]): a walk skips it.
    pub request: Option<String>,
}

/// One unit of a file: a HAR entry, or the file's one body.
pub struct UnitOutcome {
    /// For HAR entries: the index and a label such as `entry 3: POST https://…`.
    pub entry: Option<(usize, String)>,
    pub checked: BodyOutcome,
    /// What the tool could not do for this unit (a limit was exceeded).
    pub errors: Vec<String>,
}

/// The outcome of checking a file.
pub struct FileOutcome {
    /// The file as text (invalid UTF-8 bytes read as `?`); spans of diagnostics whose
    /// `in_body` is not set index into it.
    pub text: String,
    /// A unit that could not be checked (a HAR entry that is not an object) is an error.
    pub units: Vec<Result<UnitOutcome, String>>,
    /// What the file is: a body, a raw HTTP response or a HAR.
    pub kind: InputKind,
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

/// A body made ready for the rules: decoded, and known to be JSON or XML.
struct Prepared {
    decoded: Decoded,
    json: bool,
    /// Whether there is a body with more than whitespace.
    has_body: bool,
    /// Whether there is a body to read at all: an empty one under HTTP is none.
    readable_body: bool,
    /// Whether its text can be read further: a UTF-16 body cannot (every offset would be off).
    readable: bool,
    /// Why the body is not read, when that is right (an error page under an HTTP error).
    note: Option<String>,
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

    /// Checks a whole file: an XML or JSON body, a raw HTTP response, or a HAR capture.
    /// `request` pairs a request with a file holding one response.
    pub fn check_file(&self, bytes: &[u8], request: Option<(&str, &[u8])>) -> FileOutcome {
        self.check_file_cow(Cow::Borrowed(bytes), request)
    }

    /// [`Linter::check_file`] for bytes the caller gives away: a body is then decoded without
    /// a copy.
    pub fn check_file_owned(&self, bytes: Vec<u8>, request: Option<(&str, &[u8])>) -> FileOutcome {
        self.check_file_cow(Cow::Owned(bytes), request)
    }

    fn check_file_cow(&self, bytes: Cow<[u8]>, request: Option<(&str, &[u8])>) -> FileOutcome {
        let kind = self.input_kind.unwrap_or_else(|| input::sniff(&bytes));
        let one = |checked, errors| {
            vec![Ok(UnitOutcome {
                entry: None,
                checked,
                errors,
            })]
        };
        // A client's log is recognised whatever kind is forced: forcing never turns a
        // refusal into a pass, nor a wget log into a malformed body.
        if input::transcript::is_log(&bytes)
            && let Some(outcome) = self.check_log(&bytes, request, kind)
        {
            return outcome;
        }
        match kind {
            InputKind::Xml | InputKind::Json => {
                // The body is the file: its spans are file spans.
                let (http, forced, alone) =
                    (self.http.as_ref(), self.forced(), &mut Session::default());
                let mut checked = self.check_body(Some(bytes), request, http, forced, alone);
                for d in &mut checked.diagnostics {
                    d.in_body = false;
                }
                let text = std::mem::take(&mut checked.text);
                FileOutcome {
                    text,
                    units: one(checked, Vec::new()),
                    kind,
                }
            }
            InputKind::Http => {
                let text = document::decode(bytes.as_ref()).text;
                let mut unit = input::http::unit(&bytes, &text, self.limits);
                if let Some((name, b)) = request {
                    unit.request = Some((name.to_string(), b.to_vec()));
                }
                let checked = self.check_unit(&unit, &mut Session::default());
                FileOutcome {
                    text,
                    units: one(checked, unit.errors),
                    kind,
                }
            }
            InputKind::Har => {
                let text = document::decode(bytes.as_ref()).text;
                // The entries are checked in order: each sees what the earlier ones said.
                let mut session = Session::default();
                let units = match input::har::units(&text) {
                    Ok(units) => units
                        .into_iter()
                        .map(|u| {
                            u.map(|unit| {
                                session.entry = unit.entry.as_ref().map(|e| e.0);
                                UnitOutcome {
                                    checked: self.check_unit(&unit, &mut session),
                                    entry: unit.entry.clone(),
                                    errors: unit.errors,
                                }
                            })
                        })
                        .collect(),
                    Err(message) => vec![Err(message)],
                };
                FileOutcome { text, units, kind }
            }
        }
    }

    /// Checks a client's log: refused (`curl -v`), or the response read out of it (`wget -S`).
    fn check_log(
        &self,
        bytes: &[u8],
        request: Option<(&str, &[u8])>,
        kind: InputKind,
    ) -> Option<FileOutcome> {
        let text = document::decode(bytes).text;
        let unit = match input::transcript::read(bytes, &text, self.limits)? {
            Transcript::Read(unit) => unit,
            Transcript::Refused(message) => {
                return Some(FileOutcome {
                    text,
                    units: vec![Err(message)],
                    kind,
                });
            }
        };
        let mut unit = *unit;
        if let Some((name, b)) = request {
            unit.request = Some((name.to_string(), b.to_vec()));
        }
        let checked = self.check_unit(&unit, &mut Session::default());
        Some(FileOutcome {
            text,
            units: vec![Ok(UnitOutcome {
                entry: None,
                checked,
                errors: unit.errors,
            })],
            kind: InputKind::Http,
        })
    }

    /// The profile forced for every file, with why.
    fn forced(&self) -> Option<(Profile, &str)> {
        self.forced.map(|p| (p, self.forced_reason.as_str()))
    }

    /// Checks one unit. Findings about the body that stands verbatim in the file are moved
    /// into the file's coordinates; the others keep `in_body`.
    fn check_unit(&self, unit: &Unit, session: &mut Session) -> BodyOutcome {
        let request = unit
            .request
            .as_ref()
            .map(|(n, b)| (n.as_str(), b.as_slice()));
        let body = unit.body.as_deref().map(Cow::Borrowed);
        let named = unit
            .service
            .as_ref()
            .and_then(|e| detect::entry_profile(e, &self.profiles.facts(Profile::Hs4).contract));
        let forced = match &named {
            Some((p, why)) if self.forced.is_none() => Some((*p, why.as_str())),
            _ => self.forced(),
        };
        let mut checked = self.check_body(body, request, unit.http.as_ref(), forced, session);
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

    /// Checks a body (absent when it could not be had) with the HTTP facts around it:
    /// prepare, run the rules, finish.
    fn check_body(
        &self,
        body: Option<Cow<[u8]>>,
        request: Option<(&str, &[u8])>,
        http: Option<&HttpFacts>,
        forced: Option<(Profile, &str)>,
        session: &mut Session,
    ) -> BodyOutcome {
        let mut notes = Vec::new();
        let body = self.prepare(body, http, forced.map(|f| f.0));
        notes.extend(body.note.clone());
        let request = request
            .and_then(|(name, bytes)| document::request::decode_request(name, bytes, &mut notes));
        let ran = self.run_rules(&body, request.as_ref(), http, forced, &mut notes, session);
        BodyOutcome {
            detection: ran.detection,
            paired: ran.paired,
            notes,
            text: body.decoded.text,
            diagnostics: ran.diagnostics,
            foreign: ran.foreign,
            request: ran.request,
        }
    }

    /// Decodes a body and decides whether it is JSON or XML.
    fn prepare(
        &self,
        body: Option<Cow<[u8]>>,
        http: Option<&HttpFacts>,
        forced: Option<Profile>,
    ) -> Prepared {
        let bytes = body.as_deref();
        let json = detect::reads_as_json(self.input_kind, forced, bytes, http);
        // An HTTP error may carry whatever page the server's stack makes ("it is OK to respond
        // with HTTP standard error codes"): only its status is checked then.
        let status = http.and_then(|h| h.status).filter(|s| *s >= 400);
        let page = status
            .zip(bytes.and_then(detect::error_page))
            .filter(|_| forced.is_none() && self.input_kind.is_none());
        // An HTTP response may have no body at all (a 403, a 404): nothing to parse then.
        let has_body =
            page.is_none() && bytes.is_some_and(|b| !b.iter().all(u8::is_ascii_whitespace));
        let readable_body = page.is_none() && bytes.is_some() && (has_body || http.is_none());
        let decoded = document::decode(body.filter(|_| readable_body).unwrap_or_default());
        let readable =
            readable_body && !matches!(decoded.problem, Some(EncodingProblem::Utf16Bom { .. }));
        Prepared {
            decoded,
            json,
            has_body,
            readable_body,
            readable,
            note: page.map(|(status, page)| {
                format!("the {status} response carries {page}, as an HTTP error may: only its status and headers are checked")
            }),
        }
    }

    /// The HS4 operation of a JSON body, with a note saying which and why (or that none told).
    /// A request answers no operation: no note says which.
    fn operation(
        &self,
        request: bool,
        profile: Profile,
        (http, json_request, json): (Option<&HttpFacts>, Option<&JsonBody>, Option<&JsonBody>),
        notes: &mut Vec<String>,
    ) -> Option<(String, String)> {
        if request {
            return None;
        }
        let operation = (profile == Profile::Hs4)
            .then(|| {
                crate::rules::support::hs4_contract::operation(
                    &self.profiles.facts(Profile::Hs4).contract,
                    http,
                    self.options.operation.as_deref(),
                    json_request,
                    json,
                )
            })
            .flatten();
        match &operation {
            Some((op, why)) => notes.push(format!("operation {op}: {why}")),
            None if profile == Profile::Hs4
                && json
                    .as_ref()
                    .and_then(|j| j.value.as_ref())
                    .is_some_and(|v| {
                        v.is_object() && v.get("otaCode").is_none() && v.get("message").is_none()
                    })
                && http.and_then(|h| h.status).is_none_or(|s| s == 200) =>
            {
                notes.push("the HS4 operation is unknown (no request URL, --operation, request or telling shape): the response contract is not checked".to_string());
            }
            None => {}
        }
        operation
    }

    /// Why a body is clearly none of otalint's kinds, when it is not forced to a profile.
    fn foreign(
        &self,
        json: Option<&JsonBody>,
        root: Option<&str>,
        text: &str,
        forced: bool,
    ) -> Option<String> {
        match (json, root) {
            _ if forced => None,
            (Some(body), _) => body
                .value
                .as_ref()
                .and_then(|v| detect::foreign_json(v, self.profiles.json_members())),
            (None, Some(root)) => detect::foreign_xml(root, text.as_bytes()),
            (None, None) => None,
        }
    }

    /// Parses the body and the paired request, detects the profile, runs every enabled rule
    /// and finishes the findings, all while the parsed documents are alive.
    fn run_rules(
        &self,
        body: &Prepared,
        request: Option<&(String, String)>,
        http: Option<&HttpFacts>,
        forced: Option<(Profile, &str)>,
        notes: &mut Vec<String>,
        session: &mut Session,
    ) -> Ran {
        let text = body.decoded.text.as_str();
        // A JSON body has no prolog to read.
        let prolog = document::prolog(if body.json { "" } else { text });
        let json = (body.json && body.readable).then(|| parse_json(text));
        let parse_text = document::parse_text(text, prolog.doctype.as_ref());
        let parsed = (!body.json && body.readable).then(|| document::parse(&parse_text));
        let detection = detect::detect(&Evidence {
            forced,
            json: body.json,
            readable: body.readable_body,
            root: prolog.root,
            doc: parsed.as_ref().and_then(|p| p.as_ref().ok()),
        });
        // A JSON request (HS4) is read as JSON, for the operation and the pairing rules.
        let (json_request, request) = match request {
            Some((_, text)) if looks_like_json(text.as_bytes()) => (Some(parse_json(text)), None),
            other => (None, other),
        };
        let request_parse = request.map(|(name, text)| {
            let doctype = document::prolog(text).doctype;
            (name, text, document::parse_text(text, doctype.as_ref()))
        });
        let request_doc = request_parse.as_ref().and_then(|(name, text, parse_text)| {
            document::request::parse_request(name, text, parse_text, notes)
        });
        let paired_request = request_doc
            .as_ref()
            .and_then(|(name, doc)| document::request::paired_payload(name, doc, notes));
        let doc = parsed.as_ref().and_then(|p| p.as_ref().ok());
        let shape = doc.map(|doc| Shape::new(doc, detection.profile));
        let facts = self.profiles.facts(detection.profile);
        let json_value = json.as_ref().and_then(|j| j.value.as_ref());
        let request = detect::request(shape.as_ref(), json_value, &facts.contract);
        let operation = self.operation(
            request.is_some(),
            detection.profile,
            (http, json_request.as_ref(), json.as_ref()),
            notes,
        );
        let cx = Context {
            text,
            profile: detection.profile,
            operation: operation.as_ref().map(|(op, _)| op.as_str()),
            paired_json: json_request.as_ref(),
            shared: Default::default(),
            facts,
            options: &self.options,
            encoding: body.decoded.problem.as_ref(),
            doctype: prolog.doctype.as_ref(),
            parse_error: parsed.as_ref().and_then(|p| p.as_ref().err()),
            shape: shape.as_ref(),
            paired_request,
            http,
            json: json.as_ref(),
            has_body: body.has_body,
            now: crate::rules::support::clock::answer_time(http, self.options.now),
            session,
            levels: &self.rules,
        };
        let diagnostics = self.judge(&cx, request.is_some(), parsed.as_ref(), json.as_ref());
        // What this message says is for the messages after it, not for its own rules.
        session.absorb(crate::rules::support::session::learn(&cx));
        Ran {
            foreign: self.foreign(json.as_ref(), prolog.root, text, forced.is_some()),
            paired: paired_request.is_some() || json_request.is_some(),
            detection,
            diagnostics,
            request,
        }
    }
}
