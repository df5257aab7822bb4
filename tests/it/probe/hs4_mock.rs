//! The mock supplier's Hotel Service v4 half: requests routed by path and classified into the
//! probe step they are; conforming JSON answers built from each request (its hotels, dates,
//! rate plan and confirmation codes), or the planned misbehaviour.

use std::io::Write;
use std::sync::Mutex;

use serde_json::{Value, json};

use super::mock::{self, Behaviour, MockState, header};

const KNOWN: &[&str] = &["HTL4444", "HTL5555"];

fn path(head: &str) -> String {
    head.lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("")
        .to_string()
}

fn codes_of(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|h| h.get("propertyCode")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn supplier_code(v: &Value) -> String {
    v.get("confirmationCodes")
        .and_then(Value::as_array)
        .and_then(|c| c.iter().find(|c| c["codeType"] == "SUPPLIER_CONFIRMATION"))
        .and_then(|c| c["code"].as_str())
        .unwrap_or("")
        .to_string()
}

/// Which probe step a request is.
pub fn classify(head: &str, body: &str, state: &mut MockState) -> String {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            mock::USER,
            mock::PASSWORD
        ))
    );
    if header(head, "authorization") != Some(expected.as_str()) {
        return "bad-credentials".into();
    }
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let known = |codes: &[String]| codes.iter().filter(|c| KNOWN.contains(&c.as_str())).count();
    match path(head)
        .rsplit_once("/hotels/")
        .map(|(_, p)| p.to_string())
        .unwrap_or_default()
        .as_str()
    {
        "search"
            if v.pointer("/locationSearch/location/geoLocation/latitude")
                .and_then(Value::as_f64)
                == Some(0.0) =>
        {
            "no-hotels".into()
        }
        "search" => "search".into(),
        "details" => "details".into(),
        "rates" if v["checkin"].as_str().is_some_and(|c| c.ends_with("-33")) => {
            "invalid-date".into()
        }
        "rates" => {
            let codes = codes_of(&v, "hotelPropertyRefs");
            match (known(&codes), codes.len()) {
                (0, _) => "unknown-hotel".into(),
                (k, n) if k < n => "mixed-hotels".into(),
                // The tests shop two hotels: one alone is the single-hotel rates.
                (1, 1) => "rates-single".into(),
                _ => "rates".into(),
            }
        }
        "ratedetails"
            if v["ratePlanIds"][0]
                .as_str()
                .is_some_and(|r| r.starts_with("RP-")) =>
        {
            "ratedetails".into()
        }
        "ratedetails" => "unknown-rate".into(),
        "reservation" => {
            state.next += 1;
            state.booked.insert(format!("SUP-{}", state.next));
            "reservation".into()
        }
        "reservation/read" if state.cancelled.contains(&supplier_code(&v)) => {
            "read-cancelled".into()
        }
        "reservation/read" if state.booked.contains(&supplier_code(&v)) => "read".into(),
        "reservation/read" => "unknown-booking".into(),
        "reservation/cancel" if state.cancelled.contains(&supplier_code(&v)) => {
            "repeat-cancel".into()
        }
        "reservation/cancel" => {
            state.cancelled.insert(supplier_code(&v));
            "cancel".into()
        }
        other => format!("unknown-path:{other}"),
    }
}

fn rate(code: &str) -> Value {
    json!({"ratePlanId": format!("RP-{code}"), "rateChangesOverStay": false, "refundable": true, "prepayRequired": false,
           "rateDescription": ["Best Available Rate"],
           "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0, "totalAfterTax": 429.0},
           "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}})
}

fn reservation(v: &Value, id: &str, status: &str) -> Value {
    let mut r = json!({
        "basicHotelProperty": {"propertyCode": "HTL4444", "hotelName": "Harbor View Hotel", "cityCode": "SEA",
                               "contactInfo": {"emails": ["frontdesk@harborview.example"], "phoneNumbers": ["+1 206 555 0100"]}},
        "confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": id}, {"codeType": "RESERVATION", "code": format!("R-{id}")}],
        "guests": [{"firstname": "Janelle", "lastname": "Doherty"}],
        "roomDescription": ["King bed"],
        "status": status,
    });
    if status != "CANCELLED" {
        r["roomRate"] = rate("HTL4444");
    }
    for k in ["checkin", "checkout"] {
        if let Some(d) = v.get(k) {
            r[k] = d.clone();
        }
    }
    r
}

/// `(status, body)` of the conforming answer.
fn conforming(step: &str, body: &str, state: &Mutex<MockState>) -> (u16, Value) {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let stay = |mut r: Value| {
        r["checkin"] = v["checkin"].clone();
        r["checkout"] = v["checkout"].clone();
        r
    };
    let hotel = |code: &str| {
        json!({"propertyCode": code, "chainCode": "ZZ", "superChainCode": "ZZ", "hotelName": format!("Hotel {code}"), "availabilityStatus": "AVAILABLE_FOR_SALE",
        "address": {"addressLines": ["1 Main St"], "city": "Seattle", "countryCode": "US"},
        "contactInfo": {"emails": ["desk@hotel.example"], "phoneNumbers": ["+1 206 555 0100"]}, "amenities": [{"amenityCode": 173}],
        "leadImageURI": "https://images.hotel.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 189.0, "currencyCode": "USD"}}})
    };
    let error = |status: u16, code: i64, message: &str| {
        (status, json!({"otaCode": code, "message": message}))
    };
    match step {
        "bad-credentials" => (401, Value::Null),
        "search" => (
            200,
            json!({"hotelProperties": [hotel("HTL4444"), hotel("HTL5555")], "searchSessionToken": "0f8c2a6e-3b1d-4e7a-9c5f-8d2b6a4e1c7f"}),
        ),
        "no-hotels" => error(400, 424, "No hotels found which match this input"),
        "details" => (
            200,
            json!({"hotelDetailsList": codes_of(&v, "hotelCodes").iter().map(|c| json!({"propertyRef": {"propertyCode": c}, "hotelDescriptiveInfo": {"propertyDescription": "A hotel", "descriptiveInfos": [{"otaCode": 8, "contents": ["Check-in from 15:00, check-out until 12:00."]}], "mediaItems": [{"type": "IMAGE", "category": 1, "url": "https://images.hotel.example/exterior.jpg"}]}})).collect::<Vec<_>>()}),
        ),
        "rates" | "mixed-hotels" | "rates-single" => {
            let known: Vec<String> = codes_of(&v, "hotelPropertyRefs")
                .into_iter()
                .filter(|c| KNOWN.contains(&c.as_str()))
                .collect();
            (
                200,
                stay(
                    json!({"hotelRates": known.iter().map(|c| json!({"propertyCode": c, "rates": [{"roomRate": rate(c), "roomDescription": ["King bed"], "mealsIncluded": [14], "bedding": [{"bedTypeCode": 3, "quantity": 1}], "roomAmenities": [{"amenityCode": 2}], "source": {"name": "Mock Hotels"}}]})).collect::<Vec<_>>()}),
                ),
            )
        }
        "unknown-hotel" => error(400, 400, "Invalid property code"),
        "invalid-date" => error(400, 381, "Invalid check in date"),
        "ratedetails" => (
            200,
            stay(
                json!({"roomRates": [rate(v.pointer("/hotelPropertyRef/propertyCode").and_then(Value::as_str).unwrap_or("HTL4444"))]}),
            ),
        ),
        "unknown-rate" => error(400, 438, "Requested rate not available"),
        "reservation" => {
            let id = format!("SUP-{}", state.lock().expect("lock").next);
            (200, reservation(&v, &id, "RESERVED"))
        }
        "read" => (200, reservation(&v, &supplier_code(&v), "RESERVED")),
        "read-cancelled" => (200, reservation(&v, &supplier_code(&v), "CANCELLED")),
        "unknown-booking" => (404, Value::Null),
        "cancel" | "repeat-cancel" => {
            let id = supplier_code(&v);
            (
                200,
                json!({"confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": id}, {"codeType": "CANCELLATION", "code": format!("CXL-{id}")}], "cancellationRemarks": "Cancelled with no penalty"}),
            )
        }
        _ => (404, Value::Null),
    }
}

/// Writes the answer; whether the connection stays open.
pub fn respond<W: Write>(
    w: &mut W,
    step: &str,
    _head: &str,
    body: &str,
    b: Option<&Behaviour>,
    state: &Mutex<MockState>,
) -> bool {
    let (status, json) = match b {
        Some(Behaviour::Close) => return false,
        Some(Behaviour::Status(s)) => (*s, Value::Null),
        Some(Behaviour::StatusBody(s)) => (*s, conforming(step, body, state).1),
        Some(Behaviour::Body(text)) => {
            let bytes = text.as_bytes();
            let _ = w.write_all(format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", bytes.len()).as_bytes());
            let _ = w.write_all(bytes);
            return true;
        }
        Some(Behaviour::AcceptAnyCredentials) => conforming("search", body, state),
        Some(Behaviour::Slow(d)) => {
            std::thread::sleep(*d);
            conforming(step, body, state)
        }
        _ => conforming(step, body, state),
    };
    let mut json = json;
    super::image_mock::link_hs4(step, &mut json, state);
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Status",
    };
    let payload = if json.is_null() {
        String::new()
    } else {
        serde_json::to_string(&json).unwrap_or_default()
    };
    let content_type = if payload.is_empty() {
        ""
    } else {
        "Content-Type: application/json\r\n"
    };
    let _ = w.write_all(
        format!(
            "HTTP/1.1 {status} {reason}\r\n{content_type}Content-Length: {}\r\n\r\n{payload}",
            payload.len()
        )
        .as_bytes(),
    );
    let _ = w.flush();
    true
}
