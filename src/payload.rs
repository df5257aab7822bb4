//! The payload formats of HS2 Type 13 error codes (`payload = "..."` in `rules/hs2.toml`).
//!
//! A format is code: which code uses which format is data. A check returns every problem of a
//! payload with the byte range of its bad token, so one finding can name them all and point
//! at each.

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

    /// Every problem of a payload, in order; `units` are the unit of measure codes a 424
    /// payload may use. The payload is taken as written: white space at its ends is part of
    /// its first or last item, as white space inside a list is.
    pub fn problems(self, payload: &str, units: &[String]) -> Vec<FormatError> {
        let mut out = Vec::new();
        if payload.is_empty() {
            out.push(FormatError {
                range: 0..0,
                message: "the payload is empty".to_string(),
            });
            return out;
        }
        match self {
            PayloadFormat::NodeValues => node_values(payload, &mut out),
            PayloadFormat::HotelCodes => list_of(payload, "hotel code", 16, &mut out),
            PayloadFormat::RatePlanIds => list_of(payload, "RatePlanID", 64, &mut out),
            PayloadFormat::RequestorId => single(payload, "requestor ID", 32, &mut out),
            PayloadFormat::ReservationId => single(payload, "reservation ID", 32, &mut out),
            PayloadFormat::GeoRadius => geo_radius(payload, units, &mut out),
        }
        out
    }

    /// The first problem of a payload, if any.
    pub fn check(self, payload: &str, units: &[String]) -> Result<(), FormatError> {
        match self.problems(payload, units).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    pub fn fits(self, payload: &str, units: &[String]) -> bool {
        self.problems(payload, units).is_empty()
    }
}

/// An item as shown in a message: exactly as written, white space visible.
fn shown(item: &str) -> String {
    crate::rules::support::shown(item)
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

/// What every item must be: present, without white space, separated by commas. Reports what
/// is wrong and gives the item's content to check further: without the white space at its
/// ends (also reported), or `None` when nothing more can be told.
fn item_ok<'p>(
    item: &'p str,
    range: &Range<usize>,
    what: &str,
    out: &mut Vec<FormatError>,
) -> Option<&'p str> {
    if item.is_empty() {
        out.push(FormatError {
            range: range.start.saturating_sub(1)..range.start.max(1),
            message: format!("empty {what} (two commas in a row, or a comma at an end)"),
        });
        return None;
    }
    if let Some(at) = item.find([';', '|']) {
        let separator = &item[at..at + 1];
        out.push(FormatError {
            range: range.start + at..range.start + at + 1,
            message: format!(
                "`{separator}` separates the items of `{}`; Concur's payload separates them with commas",
                shown(item)
            ),
        });
        return None;
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
        out.push(FormatError {
            range: range.start + ws..range.start + ws + len,
            message: format!("{place} {what} `{}`", shown(item)),
        });
        let trimmed = item.trim();
        return (!trimmed.is_empty() && !trimmed.contains(char::is_whitespace)).then_some(trimmed);
    }
    Some(item)
}

fn node_values(payload: &str, out: &mut Vec<FormatError>) {
    for (range, item) in items(payload) {
        let Some(item) = item_ok(item, &range, "item", out) else {
            continue;
        };
        let Some(colon) = item.find(':') else {
            out.push(FormatError {
                range,
                message: format!("`{}` is not `Node:value`: it has no colon", shown(item)),
            });
            continue;
        };
        if colon == 0 {
            out.push(FormatError {
                range: range.start..range.start + 1,
                message: format!("`{}` names no node before the colon", shown(item)),
            });
        }
    }
}

fn list_of(payload: &str, what: &str, max: usize, out: &mut Vec<FormatError>) {
    for (range, item) in items(payload) {
        if let Some(item) = item_ok(item, &range, what, out)
            && item.chars().count() > max
        {
            out.push(FormatError {
                range,
                message: format!(
                    "{what} `{}` is {} characters long; at most {max} are allowed",
                    shown(item),
                    item.chars().count()
                ),
            });
        }
    }
}

fn single(payload: &str, what: &str, max: usize, out: &mut Vec<FormatError>) {
    if let Some(comma) = payload.find(',') {
        out.push(FormatError {
            range: comma..comma + 1,
            message: format!("expected one {what}, found a comma-separated list"),
        });
        return;
    }
    list_of(payload, what, max, out);
}

/// What a number must be, and the words for when it is not.
type Bound = (&'static str, fn(f64) -> bool);

fn geo_radius(payload: &str, units: &[String], out: &mut Vec<FormatError>) {
    let parts: Vec<_> = items(payload).collect();
    if parts.len() != 4 {
        let range = match parts.get(4) {
            Some((extra, _)) => extra.start.saturating_sub(1)..payload.len(),
            None => 0..payload.len(),
        };
        out.push(FormatError {
            range,
            message: format!(
                "expected 4 items (latitude, longitude, radius, unit), found {}",
                parts.len()
            ),
        });
        return;
    }
    let names = ["latitude", "longitude", "radius", "unit of measure code"];
    let bounds: [Bound; 3] = [
        ("outside -90..90", |v| (-90.0..=90.0).contains(&v)),
        ("outside -180..180", |v| (-180.0..=180.0).contains(&v)),
        ("not greater than 0", |v| v > 0.0),
    ];
    for (i, ((range, item), name)) in parts.iter().zip(names).enumerate() {
        let Some(item) = item_ok(item, range, name, out) else {
            continue;
        };
        if i == 3 {
            if !units.iter().any(|u| u == item) {
                out.push(FormatError {
                    range: range.clone(),
                    message: format!(
                        "unit of measure code `{}` is not one of {} (OTA UOM: 1 miles, 2 kilometers)",
                        shown(item),
                        units.join(", ")
                    ),
                });
            }
            continue;
        }
        let (what, ok) = bounds[i];
        match parse_decimal(item) {
            None => out.push(FormatError {
                range: range.clone(),
                message: format!("{name} `{}` is not a decimal number", shown(item)),
            }),
            Some(v) if !ok(v) => out.push(FormatError {
                range: range.clone(),
                message: format!("{name} `{}` is {what}", shown(item)),
            }),
            Some(_) => {}
        }
    }
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
        assert_eq!(bad(HotelCodes, "HTL1;HTL2").0, ";");
        assert!(bad(HotelCodes, "HTL1|HTL2").1.contains("`|` separates"));
        assert_eq!(
            bad(HotelCodes, " HTL1").0,
            " ",
            "white space at the ends counts"
        );
    }

    #[test]
    fn every_problem_is_named() {
        let all = GeoRadius.problems("47.60621, -122.33207, 5, km", &units());
        let messages: Vec<_> = all.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(all.len(), 4, "{messages:?}");
        assert!(messages[3].contains("`km` is not one of"), "{messages:?}");
        assert!(messages[0].contains("whitespace before longitude `\" -122.33207\"`"));
        let all = GeoRadius.problems("47.6,-122.3,5,km", &units());
        assert!(all[0].message.contains("`km` is not one of"));
        assert_eq!(HotelCodes.problems("A,,B, C", &units()).len(), 2);
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
