//! ## What it does
//! When a request is paired with the response (`--request`, a `NAME.rq.xml` beside the
//! response, or a HAR entry) and the request has an `EchoToken`, reports a response whose
//! `EchoToken` is missing or differs. The message shows both values.
//!
//! ## Why it matters
//! "When a request message includes an echo token the corresponding response message MUST
//! include an echo token with an identical value." (HS2 Headers page). Concur uses it to match
//! a response to the request it sent; a stale or copied token points at the wrong search.
//!
//! ## Example
//! The request:
//! ```xml-request
//! <OTA_CancelRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="a1b2c3" Version="1">
//!   <UniqueID Type="14" ID="RES12345"/>
//! </OTA_CancelRQ>
//! ```
//! The response answers with another token:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="11111111"
//!         Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Copy the request's `EchoToken` into the response.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" PrimaryLangID="en" AltLangID="en" EchoToken="a1b2c3"
//!         Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "echo-token",
    group: Group::Pairing,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "the response's EchoToken is missing or differs from the request's",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    let Some(sent) = request.attribute("EchoToken") else {
        return;
    };
    let help = format!("copy the request's token into the response: `EchoToken=\"{sent}\"`");
    match response.attribute("EchoToken") {
        Some(got) if got == sent => {}
        Some(got) => {
            out.report(
                cx.attr_span(response, "EchoToken"),
                format!(
                    "EchoToken `{}` differs from the request's `{}`",
                    super::support::shown(got),
                    super::support::shown(sent)
                ),
            )
            .label("not the request's token")
            .help(help);
        }
        None => {
            out.report(
                cx.name_span(response),
                format!(
                    "the response has no EchoToken; the request sent `{}`",
                    super::support::shown(sent)
                ),
            )
            .label("no EchoToken")
            .help(help);
        }
    }
}
