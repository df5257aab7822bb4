//! ## What it does
//! Reports a blank `Text` (empty or whitespace only) anywhere in an InfoGroup: in a `ForInfo`,
//! an `Error` or an `UnderlyingError`.
//!
//! ## Why it matters
//! Text elements carry what people read: "Free flow text. Example: Invalid flight number"
//! (XX1 Error Handling, InfoGroup schema). A blank one counts as a Text for the schema and says
//! nothing, which hides a missing message from validation.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air"><Code>XX01004</Code><Text> </Text></Error>
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

use super::support::infogroup::groups;
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "empty-text",
    group: Group::Infogroup,
    level: Level::Warning,
    profiles: XX1,
    summary: "a blank Text in an InfoGroup",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for group in groups(cx) {
        for text in group
            .descendants()
            .filter(|n| n.is_element() && local(*n) == "Text")
        {
            // Only the Texts of the schema: inside ForInfo, Error or UnderlyingError.
            let parent = text.parent().map_or("", local);
            if !matches!(parent, "ForInfo" | "Error" | "UnderlyingError") {
                continue;
            }
            if !element_text(text).0.trim().is_empty() {
                continue;
            }
            out.report(cx.name_span(text), format!("blank `Text` in `{parent}`"))
                .label("blank")
                .help("write the text, or leave the element out");
        }
    }
}
