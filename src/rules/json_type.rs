//! ## What it does
//! Reports a value of a Hotel Service v4 response whose JSON type is not the one its
//! operation's contract declares: a string where a number is required, an object where an
//! array is, an integer field holding a fraction, `null` for a required field. The operation
//! comes from the request URL, `--operation`, the paired request or the body's shape.
//!
//! ## Why it matters
//! Concur validates every v4 response against its operation's JSON schema (HS4 OpenAPI); its
//! own vendor kit does the same on HTTP 200. A price sent as `"378.00"` instead of `378.00`
//! fails the whole response, not just the rate.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": "378.00"}}}]}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomDescription": ["King Bed"], "roomAmenities": [{"amenityCode": 2}], "bedding": [{"bedTypeCode": 3, "quantity": 1}], "mealsIncluded": [], "source": {"name": "Harbor View Hotels"}, "roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "NONE", "acceptedPayments": ["VISA"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}]}]}
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "json-type",
    group: Group::Hs4,
    level: Level::Error,
    profiles: HS4,
    summary: "a value of another JSON type than the operation's contract declares",
    data: &["contract.operations", "contract.definitions"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    super::support::hs4_report::json_type(cx, out);
}
