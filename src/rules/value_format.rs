//! ## What it does
//! Reports a value of a Hotel Service v4 response outside its declared format: a `date` that is
//! not `YYYY-MM-DD` (or no such day), a `date-time` that is not RFC 3339, a `uuid` that is
//! not one, a string that does not match its pattern or is too short or long (a currency code
//! is three letters), a number below its minimum, above its maximum or not a multiple of its
//! step (amounts to the cent), an array with fewer items than required.
//!
//! ## Why it matters
//! These are constraints of Concur's HS4 JSON schema, which Concur checks every response
//! against: a check-in of `12/01/2026` or an amount of `378.005` fails the response, and a
//! date that does not exist says the supplier's own date handling is broken.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-33", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}]}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomDescription": ["King Bed"], "roomAmenities": [{"amenityCode": 2}], "bedding": [{"bedTypeCode": 3, "quantity": 1}], "mealsIncluded": [], "source": {"name": "Harbor View Hotels"}, "roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "NONE", "acceptedPayments": ["VISA"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}]}]}
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "value-format",
    group: Group::Hs4,
    level: Level::Error,
    profiles: HS4,
    summary: "a value outside its declared format, pattern, length or bounds",
    data: &["contract.definitions"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    super::support::hs4_report::value_format(cx, out);
}
