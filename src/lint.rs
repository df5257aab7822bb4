//! Linting one body: decode, detect the profile, parse once, run the rules.

use crate::diagnostic::Diagnostic;
use crate::document::{self, EncodingProblem, Shape};
use crate::profile::{Detection, Profile, ProfileSet, detect};
use crate::rules::{Context, LintOptions, RuleSet};

/// The outcome of checking one body.
pub struct Checked {
    pub detection: Detection,
    /// The body as text, same byte length as the input; diagnostics' spans index into it.
    pub text: String,
    /// Sorted by position, then rule name.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything that is the same for every file of a run.
pub struct Linter {
    pub profiles: ProfileSet,
    pub rules: RuleSet,
    pub options: LintOptions,
    /// A profile forced for every file, instead of detection.
    pub forced: Option<Profile>,
}

impl Linter {
    pub fn new(profiles: ProfileSet) -> Self {
        Linter {
            profiles,
            rules: RuleSet::default(),
            options: LintOptions::default(),
            forced: None,
        }
    }

    pub fn check(&self, bytes: &[u8]) -> Checked {
        let decoded = document::decode(bytes);
        let text = decoded.text;
        let prolog = document::prolog(&text);
        let detection = match self.forced {
            Some(profile) => Detection {
                profile,
                reason: "forced with --profile".to_string(),
            },
            None => detect(prolog.root),
        };
        let facts = self.profiles.facts(detection.profile);
        // A UTF-16 body is not read further: every offset would be wrong.
        let readable = !matches!(decoded.problem, Some(EncodingProblem::Utf16Bom { .. }));
        let parse_text = document::parse_text(&text, prolog.doctype.as_ref());
        let parsed = readable.then(|| document::parse(&parse_text));
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
        };
        let mut diagnostics = Vec::new();
        self.rules.run(&cx, &mut diagnostics);
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        drop(shape);
        drop(parsed);
        drop(parse_text);
        Checked {
            detection,
            text,
            diagnostics,
        }
    }
}
