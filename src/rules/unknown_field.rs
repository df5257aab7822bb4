//! ## What it does
//! Reports a field of a Hotel Service v4 response that its operation's contract does not
//! declare: a **warning** when it is within two edits of a declared field (a likely typo, with
//! a did-you-mean), **info** otherwise. When the field it is near is a *required* one, the
//! misspelling is also that field missing (`missing-required-content`): it stays one finding,
//! here, at the worse level of the two rules (**error** by default), so `--fail-on error`
//! fails a response Concur's schema rejects.
//!
//! ## Why it matters
//! Concur reads only the fields its schema declares and ignores the rest. A `ratePlanID` for
//! `ratePlanId` is therefore not a harmless extra: the rate has no plan id, and the booking
//! step that needs it fails later, far from the cause.
//!
//! ## Example
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomRate": {"ratePlanId": "RP1", "ratePlanID": "RP1", "rateChangesOverStay": false, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}]}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"checkin": "2026-12-01", "checkout": "2026-12-03", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomDescription": ["King Bed"], "roomAmenities": [{"amenityCode": 2}], "bedding": [{"bedTypeCode": 3, "quantity": 1}], "mealsIncluded": [], "source": {"name": "Harbor View Hotels"}, "roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "NONE", "acceptedPayments": ["VISA"]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}]}]}
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "unknown-field",
    group: Group::Hs4,
    level: Level::Warning,
    profiles: HS4,
    summary: "a field the operation's contract does not declare (a likely typo warns)",
    data: &["contract.definitions"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    super::support::hs4_report::unknown_field(cx, out);
}
