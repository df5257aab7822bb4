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
