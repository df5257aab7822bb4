//! What a flow works with: the scenario, the recorder, ids, credentials, the plan; and the
//! verdicts both flows record alike.

use super::ProbeArgs;
use super::exchange::Recorder;
use super::redact::{Kind, Secrets};
use super::scenario::{Scenario, Secret};
use super::{ids, plan};
use crate::error::Error;

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

    /// Judges the requests of one step sent at once: a verdict per progress line, `failed` on
    /// each entry that failed, and the step failed with the first failure's reason, else ok.
    pub fn judged_all(&mut self, id: &str, outcomes: Vec<(Option<usize>, Result<(), String>)>) {
        let words: Vec<String> = outcomes
            .iter()
            .map(|(_, o)| match o {
                Ok(()) => "ok".to_string(),
                Err(why) => format!("FAILED: {why}"),
            })
            .collect();
        self.rec.verdict_each(&words);
        let mut first_failure = None;
        for (entry, outcome) in &outcomes {
            if let (Some(e), Err(why)) = (entry, outcome) {
                self.rec.run.facts(*e, "failed", serde_json::json!(why));
            }
            if let (None, Err(why)) = (&first_failure, outcome) {
                first_failure = Some((why.clone(), *entry));
            }
        }
        match first_failure {
            Some((why, entry)) => self.rec.run.status(id, "failed", Some(why), entry),
            None => {
                let entry = outcomes.first().and_then(|(e, _)| *e);
                self.rec.run.status(id, "ok", None, entry);
            }
        }
        self.rec.flush();
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

fn env(name: &str, key: &str) -> Result<String, Error> {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::Usage(format!(
            "environment variable {name} (named by `{key}` in the scenario) is not set or empty"
        ))),
    }
}

/// The credentials and card data from the environment, and the secrets to keep out of every
/// output; a dry run shows what is not set as placeholders.
pub(super) fn credentials(s: &Scenario, args: &ProbeArgs) -> Result<(Creds, Secrets), Error> {
    // A dry run sends nothing: a variable not set is shown as a placeholder, never a secret.
    let mut unset = Vec::new();
    let mut env = |name: &str, key: &str| match env(name, key) {
        Err(_) if args.dry_run => {
            unset.push(name.to_string());
            Ok(format!("{{{name} not set}}"))
        }
        other => other,
    };
    let user = env(&s.user_env, "credentials.user_env")?;
    let password = env(&s.password_env, "credentials.password_env")?;
    let bad_password = match &s.bad_password_env {
        Some(name) => env(name, "credentials.bad_password_env")?,
        None => format!("{password}-otalint-invalid"),
    };
    let (card_number, cvv) = match &s.booking {
        Some(b) if !args.no_booking => {
            let number = match &b.card.number {
                Secret::Env(name) => env(name, "booking.card.number_env")?,
                Secret::Literal(n) => n.clone(),
            };
            (
                Some(number),
                Some(env(&b.card.cvv_env, "booking.card.cvv_env")?),
            )
        }
        _ => (None, None),
    };
    if !unset.is_empty() {
        eprintln!(
            "otalint probe --dry-run: not set, shown as placeholders: {}",
            unset.join(", ")
        );
    }
    let mut secrets = if args.no_redact {
        Secrets::disabled()
    } else {
        Secrets::default()
    };
    let placeholder = |v: &str| {
        unset
            .iter()
            .any(|name| v.contains(&format!("{{{name} not set}}")))
    };
    for (kind, v) in [
        (Kind::Password, &password),
        (Kind::BadPassword, &bad_password),
        (Kind::User, &user),
    ] {
        if !placeholder(v) {
            secrets.add(kind, v);
        }
    }
    let basic = secrets.add_basic(&user, &password);
    let bad_basic = secrets.add_basic(&user, &bad_password);
    for (kind, v) in [(Kind::CardNumber, &card_number), (Kind::Cvv, &cvv)] {
        if let Some(v) = v.as_deref().filter(|v| !placeholder(v)) {
            secrets.add(kind, v);
        }
    }
    Ok((
        Creds {
            user,
            password,
            bad_password,
            basic,
            bad_basic,
            card_number,
            cvv,
        },
        secrets,
    ))
}
