//! HS2 steps 4–11: availability and the choice of a rate, the mixed, unknown-hotel and
//! invalid-date probes, descriptive info, rate details and the unknown-rate probe.

use serde_json::json;

use super::carry::{self, Offer};
use super::flow::{Flow, placeholder};
use super::requests::{self, Hotel, Stay};
use crate::error::Error;
use crate::probe::scenario::RateDetails;

const BOOKING: [&str; 3] = ["hs2.book", "hs2.read", "hs2.cancel"];

fn hotel(code: &str) -> Hotel {
    Hotel {
        code: code.to_string(),
        chain: None,
    }
}

impl Flow<'_, '_> {
    pub(super) fn availability(&mut self, hotels: &[Hotel], stay: &Stay) -> Result<(), Error> {
        let offer = self.offer_of(hotels, stay)?;
        if let Some((o, _)) = &offer {
            self.single_hotel(o, stay)?;
            self.parallel(hotels, stay)?;
        }
        self.mixed_hotels(hotels, stay)?;
        self.unknown_hotel(stay)?;
        if let Some((o, _)) = &offer {
            self.invalid_date(o, stay)?;
        }
        self.detail(offer.as_ref().map(|(o, _)| &o.hotel).or(hotels.first()))?;
        if let Some((o, ind)) = offer {
            let confirmed = self.rate_details(&o, ind, stay)?;
            self.unknown_rate(&o, stay)?;
            if let Some(o) = confirmed
                && self.offer.is_none()
            {
                self.offer = Some((o, self.place));
            }
        }
        Ok(())
    }

    /// Step 4: the rate to book and the rate-details indicator, or why there is none.
    fn offer_of(
        &mut self,
        hotels: &[Hotel],
        stay: &Stay,
    ) -> Result<Option<(Offer, Option<bool>)>, Error> {
        let id = self.id("availability");
        if hotels.is_empty() || !self.cx.plan.wants(&id) {
            return Ok(None);
        }
        let codes: Vec<&str> = hotels.iter().map(|h| h.code.as_str()).collect();
        let n = hotels.len();
        let summary = format!("{n} hotel{}", if n == 1 { "" } else { "s" });
        let sent = json!({"hotel_codes": codes, "stay": [stay.start, stay.end]});
        let step = self.step(&id, "availability", None, sent, summary);
        let token = self.token.clone();
        let body =
            requests::availability(&self.common(false), hotels, stay, token.as_deref(), None);
        let answer = self.send(&step, body, "availability", false)?;
        let pinned = self
            .cx
            .scenario
            .booking
            .as_ref()
            .and_then(|b| b.rate_plan_id.clone());
        let dry = || {
            let rate_plan = placeholder("RatePlanID", "hs2.availability");
            (
                Offer {
                    hotel: hotels[0].clone(),
                    rate_plan,
                    guarantee: None,
                    total: None,
                },
                Some(false),
            )
        };
        let chosen = self.judge(&step, &answer, dry, |payload, success| {
            if !success {
                return Err("the availability answer is not a Success".to_string());
            }
            let ind = carry::rate_details_ind(payload);
            carry::choose(payload, hotels, pinned.as_deref()).map(|o| (o, ind)).ok_or_else(|| {
                format!("the answer has no bookable rate for the {} asked (a RatePlan AvailableForSale with its RoomRate, guaranteed by card or none)", crate::report::plural(n, "hotel"))
            })
        });
        let token = self.token.clone();
        self.wrong_password("availability", json!({"hotel_codes": codes}), |c| {
            requests::availability(c, hotels, stay, token.as_deref(), None)
        })?;
        if chosen.is_none() {
            let mut blocked: Vec<String> = ["invalid-date", "ratedetails", "unknown-rate"]
                .iter()
                .map(|s| self.id(s))
                .collect();
            if self.offer.is_none() && self.place + 1 == self.cx.scenario.searches.len() {
                blocked.extend(BOOKING.map(String::from));
            }
            self.block(&id, &blocked);
        }
        Ok(chosen)
    }

    /// With `[steps] single_hotel_availability`: availability for the chosen hotel alone, as
    /// Concur asks when a traveller opens one hotel (HS2-WALK step 4); it must still offer a
    /// bookable rate. Nothing else waits on it.
    fn single_hotel(&mut self, o: &Offer, stay: &Stay) -> Result<(), Error> {
        let id = self.id("availability-single");
        if !self.cx.scenario.single_hotel || !self.cx.plan.wants(&id) {
            return Ok(());
        }
        let sent = json!({"hotel_codes": [o.hotel.code], "stay": [stay.start, stay.end]});
        let step = self.step(
            &id,
            "availability",
            None,
            sent,
            format!("hotel {}", o.hotel.code),
        );
        let token = self.token.clone();
        let one = std::slice::from_ref(&o.hotel);
        let body = requests::availability(&self.common(false), one, stay, token.as_deref(), None);
        let answer = self.send(&step, body, "availability", false)?;
        self.judge(&step, &answer, || (), |payload, success| match success {
            false => Err("the availability answer is not a Success".to_string()),
            true => carry::choose(payload, one, None).map(|_| ()).ok_or_else(|| {
                format!("the answer has no bookable rate for hotel {}, which the availability of several hotels offered", o.hotel.code)
            }),
        });
        Ok(())
    }

    /// With `[steps] parallel_availability = k`: k single-hotel availabilities sent at once,
    /// the carried hotels in turn ("Parallel Availability requests should be supported",
    /// HS2-WALK); each must be a Success. Nothing else waits on them.
    fn parallel(&mut self, hotels: &[Hotel], stay: &Stay) -> Result<(), Error> {
        let id = self.id("parallel-availability");
        let k = self.cx.scenario.parallel;
        if k == 0 || hotels.is_empty() || !self.cx.plan.wants(&id) {
            return Ok(());
        }
        let token = self.token.clone();
        let mut batch = Vec::new();
        for i in 0..k {
            let one = std::slice::from_ref(&hotels[i % hotels.len()]);
            let sent = json!({"hotel_codes": [one[0].code], "stay": [stay.start, stay.end]});
            let summary = format!("hotel {} ({} of {k})", one[0].code, i + 1);
            let step = self.step(&id, "availability", None, sent, summary);
            let body =
                requests::availability(&self.common(false), one, stay, token.as_deref(), None);
            batch.push((step, body));
        }
        let answers = self.send_all(batch, "availability")?;
        if self.cx.rec.dry() {
            return Ok(());
        }
        let outcomes = answers
            .iter()
            .map(|a| {
                let o = super::flow::outcome(a, |_, success| match success {
                    true => Ok(()),
                    false => Err("the availability answer is not a Success".to_string()),
                });
                (a.entry, o)
            })
            .collect();
        self.cx.judged_all(&id, outcomes);
        Ok(())
    }

    /// Step 5: the real hotels with the unknown one.
    fn mixed_hotels(&mut self, hotels: &[Hotel], stay: &Stay) -> Result<(), Error> {
        let id = self.id("mixed-hotels");
        let probes = &self.cx.scenario.probes;
        let Some(fake) = probes
            .unknown_hotel
            .clone()
            .filter(|_| probes.mixed_hotels && !hotels.is_empty())
        else {
            return Ok(());
        };
        if !self.cx.plan.wants(&id) {
            return Ok(());
        }
        let mut all = hotels.to_vec();
        all.push(hotel(&fake));
        let codes: Vec<&str> = all.iter().map(|h| h.code.as_str()).collect();
        let sent = json!({"hotel_codes": codes, "fake": fake, "stay": [stay.start, stay.end]});
        let step = self.step(
            &id,
            "availability",
            Some("mixed-hotels"),
            sent,
            format!("{} + {fake}", crate::report::plural(hotels.len(), "hotel")),
        );
        let token = self.token.clone();
        let body = requests::availability(&self.common(false), &all, stay, token.as_deref(), None);
        self.probe(&step, body, "availability")
    }

    /// Step 6: only the hotel that does not exist.
    fn unknown_hotel(&mut self, stay: &Stay) -> Result<(), Error> {
        let id = self.id("unknown-hotel");
        let Some(fake) = self.fake_hotel(&id) else {
            return Ok(());
        };
        let sent = json!({"hotel_codes": [fake], "fake": fake, "stay": [stay.start, stay.end]});
        let step = self.step(
            &id,
            "availability",
            Some("unknown-hotel"),
            sent,
            format!("hotel {fake}"),
        );
        let token = self.token.clone();
        let body = requests::availability(
            &self.common(false),
            &[hotel(&fake)],
            stay,
            token.as_deref(),
            None,
        );
        self.probe(&step, body, "availability")
    }

    /// Step 7: the chosen hotel, checking in on the 33rd.
    fn invalid_date(&mut self, offer: &Offer, stay: &Stay) -> Result<(), Error> {
        let id = self.id("invalid-date");
        if !self.cx.scenario.probes.invalid_date || !self.cx.plan.wants(&id) {
            return Ok(());
        }
        let checkin = stay
            .start
            .parse::<jiff::civil::Date>()
            .unwrap_or(self.cx.today);
        let bad = crate::probe::dates::impossible(checkin);
        let bad_stay = Stay {
            start: &bad,
            end: stay.end,
        };
        let sent = json!({"hotel_codes": [offer.hotel.code], "stay": [bad, stay.end]});
        let step = self.step(
            &id,
            "availability",
            Some("invalid-date"),
            sent,
            format!("check-in {bad}"),
        );
        let token = self.token.clone();
        let hotels = std::slice::from_ref(&offer.hotel);
        let body = requests::availability(
            &self.common(false),
            hotels,
            &bad_stay,
            token.as_deref(),
            None,
        );
        self.probe(&step, body, "availability")
    }

    /// Steps 8 and 9: descriptive info for a real hotel and for the unknown one.
    fn detail(&mut self, real: Option<&Hotel>) -> Result<(), Error> {
        let id = self.id("detail");
        if let Some(h) = real.filter(|_| self.cx.plan.wants(&id)) {
            let step = self.step(
                &id,
                "detail",
                None,
                json!({"hotel_codes": [h.code]}),
                format!("hotel {}", h.code),
            );
            let body = requests::detail(&self.common(false), h);
            let answer = self.send(&step, body, "detail", false)?;
            self.judge(
                &step,
                &answer,
                || (),
                |_, success| match success {
                    true => Ok(()),
                    false => Err("the descriptive info answer is not a Success".to_string()),
                },
            );
            crate::probe::images::hs2(self.cx, &h.code, &answer);
            self.wrong_password("detail", json!({"hotel_codes": [h.code]}), |c| {
                requests::detail(c, h)
            })?;
        }
        let id = self.id("unknown-hotel-detail");
        let Some(fake) = self.fake_hotel(&id) else {
            return Ok(());
        };
        let step = self.step(
            &id,
            "detail",
            Some("unknown-hotel"),
            json!({"hotel_codes": [fake], "fake": fake}),
            format!("hotel {fake}"),
        );
        let body = requests::detail(&self.common(false), &hotel(&fake));
        self.probe(&step, body, "detail")
    }

    /// Step 10 when Concur would call it: the offer to book, `None` when the step failed.
    fn rate_details(
        &mut self,
        offer: &Offer,
        ind: Option<bool>,
        stay: &Stay,
    ) -> Result<Option<Offer>, Error> {
        let id = self.id("ratedetails");
        let call = match self.cx.scenario.ratedetails {
            RateDetails::Always => true,
            RateDetails::Never => false,
            RateDetails::AsConcur => ind == Some(false),
        };
        if !self.cx.plan.wants(&id) {
            return Ok(Some(offer.clone()));
        }
        if !call {
            let why = match self.cx.scenario.ratedetails {
                RateDetails::Never => "the scenario says `ratedetails = \"never\"`".to_string(),
                _ => "availability said RateDetailsInd=\"true\" (or left it out): Concur does not call ratedetails".to_string(),
            };
            self.cx.rec.run.status(&id, "skipped", Some(why), None);
            return Ok(Some(offer.clone()));
        }
        let sent = json!({"hotel_codes": [offer.hotel.code], "rate_plan": offer.rate_plan, "stay": [stay.start, stay.end]});
        let step = self.step(
            &id,
            "ratedetails",
            None,
            sent,
            format!("rate {}", offer.rate_plan),
        );
        let token = self.token.clone();
        let hotels = std::slice::from_ref(&offer.hotel);
        let body = requests::availability(
            &self.common(false),
            hotels,
            stay,
            token.as_deref(),
            Some(&offer.rate_plan),
        );
        let answer = self.send(&step, body, "ratedetails", false)?;
        let pinned = offer.rate_plan.clone();
        let confirmed = self.judge(
            &step,
            &answer,
            || offer.clone(),
            |payload, success| {
                if !success {
                    return Err("the ratedetails answer is not a Success".to_string());
                }
                carry::choose(payload, hotels, Some(&pinned))
                    .ok_or_else(|| format!("the answer does not confirm rate {pinned}"))
            },
        );
        let token = self.token.clone();
        self.wrong_password(
            "ratedetails",
            json!({"hotel_codes": [offer.hotel.code], "rate_plan": offer.rate_plan}),
            |c| requests::availability(c, hotels, stay, token.as_deref(), Some(&pinned)),
        )?;
        if confirmed.is_none() {
            self.block(&id, &BOOKING.map(String::from));
        }
        Ok(confirmed)
    }

    /// Step 11: rate details for a rate plan that does not exist.
    fn unknown_rate(&mut self, offer: &Offer, stay: &Stay) -> Result<(), Error> {
        let id = self.id("unknown-rate");
        let Some(fake) = self
            .cx
            .scenario
            .probes
            .unknown_rate
            .clone()
            .filter(|_| self.cx.plan.wants(&id))
        else {
            return Ok(());
        };
        let sent = json!({"hotel_codes": [offer.hotel.code], "rate_plan": fake, "fake": fake});
        let step = self.step(
            &id,
            "ratedetails",
            Some("unknown-rate"),
            sent,
            format!("rate {fake}"),
        );
        let token = self.token.clone();
        let hotels = std::slice::from_ref(&offer.hotel);
        let body = requests::availability(
            &self.common(false),
            hotels,
            stay,
            token.as_deref(),
            Some(&fake),
        );
        self.probe(&step, body, "ratedetails")
    }
}
