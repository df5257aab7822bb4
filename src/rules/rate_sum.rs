//! ## What it does
//! Reports a stay total that its nightly or per-period prices do not add up to: an HS4 rate
//! (rates, rate details, reservation, read) whose `nightlyPrices` — each `basePrice` times the
//! nights from its `startDate` to its `endDate` — do not sum to `totalPrice.totalBeforeTax`
//! (tolerance: the kit's `0.1`), and an HS2 `RoomRate` whose `Rates/Rate/Base` amounts — each
//! times the nights from its `EffectiveDate` to its `ExpireDate`, or the stay's nights for a
//! single `Rate` without dates — do not sum to the `RoomRate`'s `Total` (before and after tax,
//! whichever both state; tolerance: half a minor unit of the currency per night). Amounts are
//! decimals. Concur's documents do not say whether an `endDate` is the last night or the
//! morning after: the kit counts it as the morning after, and otalint accepts either reading,
//! reporting only when neither adds up. Prices in another currency than the total are not
//! added.
//!
//! ## Why it matters
//! Concur's HS4 kit sums `nightlyPriceApplicableDays * nightlyPrice.basePrice` over the
//! nightly prices and, when `Math.abs(sumNightlyTotalBeforeTax - totalPrice.totalBeforeTax) >
//! 0.1`, prints
//! `console.error("NightlyPrices do not sum up to TotalPrice for hotel property " + hotelId +
//! " and rateId: " + roomRate.ratePlanId + "\n Provided - totalBeforeTax: " +
//! totalPrice.totalBeforeTax + "\n Expected - totalBeforeTax: " + sumNightlyTotalBeforeTax)`
//! (HS4 kit, vendor-tests.postman_collection.json: rates, ratedetails, reservation, read).
//! The HS4 OpenAPI's `NightlyPrice` is "Details about nightly price for a given date range";
//! `TotalPrice` "Details about total pricing associated with the stay". Concur shows the
//! nightly prices beside the total: when they disagree the traveller cannot tell what the
//! stay costs.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 400.00}, "nightlyPrices": [{"startDate": "2026-12-01", "endDate": "2026-12-03", "basePrice": 189.00, "currencyCode": "USD"}]}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00}, "nightlyPrices": [{"startDate": "2026-12-01", "endDate": "2026-12-03", "basePrice": 189.00, "currencyCode": "USD"}]}]}
//! ```

use rust_decimal::Decimal;
use serde_json::Value;

use super::prelude::*;
use super::support::money::{differ, half_minor, json_amount, sum_tolerance, text_amount};
use super::support::price::{hs2_elements, hs2_stay, hs4_body, hs4_rates, json_span, nights};

pub static RULE: Rule = Rule {
    name: "rate-sum",
    group: Group::Price,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "nightly or per-period prices do not add up to the stay total",
    data: &["price.tolerance", "money.minor_units", "money.minor_units_source"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

/// One price for a period: its amount and its nights (end exclusive).
struct Period {
    amount: Decimal,
    nights: i64,
}

/// The sums of the periods with the end read as the morning after and as the last night.
fn sums(periods: &[Period]) -> [Decimal; 2] {
    let sum = |extra: i64| periods.iter().map(|p| p.amount * Decimal::from(p.nights.abs() + extra)).sum();
    [sum(0), sum(1)]
}

fn hs4(cx: &Context, out: &mut Findings) {
    let Some(value) = hs4_body(cx) else {
        return;
    };
    for r in hs4_rates(value) {
        let total = r.rate.get("totalPrice");
        let (Some(before), Some(nightly)) = (json_amount(total.and_then(|t| t.get("totalBeforeTax"))), r.rate.get("nightlyPrices").and_then(Value::as_array)) else {
            continue;
        };
        let currency = total.and_then(|t| t.get("currencyCode")).and_then(Value::as_str);
        let periods: Option<Vec<Period>> = nightly
            .iter()
            .map(|n| {
                let other = n.get("currencyCode").and_then(Value::as_str).is_some_and(|c| Some(c) != currency);
                let date = |k: &str| n.get(k).and_then(Value::as_str);
                Some(Period { amount: json_amount(n.get("basePrice"))?, nights: nights(date("startDate")?, date("endDate")?)? }).filter(|_| !other)
            })
            .collect();
        let Some(periods) = periods.filter(|p| !p.is_empty()) else {
            continue;
        };
        let Some(tolerance) = sum_tolerance(cx, currency, None, periods.len()) else {
            continue;
        };
        let [sum, inclusive] = sums(&periods);
        if differ(before, sum, tolerance) && differ(before, inclusive, tolerance) {
            let span = json_span(cx, &format!("{}/totalPrice/totalBeforeTax", r.pointer));
            report(out, span, &format!("totalBeforeTax {before}"), "the nightlyPrices", sum);
        }
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    for room in hs2_elements(cx, "RoomRate") {
        let Some(total) = child(room, "Total") else {
            continue;
        };
        let rates: Vec<_> = child(room, "Rates").map(|r| children(r, "Rate").collect()).unwrap_or_default();
        let stay = hs2_stay(cx, room).and_then(|(s, e)| nights(s, e));
        let currency = total.attribute("CurrencyCode");
        for attr in ["AmountBeforeTax", "AmountAfterTax"] {
            let Some(stated) = total.attribute(attr).and_then(text_amount) else {
                continue;
            };
            let periods: Option<Vec<Period>> = rates
                .iter()
                .map(|rate| {
                    let base = child(*rate, "Base")?;
                    if base.attribute("CurrencyCode").is_some_and(|c| Some(c) != currency) {
                        return None;
                    }
                    let dated = rate.attribute("EffectiveDate").zip(rate.attribute("ExpireDate"));
                    let nights = match dated {
                        Some((s, e)) => nights(s, e)?,
                        None if rates.len() == 1 => stay?,
                        None => return None,
                    };
                    Some(Period { amount: base.attribute(attr).and_then(text_amount)?, nights })
                })
                .collect();
            let Some(periods) = periods.filter(|p| !p.is_empty()) else {
                continue;
            };
            let nights: i64 = periods.iter().map(|p| p.nights.abs().max(1)).sum();
            let Some(half) = half_minor(cx, currency, total.attribute("DecimalPlaces")) else {
                continue;
            };
            let tolerance = half * Decimal::from(nights);
            let [sum, inclusive] = sums(&periods);
            if differ(stated, sum, tolerance) && differ(stated, inclusive, tolerance) {
                report(out, cx.attr_span(total, attr), &format!("Total {attr} {stated}"), "the Rates' Base amounts", sum);
            }
        }
    }
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, what: &str, parts: &str, sum: Decimal) {
    out.report(span, format!("{what} is not the sum of {parts} for their nights ({sum})"))
        .label(format!("the nights add up to {sum}"))
        .help("make the stay total the sum of the nightly prices, each times its nights: Concur shows both to the traveller");
}
