//! The tables of the certification report, one function a section.

use serde_json::Value;

use super::FileEntry;
use super::doc::{Block, Cell, Table, Tone};
use super::recording::{Exchange, Recording};
use crate::diagnostic::Level;

fn secs(ms: f64) -> String {
    format!("{:.2} s", ms / 1000.0)
}

fn kb(bytes: i64) -> String {
    match bytes {
        b if b < 0 => "—".to_string(),
        b if b < 10_000 => format!("{:.1} kB", b as f64 / 1000.0),
        b => format!("{:.0} kB", b as f64 / 1000.0),
    }
}

fn yes(b: bool) -> Cell {
    Cell::plain(if b { "yes" } else { "no" })
}

/// `200 OK`, or why there was no answer.
fn answered(e: &Exchange) -> Cell {
    match (e.status, &e.transport_error) {
        (0, Some(err)) => Cell::tone(format!("no response: {err}"), Tone::Bad),
        (0, None) => Cell::tone("no response", Tone::Bad),
        (s, _) => {
            let gist = e
                .answer
                .as_deref()
                .map_or(String::new(), |a| format!(", {a}"));
            let text = format!("{s} {}", e.status_text).trim().to_string() + &gist;
            Cell::tone(text, status_tone(e, s))
        }
    }
}

/// A 2xx is plain; the status the contract asks of the wrong password (403 on HS2, 401 on HS4)
/// is right, not a warning; another negative probe's 4xx is plain (its verdict column judges
/// it); any other status is a warning.
fn status_tone(e: &Exchange, status: u16) -> Tone {
    let wanted = match e.service.as_str() {
        "hs4" => 401,
        _ => 403,
    };
    match e.probe.as_deref() {
        _ if (200..300).contains(&status) => Tone::Plain,
        Some("bad-credentials") if status == wanted => Tone::Good,
        Some(_) if (400..500).contains(&status) => Tone::Plain,
        _ => Tone::Warn,
    }
}

/// The findings on an entry, worst first: `✗ 2 errors`, `! 1 warning`, or `✓ none`.
fn findings_cell(f: Option<&FileEntry>) -> Cell {
    let Some(f) = f else {
        return Cell::tone("not checked", Tone::Muted);
    };
    let c = f.counts;
    match (c.errors, c.warnings, c.infos) {
        (0, 0, 0) => Cell::tone("none", Tone::Good),
        (0, 0, i) => Cell::tone(super::plural(i, "info"), Tone::Muted),
        (0, w, _) => Cell::tone(super::plural(w, "warning"), Tone::Warn),
        (e, _, _) => Cell::tone(super::plural(e, "error"), Tone::Bad),
    }
}

type Findings<'a> = dyn Fn(&Exchange) -> Option<&'a FileEntry> + 'a;

pub fn flow(rec: &Recording, findings: &Findings) -> Table {
    let rows = rec
        .exchanges
        .iter()
        .filter(|e| e.probe.is_none())
        .map(|e| {
            let limit = match (e.ideal_s, e.timeout_s) {
                (Some(i), Some(t)) => format!(" (ideal {i} s, time-out {t} s)"),
                (None, Some(t)) => format!(" (time-out {t} s)"),
                _ => String::new(),
            };
            let slow = e.timeout_s.is_some_and(|t| e.time_ms / 1000.0 > t)
                || e.ideal_s.is_some_and(|i| e.time_ms / 1000.0 > i);
            let size_limit = e
                .max_bytes
                .map_or(String::new(), |m| format!(" of {}", kb(m as i64)));
            vec![
                Cell::plain((e.entry + 1).to_string()),
                Cell::code(&e.step),
                Cell::plain(&e.summary),
                answered(e),
                Cell::tone(
                    format!("{}{limit}", secs(e.time_ms)),
                    if slow { Tone::Warn } else { Tone::Plain },
                ),
                Cell::plain(format!(
                    "{} wire, {} decoded{size_limit}",
                    kb(e.wire_bytes),
                    kb(e.decoded_bytes)
                )),
                yes(e.gzip),
                Cell::tone(
                    if e.chunked { "yes" } else { "no" },
                    if e.chunked { Tone::Bad } else { Tone::Plain },
                ),
                findings_cell(findings(e)),
            ]
        })
        .collect();
    Table {
        caption: None,
        headers: [
            "entry", "step", "request", "HTTP", "time", "size", "gzip", "chunked", "findings",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// What a probe sent, in a few words.
fn sent(e: &Exchange) -> String {
    let fake = e.sent.get("fake").and_then(Value::as_str);
    match (e.probe.as_deref(), fake) {
        (Some("bad-credentials"), _) => format!("{} with a wrong password", e.operation),
        (Some("invalid-date"), _) => e.summary.clone(),
        (_, Some(f)) => format!("{} for {f}", e.operation),
        _ => e.summary.clone(),
    }
}

pub fn probes(rec: &Recording, findings: &Findings) -> Table {
    let rows = rec
        .exchanges
        .iter()
        .filter(|e| e.probe.is_some())
        .map(|e| {
            let f = findings(e);
            let probe_rules: Vec<&str> = f
                .map(|f| {
                    f.findings
                        .iter()
                        .filter(|(r, _)| probe_rule(r) && *r != "endpoint-tls")
                        .map(|(r, _)| *r)
                        .collect()
                })
                .unwrap_or_default();
            // The TLS of the origin is reported on its first entry; it is no answer to the probe.
            let worst = f.and_then(|f| {
                f.findings
                    .iter()
                    .filter(|(r, _)| *r != "endpoint-tls")
                    .map(|(_, l)| *l)
                    .max_by_key(|l| rank(*l))
            });
            let verdict = match worst {
                None => Cell::tone("as the contract says", Tone::Good),
                Some(Level::Error) => {
                    Cell::tone(format!("no: {}", rules_or(&probe_rules, f)), Tone::Bad)
                }
                Some(Level::Warning) => Cell::tone(
                    format!("not quite: {}", rules_or(&probe_rules, f)),
                    Tone::Warn,
                ),
                Some(_) => Cell::tone(
                    format!("tolerated: {}", rules_or(&probe_rules, f)),
                    Tone::Muted,
                ),
            };
            vec![
                Cell::code(&e.step),
                Cell::plain(sent(e)),
                Cell::plain(e.expectation.clone().unwrap_or_else(|| expectation(e))),
                answered(e),
                verdict,
            ]
        })
        .collect();
    Table {
        caption: None,
        headers: [
            "probe",
            "sent",
            "the contract expects",
            "came back",
            "verdict",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

fn rank(l: Level) -> u8 {
    match l {
        Level::Error => 3,
        Level::Warning => 2,
        _ => 1,
    }
}

fn probe_rule(rule: &str) -> bool {
    crate::rules::RULES
        .iter()
        .any(|r| r.name == rule && r.group == crate::rule::Group::Probe)
}

fn rules_or(probe_rules: &[&str], f: Option<&FileEntry>) -> String {
    let mut names: Vec<&str> = match probe_rules.is_empty() {
        true => f
            .map(|f| {
                f.findings
                    .iter()
                    .map(|(r, _)| *r)
                    .filter(|r| *r != "endpoint-tls")
                    .collect()
            })
            .unwrap_or_default(),
        false => probe_rules.to_vec(),
    };
    names.dedup();
    names.join(", ")
}

/// What the wrong-password probe expects (the sentence is the profile's `auth_sentence`).
fn expectation(e: &Exchange) -> String {
    match (e.probe.as_deref(), e.service.as_str()) {
        (Some("bad-credentials"), "hs4") => "HTTP 401: \"If the username and password generates an authentication error, then there will be a HTTP 401 response.\" (HS4 Getting Started)".into(),
        (Some("bad-credentials"), _) => "HTTP 403: \"If the username and password generates an authentication error, then SAP Concur expects an HTTP 403 response.\" (HS2 Headers)".into(),
        _ => String::new(),
    }
}

pub fn transport(rec: &Recording) -> Vec<Block> {
    let mut rows = Vec::new();
    for e in rec.exchanges.iter().filter(|e| e.tls.is_some()) {
        let t = e.tls.as_ref().cloned().unwrap_or(Value::Null);
        let text = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("—").to_string();
        let flag = |k: &str| match t.get(k).and_then(Value::as_bool) {
            Some(true) => Cell::tone("yes", Tone::Good),
            Some(false) => Cell::tone("no", Tone::Bad),
            None => Cell::tone("not checked", Tone::Muted),
        };
        let origin = e.url.split('/').take(3).collect::<Vec<_>>().join("/");
        let verified = match (
            t.get("verified").and_then(Value::as_bool),
            t.get("insecure").and_then(Value::as_bool),
        ) {
            (_, Some(true)) => Cell::tone("not verified (--insecure)", Tone::Bad),
            (Some(true), _) => Cell::tone("yes", Tone::Good),
            _ => Cell::tone(format!("no: {}", text("error")), Tone::Bad),
        };
        rows.push(vec![
            Cell::code(origin),
            Cell::plain(text("version")),
            Cell::code(text("cipher")),
            verified,
            flag("tls12"),
            flag("aes256"),
        ]);
    }
    let versions: Vec<String> = {
        let mut v: Vec<String> = rec
            .exchanges
            .iter()
            .filter(|e| !e.http_version.is_empty())
            .map(|e| e.http_version.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let reused = rec.exchanges.iter().filter(|e| e.reused).count();
    let mut b = vec![Block::Heading(2, "Transport".into())];
    match rows.is_empty() {
        true => b.push(Block::Para(
            "TLS was not checked: the exchanges went through a proxy.".into(),
        )),
        false => b.push(Block::Table(Table {
            caption: None,
            headers: [
                "origin",
                "TLS",
                "cipher",
                "certificate verified",
                "TLS 1.2 negotiable",
                "AES-256 negotiable",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        })),
    }
    b.push(Block::Para(format!(
        "HTTP versions answered: {}; {reused} of {} requests reused a pooled connection.",
        if versions.is_empty() {
            "none".to_string()
        } else {
            versions.join(", ")
        },
        rec.exchanges.len()
    )));
    b
}

pub fn booking(rec: &Recording) -> Vec<Block> {
    let mut b = vec![Block::Heading(2, "Booking".into())];
    let bookings = rec
        .run
        .get("bookings")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if bookings.is_empty() {
        let why = rec
            .steps()
            .into_iter()
            .find(|s| s.0.ends_with(".book"))
            .and_then(|s| s.2);
        b.push(Block::Para(format!(
            "No reservation was made{}.",
            why.map_or(String::new(), |w| format!(": {w}"))
        )));
        return b;
    }
    let at = |step: &str| {
        rec.exchanges
            .iter()
            .find(|e| e.step == step)
            .map(|e| (e.entry + 1).to_string())
            .unwrap_or_default()
    };
    let rows = bookings
        .iter()
        .map(|bk| {
            let text = |k: &str| bk.get(k).and_then(Value::as_str).unwrap_or("—").to_string();
            let cancelled = bk.get("cancelled").and_then(Value::as_bool) == Some(true);
            let service = text("service");
            vec![
                Cell::code(text("reservation_id")),
                Cell::code(text("modification_code")),
                Cell::code(text("cancellation_number")),
                match cancelled {
                    true => Cell::tone("cancelled", Tone::Good),
                    false => Cell::tone(
                        "may still be active at the supplier: cancel it by hand",
                        Tone::Bad,
                    ),
                },
                Cell::plain(format!(
                    "entries {} / {}",
                    at(&format!("{service}.book")),
                    at(&format!("{service}.cancel"))
                )),
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: None,
        headers: [
            "reservation ID (UniqueID 14)",
            "modification code (1000)",
            "cancellation number (15)",
            "state",
            "book / cancel",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }));
    b
}

pub fn performance(rec: &Recording) -> Table {
    // Per operation: its times (ms), ideal and time-out (s).
    type Times<'r> = (&'r str, Vec<f64>, Option<f64>, Option<f64>);
    let mut ops: Vec<Times> = Vec::new();
    for e in rec.exchanges.iter().filter(|e| e.status != 0) {
        match ops.iter_mut().find(|o| o.0 == e.operation) {
            Some(o) => o.1.push(e.time_ms),
            None => ops.push((&e.operation, vec![e.time_ms], e.ideal_s, e.timeout_s)),
        }
    }
    let rows = ops
        .into_iter()
        .map(|(op, mut t, ideal, timeout)| {
            t.sort_by(f64::total_cmp);
            let median = t[t.len() / 2];
            let max = t[t.len() - 1];
            let tone = match (ideal, timeout) {
                (_, Some(l)) if max / 1000.0 > l => Tone::Bad,
                (Some(i), _) if max / 1000.0 > i => Tone::Warn,
                _ => Tone::Good,
            };
            vec![
                Cell::plain(op),
                Cell::plain(t.len().to_string()),
                Cell::plain(secs(t[0])),
                Cell::plain(secs(median)),
                Cell::tone(secs(max), tone),
                Cell::plain(ideal.map_or("—".to_string(), |i| format!("{i} s"))),
                Cell::plain(timeout.map_or("—".to_string(), |i| format!("{i} s"))),
            ]
        })
        .collect();
    let connect = rec
        .exchanges
        .iter()
        .map(|e| e.connect_ms)
        .fold(0.0, f64::max);
    Table {
        caption: Some(format!(
            "connection set-up (TCP and TLS) is shown apart: at most {} for a new connection",
            secs(connect)
        )),
        headers: [
            "operation",
            "answers",
            "min",
            "median",
            "max",
            "ideal",
            "time-out",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

pub fn correlation(rec: &Recording) -> Table {
    Table {
        caption: None,
        headers: ["entry", "step", "concur-correlationid", "sent"]
            .map(String::from)
            .to_vec(),
        rows: rec
            .exchanges
            .iter()
            .map(|e| {
                vec![
                    Cell::plain((e.entry + 1).to_string()),
                    Cell::code(&e.step),
                    Cell::code(e.correlation_id.clone().unwrap_or_default()),
                    Cell::plain(e.url.clone()),
                ]
            })
            .collect(),
    }
}
