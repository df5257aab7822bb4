//! Money as decimals, never floating point: amounts read from the text a message writes
//! (HS2 attributes) or from the shortest decimal that names a JSON number (HS4: exact for
//! every amount of up to 15 significant digits), and the tolerance of a sum — the one a source
//! states (`[price] tolerance`, the HS4 kit's `0.1`), else half a minor unit of the currency
//! per summand (`[money.minor_units]`, ISO 4217).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::rule::Context;

/// A JSON number as a decimal; `None` for anything else (a string is `json-type`'s).
pub(crate) fn json_amount(value: Option<&Value>) -> Option<Decimal> {
    let n = value?.as_number()?;
    if let Some(i) = n.as_i64() {
        return Some(Decimal::from(i));
    }
    // serde_json keeps other numbers as f64; its shortest round-trip form is the decimal the
    // message wrote (for up to 15 significant digits).
    let f = n.as_f64().filter(|f| f.is_finite())?;
    Decimal::from_str(&f.to_string()).ok()
}

/// An amount written as text (`189.00`); `None` when it is not a plain decimal.
pub(crate) fn text_amount(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() || t.contains(['e', 'E']) {
        return None;
    }
    Decimal::from_str(t).ok()
}

/// Half a minor unit of `currency` (`0.005` for USD): from `[money.minor_units]`, else from
/// the decimal places the message states for it; `None` when neither tells.
pub(crate) fn half_minor(
    cx: &Context,
    currency: Option<&str>,
    places: Option<&str>,
) -> Option<Decimal> {
    let units = currency
        .and_then(|c| cx.facts.money.minor_units.get(c.trim()).copied())
        .or_else(|| places.and_then(|p| p.trim().parse::<u32>().ok()))
        .filter(|u| *u <= 8)?;
    Some(Decimal::new(5, units + 1))
}

/// The tolerance of a sum of `summands` amounts: the profile's stated one, else half a minor
/// unit per summand.
pub(crate) fn sum_tolerance(
    cx: &Context,
    currency: Option<&str>,
    places: Option<&str>,
    summands: usize,
) -> Option<Decimal> {
    if let Some(fixed) = cx.facts.price.tolerance.as_deref().and_then(text_amount) {
        return Some(fixed);
    }
    let count = Decimal::from(u32::try_from(summands.max(1)).unwrap_or(u32::MAX));
    half_minor(cx, currency, places).map(|h| h * count)
}

/// Whether `a` and `b` differ by more than `tolerance`.
pub(crate) fn differ(a: Decimal, b: Decimal, tolerance: Decimal) -> bool {
    (a - b).abs() > tolerance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_read_as_the_decimals_written() {
        let v: Value = serde_json::from_str("[190.95, 0.1, 378, 1e2, \"5\"]").expect("json");
        let a = |i: usize| json_amount(v.get(i)).map(|d| d.to_string());
        assert_eq!(a(0).as_deref(), Some("190.95"));
        assert_eq!(a(1).as_deref(), Some("0.1"));
        assert_eq!(a(2).as_deref(), Some("378"));
        assert_eq!(a(3).as_deref(), Some("100"));
        assert_eq!(a(4), None);
        // 0.1 + 0.2 is 0.3 in decimals, unlike in floating point.
        let sum = json_amount(v.get(1)).expect("a") + text_amount("0.2").expect("b");
        assert_eq!(sum, text_amount("0.3").expect("c"));
    }

    #[test]
    fn text_amounts_are_plain_decimals() {
        assert_eq!(
            text_amount(" 189.00 ").map(|d| d.to_string()).as_deref(),
            Some("189.00")
        );
        assert_eq!(text_amount("1e3"), None);
        assert_eq!(text_amount("abc"), None);
    }
}
