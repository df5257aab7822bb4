//! ## What it does
//! Reports a `ShortText` that is word for word the description of another code than the
//! error's own, as in "No availability" on a 424 or a 438. Off by default: select it with
//! `--select short-text-mismatch` or `--extend-select short-text-mismatch`. Only the error
//! Concur uses, the first, is checked.
//!
//! ## Why it matters
//! Concur logs the ShortText as "A description of the error" (HS2 Error Handling). Concur's
//! own 424, 438 and 400 examples (Hotel v2 - Error Handling) carry "No availability", the description of 322,
//! so suppliers copy it; the log then says the opposite of the code. It is off by default
//! because Concur's own pages do it.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No availability">50.111,40.222,5,2</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Describe this error.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No hotels found which match this input">50.111,40.222,5,2</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "short-text-mismatch",
    group: Group::Payload,
    level: Level::Off,
    profiles: HS2,
    summary: "ShortText is another code's description (off by default)",
    data: &["codes.*.description"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    let (Some(code), Some(short)) = (error.attribute("Code"), error.attribute("ShortText")) else {
        return;
    };
    let Some(own) = cx.facts.code(code) else {
        return;
    };
    let said = super::support::normalized(short);
    if said.is_empty() || super::support::normalized(&own.description) == said {
        return;
    }
    let Some((other, _)) = cx
        .facts
        .codes
        .iter()
        .find(|(c, f)| c.as_str() != code && super::support::normalized(&f.description) == said)
    else {
        return;
    };
    out.report(
        cx.attr_span(error, "ShortText"),
        format!(
            "ShortText `{}` is the description of code {other}, but the code is {code}",
            short.trim()
        ),
    )
    .label(format!("code {other}'s description"))
    .help(format!(
        "describe this error; Concur's description of {code} is `{}`",
        own.description
    ));
}
