//! ## What it does
//! Reports an HTTP 4xx or 5xx response whose body reports `Success`.
//!
//! ## Why it matters
//! The status and the body contradict each other: Concur treats a 4xx/5xx as failed (the status
//! table of Concur's HTTP Status Codes) and drops a body that says the booking or cancel went through. Such
//! responses come from error handlers that wrap whatever the application returned.
//!
//! ## Example
//! ```http
//! HTTP/1.1 500 Internal Server Error
//! Content-Type: text/xml
//!
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
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
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "error-status-with-success",
    group: Group::Http,
    level: Level::Error,
    profiles: HTTP,
    summary: "an HTTP 4xx/5xx response whose body reports Success",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let Some(status) = http.status.filter(|s| *s >= 400) else {
        return;
    };
    if cx.shape.and_then(|s| s.success).is_none() {
        return;
    }
    out.report_http(
        http.status_or_whole(),
        format!("HTTP {status}, but the body reports `Success`"),
    )
    .label("failure status")
    .help("send a successful response with HTTP 200, and a failed one as an OTA error (HTTP 200) or a plain server error");
}
