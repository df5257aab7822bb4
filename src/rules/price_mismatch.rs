//! ## What it does
//! Reports a booking or read answer whose price is not the one quoted for its rate and stay:
//! an HS4 reservation or read answer's `roomRate.totalPrice` (`totalAfterTax`, else
//! `totalBeforeTax`, and `currencyCode`) against the latest rates or rate-details answer
//! that quoted the same `ratePlanId` for the same `checkin` and `checkout`; an HS2
//! `OTA_HotelResRS`'s `RoomRate` `Total` (`AmountAfterTax`, else `AmountBeforeTax`, and
//! `CurrencyCode`) against the availability or rate-details `RoomRate` with the same
//! `RatePlanID` and stay. The rate is the answer's own, else the booking request's. Runs in
//! a HAR (an `otalint probe` recording or any capture), where the quote comes before the
//! booking; amounts are decimals and must agree to half a minor unit of the currency
//! (`rules/money.toml`).
//!
//! ## Why it matters
//! Concur books the rate the traveller chose at the price it showed them, from the rates
//! and rate details: "required if these details are missing from the /hotels/rates response
//! or rateDetailsCallRequired flag is set to true" (HS4 Getting Started). The kit checks
//! each answer alone (it only tests `expectedTotalAfterTax == totalPrice.totalAfterTax` in
//! its booking test, without a message); a booking at another price or currency than quoted
//! charges the traveller what they never agreed to.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "capture", "version": "1"}, "entries": [
//!  {"startedDateTime": "2026-11-22T10:00:00.000Z", "time": 100, "request": {"method": "POST", "url": "https://hotel.example/hotels/ratedetails", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "application/json"}], "cookies": [], "content": {"size": 0, "mimeType": "application/json", "text": "{\"checkin\": \"2026-12-01\", \"checkout\": \"2026-12-03\", \"roomRates\": [{\"ratePlanId\": \"RP1\", \"rateChangesOverStay\": false, \"rateDescription\": [\"Best Available Rate\"], \"guarantee\": {\"guaranteeType\": \"GUARANTEE_REQUIRED\", \"acceptedPayments\": [\"VISA\", \"MC\"]}, \"cancelPenalties\": {\"penalties\": [{\"refundableStatus\": \"FULLY_REFUNDABLE\"}]}, \"totalPrice\": {\"currencyCode\": \"USD\", \"totalBeforeTax\": 378.0, \"totalAfterTax\": 429.0}}]}"}, "redirectURL": "", "headersSize": -1, "bodySize": -1}, "cache": {}, "timings": {"send": 0, "wait": 100, "receive": 0}},
//!  {"startedDateTime": "2026-11-22T10:00:01.000Z", "time": 100, "request": {"method": "POST", "url": "https://hotel.example/hotels/reservation/read", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "application/json"}], "cookies": [], "content": {"size": 0, "mimeType": "application/json", "text": "{\"basicHotelProperty\": {\"propertyCode\": \"HTL4444\", \"hotelName\": \"Harbor View\", \"cityCode\": \"SEA\", \"contactInfo\": {\"emails\": [\"desk@hotel.example\"], \"phoneNumbers\": [\"+1 206 555 0100\"]}}, \"confirmationCodes\": [{\"codeType\": \"SUPPLIER_CONFIRMATION\", \"code\": \"SUP-1\"}], \"guests\": [{\"firstname\": \"Janelle\", \"lastname\": \"Doherty\"}], \"roomDescription\": [\"King\"], \"status\": \"RESERVED\", \"checkin\": \"2026-12-01\", \"checkout\": \"2026-12-03\", \"roomRate\": {\"ratePlanId\": \"RP1\", \"rateChangesOverStay\": false, \"rateDescription\": [\"Best Available Rate\"], \"guarantee\": {\"guaranteeType\": \"GUARANTEE_REQUIRED\", \"acceptedPayments\": [\"VISA\", \"MC\"]}, \"cancelPenalties\": {\"penalties\": [{\"refundableStatus\": \"FULLY_REFUNDABLE\"}]}, \"totalPrice\": {\"currencyCode\": \"USD\", \"totalBeforeTax\": 398.0, \"totalAfterTax\": 449.0}}}"}, "redirectURL": "", "headersSize": -1, "bodySize": -1}, "cache": {}, "timings": {"send": 0, "wait": 100, "receive": 0}}]}}
//! ```
//!
//! ## Fix
//! Book, and read back, at the price quoted (`totalAfterTax` 429.0 in the second entry):
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "capture", "version": "1"}, "entries": [
//!  {"startedDateTime": "2026-11-22T10:00:00.000Z", "time": 100, "request": {"method": "POST", "url": "https://hotel.example/hotels/ratedetails", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "application/json"}], "cookies": [], "content": {"size": 0, "mimeType": "application/json", "text": "{\"checkin\": \"2026-12-01\", \"checkout\": \"2026-12-03\", \"roomRates\": [{\"ratePlanId\": \"RP1\", \"rateChangesOverStay\": false, \"rateDescription\": [\"Best Available Rate\"], \"guarantee\": {\"guaranteeType\": \"GUARANTEE_REQUIRED\", \"acceptedPayments\": [\"VISA\", \"MC\"]}, \"cancelPenalties\": {\"penalties\": [{\"refundableStatus\": \"FULLY_REFUNDABLE\"}]}, \"totalPrice\": {\"currencyCode\": \"USD\", \"totalBeforeTax\": 378.0, \"totalAfterTax\": 429.0}}]}"}, "redirectURL": "", "headersSize": -1, "bodySize": -1}, "cache": {}, "timings": {"send": 0, "wait": 100, "receive": 0}},
//!  {"startedDateTime": "2026-11-22T10:00:01.000Z", "time": 100, "request": {"method": "POST", "url": "https://hotel.example/hotels/reservation/read", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": -1}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "application/json"}], "cookies": [], "content": {"size": 0, "mimeType": "application/json", "text": "{\"basicHotelProperty\": {\"propertyCode\": \"HTL4444\", \"hotelName\": \"Harbor View\", \"cityCode\": \"SEA\", \"contactInfo\": {\"emails\": [\"desk@hotel.example\"], \"phoneNumbers\": [\"+1 206 555 0100\"]}}, \"confirmationCodes\": [{\"codeType\": \"SUPPLIER_CONFIRMATION\", \"code\": \"SUP-1\"}], \"guests\": [{\"firstname\": \"Janelle\", \"lastname\": \"Doherty\"}], \"roomDescription\": [\"King\"], \"status\": \"RESERVED\", \"checkin\": \"2026-12-01\", \"checkout\": \"2026-12-03\", \"roomRate\": {\"ratePlanId\": \"RP1\", \"rateChangesOverStay\": false, \"rateDescription\": [\"Best Available Rate\"], \"guarantee\": {\"guaranteeType\": \"GUARANTEE_REQUIRED\", \"acceptedPayments\": [\"VISA\", \"MC\"]}, \"cancelPenalties\": {\"penalties\": [{\"refundableStatus\": \"FULLY_REFUNDABLE\"}]}, \"totalPrice\": {\"currencyCode\": \"USD\", \"totalBeforeTax\": 378.0, \"totalAfterTax\": 429.0}}}"}, "redirectURL": "", "headersSize": -1, "bodySize": -1}, "cache": {}, "timings": {"send": 0, "wait": 100, "receive": 0}}]}}
//! ```

use rust_decimal::Decimal;
use serde_json::Value;

use super::prelude::*;
use super::support::money::{differ, half_minor, json_amount, text_amount};
use super::support::price::{hs2_elements, hs2_stay, hs4_body, json_span};
use super::support::session::{hs2_rate_asked, hs2_total};
use crate::session::Quote;

pub static RULE: Rule = Rule {
    name: "price-mismatch",
    group: Group::Pairing,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "a booking or read answer's total or currency differs from the price quoted for its rate and stay",
    data: &["money.minor_units", "money.minor_units_source"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    if cx.session.quotes.is_empty() {
        return;
    }
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

/// What the answer states, with where each amount stands.
struct Priced<'s> {
    after: Option<(Decimal, std::ops::Range<usize>)>,
    before: Option<(Decimal, std::ops::Range<usize>)>,
    currency: Option<(&'s str, std::ops::Range<usize>)>,
    places: Option<&'s str>,
}

fn hs4(cx: &Context, out: &mut Findings) {
    let Some(value) = hs4_body(cx) else {
        return;
    };
    let (Some(room), Some(total)) = (value.get("roomRate"), value.pointer("/roomRate/totalPrice")) else {
        return;
    };
    let asked = cx.paired_json.and_then(|j| j.value.as_ref()).and_then(|r| r.get("ratePlanId"));
    let Some(rate) = room.get("ratePlanId").or(asked).and_then(Value::as_str) else {
        return;
    };
    let stay = |k: &str| value.get(k).and_then(Value::as_str);
    let Some(quote) = cx.session.quote(rate, stay("checkin"), stay("checkout")) else {
        return;
    };
    let at = |k: &str| json_span(cx, &format!("/roomRate/totalPrice/{k}"));
    let amount = |k: &str| json_amount(total.get(k)).map(|a| (a, at(k)));
    let priced = Priced {
        after: amount("totalAfterTax"),
        before: amount("totalBeforeTax"),
        currency: total.get("currencyCode").and_then(Value::as_str).map(|c| (c, at("currencyCode"))),
        places: None,
    };
    compare(cx, out, &priced, quote, rate, ("totalAfterTax", "totalBeforeTax"));
}

fn hs2(cx: &Context, out: &mut Findings) {
    if cx.response().is_none_or(|r| local(r) != "OTA_HotelResRS") {
        return;
    }
    let asked = cx.paired_request.and_then(|r| match local(r) {
        "OTA_HotelResRQ" => hs2_rate_asked(r).map(str::to_string),
        _ => {
            let ids: Vec<String> = r
                .descendants()
                .filter(|n| n.is_element() && local(*n) == "UniqueID")
                .filter_map(|n| n.attribute("ID").map(str::to_string))
                .collect();
            cx.session.booking(&ids).and_then(|b| b.rate.clone())
        }
    });
    for room in hs2_elements(cx, "RoomRate") {
        let (Some(rate), Some(total)) = (room.attribute("RatePlanID").map(str::to_string).or(asked.clone()), hs2_total(room)) else {
            continue;
        };
        let stay = hs2_stay(cx, room);
        let Some(quote) = cx.session.quote(&rate, stay.map(|s| s.0), stay.map(|s| s.1)) else {
            continue;
        };
        let amount = |k: &str| total.attribute(k).and_then(text_amount).map(|a| (a, cx.attr_span(total, k)));
        let priced = Priced {
            after: amount("AmountAfterTax"),
            before: amount("AmountBeforeTax"),
            currency: total.attribute("CurrencyCode").map(|c| (c, cx.attr_span(total, "CurrencyCode"))),
            places: total.attribute("DecimalPlaces"),
        };
        compare(cx, out, &priced, quote, &rate, ("AmountAfterTax", "AmountBeforeTax"));
    }
}

/// Reports a currency, else a total, that is not the quote's.
fn compare(cx: &Context, out: &mut Findings, priced: &Priced, quote: &Quote, rate: &str, names: (&str, &str)) {
    let quoted_at = quote.entry.map_or(String::new(), |e| format!(" (entry {e})"));
    if let (Some((currency, span)), Some(quoted)) = (&priced.currency, &quote.currency)
        && !currency.trim().eq_ignore_ascii_case(quoted.trim())
    {
        out.report(span.clone(), format!("the answer prices rate {rate} in {currency}; it was quoted in {quoted}{quoted_at}"))
            .label(format!("quoted in {quoted}"))
            .help(HELP);
        return;
    }
    let pairs = [(&priced.after, quote.after_tax, names.0), (&priced.before, quote.before_tax, names.1)];
    let Some((Some((got, span)), Some(want), name)) = pairs.into_iter().find(|(g, w, _)| g.is_some() && w.is_some()) else {
        return;
    };
    let currency = priced.currency.as_ref().map(|c| c.0).or(quote.currency.as_deref());
    let Some(tolerance) = half_minor(cx, currency, priced.places) else {
        return;
    };
    if differ(*got, want, tolerance) {
        out.report(span.clone(), format!("{name} {got} is not the {want} quoted for rate {rate} and this stay{quoted_at}"))
            .label(format!("quoted {want}"))
            .help(HELP);
    }
}

const HELP: &str = "book, and read back, the rate at the price and currency quoted for it: Concur showed the traveller that price";
