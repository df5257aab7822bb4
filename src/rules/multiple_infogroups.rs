//! ## What it does
//! Reports a message with more than one `InfoGroup`; each extra one is labelled.
//!
//! ## Why it matters
//! The XX/1 schema allows the InfoGroup 0..1 times (XX1 Error Handling). A second one is not read:
//! its errors and information are lost.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <ForInfo><Text>Fares are quoted in EUR</Text></ForInfo>
//!   </InfoGroup>
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Code>XX01004</Code><Text>Invalid flight number</Text></Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! Merge them into one InfoGroup, information first, errors after.
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <ForInfo><Text>Fares are quoted in EUR</Text></ForInfo>
//!     <Error ErrorType="Air"><Code>XX01004</Code><Text>Invalid flight number</Text></Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```

use super::support::infogroup::groups;
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "multiple-infogroups",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "more than one InfoGroup (0..1 allowed)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((first, rest)) = groups(cx).split_first() else {
        return;
    };
    let Some((extra, more)) = rest.split_first() else {
        return;
    };
    let d = out
        .report(
            cx.name_span(*extra),
            format!("{} `InfoGroup` elements; at most one is allowed", rest.len() + 1),
        )
        .label("extra InfoGroup")
        .related(cx.name_span(*first), "the first InfoGroup")
        .help("merge everything into the first InfoGroup: `ForInfo`s first, then `Error`s");
    for node in more {
        d.related(cx.name_span(*node), "extra InfoGroup");
    }
}
