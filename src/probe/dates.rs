//! Dates and times of a run: check-in dates relative to the run's day (`+90d`), the stay's
//! end, RFC 3339 UTC stamps. `--now` fixes the clock for reproducible runs.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A check-in as the scenario gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checkin {
    /// Days after the run's day.
    Relative(i64),
    Date(Date),
}

impl Checkin {
    pub fn parse(s: &str) -> Result<Checkin, String> {
        let bad = || format!("`{s}` is not a check-in such as `+90d` or `2027-02-20`");
        if let Some(days) = s.strip_prefix('+').and_then(|d| d.strip_suffix('d')) {
            let n: i64 = days.parse().map_err(|_| bad())?;
            if !(1..=700).contains(&n) {
                return Err(format!("`{s}`: a relative check-in is 1 to 700 days ahead"));
            }
            return Ok(Checkin::Relative(n));
        }
        s.parse::<Date>().map(Checkin::Date).map_err(|_| bad())
    }

    pub fn resolve(self, today: Date) -> Date {
        match self {
            Checkin::Relative(n) => today.checked_add(n.days()).unwrap_or(today),
            Checkin::Date(d) => d,
        }
    }
}

/// The UTC day of a moment.
pub fn day_of(now: Timestamp) -> Date {
    now.to_zoned(TimeZone::UTC).date()
}

pub fn plus_days(date: Date, days: u32) -> Date {
    date.checked_add(i64::from(days).days()).unwrap_or(date)
}

/// `2026-11-22T10:00:00.000Z`, as HAR's `startedDateTime` has it.
pub fn stamp(t: Timestamp) -> String {
    t.to_zoned(TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// `20261122T100000Z`, for file names.
pub fn file_stamp(t: Timestamp) -> String {
    t.to_zoned(TimeZone::UTC)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// Parses `--now`.
pub fn parse_now(s: &str) -> Result<Timestamp, String> {
    s.parse::<Timestamp>().map_err(|e| {
        format!("--now `{s}` is not an RFC 3339 time such as 2026-11-22T10:00:00Z: {e}")
    })
}

/// `YYYY-MM-33`: the impossible date of the invalid-date probe, in the check-in's month.
pub fn impossible(checkin: Date) -> String {
    format!("{:04}-{:02}-33", checkin.year(), checkin.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkins_resolve() {
        let today: Date = "2026-11-22".parse().expect("date");
        assert_eq!(
            Checkin::parse("+90d").map(|c| c.resolve(today).to_string()),
            Ok("2027-02-20".to_string())
        );
        assert_eq!(
            Checkin::parse("2027-03-01").map(|c| c.resolve(today).to_string()),
            Ok("2027-03-01".to_string())
        );
        assert!(Checkin::parse("90d").is_err());
        assert!(Checkin::parse("+0d").is_err());
        assert!(Checkin::parse("2027-02-30").is_err());
        assert_eq!(plus_days(today, 10).to_string(), "2026-12-02");
        assert_eq!(impossible(today), "2026-11-33");
    }

    #[test]
    fn stamps_are_utc_with_milliseconds() {
        let t = parse_now("2026-11-22T10:00:00Z").expect("time");
        assert_eq!(stamp(t), "2026-11-22T10:00:00.000Z");
        assert_eq!(file_stamp(t), "20261122T100000Z");
        assert!(parse_now("yesterday").is_err());
    }
}
