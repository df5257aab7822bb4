//! ## What it does
//! Reports a shopped rate that names no accepted payment card. On HS4: a rates or rate details
//! `roomRate` whose `guarantee.acceptedPayments` is absent or empty (a rate details rate
//! without `guarantee` is `missing-required-content`'s; a value outside the card types is
//! `invalid-enum`'s). On HS2 availability and rate details: a `GuaranteePayment` of a `RoomRate`
//! that holds no `PaymentCard`. HS2 makes a rate's `PaymentPolicies` optional (and Concur's own
//! HS2 walkthrough samples send none), so on HS2 a rate without them is not reported: only a
//! guarantee payment that is sent and names no card, as the HS2 page says.
//!
//! ## Why it matters
//! Concur's HS4 Getting Started: "The acceptedPayments element should also contain all the
//! cards that are accepted at the property", and a supplier's own virtual card is offered only
//! as `VENDOR_PROVIDED` "in `acceptedPayments` element of RoomRate". Concur's HS2 Availability:
//! `AcceptedPayments` "Required If used, at least one (1) `AcceptedPayment` should be
//! present." Concur's HS4 kit warns "acceptedPayments is not defined for property … and rateId
//! …". Without the cards, Concur cannot tell whether the traveller's card is accepted before
//! booking. (The kit's rate details script prints "No accepted credit cards for rateId …" for
//! every rate whatever it holds: otalint reports only the rates that lack the cards.)
//!
//! ## Example
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "roomRates": [{"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "description": "Free cancellation until 24 hours before arrival"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED"}}]}
//! ```
//!
//! ## Fix
//! List every card the property accepts for the rate:
//! ```json
//! {"checkin": "2027-02-20", "checkout": "2027-02-22", "roomRates": [{"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "description": "Free cancellation until 24 hours before arrival"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC", "AMEX"]}}]}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::content;

pub static RULE: Rule = Rule {
    name: "accepted-payments",
    group: Group::Content,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "a shopped rate names no accepted payment card",
    data: &[],
    check,
};

const HELP: &str = "list every card the property accepts for the rate (and VENDOR_PROVIDED for your own virtual card): Concur checks the traveller's card against them";

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

fn hs4(cx: &Context, out: &mut Findings) {
    let Some((op, value)) = content::hs4(cx).filter(|(op, _)| matches!(*op, "rates" | "ratedetails")) else {
        return;
    };
    content::each_rate(op, value, |rate| {
        let pointer = rate.place.room_rate();
        let span = match rate.room_rate.get("guarantee") {
            // Required in rate details: its absence is missing-required-content's.
            None | Some(Value::Null) if op == "ratedetails" => return,
            None | Some(Value::Null) => content::opening(cx, &pointer),
            Some(guarantee @ Value::Object(_)) => match guarantee.get("acceptedPayments") {
                None | Some(Value::Null) => content::opening(cx, &format!("{pointer}/guarantee")),
                Some(Value::Array(cards)) if cards.is_empty() => content::span(cx, &format!("{pointer}/guarantee/acceptedPayments")),
                Some(_) => return,
            },
            Some(_) => return,
        };
        out.report(span, format!("{} names no accepted payment card (`guarantee.acceptedPayments`)", rate.name()))
            .label("no acceptedPayments")
            .help(HELP);
    });
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx).filter(|r| local(*r) == "OTA_HotelAvailRS") else {
        return;
    };
    let card = |n: roxmltree::Node| n.descendants().any(|d| d.is_element() && local(d) == "PaymentCard");
    for stay in content::room_stays(response) {
        let hotel = child(stay, "BasicPropertyInfo").and_then(|b| b.attribute("HotelCode"));
        for rate in content::listed(stay, "RoomRates", "RoomRate") {
            // HS2 makes the payment policies optional: only a guarantee payment that is sent
            // without a card departs from Concur's page.
            let empty = rate
                .descendants()
                .filter(|d| d.is_element() && local(*d) == "GuaranteePayment")
                .find(|g| !card(*g));
            let Some(payment) = empty else {
                continue;
            };
            let plan = rate.attribute("RatePlanID").or(rate.attribute("RatePlanCode"));
            out.report(
                cx.name_span(payment),
                format!(
                    "rate {} of hotel {} has a guarantee payment that names no accepted card",
                    plan.unwrap_or("without RatePlanID"),
                    hotel.unwrap_or("without a code")
                ),
            )
            .label("no PaymentCard")
            .help(format!("\"AcceptedPayments Required If used, at least one (1) AcceptedPayment should be present\" (HS2 Availability): {HELP}"));
        }
    }
}
