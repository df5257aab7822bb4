//! What the reports need of an otalint probe recording, read from the HAR alone: the run
//! (`log._otalint.run`) and a summary of every exchange — its step, what was sent, what came
//! back, how long it took against the contract's times, its TLS — with the contract's limits
//! and sentences from the data of the entry's profile (docs/probe.md "Reading the output").

use serde_json::Value;

use crate::input::probe_facts::{self, VERSION};
use crate::profile::{Profile, ProfileSet};

/// An otalint probe recording.
#[derive(Clone, Debug)]
pub struct Recording {
    /// The HAR's path, as the run names it.
    pub path: String,
    /// `log._otalint.run`: scenario, steps, bookings, redaction.
    pub run: Value,
    pub exchanges: Vec<Exchange>,
}

/// One exchange of a recording.
#[derive(Clone, Debug, Default)]
pub struct Exchange {
    pub entry: usize,
    pub step: String,
    pub service: String,
    pub operation: String,
    /// The negative probe, `None` on a positive step.
    pub probe: Option<String>,
    /// A few words on what was asked (`2 hotels from hs2.search`).
    pub summary: String,
    pub url: String,
    pub status: u16,
    pub status_text: String,
    pub http_version: String,
    pub time_ms: f64,
    pub connect_ms: f64,
    pub wire_bytes: i64,
    pub decoded_bytes: i64,
    pub gzip: bool,
    pub chunked: bool,
    pub correlation_id: Option<String>,
    pub failed: Option<String>,
    pub transport_error: Option<String>,
    pub reused: bool,
    pub tls: Option<Value>,
    pub sent: Value,
    /// The contract's ideal time and time-out for the operation, and its size limit.
    pub ideal_s: Option<f64>,
    pub timeout_s: Option<f64>,
    pub max_bytes: Option<u64>,
    /// The contract sentence a negative probe stands on.
    pub expectation: Option<String>,
    /// What the body said, in a word: `error 400`, `Success`, `SOAP Fault`.
    pub answer: Option<String>,
}

impl Recording {
    /// A run's step status (`ok`, `failed`, `probe`, `skipped`, `blocked`) by step id.
    pub fn steps(&self) -> Vec<(String, String, Option<String>)> {
        self.run
            .get("steps")
            .and_then(Value::as_array)
            .map(|steps| {
                steps
                    .iter()
                    .map(|s| {
                        let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_string);
                        (
                            text("id").unwrap_or_default(),
                            text("status").unwrap_or_default(),
                            text("why"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.run.get(key).and_then(Value::as_str)
    }

    pub fn flag(&self, key: &str) -> bool {
        self.run.get(key).and_then(Value::as_bool).unwrap_or(false)
    }

    /// The scenario's `name`, read as TOML (a comment after it is no part of it).
    pub fn name(&self) -> String {
        self.text("scenario")
            .and_then(|s| toml::from_str::<toml::Table>(s).ok())
            .and_then(|t| t.get("name")?.as_str().map(str::to_string))
            .unwrap_or_else(|| "otalint probe".to_string())
    }
}

/// The recording of a HAR otalint probe wrote, `None` for any other file.
pub fn of(path: &str, text: &str, profiles: &ProfileSet) -> Option<Recording> {
    // Most HARs are not the probe's: they are not parsed again.
    memchr::memmem::find(text.as_bytes(), b"\"_otalint\"")?;
    let har: Value = serde_json::from_str(text).ok()?;
    let run = probe_facts::run_of(&har)?;
    let entries = har.pointer("/log/entries")?.as_array()?;
    let exchanges = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| exchange(i, e, profiles))
        .collect();
    Some(Recording {
        path: path.to_string(),
        run,
        exchanges,
    })
}

fn exchange(i: usize, e: &Value, profiles: &ProfileSet) -> Option<Exchange> {
    let facts = e.get("_otalint")?;
    if facts.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return None;
    }
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let num = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(0.0);
    let response = e.get("response");
    let header = |list: Option<&Value>, name: &str| {
        list.and_then(Value::as_array)?
            .iter()
            .find(|h| {
                h.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .and_then(|h| h.get("value")?.as_str().map(str::to_string))
    };
    let response_headers = response.and_then(|r| r.get("headers"));
    let operation = text(facts.get("operation")).unwrap_or_default();
    let probe = text(facts.get("probe"));
    let profile = text(facts.get("profile"))
        .and_then(|p| clap::ValueEnum::from_str(&p, false).ok())
        .unwrap_or(Profile::Hs2);
    let data = profiles.facts(profile);
    let comment = text(e.get("comment")).unwrap_or_default();
    Some(Exchange {
        entry: i,
        step: text(facts.get("step")).unwrap_or_default(),
        service: text(facts.get("service")).unwrap_or_default(),
        summary: comment.rsplit(" · ").next().unwrap_or("").to_string(),
        url: text(e.pointer("/request/url")).unwrap_or_default(),
        status: response
            .and_then(|r| r.get("status"))
            .and_then(Value::as_u64)
            .unwrap_or(0) as u16,
        status_text: text(response.and_then(|r| r.get("statusText"))).unwrap_or_default(),
        http_version: text(response.and_then(|r| r.get("httpVersion"))).unwrap_or_default(),
        time_ms: num(e.get("time")),
        connect_ms: num(e.pointer("/timings/connect")).max(0.0),
        wire_bytes: response
            .and_then(|r| r.get("bodySize"))
            .and_then(Value::as_i64)
            .unwrap_or(-1),
        decoded_bytes: e
            .pointer("/response/content/size")
            .and_then(Value::as_i64)
            .unwrap_or(0),
        gzip: header(response_headers, "content-encoding").is_some_and(|v| v.contains("gzip")),
        chunked: header(response_headers, "transfer-encoding")
            .is_some_and(|v| v.contains("chunked")),
        correlation_id: header(e.pointer("/request/headers"), "concur-correlationid"),
        failed: text(facts.get("failed")),
        transport_error: text(facts.pointer("/transport/error")),
        reused: facts
            .pointer("/transport/reused")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        tls: facts.get("tls").filter(|t| !t.is_null()).cloned(),
        sent: facts.get("sent").cloned().unwrap_or(Value::Null),
        ideal_s: data.http.ideal_seconds.get(&operation).copied(),
        timeout_s: data.http.timeout_seconds,
        max_bytes: max_bytes(data, &operation),
        expectation: probe
            .as_deref()
            .and_then(|p| data.probe.expect.get(p))
            .and_then(|x| x.sentence.clone()),
        answer: e
            .pointer("/response/content/text")
            .and_then(Value::as_str)
            .and_then(gist),
        operation,
        probe,
    })
}

/// The size limit of the answer to an operation: its response message's, else the profile's.
fn max_bytes(data: &crate::profile::Facts, operation: &str) -> Option<u64> {
    // Rate details is an availability request (`RateDetailsInd="true"`).
    let request = match operation {
        "ratedetails" => Some("OTA_HotelAvailRQ"),
        _ => data
            .http
            .operations
            .iter()
            .find(|(name, op)| *op == operation && name.ends_with("RQ"))
            .map(|(name, _)| name.as_str()),
    };
    match request {
        Some(rq) => data.max_bytes_for(&data.response_to(rq)),
        None => data.message.max_bytes,
    }
}

/// What a body says, in a word, without parsing it: its first OTA error code, a SOAP Fault, a
/// Success, an HS4 `otaCode`.
fn gist(body: &str) -> Option<String> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = body.find(tag)?;
        let rest = &body[at..];
        let rest = &rest[..rest.find('>')?];
        let key = format!(" {name}=\"");
        let start = rest.find(&key)? + key.len();
        rest[start..].split('"').next().map(str::to_string)
    };
    if let Some(code) = attr("<Error ", "Code") {
        return Some(format!("error {code}"));
    }
    if body.contains(":Fault>") || body.contains("<Fault>") || body.contains("<Fault ") {
        return Some("SOAP Fault".to_string());
    }
    if body.contains("<Success/>") || body.contains("<Success>") {
        return Some("Success".to_string());
    }
    let json: Value = serde_json::from_str(body).ok()?;
    json.get("otaCode").map(|c| format!("otaCode {c}"))
}
