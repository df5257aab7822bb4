//! ## What it does
//! Reports an `Error` without a `Code` attribute (only the error Concur uses, the first, is
//! checked). The help lists the codes Concur expects for the error's type.
//!
//! ## Why it matters
//! The HS2 Error table marks `Code` **Required**: "An error code for a specific error"
//! (Hotel v2 - Error Handling). Concur decides what to tell the traveler, and whether to try another
//! rate or hotel, from the code.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" ShortText="Booking already cancelled"/>
//!       </Errors>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Add the code from Concur's table for the type.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="95" ShortText="Booking already cancelled"/>
//!       </Errors>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "missing-code",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2,
    summary: "Error without Code (required)",
    data: &["errors.default_type", "codes.*.type"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    if error.has_attribute("Code") {
        return;
    }
    let ty = cx.error_type(error).unwrap_or("1");
    let codes: Vec<_> = cx.facts.codes_for_type(ty).collect();
    let help = if codes.is_empty() {
        "add the OTA error code (OTA ERR code list)".to_string()
    } else {
        format!(
            "add the code; Concur expects {} for Type {ty}",
            super::support::list_codes(cx.facts, &codes)
        )
    };
    out.report(cx.name_span(error), "`Error` has no `Code`")
        .label("no Code")
        .help(help);
}
