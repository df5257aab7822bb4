//! ## What it does
//! Reports a search result farther from the searched point than the request's radius, by
//! great-circle distance in the request's unit (rounded to a tenth, as Concur's kit rounds):
//! an HS4 `hotelProperties[].position` beyond `locationSearch.radius`, or, for a hotel with a
//! `preferenceRank`, beyond `locationSearch.maxRadius`; an HS2 search `Property/Position` or
//! availability `BasicPropertyInfo/Position` beyond the request's `Radius/@Distance`, or, for a
//! preferred hotel (`TPA_Extensions/HotelPreference` other than `not_preferred`), beyond
//! `@DistanceMax`. Runs where the request is known (`NAME.rq.json`/`NAME.rq.xml`,
//! `--request`, a HAR entry's request, a probe recording). Units are data
//! (`pairing.radius_units`: kilometres per unit code).
//!
//! ## Why it matters
//! "Radius to restrict the search for hotels. 'maxRadius' allows extending search radius for
//! preferred hotel properties and can be more than radius defined by traveler" (HS4 OpenAPI,
//! `Radius`). Concur shows the results around the place the traveller chose; a hotel across
//! town is shown as if it were near. Concur's HS4 test kit: "Calculated distance = … Hotel with
//! property code … is outside radius … and max radius …" (warning). The kit measures both radii
//! in `maxRadius`'s unit; otalint measures each in its own.
//!
//! ## Example
//! A search 5 miles around Seattle answered with a hotel in Tacoma, 25 miles away:
//! ```xml-request
//! <OTA_HotelSearchRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Criteria><Criterion><Position Latitude="47.60621" Longitude="-122.33207"/><Radius Distance="5" DistanceMax="20" UnitOfMeasureCode="1"/></Criterion></Criteria></OTA_HotelSearchRQ>
//! ```
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><Properties><Property ChainCode="ZZ" HotelCode="HTL5555" HotelName="Pioneer Square Inn"><Position Latitude="47.25290" Longitude="-122.44430"/><Address><AddressLine>100 Yesler Way</AddressLine><CityName>Seattle</CityName><CountryName Code="US"/></Address></Property></Properties></OTA_HotelSearchRS></soap:Body></soap:Envelope>
//! ```
//!
//! ## Fix
//! Answer with the hotels inside the radius (preferred ones inside the maximum radius):
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en"><Success/><Properties><Property ChainCode="ZZ" HotelCode="HTL5555" HotelName="Pioneer Square Inn"><Position Latitude="47.60157" Longitude="-122.33417"/><Address><AddressLine>100 Yesler Way</AddressLine><CityName>Seattle</CityName><CountryName Code="US"/></Address></Property></Properties></OTA_HotelSearchRS></soap:Body></soap:Envelope>
//! ```

use serde_json::Value;

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "outside-radius",
    group: Group::Pairing,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "a search result lies farther from the searched point than the request's radius",
    data: &["pairing.radius_units", "pairing.position", "pairing.radius"],
    check,
};

/// Kilometres per radian of the earth (Concur's kit uses 6371 km).
const EARTH_KM: f64 = 6371.0;

/// The request's point and radii.
struct Search {
    lat: f64,
    lon: f64,
    radius: Radius,
    max: Option<Radius>,
}

/// A radius: its value in its unit, and kilometres per unit.
#[derive(Clone)]
struct Radius {
    value: f64,
    unit: String,
    km: f64,
}

impl Radius {
    /// The distance `km` in this radius's unit, rounded to a tenth.
    fn measure(&self, km: f64) -> f64 {
        (km / self.km * 10.0).round() / 10.0
    }

    fn unit_name(&self) -> &str {
        match self.unit.as_str() {
            "MILE" | "1" => "miles",
            "KM" | "2" => "km",
            other => other,
        }
    }
}

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

fn hs4_radius(cx: &Context, value: Option<&Value>) -> Option<Radius> {
    let value = value?;
    let unit = value.get("unit")?.as_str()?;
    Some(Radius {
        value: value.get("value")?.as_f64()?,
        unit: unit.to_string(),
        km: *cx.facts.pairing.radius_units.get(unit)?,
    })
}

fn hs4(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(body)) = (cx.paired_json.and_then(|j| j.value.as_ref()), cx.json) else {
        return;
    };
    let Some(search) = request.get("locationSearch") else {
        return;
    };
    let point = search.pointer("/location/geoLocation");
    let coordinate = |key: &str| point.and_then(|p| p.get(key)).and_then(Value::as_f64);
    let (Some(lat), Some(lon), Some(radius)) = (coordinate("latitude"), coordinate("longitude"), hs4_radius(cx, search.get("radius"))) else {
        return;
    };
    let search = Search {
        lat,
        lon,
        radius,
        max: hs4_radius(cx, search.get("maxRadius")),
    };
    let Some(hotels) = body.value.as_ref().and_then(|v| v.get("hotelProperties")).and_then(Value::as_array) else {
        return;
    };
    for (i, hotel) in hotels.iter().enumerate() {
        let position = |key: &str| hotel.get("position").and_then(|p| p.get(key)).and_then(Value::as_f64);
        let (Some(h_lat), Some(h_lon)) = (position("latitude"), position("longitude")) else {
            continue;
        };
        let preferred = hotel.get("preferenceRank").is_some_and(|r| !r.is_null());
        let code = hotel.get("propertyCode").and_then(Value::as_str).unwrap_or("?");
        let span = body.span(cx.text, &format!("/hotelProperties/{i}/position")).unwrap_or(0..0);
        judge(out, &search, (h_lat, h_lon), preferred, code, span);
    }
}

fn hs2_radius(cx: &Context, node: roxmltree::Node, attribute: &str) -> Option<Radius> {
    let unit = node.attribute("UnitOfMeasureCode")?;
    Some(Radius {
        value: node.attribute(attribute)?.trim().parse().ok()?,
        unit: unit.to_string(),
        km: *cx.facts.pairing.radius_units.get(unit)?,
    })
}

fn hs2(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    if !matches!(local(response), "OTA_HotelSearchRS" | "OTA_HotelAvailRS") {
        return;
    }
    let pairing = &cx.facts.pairing;
    let (Some(position_name), Some(radius_name)) = (pairing.position.as_deref(), pairing.radius.as_deref()) else {
        return;
    };
    let find = |name: &str| request.descendants().find(|n| n.is_element() && local(*n) == name);
    let (Some(point), Some(radius_node)) = (find(position_name), find(radius_name)) else {
        return;
    };
    let (Some(lat), Some(lon), Some(radius)) = (degrees(point, "Latitude"), degrees(point, "Longitude"), hs2_radius(cx, radius_node, "Distance")) else {
        return;
    };
    let search = Search {
        lat,
        lon,
        radius,
        max: hs2_radius(cx, radius_node, "DistanceMax"),
    };
    for node in response.descendants().filter(|n| n.is_element() && matches!(local(*n), "Property" | "BasicPropertyInfo")) {
        let Some(position) = child(node, position_name) else {
            continue;
        };
        let (Some(h_lat), Some(h_lon)) = (degrees(position, "Latitude"), degrees(position, "Longitude")) else {
            continue;
        };
        let preferred = child(node, "TPA_Extensions")
            .and_then(|t| child(t, "HotelPreference"))
            .and_then(|p| p.text())
            .is_some_and(|p| !p.trim().is_empty() && p.trim() != "not_preferred");
        let code = node.attribute("HotelCode").unwrap_or("?");
        judge(out, &search, (h_lat, h_lon), preferred, code, cx.name_span(position));
    }
}

/// An attribute read as degrees.
fn degrees(node: roxmltree::Node, attribute: &str) -> Option<f64> {
    node.attribute(attribute)?.trim().parse().ok()
}

/// Reports a hotel at `at` that lies outside the search's radius (and, when preferred,
/// outside its maximum radius).
fn judge(out: &mut Findings, search: &Search, at: (f64, f64), preferred: bool, code: &str, span: std::ops::Range<usize>) {
    if !(-90.0..=90.0).contains(&at.0) || !(-180.0..=180.0).contains(&at.1) {
        return;
    }
    let km = great_circle_km((search.lat, search.lon), at);
    let r = &search.radius;
    if r.measure(km) <= r.value {
        return;
    }
    let max = search.max.as_ref().filter(|_| preferred);
    if let Some(m) = max
        && m.measure(km) <= m.value
    {
        return;
    }
    let limit = match max {
        Some(m) => format!("the request's maxRadius for preferred hotels is {} {}", m.value, m.unit_name()),
        None => format!("the request's radius is {} {}", r.value, r.unit_name()),
    };
    out.report(span, format!("hotel {code} is {} {} from the searched point; {limit}", r.measure(km), r.unit_name()))
        .label("outside the radius")
        .help("answer with the hotels inside the requested radius (preferred hotels inside the maximum radius): Concur shows each result as near the place the traveller chose");
}

/// The great-circle (haversine) distance between two points in degrees, in kilometres.
fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.1 - a.1).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::great_circle_km;

    #[test]
    fn great_circle_distances_match_known_ones() {
        // Paris – London: 343.5 km by haversine on a 6371 km sphere.
        let d = great_circle_km((48.8566, 2.3522), (51.5074, -0.1278));
        assert!((d - 343.5).abs() < 0.5, "{d}");
        assert!(great_circle_km((10.0, 20.0), (10.0, 20.0)).abs() < 1e-9);
        // Half the equator.
        let half = great_circle_km((0.0, 0.0), (0.0, 180.0));
        assert!((half - std::f64::consts::PI * 6371.0).abs() < 1e-6, "{half}");
    }
}
