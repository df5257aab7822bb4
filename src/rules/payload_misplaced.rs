//! ## What it does
//! Reports a payload that sits in the other place than the edition puts it: in `ShortText`
//! when the edition is `content` (the default), or in the element content when it is
//! `short-text`. It is reported when the other place holds a value of the code's format, and
//! it replaces `payload-missing` for that error. Only the error Concur uses is checked.
//!
//! ## Why it matters
//! Concur moved the payload: the 2017 edition of Hotel v2 - Error Handling said "Hotel Codes
//! should be provided in ShortText", the current one says "in content of the element", and
//! ShortText is now "A description of the error". A supplier built on the old pages sends the
//! data where Concur no longer reads it. Choose the edition Concur certifies you against with
//! `--payload-location`.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="50.111,40.222,5,2"/>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Move the payload to the element content and describe the error in ShortText.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No hotels found">50.111,40.222,5,2</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::support::payload_site::{State, placement_help, site};
use super::prelude::*;
use crate::rule::PayloadLocation;

pub static RULE: Rule = Rule {
    name: "payload-misplaced",
    group: Group::Payload,
    level: Level::Warning,
    profiles: HS2,
    summary: "the payload sits in the other place (content vs ShortText) than the edition's",
    data: &["codes.*.payload"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(site) = site(cx) else {
        return;
    };
    let State::Misplaced { value, span } = &site.state else {
        return;
    };
    let (found, expected, switch) = match cx.options.payload_location {
        PayloadLocation::Content => ("in ShortText", "the element content", "short-text"),
        PayloadLocation::ShortText => ("in the element content", "ShortText", "content"),
    };
    out.report(
        span.clone(),
        format!(
            "the payload of code {} (`{}`) is {found}, not in {expected}",
            site.code,
            super::support::shown(value)
        ),
    )
    .label("payload here")
    .help(format!(
        "{}; if Concur certifies you against the other edition, check with \
         `--payload-location {switch}`",
        placement_help(cx, &site)
    ));
}
