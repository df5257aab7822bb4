//! ## What it does
//! Reports CDATA sections, and HTML markup (a tag such as `<br />`, written escaped as
//! `&lt;br /&gt;`) inside text or attribute values. Each CDATA section is reported; for
//! markup, the first tag of each text or attribute value is.
//!
//! ## Why it matters
//! The HS2 Introduction says: "CDATA and HTML code inside of XML nodes and attributes are not
//! allowed." Concur shows texts such as rate descriptions and cancellation policies to
//! travelers as plain text, so markup shows up as literal `<br />` on screen. Concur's own
//! samples have this mistake.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Success/>
//!       <RoomStays>
//!         <RoomStay>
//!           <RatePlans>
//!             <RatePlan RatePlanCode="BAR">
//!               <RatePlanDescription><Text>Queen bed&lt;br/&gt;Free WiFi</Text></RatePlanDescription>
//!             </RatePlan>
//!           </RatePlans>
//!         </RoomStay>
//!       </RoomStays>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send plain text: separate lines with a newline or with several `Text` elements, and
//! escape special characters instead of wrapping them in CDATA.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Success/>
//!       <RoomStays>
//!         <RoomStay>
//!           <RoomTypes>
//!             <RoomType RoomTypeCode="QN"><RoomDescription><Text>Queen bed</Text></RoomDescription></RoomType>
//!           </RoomTypes>
//!           <RatePlans>
//!             <RatePlan RatePlanCode="BAR">
//!               <RatePlanDescription><Text>Queen bed. Free WiFi</Text></RatePlanDescription>
//!             </RatePlan>
//!           </RatePlans>
//!           <RoomRates>
//!             <RoomRate RoomTypeCode="QN" RatePlanCode="BAR">
//!               <Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode="VI"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Total AmountAfterTax="129.00" CurrencyCode="USD"/></Rate></Rates>
//!             </RoomRate>
//!           </RoomRates>
//!         </RoomStay>
//!       </RoomStays>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::prelude::*;
use crate::document::{Shape, raw_span};

pub static RULE: Rule = Rule {
    name: "cdata-or-markup",
    group: Group::Document,
    level: Level::Warning,
    profiles: HS2,
    summary: "CDATA sections, or HTML markup inside text or attribute values",
    data: &[],
    check,
};

const CDATA: &str = "<![CDATA[";
const HELP: &str = "\"CDATA and HTML code inside of XML nodes and attributes are not allowed\" \
                    (HS2 Introduction): send plain text, escaping `<` and `&`";

/// A start, end or empty HTML tag: `<b>`, `</p>`, `<br />`, `<a href="x">`.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>"#).expect("valid pattern")
});

/// Reports each CDATA section outside comments and processing instructions; their spans.
fn report_cdata(
    cx: &Context,
    shape: &crate::document::Shape,
    out: &mut Findings,
    cdata: Vec<usize>,
) -> Vec<Range<usize>> {
    let mut cdata_spans: Vec<Range<usize>> = Vec::new();
    if !cdata.is_empty() {
        let hidden: Vec<Range<usize>> = shape
            .doc
            .descendants()
            .filter(|n| n.is_comment() || n.is_pi())
            .map(|n| n.range())
            .collect();
        for at in cdata {
            if hidden.iter().any(|r| r.contains(&at)) {
                continue;
            }
            let end = cx.text[at..].find("]]>").map_or(cx.text.len(), |e| at + e + 3);
            cdata_spans.push(at..end);
            out.report(at..at + CDATA.len(), "CDATA section")
                .label("CDATA")
                .help(HELP);
        }
    }
    cdata_spans
}

/// Where each `<![CDATA[` of the message starts.
fn cdata_starts(cx: &Context, shape: &Shape) -> Vec<usize> {
    let bytes = cx.text.as_bytes();
    match cx.options.plain {
        // The nodes alone: the CDATA sections in the source of each text, which runs to
        // the next node (a text merged from pieces has the range of its first).
        true => shape
            .doc
            .descendants()
            .filter(|n| n.is_text())
            .flat_map(|n| {
                let start = n.range().start;
                let end = match (n.next_sibling(), n.parent()) {
                    (Some(next), _) => next.range().start,
                    (None, Some(parent)) => parent.range().end,
                    (None, None) => cx.text.len(),
                };
                cx.text[start..end.max(start)]
                    .match_indices(CDATA)
                    .map(move |(at, _)| start + at)
            })
            .collect(),
        // A search for one byte costs a quarter of a substring search, and `[` is rare in XML
        // outside CDATA: find each `[` and look at what stands around it.
        false => memchr::memchr_iter(b'[', bytes)
            .filter_map(|at| at.checked_sub(2))
            .filter(|&at| bytes[at..].starts_with(CDATA.as_bytes()))
            .collect(),
    }
}

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let bytes = cx.text.as_bytes();
    let cdata = cdata_starts(cx, shape);
    let cdata_spans = report_cdata(cx, shape, out, cdata);
    // Markup inside a value is escaped in the source (`&lt;`, `&#60;`, `&#x3C;`) or sits in
    // CDATA: without either, no value can hold a tag, and the walk below is skipped.
    let escaped_markup = || {
        memchr::memchr_iter(b'&', bytes).any(|at| {
            let rest = &bytes[at + 1..];
            rest.starts_with(b"lt;") || rest.starts_with(b"#")
        })
    };
    if !cx.options.plain && cdata_spans.is_empty() && !escaped_markup() {
        return;
    }
    for node in shape.doc.descendants() {
        if node.is_text() {
            let Some(value) = node.text() else { continue };
            let Some(tag) = find_tag(value) else { continue };
            let range = node.range();
            let span = raw_span(&cx.text[range.clone()], range.start, value, tag.clone());
            let span = match span {
                Some(s) => s,
                None => {
                    // A text merged from several pieces: point at the element instead.
                    let parent = node.parent().unwrap_or(node);
                    if cdata_spans.iter().any(|c| parent.range().contains(&c.start)) {
                        continue;
                    }
                    cx.name_span(parent)
                }
            };
            if cdata_spans.iter().any(|c| c.contains(&span.start)) {
                continue; // reported as CDATA already
            }
            let element = node.parent().map_or("", local);
            out.report(
                span,
                format!("HTML markup `{}` in the text of `{element}`", &value[tag]),
            )
            .label("HTML")
            .help(HELP);
        } else if node.is_element() {
            for attr in node.attributes() {
                let value = attr.value();
                let Some(tag) = find_tag(value) else { continue };
                let range = attr.range_value();
                let span = raw_span(&cx.text[range.clone()], range.start, value, tag.clone())
                    .unwrap_or(range);
                out.report(
                    span,
                    format!(
                        "HTML markup `{}` in the attribute `{}` of `{}`",
                        &value[tag],
                        attr.name(),
                        local(node)
                    ),
                )
                .label("HTML")
                .help(HELP);
            }
        }
    }
}

fn find_tag(value: &str) -> Option<Range<usize>> {
    if !value.contains('<') {
        return None;
    }
    TAG.find(value).map(|m| m.range())
}
