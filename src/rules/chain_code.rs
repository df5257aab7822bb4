//! ## What it does
//! Reports a chain or superchain code that is not two characters: an HS4 `chainCode` or
//! `superChainCode` anywhere in an answer (search hotels, `propertyRef`,
//! `basicHotelProperty`). One step lower (a warning by default) it reports a search hotel
//! without one: an HS4 `hotelProperties` entry with no `chainCode` (or no `superChainCode`)
//! and no `altPropertyCode`. An empty code counts as none. HS2 is not checked: Concur's XSD
//! allows a `ChainCode` of 1 to 8 characters (`StringLength1to8`), its own HS2 samples carry
//! `ChainCode="AX12"`, and neither its documents nor its kit ask HS2 for one.
//!
//! ## Why it matters
//! Concur's HS4 test kit: "Invalid Chain code: " and "Invalid Super Chain code: " (error,
//! "non 2-character chain/superchain codes"), "ChainCodes for hotelIds: … are not found" and
//! "SuperChainCodes for hotelIds: … are not found" (warnings, skipped for a hotel with an
//! `altPropertyCode`). Concur sends the chain code back when it asks for rates and details
//! (`hotelCodes: [{propertyCode, chainCode}]`, HS2 `HotelRef ChainCode`), and GDS chain codes
//! are two characters. The OpenAPI calls the code optional ("Chain code associated with hotel
//! if any"), so a missing one is a warning.
//!
//! ## Example
//! ```json
//! {"hotelProperties": [{"propertyCode": "HTL5555", "chainCode": "PSI", "superChainCode": "ZZ", "hotelName": "Pioneer Square Inn", "availabilityStatus": "AVAILABLE_FOR_SALE", "address": {"addressLines": ["100 Yesler Way"], "city": "Seattle", "countryCode": "US"}, "contactInfo": {"emails": ["stay@pioneerinn.example"], "phoneNumbers": ["+1 206 555 0111"]}, "amenities": [{"amenityCode": 173}], "leadImageURI": "https://images.pioneerinn.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 149.50, "currencyCode": "USD"}}}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"hotelProperties": [{"propertyCode": "HTL5555", "chainCode": "ZZ", "superChainCode": "ZZ", "hotelName": "Pioneer Square Inn", "availabilityStatus": "AVAILABLE_FOR_SALE", "address": {"addressLines": ["100 Yesler Way"], "city": "Seattle", "countryCode": "US"}, "contactInfo": {"emails": ["stay@pioneerinn.example"], "phoneNumbers": ["+1 206 555 0111"]}, "amenities": [{"amenityCode": 173}], "leadImageURI": "https://images.pioneerinn.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 149.50, "currencyCode": "USD"}}}]}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::json_pointer;
use super::support::hs4_json;

pub static RULE: Rule = Rule {
    name: "chain-code",
    group: Group::Codes,
    level: Level::Error,
    profiles: HS4,
    summary: "a chain or superchain code is not two characters, or a search hotel has none",
    data: &[],
    check,
};

const MEMBERS: [&str; 2] = ["chainCode", "superChainCode"];

fn check(cx: &Context, out: &mut Findings) {
    let (Some(body), Some(value)) = (cx.json, cx.json.and_then(|j| j.value.as_ref())) else {
        return;
    };
    let mut wrong = Vec::new();
    walk(value, &mut String::new(), &mut wrong);
    for (pointer, member, code) in wrong {
        let span = body.span(cx.text, &pointer).unwrap_or(0..0);
        out.report(span, format!("{member} `{code}` is not two characters"))
            .label("two characters")
            .help("send the hotel's two-character GDS chain code (`HH`), or leave the member out when the hotel belongs to no chain");
    }
    let Some(hotels) = value.get("hotelProperties").and_then(Value::as_array) else {
        return;
    };
    let level = out.level().lower();
    for (i, hotel) in hotels.iter().enumerate() {
        if hotel.get("altPropertyCode").is_some() || !hotel.is_object() {
            continue;
        }
        for member in MEMBERS {
            if has_code(hotel.get(member)) {
                continue;
            }
            let code = hotel.get("propertyCode").and_then(Value::as_str).unwrap_or("?");
            out.report(hs4_json::opening(cx, &format!("/hotelProperties/{i}")), format!("hotel {code} has no {member}"))
                .label(format!("no {member}"))
                .help("give the hotel's chain codes, or an altPropertyCode that identifies it in a catalog: Concur sends the chain code back when it asks for rates")
                .level(level);
        }
    }
}

/// A code that is there and not empty.
fn has_code(value: Option<&Value>) -> bool {
    value.and_then(Value::as_str).is_some_and(|s| !s.is_empty())
}

/// Collects `(pointer, member, code)` of every chain code that is not two characters.
fn walk(value: &Value, pointer: &mut String, wrong: &mut Vec<(String, &'static str, String)>) {
    let len = pointer.len();
    match value {
        Value::Object(members) => {
            for (member, child) in members {
                json_pointer::push_member(pointer, member);
                let chain = MEMBERS.iter().find(|m| **m == member);
                match (chain, child.as_str()) {
                    (Some(m), Some(code)) if !code.is_empty() && code.chars().count() != 2 => {
                        wrong.push((pointer.clone(), m, code.to_string()));
                    }
                    (Some(_), _) => {}
                    (None, _) => walk(child, pointer, wrong),
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                json_pointer::push_index(pointer, i);
                walk(item, pointer, wrong);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
