//! Where prices stand in an answer, found once per rule without walking more than needed:
//! the HS4 rate objects (`hotelRates[].rates[].roomRate` of rates, `roomRates[]` of rate
//! details, `roomRate` of a reservation or read) with their JSON pointers, and the HS2
//! `RoomRate` and `Total` elements with the stay around them.

use std::ops::Range;

use roxmltree::Node;
use serde_json::{Map, Value};

use crate::document::{child, local};
use crate::rule::Context;

/// An HS4 rate object and its pointer.
pub(crate) struct Hs4Rate<'v> {
    pub pointer: String,
    pub rate: &'v Map<String, Value>,
}

/// The HS4 body's value, when it is an object and no error body.
pub(crate) fn hs4_body<'a>(cx: &Context<'a, '_>) -> Option<&'a Value> {
    let value = cx.json?.value.as_ref()?;
    (value.is_object() && value.get("otaCode").is_none()).then_some(value)
}

/// Every rate object of an HS4 answer (none for a search, details or error answer).
pub(crate) fn hs4_rates(value: &Value) -> Vec<Hs4Rate<'_>> {
    fn objects(v: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
    }
    let mut out = Vec::new();
    for (i, hotel) in objects(value.get("hotelRates")) {
        for (j, rate) in objects(hotel.get("rates")) {
            if let Some(room) = rate.get("roomRate").and_then(Value::as_object) {
                out.push(Hs4Rate {
                    pointer: format!("/hotelRates/{i}/rates/{j}/roomRate"),
                    rate: room,
                });
            }
        }
    }
    for (i, rate) in objects(value.get("roomRates")) {
        if let Some(rate) = rate.as_object() {
            out.push(Hs4Rate {
                pointer: format!("/roomRates/{i}"),
                rate,
            });
        }
    }
    if let Some(rate) = value.get("roomRate").and_then(Value::as_object) {
        out.push(Hs4Rate {
            pointer: "/roomRate".to_string(),
            rate,
        });
    }
    out
}

/// The span of the value at `pointer` in the HS4 body (the body's start when it is unknown).
pub(crate) fn json_span(cx: &Context, pointer: &str) -> Range<usize> {
    cx.json
        .and_then(|j| j.span(cx.text, pointer))
        .unwrap_or(0..0)
}

/// A string member of an object.
pub(crate) fn text<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    object.get(key).and_then(Value::as_str)
}

/// The HS2 response's elements named `name` (`RoomRate`, `Total` or `Deadline`), when it is a
/// successful answer that prices. The answer is walked once for all the price rules.
pub(crate) fn hs2_elements<'a, 'i>(cx: &Context<'a, 'i>, name: &'static str) -> Vec<Node<'a, 'i>> {
    let (Some(shape), Some(response)) = (cx.shape, cx.response()) else {
        return Vec::new();
    };
    if !matches!(local(response), "OTA_HotelAvailRS" | "OTA_HotelResRS") {
        return Vec::new();
    }
    let ids = cx.shared.hs2_prices.get_or_init(|| {
        response
            .descendants()
            .filter(|n| n.is_element() && matches!(local(*n), "RoomRate" | "Total" | "Deadline"))
            .map(|n| n.id())
            .collect()
    });
    ids.iter()
        .filter_map(|id| shape.doc.get_node(*id))
        .filter(|n| local(*n) == name)
        .collect()
}

/// The stay around an HS2 element: its `RoomStay`'s `TimeSpan`, else the paired request's
/// `StayDateRange` or `TimeSpan`.
pub(crate) fn hs2_stay<'a>(cx: &Context<'a, '_>, node: Node<'a, '_>) -> Option<(&'a str, &'a str)> {
    let own = node
        .ancestors()
        .find(|n| n.is_element() && local(*n) == "RoomStay")
        .and_then(|stay| child(stay, "TimeSpan"));
    let asked = || {
        cx.paired_request?
            .descendants()
            .find(|n| n.is_element() && matches!(local(*n), "StayDateRange" | "TimeSpan"))
    };
    let span = own.or_else(asked)?;
    Some((span.attribute("Start")?, span.attribute("End")?))
}

/// The smallest span of an element's text (its name when it has none).
pub(crate) fn text_span(cx: &Context, node: Node) -> Range<usize> {
    node.first_child()
        .filter(|t| t.is_text() && !t.text().unwrap_or("").trim().is_empty())
        .map(|t| {
            let r = t.range();
            let raw = &cx.text[r.clone()];
            let start = r.start + (raw.len() - raw.trim_start().len());
            start..start + raw.trim().len()
        })
        .unwrap_or_else(|| cx.name_span(node))
}

/// The nights between two dates (`None` when either is no date).
pub(crate) fn nights(start: &str, end: &str) -> Option<i64> {
    let s: jiff::civil::Date = start.trim().get(..10)?.parse().ok()?;
    let e: jiff::civil::Date = end.trim().get(..10)?.parse().ok()?;
    Some(i64::from(s.until(e).ok()?.get_days()))
}
