//! HS4 steps 11–15: the reservation, the read at once, the cancel as teardown whenever a
//! confirmation came back, then the repeat-cancel and read-cancelled probes.

use serde_json::{Value, json};

use super::{Flow, placeholder, requests};
use crate::error::Error;
use crate::probe::exchange::{Answer, Step};
use crate::probe::run::Booking;

const AFTER_BOOK: [&str; 4] = [
    "hs4.read",
    "hs4.cancel",
    "hs4.repeat-cancel",
    "hs4.read-cancelled",
];

/// The confirmation codes of a reservation answer the flow did not accept (any status), when
/// at least one code came back: a reservation may exist, and these are what cancels it.
fn salvaged(answer: &Answer) -> Option<Value> {
    let v: Value = serde_json::from_str(&answer.text()).ok()?;
    let codes = v.get("confirmationCodes")?;
    let any = codes.as_array()?.iter().any(|c| {
        c.get("code")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    });
    any.then(|| codes.clone())
}

/// `code` of the first confirmation code of this type.
fn code_of(codes: &Value, kind: &str) -> Option<String> {
    codes
        .as_array()?
        .iter()
        .find(|c| c.get("codeType").and_then(Value::as_str) == Some(kind))
        .and_then(|c| c.get("code")?.as_str().map(str::to_string))
}

impl Flow<'_, '_> {
    pub(super) fn book(&mut self, stay: (&str, &str)) -> Result<(), Error> {
        let steps = ["hs4.reservation", "hs4.read", "hs4.cancel"];
        let Some(booking) = self.cx.scenario.booking.clone() else {
            for id in steps.into_iter().filter(|id| self.cx.plan.wants(id)) {
                self.cx.rec.run.status(
                    id,
                    "skipped",
                    Some("the scenario has no [booking]: booking not tested".to_string()),
                    None,
                );
            }
            return Ok(());
        };
        if !self.cx.plan.wants("hs4.reservation") {
            return Ok(());
        }
        let Some((offer, _)) = self.offer.clone() else {
            if !self
                .cx
                .rec
                .run
                .steps
                .iter()
                .any(|s| s.id == "hs4.reservation")
            {
                self.cx.rec.run.status(
                    "hs4.reservation",
                    "blocked",
                    Some("no rate to book".to_string()),
                    None,
                );
            }
            return Ok(());
        };
        let step = self.step("hs4.reservation", "reservation", None, json!({"hotel_codes": [offer.hotel.code], "rate_plan": offer.rate, "stay": [stay.0, stay.1]}), format!("rate {}", offer.rate));
        let (number, cvv) = (
            self.cx.creds.card_number.clone().unwrap_or_default(),
            self.cx.creds.cvv.clone().unwrap_or_default(),
        );
        let x = requests::Reserve {
            hotel: &offer.hotel,
            rate: &offer.rate,
            stay,
            booking_uuid: self.cx.ids.uuid(),
            trip_uuid: self.cx.ids.uuid(),
            card_number: &number,
            cvv: &cvv,
        };
        let body = requests::reservation(&booking, &x, &self.requestor(), self.token.as_deref());
        let answer = self.send(&step, "/hotels/reservation", &body, false)?;
        let dry = || json!([{"codeType": "SUPPLIER_CONFIRMATION", "code": placeholder("SUPPLIER_CONFIRMATION", "hs4.reservation")}]);
        let codes = self.judge(&step, &answer, dry, confirmed);
        // Whatever the status and the other findings: codes that came back are cancelled.
        let (codes, whole) = match codes {
            Some(codes) => (codes, true),
            None => match salvaged(&answer) {
                Some(codes) => (codes, false),
                None => {
                    self.block("hs4.reservation", &AFTER_BOOK);
                    return Ok(());
                }
            },
        };
        self.booked(&codes, whole)
    }

    /// Records the reservation the codes name, then reads, cancels and probes it — or, when
    /// the reservation answer failed (`whole` false), only cancels it with those codes.
    fn booked(&mut self, codes: &Value, whole: bool) -> Result<(), Error> {
        let id = ["SUPPLIER_CONFIRMATION", "RESERVATION", "PIN"]
            .into_iter()
            .find_map(|kind| code_of(codes, kind))
            .unwrap_or_default();
        self.cx.rec.run.bookings.push(Booking {
            service: "hs4",
            reservation_id: id.clone(),
            modification_code: code_of(codes, "RESERVATION").or_else(|| code_of(codes, "PIN")),
            cancelled: false,
            cancellation_number: None,
        });
        self.cx.rec.flush();
        if whole {
            return self.after_booking(&id, codes);
        }
        // A failed reservation that still gave codes: no read, no probes, the cancel with the
        // codes that came back.
        let skipped = AFTER_BOOK.into_iter().filter(|s| *s != "hs4.cancel");
        self.block("hs4.reservation", &skipped.collect::<Vec<_>>());
        self.cancel(&id, codes)?;
        self.cx.rec.flush();
        Ok(())
    }

    /// Read at once, cancel whatever the read said, then the two probes.
    fn after_booking(&mut self, id: &str, codes: &Value) -> Result<(), Error> {
        if self.cx.plan.wants("hs4.read") {
            let (step, answer) = self.on_reservation("hs4.read", "read", None, id, codes)?;
            self.judge(
                &step,
                &answer,
                || (),
                |v| match v.get("status").and_then(Value::as_str) {
                    Some(_) => Ok(()),
                    None => Err("the read answer has no status".to_string()),
                },
            );
        }
        self.cancel(id, codes)?;
        self.cancel_probes(id, codes)?;
        self.cx.rec.flush();
        Ok(())
    }

    /// Step 13: the cancel; a reservation it does not cancel is named as left active.
    fn cancel(&mut self, id: &str, codes: &Value) -> Result<(), Error> {
        let (step, answer) = self.on_reservation("hs4.cancel", "cancel", None, id, codes)?;
        let dry = || placeholder("CANCELLATION", "hs4.cancel");
        let number = self.judge(&step, &answer, dry, |v| {
            v.get("confirmationCodes")
                .and_then(|c| code_of(c, "CANCELLATION"))
                .ok_or_else(|| "the cancel answer has no CANCELLATION code".to_string())
        });
        self.cx
            .rec
            .run
            .settle_cancel(id, number.map(Some), answer.entry);
        Ok(())
    }

    /// Steps 14 and 15: the same cancel again, and a read of the cancelled reservation.
    fn cancel_probes(&mut self, id: &str, codes: &Value) -> Result<(), Error> {
        let probes = &self.cx.scenario.probes;
        let (repeat, read) = (probes.repeat_cancel, probes.read_cancelled);
        if repeat && self.cx.plan.wants("hs4.repeat-cancel") {
            let probe = Some("repeat-cancel");
            let (step, answer) =
                self.on_reservation("hs4.repeat-cancel", "cancel", probe, id, codes)?;
            self.done(&step, &answer);
        }
        if read && self.cx.plan.wants("hs4.read-cancelled") {
            let probe = Some("read-cancelled");
            let (step, answer) =
                self.on_reservation("hs4.read-cancelled", "read", probe, id, codes)?;
            self.done(&step, &answer);
        }
        Ok(())
    }

    /// Sends `operation` (`read` or `cancel`) on the booked reservation, by its codes, as step
    /// `step_id`.
    fn on_reservation(
        &mut self,
        step_id: &str,
        operation: &'static str,
        probe: Option<&'static str>,
        id: &str,
        codes: &Value,
    ) -> Result<(Step, Answer), Error> {
        let again = if probe == Some("repeat-cancel") {
            " again"
        } else {
            ""
        };
        let sent = json!({"reservation_id": id});
        let step = self.step(
            step_id,
            operation,
            probe,
            sent,
            format!("reservation {id}{again}"),
        );
        let body = requests::by_codes(codes, &self.requestor());
        let path = format!("/hotels/reservation/{operation}");
        let answer = self.send(&step, &path, &body, false)?;
        Ok((step, answer))
    }
}

/// What a reservation answer must give for the flow to go on: its confirmation codes, with
/// the supplier's, and a status that books.
fn confirmed(v: &Value) -> Result<Value, String> {
    let codes = v.get("confirmationCodes").cloned().ok_or(
        "the reservation answer has no confirmationCodes: a reservation may exist at the supplier",
    )?;
    let status = v.get("status").and_then(Value::as_str).unwrap_or("");
    match (code_of(&codes, "SUPPLIER_CONFIRMATION"), status) {
        (None, _) => Err("the reservation answer has no SUPPLIER_CONFIRMATION code: a reservation may exist at the supplier".to_string()),
        (Some(_), "RESERVED" | "PENDING_CONFIRMATION") => Ok(codes),
        (Some(_), other) => Err(format!("status is \"{other}\", not RESERVED or PENDING_CONFIRMATION")),
    }
}
