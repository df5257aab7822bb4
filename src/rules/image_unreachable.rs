//! ## What it does
//! On an `otalint probe --check-images N` recording: reports a hotel image the probe fetched
//! (step `hs4.image` or `hs2.image`) that Concur could not show — no complete response, an
//! HTTP status other than 200, a `Content-Type` that is not `image/*`, or a body whose first
//! bytes are not a JPEG (`FF D8 FF`) or PNG (`89 50 4E 47 0D 0A 1A 0A`) signature. The probe
//! reads only the first 1 MiB of each image; an image is judged by its first bytes.
//!
//! ## Why it matters
//! Concur shows the hotel's pictures from the URLs the supplier gives: the lead image is "an
//! HTTPS URL pointing to a .png or .jpg hotel image file" (HS4 OpenAPI, `leadImageURI`), the
//! gallery "a HTTPS URL pointing to a hotel image" (HS4 OpenAPI, `mediaItems.url`; HS2
//! `ImageItem/ImageFormat/URL`). `image-url` judges how the URL is written; only fetching it
//! shows whether a traveller sees a picture or a broken frame. Concur's kit never fetches them.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 3, "_otalint": {"version": 1, "step": "hs4.image", "service": "hs4", "profile": "hs4", "operation": "image", "transport": {"error": null, "timed_out": false}},
//!    "request": {"method": "GET", "url": "https://images.hotel.example/lobby.jpg", "headers": [{"name": "accept", "value": "image/*"}]},
//!    "response": {"status": 404, "statusText": "Not Found", "headers": [{"name": "Content-Type", "value": "text/html"}], "content": {"size": 9, "mimeType": "text/html", "text": "not found"}}}]}}
//! ```
//!
//! ## Fix
//! Serve every image URL you send with `200` and the image itself:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 3, "_otalint": {"version": 1, "step": "hs4.image", "service": "hs4", "profile": "hs4", "operation": "image", "transport": {"error": null, "timed_out": false}},
//!    "request": {"method": "GET", "url": "https://images.hotel.example/lobby.jpg", "headers": [{"name": "accept", "value": "image/*"}]},
//!    "response": {"status": 200, "statusText": "OK", "headers": [{"name": "Content-Type", "value": "image/jpeg"}], "content": {"size": 4, "mimeType": "image/jpeg", "text": "/9j/4A==", "encoding": "base64"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe;
use crate::input::{FileSpan, HttpFacts};
use crate::input::probe_facts::ProbeFacts;

pub static RULE: Rule = Rule {
    name: "image-unreachable",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "a hotel image the probe fetched did not come back as a JPEG or PNG image",
    data: &[],
    check,
};

const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    if !facts.is_image() {
        return;
    }
    let url = facts.url.as_deref().unwrap_or("?");
    let Some((what, span)) = problem(http, facts) else {
        return;
    };
    let span = span.or_else(|| facts.url_span.clone()).or_else(|| http.span.clone());
    out.report_http(span, format!("the image {url} {what}"))
        .label("not an image")
        .help("every image URL sent to Concur must answer 200 with the JPEG or PNG image itself (`Content-Type: image/jpeg` or `image/png`), without credentials");
}

/// What is wrong with the image exchange and the span that shows it (`None`: the request
/// URL), or `None` when it gave an image.
fn problem(http: &HttpFacts, facts: &ProbeFacts) -> Option<(String, Option<FileSpan>)> {
    if let Some(e) = &facts.transport_error {
        return Some((format!("got no complete response ({e})"), None));
    }
    let Some(status) = http.status else {
        return Some(("got no HTTP status".to_string(), None));
    };
    if status != 200 {
        let what = format!("answered HTTP {status} instead of 200");
        return Some((what, http.status_span.clone()));
    }
    let mime = http.header("Content-Type");
    let value = mime.map(|h| h.value.trim());
    if !value.is_some_and(|m| m.to_ascii_lowercase().starts_with("image/")) {
        let what = match value {
            Some(m) => format!("came as `{}`, not `image/*`", m.escape_debug()),
            None => "came without a Content-Type".to_string(),
        };
        return Some((what, mime.and_then(|h| h.span.clone())));
    }
    let head = facts.image_head.as_deref().unwrap_or_default();
    if head.starts_with(JPEG) || head.starts_with(PNG) {
        return None;
    }
    let shown: Vec<String> = head.iter().take(8).map(|b| format!("{b:02X}")).collect();
    let what = match shown.is_empty() {
        true => "has an empty body, not a JPEG or PNG image".to_string(),
        false => format!(
            "does not start as a JPEG or PNG image does (its first bytes: {})",
            shown.join(" ")
        ),
    };
    Some((what, None))
}
