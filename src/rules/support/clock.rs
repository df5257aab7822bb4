//! Times of answers and deadlines: when an answer was given ("now" for `cancel-deadline`),
//! and a deadline read in the time zone it states — or, when it states none, as the hotel's
//! local time, which is past only once it is past in every time zone.

use jiff::civil::{Date, DateTime};
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::input::HttpFacts;

/// The answer's time: the HAR entry's `startedDateTime`, else the response's `Date` header,
/// else `--now`; `None` when nothing tells (the past-deadline check is then skipped).
pub(crate) fn answer_time(
    http: Option<&HttpFacts>,
    fallback: Option<Timestamp>,
) -> Option<Timestamp> {
    let started = http
        .and_then(|h| h.started.as_deref())
        .and_then(|s| s.parse::<Timestamp>().ok());
    let date = || {
        http.and_then(|h| h.header("Date"))
            .and_then(|h| jiff::fmt::rfc2822::parse(h.value.trim()).ok())
            .map(|z| z.timestamp())
    };
    started.or_else(date).or(fallback)
}

/// A deadline as a message writes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Deadline {
    /// With an offset: one instant, and its date and time in the offset it states.
    Instant(Timestamp, DateTime),
    /// Without one: the hotel's local time.
    Local(DateTime),
}

/// The widest offset west of UTC in use: a local time is no later an instant than at UTC-12.
const WEST: SignedDuration = SignedDuration::from_hours(12);

impl Deadline {
    /// `2026-12-01T18:00:00Z`, `2026-12-01T18:00:00+01:00`, `2026-12-01T18:00:00`,
    /// `2026-12-01 18:00:00`; a date alone is its day's start. `None` for anything else (the
    /// value's format is another rule's).
    pub(crate) fn parse(text: &str) -> Option<Deadline> {
        let t = text.trim().replacen(' ', "T", 1);
        let pieces = Pieces::parse(&t).ok()?;
        let local = pieces.date().to_datetime(pieces.time().unwrap_or_default());
        match pieces.offset() {
            Some(PiecesOffset::Zulu) => Some(Deadline::Instant(
                local.to_zoned(TimeZone::UTC).ok()?.timestamp(),
                local,
            )),
            Some(PiecesOffset::Numeric(n)) => {
                let zone = TimeZone::fixed(n.offset());
                Some(Deadline::Instant(
                    local.to_zoned(zone).ok()?.timestamp(),
                    local,
                ))
            }
            _ => Some(Deadline::Local(local)),
        }
    }

    /// Whether it is past at `now` wherever the hotel is.
    pub(crate) fn past_at(self, now: Timestamp) -> bool {
        match self {
            Deadline::Instant(ts, _) => ts < now,
            Deadline::Local(dt) => dt
                .to_zoned(TimeZone::UTC)
                .ok()
                .and_then(|z| z.timestamp().checked_add(WEST).ok())
                .is_some_and(|latest| latest < now),
        }
    }

    /// The day it falls on where it is stated (the hotel's day).
    pub(crate) fn day(self) -> Date {
        match self {
            Deadline::Instant(_, local) | Deadline::Local(local) => local.date(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-22T10:00:00Z".parse().expect("time")
    }

    #[test]
    fn deadlines_read_in_their_zone() {
        let d = Deadline::parse("2026-11-22T10:30:00+01:00").expect("parses");
        assert!(d.past_at(now()), "09:30 UTC is before 10:00 UTC");
        assert_eq!(d.day().to_string(), "2026-11-22");
        let d = Deadline::parse("2026-11-22T09:59:00Z").expect("parses");
        assert!(d.past_at(now()));
        assert!(
            !Deadline::parse("2026-11-22T10:01:00Z")
                .expect("parses")
                .past_at(now())
        );
    }

    #[test]
    fn local_deadlines_are_past_only_everywhere() {
        // 2026-11-21T23:00 local may still be ahead at UTC-12 (11:00 UTC).
        let d = Deadline::parse("2026-11-21T23:00:00").expect("parses");
        assert!(!d.past_at(now()));
        let d = Deadline::parse("2026-11-21 21:59:00").expect("parses");
        assert!(d.past_at(now()), "21:59 at UTC-12 is 09:59 UTC");
        assert!(Deadline::parse("tomorrow").is_none());
        assert_eq!(
            Deadline::parse("2026-11-23")
                .map(Deadline::day)
                .map(|d| d.to_string()),
            Some("2026-11-23".to_string())
        );
    }

    #[test]
    fn the_answer_time_comes_from_the_exchange() {
        let mut http = HttpFacts {
            started: Some("2026-11-22T10:00:00.000Z".into()),
            ..HttpFacts::default()
        };
        assert_eq!(answer_time(Some(&http), None), Some(now()));
        http.started = None;
        http.headers.push(crate::input::Header {
            name: "Date".into(),
            value: "Sun, 22 Nov 2026 10:00:00 GMT".into(),
            span: None,
        });
        assert_eq!(answer_time(Some(&http), None), Some(now()));
        assert_eq!(answer_time(None, Some(now())), Some(now()));
        assert_eq!(answer_time(None, None), None);
    }
}
