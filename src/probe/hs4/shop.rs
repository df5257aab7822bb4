//! HS4 steps 2 and 4–10: search, details, rates and the choice of a rate, the unknown-hotel,
//! mixed and invalid-date probes, rate details and the unknown-rate probe.

use serde_json::{Value, json};

use super::requests::{self, Hotel};
use super::{Flow, Offer, placeholder};
use crate::error::Error;
use crate::probe::scenario::{RateDetails, Search};

impl Flow<'_, '_> {
    pub(super) fn search(&mut self, s: &Search, stay: (&str, &str)) -> Result<Vec<Hotel>, Error> {
        let position = (s.position.latitude, s.position.longitude);
        if !self.cx.plan.wants(&self.id("search")) {
            return Ok(Vec::new());
        }
        let step = self.step(
            &self.id("search"),
            "search",
            None,
            json!({"stay": [stay.0, stay.1], "position": [position.0, position.1]}),
            s.name.clone(),
        );
        let body = requests::search(
            s,
            &self.requestor(),
            stay,
            position,
            &self.cx.scenario.requestor.country,
        );
        let answer = self.send(&step, "/hotels/search", &body, false)?;
        self.leads = crate::probe::images::hs4_leads(&answer);
        let n = s.hotels_to_shop;
        let dry = || {
            (
                vec![Hotel {
                    code: placeholder("propertyCode", "hs4.search"),
                    chain: None,
                }],
                None,
            )
        };
        let found = self.judge(&step, &answer, dry, |v| {
            let hotels: Vec<Hotel> = v
                .get("hotelProperties")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|h| {
                    Some(Hotel {
                        code: h.get("propertyCode")?.as_str()?.to_string(),
                        chain: h
                            .get("chainCode")
                            .and_then(Value::as_str)
                            .map(str::to_string),
                    })
                })
                .take(n)
                .collect();
            match hotels.is_empty() {
                true => Err(
                    "the search answer names no hotel (hotelProperties[].propertyCode)".to_string(),
                ),
                false => Ok((
                    hotels,
                    v.get("searchSessionToken")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                )),
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

    pub(super) fn details(&mut self, hotels: &[Hotel]) -> Result<(), Error> {
        if !self.cx.plan.wants(&self.id("details")) {
            return Ok(());
        }
        let codes: Vec<&str> = hotels.iter().map(|h| h.code.as_str()).collect();
        let step = self.step(
            &self.id("details"),
            "details",
            None,
            json!({"hotel_codes": codes}),
            crate::report::plural(hotels.len(), "hotel"),
        );
        let body = requests::details(hotels, &self.requestor(), self.token.as_deref());
        let answer = self.send(&step, "/hotels/details", &body, false)?;
        self.judge(
            &step,
            &answer,
            || (),
            |v| match v.get("hotelDetailsList").and_then(Value::as_array) {
                Some(_) => Ok(()),
                None => Err("the details answer has no hotelDetailsList".to_string()),
            },
        );
        let codes: Vec<String> = hotels.iter().map(|h| h.code.clone()).collect();
        crate::probe::images::hs4(self.cx, &codes, &self.leads, &answer);
        Ok(())
    }

    /// Steps 5–10: the rate to book, the unknown-hotel, mixed and invalid-date probes, rate
    /// details when Concur would call it, and the unknown-rate probe.
    pub(super) fn rates(&mut self, hotels: &[Hotel], stay: (&str, &str)) -> Result<(), Error> {
        let r = self.requestor();
        let country = self.cx.scenario.requestor.country.clone();
        let codes: Vec<String> = hotels.iter().map(|h| h.code.clone()).collect();
        let mut offer = None;
        if self.cx.plan.wants(&self.id("rates")) {
            let step = self.step(
                &self.id("rates"),
                "rates",
                None,
                json!({"hotel_codes": codes, "stay": [stay.0, stay.1]}),
                crate::report::plural(hotels.len(), "hotel"),
            );
            let body = requests::rates(hotels, &r, stay, &country, self.token.as_deref());
            let answer = self.send(&step, "/hotels/rates", &body, false)?;
            let dry = || Offer {
                hotel: hotels[0].clone(),
                rate: placeholder("ratePlanId", "hs4.rates"),
                details_required: true,
            };
            offer = self.judge(&step, &answer, dry, |v| {
                choose(v, hotels).ok_or_else(|| {
                    format!(
                        "the answer has no rate for the {} asked",
                        crate::report::plural(hotels.len(), "hotel")
                    )
                })
            });
            if offer.is_none() {
                let mut ids: Vec<String> = ["invalid-date", "ratedetails", "unknown-rate"]
                    .map(|b| self.id(b))
                    .into();
                if self.booking_open() {
                    ids.extend(["hs4.reservation", "hs4.read", "hs4.cancel"].map(String::from));
                }
                self.block(&self.id("rates"), &ids);
            }
        }
        self.unknown_hotels(hotels, stay)?;
        let Some(o) = offer else {
            return Ok(());
        };
        self.single_hotel(&o, stay)?;
        self.parallel(hotels, stay)?;
        self.invalid_date(&o, stay)?;
        let confirmed = self.rate_details(&o, stay)?;
        self.unknown_rate(&o, stay)?;
        if self.offer.is_none() {
            let found = super::Found {
                stay: (stay.0.to_string(), stay.1.to_string()),
                token: self.token.clone(),
            };
            self.offer = confirmed.map(|o| (o, found));
        }
        Ok(())
    }
}

/// The rate to book (the `hs4.reservation` step): a rate of a hotel asked for, refundable and not prepaid first.
fn choose(v: &Value, asked: &[Hotel]) -> Option<Offer> {
    let mut best: Option<(u8, Offer)> = None;
    for hotel_rates in v.get("hotelRates")?.as_array()? {
        let code = hotel_rates.get("propertyCode").and_then(Value::as_str)?;
        let Some(hotel) = asked.iter().find(|h| h.code == code) else {
            continue;
        };
        for rate in hotel_rates
            .get("rates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let rr = rate.get("roomRate")?;
            let Some(id) = rr.get("ratePlanId").and_then(Value::as_str) else {
                continue;
            };
            let refundable = rr.get("refundable").and_then(Value::as_bool) == Some(true);
            let prepay = rr.get("prepayRequired").and_then(Value::as_bool) == Some(true);
            let rank = u8::from(!refundable) + 2 * u8::from(prepay);
            let details_required = rr.get("rateDetailsCallRequired").and_then(Value::as_bool)
                == Some(true)
                || rr.get("cancelPenalties").is_none()
                || rr.get("guarantee").is_none();
            let offer = Offer {
                hotel: hotel.clone(),
                rate: id.to_string(),
                details_required,
            };
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, offer));
            }
        }
    }
    best.map(|(_, o)| o)
}

impl Flow<'_, '_> {
    /// Steps 6 and 7: rates for a hotel that does not exist, alone and with the real ones.
    fn unknown_hotels(&mut self, hotels: &[Hotel], stay: (&str, &str)) -> Result<(), Error> {
        let r = self.requestor();
        let country = self.cx.scenario.requestor.country.clone();
        let fake = self.cx.scenario.probes.unknown_hotel.clone();
        if let Some(fake) = fake
            .as_ref()
            .filter(|_| self.cx.plan.wants(&self.id("unknown-hotel")))
        {
            let step = self.step(
                &self.id("unknown-hotel"),
                "rates",
                Some("unknown-hotel"),
                json!({"hotel_codes": [fake], "fake": fake, "stay": [stay.0, stay.1]}),
                format!("hotel {fake}"),
            );
            let body = requests::rates(
                &[Hotel {
                    code: fake.clone(),
                    chain: None,
                }],
                &r,
                stay,
                &country,
                self.token.as_deref(),
            );
            let answer = self.send(&step, "/hotels/rates", &body, false)?;
            self.done(&step, &answer);
        }
        if let Some(fake) = fake.as_ref().filter(|_| {
            self.cx.scenario.probes.mixed_hotels && self.cx.plan.wants(&self.id("mixed-hotels"))
        }) {
            let mut all = hotels.to_vec();
            all.push(Hotel {
                code: fake.clone(),
                chain: None,
            });
            let step = self.step(
            &self.id("mixed-hotels"), "rates", Some("mixed-hotels"), json!({"hotel_codes": all.iter().map(|h| &h.code).collect::<Vec<_>>(), "fake": fake, "stay": [stay.0, stay.1]}), format!("{} + {fake}", crate::report::plural(hotels.len(), "hotel")));
            let body = requests::rates(&all, &r, stay, &country, self.token.as_deref());
            let answer = self.send(&step, "/hotels/rates", &body, false)?;
            self.done(&step, &answer);
        }
        Ok(())
    }

    /// With `[steps] single_hotel_availability`: rates for the chosen hotel alone (Concur's
    /// single-hotel shopping); it must still offer a rate. Nothing else waits on it.
    fn single_hotel(&mut self, o: &Offer, stay: (&str, &str)) -> Result<(), Error> {
        let id = self.id("rates-single");
        if !self.cx.scenario.single_hotel || !self.cx.plan.wants(&id) {
            return Ok(());
        }
        let sent = json!({"hotel_codes": [o.hotel.code], "stay": [stay.0, stay.1]});
        let step = self.step(&id, "rates", None, sent, format!("hotel {}", o.hotel.code));
        let one = std::slice::from_ref(&o.hotel);
        let country = self.cx.scenario.requestor.country.clone();
        let body = requests::rates(
            one,
            &self.requestor(),
            stay,
            &country,
            self.token.as_deref(),
        );
        let answer = self.send(&step, "/hotels/rates", &body, false)?;
        self.judge(&step, &answer, || (), |v| match choose(v, one) {
            Some(_) => Ok(()),
            None => Err(format!(
                "the answer has no rate for hotel {}, which the rates of several hotels offered",
                o.hotel.code
            )),
        });
        Ok(())
    }

    /// With `[steps] parallel_availability = k`: k single-hotel rates sent at once, the
    /// carried hotels in turn; each must be HTTP 200 with a JSON object. Nothing waits on them.
    fn parallel(&mut self, hotels: &[Hotel], stay: (&str, &str)) -> Result<(), Error> {
        let id = self.id("parallel-rates");
        let k = self.cx.scenario.parallel;
        if k == 0 || hotels.is_empty() || !self.cx.plan.wants(&id) {
            return Ok(());
        }
        let (r, country) = (self.requestor(), self.cx.scenario.requestor.country.clone());
        let mut batch = Vec::new();
        for i in 0..k {
            let one = std::slice::from_ref(&hotels[i % hotels.len()]);
            let sent = json!({"hotel_codes": [one[0].code], "stay": [stay.0, stay.1]});
            let summary = format!("hotel {} ({} of {k})", one[0].code, i + 1);
            let step = self.step(&id, "rates", None, sent, summary);
            let body = requests::rates(one, &r, stay, &country, self.token.as_deref());
            batch.push((step, body));
        }
        let answers = self.send_all("/hotels/rates", batch)?;
        if self.cx.rec.dry() {
            return Ok(());
        }
        let outcomes = answers
            .iter()
            .map(|a| (a.entry, super::outcome(a, |_| Ok(()))))
            .collect();
        self.cx.judged_all(&id, outcomes);
        Ok(())
    }

    fn invalid_date(&mut self, o: &Offer, stay: (&str, &str)) -> Result<(), Error> {
        if !self.cx.scenario.probes.invalid_date || !self.cx.plan.wants(&self.id("invalid-date")) {
            return Ok(());
        }
        let checkin = stay.0.parse::<jiff::civil::Date>().unwrap_or(self.cx.today);
        let bad = crate::probe::dates::impossible(checkin);
        let step = self.step(
            &self.id("invalid-date"),
            "rates",
            Some("invalid-date"),
            json!({"hotel_codes": [o.hotel.code], "stay": [bad, stay.1]}),
            format!("check-in {bad}"),
        );
        let body = requests::rates(
            std::slice::from_ref(&o.hotel),
            &self.requestor(),
            (&bad, stay.1),
            &self.cx.scenario.requestor.country.clone(),
            self.token.as_deref(),
        );
        let answer = self.send(&step, "/hotels/rates", &body, false)?;
        self.done(&step, &answer);
        Ok(())
    }

    /// Step 9 when Concur would call it: the offer to book, `None` when the step failed.
    fn rate_details(&mut self, o: &Offer, stay: (&str, &str)) -> Result<Option<Offer>, Error> {
        let call = match self.cx.scenario.ratedetails {
            RateDetails::Always => true,
            RateDetails::Never => false,
            RateDetails::AsConcur => o.details_required,
        };
        let id = self.id("ratedetails");
        if !self.cx.plan.wants(&id) {
            return Ok(Some(o.clone()));
        }
        if !call {
            let why = "the rate carries its cancel penalties and guarantee and does not ask for rate details: Concur does not call them".to_string();
            self.cx.rec.run.status(&id, "skipped", Some(why), None);
            return Ok(Some(o.clone()));
        }
        let step = self.step(
            &self.id("ratedetails"),
            "ratedetails",
            None,
            json!({"hotel_codes": [o.hotel.code], "rate_plan": o.rate, "stay": [stay.0, stay.1]}),
            format!("rate {}", o.rate),
        );
        let body = requests::rate_details(
            &o.hotel,
            &o.rate,
            &self.requestor(),
            stay,
            &self.cx.scenario.requestor.country.clone(),
            self.token.as_deref(),
        );
        let answer = self.send(&step, "/hotels/ratedetails", &body, false)?;
        let wanted = o.rate.clone();
        let confirmed = self.judge(
            &step,
            &answer,
            || o.clone(),
            |v| {
                let rates = v
                    .get("roomRates")
                    .and_then(Value::as_array)
                    .ok_or("the answer has no roomRates")?;
                match rates
                    .iter()
                    .any(|r| r.get("ratePlanId").and_then(Value::as_str) == Some(wanted.as_str()))
                {
                    true => Ok(o.clone()),
                    false => Err(format!("the answer does not confirm rate {wanted}")),
                }
            },
        );
        if confirmed.is_none() && self.booking_open() {
            self.block(&id, &["hs4.reservation", "hs4.read", "hs4.cancel"]);
        }
        Ok(confirmed)
    }

    fn unknown_rate(&mut self, o: &Offer, stay: (&str, &str)) -> Result<(), Error> {
        let Some(fake) = self
            .cx
            .scenario
            .probes
            .unknown_rate
            .clone()
            .filter(|_| self.cx.plan.wants(&self.id("unknown-rate")))
        else {
            return Ok(());
        };
        let step = self.step(
            &self.id("unknown-rate"),
            "ratedetails",
            Some("unknown-rate"),
            json!({"hotel_codes": [o.hotel.code], "rate_plan": fake, "fake": fake}),
            format!("rate {fake}"),
        );
        let body = requests::rate_details(
            &o.hotel,
            &fake,
            &self.requestor(),
            stay,
            &self.cx.scenario.requestor.country.clone(),
            self.token.as_deref(),
        );
        let answer = self.send(&step, "/hotels/ratedetails", &body, false)?;
        self.done(&step, &answer);
        Ok(())
    }
}
