//! ## What it does
//! Reports an HS4 `cityCode` (the `basicHotelProperty` of a reservation, read or modify
//! answer) that is not three letters. A missing `cityCode` is `missing-required-content`'s;
//! HS2 carries no city code (Concur's XSD has no `HotelCityCode`).
//!
//! ## Why it matters
//! "IATA 3 char city code for this property (required for adding passive segments)" (HS4
//! OpenAPI, `BasicHotelProperty.cityCode`). Concur writes the booking into the traveller's
//! itinerary with it; a code that is no IATA city code leaves the booking out of it. Concur's HS4
//! test kit: "Invalid cityCode: " (error; it checks the length only, and only on the
//! reservation answer, though read and modify answer with the same `basicHotelProperty`).
//!
//! ## Example
//! ```json
//! {"basicHotelProperty": {"propertyCode": "HTL4444", "chainCode": "ZZ", "hotelName": "Harbor View Hotel", "cityCode": "Seattle", "contactInfo": {"emails": ["frontdesk@harborview.example"], "phoneNumbers": ["+1 206 555 0100"]}}, "checkin": "2027-02-20", "checkout": "2027-02-22", "confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": "HV-998877"}, {"codeType": "RESERVATION", "code": "RES12345"}], "guests": [{"firstname": "Janelle", "lastname": "Doherty"}], "roomDescription": ["King bed"], "roomRate": {"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "prepayRequired": false, "rateDescription": ["Best available rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "description": "Free cancellation until 24 hours before arrival"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED"}}, "status": "RESERVED"}
//! ```
//!
//! ## Fix
//! ```json
//! {"basicHotelProperty": {"propertyCode": "HTL4444", "chainCode": "ZZ", "hotelName": "Harbor View Hotel", "cityCode": "SEA", "contactInfo": {"emails": ["frontdesk@harborview.example"], "phoneNumbers": ["+1 206 555 0100"]}}, "checkin": "2027-02-20", "checkout": "2027-02-22", "confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": "HV-998877"}, {"codeType": "RESERVATION", "code": "RES12345"}], "guests": [{"firstname": "Janelle", "lastname": "Doherty"}], "roomDescription": ["King bed"], "roomRate": {"ratePlanId": "BAR-KNG-2N", "rateChangesOverStay": false, "refundable": true, "prepayRequired": false, "rateDescription": ["Best available rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.00, "taxes": 51.00, "totalAfterTax": 429.00}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE", "description": "Free cancellation until 24 hours before arrival"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED"}}, "status": "RESERVED"}
//! ```

use serde_json::Value;

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "city-code",
    group: Group::Codes,
    level: Level::Error,
    profiles: HS4,
    summary: "a city code is not three letters",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let (Some(body), Some(value)) = (cx.json, cx.json.and_then(|j| j.value.as_ref())) else {
        return;
    };
    let Some(code) = value.pointer("/basicHotelProperty/cityCode").and_then(Value::as_str) else {
        return;
    };
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return;
    }
    let span = body.span(cx.text, "/basicHotelProperty/cityCode").unwrap_or(0..0);
    out.report(span, format!("cityCode `{code}` is not three letters"))
        .label("an IATA city code")
        .help("give the IATA three-letter city code of the hotel's city (`SEA`): Concur needs it to add the booking to the itinerary");
}
