//! ## What it does
//! Reports an answer about another reservation than the one asked for: an HS2 read's
//! `OTA_HotelResRS` or cancel's `OTA_CancelRS` whose `UniqueID Type="14"` is not the
//! request's, and an HS4 read or cancel answer whose confirmation code of a type the request
//! named (`SUPPLIER_CONFIRMATION`, `RESERVATION`, …) is another code (one finding, at the
//! first such code). Runs where the request
//! is known (`NAME.rq.xml`/`NAME.rq.json`, `--request`, a HAR entry's request).
//!
//! ## Why it matters
//! "`ID` Required: UniqueID from HotelResRS is used as reservation ID." (HS2 Read
//! Itinerary); "The first with an Type of 14 containing the original reservation number"
//! (HS2 Cancel). HS4: "SUPPLIER_CONFIRMATION: (Required) … This also be provided in all
//! subsequent read/modify/cancel request" (HS4 Getting Started, Confirmation Codes); Concur's
//! HS4 kit tests `codes.code === reqCodes[codes.codeType]` on the read ("Valid requested code
//! … of type …"). Concur files the answer under the reservation it asked about: another
//! reservation's details overwrite the traveller's itinerary, and a cancel of another
//! reservation leaves theirs active.
//!
//! ## Example
//! ```xml-request
//! <OTA_ReadRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="5.002"><UniqueID Type="14" ID="RES-1001"/></OTA_ReadRQ>
//! ```
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en" ResResponseType="Committed"><Success/><HotelReservations><HotelReservation><UniqueID Type="14" ID="RES-1002"/></HotelReservation></HotelReservations></OTA_HotelResRS></soap:Body></soap:Envelope>
//! ```
//!
//! ## Fix
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en" ResResponseType="Committed"><Success/><HotelReservations><HotelReservation><UniqueID Type="14" ID="RES-1001"/></HotelReservation></HotelReservations></OTA_HotelResRS></soap:Body></soap:Envelope>
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::price::{hs4_body, json_span};

pub static RULE: Rule = Rule {
    name: "reservation-id-mismatch",
    group: Group::Pairing,
    level: Level::Error,
    profiles: HS2_HS4,
    summary: "a read or cancel answers another reservation than the one asked for",
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
    let (Some(request), Some(value)) = (cx.paired_json.and_then(|j| j.value.as_ref()), hs4_body(cx)) else {
        return;
    };
    // A read, modify or cancel request names the reservation by its codes; a booking request
    // names guests instead.
    if request.get("guests").is_some() {
        return;
    }
    let list = |v: &Value| -> Vec<(String, String)> {
        v.get("confirmationCodes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                let s = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
                (s("codeType"), s("code"))
            })
            .collect()
    };
    let asked = list(request);
    for (i, (kind, code)) in list(value).iter().enumerate() {
        let Some((_, want)) = asked.iter().find(|(k, _)| k == kind && !k.is_empty()) else {
            continue;
        };
        // One answer about another reservation is one finding, however many codes say so.
        if want.trim() != code.trim() {
            let span = json_span(cx, &format!("/confirmationCodes/{i}/code"));
            report(out, span, &format!("{kind} code {code}"), want);
            return;
        }
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    if !matches!(
        (local(request), local(response)),
        ("OTA_ReadRQ", "OTA_HotelResRS") | ("OTA_CancelRQ", "OTA_CancelRS")
    ) {
        return;
    }
    let Some(want) = reservation(request).and_then(|n| n.attribute("ID")) else {
        return;
    };
    if let Some(got) = reservation(response).filter(|n| n.attribute("ID").is_some_and(|id| id.trim() != want.trim())) {
        let id = got.attribute("ID").unwrap_or_default();
        report(out, cx.attr_span(got, "ID"), &format!("UniqueID {id}"), want);
    }
}

/// The `UniqueID Type="14"` of a message: the reservation it is about.
fn reservation<'a, 'i>(root: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    root.descendants()
        .filter(|n| n.is_element() && local(*n) == "UniqueID")
        .find(|n| n.attribute("Type") == Some("14"))
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, what: &str, asked: &str) {
    out.report(span, format!("the answer is about reservation {what}; the request asked about {asked}"))
        .label(format!("should be {asked}"))
        .help("answer about the reservation the request names: Concur files this answer under it");
}
