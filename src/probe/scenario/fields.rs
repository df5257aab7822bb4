//! The checks of `probe.toml`'s values beyond their types: URLs, names, durations, limits.

use std::time::Duration;

use toml::Spanned;

use super::*;
use crate::error::DataError;

pub(super) fn check_url(url: &Spanned<String>, err: Fail) -> Result<String, DataError> {
    let u = url.get_ref();
    let lower = u.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| {
            err(
                format!("`{u}` is not an absolute https:// (or http://) URL"),
                Some(url.span()),
            )
        })?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(err(
            "the URL holds credentials: name them in `[credentials]` instead".into(),
            Some(url.span()),
        ));
    }
    if authority.is_empty() {
        return Err(err(format!("`{u}` has no host"), Some(url.span())));
    }
    Ok(u.trim_end_matches('/').to_string())
}

pub(super) fn check_env(name: &Spanned<String>, err: Fail) -> Result<String, DataError> {
    let n = name.get_ref();
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(err(
            format!("`{n}` is not an environment variable name"),
            Some(name.span()),
        ));
    }
    Ok(n.clone())
}

/// `60s`, `500ms`, `2m`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a duration such as `60s` or `500ms`"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "s" | "" => n,
        "m" | "min" => n * 60.0,
        _ => return Err(format!("`{s}` is not a duration such as `60s` or `500ms`")),
    };
    Duration::try_from_secs_f64(secs)
        .map_err(|_| format!("`{s}` is not a duration such as `60s` or `500ms`"))
}

fn duration(
    v: &Option<Spanned<String>>,
    default: Duration,
    err: Fail,
) -> Result<Duration, DataError> {
    match v {
        None => Ok(default),
        Some(s) => parse_duration(s.get_ref()).map_err(|m| err(m, Some(s.span()))),
    }
}

pub(super) fn transport(t: RawTransport, err: Fail) -> Result<Transport, DataError> {
    let proxy = match t.proxy.as_ref().map(|p| (p.get_ref().as_str(), p.span())) {
        None | Some(("env", _)) => Some(None),
        Some(("none", _)) => None,
        Some((url, span)) => {
            let rest = url.split_once("://").map(|(_, r)| r).unwrap_or("");
            if rest.split('/').next().unwrap_or("").contains('@') {
                return Err(err("a proxy URL with credentials would be committed: set it in HTTPS_PROXY and use `proxy = \"env\"`".into(), Some(span)));
            }
            Some(Some(url.to_string()))
        }
    };
    let repeat = t.repeat.as_ref().map_or(1, |r| *r.get_ref());
    if let Some(r) = &t.repeat
        && !(1..=100).contains(r.get_ref())
    {
        return Err(err("`repeat` is 1 to 100".into(), Some(r.span())));
    }
    let pause = duration(&t.pause, Duration::ZERO, err)?;
    if let Some(p) = &t.pause
        && pause > Duration::from_secs(60)
    {
        return Err(err(
            "`pause` over 60 s would let a booking go unread past Concur's 5 minutes".into(),
            Some(p.span()),
        ));
    }
    Ok(Transport {
        timeout: duration(&t.timeout, Duration::from_secs(60), err)?,
        connect_timeout: duration(&t.connect_timeout, Duration::from_secs(10), err)?,
        proxy,
        ca_file: t.ca_file,
        hs2_accept_encoding: t
            .accept_encoding
            .map_or(Some("gzip".to_string()), |m| m.get("hs2").cloned()),
        keep_alive: t.keep_alive.unwrap_or(true),
        repeat,
        pause,
        user_agent: t
            .user_agent
            .unwrap_or_else(|| format!("otalint-probe/{}", env!("CARGO_PKG_VERSION"))),
        redact_headers: t.redact_headers,
    })
}

pub(super) fn search(s: &RawSearch, err: Fail) -> Result<Search, DataError> {
    let lat = *s.latitude.get_ref();
    let lon = *s.longitude.get_ref();
    if !(-90.0..=90.0).contains(&lat) {
        return Err(err(
            "`latitude` is -90 to 90".into(),
            Some(s.latitude.span()),
        ));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(err(
            "`longitude` is -180 to 180".into(),
            Some(s.longitude.span()),
        ));
    }
    let unit_code = match s.unit.get_ref().as_str() {
        "miles" | "mi" => 1,
        "km" => 2,
        other => {
            return Err(err(
                format!("`unit = \"{other}\"`: use miles or km"),
                Some(s.unit.span()),
            ));
        }
    };
    if let Some(h) = &s.hotel_name
        && h.get_ref().trim().is_empty()
    {
        return Err(err(
            "`hotel_name` is empty: leave it out instead".into(),
            Some(h.span()),
        ));
    }
    crate::probe::dates::Checkin::parse(s.checkin.get_ref())
        .map_err(|m| err(m, Some(s.checkin.span())))?;
    let nights = *s.nights.get_ref();
    if !(1..=30).contains(&nights) {
        return Err(err("`nights` is 1 to 30".into(), Some(s.nights.span())));
    }
    let shop = s.hotels_to_shop.as_ref().map_or(5, |h| *h.get_ref());
    if !(1..=100).contains(&shop) {
        let span = s.hotels_to_shop.as_ref().map(Spanned::span);
        return Err(err(
            "`hotels_to_shop` is 1 to 100 (\"SAP Concur currently supports 100\")".into(),
            span,
        ));
    }
    for code in &s.hotel_codes {
        code_length(code, 16, "a HotelCode", err)?;
    }
    Ok(Search {
        name: s.name.clone().unwrap_or_else(|| format!("{lat},{lon}")),
        position: Position {
            latitude: lat,
            longitude: lon,
        },
        radius: s.radius,
        radius_max: s.radius_max,
        unit_code,
        hotel_name: s.hotel_name.as_ref().map(|h| h.get_ref().clone()),
        checkin: s.checkin.get_ref().clone(),
        nights: nights as u32,
        hotels_to_shop: shop as usize,
        hotel_codes: s.hotel_codes.iter().map(|c| c.get_ref().clone()).collect(),
        custom_fields: s.custom_fields.clone(),
    })
}

fn code_length(
    code: &Spanned<String>,
    max: usize,
    what: &str,
    err: Fail,
) -> Result<String, DataError> {
    let c = code.get_ref();
    if c.is_empty() || c.chars().count() > max || c.contains(char::is_whitespace) {
        return Err(err(
            format!("`{c}` is not {what} (1 to {max} characters, no spaces)"),
            Some(code.span()),
        ));
    }
    Ok(c.clone())
}

pub(super) fn booking(b: RawBooking, err: Fail) -> Result<Booking, DataError> {
    let number = match (&b.card.number_env, &b.card.number) {
        (Some(env), None) => Secret::Env(check_env(env, err)?),
        (None, Some(n)) if TEST_CARDS.contains(&n.get_ref().as_str()) => {
            Secret::Literal(n.get_ref().clone())
        }
        (None, Some(n)) => {
            return Err(err(
                "only the published test card numbers may be written here (4111111111111111, 4242424242424242, 5555555555554444, 378282246310005); name an environment variable with `number_env`".into(),
                Some(n.span()),
            ));
        }
        _ => {
            return Err(err(
                "`[booking.card]` needs `number_env` (or a published test `number`)".into(),
                None,
            ));
        }
    };
    let expire = b.card.expire.get_ref();
    let ok = expire.len() == 7
        && expire.as_bytes()[4] == b'-'
        && expire[..4].parse::<u32>().is_ok()
        && expire[5..]
            .parse::<u32>()
            .is_ok_and(|m| (1..=12).contains(&m));
    if !ok {
        return Err(err(
            format!("`expire = \"{expire}\"` is not YYYY-MM"),
            Some(b.card.expire.span()),
        ));
    }
    if let Some(r) = &b.rate_plan_id {
        code_length(r, 64, "a RatePlanID", err)?;
    }
    Ok(Booking {
        confirm_host: b.confirm_host.get_ref().to_ascii_lowercase(),
        rate_plan_id: b.rate_plan_id.map(|r| r.into_inner()),
        guest: b.guest,
        address: b.guest_address,
        card: Card {
            code: b.card.code,
            kind: b.card.kind,
            number,
            cvv_env: check_env(&b.card.cvv_env, err)?,
            expire: expire.clone(),
            holder: b.card.holder,
        },
    })
}

pub(super) fn probes(p: RawProbes, err: Fail) -> Result<Probes, DataError> {
    let bad_credentials = match &p.bad_credentials {
        None => Some(false),
        Some(toml::Value::Boolean(false)) => None,
        Some(toml::Value::String(s)) if s == "search" => Some(false),
        Some(toml::Value::String(s)) if s == "all" => Some(true),
        Some(other) => {
            return Err(err(
                format!("`bad_credentials = {other}`: use \"search\", \"all\" or false"),
                None,
            ));
        }
    };
    let fake = |v: &Option<Spanned<String>>,
                default: &str,
                max: usize,
                what: &str|
     -> Result<Option<String>, DataError> {
        match v {
            None => Ok(Some(default.to_string())),
            Some(s) if s.get_ref().is_empty() => Ok(None),
            Some(s) => code_length(s, max, what, err).map(Some),
        }
    };
    Ok(Probes {
        bad_credentials,
        no_hotels: Some(p.no_hotels.unwrap_or(Position {
            latitude: 0.0,
            longitude: -160.0,
        })),
        unknown_hotel: fake(&p.unknown_hotel, "ZZOTALINT0000", 16, "a HotelCode")?,
        mixed_hotels: p.mixed_hotels.unwrap_or(true),
        invalid_date: p.invalid_date.unwrap_or(true),
        unknown_rate: fake(&p.unknown_rate, "OTALINT-NO-RATE", 64, "a RatePlanID")?,
        unknown_booking: fake(&p.unknown_booking, "OTALINT-NO-RES", 32, "a UniqueID")?,
        repeat_cancel: p.repeat_cancel.unwrap_or(true),
        read_cancelled: p.read_cancelled.unwrap_or(true),
    })
}

/// The most concurrent requests `parallel_availability` sends: enough to see whether the
/// endpoint serves them side by side, few enough not to load a test system.
pub const MAX_PARALLEL: i64 = 8;

pub(super) fn parallel(s: &RawSteps, err: Fail) -> Result<usize, DataError> {
    match &s.parallel_availability {
        None => Ok(0),
        Some(k) if (0..=MAX_PARALLEL).contains(k.get_ref()) => Ok(*k.get_ref() as usize),
        Some(k) => Err(err(
            format!(
                "`parallel_availability = {}`: use 0 (off) to {MAX_PARALLEL} concurrent requests",
                k.get_ref()
            ),
            Some(k.span()),
        )),
    }
}

pub(super) fn steps(s: &RawSteps, err: Fail) -> Result<RateDetails, DataError> {
    Ok(
        match s
            .ratedetails
            .as_ref()
            .map(|v| (v.get_ref().as_str(), v.span()))
        {
            None | Some(("as-concur", _)) => RateDetails::AsConcur,
            Some(("always", _)) => RateDetails::Always,
            Some(("never", _)) => RateDetails::Never,
            Some((other, span)) => {
                return Err(err(
                    format!("`ratedetails = \"{other}\"`: use as-concur, always or never"),
                    Some(span),
                ));
            }
        },
    )
}
