//! ## What it does
//! Reports a hotel listed twice in one answer: under the same property code, or under another
//! code with the same name and address (compared without regard to case and spacing; the
//! address lines and city, as Concur's kit compares name and address lines). On HS4: search
//! `hotelProperties`, and the same `propertyCode` twice in rates `hotelRates` or details
//! `hotelDetailsList`. On HS2: search `Property` elements, and availability `RoomStay`s with the
//! same `BasicPropertyInfo/@HotelCode`. The second listing is reported, with the first as
//! related.
//!
//! ## Why it matters
//! Concur's HS4 kit warns "Duplicate hotels found for hotelIds: …" and fails its test "Search
//! response has N hotel properties M duplicate hotel properties". Concur's HS2 Availability
//! page: "A room stay represents one (1) hotel." The traveller sees the same hotel twice in the
//! list, and Concur files rates and bookings by property code: two entries for one code leave it
//! to chance which one is booked.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><Properties><Property ChainCode="ZZ" HotelCode="HTL4444" HotelName="Harbor View Hotel"><Position Latitude="47.60621" Longitude="-122.33207"/><Address><AddressLine>1200 Alaskan Way</AddressLine><CityName>Seattle</CityName></Address><HotelAmenity Code="173"/></Property><Property ChainCode="ZZ" HotelCode="HTL4445" HotelName="Harbor View Hotel"><Position Latitude="47.60621" Longitude="-122.33207"/><Address><AddressLine>1200 Alaskan Way</AddressLine><CityName>Seattle</CityName></Address><HotelAmenity Code="173"/></Property></Properties></OTA_HotelSearchRS></soap:Body></soap:Envelope>
//! ```
//!
//! ## Fix
//! List each hotel once, under one code:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><Properties><Property ChainCode="ZZ" HotelCode="HTL4444" HotelName="Harbor View Hotel"><Position Latitude="47.60621" Longitude="-122.33207"/><Address><AddressLine>1200 Alaskan Way</AddressLine><CityName>Seattle</CityName></Address><HotelAmenity Code="173"/></Property></Properties></OTA_HotelSearchRS></soap:Body></soap:Envelope>
//! ```

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use serde_json::Value;

use super::prelude::*;
use super::support::content::{self, hasher, items, loose_eq, loose_hash, text};

pub static RULE: Rule = Rule {
    name: "duplicate-hotel",
    group: Group::Content,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "one hotel is listed twice in one answer",
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
    let (list, code_path, search): (&str, &[&str], bool) = match op {
        "search" => ("hotelProperties", &["propertyCode"], true),
        "rates" => ("hotelRates", &["propertyCode"], false),
        "details" => ("hotelDetailsList", &["propertyRef", "propertyCode"], false),
        _ => return,
    };
    let hotels = items(value, list);
    let code = |i: usize| code_path.iter().try_fold(&hotels[i], |v, k| v.get(*k)).and_then(Value::as_str);
    let parts = |i: usize, f: &mut dyn FnMut(&str)| search && identity(&hotels[i], f);
    // Spans are looked up only for what is reported.
    let at_field = |i: usize, by_code: bool| match by_code {
        true => content::span(cx, &format!("/{list}/{i}/{}", code_path.join("/"))),
        false => content::span(cx, &format!("/{list}/{i}/hotelName")),
    };
    find(hotels.len(), &code, &parts, |second, first, by_code| {
        let at = |i| at_field(i, by_code);
        report(out, (code(second), at(second)), (code(first), at(first)), by_code);
    });
}

/// Feeds a search hotel's name and address texts to `f`; false when it has no name or no
/// address.
fn identity(h: &Value, f: &mut dyn FnMut(&str)) -> bool {
    let Some(name) = text(h, "hotelName").filter(|n| !n.trim().is_empty()) else {
        return false;
    };
    let address = h.get("address");
    let lines = address.map_or(&[][..], |a| items(a, "addressLines")).iter().filter_map(Value::as_str);
    let city = address.and_then(|a| text(a, "city"));
    if lines.clone().chain(city).all(|p| p.trim().is_empty()) {
        return false;
    }
    f(name);
    lines.chain(city).for_each(f);
    true
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx) else {
        return;
    };
    let (nodes, search): (Vec<roxmltree::Node>, bool) = match local(response) {
        "OTA_HotelSearchRS" => (content::listed(response, "Properties", "Property").collect(), true),
        "OTA_HotelAvailRS" => (content::room_stays(response).filter_map(|s| child(s, "BasicPropertyInfo")).collect(), false),
        _ => return,
    };
    let code = |i: usize| nodes[i].attribute("HotelCode");
    let parts = |i: usize, f: &mut dyn FnMut(&str)| search && xml_identity(nodes[i], f);
    find(nodes.len(), &code, &parts, |second, first, by_code| {
        let attr = if by_code { "HotelCode" } else { "HotelName" };
        let at = |i: usize| cx.attr_span(nodes[i], attr);
        report(out, (code(second), at(second)), (code(first), at(first)), by_code);
    });
}

/// Feeds a search `Property`'s name and address texts to `f`; false when it has no name or no
/// address.
fn xml_identity(p: roxmltree::Node, f: &mut dyn FnMut(&str)) -> bool {
    let Some(name) = p.attribute("HotelName").filter(|n| !n.trim().is_empty()) else {
        return false;
    };
    let texts = child(p, "Address")
        .into_iter()
        .flat_map(|a| a.children().filter(|n| n.is_element() && matches!(local(*n), "AddressLine" | "CityName")))
        .flat_map(|line| line.children().filter_map(|t| t.text()));
    if texts.clone().all(|t| t.trim().is_empty()) {
        return false;
    }
    f(name);
    texts.for_each(f);
    true
}

/// Feeds one hotel's name and address texts to a sink; false when it has none to compare.
type Parts<'p> = &'p dyn Fn(usize, &mut dyn FnMut(&str)) -> bool;

/// Calls `found(second, first, by_code)` for each of `n` hotels listed before under its code,
/// or under its name and address (`parts`, hashed as they come; compared in full only when the
/// hashes meet).
fn find<'t>(
    n: usize,
    code: &dyn Fn(usize) -> Option<&'t str>,
    parts: Parts,
    mut found: impl FnMut(usize, usize, bool),
) {
    if n < 2 {
        return;
    }
    let mut codes: HashMap<&str, usize> = HashMap::new();
    let mut names: HashMap<u64, usize> = HashMap::new();
    let collect = |i: usize| {
        let mut all = Vec::new();
        parts(i, &mut |p| all.push(p.to_string()));
        all
    };
    for i in 0..n {
        if let Some(c) = code(i).filter(|c| !c.trim().is_empty()) {
            match codes.entry(c) {
                Entry::Occupied(first) => {
                    found(i, *first.get(), true);
                    continue;
                }
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        let mut h = hasher();
        if !parts(i, &mut |p| loose_hash([p], &mut h)) {
            continue;
        }
        match names.entry(h) {
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
            // Compared in full: two different hotels whose hashes meet are not the same one.
            Entry::Occupied(first) => {
                let (a, b) = (collect(*first.get()), collect(i));
                if loose_eq(a.iter().map(String::as_str), b.iter().map(String::as_str)) {
                    found(i, *first.get(), false);
                }
            }
        }
    }
}

fn report(out: &mut Findings, second: (Option<&str>, Range<usize>), first: (Option<&str>, Range<usize>), by_code: bool) {
    let code = second.0.unwrap_or("without a code");
    if by_code {
        out.report(second.1, format!("hotel {code} is listed twice in this answer"))
            .label("listed again")
            .related(first.1, "first listed here")
            .help("list each hotel once: Concur files rates and bookings by property code");
    } else {
        let other = first.0.unwrap_or("without a code");
        out.report(second.1, format!("hotel {code} has the name and address of hotel {other}: one hotel listed twice"))
            .label("same hotel again")
            .related(first.1, "first listed here")
            .help("list each hotel once, under one property code: the traveller sees the same hotel twice");
    }
}
