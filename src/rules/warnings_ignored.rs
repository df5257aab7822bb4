//! ## What it does
//! Reports a `Warnings` element in a response and labels each `Warning` in it.
//!
//! ## Why it matters
//! "Currently OTA Warnings are not supported and will be ignored." (Hotel v2 -
//! Error Handling); `Warnings` is commented out of Concur's HotelService2.xsd. Whatever a
//! warning says never reaches Concur. Concur's own older cancel sample answers an
//! already-cancelled booking with a warning, but the HS2 FAQ says such a booking gets the
//! same answer as a successful cancel.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Status="Cancelled">
//!       <Success/>
//!       <Warnings>
//!         <Warning Type="3" Code="95" ShortText="Booking already cancelled"/>
//!       </Warnings>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Drop the warnings: answer a successful (or repeated) cancel normally, and report a real
//! failure as the one `Error`.
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
    name: "warnings-ignored",
    group: Group::Warnings,
    level: Level::Warning,
    profiles: HS2,
    summary: "a Warnings element; Concur ignores OTA warnings",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    for warnings in &shape.warnings {
        let d = out
            .report(
                cx.name_span(*warnings),
                "OTA `Warnings` are not supported by Concur and are ignored",
            )
            .label("ignored")
            .help(
                "Concur's HS2 schema has no `Warnings`, and an already-cancelled booking gets a \
                 normal successful cancel response: remove them, and report a real failure as \
                 the one `Error`",
            );
        for warning in children(*warnings, "Warning") {
            let text = warning
                .attribute("ShortText")
                .map(|s| format!("ignored: `{}`", super::support::shown(s)))
                .unwrap_or_else(|| "ignored".to_string());
            d.related(cx.name_span(warning), text);
        }
    }
}
