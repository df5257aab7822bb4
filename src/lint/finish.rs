//! The end of a body's check: the rules run, a request keeps only what a request may have, and
//! the findings are sorted and named by element.

use roxmltree::Document;

use super::Linter;
use crate::detect::Detection;
use crate::diagnostic::Diagnostic;
use crate::document::json::JsonBody;
use crate::document::{self, ParseFailure};
use crate::rule::Context;

impl Linter {
    /// Runs every enabled rule and finishes the findings. One cause, one finding: a request
    /// gets no response rule (its HTTP facts are still the exchange's).
    pub(super) fn judge(
        &self,
        cx: &Context,
        request: bool,
        parsed: Option<&Result<Document, ParseFailure>>,
        json: Option<&JsonBody>,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        self.rules.run(cx, &mut diagnostics);
        // An image the probe fetched (`--check-images`) is judged by its own rule only.
        if cx
            .http
            .and_then(|h| h.probe.as_deref())
            .is_some_and(|p| p.is_image())
        {
            diagnostics.retain(|d| d.rule == "image-unreachable");
        }
        if request {
            diagnostics.retain(|d| d.rule == "not-a-response" || !d.in_body);
        }
        finish(&mut diagnostics, parsed, json, cx.options.plain);
        diagnostics
    }
}

/// What running the rules on a body gave.
pub(super) struct Ran {
    pub(super) detection: Detection,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) paired: bool,
    pub(super) foreign: Option<String>,
    pub(super) request: Option<String>,
}

/// Sorts the findings by place and rule, and names each one's element: in one walk over the
/// document for all of them, or offset by offset when `plain`.
fn finish(
    diagnostics: &mut [Diagnostic],
    parsed: Option<&Result<Document, ParseFailure>>,
    json: Option<&JsonBody>,
    plain: bool,
) {
    diagnostics.sort_by(|a, b| {
        (a.in_body, a.span.start, a.span.end, a.rule).cmp(&(
            b.in_body,
            b.span.start,
            b.span.end,
            b.rule,
        ))
    });
    if plain {
        // Offset by offset, as the one-walk paths below must give.
        for d in diagnostics {
            d.element = match (parsed, json) {
                _ if !d.in_body => "http".to_string(),
                (Some(Ok(doc)), _) => document::element_path(doc, d.span.start),
                (_, Some(body)) => body.pointer_at(d.span.start),
                _ => String::new(),
            };
        }
        return;
    }
    // The body's findings come last, in order of their start.
    let body = diagnostics.partition_point(|d| !d.in_body);
    let (http, body) = diagnostics.split_at_mut(body);
    for d in http {
        d.element = "http".to_string();
    }
    let offsets: Vec<usize> = body.iter().map(|d| d.span.start).collect();
    let elements = match (parsed, json) {
        (Some(Ok(doc)), _) => document::element_paths(doc, &offsets),
        (_, Some(json)) => json.pointers_at(&offsets),
        _ => vec![String::new(); offsets.len()],
    };
    for (d, element) in body.iter_mut().zip(elements) {
        d.element = element;
    }
}
