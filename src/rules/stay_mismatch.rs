//! ## What it does
//! Reports an answer whose stay differs from its request's: an HS4 rates, rate details,
//! reservation or read answer whose `checkin` or `checkout` is not the request's; an HS2
//! `OTA_HotelAvailRS` whose `RoomStay/TimeSpan` is not the request's `StayDateRange`, or an
//! `OTA_HotelResRS` whose `TimeSpan` is not the booking request's. Runs where the request is
//! known (`NAME.rq.json`/`NAME.rq.xml`, `--request`, a HAR entry's request).
//!
//! ## Why it matters
//! Concur shows and books the rate for the dates the traveller chose. A rate priced for other
//! nights (an off-by-one in a time zone, a default stay) is shown as the traveller's price and
//! booked for nights they did not ask for.
//!
//! ## Example
//! ```xml-request
//! <OTA_HotelAvailRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="5"><AvailRequestSegments><AvailRequestSegment><HotelSearchCriteria><Criterion><HotelRef HotelCode="HTL4444"/></Criterion></HotelSearchCriteria><StayDateRange Start="2026-12-01" End="2026-12-03"/></AvailRequestSegment></AvailRequestSegments></OTA_HotelAvailRQ>
//! ```
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><RoomStays><RoomStay><TimeSpan Start="2026-12-02" End="2026-12-03"/><BasicPropertyInfo HotelCode="HTL4444" HotelName="Harbor View"/></RoomStay></RoomStays></OTA_HotelAvailRS></soap:Body></soap:Envelope>
//! ```
//!
//! ## Fix
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><RoomStays><RoomStay><RoomTypes><RoomType RoomID="KNG"><RoomDescription><Text>King bed, city view</Text></RoomDescription></RoomType></RoomTypes><RatePlans><RatePlan RatePlanID="BAR"><RatePlanDescription><Text>Best available rate</Text></RatePlanDescription></RatePlan></RatePlans><RoomRates><RoomRate RoomID="KNG" RatePlanID="BAR"><Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode="VI"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Total AmountAfterTax="429.00" CurrencyCode="USD"/></Rate></Rates></RoomRate></RoomRates><TimeSpan Start="2026-12-01" End="2026-12-03"/><BasicPropertyInfo HotelCode="HTL4444" HotelName="Harbor View"/></RoomStay></RoomStays></OTA_HotelAvailRS></soap:Body></soap:Envelope>
//! ```

use serde_json::Value;

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "stay-mismatch",
    group: Group::Pairing,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "an answer's check-in or check-out differs from its request's",
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
    let (Some(request), Some(body)) = (cx.paired_json.and_then(|j| j.value.as_ref()), cx.json) else {
        return;
    };
    let Some(value) = body.value.as_ref() else {
        return;
    };
    for key in ["checkin", "checkout"] {
        let (Some(asked), Some(got)) = (request.get(key).and_then(Value::as_str), value.get(key).and_then(Value::as_str)) else {
            continue;
        };
        // A value that is no date at all is value-format's.
        if asked != got && super::support::formats::is_date(got) {
            let span = body.span(cx.text, &format!("/{key}")).unwrap_or(0..0);
            report(out, span, key, got, asked);
        }
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    // The request's stay: an availability's StayDateRange, a booking's TimeSpan.
    let Some(asked) = request
        .descendants()
        .find(|n| n.is_element() && matches!(local(*n), "StayDateRange" | "TimeSpan"))
    else {
        return;
    };
    if !matches!(local(response), "OTA_HotelAvailRS" | "OTA_HotelResRS") {
        return;
    }
    for span_node in response.descendants().filter(|n| n.is_element() && local(*n) == "TimeSpan") {
        for (attr, key) in [("Start", "check-in"), ("End", "check-out")] {
            let (Some(want), Some(got)) = (asked.attribute(attr), span_node.attribute(attr)) else {
                continue;
            };
            if want != got {
                report(out, cx.attr_span(span_node, attr), key, got, want);
            }
        }
    }
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, what: &str, got: &str, asked: &str) {
    out.report(span, format!("the answer's {what} is {got}; the request asked for {asked}"))
        .label(format!("should be {asked}"))
        .help("price and book the stay of the request: Concur shows this rate as the price of the traveller's dates");
}
