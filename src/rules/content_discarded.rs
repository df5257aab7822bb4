//! ## What it does
//! Reports business content (`Properties`, `RoomStays`, `HotelReservations`, `UniqueID`, …)
//! beside `Errors`. Everything that is not `Success`, `Errors` or `Warnings` counts as
//! content (the list is data: `errors.non_content`); the first piece is the primary label and
//! the others are labelled too.
//!
//! ## Why it matters
//! "If an error is present in any message, then the content of that message is discarded and
//! only the error element is processed." (Hotel v2 - Error Handling). Rooms or a
//! confirmation sent beside an error never reach the traveler.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="438" ShortText="Requested rate not available">111</Error>
//!       </Errors>
//!       <RoomStays/>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send the error alone, or, if the content is good, `Success` and the content without the
//! error.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="438" ShortText="Requested rate not available">111</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "content-discarded",
    group: Group::Errors,
    level: Level::Warning,
    profiles: HS2,
    summary: "business content beside Errors, which Concur discards",
    data: &["errors.non_content"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let (Some(response), Some(errors)) = (shape.response, shape.errors.first()) else {
        return;
    };
    let content: Vec<_> = response
        .children()
        .filter(|c| c.is_element() && !cx.facts.errors.non_content.iter().any(|n| n == local(*c)))
        .collect();
    let Some((first, rest)) = content.split_first() else {
        return;
    };
    let d = out
        .report(
            cx.name_span(*first),
            format!("`{}` beside `Errors` is discarded by Concur", local(*first)),
        )
        .label("discarded")
        .related(cx.name_span(*errors), "because of this error")
        .help(
            "\"If an error is present in any message, then the content of that message is \
             discarded\": send the error alone, or `Success` and the content without the error",
        );
    for node in rest {
        d.related(cx.name_span(*node), "discarded");
    }
}
