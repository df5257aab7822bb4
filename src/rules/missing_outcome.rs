//! ## What it does
//! Reports a response with neither `Success` nor `Errors`.
//!
//! ## Why it matters
//! The HS2 Headers page marks "Success / Error" **Required** on every response, and every
//! response in Concur's HotelService2.xsd starts with one of the two. Without it, Concur
//! cannot tell whether the call succeeded.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Status="Cancelled">
//!       <UniqueID Type="14" ID="RES12345"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Start the content with `Success`.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" Version="1.0" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "missing-outcome",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "neither Success nor Errors in the response",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let Some(response) = shape.response else {
        return;
    };
    if shape.success.is_some() || !shape.errors.is_empty() {
        return;
    }
    out.report(
        cx.name_span(response),
        format!("`{}` has neither `Success` nor `Errors`", local(response)),
    )
    .label("no outcome")
    .help("begin the response with `<Success/>` followed by its content, or send `<Errors>` with one `Error`");
}
