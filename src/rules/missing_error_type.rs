//! ## What it does
//! Reports an InfoGroup `Error` without an `ErrorType` attribute, or with a blank one.
//!
//! ## Why it matters
//! `@ErrorType` occurs exactly once on every Error (XX1 Error Handling, InfoGroup schema); values
//! seen are `Air` and `AIR`. Clients route errors by it; without it they cannot tell an air
//! error from a rail or car one.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error><Code>XX01004</Code><Text>Invalid flight number</Text></Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Code>XX01004</Code><Text>Invalid flight number</Text></Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```

use super::support::infogroup::entries;
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "missing-error-type",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "Error without ErrorType (required)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for error in entries(cx, "Error") {
        match error.attribute("ErrorType") {
            Some(t) if !t.trim().is_empty() => {}
            Some(_) => {
                out.report(
                    cx.attr_span(error, "ErrorType"),
                    "`ErrorType` is blank",
                )
                .label("blank")
                .help("name the kind of error, e.g. `ErrorType=\"Air\"`");
            }
            None => {
                out.report(cx.name_span(error), "`Error` has no `ErrorType`")
                    .label("no ErrorType")
                    .help("every Error has an ErrorType, e.g. `ErrorType=\"Air\"`");
            }
        }
    }
}
