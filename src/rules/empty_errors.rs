//! ## What it does
//! Reports an `Errors` element without any `Error` in it.
//!
//! ## Why it matters
//! "An empty errors element will be treated as an Unknown error." (Hotel v2 -
//! Error Handling). Concur shows the traveler a generic failure and the supplier's log has
//! nothing to say why.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors/>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Say what failed in one `Error`; if nothing failed, send `Success` and the content.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="Search index unavailable"/>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "empty-errors",
    group: Group::Errors,
    level: Level::Warning,
    profiles: HS2,
    summary: "Errors without an Error; Concur treats it as an Unknown error",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(errors) = cx.shape.and_then(|s| s.errors.first().copied()) else {
        return;
    };
    if child(errors, "Error").is_some() {
        return;
    }
    out.report(
        cx.name_span(errors),
        "`Errors` holds no `Error`; Concur treats it as an Unknown error",
    )
    .label("empty")
    .help(
        "add one `<Error Type=\"…\" Code=\"…\" ShortText=\"…\"/>` saying what failed, or send \
         `Success` and the content if nothing did",
    );
}
