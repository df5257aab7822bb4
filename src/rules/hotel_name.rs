//! ## What it does
//! Reports a hotel name the traveller cannot read: blank, or holding markup-escaped text such
//! as `&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;` or `&#39;` (text escaped twice, which is shown
//! as written). On HS4: each search `hotelProperties` item's `hotelName` and a reservation,
//! read or modify answer's `basicHotelProperty.hotelName`. On HS2: `HotelName` of a search
//! `Property`, of an `OTA_HotelDescriptiveInfoRS` `HotelDescriptiveContent`, and of the
//! `BasicPropertyInfo` of an availability or reservation `RoomStay` (of descriptive info, the
//! first content: the one Concur reads; more are `missing-required-content`'s). A name that is absent (or,
//! in HS2 search and descriptive info, blank) is `missing-required-content`'s.
//!
//! ## Why it matters
//! Concur's HS4 kit fails a search with "Hotel `<propertyCode>` does not have a hotel name."
//! and "Hotel `<hotelName>` contains an invalid escape character" (console.error, its test
//! "All hotels have valid hotel names"). Concur's HS2 Descriptive Info page: "SAP Concur
//! always expects the Hotel Name to be provided." The name is what the traveller picks a
//! hotel by and what the itinerary shows; `Smith &amp;amp; Sons` reaches them as `Smith &amp;
//! Sons`.
//!
//! ## Example
//! ```json
//! {"hotelProperties": [{"propertyCode": "HTL4444", "chainCode": "ZZ", "superChainCode": "ZZ", "hotelName": "Harbor View &amp; Spa", "availabilityStatus": "AVAILABLE_FOR_SALE", "address": {"addressLines": ["1200 Alaskan Way"], "city": "Seattle", "countryCode": "US"}, "contactInfo": {"emails": ["frontdesk@harborview.example"], "phoneNumbers": ["+1 206 555 0100"]}, "amenities": [{"amenityCode": 173}], "leadImageURI": "https://images.harborview.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 189.00, "currencyCode": "USD"}}}]}
//! ```
//!
//! ## Fix
//! Send the name as plain text: JSON needs no entity, and XML needs `&amp;` once.
//! ```json
//! {"hotelProperties": [{"propertyCode": "HTL4444", "chainCode": "ZZ", "superChainCode": "ZZ", "hotelName": "Harbor View & Spa", "availabilityStatus": "AVAILABLE_FOR_SALE", "address": {"addressLines": ["1200 Alaskan Way"], "city": "Seattle", "countryCode": "US"}, "contactInfo": {"emails": ["frontdesk@harborview.example"], "phoneNumbers": ["+1 206 555 0100"]}, "amenities": [{"amenityCode": 173}], "leadImageURI": "https://images.harborview.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 189.00, "currencyCode": "USD"}}}]}
//! ```

use std::ops::Range;

use super::prelude::*;
use super::support::content::{self, blank, escaped, items, text};

pub static RULE: Rule = Rule {
    name: "hotel-name",
    group: Group::Content,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "a hotel name is blank or holds markup-escaped text, escaped twice",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

fn hs4(cx: &Context, out: &mut Findings) {
    let Some((op, value)) = content::hs4(cx) else {
        return;
    };
    if op == "search" {
        for (i, hotel) in items(value, "hotelProperties").iter().enumerate() {
            if let Some(name) = text(hotel, "hotelName") {
                let at = || content::span(cx, &format!("/hotelProperties/{i}/hotelName"));
                judge(out, name, text(hotel, "propertyCode"), true, at);
            }
        }
    } else if content::is_reservation(op)
        && let Some(property) = value.get("basicHotelProperty")
        && let Some(name) = text(property, "hotelName")
    {
        let at = || content::span(cx, "/basicHotelProperty/hotelName");
        judge(out, name, text(property, "propertyCode"), true, at);
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx) else {
        return;
    };
    // Where a blank name is missing-required-content's, only the escapes are this rule's.
    let (holders, blank_too): (Vec<Node>, bool) = match local(response) {
        "OTA_HotelSearchRS" => (content::listed(response, "Properties", "Property").collect(), false),
        "OTA_HotelDescriptiveInfoRS" => (
            content::listed(response, "HotelDescriptiveContents", "HotelDescriptiveContent").take(1).collect(),
            false,
        ),
        "OTA_HotelAvailRS" => (content::room_stays(response).filter_map(|s| child(s, "BasicPropertyInfo")).collect(), true),
        "OTA_HotelResRS" => (
            content::listed(response, "HotelReservations", "HotelReservation")
                .flat_map(|r| content::listed(r, "RoomStays", "RoomStay"))
                .filter_map(|s| child(s, "BasicPropertyInfo"))
                .collect(),
            true,
        ),
        _ => return,
    };
    for node in holders {
        if let Some(name) = node.attribute("HotelName") {
            judge(out, name, node.attribute("HotelCode"), blank_too, || cx.attr_span(node, "HotelName"));
        }
    }
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

fn judge(out: &mut Findings, name: &str, code: Option<&str>, blank_too: bool, at: impl Fn() -> Range<usize>) {
    let hotel = code.map_or_else(|| "a hotel".to_string(), |c| format!("hotel {c}"));
    if blank(name) {
        if blank_too {
            out.report(at(), format!("{hotel} has a blank name"))
                .label("no name")
                .help("send the hotel's proper name: it is what the traveller chooses by and what the itinerary shows");
        }
        return;
    }
    if let Some(entity) = escaped(name) {
        out.report(at(), format!("the name of {hotel} holds the escaped text `{entity}`; the traveller sees it as written"))
            .label("escaped twice")
            .help("send the name as plain text (`&`, not `&amp;`): JSON needs no entity, and XML escapes a character once");
    }
}
