//! ## What it does
//! Reports an error whose code carries a payload (320, 322, 400, 424, 438, 748, 385; the list
//! is data) when there is none where the edition puts it: the element content (default) or
//! `ShortText` (`--payload-location short-text`). When the payload sits in the other place,
//! `payload-misplaced` reports it instead. Only the error Concur uses, the first, is checked.
//!
//! ## Why it matters
//! Concur's table asks for the data behind each code: "Hotel Codes should be provided in
//! content of the element" (322), "geo-code and radius … Latitude, Longitude, Radius, Unit of
//! Measure code" (424), and so on (Hotel v2 - Error Handling; its 2017
//! edition for ShortText). Without it Concur cannot tell which hotel, rate or booking failed.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability"/>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Put the hotel codes in the element content.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability">HTL4444,HTL5555</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::support::payload_site::{State, placement_help, site};
use super::prelude::*;
use crate::rule::PayloadLocation;

pub static RULE: Rule = Rule {
    name: "payload-missing",
    group: Group::Payload,
    level: Level::Warning,
    profiles: HS2,
    summary: "a code that carries a payload has none",
    data: &["codes.*.payload"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(site) = site(cx) else {
        return;
    };
    if !matches!(site.state, State::Missing) {
        return;
    }
    let place = match cx.options.payload_location {
        PayloadLocation::Content => "in the element content",
        PayloadLocation::ShortText => "in ShortText",
    };
    out.report(
        cx.name_span(site.error),
        format!("code {} carries no payload {place}", site.code),
    )
    .label("no payload")
    .help(placement_help(cx, &site));
}
