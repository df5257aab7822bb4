//! ## What it does
//! Reports content the traveller is shown that an answer leaves out, one finding per hotel or
//! rate naming all it lacks. On HS4: a search hotel with an empty `amenities` list; a rates
//! answer's rate without `roomAmenities`, without `bedding`, or without a source attribution
//! (`source` with a `name` or a `logo`, unless `suppress` is true), and a hotel none of whose
//! rates has `mealsIncluded`; a details hotel with no `descriptiveInfos`, no `mediaItems` or a
//! blank `propertyDescription`. On HS2: a descriptive info `HotelDescriptiveContent` (the first,
//! the one Concur reads) without an image URL or without any description text. What the schema requires and is absent (`amenities`, `mediaItems`, …) is
//! `missing-required-content`'s.
//!
//! ## Why it matters
//! Concur's HS4 kit warns "No amenityCodes for hotel property: …", "No Room Amenity codes for
//! hotel property: …", "No Bedding Amenity codes for hotel property: …", "Property: … has no
//! mealsIncluded object on any rating", "hotel property: … with rateId … does not have a valid
//! source attribution", and logs "No hotelDescriptiveInfo for hotel property: …" as an error.
//! Concur's HS4 Getting Started says the kit checks that "all properties in details response
//! have hotel images". Amenities, beds and meals are what the traveller compares hotels and
//! rooms by; without them every rate looks alike.
//!
//! Where the kit and Concur's documents differ, otalint follows the documents: the source's
//! `logo` "is given preference to name and nothing is displayed as source if suppress is true"
//! (HS4 OpenAPI), so a logo or `suppress: true` is an attribution the kit would not accept; and
//! on HS2 a `RatePlan` without `MealsIncluded` is not reported, since "The `MealsIncluded`
//! element must be omitted to avoid any adjustment to the rate description" (HS2 Availability).
//! A search `Property` without `HotelAmenity` is not reported either: Concur's HS2 Search page
//! lists it without "Required", where HS4 requires the `amenities` list (so that an empty one
//! is a choice to show none).
//!
//! ## Example
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomType": 11, "roomDescription": ["King Bed, City View"], "roomRate": {"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}}}]}]}
//! ```
//!
//! ## Fix
//! Name the room's amenities and beds, the meals included, and the rate's source:
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomType": 11, "roomDescription": ["King Bed, City View"], "roomAmenities": [{"amenityCode": 2}], "bedding": [{"bedTypeCode": 3, "quantity": 1}], "mealsIncluded": [19], "source": {"name": "Harbor View Hotels"}, "roomRate": {"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}}}]}]}
//! ```

use std::ops::Range;

use serde_json::Value;

use super::prelude::*;
use super::support::content::{self, blank, has_text, items, text};

pub static RULE: Rule = Rule {
    name: "missing-display-content",
    group: Group::Content,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "content the traveller sees is absent: amenities, bedding, meals, source, images",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

/// Whether a list at `key` is absent or has no item.
fn none(v: &Value, key: &str) -> bool {
    v.get(key).is_none_or(|l| l.is_null() || l.as_array().is_some_and(Vec::is_empty))
}

/// Whether a list at `key` is present and has no item (absent is another rule's).
fn empty(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_array).is_some_and(Vec::is_empty)
}

fn hs4(cx: &Context, out: &mut Findings) {
    let Some((op, value)) = content::hs4(cx) else {
        return;
    };
    match op {
        "search" => {
            for (i, hotel) in items(value, "hotelProperties").iter().enumerate() {
                if empty(hotel, "amenities") {
                    let at = content::span(cx, &format!("/hotelProperties/{i}/amenities"));
                    report(out, at, &hotel_name(text(hotel, "propertyCode")), &["hotel amenities (`amenities`)"]);
                }
            }
        }
        "rates" => rates(cx, out, value),
        "details" => {
            for (i, hotel) in items(value, "hotelDetailsList").iter().enumerate() {
                let Some(info) = hotel.get("hotelDescriptiveInfo").filter(|i| i.is_object()) else {
                    continue;
                };
                let mut lacking = Vec::new();
                if empty(info, "descriptiveInfos") {
                    lacking.push("descriptive information (`descriptiveInfos`)");
                }
                if empty(info, "mediaItems") {
                    lacking.push("images (`mediaItems`)");
                }
                if text(info, "propertyDescription").is_some_and(blank) {
                    lacking.push("a property description");
                }
                if !lacking.is_empty() {
                    let code = hotel.pointer("/propertyRef/propertyCode").and_then(Value::as_str);
                    let at = content::opening(cx, &format!("/hotelDetailsList/{i}/hotelDescriptiveInfo"));
                    report(out, at, &hotel_name(code), &lacking);
                }
            }
        }
        _ => {}
    }
}

fn rates(cx: &Context, out: &mut Findings, value: &Value) {
    for (h, hotel) in items(value, "hotelRates").iter().enumerate() {
        let list = items(hotel, "rates");
        let code = text(hotel, "propertyCode");
        for (r, rate) in list.iter().enumerate().filter(|(_, r)| r.is_object()) {
            let mut lacking = Vec::new();
            if none(rate, "roomAmenities") {
                lacking.push("room amenities (`roomAmenities`)");
            }
            if none(rate, "bedding") {
                lacking.push("bedding (`bedding`)");
            }
            if !attributed(rate.get("source")) {
                lacking.push("a source attribution (`source`)");
            }
            if !lacking.is_empty() {
                let id = rate.pointer("/roomRate/ratePlanId").and_then(Value::as_str).unwrap_or("without ratePlanId");
                let name = format!("rate {id} of hotel {}", code.unwrap_or("without a code"));
                report(out, content::opening(cx, &format!("/hotelRates/{h}/rates/{r}")), &name, &lacking);
            }
        }
        if !list.is_empty() && !list.iter().any(|r| r.get("mealsIncluded").is_some()) {
            let at = content::opening(cx, &format!("/hotelRates/{h}/rates"));
            out.report(at, format!("no rate of {} says which meals are included (`mealsIncluded`)", hotel_name(code)))
                .label("no mealsIncluded")
                .help("send `mealsIncluded` on each rate, an empty list when no meal is included: the traveller compares rates by it");
        }
    }
}

/// Whether a rate's `source` attributes it: a name or a logo, or attribution suppressed.
fn attributed(source: Option<&Value>) -> bool {
    source.is_some_and(|s| {
        s.get("suppress").and_then(Value::as_bool) == Some(true)
            || ["name", "logo"].iter().any(|k| text(s, k).is_some_and(|t| !blank(t)))
    })
}

fn hotel_name(code: Option<&str>) -> String {
    code.map_or_else(|| "a hotel".to_string(), |c| format!("hotel {c}"))
}

fn report(out: &mut Findings, at: Range<usize>, what: &str, lacking: &[&str]) {
    let list = match lacking.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, init)) => format!("{} or {last}", init.join(", ")),
        None => return,
    };
    out.report(at, format!("{what} has no {list}"))
        .label("shown empty")
        .help("send what the traveller compares hotels and rooms by: Concur shows an empty place otherwise");
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx).filter(|r| local(*r) == "OTA_HotelDescriptiveInfoRS") else {
        return;
    };
    for hotel in content::listed(response, "HotelDescriptiveContents", "HotelDescriptiveContent").take(1) {
        let mut lacking = Vec::new();
        let images = child(hotel, "MultimediaDescriptions").is_some_and(|m| has_text(m, "URL"));
        if !images {
            lacking.push("images (`ImageItem/ImageFormat/URL`)");
        }
        let described = ["HotelInfo", "TPA_Extensions"]
            .iter()
            .filter_map(|name| child(hotel, name))
            .any(|n| has_text(n, "DescriptiveText") || has_text(n, "Text"));
        if !described {
            lacking.push("description (`HotelInfo/Descriptions/DescriptiveText`)");
        }
        if !lacking.is_empty() {
            report(out, cx.name_span(hotel), &hotel_name(hotel.attribute("HotelCode")), &lacking);
        }
    }
}
