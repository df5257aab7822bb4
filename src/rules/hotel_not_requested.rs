//! ## What it does
//! Reports a hotel in an answer that its request did not name: an HS2 `OTA_HotelAvailRS`
//! `RoomStay` whose `BasicPropertyInfo/@HotelCode`, or an `OTA_HotelDescriptiveInfoRS`
//! `HotelDescriptiveContent` whose `@HotelCode`, is none of the request's hotel codes; an HS4
//! rates or details answer with a `propertyCode` the request's `hotelPropertyRefs` or
//! `hotelCodes` did not hold. Runs where the request is known (`NAME.rq.xml` or
//! `NAME.rq.json` beside the response, `--request`, a HAR entry's request).
//!
//! ## Why it matters
//! "HotelSearchCriteria can contain multiple Criterion elements. Each will have a unique
//! HotelCode per Availability request." (HS2 Availability); "SAP Concur will only ever send
//! one (1) HotelDescriptiveInfo" (HS2 Descriptive Info). Concur files rates under the hotels it
//! asked for: a hotel it did not ask for is dropped, or worse, shown against the wrong property.
//!
//! ## Example
//! ```xml-request
//! <OTA_HotelAvailRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="5"><AvailRequestSegments><AvailRequestSegment><HotelSearchCriteria><Criterion><HotelRef HotelCode="HTL4444"/></Criterion></HotelSearchCriteria></AvailRequestSegment></AvailRequestSegments></OTA_HotelAvailRQ>
//! ```
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><RoomStays><RoomStay><BasicPropertyInfo HotelCode="HTL9999" HotelName="Elsewhere"/></RoomStay></RoomStays></OTA_HotelAvailRS></soap:Body></soap:Envelope>
//! ```
//!
//! ## Fix
//! Answer for the hotels asked for, and leave out the others:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><RoomStays><RoomStay><RoomTypes><RoomType RoomID="KNG"><RoomDescription><Text>King bed, city view</Text></RoomDescription></RoomType></RoomTypes><RatePlans><RatePlan RatePlanID="BAR"><RatePlanDescription><Text>Best available rate</Text></RatePlanDescription></RatePlan></RatePlans><RoomRates><RoomRate RoomID="KNG" RatePlanID="BAR"><Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode="VI"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Total AmountAfterTax="429.00" CurrencyCode="USD"/></Rate></Rates></RoomRate></RoomRates><BasicPropertyInfo HotelCode="HTL4444" HotelName="Harbor View"/></RoomStay></RoomStays></OTA_HotelAvailRS></soap:Body></soap:Envelope>
//! ```

use std::collections::BTreeSet;

use serde_json::Value;

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "hotel-not-requested",
    group: Group::Pairing,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "an answer holds a hotel its request did not name",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    let asked: BTreeSet<&str> = request
        .descendants()
        .filter(|n| n.is_element() && matches!(local(*n), "HotelRef" | "HotelDescriptiveInfo"))
        .filter_map(|n| n.attribute("HotelCode"))
        .collect();
    if asked.is_empty() {
        return;
    }
    let answered = response.descendants().filter(|n| n.is_element()).filter_map(|n| match local(n) {
        "RoomStay" => child(n, "BasicPropertyInfo"),
        "HotelDescriptiveContent" => Some(n),
        _ => None,
    });
    for node in answered {
        let Some(code) = node.attribute("HotelCode").filter(|c| !asked.contains(c)) else {
            continue;
        };
        report(out, cx.attr_span(node, "HotelCode"), code, &asked);
    }
}

fn hs4(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(body)) = (cx.paired_json.and_then(|j| j.value.as_ref()), cx.json) else {
        return;
    };
    let codes = |v: Option<&Value>, path: &[&str]| -> Vec<(usize, String)> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        let mut x = item;
                        for p in path {
                            x = x.get(*p)?;
                        }
                        Some((i, x.as_str()?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let asked: BTreeSet<String> = codes(request.get("hotelPropertyRefs"), &["propertyCode"])
        .into_iter()
        .chain(codes(request.get("hotelCodes"), &["propertyCode"]))
        .chain(request.pointer("/hotelPropertyRef/propertyCode").and_then(Value::as_str).map(|c| (0, c.to_string())))
        .map(|(_, c)| c)
        .collect();
    let Some(value) = body.value.as_ref().filter(|_| !asked.is_empty()) else {
        return;
    };
    let answered: Vec<(String, String)> = codes(value.get("hotelRates"), &["propertyCode"])
        .into_iter()
        .map(|(i, c)| (format!("/hotelRates/{i}/propertyCode"), c))
        .chain(codes(value.get("hotelDetailsList"), &["propertyRef", "propertyCode"]).into_iter().map(|(i, c)| (format!("/hotelDetailsList/{i}/propertyRef/propertyCode"), c)))
        .collect();
    let asked_refs: BTreeSet<&str> = asked.iter().map(String::as_str).collect();
    for (pointer, code) in answered {
        if asked_refs.contains(code.as_str()) {
            continue;
        }
        let span = body.span(cx.text, &pointer).unwrap_or(0..0);
        report(out, span, &code, &asked_refs);
    }
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, code: &str, asked: &BTreeSet<&str>) {
    let list: Vec<&str> = asked.iter().take(10).copied().collect();
    out.report(span, format!("hotel {code} was not asked for; the request named {}", list.join(", ")))
        .label("not requested")
        .help("answer for the hotels of the request only: Concur drops the others, or files their rates under the wrong property");
}
