//! ## What it does
//! Reports an OTA code outside the list Concur supports for it, naming the list and the
//! closest codes it holds. HS4: a hotel amenity (`amenities[].amenityCode`, HAC), a room
//! amenity (`roomAmenities[].amenityCode`, RMA), a meal plan (`mealsIncluded[]`, MPT), a bed
//! type (`bedding[].bedTypeCode`, BED), a descriptive info (`descriptiveInfos[].otaCode`, ADT),
//! a picture category (`mediaItems[].category`, PIC) and a rate category
//! (`rateCategory.otaCode`, RPT), in every answer that holds them. HS2: `HotelAmenity/@Code`
//! (HAC), `ImageItem/@Category` (PIC) and each code of a `@BedTypeCode` list (BED); HS2 has no
//! list of its own, so the v4 lists apply. Concur's HS2 `RatePlanType` is free text in its own
//! samples ("Refundable") and is not checked. The lists are data (`[ota_codes.*]`,
//! `rules/ota-codes.toml`); a rules file adds codes to a list with its own
//! `[ota_codes.<list>.codes]` lines.
//!
//! ## Why it matters
//! "Below is the list of supported OTA codes for different types." (Hotel v4 Supported OTA
//! Codes). A code outside it has no text in Concur: the amenity, meal plan or bed the traveller
//! would choose by is not shown. Concur's HS4 test kit checks the same lists ("Invalid
//! amenityCode value - ", "Invalid Room Amenity code ", "Invalid meal code ", "Invalid
//! bedTypeCode ", "Invalid OTA ADT code ", "Invalid PIC code ", "Invalid rateCategory value: ").
//! Where the kit's lists and Concur's page differ, otalint follows the page: ADT 2 and 3 and
//! RPT 101 (FedRoom) are supported. The page lists no PIC codes; otalint uses the OTA Picture
//! Category list (1–23) the OpenAPI names, as the kit does. The kit prints an unknown rate
//! category at error level; Concur documents no rejection, so this rule warns.
//!
//! ## Example
//! ```json
//! {"hotelProperties": [{"propertyCode": "HTL5555", "chainCode": "ZZ", "superChainCode": "ZZ", "hotelName": "Pioneer Square Inn", "availabilityStatus": "AVAILABLE_FOR_SALE", "address": {"addressLines": ["100 Yesler Way"], "city": "Seattle", "countryCode": "US"}, "contactInfo": {"emails": ["stay@pioneerinn.example"], "phoneNumbers": ["+1 206 555 0111"]}, "amenities": [{"amenityCode": 255}], "leadImageURI": "https://images.pioneerinn.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 149.50, "currencyCode": "USD"}}}]}
//! ```
//!
//! ## Fix
//! ```json
//! {"hotelProperties": [{"propertyCode": "HTL5555", "chainCode": "ZZ", "superChainCode": "ZZ", "hotelName": "Pioneer Square Inn", "availabilityStatus": "AVAILABLE_FOR_SALE", "address": {"addressLines": ["100 Yesler Way"], "city": "Seattle", "countryCode": "US"}, "contactInfo": {"emails": ["stay@pioneerinn.example"], "phoneNumbers": ["+1 206 555 0111"]}, "amenities": [{"amenityCode": 252}], "leadImageURI": "https://images.pioneerinn.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 149.50, "currencyCode": "USD"}}}]}
//! ```

use std::collections::BTreeMap;

use serde_json::Value;

use super::prelude::*;
use super::support::json_pointer;
use crate::profile::CodeList;

pub static RULE: Rule = Rule {
    name: "unknown-ota-code",
    group: Group::Codes,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "an amenity, meal plan, bed type, descriptive info, picture or rate category code outside Concur's supported list",
    data: &["ota_codes.*.name", "ota_codes.*.source", "ota_codes.*.codes"],
    check,
};

/// A code found in the body: where, which list, the code.
struct Found {
    span: std::ops::Range<usize>,
    list: &'static str,
    code: i64,
}

fn check(cx: &Context, out: &mut Findings) {
    let lists = &cx.facts.ota_codes;
    if lists.is_empty() {
        return;
    }
    // Only codes outside their list are kept, so a clean body never pays for a span.
    let unknown = |list: &str, code: i64| lists.get(list).is_some_and(|l| !l.codes.contains_key(&code));
    let found = match cx.profile {
        Profile::Hs4 => hs4(cx, &unknown),
        _ => hs2(cx, &unknown),
    };
    for f in found {
        if let Some(list) = lists.get(f.list) {
            report(out, f, list);
        }
    }
}

/// Whether a code of a list is outside it.
type Unknown<'u> = &'u dyn Fn(&str, i64) -> bool;

/// The list a member holds a code of, by the member and the member it sits under.
fn list_of(parent: &str, member: &str) -> Option<&'static str> {
    Some(match (parent, member) {
        ("amenities", "amenityCode") => "hac",
        ("roomAmenities", "amenityCode") => "rma",
        (_, "bedTypeCode") => "bed",
        ("descriptiveInfos", "otaCode") => "adt",
        ("mediaItems", "category") => "pic",
        ("rateCategory", "otaCode") => "rpt",
        _ => return None,
    })
}

fn hs4(cx: &Context, unknown: Unknown) -> Vec<Found> {
    let (Some(body), Some(value)) = (cx.json, cx.json.and_then(|j| j.value.as_ref())) else {
        return Vec::new();
    };
    let mut codes = Vec::new();
    walk(value, "", &mut String::new(), unknown, &mut codes);
    codes
        .into_iter()
        .map(|(pointer, list, code)| Found {
            span: body.span(cx.text, &pointer).unwrap_or(0..0),
            list,
            code,
        })
        .collect()
}

/// Collects `(pointer, list, code)` of every unknown code under `value`, which sits under the
/// member `parent` (an array's items sit under the array's member).
fn walk(value: &Value, parent: &str, pointer: &mut String, unknown: Unknown, codes: &mut Vec<(String, &'static str, i64)>) {
    let len = pointer.len();
    match value {
        Value::Object(members) => {
            for (member, child) in members {
                json_pointer::push_member(pointer, member);
                match (list_of(parent, member), child.as_i64()) {
                    (Some(list), Some(code)) => {
                        if unknown(list, code) {
                            codes.push((pointer.clone(), list, code));
                        }
                    }
                    _ => walk(child, member, pointer, unknown, codes),
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                json_pointer::push_index(pointer, i);
                match (parent, item.as_i64()) {
                    ("mealsIncluded", Some(code)) => {
                        if unknown("mpt", code) {
                            codes.push((pointer.clone(), "mpt", code));
                        }
                    }
                    _ => walk(item, parent, pointer, unknown, codes),
                }
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}


fn hs2(cx: &Context, unknown: Unknown) -> Vec<Found> {
    let Some(response) = cx.response() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for node in response.descendants().filter(|n| n.is_element()) {
        let (attribute, list) = match local(node) {
            "HotelAmenity" => ("Code", "hac"),
            "ImageItem" => ("Category", "pic"),
            _ if node.has_attribute("BedTypeCode") => ("BedTypeCode", "bed"),
            _ => continue,
        };
        let Some(value) = node.attribute(attribute) else {
            continue;
        };
        let span = cx.attr_span(node, attribute);
        // A list attribute (`BedTypeCode="3 5"`): each code at its own place in the value.
        let mut offset = 0;
        for token in value.split(' ') {
            let at = span.start + offset;
            offset += token.len() + 1;
            // OTA_CodeType: `173` or `173.HAC`; what is no number is the schema's to report.
            let Ok(code) = token.split('.').next().unwrap_or("").parse::<i64>() else {
                continue;
            };
            if !unknown(list, code) {
                continue;
            }
            let exact = span.end - span.start == value.len();
            let span = if exact { at..at + token.len() } else { span.clone() };
            found.push(Found { span, list, code });
        }
    }
    found
}

fn report(out: &mut Findings, found: Found, list: &CodeList) {
    let closest = closest(&list.codes, found.code);
    // A list a user's rules file made without naming it goes by its key.
    let name = if list.name.is_empty() { found.list } else { &list.name };
    let source = if list.source.is_empty() { "a rules file" } else { &list.source };
    out.report(
        found.span,
        format!("code {} is not in Concur's {name} list; closest: {closest}", found.code),
    )
    .label("not a supported code")
    .help(format!(
        "use a code of the {name} list ({source}); add codes Concur has agreed to with `[ota_codes.{}.codes]` in a rules file",
        found.list
    ));
}

/// The codes of the list nearest to `code`: the one below and the one above.
fn closest(codes: &BTreeMap<i64, String>, code: i64) -> String {
    let below = codes.range(..code).next_back();
    let above = codes.range(code..).next();
    let named: Vec<String> = below
        .into_iter()
        .chain(above)
        .map(|(c, name)| format!("{c} ({name})"))
        .collect();
    if named.is_empty() {
        "none".to_string()
    } else {
        named.join(", ")
    }
}
