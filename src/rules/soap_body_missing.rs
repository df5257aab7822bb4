//! ## What it does
//! Reports a SOAP `Envelope` without a `Body`. Nothing inside the envelope is checked further.
//!
//! ## Why it matters
//! Concur reads the OTA response from the SOAP `Body`; an envelope without one carries no
//! answer, and SOAP 1.1 requires the Body.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Header/>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Put the OTA response in a `Body` after the optional `Header`.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Header/>
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
    name: "soap-body-missing",
    group: Group::Envelope,
    level: Level::Error,
    profiles: HS2,
    summary: "the SOAP Envelope has no Body",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape.filter(|s| s.body_missing) else {
        return;
    };
    out.report(
        cx.name_span(shape.root),
        "the SOAP Envelope has no `Body`",
    )
    .label("no Body inside")
    .help("put the OTA response inside `<soap:Body>`, after the optional `<soap:Header>`");
}
