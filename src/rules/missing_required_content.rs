//! ## What it does
//! Reports a successful response (one with `Success` and no `Errors`) that lacks what its
//! message requires, as listed per message in `rules/hs2.toml` (`requires`):
//!
//! - `OTA_HotelSearchRS`: `Properties`, each `Property` with `HotelCode`, `HotelName`,
//!   `Position` and `Address`;
//! - `OTA_HotelDescriptiveInfoRS`: exactly one `HotelDescriptiveContent` with `HotelCode` and
//!   `HotelName`;
//! - `OTA_HotelResRS`: `ResResponseType` and exactly one `HotelReservation`;
//! - `OTA_CancelRS`: `Status` and one `UniqueID` each of `Type="14"` and `Type="15"`.
//!
//! On Hotel Service v4 (JSON), a required field of the operation's 200 response, at any depth,
//! as the HS4 contract says (`[contract]`, derived from Concur's OpenAPI, with its prose: a
//! reservation's `roomRate` is required unless its `status` is `CANCELLED`); it is labelled at
//! the opening brace of the object that lacks it, and a missing object is one finding.
//!
//! Something missing is labelled at its parent's start tag; one too many at the extra
//! element. An attribute that is present but blank counts as missing. Requirements under a
//! missing parent are not reported again.
//!
//! ## Why it matters
//! These are the elements and attributes Concur's HS2 message pages (Search, Descriptive
//! Info, Reservation, Read, Cancel) mark Required: Concur shows a hotel on the map from its
//! `Position`, books against its `HotelCode`, and confirms a cancellation from the Type 15
//! `UniqueID`. A response without them is unusable even though it says `Success`.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send the cancellation number as a Type 15 `UniqueID`.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::support::lacking::Lacking;
use super::prelude::*;
use crate::profile::Require;
use crate::selector::{Step, Target, matching};

pub static RULE: Rule = Rule {
    name: "missing-required-content",
    group: Group::Message,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "a successful response lacks what its message requires (per-message data, the HS4 contract)",
    data: &["messages.*.requires", "contract.definitions", "contract.required_unless"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => super::support::hs4_report::missing(cx, out),
        _ => xml(cx, out),
    }
}

/// The per-message requirements of an XML response.
fn xml(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let Some(response) = shape.response else {
        return;
    };
    if shape.success.is_none() || !shape.errors.is_empty() {
        return;
    }
    let name = local(response);
    let Some(message) = cx.facts.message(name) else {
        return;
    };
    // Formatted only when there is something to report: most responses are complete.
    let help = || requirements(name, message);
    // What each element lacks, gathered so that one element gets one finding.
    let mut lacking = Lacking::default();
    // Paths are listed by parent (`Properties/Property/@HotelCode`, `…/@HotelName`, …): the
    // parents found for one serve the next while they are the same.
    let mut cached: Option<(&[Step], Vec<roxmltree::Node>)> = None;
    for Require { path, count } in &message.requires {
        let parents = match &mut cached {
            Some((steps, nodes)) if *steps == path.parents.as_slice() => &*nodes,
            slot => &slot.insert((&path.parents, path.parents(response))).1,
        };
        for &parent in parents {
            match &path.target {
                Target::Attribute(attr) => {
                    match parent.attribute(attr.as_str()) {
                        Some(v) if !v.trim().is_empty() => {}
                        Some(_) => lacking.add(parent, format!("a non-blank `{attr}`")),
                        None => lacking.add(parent, format!("`{attr}`")),
                    }
                }
                Target::Element(step) => {
                    // Counted first: the nodes are needed only when the count is wrong.
                    if count.allows(matching(parent, step).count()) {
                        continue;
                    }
                    let found: Vec<_> = matching(parent, step).collect();
                    let what = describe(step);
                    if found.len() < count.min {
                        if found.is_empty() {
                            lacking.add(parent, what);
                        } else {
                            lacking.add(parent, format!("{count} {what} (it has {})", found.len()));
                        }
                    } else {
                        let max = count.max.unwrap_or(found.len());
                        let extra = &found[max.min(found.len() - 1)..];
                        let d = out
                            .report(
                                cx.name_span(extra[0]),
                                format!(
                                    "`{}` has {} {what}; {count} allowed",
                                    local(parent),
                                    found.len()
                                ),
                            )
                            .label("one too many")
                            .help(help());
                        for node in &extra[1..] {
                            d.related(cx.name_span(*node), "one too many");
                        }
                    }
                }
            }
        }
    }
    lacking.report(cx, out, help);
}

fn describe(step: &Step) -> String {
    match &step.filter {
        None => format!("`{}`", step.name),
        Some((attr, value)) => format!("`{}` with `{attr}=\"{value}\"`", step.name),
    }
}

/// `a successful NAME holds …`, the help of every finding of a message.
fn requirements(name: &str, message: &crate::profile::MessageFacts) -> String {
    format!(
        "a successful `{name}` holds {}",
        message
            .requires
            .iter()
            .map(|r| format!("`{}` ({})", r.path, r.count))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
