//! ## What it does
//! Reports a SOAP `Envelope` whose namespace is not SOAP 1.1's
//! (`http://schemas.xmlsoap.org/soap/envelope/`): SOAP 1.2's namespace, another one, or
//! none. The label points at the namespace declaration when it is on the Envelope. The rest
//! of the message is still checked.
//!
//! ## Why it matters
//! Hotel Service v2 is SOAP 1.1 only; Concur's documentation mentions no SOAP 1.2. A SOAP 1.1
//! client treats an envelope in another namespace as a version mismatch and drops the
//! response.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Status="Cancelled">
//!       <Success/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Use the SOAP 1.1 namespace.
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
use crate::document::ns_decl_value_span;

pub static RULE: Rule = Rule {
    name: "soap-version",
    group: Group::Envelope,
    level: Level::Error,
    profiles: HS2,
    summary: "the Envelope is not in the SOAP 1.1 namespace (SOAP 1.2 or another)",
    data: &["namespaces.soap"],
    check,
};

const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";

fn check(cx: &Context, out: &mut Findings) {
    let Some(envelope) = cx.shape.and_then(|s| s.envelope) else {
        return;
    };
    let Some(expected) = cx.facts.namespaces.soap.as_deref() else {
        return;
    };
    let actual = envelope.tag_name().namespace();
    if actual == Some(expected) {
        return;
    }
    let message = match actual {
        Some(SOAP12) => "the Envelope is SOAP 1.2; Hotel Service v2 is SOAP 1.1".to_string(),
        Some(ns) => format!("the Envelope's namespace `{ns}` is not SOAP 1.1's"),
        None => "the Envelope is in no namespace; SOAP 1.1 needs one".to_string(),
    };
    let span = ns_decl_value_span(cx.text, envelope).unwrap_or_else(|| cx.name_span(envelope));
    out.report(span, message)
        .label("not SOAP 1.1")
        .help(format!(
            "declare the Envelope in SOAP 1.1's namespace: `xmlns:soap=\"{expected}\"`"
        ));
}
