//! ## What it does
//! Reports a response that has both `Success` and `Errors`.
//!
//! ## Why it matters
//! Every response in Concur's HotelService2.xsd is a choice: `Success` with the content, or
//! `Errors`. Hotel v1 says the same in words: "only replace Success node with Errors". A
//! response with both fails validation, and Concur cannot tell whether the call worked.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Success/>
//!       <Errors>
//!         <Error Type="13" Code="95" ShortText="Booking already cancelled"/>
//!       </Errors>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! When something failed, send `Errors` alone.
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
    name: "success-with-errors",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "both Success and Errors in one response",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let (Some(success), Some(errors)) = (shape.success, shape.errors.first()) else {
        return;
    };
    out.report(
        cx.name_span(*errors),
        "the response has both `Success` and `Errors`",
    )
    .label("Errors")
    .related(cx.name_span(success), "Success")
    .help(
        "a response is either `Success` with its content or `Errors` alone: when something \
         failed, replace `Success` (and the content) with `Errors`",
    );
}
