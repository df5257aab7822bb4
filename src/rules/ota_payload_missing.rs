//! ## What it does
//! Reports a message with no OTA response in it: an empty SOAP `Body`, a `Body` holding some
//! other element, an `OTA_` element that is neither a request nor a response, or (`hs1`) a
//! root that is not an `OTA_` element. A request is `not-a-response` instead, and a SOAP
//! Fault is `soap-fault`.
//!
//! ## Why it matters
//! Every Hotel Service answer is an OTA response such as `OTA_HotelSearchRS`; Concur has
//! nothing to read without one and treats the exchange as failed.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body/>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Put the response to the request's message in the Body.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" Version="1.0" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "ota-payload-missing",
    group: Group::Envelope,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "the message holds no OTA response (OTA_…RS element)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let Some(node) = shape.payload_missing else {
        return;
    };
    let name = local(node);
    let (message, help) = if Some(node) == shape.body {
        (
            "the SOAP Body is empty".to_string(),
            "put the OTA response (`OTA_…RS`) in the Body".to_string(),
        )
    } else if Some(node) == shape.payload {
        (
            format!("`{name}` is not an OTA response"),
            "OTA responses are named `OTA_…RS`, e.g. `OTA_HotelAvailRS`".to_string(),
        )
    } else if cx.profile == Profile::Hs1 && name == "Envelope" {
        (
            "the root is a SOAP Envelope, but Hotel v1 sends bare OTA XML".to_string(),
            "remove the envelope, or check the file as Hotel Service v2 with `--profile hs2`"
                .to_string(),
        )
    } else if cx.profile == Profile::Hs1 {
        (
            format!("the root element `{name}` is not an OTA message"),
            "Hotel v1 answers with a bare OTA response such as `OTA_HotelSearchRS`".to_string(),
        )
    } else {
        (
            format!("the SOAP Body holds `{name}`, not an OTA response"),
            "the Body holds one OTA response (`OTA_…RS`) answering Concur's request".to_string(),
        )
    };
    out.report(cx.name_span(node), message)
        .label("no OTA response")
        .help(help);
}
