//! ## What it does
//! Reports a file checked as `hs2` whose root is not a SOAP `Envelope`: a bare OTA payload
//! (the payload is still checked), or anything else (nothing more can be checked). A file is
//! checked as `hs2` when `--profile hs2` forces it, or when its root matches no profile.
//!
//! ## Why it matters
//! Hotel Service v2 is SOAP 1.1: Concur posts a SOAP request and reads the OTA response from
//! the `Body` of a SOAP envelope. A bare OTA document is a Hotel v1 answer, and Concur's v2
//! client cannot find the response in it.
//!
//! ## Example
//! ```xml
//! <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Status="Cancelled">
//!   <Success/>
//! </OTA_CancelRS>
//! ```
//!
//! ## Fix
//! Wrap the OTA response in a SOAP 1.1 envelope.
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
    name: "soap-envelope-missing",
    group: Group::Envelope,
    level: Level::Error,
    profiles: HS2,
    summary: "hs2 applied to a file whose root is not a SOAP 1.1 Envelope",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape.filter(|s| s.envelope_missing) else {
        return;
    };
    let root = shape.root;
    let help = if shape.payload.is_some() {
        "Hotel Service v2 is SOAP 1.1: wrap the OTA response in \
         `<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>…\
         </soap:Body></soap:Envelope>` (the payload was still checked; a Hotel v1 file is \
         checked with `--profile hs1`)"
    } else {
        "Hotel Service v2 answers with an OTA response (`OTA_…RS`) inside a SOAP 1.1 Envelope \
         and Body; this document is neither, so nothing more was checked"
    };
    out.report(
        cx.name_span(root),
        format!("the root element `{}` is not a SOAP Envelope", local(root)),
    )
    .label("expected `soap:Envelope`")
    .help(help);
}
