//! ## What it does
//! Reports an `InfoGroup` that is not the first child element of the XX/1 message root. The
//! InfoGroup is labelled, and so is the element it should come before.
//!
//! ## Why it matters
//! "Each XX/1 response message can contain an InfoGroup element as first child of the root
//! element." (XX1 Error Handling). Clients look for errors there first; an
//! InfoGroup after the payload is read as payload, or not at all.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <Fares/>
//!   <InfoGroup>
//!     <ForInfo><Text>Fares are quoted in EUR</Text></ForInfo>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! Move the InfoGroup to the top of the message.
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <ForInfo><Text>Fares are quoted in EUR</Text></ForInfo>
//!   </InfoGroup>
//!   <Fares/>
//! </FareSearchRS>
//! ```

use super::support::infogroup::{elements, groups};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "infogroup-position",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "InfoGroup is not the first child of the message root",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(group) = groups(cx).first() else {
        return;
    };
    let Some(message) = group.parent() else {
        return;
    };
    let Some(first) = elements(message).next() else {
        return;
    };
    if first == *group {
        return;
    }
    out.report(
        cx.name_span(*group),
        format!("`InfoGroup` is not the first child of `{}`", local(message)),
    )
    .label("InfoGroup")
    .related(
        cx.name_span(first),
        format!("InfoGroup belongs before this `{}`", local(first)),
    )
    .help("XX/1 puts the InfoGroup \"as first child of the root element\": move it to the top");
}
