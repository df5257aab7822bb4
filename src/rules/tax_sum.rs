//! ## What it does
//! Reports a total after tax that is not the total before tax plus the taxes and fees the
//! answer states: an HS4 `totalPrice` (rates, rate details, reservation, read) whose
//! `totalAfterTax` is not `totalBeforeTax + taxes + fees`, and an HS2 `Total` whose
//! `AmountAfterTax` is not `AmountBeforeTax` plus its `Taxes/Tax/@Amount`. A tax or fee marked
//! as not in the total (HS4 `inclusive: false` in `taxesBreakdown`/`feesBreakdown`; HS2
//! `Type="Exclusive"` or `"Inclusive"`, which Concur's published samples use both ways) may be
//! left out of the sum: the finding comes only when no reading adds up. Amounts are decimals; the tolerance is the kit's `0.1` on HS4
//! and half a minor unit of the currency per summand on HS2 (`rules/money.toml`). A total
//! that is missing is `missing-required-content`'s, and nothing to add (no taxes, no fees)
//! is not checked.
//!
//! ## Why it matters
//! Concur's HS4 kit checks every rate: `price = totalPrice.totalBeforeTax + totalPrice.fees +
//! totalPrice.taxes` and, when `Math.abs(price - totalPrice.totalAfterTax) > specificity`
//! (`0.1`), prints `console.error("Invalid totalAfterTax calculation for hotel property " +
//! hotelId + " and rateId " + rate.ratePlanId + " was " + totalPrice.totalAfterTax + " and
//! expected to be " + price)` (HS4 kit, vendor-tests.postman_collection.json: rates,
//! ratedetails, reservation and read). The HS4 OpenAPI's `FeeTaxType.inclusive`: "Whether or
//! not this tax/fee is included in totalAmountAfterTax amount." The HS2 schema's
//! `AmountAfterTax`: "The total amount including all associated taxes" (HotelService2.xsd,
//! `TotalType`). A traveller shown one total and charged another disputes the booking.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 41.00, "fees": 10.00, "totalAfterTax": 439.00}}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 41.00, "fees": 10.00, "totalAfterTax": 429.00}}]}
//! ```

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::prelude::*;
use super::support::money::{differ, json_amount, sum_tolerance, text_amount};
use super::support::price::{hs2_elements, hs4_body, hs4_rates, json_span};

pub static RULE: Rule = Rule {
    name: "tax-sum",
    group: Group::Price,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "a total after tax is not the total before tax plus the taxes and fees stated",
    data: &["price.tolerance", "money.minor_units", "money.minor_units_source"],
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
    for r in hs4_rates(value) {
        let Some(total) = r.rate.get("totalPrice").and_then(Value::as_object) else {
            continue;
        };
        let amount = |k: &str| json_amount(total.get(k));
        let (Some(after), Some(before)) = (amount("totalAfterTax"), amount("totalBeforeTax")) else {
            continue;
        };
        let (taxes, fees) = (amount("taxes"), amount("fees"));
        if taxes.is_none() && fees.is_none() {
            continue;
        }
        let sum = before + taxes.unwrap_or_default() + fees.unwrap_or_default();
        let currency = total.get("currencyCode").and_then(Value::as_str);
        let summands = 1 + usize::from(taxes.is_some()) + usize::from(fees.is_some());
        let Some(tolerance) = sum_tolerance(cx, currency, None, summands) else {
            continue;
        };
        let excluded = excluded(total);
        if !differ(after, sum, tolerance) || (excluded > Decimal::ZERO && !differ(after, sum - excluded, tolerance)) {
            continue;
        }
        let parts = format!(
            "totalBeforeTax {before}{}{}",
            taxes.map_or(String::new(), |t| format!(" + taxes {t}")),
            fees.map_or(String::new(), |f| format!(" + fees {f}"))
        );
        let span = json_span(cx, &format!("{}/totalPrice/totalAfterTax", r.pointer));
        report(out, span, &format!("totalAfterTax {after}"), &parts, sum);
    }
}

/// The taxes and fees a breakdown marks as not in the total after tax.
fn excluded(total: &Map<String, Value>) -> Decimal {
    ["taxesBreakdown", "feesBreakdown"]
        .iter()
        .filter_map(|k| total.get(*k).and_then(Value::as_array))
        .flatten()
        .filter(|item| item.get("inclusive").and_then(Value::as_bool) == Some(false))
        .filter_map(|item| json_amount(item.get("amount")))
        .sum()
}

fn hs2(cx: &Context, out: &mut Findings) {
    for total in hs2_elements(cx, "Total") {
        let amount = |k: &str| total.attribute(k).and_then(text_amount);
        let (Some(after), Some(before)) = (amount("AmountAfterTax"), amount("AmountBeforeTax")) else {
            continue;
        };
        let taxes: Vec<_> = child(total, "Taxes")
            .map(|t| children(t, "Tax").collect())
            .unwrap_or_default();
        let amounts: Option<Vec<(Decimal, bool)>> = taxes
            .iter()
            .map(|t| Some((t.attribute("Amount").and_then(text_amount)?, t.attribute("Type") == Some("Exclusive"))))
            .collect();
        // Nothing stated, or a tax given only as a percentage: nothing to add up.
        let Some(amounts) = amounts.filter(|a| !a.is_empty()) else {
            continue;
        };
        let currency = total.attribute("CurrencyCode");
        let Some(tolerance) = sum_tolerance(cx, currency, total.attribute("DecimalPlaces"), 1 + amounts.len()) else {
            continue;
        };
        let all: Decimal = amounts.iter().map(|(a, _)| *a).sum();
        let exclusive: Decimal = amounts.iter().filter(|(_, e)| *e).map(|(a, _)| *a).sum();
        // Suppliers read `Type` both ways: an "Exclusive" tax added to the total after tax, or
        // left out of it as one the hotel collects; any reading that adds up is accepted.
        let readings = [all, exclusive, all - exclusive];
        if readings.iter().any(|taxes| !differ(after, before + *taxes, tolerance)) {
            continue;
        }
        let listed: Vec<String> = amounts.iter().map(|(a, _)| a.to_string()).collect();
        let parts = format!("AmountBeforeTax {before} + Tax {}", listed.join(" + "));
        report(out, cx.attr_span(total, "AmountAfterTax"), &format!("AmountAfterTax {after}"), &parts, before + all);
    }
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, what: &str, parts: &str, sum: Decimal) {
    out.report(span, format!("{what} is not {parts} = {sum}"))
        .label(format!("expected {sum}"))
        .help("state the total after tax as the total before tax plus the taxes and fees the answer lists (mark a tax or fee outside the total as not inclusive): Concur shows and charges this total");
}
