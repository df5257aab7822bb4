//! ## What it does
//! Reports an InfoGroup `Error` whose `Code` is not a normalized error code: two capital
//! letters and five digits, such as `XX01004` (the pattern is data: `infogroup.code_pattern`
//! in `rules/xx1.toml`). When a list of known codes is supplied (`[infogroup.known_codes]` in
//! a `--rules` file), a well-formed code missing from it is reported too, naming the list's
//! source.
//!
//! ## Why it matters
//! "Each Error element has a Code element which contains a code from the Normalized Errors
//! listing" (XX1 Error Handling). A backend's own code (`120`, `NO_FARES`) in that
//! place breaks every client that maps normalized codes; backend codes belong in
//! `UnderlyingError/@Code`. The listing itself is not public, so otalint checks the shape
//! unless you give it the list.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Code>120</Code><Text>Invalid flight number</Text></Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! Give the normalized code, and the backend's code in an UnderlyingError.
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air">
//!       <Code>XX01004</Code>
//!       <Text>Invalid flight number</Text>
//!       <UnderlyingError Code="120"><Text>FLT NBR INVALID</Text></UnderlyingError>
//!     </Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```

use super::support::infogroup::entries;
use super::prelude::*;
use crate::profile::KnownCodes;

pub static RULE: Rule = Rule {
    name: "normalized-code-format",
    group: Group::Infogroup,
    level: Level::Warning,
    profiles: XX1,
    summary: "Code is not a normalized code (two capital letters, five digits)",
    data: &["infogroup.code_pattern"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let info = &cx.facts.infogroup;
    for error in entries(cx, "Error") {
        let Some(code) = child(error, "Code") else {
            continue;
        };
        let (text, span) = element_text(code);
        let value = text.trim();
        let span = span
            .map(|s| trimmed(cx.text, s))
            .unwrap_or_else(|| cx.name_span(code));
        if let Some(pattern) = &info.code_pattern
            && !pattern.is_match(value)
        {
            out.report(
                span,
                format!(
                    "`{}` is not a normalized error code (`{}`)",
                    super::support::shown(value),
                    pattern.source
                ),
            )
            .label("not normalized")
            .help(
                "the Code holds a code from the Normalized Errors listing, e.g. `XX01004`; \
                 a backend's own code goes in `<UnderlyingError Code=\"…\">`",
            );
        } else if let Some(KnownCodes { source, codes: known }) = &info.known_codes
            && !known.contains_key(value)
        {
            out.report(
                span,
                format!("`{}` is not in the known normalized codes", super::support::shown(value)),
            )
            .label("unknown code")
            .help(format!("the list of known codes comes from {source}"));
        }
    }
}

/// A text span without its surrounding whitespace.
fn trimmed(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}
