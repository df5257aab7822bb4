//! `otalint probe` end to end against the mock supplier on 127.0.0.1 (the mock supplier): the
//! golden run, one test per misbehaviour with the exact rules expected on the exact step, the
//! recording's identity with `check`, redaction, the scenario file, the transport's limits.
//! No test reaches an address outside 127.0.0.1.

mod answers;
mod behaviours;
mod bookings;
mod cross_message;
mod example;
mod flow;
mod hs4;
mod hs4_mock;
mod identity;
mod image_mock;
mod images;
mod mock;
mod redaction;
mod report;
mod requests;
mod samples;
mod scenario;
mod tls;
mod transport;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub use mock::{Behaviour, Mock};

/// A scenario for the mock at `url`; `extra` is appended (a `[booking]`, `[probes]` changes).
pub fn scenario(url: &str, extra: &str) -> String {
    let host = if url.contains("localhost") {
        "localhost"
    } else {
        "127.0.0.1"
    };
    format!(
        r#"version = 1
name = "mock"

[hs2]
url = "{url}"

[credentials]
user_env = "MOCK_USER"
password_env = "MOCK_PASSWORD"

[transport]
timeout = "30s"
connect_timeout = "10s"
proxy = "none"

[requestor]
id = "HTL011235"
currency = "USD"
language = "en"
country = "US"

[[search]]
name = "Seattle"
latitude = 47.606209
longitude = -122.332071
radius = 5
unit = "miles"
checkin = "+90d"
nights = 2
hotels_to_shop = 2

{extra}
"#
    )
    .replace("{host}", host)
}

/// The `[booking]` of a scenario for host 127.0.0.1.
pub const BOOKING: &str = r#"[booking]
confirm_host = "127.0.0.1"
[booking.guest]
given_name = "Janelle"
surname = "Doherty"
email = "probe@example.com"
phone = "703-555-6100"
[booking.guest_address]
line = "209 Madison St"
city = "Alexandria"
postal_code = "22314"
country = "US"
[booking.card]
code = "VI"
type = "Visa"
number_env = "MOCK_CARD"
cvv_env = "MOCK_CVV"
expire = "2030-02"
holder = "Janelle Doherty"
"#;

/// Contract times for tests: Concur's 55 s time-out becomes 10 s, ideal times 5 s — generous
/// enough that no conforming exchange is slow on a loaded machine. The tests of slowness layer
/// their own times on top.
pub const FAST_RULES: &str = r#"profile = "hs2"
[http]
timeout_seconds = 10
[http.ideal_seconds]
search = 5
availability = 5
ratedetails = 5
detail = 5
book = 5
read = 5
cancel = 5
"#;

pub struct Run {
    pub dir: tempfile::TempDir,
    pub out: Output,
}

impl Run {
    pub fn har_path(&self) -> PathBuf {
        self.dir.path().join("run.har")
    }

    pub fn har(&self) -> Value {
        let text = std::fs::read_to_string(self.har_path()).expect("the recording");
        serde_json::from_str(&text).expect("the recording is JSON")
    }

    pub fn har_text(&self) -> String {
        std::fs::read_to_string(self.har_path()).unwrap_or_default()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }

    /// `rule@step` for every finding of the JSON report on stdout, sorted.
    pub fn findings(&self) -> Vec<String> {
        findings(&self.stdout(), &self.har())
    }

    /// The steps of the recording, in order.
    pub fn steps(&self) -> Vec<String> {
        self.har()["log"]["entries"]
            .as_array()
            .map(|e| {
                e.iter()
                    .map(|e| e["_otalint"]["step"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The recording's entry of step `step`; the test fails when there is none.
pub fn entry<'h>(har: &'h Value, step: &str) -> &'h Value {
    har["log"]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["_otalint"]["step"] == step)
        .unwrap_or_else(|| panic!("no entry of step {step}"))
}

/// `rule@step` of each finding of a JSON report over a probe recording.
pub fn findings(json: &str, har: &Value) -> Vec<String> {
    let report: Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("a JSON report: {e}\n{json}"));
    let mut found: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let step = d["entry"].as_u64().map_or("?".to_string(), |i| {
                har["log"]["entries"][i as usize]["_otalint"]["step"]
                    .as_str()
                    .unwrap_or("?")
                    .to_string()
            });
            format!("{}@{step}", d["rule"].as_str().unwrap_or("?"))
        })
        .collect();
    found.sort();
    found
}

/// Runs `otalint probe` on this scenario text, in a fresh directory, with the mock's
/// credentials in the environment, the fast rules and a JSON report on stdout.
pub fn probe(scenario_text: &str, extra: &[&str]) -> Run {
    flow::probe_in(scenario_text, extra, &[], |_| {})
}

/// `otalint check` on a file of the run's directory, with the same options as the probe.
pub fn check(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("otalint")
        .expect("the binary")
        .current_dir(dir)
        .env_clear()
        .env("NO_COLOR", "1")
        .args(["check", "run.har", "--rules", "fast.toml", "--no-config"])
        .args(args)
        .output()
        .expect("otalint runs")
}
