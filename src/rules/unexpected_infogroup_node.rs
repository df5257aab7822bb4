//! ## What it does
//! Reports an element or attribute inside an `InfoGroup` that the XX/1 schema does not have.
//! Allowed (data: `[infogroup.elements]` in `rules/xx1.toml`): InfoGroup › `ForInfo`, `Error`,
//! `BackOffice`; ForInfo › `Text`, with `@Source`, `@SourceRef`, `@Code`, `@Lang`; Error ›
//! `Code`, `Text`, `UnderlyingError`, with `@ErrorType`, `@Source`, `@SourceRef`;
//! UnderlyingError › `Text`, with `@Code`. `BackOffice` content is not checked; `Code` and
//! `Text` hold text only. An unexpected element is reported once, not its content.
//!
//! ## Why it matters
//! The InfoGroup schema (XX1 Error Handling and the XX/1 1.7.3 schema tables) is closed: a validating
//! client rejects the message, and a lenient one drops what it does not know, such as a
//! `Severity` attribute or a `Message` element a supplier invented.
//!
//! ## Example
//! ```xml
//! <FareSearchRS version="1.0">
//!   <InfoGroup>
//!     <Error ErrorType="Air" Severity="high">
//!       <Code>XX01004</Code>
//!       <Message>Invalid flight number</Message>
//!     </Error>
//!   </InfoGroup>
//! </FareSearchRS>
//! ```
//!
//! ## Fix
//! Use the schema's nodes.
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

use roxmltree::Node;

use super::support::infogroup::{elements, groups};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "unexpected-infogroup-node",
    group: Group::Infogroup,
    level: Level::Warning,
    profiles: XX1,
    summary: "an element or attribute the InfoGroup schema does not have",
    data: &["infogroup.elements"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    for group in groups(cx) {
        visit(cx, out, *group);
    }
}

fn visit(cx: &Context, out: &mut Findings, node: Node) {
    let name = local(node);
    let spec = cx.facts.infogroup.elements.get(name);
    if spec.is_some_and(|s| s.any) {
        return;
    }
    let (children, attributes): (&[String], &[String]) = match spec {
        Some(s) => (&s.children, &s.attributes),
        None => (&[], &[]),
    };
    for attr in node.attributes() {
        if attr.namespace().is_some() || attributes.iter().any(|a| a == attr.name()) {
            continue;
        }
        out.report(
            attr.range_qname(),
            format!("`{name}` has no attribute `{}` in the XX/1 schema", attr.name()),
        )
        .label("unexpected attribute")
        .help(allowed(name, "attributes", attributes));
    }
    for child in elements(node) {
        let child_name = local(child);
        if children.iter().any(|c| c == child_name) {
            visit(cx, out, child);
        } else {
            out.report(
                cx.name_span(child),
                format!("`{name}` has no child `{child_name}` in the XX/1 schema"),
            )
            .label("unexpected element")
            .help(allowed(name, "children", children));
        }
    }
}

fn allowed(name: &str, what: &str, list: &[String]) -> String {
    if list.is_empty() {
        format!("`{name}` has no {what} in the XX/1 schema")
    } else {
        format!(
            "`{name}` allows the {what} {}",
            list.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
