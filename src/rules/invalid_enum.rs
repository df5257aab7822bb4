//! ## What it does
//! Reports an attribute whose value is not one of those its message allows, as listed per
//! message in `rules/*.toml` (`enums`): `OTA_HotelResRS/@ResResponseType` is `Cancelled`,
//! `Committed`, `Unsuccessful` or `Reserved`; `OTA_CancelRS/@Status` is `Cancelled` or
//! `Unsuccessful`. A value that differs only in case is named in the help. On Hotel Service v4
//! (JSON), any value outside an enum of the operation's response contract (`availabilityStatus`,
//! `status`, a confirmation code's `codeType`, a distance's `unit`, …), listing the allowed ones.
//!
//! ## Why it matters
//! Concur's Reservation, Read and Cancel pages list these values, and Concur decides from
//! them whether a booking or cancellation went through. A `Status="Confirmed"` on a cancel
//! leaves Concur not knowing whether the room is still booked.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1" Status="Confirmed">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Use one of the listed values.
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

use super::prelude::*;
use crate::profile::EnumFacts;
use crate::selector::Target;

pub static RULE: Rule = Rule {
    name: "invalid-enum",
    group: Group::Message,
    level: Level::Error,
    profiles: HS2_HS1_HS4,
    summary: "a value outside the ones Concur lists (ResResponseType, Status; the HS4 contract's enums)",
    data: &["messages.*.enums", "contract.definitions"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    if cx.profile == Profile::Hs4 {
        return super::support::hs4_report::invalid_enum(cx, out);
    }
    let Some(response) = cx.response() else {
        return;
    };
    let Some(message) = cx.facts.message(local(response)) else {
        return;
    };
    for EnumFacts { path, values } in &message.enums {
        let Target::Attribute(attr) = &path.target else {
            continue;
        };
        for parent in path.parents(response) {
            let Some(value) = parent.attribute(attr.as_str()) else {
                continue;
            };
            if values.iter().any(|v| v == value) {
                continue;
            }
            let listed = values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = match values.iter().find(|v| v.eq_ignore_ascii_case(value.trim())) {
                Some(right) => format!("values are case-sensitive: write `{right}`"),
                None => format!("`{}` takes one of {listed}", local(parent)),
            };
            out.report(
                cx.attr_span(parent, attr.as_str()),
                format!(
                    "{attr} `{}` is not one of {listed}",
                    super::support::shown(value)
                ),
            )
            .label("not a listed value")
            .help(help);
        }
    }
}
