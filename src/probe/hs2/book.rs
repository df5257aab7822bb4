//! HS2 steps 12–16: book the chosen rate, read it at once (Concur's 5-minute window), cancel
//! it as teardown whenever a reservation ID came back, then the repeat-cancel and
//! read-cancelled probes.

use serde_json::json;

use super::carry::{self, Booked, Offer};
use super::flow::{Flow, placeholder};
use super::requests::{self, CardValues, Choice, Stay};
use crate::error::Error;
use crate::probe::run::Booking;
use crate::probe::scenario;

/// The reservation a booking answer names, whatever its status or its other faults.
fn salvaged(answer: &crate::probe::exchange::Answer) -> Option<Booked> {
    let text = answer.text();
    let doc = roxmltree::Document::parse(&text).ok()?;
    let (payload, _) = carry::payload(&doc)?;
    let booked = carry::booked(payload);
    booked.reservation_id.is_some().then_some(booked)
}

const BOOKING_STEPS: [&str; 3] = ["hs2.book", "hs2.read", "hs2.cancel"];
const AFTER_BOOK: [&str; 4] = [
    "hs2.read",
    "hs2.cancel",
    "hs2.repeat-cancel",
    "hs2.read-cancelled",
];

impl Flow<'_, '_> {
    pub(super) fn book(&mut self) -> Result<(), Error> {
        let Some(booking) = self.cx.scenario.booking.clone() else {
            let why = "the scenario has no [booking]: booking not tested";
            for id in BOOKING_STEPS
                .into_iter()
                .filter(|id| self.cx.plan.wants(id))
            {
                self.cx
                    .rec
                    .run
                    .status(id, "skipped", Some(why.to_string()), None);
            }
            return Ok(());
        };
        if !self.cx.plan.wants("hs2.book") {
            return Ok(());
        }
        let Some((offer, place)) = self.offer.clone() else {
            // Blocked where the shopping failed; a place that offered nothing leaves it open.
            if !self.cx.rec.run.steps.iter().any(|s| s.id == "hs2.book") {
                let why = "no availability offered a bookable rate".to_string();
                self.cx
                    .rec
                    .run
                    .status("hs2.book", "blocked", Some(why), None);
            }
            return Ok(());
        };
        let (booked, whole) = match self.reserve(&booking, &offer, place)? {
            (Some(booked), _) => (booked, true),
            (None, Some(salvaged)) => (salvaged, false),
            (None, None) => {
                self.block("hs2.book", &AFTER_BOOK.map(String::from));
                return Ok(());
            }
        };
        let id = booked.reservation_id.clone().unwrap_or_default();
        self.cx.rec.run.bookings.push(Booking {
            service: "hs2",
            reservation_id: id.clone(),
            modification_code: booked.modification,
            cancelled: false,
            cancellation_number: None,
        });
        self.cx.rec.flush();
        if whole {
            self.read(&id)?;
            let sent = json!({"reservation_id": id});
            self.wrong_password("read", sent.clone(), |c| requests::read(c, &id))?;
            self.wrong_password("cancel", sent, |c| requests::cancel(c, &id))?;
        } else {
            // A failed booking that still named a reservation: no read, no probes, the cancel.
            let skipped = AFTER_BOOK.into_iter().filter(|s| *s != "hs2.cancel");
            self.block("hs2.book", &skipped.map(String::from).collect::<Vec<_>>());
        }
        // Teardown: the cancel is sent whatever the read said.
        self.cancel(&id)?;
        if whole {
            self.cancel_probes(&id)?;
        }
        self.cx.rec.flush();
        Ok(())
    }

    /// Step 12: the booking; what it gave back, or `None` when it failed — then with what a
    /// failed answer still named (a reservation ID, whatever the HTTP status), to cancel.
    fn reserve(
        &mut self,
        booking: &scenario::Booking,
        offer: &Offer,
        place: usize,
    ) -> Result<(Option<Booked>, Option<Booked>), Error> {
        let search = self.cx.scenario.searches[place].clone();
        self.place = place;
        let (start, end) = self.stay(&search);
        let stay = Stay {
            start: &start,
            end: &end,
        };
        let sent = json!({"hotel_codes": [offer.hotel.code], "rate_plan": offer.rate_plan, "stay": [start, end]});
        let step = self.step(
            "hs2.book",
            "book",
            None,
            sent,
            format!("rate {}", offer.rate_plan),
        );
        let number = self.cx.creds.card_number.clone().unwrap_or_default();
        let cvv = self.cx.creds.cvv.clone().unwrap_or_default();
        let card = CardValues {
            number: &number,
            cvv: &cvv,
        };
        let guarantee_none = offer.guarantee.as_deref() == Some("None");
        let choice = Choice {
            hotel: &offer.hotel,
            rate_plan: &offer.rate_plan,
            guarantee_none,
        };
        let token = self.token.clone();
        let body = requests::book(
            &self.common(false),
            booking,
            &choice,
            &card,
            &stay,
            token.as_deref(),
        );
        let answer = self.send(&step, body, "book", false)?;
        let dry = || Booked {
            reservation_id: Some(placeholder("UniqueID 14", "hs2.book")),
            ..Booked::default()
        };
        let mut maybe_made = false;
        let booked = self.judge(&step, &answer, dry, |payload, success| {
            let b = carry::booked(payload);
            maybe_made = success;
            match (success, b.response_type.as_deref(), &b.reservation_id) {
                (false, _, _) => Err("the booking answer is not a Success".to_string()),
                (true, Some("Committed" | "Reserved"), Some(_)) => Ok(b),
                (true, Some("Committed" | "Reserved"), None) => Err("the booking answer carries no reservation ID (HotelReservation/UniqueID Type=\"14\"): a reservation may exist at the supplier".to_string()),
                (true, other, _) => Err(format!("ResResponseType is {}, not Committed or Reserved", other.map_or("missing".to_string(), |o| format!("\"{o}\"")))),
            }
        });
        let salvaged = booked.is_none().then(|| salvaged(&answer)).flatten();
        if booked.is_none()
            && salvaged.is_none()
            && maybe_made
            && let Some(e) = answer.entry
        {
            self.cx
                .rec
                .run
                .facts(e, "left_active", json!("without an ID"));
        }
        Ok((booked, salvaged))
    }

    /// Step 13: the read Concur sends right after the booking.
    fn read(&mut self, id: &str) -> Result<(), Error> {
        if !self.cx.plan.wants("hs2.read") {
            return Ok(());
        }
        let step = self.step(
            "hs2.read",
            "read",
            None,
            json!({"reservation_id": id}),
            format!("reservation {id}"),
        );
        let body = requests::read(&self.common(false), id);
        let answer = self.send(&step, body, "read", false)?;
        self.judge(
            &step,
            &answer,
            || (),
            |payload, success| match (success, crate::document::local(payload)) {
                (true, "OTA_HotelResRS") => Ok(()),
                (true, other) => Err(format!("the read answer is {other}, not OTA_HotelResRS")),
                (false, _) => Err("the read answer is not a Success".to_string()),
            },
        );
        Ok(())
    }

    /// Step 14: the cancel; a reservation it does not cancel is named as left active.
    fn cancel(&mut self, id: &str) -> Result<(), Error> {
        let step = self.step(
            "hs2.cancel",
            "cancel",
            None,
            json!({"reservation_id": id}),
            format!("reservation {id}"),
        );
        let body = requests::cancel(&self.common(false), id);
        let answer = self.send(&step, body, "cancel", false)?;
        let dry = || Some(placeholder("UniqueID 15", "hs2.cancel"));
        let number = self.judge(&step, &answer, dry, |payload, success| match (success, carry::cancelled(payload)) {
            (true, Some(n)) => Ok(Some(n)),
            (true, None) => Err("the cancel answer is not Status=\"Cancelled\" with a cancellation number (UniqueID Type=\"15\")".to_string()),
            (false, _) => Err("the cancel answer is not a Success".to_string()),
        });
        self.cx.rec.run.settle_cancel(id, number, answer.entry);
        Ok(())
    }

    /// Steps 15 and 16: the same cancel again, and a read of the cancelled reservation.
    fn cancel_probes(&mut self, id: &str) -> Result<(), Error> {
        let probes = self.cx.scenario.probes.clone();
        let sent = json!({"reservation_id": id});
        if probes.repeat_cancel && self.cx.plan.wants("hs2.repeat-cancel") {
            let step = self.step(
                "hs2.repeat-cancel",
                "cancel",
                Some("repeat-cancel"),
                sent.clone(),
                format!("reservation {id} again"),
            );
            let body = requests::cancel(&self.common(false), id);
            self.probe(&step, body, "cancel")?;
        }
        if probes.read_cancelled && self.cx.plan.wants("hs2.read-cancelled") {
            let step = self.step(
                "hs2.read-cancelled",
                "read",
                Some("read-cancelled"),
                sent,
                format!("reservation {id}"),
            );
            let body = requests::read(&self.common(false), id);
            self.probe(&step, body, "read")?;
        }
        Ok(())
    }
}
