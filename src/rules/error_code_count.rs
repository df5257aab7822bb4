//! ## What it does
//! Reports an InfoGroup `Error` without a `Code`, or with more than one (the extra ones are
//! labelled).
//!
//! ## Why it matters
//! "Each Error element has a Code element which contains a code from the Normalized Errors
//! listing" and the schema allows exactly one (XX1 Error Handling). Clients act on
//! that one code; with none they cannot, with two they pick one at random.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Text>Invalid flight number</Text></Error>
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
    name: "error-code-count",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "Error without Code, or with more than one",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for error in entries(cx, "Error") {
        let codes: Vec<_> = children(error, "Code").collect();
        match codes.as_slice() {
            [] => {
                out.report(cx.name_span(error), "`Error` has no `Code`")
                    .label("no Code")
                    .help("give the normalized error code first: `<Code>XX01004</Code>`");
            }
            [_] => {}
            [first, extra, more @ ..] => {
                let d = out
                    .report(
                        cx.name_span(*extra),
                        format!("`Error` has {} `Code`s; exactly one is allowed", codes.len()),
                    )
                    .label("extra Code")
                    .related(cx.name_span(*first), "the Code")
                    .help(
                        "keep the one normalized code; backend codes belong in \
                         `<UnderlyingError Code=\"…\">`",
                    );
                for node in more {
                    d.related(cx.name_span(*node), "extra Code");
                }
            }
        }
    }
}
