//! ## What it does
//! Reports an OTA application error (a response with `Errors`) sent with an HTTP status
//! other than 200 (data: `http.application_error_status`). Runs where the status is known.
//!
//! ## Why it matters
//! "If the error is specifically related to application level errors, please do not respond
//! with any other error types (HTTP etc.)" (Hotel v2 - Error Handling). Concur reads
//! the OTA error only from a 200; behind a 400 or 500 it sees a server failure and the
//! traveler loses the specific message (no availability, invalid card, …).
//!
//! ## Example
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: text/xml
//!
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability">HTL4444</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 200 OK
//! Content-Type: text/xml
//!
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability">HTL4444</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "application-error-status",
    group: Group::Http,
    level: Level::Error,
    profiles: HTTP,
    summary: "an OTA application error (Errors) sent with another HTTP status than the contract's",
    data: &["http.application_error_status"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let (Some(status), Some(expected)) = (http.status, cx.facts.http.application_error_status)
    else {
        return;
    };
    if status == expected || cx.shape.is_none_or(|s| s.errors.is_empty()) {
        return;
    }
    out.report_http(
        http.status_or_whole(),
        format!("an OTA error sent with HTTP {status}; Concur reads OTA errors from HTTP {expected}"),
    )
    .label(format!("should be {expected}"))
    .help(format!(
        "send application errors as an OTA `Errors` response with HTTP {expected}; keep other \
         statuses for server-level failures"
    ));
}
