//! ## What it does
//! Reports a cancel deadline that is already past when the answer was given, or that falls
//! after the check-in day: an HS4 rate's `cancelPenalties.penalties[].cancelDeadline` (rates,
//! rate details, reservation, read; check-in from the answer's `checkin`), and an HS2
//! `CancelPenalty/Deadline/@AbsoluteDeadline` (check-in from its `RoomStay`'s `TimeSpan`, or
//! the request's stay). A deadline is read in the offset it states; one without an offset is
//! the hotel's local time ("If there is no timezone it is assumed to be local timezone of the
//! hotel"), and is past only once it is past in every time zone. The answer's time is the
//! HAR entry's `startedDateTime`, else the response's HTTP `Date`, else `--now`; with none
//! known, only the check-in half is checked — a time is never guessed.
//!
//! ## Why it matters
//! Concur's HS4 kit checks `validCancelDeadline = (Date.parse(penalties.cancelDeadline) >
//! Date.now())` and otherwise prints `console.warn("CancelDeadline is earlier for hotel
//! property: " + hotelId + " and rateId " + rate.ratePlanId)` (HS4 kit,
//! vendor-tests.postman_collection.json: rates, ratedetails, reservation, read). The kit
//! compares with the time it runs and reads a deadline without offset in the runner's zone;
//! otalint follows the OpenAPI's `cancelDeadline` ("If there is no timezone it is assumed to
//! be local timezone of the hotel") and the answer's own time, so a recording re-checks the
//! same. A free-cancellation deadline already gone, or one after the guest has arrived, tells
//! the traveller a cancellation policy they cannot use.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "cancelDeadline": "2026-12-02T18:00:00"}]}}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "cancelDeadline": "2026-11-30T18:00:00"}]}}]}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::clock::Deadline;
use super::support::price::{hs2_elements, hs2_stay, hs4_body, hs4_rates, json_span};

pub static RULE: Rule = Rule {
    name: "cancel-deadline",
    group: Group::Price,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "a cancel deadline is already past at the answer's time, or after check-in",
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
    let Some(value) = hs4_body(cx) else {
        return;
    };
    let checkin = value.get("checkin").and_then(Value::as_str);
    for r in hs4_rates(value) {
        let penalties = r.rate.get("cancelPenalties").and_then(|c| c.get("penalties")).and_then(Value::as_array);
        for (k, penalty) in penalties.into_iter().flatten().enumerate() {
            let Some(text) = penalty.get("cancelDeadline").and_then(Value::as_str) else {
                continue;
            };
            if let Some(problem) = judge(cx, text, checkin) {
                let span = json_span(cx, &format!("{}/cancelPenalties/penalties/{k}/cancelDeadline", r.pointer));
                report(out, span, text, &problem);
            }
        }
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    for deadline in hs2_elements(cx, "Deadline") {
        let in_penalty = deadline.parent_element().is_some_and(|p| local(p) == "CancelPenalty");
        let Some(text) = deadline.attribute("AbsoluteDeadline").filter(|_| in_penalty) else {
            continue;
        };
        let checkin = hs2_stay(cx, deadline).map(|s| s.0);
        if let Some(problem) = judge(cx, text, checkin) {
            report(out, cx.attr_span(deadline, "AbsoluteDeadline"), text, &problem);
        }
    }
}

/// What is wrong with a deadline, if anything: after the check-in day, else past.
fn judge(cx: &Context, text: &str, checkin: Option<&str>) -> Option<String> {
    let deadline = Deadline::parse(text)?;
    let arrival = checkin.and_then(|c| c.trim().get(..10)?.parse::<jiff::civil::Date>().ok());
    if let Some(day) = arrival.filter(|d| deadline.day() > *d) {
        return Some(format!("after the check-in day {day}"));
    }
    let now = cx.now.filter(|now| deadline.past_at(*now))?;
    let zone = match deadline {
        Deadline::Local(_) => ", in every time zone (it states no offset: the hotel's local time)",
        Deadline::Instant(..) => "",
    };
    Some(format!("already past when the answer was given ({now}){zone}"))
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, text: &str, problem: &str) {
    out.report(span, format!("the cancel deadline {text} is {problem}"))
        .label("deadline")
        .help("give the deadline until which the traveller can cancel under this penalty, between the answer's time and check-in: Concur shows it as the rate's cancellation policy");
}
