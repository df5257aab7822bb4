//! ## What it does
//! Reports a response root `Version` that is not a decimal number such as `1`, `1.0` or
//! `6.000` (an optional sign, digits, an optional fraction).
//!
//! ## Why it matters
//! OTA types `Version` as `xs:decimal` (OTA_PayloadStdAttributes), and so does Concur's
//! HotelService2.xsd; the HS2 Headers page lists it as "Version (decimal)". A value such as
//! `1.0.2` or `v2` fails schema validation of the whole response.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3"
//!         Version="2.1.0" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send a decimal version.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3"
//!         Version="2.1" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;
use crate::payload::parse_decimal;

pub static RULE: Rule = Rule {
    name: "version-format",
    group: Group::Message,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "the response's Version is not a decimal",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(response) = cx.response() else {
        return;
    };
    let Some(version) = response.attribute("Version") else {
        return;
    };
    // xs:decimal collapses white space: `" 4 "` is the decimal 4.
    if parse_decimal(version.trim()).is_some() {
        return;
    }
    out.report(
        cx.attr_span(response, "Version"),
        format!("Version `{}` is not a decimal number", super::support::shown(version)),
    )
    .label("not a decimal")
    .help("OTA and Concur's XSD type Version as xs:decimal: write it like `1.0` or `4`");
}
