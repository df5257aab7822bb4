//! HAR 1.2 captures, as browsers, mitmproxy, Charles and Fiddler export them: each entry's
//! response is a unit, with its status, headers and `time` (spans into the HAR file), its
//! body (`content.text`, base64 or not), and its request body for pairing.

use base64::Engine;
use serde_json::Value;

use super::json_spans::{Spans, spans};
use super::probe_facts;
use super::{FileSpan, Header, HttpFacts, ServiceEvidence, Unit};

/// The units of a HAR file; an entry that cannot be read is an error of its own, and the
/// others are still returned. A file that is not a HAR at all is one error.
pub fn units(text: &str) -> Result<Vec<Result<Unit, String>>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "not a valid HAR: {} (line {}, column {})",
            strip_position(&e.to_string()),
            e.line(),
            e.column()
        )
    })?;
    let entries = value
        .pointer("/log/entries")
        .and_then(Value::as_array)
        .ok_or("not a HAR: it has no `log.entries` array")?;
    // `_otalint` reaches depth 4 (`/log/entries/N/_otalint`); its members are read whole.
    let spans = spans(text, 7);
    let by_probe = probe_facts::written_by_probe(&value);
    Ok(entries
        .iter()
        .enumerate()
        .map(|(i, entry)| unit(i, entry, &spans, by_probe))
        .collect())
}

fn unit(i: usize, entry: &Value, spans: &Spans, by_probe: bool) -> Result<Unit, String> {
    let base = format!("/log/entries/{i}");
    let entry = entry
        .as_object()
        .ok_or_else(|| format!("HAR entry {} is not an object", i + 1))?;
    let request = entry.get("request").and_then(Value::as_object);
    let response = entry
        .get("response")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("HAR entry {} has no `response` object", i + 1))?;
    let text_of = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let method = text_of(request.and_then(|r| r.get("method")));
    let url = text_of(request.and_then(|r| r.get("url")));
    let probe = by_probe
        .then(|| probe_facts::read(entry, &base, spans))
        .flatten();
    let exchange = format!(
        "{} {}",
        method.as_deref().unwrap_or("?"),
        url.as_deref().unwrap_or("?")
    );
    // People count entries from 1, as the probe's progress lines and evidence files do; the
    // JSON report's `entry` stays the 0-based index into `log.entries`.
    let n = i + 1;
    let label = match &probe {
        Some(p) if !p.step.is_empty() => format!("entry {n}: {} ({exchange})", p.step),
        _ => format!("entry {n}: {exchange}"),
    };
    let mut notes = Vec::new();
    let mut http = http_facts(entry, request, response, &base, spans);
    if http.status.is_none() {
        notes.push("the entry has no HTTP status (the response never arrived?)".to_string());
    }
    let content = response.get("content").and_then(Value::as_object);
    let mut errors = Vec::new();
    let mut body = response_body(content, &mut notes, &mut errors);
    let mut probe = probe;
    // An image the probe fetched is no message: its first bytes go to `image-unreachable`.
    if let Some(p) = probe.as_mut().filter(|p| p.is_image()) {
        let head = body.take().unwrap_or_default();
        p.image_head = Some(head[..head.len().min(16)].to_vec());
        notes.clear();
    }
    let request_body = request
        .and_then(|r| r.get("postData"))
        .and_then(|p| p.get("text"))
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map(|t| (format!("the request of entry {i}"), t.as_bytes().to_vec()));
    let service = ServiceEvidence {
        recorded: probe.as_ref().and_then(|p| p.profile.clone()),
        url: url.clone(),
        json_request: json_request(request),
        no_body: body.is_none(),
    };
    http.probe = probe.map(Box::new);
    Ok(Unit {
        entry: Some((i, label)),
        body,
        body_offset: None,
        http: Some(http),
        request: request_body,
        notes,
        errors,
        service: Some(service),
    })
}

/// The HTTP facts of an entry, with their spans in the HAR.
fn http_facts(
    entry: &serde_json::Map<String, Value>,
    request: Option<&serde_json::Map<String, Value>>,
    response: &serde_json::Map<String, Value>,
    base: &str,
    spans: &Spans,
) -> HttpFacts {
    let headers = |list: Option<&Value>, pointer: &str| headers(list, pointer, spans);
    // Browsers write 0 for a response they never got; HAR has no status then.
    let status = response
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| *s > 0);
    // `time` is the whole round trip in milliseconds; -1 or absent means unknown.
    let elapsed = entry
        .get("time")
        .and_then(Value::as_f64)
        .filter(|t| *t >= 0.0)
        .map(|ms| ms / 1000.0);
    HttpFacts {
        status,
        status_span: spans
            .get(&format!("{base}/response/status"))
            .cloned()
            .map(FileSpan),
        headers: headers(response.get("headers"), &format!("{base}/response/headers")),
        elapsed,
        elapsed_span: spans.get(&format!("{base}/time")).cloned().map(FileSpan),
        request_headers: headers(
            request.and_then(|r| r.get("headers")),
            &format!("{base}/request/headers"),
        )
        .into_iter()
        .map(|h| (h.name, h.value))
        .collect(),
        span: spans.get(base).cloned().map(FileSpan),
        headers_known: true,
        probe: None,
        url: request
            .and_then(|r| r.get("url"))
            .and_then(Value::as_str)
            .map(str::to_string),
        started: entry
            .get("startedDateTime")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// Whether an entry's request was sent as JSON: its `postData.mimeType`, else its
/// `Content-Type` header.
fn json_request(request: Option<&serde_json::Map<String, Value>>) -> bool {
    request.is_some_and(|r| {
        let mime = r
            .get("postData")
            .and_then(|p| p.get("mimeType"))
            .and_then(Value::as_str);
        let header = r.get("headers").and_then(Value::as_array).and_then(|hs| {
            hs.iter()
                .find(|h| {
                    h.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case("content-type"))
                })
                .and_then(|h| h.get("value"))
                .and_then(Value::as_str)
        });
        mime.or(header)
            .is_some_and(|m| m.to_ascii_lowercase().contains("json"))
    })
}

/// The headers of a HAR list, with their spans.
fn headers(list: Option<&Value>, pointer: &str, spans: &Spans) -> Vec<Header> {
    list.and_then(Value::as_array)
        .map(|hs| {
            hs.iter()
                .enumerate()
                .filter_map(|(j, h)| {
                    Some(Header {
                        name: h.get("name")?.as_str()?.to_string(),
                        value: h.get("value")?.as_str()?.to_string(),
                        span: spans.get(&format!("{pointer}/{j}")).cloned().map(FileSpan),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The response body of an entry's `content`: its text, base64-decoded when it says so. A
/// body the capture has but otalint cannot read is an error, never a silent pass.
fn response_body(
    content: Option<&serde_json::Map<String, Value>>,
    notes: &mut Vec<String>,
    errors: &mut Vec<String>,
) -> Option<Vec<u8>> {
    let Some(text) = content.and_then(|c| c.get("text")).and_then(Value::as_str) else {
        let size = content
            .and_then(|c| c.get("size"))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if size > 0 {
            errors.push(format!(
                "the response body was not checked: the capture left it out (`content.size` \
                 {size}, no `content.text`); export the HAR with its content"
            ));
        } else {
            notes.push("the entry has no response body (`content.text`)".to_string());
        }
        return None;
    };
    let base64 = content
        .and_then(|c| c.get("encoding"))
        .and_then(Value::as_str)
        .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
    if !base64 {
        return Some(text.as_bytes().to_vec());
    }
    match base64::engine::general_purpose::STANDARD.decode(text.trim()) {
        Ok(b) => Some(b),
        Err(e) => {
            errors.push(format!(
                "the response body was not checked: its base64 does not decode ({e})"
            ));
            None
        }
    }
}

/// serde_json's messages end in ` at line L column C`; the caller says it its own way.
fn strip_position(message: &str) -> &str {
    message
        .find(" at line ")
        .map_or(message, |at| &message[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAR: &str = r#"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"},
      "entries": [
        {"time": 4200.5,
         "request": {"method": "POST", "url": "https://s.example/hs2",
                     "headers": [{"name": "SOAPAction", "value": "search"}],
                     "postData": {"mimeType": "text/xml", "text": "<OTA_HotelSearchRQ/>"}},
         "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}],
                      "content": {"mimeType": "text/xml", "text": "PE9UQV9DYW5jZWxSUy8+", "encoding": "base64"}}},
        "not an entry",
        {"request": {}, "response": {"status": 0, "headers": [], "content": {}}}
      ]}}"#;

    #[test]
    fn entries_become_units() {
        let units = units(HAR).expect("a HAR");
        assert_eq!(units.len(), 3);
        let first = units[0].as_ref().expect("entry 0");
        let http = first.http.as_ref().expect("http");
        assert_eq!(http.status, Some(200));
        assert_eq!(&HAR[http.status_span.clone().expect("span").0], "200");
        assert_eq!(http.elapsed, Some(4.2005));
        assert_eq!(http.request_header("soapaction"), Some("search"));
        assert_eq!(first.body.as_deref(), Some(&b"<OTA_CancelRS/>"[..]));
        assert_eq!(first.request.as_ref().map(|r| r.1.len()), Some(20));
        assert_eq!(
            first.entry.as_ref().map(|e| e.1.as_str()),
            Some("entry 1: POST https://s.example/hs2")
        );
        assert!(
            units[1]
                .as_ref()
                .expect_err("a string")
                .contains("entry 2 is not an object")
        );
        let third = units[2].as_ref().expect("entry 2");
        assert_eq!(third.notes.len(), 2, "{:?}", third.notes);
    }

    #[test]
    fn broken_hars_say_where() {
        let e = units(&HAR[..200]).expect_err("truncated");
        assert!(e.starts_with("not a valid HAR: EOF"), "{e}");
        assert!(e.contains("line"), "{e}");
        assert!(
            units("{\"log\": {}}")
                .expect_err("no entries")
                .contains("log.entries")
        );
    }
}
