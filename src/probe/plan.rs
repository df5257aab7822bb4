//! Which steps run: every step of the services in the scenario, less what `--steps`, `--skip`,
//! `--no-probes` and `--no-booking` leave out; `--steps` pulls in the steps a step needs, and a
//! booking is always followed by its cancel.

use std::collections::BTreeSet;

use crate::suggest::did_you_mean;

/// A step: its id, whether it is a negative probe, and the steps it needs.
pub struct StepDef {
    pub id: &'static str,
    pub probe: bool,
    pub needs: &'static [&'static str],
}

const fn step(id: &'static str, probe: bool, needs: &'static [&'static str]) -> StepDef {
    StepDef { id, probe, needs }
}

/// The HS2 steps in Concur's order (docs/probe.md "The steps").
pub const HS2: &[StepDef] = &[
    step("hs2.bad-credentials", true, &[]),
    step("hs2.search", false, &[]),
    step("hs2.no-hotels", true, &[]),
    step("hs2.availability", false, &["hs2.search"]),
    step("hs2.availability-single", false, &["hs2.availability"]),
    step("hs2.parallel-availability", false, &["hs2.availability"]),
    step("hs2.mixed-hotels", true, &["hs2.search"]),
    step("hs2.unknown-hotel", true, &[]),
    step("hs2.invalid-date", true, &["hs2.availability"]),
    step("hs2.detail", false, &["hs2.search"]),
    step("hs2.unknown-hotel-detail", true, &[]),
    step("hs2.ratedetails", false, &["hs2.availability"]),
    step("hs2.unknown-rate", true, &["hs2.availability"]),
    step("hs2.book", false, &["hs2.availability", "hs2.ratedetails"]),
    step("hs2.read", false, &["hs2.book"]),
    step("hs2.cancel", false, &["hs2.book"]),
    step("hs2.repeat-cancel", true, &["hs2.cancel"]),
    step("hs2.read-cancelled", true, &["hs2.cancel"]),
    step("hs2.unknown-booking", true, &[]),
    // With `bad_credentials = "all"`: the wrong password on every operation but book.
    step("hs2.bad-credentials-availability", true, &["hs2.search"]),
    step("hs2.bad-credentials-detail", true, &["hs2.search"]),
    step(
        "hs2.bad-credentials-ratedetails",
        true,
        &["hs2.availability"],
    ),
    step("hs2.bad-credentials-read", true, &["hs2.book"]),
    step("hs2.bad-credentials-cancel", true, &["hs2.book"]),
];

/// The HS4 steps in the order of Concur's vendor kit (docs/probe.md "The steps").
pub const HS4: &[StepDef] = &[
    step("hs4.bad-credentials", true, &[]),
    step("hs4.search", false, &[]),
    step("hs4.no-hotels", true, &[]),
    step("hs4.details", false, &["hs4.search"]),
    step("hs4.rates", false, &["hs4.search"]),
    step("hs4.rates-single", false, &["hs4.rates"]),
    step("hs4.parallel-rates", false, &["hs4.rates"]),
    step("hs4.unknown-hotel", true, &[]),
    step("hs4.mixed-hotels", true, &["hs4.search"]),
    step("hs4.invalid-date", true, &["hs4.rates"]),
    step("hs4.ratedetails", false, &["hs4.rates"]),
    step("hs4.unknown-rate", true, &["hs4.rates"]),
    step("hs4.reservation", false, &["hs4.rates", "hs4.ratedetails"]),
    step("hs4.read", false, &["hs4.reservation"]),
    step("hs4.cancel", false, &["hs4.reservation"]),
    step("hs4.repeat-cancel", true, &["hs4.cancel"]),
    step("hs4.read-cancelled", true, &["hs4.cancel"]),
    step("hs4.unknown-booking", true, &[]),
];

const BOOKING: &[&str] = &[
    "hs4.reservation",
    "hs4.read",
    "hs4.cancel",
    "hs4.repeat-cancel",
    "hs4.read-cancelled",
    "hs2.book",
    "hs2.read",
    "hs2.cancel",
    "hs2.repeat-cancel",
    "hs2.read-cancelled",
];

pub struct Plan {
    wanted: BTreeSet<&'static str>,
}

/// What the command line asks of the plan.
pub struct Choices<'a> {
    pub steps: &'a [String],
    pub skip: &'a [String],
    pub no_probes: bool,
    pub no_booking: bool,
}

impl Plan {
    pub fn new(defs: &[&'static StepDef], c: &Choices) -> Result<Plan, String> {
        let known: Vec<&str> = defs.iter().map(|d| d.id).collect();
        let resolve = |names: &[String]| -> Result<BTreeSet<&'static str>, String> {
            let mut out = BTreeSet::new();
            for name in names {
                let matched: Vec<&'static str> = defs
                    .iter()
                    .map(|d| d.id)
                    .filter(|id| {
                        *id == name.as_str()
                            || id.split_once('.').is_some_and(|(_, base)| base == name)
                    })
                    .collect();
                if matched.is_empty() {
                    return Err(format!(
                        "unknown step `{name}`{}",
                        did_you_mean(name, &known)
                    ));
                }
                out.extend(matched);
            }
            Ok(out)
        };
        let mut wanted: BTreeSet<&'static str> = if c.steps.is_empty() {
            known.iter().copied().collect()
        } else {
            let mut w = resolve(c.steps)?;
            loop {
                let before = w.len();
                let needed: Vec<&'static str> = defs
                    .iter()
                    .filter(|d| w.contains(d.id))
                    .flat_map(|d| d.needs.iter().copied())
                    .collect();
                w.extend(needed);
                if w.len() == before {
                    break;
                }
            }
            if w.contains("hs2.book") {
                w.insert("hs2.cancel");
            }
            if w.contains("hs4.reservation") {
                w.insert("hs4.cancel");
            }
            w
        };
        if c.no_booking {
            wanted.retain(|id| !BOOKING.contains(id));
        }
        for s in resolve(c.skip)? {
            if (s == "hs2.cancel" && wanted.contains("hs2.book"))
                || (s == "hs4.cancel" && wanted.contains("hs4.reservation"))
            {
                return Err(format!(
                    "`{s}` cannot be skipped while the booking runs: a reservation is always cancelled"
                ));
            }
            wanted.remove(s);
        }
        if c.no_probes {
            wanted.retain(|id| !defs.iter().any(|d| d.id == *id && d.probe));
        }
        Ok(Plan { wanted })
    }

    /// Whether a step runs (`hs2.search@2` is `hs2.search` at the second place).
    pub fn wants(&self, id: &str) -> bool {
        let base = id.split_once('@').map_or(id, |(b, _)| b);
        self.wanted.contains(base)
    }

    /// How many exchanges the plan may send: the shopping steps once per `[[search]]` place,
    /// `parallel` requests for a parallel step, the wrong password, the booking and what
    /// follows it once. The progress lines count against it.
    pub fn exchanges(&self, places: usize, parallel: usize) -> usize {
        let once = |id: &str| {
            BOOKING.contains(&id)
                || id.ends_with(".bad-credentials")
                || id.ends_with(".unknown-booking")
                || id.ends_with("-read")
                || id.ends_with("-cancel")
        };
        self.wanted
            .iter()
            .map(|id| {
                let each = if id.contains("parallel") { parallel } else { 1 };
                if once(id) { each } else { each * places.max(1) }
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(steps: &[&str], skip: &[&str], no_probes: bool) -> Result<Plan, String> {
        let s: Vec<String> = steps.iter().map(|s| s.to_string()).collect();
        let k: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
        let defs: Vec<&StepDef> = HS2.iter().collect();
        Plan::new(
            &defs,
            &Choices {
                steps: &s,
                skip: &k,
                no_probes,
                no_booking: false,
            },
        )
    }

    #[test]
    fn steps_pull_in_what_they_need_and_a_booking_is_cancelled() {
        let p = plan(&["book"], &[], false).expect("plan");
        for id in [
            "hs2.search",
            "hs2.availability",
            "hs2.ratedetails",
            "hs2.book",
            "hs2.cancel",
        ] {
            assert!(p.wants(id), "{id}");
        }
        assert!(!p.wants("hs2.unknown-hotel"));
        assert!(p.wants("hs2.availability@2"));
    }

    #[test]
    fn exchanges_count_each_place_and_each_parallel_request() {
        let p = plan(&["availability"], &[], false).expect("plan");
        assert_eq!(p.exchanges(1, 0), 2, "search and availability");
        assert_eq!(p.exchanges(3, 0), 6, "at each of three places");
        let p = plan(&["parallel-availability", "unknown-booking"], &[], false).expect("plan");
        assert_eq!(p.exchanges(2, 4), 2 + 2 + 2 * 4 + 1);
    }

    #[test]
    fn skips_and_probes_and_mistakes() {
        let p = plan(&[], &["hs2.detail"], true).expect("plan");
        assert!(!p.wants("hs2.detail"));
        assert!(!p.wants("hs2.bad-credentials"));
        assert!(p.wants("hs2.cancel"));
        let e = plan(&["hs2.serch"], &[], false).err().expect("unknown");
        assert!(e.contains("did you mean `hs2.search`"), "{e}");
        assert!(plan(&[], &["cancel"], false).is_err());
    }
}
