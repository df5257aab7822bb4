//! What a flow works with: the scenario, the recorder, ids, credentials, the plan; and the
//! verdicts both flows record alike.

use super::exchange::Recorder;
use super::scenario::Scenario;
use super::{ids, plan};

/// The credentials and card data of a run, read from the environment.
pub struct Creds {
    pub user: String,
    pub password: String,
    pub bad_password: String,
    pub basic: String,
    pub bad_basic: String,
    pub card_number: Option<String>,
    pub cvv: Option<String>,
}

/// What a flow works with.
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub rec: Recorder,
    pub ids: ids::Ids,
    pub creds: Creds,
    pub plan: plan::Plan,
    pub today: jiff::civil::Date,
    pub traveler: String,
}

impl Context<'_> {
    /// Records the flow's verdict on a positive step: what it carries, or why it failed (on the
    /// step's entry too, for `flow-step-failed`).
    pub fn judged<T>(
        &mut self,
        id: &str,
        entry: Option<usize>,
        outcome: Result<T, String>,
    ) -> Option<T> {
        match outcome {
            Ok(value) => {
                self.rec.verdict("ok");
                self.rec.run.status(id, "ok", None, entry);
                Some(value)
            }
            Err(why) => {
                self.rec.verdict(&format!("FAILED: {why}"));
                if let Some(e) = entry {
                    self.rec.run.facts(e, "failed", serde_json::json!(why));
                }
                self.rec.run.status(id, "failed", Some(why), entry);
                None
            }
        }
    }

    /// Marks the planned steps `ids` blocked by the failed step `by`, on its entry too.
    pub fn block<S: AsRef<str>>(&mut self, by: &str, ids: &[S]) {
        let planned: Vec<String> = ids
            .iter()
            .map(|i| i.as_ref().to_string())
            .filter(|i| self.plan.wants(i))
            .collect();
        if planned.is_empty() {
            return;
        }
        let by_step = self.rec.run.steps.iter().find(|s| s.id == by);
        let entry = by_step.and_then(|s| s.entry);
        let why = match by_step.map(|s| s.status) {
            Some("skipped") => format!("{by} was not sent"),
            _ => format!("{by} failed"),
        };
        for id in &planned {
            self.rec.run.status(id, "blocked", Some(why.clone()), None);
        }
        if let Some(e) = entry {
            self.rec.run.facts(e, "blocked", serde_json::json!(planned));
            self.rec.flush();
        }
    }
}
