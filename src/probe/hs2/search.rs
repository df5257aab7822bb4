//! HS2 steps 1–3 of each place: the wrong-password probe, the search and the no-hotels probe;
//! then the shopping of [`super::shop`].

use serde_json::json;

use super::carry;
use super::flow::{Flow, placeholder};
use super::requests::{self, Hotel, Stay};
use crate::error::Error;
use crate::probe::scenario::Search;

impl Flow<'_, '_> {
    /// Steps 1–11 for one place.
    pub(super) fn shop(&mut self, search: &Search) -> Result<(), Error> {
        let (start, end) = self.stay(search);
        let stay = Stay {
            start: &start,
            end: &end,
        };
        self.bad_credentials(search, &stay)?;
        let mut hotels = self.search(search, &stay)?;
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
        self.no_hotels(search, &stay)?;
        if hotels.is_empty() {
            let shopping = [
                "availability",
                "mixed-hotels",
                "invalid-date",
                "detail",
                "ratedetails",
                "unknown-rate",
            ];
            let mut ids: Vec<String> = shopping.iter().map(|s| self.id(s)).collect();
            if self.place + 1 == self.cx.scenario.searches.len() && self.offer.is_none() {
                ids.extend(["hs2.book", "hs2.read", "hs2.cancel"].map(String::from));
            }
            let id = self.id("search");
            self.block(&id, &ids);
        }
        self.availability(&hotels, &stay)
    }

    /// Step 1, once: the search with a wrong password in both places.
    fn bad_credentials(&mut self, search: &Search, stay: &Stay) -> Result<(), Error> {
        if self.place != 0
            || self.cx.scenario.probes.bad_credentials.is_none()
            || !self.cx.plan.wants("hs2.bad-credentials")
        {
            return Ok(());
        }
        let sent = json!({"stay": [stay.start, stay.end]});
        let step = self.step(
            "hs2.bad-credentials",
            "search",
            Some("bad-credentials"),
            sent,
            "wrong password".into(),
        );
        let body = requests::search(&self.common(true), &Self::place(search, None), stay);
        let answer = self.send(&step, body, "search", true)?;
        self.cx.rec.verdict("probe");
        self.cx
            .rec
            .run
            .status(&step.id, "probe", None, answer.entry);
        Ok(())
    }

    /// Step 2: the first `hotels_to_shop` hotels and the session token.
    fn search(&mut self, search: &Search, stay: &Stay) -> Result<Vec<Hotel>, Error> {
        let id = self.id("search");
        if !self.cx.plan.wants(&id) {
            return Ok(Vec::new());
        }
        let position = [search.position.latitude, search.position.longitude];
        let sent = json!({"stay": [stay.start, stay.end], "position": position});
        let step = self.step(&id, "search", None, sent, search.name.clone());
        let body = requests::search(&self.common(false), &Self::place(search, None), stay);
        let answer = self.send(&step, body, "search", false)?;
        let n = search.hotels_to_shop;
        let dry = || {
            (
                vec![Hotel {
                    code: placeholder("HotelCode", "hs2.search"),
                    chain: None,
                }],
                None,
            )
        };
        let found = self.judge(&step, &answer, dry, |payload, success| {
            let (hotels, token) = carry::search(payload, n);
            match (success, hotels.is_empty()) {
                (false, _) => Err("the search answer is not a Success".to_string()),
                (true, true) => Err(
                    "the search answer names no hotel (Properties/Property/@HotelCode)".to_string(),
                ),
                (true, false) => Ok((hotels, token)),
            }
        });
        Ok(match found {
            Some((hotels, token)) => {
                self.token = token;
                hotels
            }
            None => Vec::new(),
        })
    }

    /// Step 3: a search where no hotel can be.
    fn no_hotels(&mut self, search: &Search, stay: &Stay) -> Result<(), Error> {
        let id = self.id("no-hotels");
        let Some(position) = self
            .cx
            .scenario
            .probes
            .no_hotels
            .filter(|_| self.cx.plan.wants(&id))
        else {
            return Ok(());
        };
        let sent = json!({"stay": [stay.start, stay.end], "position": [position.latitude, position.longitude], "radius": search.radius, "unit": search.unit_code});
        let step = self.step(&id, "search", Some("no-hotels"), sent, "open ocean".into());
        let body = requests::search(
            &self.common(false),
            &Self::place(search, Some(position)),
            stay,
        );
        self.probe(&step, body, "search")
    }
}
