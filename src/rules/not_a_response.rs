//! ## What it does
//! Reports a payload that is a request (`…RQ`, or an HS4 JSON body with the fields of an
//! operation's request, such as `CancelCriteria`) rather than a response. The request is not
//! checked further: no response rule runs on it. In a directory walk a request is not
//! reported: it is used to pair its response (`NAME.rq.xml`, `NAME.rq.json`) or skipped, and
//! counted in the summary.
//!
//! ## Why it matters
//! otalint checks what a supplier sends back to Concur. A request in the place of the
//! response is either a file passed by mistake (a captured request beside its response) or a
//! supplier echoing Concur's request, which Concur cannot use.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRQ xmlns="http://www.opentravel.org/OTA/2003/05" Version="1"/>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Check the response to this request instead.
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
    name: "not-a-response",
    group: Group::Envelope,
    level: Level::Warning,
    profiles: HS2_HS1_HS4,
    summary: "the payload is a request (…RQ, an HS4 request body), not a response; it is not checked further",
    data: &["messages.*.answers"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    if let Some(json) = cx.json {
        return hs4_request(cx, json, out);
    }
    let Some(request) = cx.shape.and_then(|s| s.request_payload) else {
        return;
    };
    let name = local(request);
    let response = cx.facts.response_to(name);
    out.report(
        cx.name_span(request),
        format!("`{name}` is a request; otalint checks responses"),
    )
    .label("request")
    .help(format!(
        "this file is not checked further; check the response Concur gets for it \
         (`{response}`)"
    ));
}

/// An HS4 request body, reported at its opening brace.
fn hs4_request(cx: &Context, json: &crate::document::json::JsonBody, out: &mut Findings) {
    let Some((operation, definition)) = json
        .value
        .as_ref()
        .and_then(|v| super::support::hs4_contract::request_fit(&cx.facts.contract, v))
    else {
        return;
    };
    let at = json.span(cx.text, "").map_or(0, |s| s.start);
    out.report(
        at..at + 1,
        format!("this body is an HS4 {operation} request ({definition}); otalint checks responses"),
    )
    .label("request")
    .help(format!(
        "this file is not checked further; check the response Concur gets for it \
         (the {operation} response)"
    ));
}
