//! ## What it does
//! Reports a `ForInfo` without any `Text`.
//!
//! ## Why it matters
//! A ForInfo carries its information in `Text` elements, 1..N of them (XX1 Error Handling,
//! InfoGroup schema). One without Text tells the client there is something to know, and not what.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <ForInfo Source="1A" Code="I00001"/>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! Say what the information is.
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <ForInfo Source="1A" Code="I00001"><Text>Fares are quoted in EUR</Text></ForInfo>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```

use super::support::infogroup::entries;
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "forinfo-missing-text",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "ForInfo without Text (1..N)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for info in entries(cx, "ForInfo") {
        if child(info, "Text").is_none() {
            out.report(cx.name_span(info), "`ForInfo` has no `Text`")
                .label("no Text")
                .help("a ForInfo holds one or more `<Text>` elements with the information");
        }
    }
}
