//! ## What it does
//! Reports an error whose code requires the cause in `ShortText` (188 Transaction error; the
//! list is data, `cause_required`) when the ShortText only repeats a generic phrase such as
//! "Transaction error" (data: `errors.generic_short_texts`) or the code itself. An empty or
//! missing ShortText is `short-text-length` or `missing-short-text`. Checked in the current
//! (`content`) edition, where the wording is a "must"; the 2017 edition only suggested a log
//! ID. Only the error Concur uses, the first, is checked.
//!
//! ## Why it matters
//! For 188 Concur's current page says: "For errors not specified in other codes. The
//! ShortText must identify the cause of the error." (Hotel v2 - Error Handling). A 188 that says "Transaction
//! error" tells nobody what went wrong when Concur's support asks.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="Transaction error"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Say what failed, with a log ID you can look up.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="PMS timeout after 20 s (log 7f3a9)"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;
use crate::rule::PayloadLocation;

pub static RULE: Rule = Rule {
    name: "unknown-cause",
    group: Group::Payload,
    level: Level::Warning,
    profiles: HS2,
    summary: "an error whose code requires its cause in ShortText, naming none",
    data: &["codes.*.cause_required", "errors.generic_short_texts"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    if cx.options.payload_location != PayloadLocation::Content {
        return;
    }
    let Some(error) = cx.first_error() else {
        return;
    };
    let Some(code) = error.attribute("Code") else {
        return;
    };
    if !cx.facts.code(code).is_some_and(|c| c.cause_required) {
        return;
    }
    let Some(short) = error.attribute("ShortText") else {
        return;
    };
    let said = super::support::normalized(short);
    if said.is_empty() {
        return;
    }
    let generic = said == code
        || cx
            .facts
            .errors
            .generic_short_texts
            .iter()
            .any(|g| super::support::normalized(g) == said);
    if !generic {
        return;
    }
    out.report(
        cx.attr_span(error, "ShortText"),
        format!("ShortText `{}` does not identify the cause of the error", short.trim()),
    )
    .label("says nothing about the cause")
    .help(format!(
        "\"The ShortText must identify the cause of the error\" for code {code}: say what \
         failed, e.g. `PMS timeout after 20 s (log 7f3a9)`"
    ));
}
