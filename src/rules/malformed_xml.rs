//! ## What it does
//! Reports a document that is not well-formed XML, at the line and column where the parser
//! stopped. The rest of the document cannot be checked until it parses.
//!
//! ## Why it matters
//! Concur cannot read a response it cannot parse, so the whole answer is lost. It happens to
//! the best: the example on Concur's own HS2 error-handling page (Hotel v2 - Error Handling) lacks the `>` of
//! its `OTA_HotelSearchRS` start tag. This rule cannot be turned off.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1"
//!       <Success/>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Close every start tag and element, quote every attribute value, and escape `<` and `&` in
//! text and attribute values as `&lt;` and `&amp;`. Build responses with an XML library rather
//! than by string concatenation.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Success/>
//!       <Properties>
//!         <Property HotelCode="HTL4444" HotelName="Hotel Example">
//!           <Position Latitude="47.6062" Longitude="-122.3321"/>
//!           <Address><AddressLine>1 Pike St</AddressLine><CityName>Seattle</CityName></Address>
//!         </Property>
//!       </Properties>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "malformed-xml",
    group: Group::Document,
    level: Level::Error,
    profiles: XML,
    summary: "the document is not well-formed XML",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(failure) = cx.parse_error else {
        return;
    };
    let help = if cx.doctype.is_some() && failure.message.contains("entity") {
        "entities declared in a DOCTYPE are never expanded (Concur accepts no DTD): write the \
         characters themselves or use the five predefined entities"
    } else if failure.span.is_empty() && failure.span.start == 0 {
        "send the OTA response; an empty body is never a valid answer"
    } else {
        "close every tag, quote every attribute value, and escape `<` and `&` in text as `&lt;` \
         and `&amp;`"
    };
    out.report(
        failure.span.clone(),
        format!("not well-formed XML: {}", failure.message),
    )
    .label("the parser stopped here")
    .help(help);
}
