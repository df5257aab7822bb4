//! ## What it does
//! Reports a response root that lacks `EchoToken`, `Version`, `PrimaryLangID` or `AltLangID`
//! (the list is data: `message.root_attributes`). All missing attributes are named in one
//! finding on the root's start tag. When a paired request carries an `EchoToken`, a missing
//! one is `echo-token` instead.
//!
//! ## Why it matters
//! The HS2 Headers page marks these attributes **Required** on every response, and says of
//! the echo token: "When a request message includes an echo token the corresponding response
//! message MUST include an echo token with an identical value." Concur matches responses to
//! requests and languages with them. (The page also lists `Timestamp`, which Concur's own
//! HotelService2.xsd does not have, so otalint does not ask for it.)
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1.0" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Echo the request's `EchoToken`, and send the version and languages.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3"
//!         Version="1.0" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "missing-root-attribute",
    group: Group::Message,
    level: Level::Warning,
    profiles: HS2,
    summary: "the response root lacks EchoToken, Version, PrimaryLangID or AltLangID",
    data: &["message.root_attributes"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(response) = cx.response() else {
        return;
    };
    let echo_checked = cx.paired_request.is_some_and(|r| r.has_attribute("EchoToken"));
    let missing: Vec<&str> = cx
        .facts
        .message.root_attributes
        .iter()
        .map(String::as_str)
        .filter(|a| !response.has_attribute(*a))
        .filter(|a| !(echo_checked && *a == "EchoToken"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let named = super::support::list_names(&missing, "or");
    out.report(
        cx.name_span(response),
        format!("`{}` has no {named}", local(response)),
    )
    .label("missing attributes")
    .help(format!(
        "the HS2 Headers page marks {} Required on every response: echo the request's \
         EchoToken and send the version and language IDs",
        super::support::list_names(
            &cx.facts
                .message.root_attributes
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            "and"
        )
    ));
}
