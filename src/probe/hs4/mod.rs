//! Hotel Service v4: the REST chain search → details → rates → ratedetails → reservation →
//! read → cancel in the order of Concur's vendor kit, with the negative probes (docs/probe.md,
//! "The steps" and "The negative probes"), each answer judged for what the next step needs and
//! recorded like HS2's.

mod book;
pub mod requests;
mod shop;

use serde_json::{Value, json};

use requests::Hotel;

use crate::error::Error;
use crate::probe::Context;
use crate::probe::exchange::{Answer, Outgoing, Step};
use crate::probe::scenario::Search;

pub fn run(cx: &mut Context, url: &str) -> Result<(), Error> {
    let mut flow = Flow {
        cx,
        base: url.trim_end_matches('/').to_string(),
        token: None,
        offer: None,
        place: 0,
        leads: Vec::new(),
    };
    flow.steps()
}

/// The rate to book.
#[derive(Clone, Debug)]
pub(crate) struct Offer {
    pub hotel: Hotel,
    pub rate: String,
    pub details_required: bool,
}

/// Where an offer was found: its place's stay and session token, which the booking carries.
#[derive(Clone, Debug, Default)]
pub(crate) struct Found {
    pub stay: (String, String),
    pub token: Option<String>,
}

pub(crate) struct Flow<'c, 'a> {
    pub(crate) cx: &'c mut Context<'a>,
    pub(crate) base: String,
    pub(crate) token: Option<String>,
    /// The rate to book, at the first place that gave one.
    pub(crate) offer: Option<(Offer, Found)>,
    /// The `[[search]]` place being shopped (ids after the first are suffixed `@2`, `@3`).
    pub(crate) place: usize,
    /// Each search hotel's code and lead image, for `--check-images`.
    pub(crate) leads: Vec<(String, String)>,
}

/// What a positive step's answer gives: HTTP 200 with a JSON object that `read` takes.
pub(crate) fn outcome<T>(
    answer: &Answer,
    read: impl FnOnce(&Value) -> Result<T, String>,
) -> Result<T, String> {
    match (answer.status, &answer.transport_error) {
        (_, Some(e)) => Err(format!("no response ({e})")),
        (Some(200), None) => match serde_json::from_str::<Value>(&answer.text()) {
            Ok(v) if v.is_object() => read(&v),
            _ => Err("the answer is not a JSON object".to_string()),
        },
        (Some(s), None) => Err(format!("HTTP {s} instead of 200")),
        (None, None) => Err("no HTTP status".to_string()),
    }
}

pub(crate) fn placeholder(what: &str, from: &str) -> String {
    format!("{{{what} from {from}}}")
}

impl Flow<'_, '_> {
    fn steps(&mut self) -> Result<(), Error> {
        let searches = self.cx.scenario.searches.clone();
        for (i, search) in searches.iter().enumerate() {
            self.place = i;
            self.shop(search)?;
        }
        let found = self.offer.as_ref().map(|(_, f)| f.clone());
        let Found { stay, token } = found.unwrap_or_default();
        if self.offer.is_some() {
            self.token = token;
        }
        self.book((&stay.0, &stay.1))?;
        self.unknown_booking()
    }

    /// Steps 1–10 at one place (as HS2 runs its steps per place); the wrong
    /// password is sent once, at the first.
    fn shop(&mut self, search: &Search) -> Result<(), Error> {
        let (start, end) = self.stay(search);
        let stay = (start.as_str(), end.as_str());
        if self.place == 0 {
            self.probe_search(search, stay, None)?;
        }
        let mut hotels = self.search(search, stay)?;
        if !search.hotel_codes.is_empty() {
            hotels = search
                .hotel_codes
                .iter()
                .map(|c| Hotel {
                    code: c.clone(),
                    chain: None,
                })
                .collect();
        }
        if let Some(p) = self.cx.scenario.probes.no_hotels {
            self.probe_search(search, stay, Some((p.latitude, p.longitude)))?;
        }
        if hotels.is_empty() {
            let mut blocked: Vec<String> = ["details", "rates", "mixed-hotels"]
                .map(|b| self.id(b))
                .into();
            if self.booking_open() {
                blocked.extend(["hs4.reservation", "hs4.read", "hs4.cancel"].map(String::from));
            }
            self.block(&self.id("search"), &blocked);
        } else {
            self.details(&hotels)?;
            self.rates(&hotels, stay)?;
        }
        Ok(())
    }

    /// The id of step `base` at the current place: `hs4.rates`, `hs4.rates@2`.
    pub(crate) fn id(&self, base: &str) -> String {
        match self.place {
            0 => format!("hs4.{base}"),
            n => format!("hs4.{base}@{}", n + 1),
        }
    }

    /// Whether a failure here leaves nothing to book: the last place, and no rate found yet.
    pub(crate) fn booking_open(&self) -> bool {
        self.offer.is_none() && self.place + 1 == self.cx.scenario.searches.len()
    }

    /// Step 1 (the wrong password, `at` none) or step 3 (a search where no hotel can be).
    fn probe_search(
        &mut self,
        search: &Search,
        stay: (&str, &str),
        at: Option<(f64, f64)>,
    ) -> Result<(), Error> {
        let (id, probe, bad) = match at {
            None => ("hs4.bad-credentials".to_string(), "bad-credentials", true),
            Some(_) => (self.id("no-hotels"), "no-hotels", false),
        };
        if !self.cx.plan.wants(&id) || (bad && self.cx.scenario.probes.bad_credentials.is_none()) {
            return Ok(());
        }
        let position = at.unwrap_or((search.position.latitude, search.position.longitude));
        let summary = if bad { "wrong password" } else { "open ocean" };
        let sent = json!({"stay": [stay.0, stay.1], "position": [position.0, position.1]});
        let step = self.step(&id, "search", Some(probe), sent, summary.into());
        let body = requests::search(
            search,
            &self.requestor(),
            stay,
            position,
            &self.cx.scenario.requestor.country,
        );
        let answer = self.send(&step, "/hotels/search", &body, bad)?;
        self.done(&step, &answer);
        Ok(())
    }

    /// Step 16: a read of a reservation that does not exist.
    fn unknown_booking(&mut self) -> Result<(), Error> {
        let Some(fake) = self
            .cx
            .scenario
            .probes
            .unknown_booking
            .clone()
            .filter(|_| self.cx.plan.wants("hs4.unknown-booking"))
        else {
            return Ok(());
        };
        let step = self.step(
            "hs4.unknown-booking",
            "read",
            Some("unknown-booking"),
            json!({"reservation_id": fake, "fake": fake}),
            format!("reservation {fake}"),
        );
        let codes = json!([{"codeType": "SUPPLIER_CONFIRMATION", "code": fake}]);
        let body = requests::by_codes(&codes, &self.requestor());
        let answer = self.send(&step, "/hotels/reservation/read", &body, false)?;
        self.done(&step, &answer);
        Ok(())
    }

    pub(crate) fn requestor(&self) -> Value {
        requests::requestor(&self.cx.scenario.requestor, &self.cx.traveler)
    }

    pub(crate) fn stay(&self, s: &Search) -> (String, String) {
        let checkin = crate::probe::dates::Checkin::parse(&s.checkin)
            .map(|c| c.resolve(self.cx.today))
            .unwrap_or(self.cx.today);
        (
            checkin.to_string(),
            crate::probe::dates::plus_days(checkin, s.nights).to_string(),
        )
    }

    pub(crate) fn step(
        &self,
        id: &str,
        operation: &'static str,
        probe: Option<&'static str>,
        sent: Value,
        summary: String,
    ) -> Step {
        Step::new("hs4", id, operation, probe, sent, summary)
    }

    /// The request with Concur's HS4 headers.
    fn outgoing(&mut self, path: &str, body: &Value, bad: bool) -> Outgoing {
        let creds = &self.cx.creds;
        let basic = if bad {
            creds.bad_basic.clone()
        } else {
            creds.basic.clone()
        };
        let lang = format!(
            "{}-{}",
            self.cx.scenario.requestor.language, self.cx.scenario.requestor.country
        );
        let headers = vec![
            ("authorization".to_string(), basic),
            ("content-type".to_string(), "application/json".to_string()),
            ("accept".to_string(), "application/json".to_string()),
            ("concur-correlationid".to_string(), self.cx.ids.uuid()),
            ("accept-language".to_string(), lang),
        ];
        Outgoing {
            url: format!("{}{path}", self.base),
            headers,
            body: serde_json::to_string_pretty(body).unwrap_or_default(),
            mime: "application/json",
        }
    }

    /// POSTs a JSON body with Concur's HS4 headers (docs/probe.md "What is sent").
    pub(crate) fn send(
        &mut self,
        step: &Step,
        path: &str,
        body: &Value,
        bad: bool,
    ) -> Result<Answer, Error> {
        let out = self.outgoing(path, body, bad);
        self.cx.rec.send(step, out)
    }

    /// POSTs these bodies at once ([`crate::probe::exchange::Recorder::send_all`]).
    pub(crate) fn send_all(
        &mut self,
        path: &str,
        batch: Vec<(Step, Value)>,
    ) -> Result<Vec<Answer>, Error> {
        let batch = batch
            .into_iter()
            .map(|(step, body)| (step, self.outgoing(path, &body, false)))
            .collect();
        self.cx.rec.send_all(batch)
    }

    /// A negative probe was answered: the rules judge it.
    pub(crate) fn done(&mut self, step: &Step, answer: &Answer) {
        self.cx.rec.verdict("probe");
        self.cx
            .rec
            .run
            .status(&step.id, "probe", None, answer.entry);
    }

    /// Judges a positive step: HTTP 200 with a JSON object from which `read` takes what the
    /// next step needs, or says why it cannot.
    pub(crate) fn judge<T>(
        &mut self,
        step: &Step,
        answer: &Answer,
        dry: impl FnOnce() -> T,
        read: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Option<T> {
        if self.cx.rec.dry() {
            return Some(dry());
        }
        let why = outcome(answer, read);
        self.cx.judged(&step.id, answer.entry, why)
    }

    /// Marks the planned steps `ids` blocked by `by` ([`crate::probe::Context::block`]).
    pub(crate) fn block<S: AsRef<str>>(&mut self, by: &str, ids: &[S]) {
        self.cx.block(by, ids);
    }
}
