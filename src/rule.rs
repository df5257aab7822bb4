//! What a rule author reads: a [`Rule`]'s metadata, the [`Context`] it checks, and the
//! [`Findings`] it reports into. A rule file (`src/rules/<name>.rs`) holds its docs, one
//! `pub static RULE: Rule` and one `check(cx, out)` that asks the context for what it needs.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Level};
use crate::document::json::JsonBody;
use crate::document::{EncodingProblem, ParseFailure, Shape};
use crate::input::{FileSpan, HttpFacts};
use crate::profile::{Facts, Profile};
use roxmltree::Node;

crate::names! {
    /// Rule groups, as in the specification.
    pub enum Group {
        Document = "document",
        Envelope = "envelope",
        Errors = "errors",
        Warnings = "warnings",
        Payload = "payload",
        Message = "message",
        Pairing = "pairing",
        Infogroup = "infogroup",
        Http = "http",
        Hs4 = "hs4",
        ConcurWs = "concur-ws",
        Probe = "probe",
        Price = "price",
        Codes = "codes",
        Content = "content",
    }
}

/// A rule's identity and logic.
pub struct Rule {
    /// The public, stable name (kebab-case).
    pub name: &'static str,
    pub group: Group,
    /// The level it runs at unless configured; `Off` rules run only when selected.
    pub level: Level,
    pub profiles: &'static [Profile],
    /// One line for `otalint rules` and the README table. It names no data value: those are
    /// in `rules/<profile>.toml`, and `otalint explain` prints them from there.
    pub summary: &'static str,
    /// The keys of `rules/<profile>.toml` the rule reads (`http.timeout_seconds`), whose live
    /// values `otalint explain` prints.
    pub data: &'static [&'static str],
    pub check: fn(&Context, &mut Findings),
}

impl Rule {
    /// The level a selected rule runs at: its default, or `warning` for a rule that is off.
    pub fn selected_level(&self) -> Level {
        if self.level == Level::Off {
            Level::Warning
        } else {
            self.level
        }
    }

    /// Rules the document cannot be checked without; they cannot be turned off.
    pub fn is_fundamental(&self) -> bool {
        matches!(self.name, "malformed-xml" | "malformed-json")
    }

    /// The rule's docs, from the `//!` comments of its file.
    pub fn docs(&self) -> String {
        let source = crate::rules::source_of(self.name);
        let mut out = String::new();
        for line in source.lines() {
            let Some(doc) = line.strip_prefix("//!") else {
                if !out.is_empty() {
                    break;
                }
                continue;
            };
            out.push_str(doc.strip_prefix(' ').unwrap_or(doc));
            out.push('\n');
        }
        out
    }
}

/// Where the payload of an HS2 Type 13 error lives: the two editions of the error contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PayloadLocation {
    /// In the `Error` element's content (Concur docs from 2018-12 on).
    #[default]
    Content,
    /// In `ShortText` (the 2017 edition).
    ShortText,
}

/// Options that change what the rules check.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub payload_location: PayloadLocation,
    /// The HS4 operation every body answers (`--operation`), when the request URL does not say.
    pub operation: Option<String>,
    /// Rules decide on the parsed nodes alone: no byte scan settles or skips a walk
    /// (`ota-namespace`, `cdata-or-markup`). The findings must be the same either way; the
    /// differential test (`tests/it/differential.rs`) runs both paths to keep them so.
    pub plain: bool,
    /// The time of answers that state none (`--now`), for `cancel-deadline`.
    pub now: Option<jiff::Timestamp>,
}

/// Work several rules of one body would otherwise each do again.
#[derive(Default)]
pub(crate) struct Shared {
    pub(crate) hs4: std::cell::OnceCell<Option<Vec<crate::rules::support::hs4_contract::Issue>>>,
    /// The HS2 elements the price rules read (`RoomRate`, `Total`, `Deadline`), found in one
    /// walk of the answer.
    pub(crate) hs2_prices: std::cell::OnceCell<Vec<roxmltree::NodeId>>,
}

/// What a rule can see of one body.
pub struct Context<'a, 'i> {
    /// The body's text (invalid UTF-8 bytes read as `?`); body spans are byte offsets into it.
    pub text: &'a str,
    pub profile: Profile,
    pub facts: &'a Facts,
    pub options: &'a LintOptions,
    pub encoding: Option<&'a EncodingProblem>,
    pub doctype: Option<&'a Range<usize>>,
    pub parse_error: Option<&'a ParseFailure>,
    /// The parsed message; `None` when the document could not be parsed.
    pub shape: Option<&'a Shape<'a, 'i>>,
    /// The OTA request this response answers, when one was paired with it (a `NAME.rq.xml`
    /// file, `--request`, a HAR entry's request). Not to be confused with
    /// [`Shape::request_payload`], a checked payload that is itself a request.
    pub paired_request: Option<Node<'a, 'i>>,
    /// The HTTP exchange around the body, when it is known; its spans index the file.
    pub http: Option<&'a HttpFacts>,
    /// The parsed JSON body (`hs4`).
    pub json: Option<&'a JsonBody>,
    /// The HS4 operation the body answers (`rates`), when something tells.
    pub operation: Option<&'a str>,
    /// The JSON request this response answers (`NAME.rq.json`, a HAR entry's request).
    pub paired_json: Option<&'a JsonBody>,
    /// What several rules of a body share, made once by the first that asks (the HS4
    /// contract's departures).
    pub(crate) shared: Shared,
    /// Whether there is a body with more than whitespace.
    pub has_body: bool,
    /// When the answer was given (HAR `startedDateTime`, HTTP `Date`, `--now`), if known.
    pub now: Option<jiff::Timestamp>,
    /// What the earlier messages of the file said (a HAR's earlier entries).
    pub session: &'a crate::session::Session,
    /// The levels of this run's rules, for a finding that stands for another rule's cause
    /// too (one cause, one finding, at the worse level of its causes).
    pub levels: &'a crate::rules::RuleSet,
}

impl<'a, 'i> Context<'a, 'i> {
    /// The `Error` Concur reads: the first one of the first `Errors` of the response.
    pub fn first_error(&self) -> Option<Node<'a, 'i>> {
        self.shape.and_then(Shape::first_error)
    }

    /// The payload, when it is a response whose content is checked.
    pub fn response(&self) -> Option<Node<'a, 'i>> {
        self.shape.and_then(|s| s.response)
    }

    /// The qualified name in an element's start tag: the smallest span naming the element.
    pub fn name_span(&self, node: Node) -> Range<usize> {
        crate::document::name_span(self.text, node)
    }

    /// The value of an attribute (inside its quotes), or the element's name when it is absent.
    pub fn attr_span(&self, node: Node, attribute: &str) -> Range<usize> {
        crate::document::attr_value_span(self.text, node, attribute)
    }

    /// An `Error`'s `Type`, or the type Concur assumes when it has none.
    pub fn error_type<'n>(&'n self, error: Node<'n, '_>) -> Option<&'n str> {
        error
            .attribute("Type")
            .or(self.facts.errors.default_type.as_deref())
    }
}

/// Where a rule reports its findings.
pub struct Findings<'d> {
    rule: &'static str,
    level: Level,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'d> Findings<'d> {
    /// The sink of one rule running at `level`.
    pub(crate) fn new(
        rule: &'static str,
        level: Level,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Self {
        Findings {
            rule,
            level,
            diagnostics,
        }
    }

    /// Reports a finding in the body, at a span of the body's text.
    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(span, message.into(), true)
    }

    /// Reports a finding about the HTTP exchange, at a span of the file (the status line, a
    /// header, a HAR entry), or at its start when the facts came from the command line.
    pub fn report_http(
        &mut self,
        span: Option<FileSpan>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(span.map_or(0..0, |s| s.0), message.into(), false)
    }

    /// The level this rule runs at.
    pub fn level(&self) -> Level {
        self.level
    }

    fn push(&mut self, span: Range<usize>, message: String, in_body: bool) -> &mut Diagnostic {
        let at = self.diagnostics.len();
        self.diagnostics.push(Diagnostic {
            rule: self.rule,
            level: self.level,
            message: crate::diagnostic::capped(message, crate::diagnostic::MAX_MESSAGE),
            help: None,
            span,
            label: None,
            related: Vec::new(),
            in_body,
            element: String::new(),
        });
        &mut self.diagnostics[at]
    }
}
