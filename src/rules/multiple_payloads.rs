//! ## What it does
//! Reports elements in the SOAP `Body` besides the OTA response; each extra one is labelled.
//!
//! ## Why it matters
//! A SOAP 1.1 document-style Body carries one message, and Concur's HS2 schema defines the
//! Body of each operation as one OTA response. What else is there is ignored at best and
//! makes Concur read the wrong element at worst.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Status="Cancelled">
//!       <Success/>
//!     </OTA_CancelRS>
//!     <DebugInfo>took 12 ms</DebugInfo>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send the OTA response alone; debug data belongs in your logs.
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
    name: "multiple-payloads",
    group: Group::Envelope,
    level: Level::Error,
    profiles: HS2,
    summary: "the SOAP Body holds more than one element",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let Some((first, rest)) = shape.extra_payloads.split_first() else {
        return;
    };
    let count = shape.extra_payloads.len();
    let d = out
        .report(
            cx.name_span(*first),
            format!(
                "the SOAP Body holds {count} element{} besides the OTA response",
                if count == 1 { "" } else { "s" }
            ),
        )
        .label("extra element")
        .help("send exactly one element in the Body: the OTA response");
    for extra in rest {
        d.related(cx.name_span(*extra), "extra element");
    }
    if let Some(payload) = shape.payload {
        d.related(cx.name_span(payload), "the OTA response");
    }
}
