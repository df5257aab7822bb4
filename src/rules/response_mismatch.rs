//! ## What it does
//! When a request is paired with the response, reports a response that is not the answer to
//! that request: `OTA_HotelSearchRQ` → `OTA_HotelSearchRS`, `OTA_HotelAvailRQ` →
//! `OTA_HotelAvailRS`, `OTA_HotelDescriptiveInfoRQ` → `OTA_HotelDescriptiveInfoRS`,
//! `OTA_HotelResRQ` and `OTA_ReadRQ` → `OTA_HotelResRS`, `OTA_CancelRQ` → `OTA_CancelRS`
//! (data: `answers` per message; otherwise `…RS` for `…RQ`).
//!
//! ## Why it matters
//! Each HS2 operation names its response (HS2 Introduction's operations table). A supplier
//! that routes `read` through its search handler, or answers a cancel with a reservation,
//! sends Concur a document it cannot use for that call.
//!
//! ## Example
//! The request:
//! ```xml-request
//! <OTA_ReadRQ xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!   <UniqueID Type="14" ID="RES12345"/>
//! </OTA_ReadRQ>
//! ```
//! The response:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_ReadRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Success/>
//!     </OTA_ReadRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Answer a read with `OTA_HotelResRS`.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1"
//!         ResResponseType="Reserved">
//!       <Success/>
//!       <HotelReservations>
//!         <HotelReservation><UniqueID Type="14" ID="RES12345"/></HotelReservation>
//!       </HotelReservations>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "response-mismatch",
    group: Group::Pairing,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "the response does not answer the paired request (e.g. OTA_ReadRQ → OTA_HotelResRS)",
    data: &["messages.*.answers"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    let asked = local(request);
    let expected = cx.facts.response_to(asked);
    let got = local(response);
    if got == expected {
        return;
    }
    out.report(
        cx.name_span(response),
        format!("`{got}` does not answer `{asked}`; Concur expects `{expected}`"),
    )
    .label("wrong response")
    .help(format!(
        "answer `{asked}` with `{expected}`; check that the request was routed to the right handler"
    ));
}
