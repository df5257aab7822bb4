//! ## What it does
//! Reports a 4xx/5xx XML body of one of Concur's own web services (profile `concur-ws`,
//! selected with `--profile concur-ws`) that lacks `StatusCode`, `Content` › `Error` ›
//! `Message`, `Server-Time` or `Id` (data: `error_body.requires`). What is missing is labelled
//! at the element that should hold it; a missing `Content` or `Error` is reported once, not
//! again for what it would hold. Without a known status the body is checked as an error body.
//!
//! ## Why it matters
//! "The web service returns a 4xx or 5xx HTTP response code when there are any errors and will
//! include the following elements: StatusCode, Content … Error … Message, Server-Time, Id"
//! (Concur web services, seed 000). Integrations log the Id to trace an error with Concur.
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
    let Some(shape) = cx.shape else {
        return;
    };
    if cx.http.and_then(|h| h.status).is_some_and(|s| s < 400) {
        return;
    }
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
    lacking.report(cx, out, || {
        "a Concur web-service error holds StatusCode and Content › Error › Message, Server-Time \
         and Id (seed 000)"
            .to_string()
    });
}
