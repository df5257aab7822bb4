//! ## What it does
//! Reports an HS4 cancel penalty whose amount is not its percentage of the total it names: in
//! a rate's `cancelPenalties.penalties[].amountPercent`, `amount.amount` must be `percent` of
//! the stay total — `totalAfterTax`, or, where the penalty says `taxInclusive: false` or
//! `feesInclusive: false`, `totalBeforeTax` plus only the taxes and fees it includes (the
//! kit always takes `totalAfterTax`; otalint follows the OpenAPI's flags where they are set).
//! The tolerance is the kit's `0.1`; amounts are decimals. A penalty on some nights
//! (`basisType` `NIGHTS` or `FIRST_LAST`) or in another currency than the total is not
//! checked: the documents do not say which nights' prices it takes. HS2 is not checked:
//! Concur's HS2 schema has no `AmountPercent` in `CancelPenalty`.
//!
//! ## Why it matters
//! Concur's HS4 kit computes `cancellationAmount = (amp.percent * totalPrice.totalAfterTax) /
//! 100` and, when `Math.abs(cancellationAmount - amp.amount.amount) > 0.1`, prints "Invalid
//! cancellation amount: " + amp.amount.amount + " for price totalAfterTax " +
//! totalPrice.totalAfterTax + " at " + amp.percent + "% cancel penalty. Expected cancellation
//! amount: " + cancellationAmount + … (HS4 kit, vendor-tests.postman_collection.json:
//! `console.error` in rates and ratedetails, `console.warn` in reservation and read). The HS4
//! OpenAPI's `AmountPercent.percent`: "The percentage used to calculate the amount of the
//! cancel fee." Concur shows the traveller the cancellation fee: a fee that is not the
//! percentage stated misinforms them about what cancelling costs.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "PARTIALLY_REFUNDABLE", "amountPercent": {"percent": 50, "amount": {"amount": 189.00, "currencyCode": "USD"}}}]}}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "roomRates": [{"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "PARTIALLY_REFUNDABLE", "amountPercent": {"percent": 50, "amount": {"amount": 214.50, "currencyCode": "USD"}}}]}}]}
//! ```

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::prelude::*;
use super::support::money::{differ, json_amount, sum_tolerance};
use super::support::price::{hs4_body, hs4_rates, json_span};

pub static RULE: Rule = Rule {
    name: "penalty-amount",
    group: Group::Price,
    level: Level::Error,
    profiles: HS4,
    summary: "a cancel penalty's amount is not its percentage of the total it names",
    data: &["price.tolerance"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(value) = hs4_body(cx) else {
        return;
    };
    for r in hs4_rates(value) {
        let Some(total) = r.rate.get("totalPrice").and_then(Value::as_object) else {
            continue;
        };
        let penalties = r.rate.get("cancelPenalties").and_then(|c| c.get("penalties")).and_then(Value::as_array);
        for (k, penalty) in penalties.into_iter().flatten().enumerate() {
            let Some(ap) = penalty.get("amountPercent").and_then(Value::as_object) else {
                continue;
            };
            let (Some(percent), Some(amount)) = (json_amount(ap.get("percent")), json_amount(ap.get("amount").and_then(|a| a.get("amount")))) else {
                continue;
            };
            let currency = total.get("currencyCode").and_then(Value::as_str);
            let other = ap
                .get("amount")
                .and_then(|a| a.get("currencyCode"))
                .and_then(Value::as_str)
                .is_some_and(|c| Some(c) != currency);
            let partial = ap.get("basisType").and_then(Value::as_str).is_some_and(|b| b != "FULL_STAY");
            let (Some((base, named)), false, false) = (base(total, ap), other, partial) else {
                continue;
            };
            let Some(tolerance) = sum_tolerance(cx, currency, None, 1) else {
                continue;
            };
            let expected = percent * base / Decimal::ONE_HUNDRED;
            if differ(amount, expected, tolerance) {
                let pointer = format!("{}/cancelPenalties/penalties/{k}/amountPercent/amount/amount", r.pointer);
                out.report(json_span(cx, &pointer), format!("the cancellation amount {amount} is not {percent}% of {named} {base} ({})", expected.normalize()))
                    .label(format!("expected {}", expected.round_dp(2).normalize()))
                    .help("state the penalty's amount as its percentage of the total it applies to: Concur shows the traveller both");
            }
        }
    }
}

/// The total a penalty is a percentage of, and how it is named in the message.
fn base(total: &Map<String, Value>, ap: &Map<String, Value>) -> Option<(Decimal, String)> {
    let flag = |k: &str| ap.get(k).and_then(Value::as_bool);
    let amount = |k: &str| json_amount(total.get(k));
    match (flag("taxInclusive"), flag("feesInclusive")) {
        (Some(false), _) | (_, Some(false)) => {
            let mut base = amount("totalBeforeTax")?;
            let mut named = "totalBeforeTax".to_string();
            for (flag_key, key) in [("taxInclusive", "taxes"), ("feesInclusive", "fees")] {
                if flag(flag_key) != Some(false) {
                    let part = amount(key).unwrap_or_default();
                    base += part;
                    named.push_str(&format!(" + {key}"));
                }
            }
            Some((base, named))
        }
        _ => Some((amount("totalAfterTax")?, "totalAfterTax".to_string())),
    }
}
