//! The HS4 requests Concur sends (docs/probe.md "The steps"), as JSON per the OpenAPI's criteria
//! definitions: one builder per operation, from the scenario and the values carried.

use serde_json::{Value, json};

use crate::probe::scenario::{Booking, Requestor, Search};

/// `requestorInfo` of every request.
pub fn requestor(r: &Requestor, traveler: &str) -> Value {
    let mut v = json!({"posRequestorId": r.id, "travelerUuid": traveler, "bookingForSelf": true});
    if let Some(login) = &r.login_id {
        v["loginId"] = json!(login);
    }
    v
}

/// A hotel: its property and chain codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hotel {
    pub code: String,
    pub chain: Option<String>,
}

pub fn hotel_ref(h: &Hotel) -> Value {
    match &h.chain {
        Some(c) => json!({"propertyCode": h.code, "chainCode": c}),
        None => json!({"propertyCode": h.code}),
    }
}

/// `DistanceUnit` of a scenario unit code (1 miles, 2 km).
fn unit(code: u8) -> &'static str {
    if code == 2 { "KM" } else { "MILE" }
}

pub fn search(
    s: &Search,
    r: &Value,
    stay: (&str, &str),
    position: (f64, f64),
    country: &str,
) -> Value {
    let radius =
        |v: f64| json!({"value": v.round().clamp(1.0, 100.0) as i64, "unit": unit(s.unit_code)});
    let mut body = json!({
        "checkin": stay.0,
        "checkout": stay.1,
        "includeDepositRequired": true,
        "requestorInfo": r,
        "numGuests": 1,
        "guestCountryCode": country,
        "locationSearch": {
            "location": {"geoLocation": {"latitude": position.0, "longitude": position.1}, "locationType": "PLACE", "name": s.name},
            "radius": radius(s.radius),
            "maxRadius": radius(s.radius_max.unwrap_or(s.radius)),
        },
        "maxSearchResults": 100,
    });
    if !s.custom_fields.is_empty() {
        body["customFields"] = json!(
            s.custom_fields
                .iter()
                .map(|(k, v)| json!({"name": k, "value": v}))
                .collect::<Vec<_>>()
        );
    }
    body
}

pub fn details(hotels: &[Hotel], r: &Value, token: Option<&str>) -> Value {
    with_token(
        json!({"hotelCodes": hotels.iter().map(hotel_ref).collect::<Vec<_>>(), "requestorInfo": r}),
        token,
    )
}

pub fn rates(
    hotels: &[Hotel],
    r: &Value,
    stay: (&str, &str),
    country: &str,
    token: Option<&str>,
) -> Value {
    with_token(
        json!({
            "checkin": stay.0, "checkout": stay.1,
            "hotelPropertyRefs": hotels.iter().map(hotel_ref).collect::<Vec<_>>(),
            "numGuests": 1, "guestCountryCode": country, "requestorInfo": r,
        }),
        token,
    )
}

pub fn rate_details(
    hotel: &Hotel,
    rate: &str,
    r: &Value,
    stay: (&str, &str),
    country: &str,
    token: Option<&str>,
) -> Value {
    with_token(
        json!({
            "checkin": stay.0, "checkout": stay.1, "hotelPropertyRef": hotel_ref(hotel),
            "ratePlanIds": [rate], "numGuests": 1, "guestCountryCode": country, "requestorInfo": r,
        }),
        token,
    )
}

/// What a booking sends beyond the scenario.
pub struct Reserve<'a> {
    pub hotel: &'a Hotel,
    pub rate: &'a str,
    pub stay: (&'a str, &'a str),
    pub booking_uuid: String,
    pub trip_uuid: String,
    pub card_number: &'a str,
    pub cvv: &'a str,
}

/// The card type HS4 names for a scenario's card code.
fn card_type(code: &str) -> &'static str {
    match code.to_ascii_uppercase().as_str() {
        "VI" | "VISA" => "VISA",
        "CA" | "MC" | "MASTERCARD" => "MC",
        "AX" | "AMEX" => "AMEX",
        "DC" | "DINERS" => "DINERS_CLUB",
        "DS" | "DISCOVER" => "DISCOVER",
        "JC" | "JCB" => "JCB",
        _ => "VISA",
    }
}

pub fn reservation(b: &Booking, x: &Reserve, r: &Value, token: Option<&str>) -> Value {
    let a = &b.address;
    let mut address = json!({"addressLines": [a.line], "city": a.city, "postalCode": a.postal_code, "countryCode": a.country});
    if let Some(st) = &a.state {
        address["state"] = json!(st);
    }
    let (year, month) = b.card.expire.split_once('-').unwrap_or(("2030", "01"));
    let g = &b.guest;
    let mut guest = json!({"firstname": g.given_name, "lastname": g.surname, "address": address,
        "contactInfo": {"emails": [g.email], "phoneNumbers": [g.phone]}});
    if let Some(company) = &g.company {
        guest["companyName"] = json!(company);
    }
    with_token(
        json!({
            "bookingUuid": x.booking_uuid, "tripUuid": x.trip_uuid,
            "checkin": x.stay.0, "checkout": x.stay.1, "customFields": [],
            "guests": [guest], "hotelPropertyRef": hotel_ref(x.hotel), "ratePlanId": x.rate,
            "requestorInfo": r,
            "guarantee": {
                "cardType": card_type(&b.card.code), "cardNumber": x.card_number,
                "cardExpiryMonth": month.parse::<u32>().unwrap_or(1), "cardExpiryYear": year.parse::<u32>().unwrap_or(2030),
                "cvv": x.cvv, "cardHolderName": b.card.holder, "cardHolderAddress": address,
            },
            "paymentModeIndicator": "PERSONAL_CARD",
        }),
        token,
    )
}

/// The body of read and cancel: the confirmation codes the booking gave.
pub fn by_codes(codes: &Value, r: &Value) -> Value {
    json!({"confirmationCodes": codes, "requestorInfo": r})
}

fn with_token(mut v: Value, token: Option<&str>) -> Value {
    if let Some(t) = token {
        v["searchSessionToken"] = json!(t);
    }
    v
}
