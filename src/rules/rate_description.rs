//! ## What it does
//! Reports a rate the traveller cannot tell apart: without a rate description, or without a
//! room description. On HS4: a rates answer's `roomRate.rateDescription` and its rate's
//! `roomDescription`, a rate details answer's `rateDescription`, and a reservation, read or
//! modify answer's `roomRate.rateDescription` and `roomDescription` (not for a `CANCELLED`
//! one), each absent, empty or blank. On HS2 availability and rate details: a `RoomRate` with
//! no text in its `Rate/RateDescription` nor in its `RatePlan`'s `RatePlanDescription`, or no
//! `RoomDescription` text in the `RoomType` its `RoomID` (or `RoomTypeCode`) names.
//!
//! As `info`, an HS4 rates or rate details `rateDescription` that is not title cased (a word
//! other than a short one such as "and", "of" or "with" starts with a small letter).
//!
//! ## Why it matters
//! Concur's HS4 kit logs as errors "hotel property: … with rateId … does not have a valid room
//! description", "… does not have a valid rate  description" (rates) and "Rate does not have a
//! valid rate description" (rate details, reservation, read); it warns "The rate description is
//! not title cased …". The descriptions are the only words the traveller reads to choose a
//! rate: a rate without them is a price without a product. Concur's documents do not ask for
//! title case; the kit's test for it (`/^[A-Z][A-Za-z0-9 !@#$%^&*)(]{2,20}]*$/`) also fails
//! every description longer than 21 characters or holding a comma, a hyphen or a period, which
//! otalint does not copy: it checks the words' capitals only, and only as `info`.
//!
//! ## Example
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "roomRates": [{"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": [], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "description": "Free cancellation until 24 hours before arrival"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}}]}
//! ```
//!
//! ## Fix
//! Describe each rate (and, in a rates answer, its room):
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "roomRates": [{"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "description": "Free cancellation until 24 hours before arrival"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}}]}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::content::{self, Rate, blank, has_any_text, title_cased};
use super::support::shown;

pub static RULE: Rule = Rule {
    name: "rate-description",
    group: Group::Content,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "a rate has no rate or room description (title case: info)",
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
    let title = matches!(op, "rates" | "ratedetails");
    content::each_rate(op, value, |rate| {
        let pointer = rate.place.room_rate();
        described(cx, out, &rate, rate.room_rate, &pointer, "rateDescription", "rate", title);
        if let Some(room) = rate.room {
            described(cx, out, &rate, room, &rate.place.room(), "roomDescription", "room", false);
        }
    });
    // A reservation's room description is required there: its absence is not this rule's.
    if content::is_reservation(op)
        && content::text(value, "status") != Some("CANCELLED")
        && let Some(list) = value.get("roomDescription").and_then(Value::as_array)
        && list.iter().filter_map(Value::as_str).all(blank)
    {
        out.report(content::span(cx, "/roomDescription"), "the booked room has no room description")
            .label("no description")
            .help("describe the room booked (bed, view, size): the itinerary shows it");
    }
}

/// Reports a description list at `key` of `holder` that is absent, empty or blank; with
/// `title`, each item not title cased (as info).
#[allow(clippy::too_many_arguments)]
fn described(cx: &Context, out: &mut Findings, rate: &Rate, holder: &Value, pointer: &str, key: &str, what: &str, title: bool) {
    let at = format!("{pointer}/{key}");
    let span = match holder.get(key) {
        None | Some(Value::Null) => content::opening(cx, pointer),
        Some(Value::Array(list)) if list.iter().filter_map(Value::as_str).all(blank) => content::span(cx, &at),
        Some(Value::Array(list)) => {
            if title {
                for (i, item) in list.iter().enumerate() {
                    let Some(text) = item.as_str().filter(|t| !blank(t) && !title_cased(t)) else {
                        continue;
                    };
                    let level = out.level().lower().lower();
                    out.report(content::span(cx, &format!("{at}/{i}")), format!("the rate description {} of {} is not title cased", shown(text), rate.name()))
                        .label("not title cased")
                        .help("Concur's kit expects rate descriptions in title case (\"Promotional Rate\")")
                        .level(level);
                }
            }
            return;
        }
        // Another type is json-type's.
        Some(_) => return,
    };
    out.report(span, format!("{} has no {what} description", rate.name()))
        .label(format!("no {what} description"))
        .help(format!("give each rate its `{key}`: the traveller chooses a rate by these words"));
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx).filter(|r| local(*r) == "OTA_HotelAvailRS") else {
        return;
    };
    for stay in content::room_stays(response) {
        let plans: Vec<_> = content::listed(stay, "RatePlans", "RatePlan").collect();
        let rooms: Vec<_> = content::listed(stay, "RoomTypes", "RoomType").collect();
        let hotel = child(stay, "BasicPropertyInfo").and_then(|b| b.attribute("HotelCode"));
        for rate in content::listed(stay, "RoomRates", "RoomRate") {
            let plan_id = rate.attribute("RatePlanID").or(rate.attribute("RatePlanCode"));
            let room_id = rate.attribute("RoomID").or(rate.attribute("RoomTypeCode"));
            let same = |n: &roxmltree::Node, a: &str, b: &str, id: Option<&str>| id.is_some() && (n.attribute(a).or(n.attribute(b)) == id);
            let rate_text = has_text_under(rate, &["Rates", "Rate", "RateDescription"])
                || has_text_under(rate, &["RoomRateDescription"])
                || plans
                    .iter()
                    .filter(|p| same(p, "RatePlanID", "RatePlanCode", plan_id))
                    .any(|p| child(*p, "RatePlanDescription").is_some_and(has_any_text));
            let room_text = rooms
                .iter()
                .filter(|r| same(r, "RoomID", "RoomTypeCode", room_id))
                .any(|r| child(*r, "RoomDescription").is_some_and(has_any_text));
            let lacking = match (rate_text, room_text) {
                (true, true) => continue,
                (false, true) => "rate description",
                (true, false) => "room description",
                (false, false) => "rate or room description",
            };
            let name = format!(
                "rate {} (room {}) of hotel {}",
                plan_id.unwrap_or("without RatePlanID"),
                room_id.unwrap_or("without RoomID"),
                hotel.unwrap_or("without a code")
            );
            out.report(cx.name_span(rate), format!("{name} has no {lacking}"))
                .label("not described")
                .help("describe each rate (`RatePlanDescription` or `RateDescription`) and its room (`RoomType` with the `RoomRate`'s `RoomID`, `RoomDescription`): the traveller chooses by these words");
        }
    }
}

/// Whether a path of children (`Rates/Rate/RateDescription`) leads to a non-blank `Text`.
fn has_text_under(node: roxmltree::Node, path: &[&str]) -> bool {
    match path.split_first() {
        None => has_any_text(node),
        Some((first, rest)) => children(node, first).any(|c| has_text_under(c, rest)),
    }
}
