//! The facts `otalint probe` records in its HARs (`entry._otalint`, docs/probe.md "The recording"), read only
//! when the HAR says otalint wrote it: "Parsers MUST ignore all custom fields … if the file was
//! not written by the same tool" (HAR 1.2). The probe rules read nothing else, so a recording
//! re-lints offline exactly as it was linted live.

use std::collections::BTreeMap;

use serde_json::Value;

use super::FileSpan;
use super::json_spans::Spans;

/// The version of `_otalint` this build reads and writes.
pub const VERSION: u64 = 1;

/// What the probe knew about one exchange.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProbeFacts {
    /// The step id (`hs2.availability`, `hs2.bad-credentials`).
    pub step: String,
    /// `hs2` or `hs4`.
    pub service: String,
    /// The profile the entry is checked against.
    pub profile: Option<String>,
    /// The operation (`availability`), for the time and size limits.
    pub operation: Option<String>,
    /// The negative probe this exchange is (`unknown-hotel`), `None` on positive steps.
    pub probe: Option<String>,
    /// What was sent that the expectation refers to (hotel codes, the fake code, the stay).
    pub sent: Value,
    /// Why a positive step did not succeed, as the probe found it; `None` when it did.
    pub failed: Option<String>,
    /// Steps not run because this one failed.
    pub blocked: Vec<String>,
    /// A reservation this step leaves active at the supplier.
    pub left_active: Option<String>,
    /// Why no complete response was had (refused, reset, cut short, timed out).
    pub transport_error: Option<String>,
    pub timed_out: bool,
    pub client_timeout_ms: Option<u64>,
    /// The request URL, and where it stands in the HAR.
    pub url: Option<String>,
    pub url_span: Option<FileSpan>,
    /// The TLS facts of the entry's origin (on its first entry).
    pub tls: Option<TlsFacts>,
    /// Secrets of the request found echoed in the response, by kind, redacted to markers.
    pub markers: BTreeMap<String, u64>,
    /// Where `_otalint` stands in the HAR.
    pub span: Option<FileSpan>,
    /// On an image exchange (`--check-images`, operation `image`): the first bytes of the
    /// response body, which `image-unreachable` judges instead of a document.
    pub image_head: Option<Vec<u8>>,
}

impl ProbeFacts {
    /// Whether the exchange fetched an image (`--check-images`) rather than a message.
    pub fn is_image(&self) -> bool {
        self.operation.as_deref() == Some("image")
    }
}

/// What the per-origin TLS check found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TlsFacts {
    pub version: Option<String>,
    pub cipher: Option<String>,
    pub verified: bool,
    pub error: Option<String>,
    /// Whether a TLS 1.2-only handshake succeeds (`None`: not tried).
    pub tls12: Option<bool>,
    /// Whether a handshake limited to AES-256 suites succeeds.
    pub aes256: Option<bool>,
    /// The certificate was not verified on purpose (`--insecure`).
    pub insecure: bool,
}

/// `log._otalint.run` of a HAR otalint probe wrote (steps, bookings, redaction): the
/// machine formats carry it. Other HARs have none.
/// (The caller parses the HAR; [`crate::report::recording::of`] skips files without `_otalint`.)
pub fn run_of(har: &Value) -> Option<Value> {
    if !written_by_probe(har) {
        return None;
    }
    let log = har.get("log")?.get("_otalint")?;
    (log.get("version").and_then(Value::as_u64) == Some(VERSION))
        .then(|| log.get("run").cloned())?
}

/// Whether a HAR's `log.creator.name` is otalint's.
pub fn written_by_probe(har: &Value) -> bool {
    har.pointer("/log/creator/name").and_then(Value::as_str) == Some("otalint")
}

/// The probe facts of one entry, when it has a readable `_otalint` object.
pub fn read(
    entry: &serde_json::Map<String, Value>,
    base: &str,
    spans: &Spans,
) -> Option<ProbeFacts> {
    let facts = entry.get("_otalint")?.as_object()?;
    if facts.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return None;
    }
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let transport = facts.get("transport").and_then(Value::as_object);
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(ProbeFacts {
        step: text(facts.get("step")).unwrap_or_default(),
        service: text(facts.get("service")).unwrap_or_default(),
        profile: text(facts.get("profile")),
        operation: text(facts.get("operation")),
        probe: text(facts.get("probe")),
        sent: facts.get("sent").cloned().unwrap_or(Value::Null),
        failed: text(facts.get("failed")),
        blocked: strings(facts.get("blocked")),
        left_active: text(facts.get("left_active")),
        transport_error: text(transport.and_then(|t| t.get("error"))),
        timed_out: transport
            .and_then(|t| t.get("timed_out"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        client_timeout_ms: transport
            .and_then(|t| t.get("client_timeout_ms"))
            .and_then(Value::as_u64),
        url: text(entry.get("request").and_then(|r| r.get("url"))),
        url_span: spans
            .get(&format!("{base}/request/url"))
            .cloned()
            .map(FileSpan),
        tls: facts.get("tls").and_then(Value::as_object).map(tls),
        markers: facts
            .get("markers")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_u64()?)))
                    .collect()
            })
            .unwrap_or_default(),
        span: spans
            .get(&format!("{base}/_otalint"))
            .cloned()
            .map(FileSpan),
        image_head: None,
    })
}

fn tls(t: &serde_json::Map<String, Value>) -> TlsFacts {
    let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::to_string);
    let flag = |k: &str| t.get(k).and_then(Value::as_bool);
    TlsFacts {
        version: text("version"),
        cipher: text("cipher"),
        verified: flag("verified").unwrap_or(false),
        error: text("error"),
        tls12: flag("tls12"),
        aes256: flag("aes256"),
        insecure: flag("insecure").unwrap_or(false),
    }
}

impl ProbeFacts {
    /// A value of `sent` as a list of strings (`hotel_codes`).
    pub fn sent_list(&self, key: &str) -> Vec<String> {
        match self.sent.get(key) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }

    /// A value of `sent` as a string (`fake`).
    pub fn sent_str(&self, key: &str) -> Option<&str> {
        self.sent.get(key).and_then(Value::as_str)
    }
}
