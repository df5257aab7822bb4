//! ## What it does
//! Reports a `ShortText` that is empty (or blank: only white space) or longer than 64
//! characters (data: `errors.short_text_max`; only the error Concur
//! uses, the first, is checked). For a long one, the label covers the characters past the
//! 64th.
//!
//! ## Why it matters
//! OTA and Concur's HotelService2.xsd type `ShortText` as `StringLength1to64`: one to 64
//! characters. A longer text fails schema validation of the whole response; an empty one
//! says nothing in Concur's log.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="The booking engine did not answer within the configured time limit of 30 seconds"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Keep it to 64 characters; longer detail belongs in your own logs under an ID you can quote.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="188" ShortText="Booking engine timeout after 30 s (log 7f3a)"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;
use crate::document::raw_span;

pub static RULE: Rule = Rule {
    name: "short-text-length",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2,
    summary: "ShortText empty or longer than the contract allows",
    data: &["errors.short_text_max"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    let Some(attr) = error.attribute_node("ShortText") else {
        return;
    };
    let value = attr.value();
    let max = cx.facts.errors.short_text_max;
    let length = value.chars().count();
    if value.trim().is_empty() {
        let message = if length == 0 {
            "`ShortText` is empty".to_string()
        } else {
            format!("`ShortText` is blank: `{}` is empty once trimmed", super::support::shown(value))
        };
        out.report(attr.range(), message)
            .label("empty")
            .help(format!(
                "describe the error in 1-{max} characters; Concur logs the ShortText"
            ));
    } else if length > max {
        let cut = value.char_indices().nth(max).map_or(value.len(), |(i, _)| i);
        let range = attr.range_value();
        let span = raw_span(&cx.text[range.clone()], range.start, value, cut..value.len())
            .unwrap_or(range);
        out.report(
            span,
            format!("`ShortText` is {length} characters long; at most {max} are allowed"),
        )
        .label(format!("past {max} characters"))
        .help(format!(
            "the schema types ShortText as StringLength1to{max}: shorten it, and keep longer \
             detail in your logs under an ID you can quote in the ShortText"
        ));
    }
}
