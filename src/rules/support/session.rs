//! What a checked message adds to its file's [`Session`]: the prices a shopping answer
//! quoted and the guests a booking request named, with the codes its answer gave — taken from
//! the parsed body and request the rules just read, never parsed again.

use roxmltree::Node;
use serde_json::Value;

use super::money::{json_amount, text_amount};
use super::price::{hs2_elements, hs2_stay, hs4_body, hs4_rates, text};
use crate::document::{child, element_text, local};
use crate::rule::Context;
use crate::session::{Booking, Guest, Learned, Quote};

/// The facts of one message, for the messages after it.
pub(crate) fn learn(cx: &Context) -> Learned {
    // Only the entries of a recording have later messages to tell.
    let answered = cx.http.and_then(|h| h.status).is_none_or(|s| s == 200);
    if cx.session.entry.is_none() || !answered {
        return Learned::default();
    }
    if cx.json.is_some() { hs4(cx) } else { hs2(cx) }
}

fn hs4(cx: &Context) -> Learned {
    let Some(value) = hs4_body(cx) else {
        return Learned::default();
    };
    let mut learned = Learned::default();
    let stay = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
    if value.get("hotelRates").is_some() || value.get("roomRates").is_some() {
        for r in hs4_rates(value) {
            let (Some(rate), Some(total)) = (text(r.rate, "ratePlanId"), r.rate.get("totalPrice"))
            else {
                continue;
            };
            learned.quotes.push(Quote {
                entry: None,
                rate: rate.to_string(),
                checkin: stay("checkin"),
                checkout: stay("checkout"),
                after_tax: json_amount(total.get("totalAfterTax")),
                before_tax: json_amount(total.get("totalBeforeTax")),
                currency: total
                    .get("currencyCode")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            });
        }
    }
    let request = cx.paired_json.and_then(|j| j.value.as_ref());
    if let Some(guests) = request
        .and_then(|r| r.get("guests"))
        .and_then(Value::as_array)
    {
        learned.booking = Some(Booking {
            entry: None,
            rate: request
                .and_then(|r| r.get("ratePlanId"))
                .and_then(Value::as_str)
                .map(str::to_string),
            guests: guests.iter().filter_map(hs4_guest).collect(),
            codes: hs4_codes(value),
        });
    }
    learned
}

/// An HS4 guest's name.
pub(crate) fn hs4_guest(guest: &Value) -> Option<Guest> {
    Some(Guest {
        given: guest.get("firstname")?.as_str()?.to_string(),
        surname: guest.get("lastname")?.as_str()?.to_string(),
    })
}

/// The codes of an HS4 `confirmationCodes` list.
pub(crate) fn hs4_codes(value: &Value) -> Vec<String> {
    value
        .get("confirmationCodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("code").and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn hs2(cx: &Context) -> Learned {
    let Some(response) = cx
        .response()
        .filter(|_| cx.shape.is_some_and(|s| s.success.is_some()))
    else {
        return Learned::default();
    };
    let mut learned = Learned::default();
    match local(response) {
        "OTA_HotelAvailRS" => {
            for room in hs2_elements(cx, "RoomRate") {
                let (Some(rate), Some(total)) = (room.attribute("RatePlanID"), hs2_total(room))
                else {
                    continue;
                };
                let stay = hs2_stay(cx, room);
                learned.quotes.push(Quote {
                    entry: None,
                    rate: rate.to_string(),
                    checkin: stay.map(|s| s.0.to_string()),
                    checkout: stay.map(|s| s.1.to_string()),
                    after_tax: total.attribute("AmountAfterTax").and_then(text_amount),
                    before_tax: total.attribute("AmountBeforeTax").and_then(text_amount),
                    currency: total.attribute("CurrencyCode").map(str::to_string),
                });
            }
        }
        "OTA_HotelResRS" => {
            let Some(request) = cx.paired_request.filter(|r| local(*r) == "OTA_HotelResRQ") else {
                return learned;
            };
            learned.booking = Some(Booking {
                entry: None,
                rate: hs2_rate_asked(request).map(str::to_string),
                guests: hs2_guests(request).into_iter().map(|(g, _)| g).collect(),
                codes: hs2_codes(response),
            });
        }
        _ => {}
    }
    learned
}

/// A `RoomRate`'s stay total: its own `Total`, else the `Total` of its one `Rate`.
pub(crate) fn hs2_total<'a, 'i>(room: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    child(room, "Total").or_else(|| {
        let rates: Vec<_> = child(room, "Rates")?
            .children()
            .filter(|n| n.is_element() && local(*n) == "Rate")
            .collect();
        match rates.as_slice() {
            [one] => child(*one, "Total"),
            _ => None,
        }
    })
}

/// The rate an HS2 booking request asks for.
pub(crate) fn hs2_rate_asked<'a>(request: Node<'a, '_>) -> Option<&'a str> {
    request
        .descendants()
        .find(|n| {
            n.is_element()
                && matches!(local(*n), "RatePlan" | "RoomRate")
                && n.has_attribute("RatePlanID")
        })
        .and_then(|n| n.attribute("RatePlanID"))
}

/// The guests an HS2 message names (`ResGuest … PersonName`), each with its `PersonName`.
pub(crate) fn hs2_guests<'a, 'i>(root: Node<'a, 'i>) -> Vec<(Guest, Node<'a, 'i>)> {
    root.descendants()
        .filter(|n| n.is_element() && local(*n) == "PersonName")
        .filter(|n| {
            n.ancestors()
                .any(|a| a.is_element() && local(a) == "ResGuest")
        })
        .filter_map(|n| {
            let given = child(n, "GivenName")
                .map(|g| element_text(g).0.trim().to_string())
                .unwrap_or_default();
            let surname = element_text(child(n, "Surname")?).0.trim().to_string();
            Some((Guest { given, surname }, n))
        })
        .collect()
}

/// The reservation's ids in an HS2 answer: `UniqueID/@ID` and `HotelReservationID/@ResID_Value`.
pub(crate) fn hs2_codes(response: Node) -> Vec<String> {
    response
        .descendants()
        .filter(|n| n.is_element())
        .filter_map(|n| match local(n) {
            "UniqueID" => n.attribute("ID"),
            "HotelReservationID" => n.attribute("ResID_Value"),
            _ => None,
        })
        .map(str::to_string)
        .collect()
}
