//! ## What it does
//! Reports an InfoGroup `Error` without any `Text`.
//!
//! ## Why it matters
//! "The code element is followed by Text element with a textual representation for the
//! normalized error" (XX1 Error Handling); the schema has Text 1..N. Without it
//! the traveler or agent sees a bare code.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Code>XX01004</Code></Error>
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
    name: "missing-error-text",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "Error without Text (1..N)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for error in entries(cx, "Error") {
        if child(error, "Text").is_none() {
            out.report(cx.name_span(error), "`Error` has no `Text`")
                .label("no Text")
                .help("after the Code, give the normalized error's text: `<Text>…</Text>`");
        }
    }
}
