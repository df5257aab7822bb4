//! HS2 steps 4–11: availability and the choice of a rate, the unknown-hotel, mixed and
//! invalid-date probes, descriptive info, rate details and the unknown-rate probe.

use serde_json::json;

use super::carry::{self, Offer};
use super::flow::{Flow, placeholder};
use super::requests::{self, Hotel, Stay};
use crate::error::Error;
use crate::probe::scenario::RateDetails;

impl Flow<'_, '_> {
    pub(super) fn availability(&mut self, hotels: &[Hotel], stay: &Stay) -> Result<(), Error> {
        let probes = self.cx.scenario.probes.clone();
        let fake = probes.unknown_hotel.clone();
        let token = self.token.clone();
        let sent =
            |codes: Vec<String>| json!({"hotel_codes": codes, "stay": [stay.start, stay.end]});
        let codes: Vec<String> = hotels.iter().map(|h| h.code.clone()).collect();
        let id = self.id("availability");
        let mut offer: Option<Offer> = None;
        let mut rate_details_ind = None;
        if !hotels.is_empty() && self.cx.plan.wants(&id) {
            let step = self.step(
                &id,
                "availability",
                None,
                sent(codes.clone()),
                format!(
                    "{} hotel{}",
                    hotels.len(),
                    if hotels.len() == 1 { "" } else { "s" }
                ),
            );
            let body =
                requests::availability(&self.common(false), hotels, stay, token.as_deref(), None);
            let answer = self.send(&step, body, "availability", false)?;
            let pinned = self
                .cx
                .scenario
                .booking
                .as_ref()
                .and_then(|b| b.rate_plan_id.clone());
            let n = hotels.len();
            let dry = || {
                let offer = Offer {
                    hotel: hotels[0].clone(),
                    rate_plan: placeholder("RatePlanID", "hs2.availability"),
                    guarantee: None,
                    total: None,
                };
                (offer, Some(false))
            };
            let chosen = self.judge(&step, &answer, dry, |payload, success| {
                if !success {
                    return Err("the availability answer is not a Success".to_string());
                }
                let ind = carry::rate_details_ind(payload);
                match carry::choose(payload, hotels, pinned.as_deref()) {
                    Some(o) => Ok((o, ind)),
                    None => Err(format!("the answer has no bookable rate for the {n} hotels asked (a RatePlan AvailableForSale with its RoomRate, guaranteed by card or none)")),
                }
            });
            match chosen {
                Some((o, ind)) => {
                    offer = Some(o);
                    rate_details_ind = ind;
                }
                None => {
                    let mut blocked: Vec<String> = ["invalid-date", "ratedetails", "unknown-rate"]
                        .iter()
                        .map(|s| self.id(s))
                        .collect();
                    if self.offer.is_none() && self.place + 1 == self.cx.scenario.searches.len() {
                        blocked.extend(["hs2.book", "hs2.read", "hs2.cancel"].map(String::from));
                    }
                    self.block(&id, &blocked);
                }
            }
        }
        let mixed = self.id("mixed-hotels");
        if let (Some(fake), true, false) = (
            &fake,
            probes.mixed_hotels && self.cx.plan.wants(&mixed),
            hotels.is_empty(),
        ) {
            let mut all = hotels.to_vec();
            all.push(Hotel {
                code: fake.clone(),
                chain: None,
            });
            let mut sent_codes = codes.clone();
            sent_codes.push(fake.clone());
            let mut s = sent(sent_codes);
            s["fake"] = json!(fake);
            let step = self.step(
                &mixed,
                "availability",
                Some("mixed-hotels"),
                s,
                format!("{} hotels + {fake}", hotels.len()),
            );
            let body =
                requests::availability(&self.common(false), &all, stay, token.as_deref(), None);
            self.probe(&step, body, "availability")?;
        }
        let unknown = self.id("unknown-hotel");
        if let Some(fake) = fake.as_ref().filter(|_| self.cx.plan.wants(&unknown)) {
            let mut s = sent(vec![fake.clone()]);
            s["fake"] = json!(fake);
            let step = self.step(
                &unknown,
                "availability",
                Some("unknown-hotel"),
                s,
                format!("hotel {fake}"),
            );
            let one = [Hotel {
                code: fake.clone(),
                chain: None,
            }];
            let body =
                requests::availability(&self.common(false), &one, stay, token.as_deref(), None);
            self.probe(&step, body, "availability")?;
        }
        let invalid = self.id("invalid-date");
        if let (Some(o), true) = (&offer, probes.invalid_date && self.cx.plan.wants(&invalid)) {
            let checkin = stay
                .start
                .parse::<jiff::civil::Date>()
                .unwrap_or(self.cx.today);
            let bad = crate::probe::dates::impossible(checkin);
            let bad_stay = Stay {
                start: &bad,
                end: stay.end,
            };
            let step = self.step(
                &invalid,
                "availability",
                Some("invalid-date"),
                json!({"hotel_codes": [o.hotel.code], "stay": [bad, stay.end]}),
                format!("check-in {bad}"),
            );
            let body = requests::availability(
                &self.common(false),
                std::slice::from_ref(&o.hotel),
                &bad_stay,
                token.as_deref(),
                None,
            );
            self.probe(&step, body, "availability")?;
        }
        self.detail(offer.as_ref().map(|o| &o.hotel).or(hotels.first()))?;
        if let Some(o) = offer
            && let Some(o) = self.rate_details(o, rate_details_ind, stay)?
            && self.offer.is_none()
        {
            self.offer = Some((o, self.place));
        }
        Ok(())
    }

    fn detail(&mut self, hotel: Option<&Hotel>) -> Result<(), Error> {
        let id = self.id("detail");
        if let Some(h) = hotel.filter(|_| self.cx.plan.wants(&id)) {
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
        }
        let unknown = self.id("unknown-hotel-detail");
        if let Some(fake) = self
            .cx
            .scenario
            .probes
            .unknown_hotel
            .clone()
            .filter(|_| self.cx.plan.wants(&unknown))
        {
            let step = self.step(
                &unknown,
                "detail",
                Some("unknown-hotel"),
                json!({"hotel_codes": [fake], "fake": fake}),
                format!("hotel {fake}"),
            );
            let body = requests::detail(
                &self.common(false),
                &Hotel {
                    code: fake,
                    chain: None,
                },
            );
            self.probe(&step, body, "detail")?;
        }
        Ok(())
    }

    /// Step 10 when Concur would call it, and the unknown-rate probe; the offer to book.
    fn rate_details(
        &mut self,
        offer: Offer,
        ind: Option<bool>,
        stay: &Stay,
    ) -> Result<Option<Offer>, Error> {
        let mut failed = false;
        let token = self.token.clone();
        let id = self.id("ratedetails");
        let call = match self.cx.scenario.ratedetails {
            RateDetails::Always => true,
            RateDetails::Never => false,
            RateDetails::AsConcur => ind == Some(false),
        };
        let mut result = offer.clone();
        if !call {
            let why = match self.cx.scenario.ratedetails {
                RateDetails::Never => "the scenario says `ratedetails = \"never\"`".to_string(),
                _ => "availability said RateDetailsInd=\"true\" (or left it out): Concur does not call ratedetails".to_string(),
            };
            if self.cx.plan.wants(&id) {
                self.cx.rec.run.status(&id, "skipped", Some(why), None);
            }
        } else if self.cx.plan.wants(&id) {
            let step = self.step(&id, "ratedetails", None, json!({"hotel_codes": [offer.hotel.code], "rate_plan": offer.rate_plan, "stay": [stay.start, stay.end]}), format!("rate {}", offer.rate_plan));
            let body = requests::availability(
                &self.common(false),
                std::slice::from_ref(&offer.hotel),
                stay,
                token.as_deref(),
                Some(&offer.rate_plan),
            );
            let answer = self.send(&step, body, "ratedetails", false)?;
            let asked = [offer.hotel.clone()];
            let pinned = offer.rate_plan.clone();
            let confirmed = self.judge(
                &step,
                &answer,
                || offer.clone(),
                |payload, success| {
                    if !success {
                        return Err("the ratedetails answer is not a Success".to_string());
                    }
                    carry::choose(payload, &asked, Some(&pinned))
                        .ok_or_else(|| format!("the answer does not confirm rate {pinned}"))
                },
            );
            match confirmed {
                Some(o) => result = o,
                None => {
                    failed = true;
                    self.block(
                        &id,
                        &[
                            "hs2.book".to_string(),
                            "hs2.read".to_string(),
                            "hs2.cancel".to_string(),
                        ],
                    );
                }
            }
        }
        let unknown = self.id("unknown-rate");
        if let Some(fake) = self
            .cx
            .scenario
            .probes
            .unknown_rate
            .clone()
            .filter(|_| self.cx.plan.wants(&unknown))
        {
            let step = self.step(
                &unknown,
                "ratedetails",
                Some("unknown-rate"),
                json!({"hotel_codes": [offer.hotel.code], "rate_plan": fake, "fake": fake}),
                format!("rate {fake}"),
            );
            let body = requests::availability(
                &self.common(false),
                std::slice::from_ref(&offer.hotel),
                stay,
                token.as_deref(),
                Some(&fake),
            );
            self.probe(&step, body, "ratedetails")?;
        }
        Ok((!failed).then_some(result))
    }
}
