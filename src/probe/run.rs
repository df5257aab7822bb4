//! The state of a run that ends up in the recording: the HAR being written, the clock, and
//! what `log._otalint.run` says (steps with their status, bookings).

use std::path::PathBuf;
use std::time::Instant;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::har::{self, Creator, Har, Log, WriteError};
use super::redact::Secrets;
use crate::error::Error;

/// Wall-clock stamps: the real time, or `--now` plus the time elapsed since the run began.
pub struct Clock {
    base: Timestamp,
    start: Instant,
}

impl Clock {
    pub fn new(now: Option<Timestamp>) -> Clock {
        Clock {
            base: now.unwrap_or_else(Timestamp::now),
            start: Instant::now(),
        }
    }

    pub fn start(&self) -> Timestamp {
        self.base
    }

    pub fn now(&self) -> String {
        let elapsed = jiff::SignedDuration::try_from(self.start.elapsed()).unwrap_or_default();
        super::dates::stamp(self.base.checked_add(elapsed).unwrap_or(self.base))
    }
}

/// A step's outcome in `log._otalint.run.steps`.
#[derive(Clone, Debug)]
pub struct StepStatus {
    pub id: String,
    /// `ok`, `failed`, `probe` (a negative probe was sent; the rules judge it), `skipped`,
    /// `blocked`.
    pub status: &'static str,
    pub why: Option<String>,
    pub entry: Option<usize>,
}

/// A reservation the run made.
#[derive(Clone, Debug, Default)]
pub struct Booking {
    pub service: &'static str,
    pub reservation_id: String,
    pub modification_code: Option<String>,
    pub cancelled: bool,
    pub cancellation_number: Option<String>,
}

pub struct Run {
    pub har: Har,
    pub path: PathBuf,
    pub clock: Clock,
    pub scenario_path: String,
    pub scenario_text: String,
    pub seed: Option<u64>,
    pub insecure: bool,
    pub steps: Vec<StepStatus>,
    pub bookings: Vec<Booking>,
    pub finished: Option<String>,
}

impl Run {
    pub fn new(
        path: PathBuf,
        clock: Clock,
        name: &str,
        scenario_path: String,
        scenario_text: String,
    ) -> Run {
        let started = super::dates::stamp(clock.start());
        Run {
            har: Har {
                log: Log {
                    version: "1.2",
                    creator: Creator {
                        name: "otalint",
                        version: env!("CARGO_PKG_VERSION"),
                    },
                    comment: format!("otalint probe {name}, {started}"),
                    pages: Vec::new(),
                    entries: Vec::new(),
                    otalint: Value::Null,
                },
            },
            path,
            clock,
            scenario_path,
            scenario_text,
            seed: None,
            insecure: false,
            steps: Vec::new(),
            bookings: Vec::new(),
            finished: None,
        }
    }

    pub fn status(
        &mut self,
        id: &str,
        status: &'static str,
        why: Option<String>,
        entry: Option<usize>,
    ) {
        // A step the run did not send stays `skipped`, whatever the flow makes of it.
        let unsent = |s: &StepStatus| {
            s.id == id
                && s.entry.is_none()
                && s.why.as_deref().is_some_and(|w| w.starts_with("not sent"))
        };
        if entry.is_none() && self.steps.iter().any(unsent) {
            return;
        }
        self.steps.retain(|s| s.id != id);
        self.steps.push(StepStatus {
            id: id.to_string(),
            status,
            why,
            entry,
        });
    }

    /// The stderr lines naming each reservation that may still be active.
    pub fn possibly_active(&self) -> Vec<String> {
        self.bookings
            .iter()
            .filter(|b| !b.cancelled)
            .map(|b| {
                format!(
                    "  reservation {} ({}) may still be active at the supplier; cancel it by hand",
                    b.reservation_id, b.service
                )
            })
            .collect()
    }

    /// Sets probe facts of an entry after the fact (a failure found by the flow).
    pub fn facts(&mut self, entry: usize, key: &str, value: Value) {
        if let Some(e) = self.har.log.entries.get_mut(entry)
            && let Some(o) = e.otalint.as_object_mut()
        {
            o.insert(key.to_string(), value);
        }
    }

    /// What a cancel step found: `Some(number)` marks the booking cancelled (the
    /// number itself may be absent on HS2); `None` marks the reservation as left
    /// active on the cancel's entry, so the recording names it.
    pub fn settle_cancel(&mut self, id: &str, found: Option<Option<String>>, entry: Option<usize>) {
        match found {
            Some(number) => {
                if let Some(b) = self.bookings.iter_mut().find(|b| b.reservation_id == id) {
                    b.cancelled = true;
                    b.cancellation_number = number;
                }
            }
            None => {
                if let Some(e) = entry {
                    self.facts(e, "left_active", json!(id));
                }
            }
        }
    }

    /// Rewrites the recording, refusing it when a secret survived.
    pub fn write(&mut self, secrets: &Secrets) -> Result<(), Error> {
        let (scenario, _) = secrets.scrub(self.scenario_text.as_bytes());
        self.har.log.otalint = json!({
            "version": crate::input::probe_facts::VERSION,
            "run": {
                "scenario_path": self.scenario_path,
                "scenario": String::from_utf8_lossy(&scenario),
                "started": super::dates::stamp(self.clock.start()),
                "finished": self.finished,
                "otalint": env!("CARGO_PKG_VERSION"),
                "seed": self.seed,
                "insecure": self.insecure,
                "redacted": !secrets.is_off(),
                "short_removed": super::redact::short_removed(&self.har),
                "steps": self.steps.iter().map(|s| json!({
                    "id": s.id, "status": s.status, "why": s.why, "entry": s.entry,
                })).collect::<Vec<_>>(),
                "bookings": self.bookings.iter().map(|b| json!({
                    "service": b.service, "reservation_id": b.reservation_id,
                    "modification_code": b.modification_code, "cancelled": b.cancelled,
                    "cancellation_number": b.cancellation_number,
                })).collect::<Vec<_>>(),
            }
        });
        match har::write(&self.path, &self.har, secrets) {
            Ok(()) => Ok(()),
            Err(WriteError::Io(e)) => Err(Error::Usage(format!(
                "cannot write the recording {}: {e}",
                self.path.display()
            ))),
            Err(WriteError::Secret(kind, at)) => Err(Error::Usage(format!(
                "refusing to write a recording that contains a credential: {kind} at byte {at} (an encoded form the redaction does not replace); {} keeps only the exchanges before this one",
                self.path.display()
            ))),
        }
    }
}
