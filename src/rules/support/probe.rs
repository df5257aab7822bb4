//! What the probe rules share: the probe facts of an exchange, and one classification of its
//! answer that each rule compares with its `[probe.expect.<probe>]` data (docs/probe.md "The negative probes").

use std::ops::Range;

use serde_json::Value;

use crate::document::{local, name_span};
use crate::input::probe_facts::ProbeFacts;
use crate::input::{FileSpan, HttpFacts};
use crate::profile::ProbeExpect;
use crate::rule::Context;

/// The exchange's probe facts, on entries of an otalint probe HAR only.
pub(crate) fn facts<'a>(cx: &Context<'a, '_>) -> Option<(&'a HttpFacts, &'a ProbeFacts)> {
    let http = cx.http?;
    Some((http, http.probe.as_deref()?))
}

/// The facts of a negative probe of this kind, with its expectation data.
pub(crate) fn negative<'a>(
    cx: &Context<'a, '_>,
    kinds: &[&str],
) -> Option<(&'a HttpFacts, &'a ProbeFacts, &'a ProbeExpect)> {
    let (http, facts) = facts(cx)?;
    let kind = facts.probe.as_deref().filter(|k| kinds.contains(k))?;
    let expect = cx.facts.probe.expect.get(kind)?;
    Some((http, facts, expect))
}

/// What came back, as far as a probe's expectation cares.
pub(crate) enum Answer {
    /// No complete answer, a SOAP Fault, or a body that does not parse: other rules report
    /// the cause (`no-response`, `soap-fault`, `malformed-xml`, `malformed-json`).
    Reported,
    /// An OTA error (hs2 `Error/@Code`, hs4 `otaCode`), with its code and where it stands.
    Error {
        code: Option<String>,
        span: Range<usize>,
    },
    /// A successful answer (hs2 `Success`, hs4 a 200 that is no error).
    Success,
    /// Only an HTTP status says what happened.
    Status,
}

/// Classifies the answer once.
pub(crate) fn answer(cx: &Context, http: &HttpFacts, facts: &ProbeFacts) -> Answer {
    let status = http.status;
    if facts.transport_error.is_some() || status.is_none() {
        return Answer::Reported;
    }
    if let Some(json) = cx.json {
        let Some(value) = json.value.as_ref() else {
            return Answer::Reported;
        };
        let code = value.get("otaCode").map(|c| match c {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        return match (status, code) {
            (_, Some(code)) => Answer::Error {
                code: Some(code),
                span: json.spans.get("/otaCode").cloned().unwrap_or(0..0),
            },
            (Some(200), None) => Answer::Success,
            (Some(_), None) => Answer::Status,
            (None, None) => Answer::Reported,
        };
    }
    let Some(shape) = cx.shape else {
        return match (cx.has_body, cx.parse_error, status) {
            (true, Some(_), _) => Answer::Reported,
            (_, _, Some(_)) => Answer::Status,
            _ => Answer::Reported,
        };
    };
    if shape.fault.is_some() || shape.payload.is_none() {
        return match status {
            Some(s) if s != 200 && shape.fault.is_none() => Answer::Status,
            _ => Answer::Reported,
        };
    }
    if let Some(error) = shape.first_error() {
        return Answer::Error {
            code: error.attribute("Code").map(str::to_string),
            span: name_span(cx.text, error),
        };
    }
    match (shape.success, status) {
        (Some(_), _) => Answer::Success,
        (None, Some(_)) => Answer::Status,
        (None, None) => Answer::Reported,
    }
}

/// Whether the expectation accepts the answer.
pub(crate) fn accepted(
    cx: &Context,
    expect: &ProbeExpect,
    answer: &Answer,
    http: &HttpFacts,
) -> bool {
    if http
        .status
        .is_some_and(|s| expect.accept_statuses.contains(&s))
    {
        return true;
    }
    match answer {
        Answer::Error { code: Some(c), .. } => expect.accept_codes.iter().any(|a| a == c.trim()),
        Answer::Success => {
            expect.accept_success
                || expect
                    .accept_empty_success
                    .as_deref()
                    .is_some_and(|child| !has_content(cx, child))
        }
        _ => false,
    }
}

/// Whether the successful answer carries `name` (an element below the response, or a
/// non-empty top-level JSON member).
pub(crate) fn has_content(cx: &Context, name: &str) -> bool {
    if let Some(value) = cx.json.and_then(|j| j.value.as_ref()) {
        return match value.get(name) {
            Some(Value::Array(a)) => !a.is_empty(),
            Some(Value::Null) | None => false,
            Some(_) => true,
        };
    }
    cx.response()
        .is_some_and(|r| r.children().any(|c| c.is_element() && local(c) == name))
}

/// The span of an HTTP-level verdict: the entry's status, else the entry.
pub(crate) fn status_span(http: &HttpFacts) -> Option<FileSpan> {
    http.status_or_whole()
}

/// "…" (source) of the expectation, for the help.
pub(crate) fn contract(expect: &ProbeExpect) -> String {
    match expect.sentence.as_deref() {
        Some(s) => format!("the contract: \"{s}\""),
        None => "the contract's answer".to_string(),
    }
}

/// What came back, in a few words, for messages.
pub(crate) fn described(answer: &Answer, http: &HttpFacts) -> String {
    let status = http
        .status
        .map_or("no status".to_string(), |s| format!("HTTP {s}"));
    match answer {
        Answer::Error { code: Some(c), .. } => format!("{status} with error code {}", c.trim()),
        Answer::Error { code: None, .. } => format!("{status} with an error without a code"),
        Answer::Success => format!("{status} with a successful answer"),
        Answer::Status | Answer::Reported => status,
    }
}

/// Where the answer holds content for hotel `code`: each hs2 `RoomStay`,
/// `HotelDescriptiveContent` or `Property` naming it, each hs4 object whose `propertyCode` it is.
pub(crate) fn priced(cx: &Context, code: &str) -> Vec<Range<usize>> {
    if let Some(json) = cx.json {
        let mut found = Vec::new();
        if let Some(value) = json.value.as_ref() {
            objects_with(value, "", &mut |pointer, object| {
                if object.get("propertyCode").and_then(Value::as_str) == Some(code) {
                    found.extend(json.spans.get(pointer).cloned());
                }
            });
        }
        return found;
    }
    let Some(response) = cx.response() else {
        return Vec::new();
    };
    response
        .descendants()
        .filter(|n| {
            n.is_element()
                && matches!(
                    local(*n),
                    "RoomStay" | "HotelDescriptiveContent" | "Property"
                )
                && n.descendants()
                    .any(|d| d.attribute("HotelCode") == Some(code))
        })
        .map(|n| cx.name_span(n))
        .collect()
}

/// The first place the answer offers rates: an hs2 `RoomStay` with a `RoomRate`, an hs4
/// `hotelRates` entry with `rates` or `roomRates`.
pub(crate) fn rates(cx: &Context) -> Option<Range<usize>> {
    if let Some(json) = cx.json {
        let value = json.value.as_ref()?;
        for member in ["hotelRates", "roomRates"] {
            if let Some(list) = value.get(member).and_then(Value::as_array)
                && !list.is_empty()
            {
                return json.spans.get(&format!("/{member}/0")).cloned();
            }
        }
        return None;
    }
    let response = cx.response()?;
    response
        .descendants()
        .find(|n| {
            n.is_element()
                && local(*n) == "RoomStay"
                && n.descendants()
                    .any(|d| d.is_element() && local(d) == "RoomRate")
        })
        .map(|n| cx.name_span(n))
}

/// Calls `f` with every object of a JSON value and its pointer.
fn objects_with(
    value: &Value,
    pointer: &str,
    f: &mut dyn FnMut(&str, &serde_json::Map<String, Value>),
) {
    match value {
        Value::Object(map) => {
            f(pointer, map);
            for (k, v) in map {
                let escaped = k.replace('~', "~0").replace('/', "~1");
                objects_with(v, &format!("{pointer}/{escaped}"), f);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                objects_with(v, &format!("{pointer}/{i}"), f);
            }
        }
        _ => {}
    }
}
