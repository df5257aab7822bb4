//! ## What it does
//! Reports an `UnderlyingError` with neither a `Code` attribute nor any `Text`.
//!
//! ## Why it matters
//! "An UnderlyingError element is used to display the original error message that was
//! returned by the backend system" (XX1 Error Handling). An empty one carries
//! nothing of it and only hides that the backend's message was dropped.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air">
//!       <Code>XX01004</Code>
//!       <Text>Invalid flight number</Text>
//!       <UnderlyingError/>
//!     </Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! Pass on the backend's code and text, or leave the UnderlyingError out.
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

pub static RULE: Rule = Rule {
    name: "empty-underlying-error",
    group: Group::Infogroup,
    level: Level::Warning,
    profiles: XX1,
    summary: "UnderlyingError with neither Code nor Text",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for error in entries(cx, "Error") {
        for under in children(error, "UnderlyingError") {
            if under.has_attribute("Code") || child(under, "Text").is_some() {
                continue;
            }
            out.report(
                cx.name_span(under),
                "`UnderlyingError` has neither a `Code` nor a `Text`",
            )
            .label("empty")
            .help("pass on the backend's code (`Code=\"…\"`) and message (`<Text>`), or drop it");
        }
    }
}
