//! ## What it does
//! Reports a positive shopping answer that gives a booking nothing to book. On HS4: a search
//! whose `hotelProperties` is empty; a rates answer whose `hotelRates` is empty, a hotel in it
//! whose `rates` is empty, or an answer with rates none of which is refundable (`refundable:
//! true` with a `ratePlanId`); a rate details answer whose `roomRates` is empty. On HS2: an
//! `OTA_HotelAvailRS` with `Success` and no `RoomStay`, or a `RoomStay` without a `RoomRate`.
//! An error answer (HS4 4xx/5xx, HS2 `Errors`, such as 424 "No hotels found" or 322 "No
//! availability") is not "no results": it is the contract's way to say so. An absent list the
//! schema requires is `missing-required-content`'s (on HS2 a search without `Property` too).
//!
//! ## Why it matters
//! Concur's HS4 kit stops its run on "Search response has no hotel properties, please modify
//! your search" (error), "No Rates found, please check another hotel" and "No roomRates for
//! hotel property: …" (warnings), logs " No rates for hotel property : …" as an error, and
//! warns "No Refundable Rates found, please check another hotel": it books only a refundable
//! rate, so that it can cancel it. An answer like this is allowed (Concur's HS2 Availability:
//! a `RoomStay` "can be excluded to identify there is no rate available at the hotel"), but
//! nothing after it can be tested; when it is not meant (a filter, a wrong date, a stale
//! cache), the traveller sees an empty list.
//!
//! ## Example
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "hotelRates": []}
//! ```
//!
//! ## Fix
//! Shop a hotel and dates that have rooms, and answer with their rates:
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomType": 11, "roomDescription": ["King Bed, City View"], "roomAmenities": [{"amenityCode": 2}], "bedding": [{"bedTypeCode": 3, "quantity": 1}], "mealsIncluded": [19], "source": {"name": "Harbor View Hotels"}, "roomRate": {"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}}}]}]}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::content::{self, items, text};

pub static RULE: Rule = Rule {
    name: "no-results",
    group: Group::Content,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "a positive shopping answer holds no hotel, no rate, or no refundable rate",
    data: &[],
    check,
};

const HELP: &str = "when rooms exist, answer with them; to test a booking, shop a hotel and dates with refundable rates";

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
    let empty = |key: &str| value.get(key).and_then(Value::as_array).is_some_and(Vec::is_empty);
    match op {
        "search" if empty("hotelProperties") => {
            out.report(content::span(cx, "/hotelProperties"), "the search found no hotel")
                .label("no hotels")
                .help(HELP);
        }
        "ratedetails" if empty("roomRates") => {
            out.report(content::span(cx, "/roomRates"), "the rate details answer holds no rate")
                .label("no roomRates")
                .help(HELP);
        }
        "rates" if empty("hotelRates") => {
            out.report(content::span(cx, "/hotelRates"), "the rates answer holds no hotel's rates")
                .label("no hotelRates")
                .help(HELP);
        }
        "rates" => rates(cx, out, value),
        _ => {}
    }
}

fn rates(cx: &Context, out: &mut Findings, value: &Value) {
    let mut any = false;
    let mut refundable = false;
    for (h, hotel) in items(value, "hotelRates").iter().enumerate() {
        let Some(list) = hotel.get("rates").and_then(Value::as_array) else {
            continue;
        };
        if list.is_empty() {
            let code = text(hotel, "propertyCode").unwrap_or("without a code");
            out.report(content::span(cx, &format!("/hotelRates/{h}/rates")), format!("hotel {code} has no rates"))
                .label("no rates")
                .help(HELP);
        }
        any |= !list.is_empty();
        refundable |= list.iter().filter_map(|r| r.get("roomRate")).any(|r| {
            r.get("refundable").and_then(Value::as_bool) == Some(true) && text(r, "ratePlanId").is_some_and(|id| !id.trim().is_empty())
        });
    }
    if any && !refundable {
        out.report(content::opening(cx, "/hotelRates"), "no rate of this answer is refundable (`refundable: true`)")
            .label("no refundable rate")
            .help("a booking test books a refundable rate so that it can cancel it: shop a hotel with one, and mark refundable rates `refundable: true`");
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx).filter(|r| local(*r) == "OTA_HotelAvailRS") else {
        return;
    };
    let mut stays = content::room_stays(response).peekable();
    if stays.peek().is_none() {
        let at = child(response, "RoomStays").unwrap_or(response);
        out.report(cx.name_span(at), "the availability answer holds no rate (no `RoomStay`)")
            .label("no RoomStay")
            .help(HELP);
        return;
    }
    for stay in stays {
        if content::listed(stay, "RoomRates", "RoomRate").next().is_none() {
            let code = child(stay, "BasicPropertyInfo").and_then(|b| b.attribute("HotelCode")).unwrap_or("without a code");
            out.report(cx.name_span(stay), format!("hotel {code} has no rates (its `RoomStay` holds no `RoomRate`)"))
                .label("no RoomRate")
                .help(HELP);
        }
    }
}
