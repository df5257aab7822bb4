//! ## What it does
//! Reports a 4xx/5xx body of one of Concur's own web services (profile `concur-ws`, selected
//! with `--profile concur-ws`), in XML or in JSON (they answer as the request's `Accept`
//! asks, the same elements as members), that lacks `StatusCode`, `Content` › `Error` ›
//! `Message`, `Server-Time` or `Id` (data: `error_body.requires`). What is missing is labelled
//! at the element that should hold it; a missing `Content` or `Error` is reported once, not
//! again for what it would hold. Without a known status the body is checked as an error body.
//!
//! ## Why it matters
//! "The web service returns a 4xx or 5xx HTTP response code when there are any errors and will
//! include the following elements: StatusCode, Content … Error … Message, Server-Time, Id"
//! (Concur's HTTP Status Codes). Integrations log the Id to trace an error with Concur.
//!
//! ## Example
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: application/xml
//!
//! <Error>
//!   <StatusCode>400</StatusCode>
//!   <Content>
//!     <Error>
//!       <Message>The batch type parameter is missing</Message>
//!     </Error>
//!   </Content>
//! </Error>
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: application/xml
//!
//! <Error>
//!   <StatusCode>400</StatusCode>
//!   <Content>
//!     <Error>
//!       <Message>The batch type parameter is missing</Message>
//!       <Server-Time>2026-11-22T02:50:00</Server-Time>
//!       <Id>3F2B9A6E-1C2D-4E5F-8A9B-0C1D2E3F4A5B</Id>
//!     </Error>
//!   </Content>
//! </Error>
//! ```

use super::support::lacking::Lacking;
use super::prelude::*;
use crate::selector::{Target, matching};

pub static RULE: Rule = Rule {
    name: "error-body-shape",
    group: Group::ConcurWs,
    level: Level::Error,
    profiles: CONCUR_WS,
    summary: "a 4xx/5xx body lacking what a Concur web-service error body holds",
    data: &["error_body.requires"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    if cx.http.and_then(|h| h.status).is_some_and(|s| s < 400) {
        return;
    }
    if let Some(value) = cx.json.and_then(|j| j.value.as_ref()) {
        return check_json(cx, out, value);
    }
    let Some(shape) = cx.shape else {
        return;
    };
    // What each element lacks, so that one element gets one finding.
    let mut lacking = Lacking::default();
    for path in &cx.facts.error_body.requires {
        let steps = path.parents.iter().chain(match &path.target {
            Target::Element(step) => Some(step),
            Target::Attribute(_) => None,
        });
        let mut at = shape.root;
        for step in steps {
            if let Some(next) = matching(at, step).next() {
                at = next;
                continue;
            }
            lacking.add(at, format!("`{}`", step.name));
            break;
        }
    }
    lacking.report(cx, out, || HELP.to_string());
}

const HELP: &str = "a Concur web-service error holds StatusCode and Content › Error › Message, \
                    Server-Time and Id (Concur's HTTP Status Codes page)";

/// The same elements as members of a JSON body: `{"StatusCode": …, "Content": {"Error":
/// {"Message": …, "Server-Time": …, "Id": …}}}`. A list stands for its first item.
fn check_json(cx: &Context, out: &mut Findings, body: &serde_json::Value) {
    // What each object lacks, so that one object gets one finding.
    let mut lacking: Vec<(String, Vec<String>)> = Vec::new();
    for path in &cx.facts.error_body.requires {
        let steps = path.parents.iter().chain(match &path.target {
            Target::Element(step) => Some(step),
            Target::Attribute(_) => None,
        });
        let (mut at, mut pointer) = (body, String::new());
        for step in steps {
            let (value, index) = match at {
                serde_json::Value::Array(items) => (items.first().unwrap_or(at), "/0"),
                _ => (at, ""),
            };
            pointer.push_str(index);
            match value.get(&step.name) {
                Some(next) => {
                    at = next;
                    pointer = format!("{pointer}/{}", step.name);
                }
                None => {
                    let what = step.name.clone();
                    match lacking.iter_mut().find(|(p, _)| *p == pointer) {
                        Some((_, list)) if !list.contains(&what) => list.push(what),
                        Some(_) => {}
                        None => lacking.push((pointer.clone(), vec![what])),
                    }
                    break;
                }
            }
        }
    }
    for (pointer, missing) in lacking {
        let span = cx
            .json
            .and_then(|j| j.spans.get(&pointer).cloned())
            .map_or(0..0, |s| s.start..s.start + 1);
        let whose = if pointer.is_empty() {
            "the error body".to_string()
        } else {
            format!("`{}`", pointer.trim_start_matches('/'))
        };
        let names: Vec<&str> = missing.iter().map(String::as_str).collect();
        out.report(span, format!("{whose} has no {}", super::support::list_names(&names, "or")))
            .label("incomplete")
            .help(HELP);
    }
}
