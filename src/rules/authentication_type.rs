//! ## What it does
//! Reports an `Error` of `Type="4"` (Authentication). Only the error Concur uses, the first,
//! is checked.
//!
//! ## Why it matters
//! "The OTA Error-Type code of 4 - Authentication (indicates the message lacks adequate
//! security credentials) is not expected by SAP Concur. For all authentication errors SAP
//! Concur expects an HTTP 403." (Hotel v2 - Error Handling, Error Types).
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="4" Code="497" ShortText="Authorization error"/>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Answer a request whose credentials fail with HTTP status 403 (Forbidden), not with an OTA
//! error. Other errors stay OTA errors:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="Search index unavailable"/>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "authentication-type",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2,
    summary: "an Error of the Authentication type; Concur expects an HTTP status instead",
    data: &["errors.authentication_type"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    let Some(auth) = cx.facts.errors.authentication_type.as_deref() else {
        return;
    };
    if error.attribute("Type") != Some(auth) {
        return;
    }
    out.report(
        cx.attr_span(error, "Type"),
        format!("error Type {auth} (Authentication) is not expected by Concur"),
    )
    .label("authentication error")
    .help(
        "\"For all authentication errors SAP Concur expects an HTTP 403\": answer with HTTP \
         status 403 instead of an OTA error",
    );
}
