//! The payload formats of HS2 Type 13 error codes (`payload = "..."` in `rules/hs2.toml`).
//!
//! A format is code: which code uses which format is data. Each check returns the byte range
//! of the first bad token inside the payload, so the diagnostic can point at it.

use std::ops::Range;

use serde::Deserialize;

/// How a code's payload is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PayloadFormat {
    /// 320: comma-separated `Node:value` items, node non-empty.
    NodeValues,
    /// 322, 400: comma-separated hotel codes, 1-16 characters each (XSD `HotelCode`).
    HotelCodes,
    /// 424: `Latitude,Longitude,Radius,UoM`.
    GeoRadius,
    /// 438: comma-separated RatePlanIDs, 1-64 characters each (XSD `RatePlanID`).
    RatePlanIds,
    /// 748: one requestor ID, 1-32 characters (XSD `UniqueID/@ID`).
    RequestorId,
    /// 385: one reservation ID, 1-32 characters (XSD `UniqueID/@ID`).
    ReservationId,
}

/// What is wrong with a payload, and where inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub range: Range<usize>,
    pub message: String,
}

impl PayloadFormat {
    /// A short description, as help text.
    pub fn describe(self) -> &'static str {
        match self {
            PayloadFormat::NodeValues => {
                "comma-separated `Node:value` items naming the invalid node or attribute and the value sent"
            }
            PayloadFormat::HotelCodes => {
                "comma-separated hotel codes of 1-16 characters, without spaces"
            }
            PayloadFormat::GeoRadius => {
                "`Latitude,Longitude,Radius,UnitOfMeasureCode` from the request's search"
            }
            PayloadFormat::RatePlanIds => "comma-separated RatePlanIDs, without spaces",
            PayloadFormat::RequestorId => "the requestor (corporate) ID, one value",
            PayloadFormat::ReservationId => "the reservation ID, one value",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            PayloadFormat::NodeValues => "StayDateRange:2019-11-33",
            PayloadFormat::HotelCodes => "HTL4444,HTL5555",
            PayloadFormat::GeoRadius => "50.111,40.222,5,2",
            PayloadFormat::RatePlanIds => "111,222",
            PayloadFormat::RequestorId => "ACME-001",
            PayloadFormat::ReservationId => "RES12345",
        }
    }

    /// Checks a payload; `units` are the unit of measure codes a 424 payload may use.
    pub fn check(self, payload: &str, units: &[String]) -> Result<(), FormatError> {
        if payload.is_empty() {
            return Err(FormatError {
                range: 0..0,
                message: "the payload is empty".to_string(),
            });
        }
        match self {
            PayloadFormat::NodeValues => {
                for (range, item) in items(payload) {
                    check_item_common(item, &range, "item")?;
                    let Some(colon) = item.find(':') else {
                        return Err(FormatError {
                            range,
                            message: format!(
                                "`{}` is not `Node:value`: it has no colon",
                                shown(item)
                            ),
                        });
                    };
                    let node = &item[..colon];
                    if node.is_empty() {
                        return Err(FormatError {
                            range: range.start..range.start + 1,
                            message: format!("`{}` names no node before the colon", shown(item)),
                        });
                    }
                    if let Some(ws) = node.find(char::is_whitespace) {
                        return Err(FormatError {
                            range: range.start + ws..range.start + ws + 1,
                            message: format!("node name `{}` contains a space", shown(node)),
                        });
                    }
                }
                Ok(())
            }
            PayloadFormat::HotelCodes => list_of(payload, "hotel code", 16),
            PayloadFormat::RatePlanIds => list_of(payload, "RatePlanID", 64),
            PayloadFormat::RequestorId => single(payload, "requestor ID", 32),
            PayloadFormat::ReservationId => single(payload, "reservation ID", 32),
            PayloadFormat::GeoRadius => geo_radius(payload, units),
        }
    }

    pub fn fits(self, payload: &str, units: &[String]) -> bool {
        self.check(payload, units).is_ok()
    }
}

/// An item as shown in a message: whitespace folded, at most 40 characters.
fn shown(item: &str) -> String {
    let folded = item.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    }
}

/// Comma-separated items with their byte ranges.
pub fn items(payload: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = 0;
    payload.split(',').map(move |item| {
        let range = start..start + item.len();
        start += item.len() + 1;
        (range, item)
    })
}

fn check_item_common(item: &str, range: &Range<usize>, what: &str) -> Result<(), FormatError> {
    if item.is_empty() {
        return Err(FormatError {
            range: range.start.saturating_sub(1)..range.start.max(1),
            message: format!("empty {what} (two commas in a row, or a comma at an end)"),
        });
    }
    if let Some(ws) = item.find(char::is_whitespace) {
        // Point at the run of whitespace.
        let len = item[ws..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(item.len() - ws);
        let place = if ws == 0 {
            "whitespace before"
        } else if ws + len == item.len() {
            "whitespace after"
        } else {
            "whitespace inside"
        };
        return Err(FormatError {
            range: range.start + ws..range.start + ws + len,
            message: format!("{place} {what} `{}`", shown(item)),
        });
    }
    Ok(())
}

fn list_of(payload: &str, what: &str, max: usize) -> Result<(), FormatError> {
    for (range, item) in items(payload) {
        check_item_common(item, &range, what)?;
        if item.chars().count() > max {
            return Err(FormatError {
                range,
                message: format!(
                    "{what} `{}` is {} characters long; at most {max} are allowed",
                    shown(item),
                    item.chars().count()
                ),
            });
        }
    }
    Ok(())
}

fn single(payload: &str, what: &str, max: usize) -> Result<(), FormatError> {
    if let Some(comma) = payload.find(',') {
        return Err(FormatError {
            range: comma..comma + 1,
            message: format!("expected one {what}, found a comma-separated list"),
        });
    }
    list_of(payload, what, max)
}

fn geo_radius(payload: &str, units: &[String]) -> Result<(), FormatError> {
    let parts: Vec<_> = items(payload).collect();
    if parts.len() != 4 {
        let range = match parts.get(4) {
            Some((extra, _)) => extra.start.saturating_sub(1)..payload.len(),
            None => 0..payload.len(),
        };
        return Err(FormatError {
            range,
            message: format!(
                "expected 4 items (latitude, longitude, radius, unit), found {}",
                parts.len()
            ),
        });
    }
    let names = ["latitude", "longitude", "radius", "unit of measure code"];
    for ((range, item), name) in parts.iter().zip(names) {
        check_item_common(item, range, name)?;
    }
    let number = |i: usize| -> Result<f64, FormatError> {
        let (range, item) = &parts[i];
        parse_decimal(item).ok_or_else(|| FormatError {
            range: range.clone(),
            message: format!("{} `{}` is not a decimal number", names[i], shown(item)),
        })
    };
    let out_of = |i: usize, what: &str| FormatError {
        range: parts[i].0.clone(),
        message: format!("{} `{}` is {what}", names[i], shown(parts[i].1)),
    };
    let lat = number(0)?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(out_of(0, "outside -90..90"));
    }
    let lon = number(1)?;
    if !(-180.0..=180.0).contains(&lon) {
        return Err(out_of(1, "outside -180..180"));
    }
    let radius = number(2)?;
    if radius <= 0.0 {
        return Err(out_of(2, "not greater than 0"));
    }
    let (range, unit) = &parts[3];
    if !units.iter().any(|u| u == unit) {
        return Err(FormatError {
            range: range.clone(),
            message: format!(
                "unit of measure code `{}` is not one of {} (OTA UOM: 1 miles, 2 kilometers)",
                shown(unit),
                units.join(", ")
            ),
        });
    }
    Ok(())
}

/// A plain decimal: optional sign, digits, optional fraction. No exponents, no `inf`/`NaN`.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !(int.is_empty() && frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.ends_with('.') && frac.is_empty() && int.is_empty());
    if ok { s.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PayloadFormat::*;

    fn units() -> Vec<String> {
        vec!["1".into(), "2".into()]
    }

    fn bad(format: PayloadFormat, payload: &str) -> (String, String) {
        let e = format.check(payload, &units()).expect_err(payload);
        (payload[e.range.clone()].to_string(), e.message)
    }

    #[test]
    fn documented_examples_fit() {
        for f in [
            NodeValues,
            HotelCodes,
            GeoRadius,
            RatePlanIds,
            RequestorId,
            ReservationId,
        ] {
            assert!(f.fits(f.example(), &units()), "{f:?}");
        }
        assert!(NodeValues.fits("StayDateRange:2019-11-33,HotelRef@HotelCode:", &units()));
        assert!(GeoRadius.fits("-33.9,151.2,0.5,1", &units()));
    }

    #[test]
    fn the_bad_token_is_pointed_at() {
        assert_eq!(bad(HotelCodes, "HTL1, HTL2").0, " ");
        assert_eq!(bad(HotelCodes, "HTL1,,HTL2").0, ",");
        assert_eq!(
            bad(HotelCodes, "HTL1,ABCDEFGHIJKLMNOPQ").0,
            "ABCDEFGHIJKLMNOPQ"
        );
        assert_eq!(bad(GeoRadius, "50.111,190.5,5,2").0, "190.5");
        assert_eq!(bad(GeoRadius, "50.111,40.222,0,2").0, "0");
        assert_eq!(bad(GeoRadius, "50.111,40.222,5,3").0, "3");
        assert_eq!(bad(GeoRadius, "50.111,40.222,5,2,9").0, ",9");
        assert_eq!(bad(GeoRadius, "50.111,40.222,5").0, "50.111,40.222,5");
        assert_eq!(bad(GeoRadius, "north,40.222,5,2").0, "north");
        assert_eq!(bad(GeoRadius, "1e1,40.222,5,2").0, "1e1");
        assert_eq!(bad(NodeValues, "StayDateRange").0, "StayDateRange");
        assert_eq!(bad(NodeValues, ":x").0, ":");
        assert_eq!(bad(RequestorId, "A,B").0, ",");
        assert_eq!(bad(ReservationId, "").0, "");
    }

    #[test]
    fn decimals_are_plain() {
        for ok in ["1", "-1.5", "+0.25", ".5", "5."] {
            assert!(parse_decimal(ok).is_some(), "{ok}");
        }
        for no in ["", "-", ".", "inf", "NaN", "1e3", "1.2.3", "0x10"] {
            assert!(parse_decimal(no).is_none(), "{no}");
        }
    }
}
