//! ## What it does
//! Reports a `ForInfo` that comes after an `Error` in an `InfoGroup`. The ForInfo is labelled,
//! and so is the Error it follows.
//!
//! ## Why it matters
//! "This InfoGroup element can contain multiple ForInfo elements followed by multiple Error
//! elements." (XX1 Error Handling). The schema is a sequence: ForInfos first,
//! then Errors; a validating client rejects the other order.
//!
//! ## Example
//! ```xml
//! <PNRViewRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Code>XX01004</Code><Text>Invalid flight number</Text></Error>
//!     <ForInfo><Text>Segment 2 is waitlisted</Text></ForInfo>
//!   </InfoGroup>
//! </PNRViewRS>
//! ```
//!
//! ## Fix
//! Put every ForInfo before the first Error.
//! ```xml
//! <PNRViewRS version="1.0">
//!   <InfoGroup>
//!     <ForInfo><Text>Segment 2 is waitlisted</Text></ForInfo>
//!     <Error ErrorType="Air"><Code>XX01004</Code><Text>Invalid flight number</Text></Error>
//!   </InfoGroup>
//! </PNRViewRS>
//! ```

use super::support::infogroup::{elements, groups, is};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "forinfo-after-error",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "a ForInfo after an Error (ForInfos come first)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for group in groups(cx) {
        let mut last_error = None;
        for node in elements(*group) {
            if is(node, "Error") {
                last_error = Some(node);
            } else if is(node, "ForInfo")
                && let Some(error) = last_error
            {
                out.report(cx.name_span(node), "`ForInfo` after an `Error`")
                    .label("ForInfo out of place")
                    .related(cx.name_span(error), "ForInfo belongs before this Error")
                    .help(
                        "an InfoGroup holds \"ForInfo elements followed by … Error elements\": \
                         move the ForInfo before the first Error",
                    );
            }
        }
    }
}
