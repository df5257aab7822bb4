//! ## What it does
//! Reports an `Error` without a `ShortText` attribute (only the error Concur uses, the first,
//! is checked). When the element's content holds a message rather than a payload, the help
//! says that it belongs in `ShortText`.
//!
//! ## Why it matters
//! The HS2 Error table marks `ShortText` **Required**: "A description of the error. The
//! content of this attribute will be logged" and "SAP Concur expects the error message to be
//! sent in the ShortText attribute" (Hotel v2 - Error Handling). Without it, Concur's logs, and the
//! supplier's support calls, have nothing to go on.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188">Booking engine timed out</Error>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Put the message in `ShortText` (1-64 characters).
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="Booking engine timed out"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;
use crate::rule::PayloadLocation;

pub static RULE: Rule = Rule {
    name: "missing-short-text",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2,
    summary: "Error without ShortText (required)",
    data: &["codes.*.payload"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    if error.has_attribute("ShortText") {
        return;
    }
    let code = error.attribute("Code").and_then(|c| cx.facts.code(c));
    let content = element_text(error).0;
    let content = content.trim();
    let carries_payload = code.is_some_and(|c| c.payload.is_some())
        && cx.options.payload_location == PayloadLocation::Content;
    let help = if !content.is_empty() && !carries_payload {
        format!(
            "the message found in the element content belongs in ShortText: \
             `ShortText=\"{}\"`",
            super::support::shown(content)
        )
    } else if let Some(code) = code {
        format!(
            "add a ShortText describing the error, e.g. `ShortText=\"{}\"` (1-64 characters; \
             Concur logs it)",
            code.description
        )
    } else {
        "add a ShortText describing the error (1-64 characters; Concur logs it)".to_string()
    };
    out.report(cx.name_span(error), "`Error` has no `ShortText`")
        .label("no ShortText")
        .help(help);
}
