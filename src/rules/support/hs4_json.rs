//! The HS4 error body, as the hs4 rules read it.

use std::ops::Range;

use serde_json::Value;

use crate::rule::Context;

/// A JSON body that is an error response: by its HTTP status (4xx/5xx) when that is known,
/// else by its look (an object with `otaCode` or `message`). The object and its status.
pub(crate) fn error_body<'a>(cx: &Context<'a, '_>) -> Option<(&'a Value, Option<u16>)> {
    let json = cx.json?;
    let value = json.value.as_ref()?;
    let status = cx.http.and_then(|h| h.status);
    match status {
        Some(s) if s >= 400 => Some((value, Some(s))),
        Some(_) => None,
        None => value
            .as_object()
            .filter(|o| o.contains_key("otaCode") || o.contains_key("message"))
            .map(|_| (value, None)),
    }
}

/// The span of a value of the body by JSON pointer (`""` is the whole body).
pub(crate) fn span(cx: &Context, pointer: &str) -> Range<usize> {
    cx.json
        .and_then(|j| j.spans.get(pointer).cloned())
        .unwrap_or(0..0)
}

/// The span of an object's opening brace, for what it lacks.
pub(crate) fn opening(cx: &Context, pointer: &str) -> Range<usize> {
    let s = span(cx, pointer);
    s.start..(s.start + 1).min(s.end.max(s.start + 1))
}
