//! ## What it does
//! When a request is paired with the response, reports an error payload naming what the
//! request did not contain (only the error Concur uses, the first, is checked):
//!
//! - 322 and 400: a hotel code the request did not name (attributes listed in
//!   `pairing.hotel_code_attributes`, e.g. `HotelRef/@HotelCode`);
//! - 438: a RatePlanID the request did not name (`pairing.rate_plan_attributes`);
//! - 424: a latitude, longitude, radius or unit other than the request's search `Position`
//!   and `Radius` (`Distance`, `UnitOfMeasureCode`); numbers are compared as numbers.
//!
//! Silent when the request names no such values (a search by position has no hotel codes to
//! compare) and when the payload does not parse (`payload-format`). All mismatches of one
//! payload are one finding, each labelled.
//!
//! ## Why it matters
//! The payload tells Concur which of the things it asked for failed: "Hotel Codes should be
//! provided" for 322, "Search parameters - geo-code and radius" for 424 (Hotel v2 -
//! Error Handling). A code from another request (a cached error, a copied example such as
//! `50.111,40.222,5,2`) makes Concur act on the wrong hotels or area.
//!
//! ## Example
//! The request searched around Seattle:
//! ```xml-request
//! <OTA_HotelSearchRQ xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!   <Criteria>
//!     <Criterion>
//!       <Position Latitude="47.60621" Longitude="-122.33207"/>
//!       <Radius Distance="5" UnitOfMeasureCode="2"/>
//!     </Criterion>
//!   </Criteria>
//! </OTA_HotelSearchRQ>
//! ```
//! The response repeats the documentation's example instead:
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No hotels found">50.111,40.222,5,2</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Echo the request's own position and radius.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No hotels found">47.60621,-122.33207,5,2</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use std::collections::BTreeSet;
use std::ops::Range;

use roxmltree::Node;

use super::support::payload_site::{State, site};
use super::prelude::*;
use crate::payload::{PayloadFormat, items, parse_decimal};

pub static RULE: Rule = Rule {
    name: "payload-not-in-request",
    group: Group::Pairing,
    level: Level::Warning,
    profiles: HS2,
    summary: "a hotel code, RatePlanID or search area in a payload that the request did not contain",
    data: &["codes.*.payload", "pairing", "payload.units"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(request) = cx.paired_request else {
        return;
    };
    let Some(site) = site(cx) else {
        return;
    };
    let State::Present { value, .. } = &site.state else {
        return;
    };
    if !site.format.fits(value, &cx.facts.payload.units) {
        return;
    }
    let pairing = &cx.facts.pairing;
    // (range in the payload, what is wrong)
    let mut misses: Vec<(Range<usize>, String)> = Vec::new();
    match site.format {
        PayloadFormat::HotelCodes | PayloadFormat::RatePlanIds => {
            let (attrs, what) = if site.format == PayloadFormat::HotelCodes {
                (&pairing.hotel_code_attributes, "hotel code")
            } else {
                (&pairing.rate_plan_attributes, "RatePlanID")
            };
            let named = attribute_values(request, attrs);
            if named.is_empty() {
                return;
            }
            for (range, item) in items(value) {
                if !named.contains(item) {
                    misses.push((range, format!("{what} `{item}`")));
                }
            }
        }
        PayloadFormat::GeoRadius => geo_misses(request, pairing, value, &mut misses),
        _ => return,
    }
    let Some(((first_range, first), rest)) = misses.split_first() else {
        return;
    };
    let span = |r: &Range<usize>| {
        site.state
            .token_span(cx.text, r.clone())
            .unwrap_or_else(|| cx.name_span(site.error))
    };
    let message = if rest.is_empty() {
        format!("code {} names {first}, which the request did not contain", site.code)
    } else {
        format!(
            "code {} names {} values the request did not contain, first {first}",
            site.code,
            misses.len()
        )
    };
    let d = out
        .report(span(first_range), message)
        .label("not in the request")
        .help(format!(
            "the payload of code {} repeats what the request asked for: {}",
            site.code,
            site.format.describe()
        ));
    for (range, what) in rest {
        d.related(span(range), format!("{what}: not in the request"));
    }
}

/// The latitude, longitude, radius and unit of a 424 payload that differ from the request's.
fn geo_misses(
    request: Node,
    pairing: &crate::profile::PairingFacts,
    value: &str,
    misses: &mut Vec<(Range<usize>, String)>,
) {
        let find = |name: &Option<String>| {
            name.as_deref()
                .and_then(|n| request.descendants().find(|d| d.is_element() && local(*d) == n))
        };
        let position = find(&pairing.position);
        let radius = find(&pairing.radius);
        let asked = [
            position.and_then(|p| p.attribute("Latitude")),
            position.and_then(|p| p.attribute("Longitude")),
            radius.and_then(|r| r.attribute("Distance")),
            radius.and_then(|r| r.attribute("UnitOfMeasureCode")),
        ];
        let names = ["latitude", "longitude", "radius", "unit"];
        for (i, (range, item)) in items(value).enumerate().take(4) {
            let Some(wanted) = asked[i] else { continue };
            let same = match (parse_decimal(item), parse_decimal(wanted.trim())) {
                (Some(a), Some(b)) if i < 3 => (a - b).abs() < 1e-9,
                _ => item == wanted.trim(),
            };
            if !same {
                misses.push((
                    range,
                    format!("{} `{item}` (the request's is `{}`)", names[i], wanted.trim()),
                ));
            }
        }
}

fn attribute_values<'a>(request: Node<'a, '_>, names: &[String]) -> BTreeSet<&'a str> {
    request
        .descendants()
        .filter(|n| n.is_element())
        .flat_map(|n| n.attributes())
        .filter(|a| names.iter().any(|name| name == a.name()))
        .map(|a| a.value())
        .collect()
}
