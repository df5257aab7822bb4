//! ## What it does
//! Reports one rate listed twice for one hotel. On HS4 (rates, per hotel; rate details): two
//! rates with the same `ratePlanId`, or two that show the traveller the same thing, as
//! Concur's kit compares them (the same rate descriptions and room descriptions in any order,
//! `prepayRequired`, `totalBeforeTax`) and also the same currency and `refundable`. On HS2
//! availability and rate details: two `RoomRate`s of one `RoomStay` with the same `RoomID` (or
//! `RoomTypeCode`) and `RatePlanID` (or `RatePlanCode`). The second is reported, with the first
//! as related.
//!
//! ## Why it matters
//! Concur's HS4 kit warns "N duplicate rates found." and fails its test "… rates and M
//! duplicate rates". Concur's HS2 Availability page: "The combination of `RoomID` and
//! `RatePlanID` must be unique for a `RoomStay`." Concur books by the rate's identifier: two
//! rates under one leave to chance which one is booked, and two identical lines make the
//! traveller doubt the list. Unlike the kit, otalint compares the rates of each hotel apart
//! (the kit compares every rate of the answer with every other, across hotels).
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><RoomStays><RoomStay><RoomTypes><RoomType RoomID="KNG"><RoomDescription><Text>King bed, city view</Text></RoomDescription></RoomType></RoomTypes><RatePlans><RatePlan RatePlanID="BAR"><RatePlanDescription><Text>Best available rate</Text></RatePlanDescription></RatePlan></RatePlans><RoomRates><RoomRate RoomID="KNG" RatePlanID="BAR"><Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode="VI"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Total AmountAfterTax="429.00" CurrencyCode="USD"/></Rate></Rates></RoomRate><RoomRate RoomID="KNG" RatePlanID="BAR"><Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode="VI"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Total AmountAfterTax="399.00" CurrencyCode="USD"/></Rate></Rates></RoomRate></RoomRates><BasicPropertyInfo HotelCode="HTL4444"/></RoomStay></RoomStays></OTA_HotelAvailRS></soap:Body></soap:Envelope>
//! ```
//!
//! ## Fix
//! Give each rate of a hotel its own room and rate plan pair, or list it once:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><RoomStays><RoomStay><RoomTypes><RoomType RoomID="KNG"><RoomDescription><Text>King bed, city view</Text></RoomDescription></RoomType></RoomTypes><RatePlans><RatePlan RatePlanID="BAR"><RatePlanDescription><Text>Best available rate</Text></RatePlanDescription></RatePlan></RatePlans><RoomRates><RoomRate RoomID="KNG" RatePlanID="BAR"><Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode="VI"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Total AmountAfterTax="429.00" CurrencyCode="USD"/></Rate></Rates></RoomRate></RoomRates><BasicPropertyInfo HotelCode="HTL4444"/></RoomStay></RoomStays></OTA_HotelAvailRS></soap:Body></soap:Envelope>
//! ```

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use super::prelude::*;
use super::support::content::{self, Rate, items, text};

pub static RULE: Rule = Rule {
    name: "duplicate-rate",
    group: Group::Content,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "one rate is listed twice for one hotel",
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
    let Some((op, value)) = content::hs4(cx) else {
        return;
    };
    if op != "rates" && op != "ratedetails" {
        return;
    }
    // The rates of one hotel at a time: a rates answer's hotels follow one another.
    let mut group: Vec<Rate> = Vec::new();
    let mut hotel = None;
    content::each_rate(op, value, |rate| {
        let index = match rate.place {
            content::Place::Rates { hotel, .. } => Some(hotel),
            _ => None,
        };
        if index != hotel {
            judge(cx, out, &group);
            group.clear();
            hotel = index;
        }
        group.push(rate);
    });
    judge(cx, out, &group);
}

/// The duplicates among the rates of one hotel.
fn judge(cx: &Context, out: &mut Findings, rates: &[Rate]) {
    if rates.len() < 2 {
        return;
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut shown: HashMap<u64, usize> = HashMap::new();
    for (i, rate) in rates.iter().enumerate() {
        if let Some(id) = text(rate.room_rate, "ratePlanId").filter(|id| !id.trim().is_empty()) {
            match ids.entry(id) {
                Entry::Occupied(first) => {
                    report(cx, out, rate, &rates[*first.get()], true);
                    continue;
                }
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        match shown.entry(display_hash(rate)) {
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
            Entry::Occupied(first) => {
                if same_display(&rates[*first.get()], rate) {
                    report(cx, out, rate, &rates[*first.get()], false);
                }
            }
        }
    }
}

/// The texts of a list, in any order: each hashed alone, the hashes added.
fn unordered(list: &[Value]) -> u64 {
    list.iter().filter_map(Value::as_str).fold(0u64, |sum, s| {
        let mut h = std::hash::DefaultHasher::new();
        s.hash(&mut h);
        sum.wrapping_add(h.finish())
    })
}

/// What the traveller sees of a rate, as the kit compares it (and its currency and
/// refundability).
fn display_hash(rate: &Rate) -> u64 {
    let r = rate.room_rate;
    let mut h = std::hash::DefaultHasher::new();
    unordered(items(r, "rateDescription")).hash(&mut h);
    rate.room.map(|room| unordered(items(room, "roomDescription"))).hash(&mut h);
    (r.get("prepayRequired").and_then(Value::as_bool) == Some(true)).hash(&mut h);
    r.get("refundable").and_then(Value::as_bool).hash(&mut h);
    let total = r.get("totalPrice");
    total.and_then(|t| t.get("totalBeforeTax")).and_then(Value::as_f64).map(f64::to_bits).hash(&mut h);
    total.and_then(|t| text(t, "currencyCode")).hash(&mut h);
    h.finish()
}

fn same_display(a: &Rate, b: &Rate) -> bool {
    sorted(items(a.room_rate, "rateDescription")) == sorted(items(b.room_rate, "rateDescription"))
        && a.room.map(|room| sorted(items(room, "roomDescription"))) == b.room.map(|room| sorted(items(room, "roomDescription")))
        && plain(a.room_rate) == plain(b.room_rate)
}

fn sorted(list: &[Value]) -> Vec<&str> {
    let mut texts: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
    texts.sort_unstable();
    texts
}

fn plain(r: &Value) -> (bool, Option<bool>, Option<u64>, Option<&str>) {
    let total = r.get("totalPrice");
    (
        r.get("prepayRequired").and_then(Value::as_bool) == Some(true),
        r.get("refundable").and_then(Value::as_bool),
        total.and_then(|t| t.get("totalBeforeTax")).and_then(Value::as_f64).map(f64::to_bits),
        total.and_then(|t| text(t, "currencyCode")),
    )
}

fn report(cx: &Context, out: &mut Findings, second: &Rate, first: &Rate, by_id: bool) {
    let at = |r: &Rate| {
        let pointer = format!("{}/ratePlanId", r.place.room_rate());
        match cx.json.and_then(|j| j.span(cx.text, &pointer)) {
            Some(span) => span,
            None => content::opening(cx, &r.place.room_rate()),
        }
    };
    let (message, help) = if by_id {
        (format!("{} is listed twice", second.name()), "give each rate its own ratePlanId: Concur books by it")
    } else {
        let id = text(first.room_rate, "ratePlanId").unwrap_or("without ratePlanId");
        (
            format!("{} shows the same descriptions and price as rate {id}: one rate listed twice", second.name()),
            "list the rate once, or tell the two apart in their descriptions",
        )
    };
    out.report(at(second), message)
        .label("listed again")
        .related(at(first), "first listed here")
        .help(help);
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx).filter(|r| local(*r) == "OTA_HotelAvailRS") else {
        return;
    };
    for stay in content::room_stays(response) {
        let mut seen: HashMap<(&str, &str), roxmltree::Node> = HashMap::new();
        for rate in content::listed(stay, "RoomRates", "RoomRate") {
            let room = rate.attribute("RoomID").or(rate.attribute("RoomTypeCode"));
            let plan = rate.attribute("RatePlanID").or(rate.attribute("RatePlanCode"));
            let (Some(room), Some(plan)) = (room, plan) else {
                continue;
            };
            match seen.entry((room, plan)) {
                Entry::Vacant(slot) => {
                    slot.insert(rate);
                }
                Entry::Occupied(first) => {
                    let attr = |n: roxmltree::Node| if n.has_attribute("RatePlanID") { "RatePlanID" } else { "RatePlanCode" };
                    let hotel = child(stay, "BasicPropertyInfo").and_then(|b| b.attribute("HotelCode")).unwrap_or("of this room stay");
                    out.report(cx.attr_span(rate, attr(rate)), format!("room {room} at rate plan {plan} is listed twice for hotel {hotel}"))
                        .label("listed again")
                        .related(cx.attr_span(*first.get(), attr(*first.get())), "first listed here")
                        .help("\"The combination of RoomID and RatePlanID must be unique for a RoomStay\" (HS2 Availability): list the rate once");
                }
            }
        }
    }
}
