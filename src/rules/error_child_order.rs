//! ## What it does
//! Reports the children of an InfoGroup `Error` out of their order: `Code`, then `Text`s, then
//! `UnderlyingError`s. The element out of place is labelled, and so is the one it should come
//! before. A second `Code` is `error-code-count`, not reported here.
//!
//! ## Why it matters
//! "Each Error element has a Code element … The code element is followed by Text element …"
//! and UnderlyingErrors close the Error (XX1 Error Handling). The schema is a
//! sequence; clients that read the first Text as the normalized text get a backend message
//! instead.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air">
//!       <Text>Invalid flight number</Text>
//!       <Code>XX01004</Code>
//!     </Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air">
//!       <Code>XX01004</Code>
//!       <Text>Invalid flight number</Text>
//!     </Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```

use super::support::infogroup::{elements, entries};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "error-child-order",
    group: Group::Infogroup,
    level: Level::Error,
    profiles: XX1,
    summary: "Error children not in the order Code, Text…, UnderlyingError…",
    data: &[],
    check,
};

fn rank(name: &str) -> Option<u8> {
    match name {
        "Code" => Some(0),
        "Text" => Some(1),
        "UnderlyingError" => Some(2),
        _ => None,
    }
}

fn check(cx: &Context, out: &mut Findings) {
    for error in entries(cx, "Error") {
        let mut seen_code = false;
        // The element with the highest rank so far: what an earlier-ranked one must precede.
        let mut highest: Option<(u8, roxmltree::Node)> = None;
        for node in elements(error) {
            let name = local(node);
            let Some(r) = rank(name) else { continue };
            if r == 0 {
                if seen_code {
                    continue; // a second Code is error-code-count
                }
                seen_code = true;
            }
            match highest {
                Some((h, before)) if r < h => {
                    out.report(
                        cx.name_span(node),
                        format!("`{name}` after `{}`", local(before)),
                    )
                    .label(format!("{name} out of place"))
                    .related(
                        cx.name_span(before),
                        format!("{name} belongs before this {}", local(before)),
                    )
                    .help("an Error holds its Code, then its Texts, then its UnderlyingErrors");
                }
                Some((h, _)) if r == h => {}
                _ => highest = Some((r, node)),
            }
        }
    }
}
