//! The HS2 step list (docs/probe.md "The steps") in Concur's order, with the negative probes interleaved
//! where their inputs are known: each step's request is built from the scenario and from what
//! earlier answers carried, sent, recorded and judged; a failed step blocks what needs it, and
//! a reservation that came back is always cancelled.

use serde_json::{Value, json};

use super::carry::{self, Offer};
use super::requests::{self, Common, Place};
use crate::error::Error;
use crate::probe::exchange::{Answer, Outgoing, Step};
use crate::probe::scenario::Search;
use crate::probe::{Context, dates};

/// Runs the HS2 flow against `url`.
pub fn run(cx: &mut Context, url: &str) -> Result<(), Error> {
    let mut flow = Flow {
        cx,
        url: url.to_string(),
        token: None,
        offer: None,
        place: 0,
    };
    flow.steps()
}

pub(super) struct Flow<'c, 'a> {
    pub(super) cx: &'c mut Context<'a>,
    pub(super) url: String,
    pub(super) token: Option<String>,
    /// The rate to book, and the place it was found at.
    pub(super) offer: Option<(Offer, usize)>,
    pub(super) place: usize,
}

/// What a positive step's answer gives: `read` gets the payload and whether it is a success.
pub(super) fn outcome<T>(
    answer: &Answer,
    read: impl FnOnce(roxmltree::Node, bool) -> Result<T, String>,
) -> Result<T, String> {
    match (answer.status, &answer.transport_error) {
        (_, Some(e)) => Err(format!("no response ({e})")),
        (Some(200), None) => match roxmltree::Document::parse(&answer.text()) {
            Ok(doc) => match carry::payload(&doc) {
                Some((payload, success)) => read(payload, success),
                None => Err("the answer holds no OTA response".to_string()),
            },
            Err(_) => Err("the answer is not well-formed XML".to_string()),
        },
        (Some(s), None) => Err(format!("HTTP {s} instead of 200")),
        (None, None) => Err("no HTTP status".to_string()),
    }
}

/// The placeholder a dry run shows for a value an answer would carry.
pub(super) fn placeholder(what: &str, from: &str) -> String {
    format!("{{{what} from {from}}}")
}

impl Flow<'_, '_> {
    pub(super) fn steps(&mut self) -> Result<(), Error> {
        let searches = self.cx.scenario.searches.clone();
        for (i, search) in searches.iter().enumerate() {
            self.place = i;
            self.shop(search)?;
        }
        self.book()?;
        if self.cx.plan.wants("hs2.unknown-booking")
            && let Some(fake) = self.cx.scenario.probes.unknown_booking.clone()
        {
            let step = self.step(
                "hs2.unknown-booking",
                "read",
                Some("unknown-booking"),
                json!({"reservation_id": fake, "fake": fake}),
                format!("reservation {fake}"),
            );
            let body = requests::read(&self.common(false), &fake);
            self.probe(&step, body, "read")?;
        }
        Ok(())
    }

    pub(super) fn id(&self, base: &str) -> String {
        match self.place {
            0 => format!("hs2.{base}"),
            n => format!("hs2.{base}@{}", n + 1),
        }
    }

    /// The scenario's hotel that does not exist, when the plan runs step `id`.
    pub(super) fn fake_hotel(&self, id: &str) -> Option<String> {
        let fake = self.cx.scenario.probes.unknown_hotel.as_ref();
        fake.filter(|_| self.cx.plan.wants(id)).cloned()
    }

    pub(super) fn step(
        &self,
        id: &str,
        operation: &'static str,
        probe: Option<&'static str>,
        sent: Value,
        summary: String,
    ) -> Step {
        Step::new("hs2", id, operation, probe, sent, summary)
    }

    pub(super) fn common(&mut self, bad: bool) -> Common<'_> {
        let echo_token = self.cx.ids.echo_token();
        Common {
            user: &self.cx.creds.user,
            password: if bad {
                &self.cx.creds.bad_password
            } else {
                &self.cx.creds.password
            },
            requestor: &self.cx.scenario.requestor,
            echo_token,
        }
    }

    /// Sends an HS2 request with Concur's headers (docs/probe.md "What is sent").
    pub(super) fn send(
        &mut self,
        step: &Step,
        body: String,
        action: &str,
        bad: bool,
    ) -> Result<Answer, Error> {
        let (step, out) = self.outgoing(step, body, action, bad);
        let step = &step;
        // Shopping steps are repeated for timing statistics; each sample is its own entry.
        let shopping = step.probe.is_none()
            && matches!(
                step.operation,
                "search" | "availability" | "detail" | "ratedetails"
            );
        let times = if shopping {
            self.cx.rec.repeat.max(1)
        } else {
            1
        };
        let first = self.cx.rec.send(step, out.clone())?;
        for _ in 1..times {
            let mut again = out.clone();
            for (name, value) in &mut again.headers {
                if name == "concur-correlationid" {
                    *value = self.cx.ids.correlation();
                }
            }
            self.cx.rec.send(step, again)?;
        }
        Ok(first)
    }

    /// Sends these requests at once ([`crate::probe::exchange::Recorder::send_all`]).
    pub(super) fn send_all(
        &mut self,
        batch: Vec<(Step, String)>,
        action: &str,
    ) -> Result<Vec<Answer>, Error> {
        let batch = batch
            .into_iter()
            .map(|(step, body)| self.outgoing(&step, body, action, false))
            .collect();
        self.cx.rec.send_all(batch)
    }

    /// The request of a step with Concur's headers, and the step with what it carried.
    fn outgoing(&mut self, step: &Step, body: String, action: &str, bad: bool) -> (Step, Outgoing) {
        let mut step = step.clone();
        step.carried = self.carried(&step);
        let creds = &self.cx.creds;
        let basic = if bad {
            creds.bad_basic.clone()
        } else {
            creds.basic.clone()
        };
        let mut headers = vec![
            ("authorization".to_string(), basic),
            ("soapaction".to_string(), action.to_string()),
            (
                "content-type".to_string(),
                "application/xml; charset=\"utf-8\"".to_string(),
            ),
            ("accept".to_string(), "application/xml".to_string()),
            ("accept-charset".to_string(), "utf-8".to_string()),
        ];
        if let Some(enc) = &self.cx.scenario.transport.hs2_accept_encoding {
            headers.push(("accept-encoding".to_string(), enc.clone()));
        }
        headers.push((
            "concur-correlationid".to_string(),
            self.cx.ids.correlation(),
        ));
        headers.push(("concur-traveleruuid".to_string(), self.cx.traveler.clone()));
        if let Some(login) = &self.cx.scenario.requestor.login_id {
            headers.push(("concur-loginid".to_string(), login.clone()));
        }
        let out = Outgoing {
            url: self.url.clone(),
            headers,
            body,
            mime: "application/xml",
        };
        (step, out)
    }

    /// Where the values a request carries came from (`_otalint.carried`).
    fn carried(&self, step: &Step) -> Value {
        let shopping = if self.cx.scenario.searches[self.place].hotel_codes.is_empty() {
            "hs2.search"
        } else {
            "scenario hotel_codes"
        };
        let token = self.token.as_ref().map(|_| "hs2.search");
        match step.operation {
            "availability" | "detail" if step.probe != Some("unknown-hotel") => {
                json!({"hotel_codes": shopping, "search_session_token": token})
            }
            "ratedetails" => {
                json!({"hotel_codes": "hs2.availability", "rate_plan": if step.probe.is_some() { "probe" } else { "hs2.availability" }, "search_session_token": token})
            }
            "book" => {
                json!({"rate_plan": if self.cx.rec.run.steps.iter().any(|s| s.id.starts_with("hs2.ratedetails") && s.status == "ok") { "hs2.ratedetails" } else { "hs2.availability" }, "search_session_token": token})
            }
            "read" | "cancel" if step.probe != Some("unknown-booking") => {
                json!({"reservation_id": "hs2.book"})
            }
            _ => json!({}),
        }
    }

    /// A negative probe: sent and recorded; the probe rules judge the answer.
    pub(super) fn probe(&mut self, step: &Step, body: String, action: &str) -> Result<(), Error> {
        let answer = self.send(step, body, action, false)?;
        self.cx.rec.verdict("probe");
        self.cx
            .rec
            .run
            .status(&step.id, "probe", None, answer.entry);
        Ok(())
    }

    /// With `bad_credentials = "all"`: the request of `operation` again with the wrong password
    /// (`build` makes it from the common part), as `hs2.bad-credentials-<operation>`.
    pub(super) fn wrong_password(
        &mut self,
        operation: &'static str,
        sent: Value,
        build: impl FnOnce(&Common) -> String,
    ) -> Result<(), Error> {
        let id = format!("hs2.bad-credentials-{operation}");
        if self.place != 0
            || self.cx.scenario.probes.bad_credentials != Some(true)
            || !self.cx.plan.wants(&id)
        {
            return Ok(());
        }
        let step = self.step(
            &id,
            operation,
            Some("bad-credentials"),
            sent,
            "wrong password".into(),
        );
        let body = build(&self.common(true));
        let answer = self.send(&step, body, operation, true)?;
        self.cx.rec.verdict("probe");
        self.cx
            .rec
            .run
            .status(&step.id, "probe", None, answer.entry);
        Ok(())
    }

    /// Judges a positive step: `read` gets the payload and whether it is a success, and says
    /// what it carries or why the step failed.
    pub(super) fn judge<T>(
        &mut self,
        step: &Step,
        answer: &Answer,
        dry: impl FnOnce() -> T,
        read: impl FnOnce(roxmltree::Node, bool) -> Result<T, String>,
    ) -> Option<T> {
        if self.cx.rec.dry() {
            return Some(dry());
        }
        let why = outcome(answer, read);
        self.cx.judged(&step.id, answer.entry, why)
    }

    /// Marks the planned steps `ids` blocked by `by` ([`crate::probe::Context::block`]).
    pub(super) fn block(&mut self, by: &str, ids: &[String]) {
        self.cx.block(by, ids);
    }

    pub(super) fn stay(&self, search: &Search) -> (String, String) {
        let checkin = dates::Checkin::parse(&search.checkin)
            .map(|c| c.resolve(self.cx.today))
            .unwrap_or(self.cx.today);
        (
            checkin.to_string(),
            dates::plus_days(checkin, search.nights).to_string(),
        )
    }

    pub(super) fn place<'s>(
        search: &'s Search,
        position: Option<crate::probe::scenario::Position>,
    ) -> Place<'s> {
        let p = position.unwrap_or(search.position);
        Place {
            latitude: p.latitude,
            longitude: p.longitude,
            radius: search.radius,
            radius_max: search.radius_max,
            unit_code: search.unit_code,
            hotel_name: search.hotel_name.as_deref(),
            custom_fields: &search.custom_fields,
        }
    }
}
