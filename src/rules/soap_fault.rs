//! ## What it does
//! Reports a SOAP `Fault` in the Body where Concur expects an OTA response. The fault is not
//! checked further.
//!
//! ## Why it matters
//! "SAP Concur is able to handle HTTP errors, but the preference is for the supplier to return
//! an OTA error whenever possible" (Hotel v2 - Error Handling). A SOAP Fault is
//! neither: Concur's documentation never mentions one, and the traveler gets a generic error
//! where an OTA error code would have told Concur what went wrong.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <soap:Fault>
//!       <faultcode>soap:Server</faultcode>
//!       <faultstring>Rate cache unavailable</faultstring>
//!     </soap:Fault>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Answer with the OTA response carrying one error; for an authentication failure, send
//! HTTP 403 instead.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="Rate cache unavailable"/>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "soap-fault",
    group: Group::Envelope,
    level: Level::Warning,
    profiles: HS2,
    summary: "a SOAP Fault instead of an OTA response",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(fault) = cx.shape.and_then(|s| s.fault) else {
        return;
    };
    let reason = child(fault, "faultstring")
        .and_then(|f| f.text())
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let message = match reason {
        Some(r) => format!("a SOAP Fault (`{}`) instead of an OTA response", super::support::shown(r)),
        None => "a SOAP Fault instead of an OTA response".to_string(),
    };
    out.report(cx.name_span(fault), message)
        .label("SOAP Fault")
        .help(
            "Concur prefers \"an OTA error whenever possible\": answer with the OTA response \
             holding `<Errors><Error Type=\"1\" Code=\"188\" ShortText=\"<the cause>\"/></Errors>`; \
             for an authentication failure send HTTP 403 instead",
        );
}
