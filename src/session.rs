//! What the earlier messages of one file said, for the rules that compare messages
//! (`price-mismatch`, `guest-mismatch`): the prices quoted and the bookings asked for. A HAR's
//! entries are checked in order, each seeing what the entries before it left here; a file with
//! one message starts an empty session (its paired request is [`crate::rule::Context`]'s).
//! Nothing is parsed twice: each unit's facts are taken from its parsed body while it is alive
//! (`rules::support::session::learn`).

use rust_decimal::Decimal;

/// The facts of one file's messages so far.
#[derive(Clone, Debug, Default)]
pub struct Session {
    /// The HAR entry being checked, stamped on what it leaves.
    pub entry: Option<usize>,
    pub quotes: Vec<Quote>,
    pub bookings: Vec<Booking>,
}

/// A price a shopping answer quoted (HS4 rates/ratedetails, HS2 availability/ratedetails).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub entry: Option<usize>,
    /// The rate's id (`ratePlanId`, `RatePlanID`).
    pub rate: String,
    pub checkin: Option<String>,
    pub checkout: Option<String>,
    pub after_tax: Option<Decimal>,
    pub before_tax: Option<Decimal>,
    pub currency: Option<String>,
}

/// A booking request, and what its answer called the reservation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Booking {
    pub entry: Option<usize>,
    /// The rate it booked.
    pub rate: Option<String>,
    pub guests: Vec<Guest>,
    /// The reservation's ids and confirmation codes in the answer.
    pub codes: Vec<String>,
}

/// A guest's name as a message gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guest {
    pub given: String,
    pub surname: String,
}

impl Guest {
    /// Whether two names are the same person's, as Concur compares text: case and the
    /// spaces around them aside.
    pub fn same(&self, other: &Guest) -> bool {
        let eq = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        eq(&self.surname, &other.surname) && eq(&self.given, &other.given)
    }
}

impl std::fmt::Display for Guest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.given.trim(), self.surname.trim())
    }
}

/// What one message adds to the session.
#[derive(Clone, Debug, Default)]
pub struct Learned {
    pub quotes: Vec<Quote>,
    pub booking: Option<Booking>,
}

impl Session {
    /// Adds what a message told, stamped with the entry that told it.
    pub fn absorb(&mut self, learned: Learned) {
        for mut q in learned.quotes {
            q.entry = self.entry;
            self.quotes.push(q);
        }
        if let Some(mut b) = learned.booking {
            b.entry = self.entry;
            self.bookings.push(b);
        }
    }

    /// The latest quote for a rate and stay (a stay one side does not state matches).
    pub fn quote(
        &self,
        rate: &str,
        checkin: Option<&str>,
        checkout: Option<&str>,
    ) -> Option<&Quote> {
        let fits = |a: Option<&String>, b: Option<&str>| match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        self.quotes.iter().rev().find(|q| {
            q.rate == rate
                && fits(q.checkin.as_ref(), checkin)
                && fits(q.checkout.as_ref(), checkout)
        })
    }

    /// The booking a read names by one of its codes.
    pub fn booking(&self, codes: &[String]) -> Option<&Booking> {
        self.bookings
            .iter()
            .rev()
            .find(|b| b.codes.iter().any(|c| codes.contains(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(rate: &str, checkin: Option<&str>, after: i64) -> Quote {
        Quote {
            entry: None,
            rate: rate.into(),
            checkin: checkin.map(str::to_string),
            checkout: None,
            after_tax: Some(Decimal::from(after)),
            before_tax: None,
            currency: Some("USD".into()),
        }
    }

    #[test]
    fn the_latest_quote_for_the_rate_and_stay_counts() {
        let mut s = Session {
            entry: Some(2),
            ..Session::default()
        };
        s.absorb(Learned {
            quotes: vec![
                quote("RP1", Some("2027-02-20"), 400),
                quote("RP2", None, 500),
            ],
            booking: None,
        });
        s.entry = Some(5);
        s.absorb(Learned {
            quotes: vec![quote("RP1", Some("2027-02-20"), 429)],
            booking: None,
        });
        let q = s
            .quote("RP1", Some("2027-02-20"), Some("2027-02-22"))
            .expect("quoted");
        assert_eq!((q.entry, q.after_tax), (Some(5), Some(Decimal::from(429))));
        assert!(
            s.quote("RP1", Some("2027-03-01"), None).is_none(),
            "another stay"
        );
        assert_eq!(
            s.quote("RP2", Some("2027-03-01"), None).map(|q| q.entry),
            Some(Some(2))
        );
        assert!(s.quote("RP3", None, None).is_none());
    }

    #[test]
    fn a_read_finds_its_booking_by_a_code() {
        let mut s = Session::default();
        let guest = Guest {
            given: "Janelle".into(),
            surname: "Doherty".into(),
        };
        s.absorb(Learned {
            quotes: Vec::new(),
            booking: Some(Booking {
                codes: vec!["SUP-1".into(), "R-SUP-1".into()],
                guests: vec![guest.clone()],
                ..Booking::default()
            }),
        });
        assert!(s.booking(&["R-SUP-1".into()]).is_some());
        assert!(s.booking(&["SUP-2".into()]).is_none());
        let shouted = Guest {
            given: " JANELLE".into(),
            surname: "doherty ".into(),
        };
        assert!(guest.same(&shouted));
        assert!(!guest.same(&Guest {
            given: "Jan".into(),
            surname: "Doherty".into()
        }));
    }
}
