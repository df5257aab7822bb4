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
        finish(&mut diagnostics, parsed, json);
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

/// Sorts the findings by place and rule, and names each one's element.
fn finish(
    diagnostics: &mut [Diagnostic],
    parsed: Option<&Result<Document, ParseFailure>>,
    json: Option<&JsonBody>,
) {
    diagnostics.sort_by(|a, b| {
        (a.in_body, a.span.start, a.span.end, a.rule).cmp(&(
            b.in_body,
            b.span.start,
            b.span.end,
            b.rule,
        ))
    });
    for d in diagnostics {
        d.element = match (parsed, json) {
            _ if !d.in_body => "http".to_string(),
            (Some(Ok(doc)), _) => document::element_path(doc, d.span.start),
            (_, Some(body)) => body.pointer_at(d.span.start),
            _ => String::new(),
        };
    }
}
