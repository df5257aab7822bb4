//! A HAR entry from a taped exchange: the request as sent and the response as received, each
//! redacted, and the probe facts (`_otalint`) the probe rules read.

use serde_json::{Value, json};

use super::client::Taped;
use super::exchange::{Answer, Outgoing, Recorder, Step};
use super::har::{self, Content, Entry, NameValue, PostData, Request, Response, Timings};
use super::redact::Kind;
use crate::input::{self, Limits};

impl Recorder {
    /// The HAR entry of an exchange, and what came back for the flow.
    pub(super) fn entry(
        &self,
        step: &Step,
        out: &Outgoing,
        taped: Taped,
        started: String,
        tls: Option<Value>,
    ) -> (Entry, Answer) {
        let (request_headers, request_head_size) = sent_head(&taped.sent);
        let request_headers = self.redact_request_headers(request_headers);
        let body = self.redact_request_body(out.body.as_bytes());
        let (response, answer, markers) = self.response_of(&taped);
        let t = taped.timings;
        let otalint = self.facts(step, &taped, &answer, tls, markers);
        let entry = Entry {
            started_date_time: started,
            time: har::ms(t.total()),
            request: Request {
                method: if step.operation == "image" {
                    "GET"
                } else {
                    "POST"
                }
                .to_string(),
                url: out.url.clone(),
                http_version: "HTTP/1.1".to_string(),
                cookies: Vec::new(),
                headers: request_headers,
                query_string: Vec::new(),
                post_data: PostData {
                    mime_type: out.mime.to_string(),
                    text: String::from_utf8_lossy(&body).into_owned(),
                },
                headers_size: request_head_size as i64,
                body_size: out.body.len() as i64,
            },
            response,
            cache: json!({}),
            timings: Timings {
                blocked: -1.0,
                dns: -1.0,
                ssl: -1.0,
                connect: har::ms(t.connect),
                send: har::ms(t.send),
                wait: har::ms(t.wait),
                receive: har::ms(t.receive),
            },
            connection: taped.connection.to_string(),
            comment: format!("otalint probe · {} · {}", step.id, step.summary),
            otalint,
        };
        (entry, answer)
    }

    /// `_otalint` of an entry (docs/probe.md "The recording").
    fn facts(
        &self,
        step: &Step,
        taped: &Taped,
        answer: &Answer,
        tls: Option<Value>,
        markers: Value,
    ) -> Value {
        let redacted = if self.secrets.is_off() {
            json!([])
        } else {
            json!([
                "authorization",
                "soap-userid",
                "soap-password",
                "card-number",
                "cvv"
            ])
        };
        json!({
            "version": input::probe_facts::VERSION,
            "step": step.id,
            "service": step.service,
            "profile": step.service,
            "operation": step.operation,
            "probe": step.probe,
            "expect": if step.probe.is_some() { "probe" } else { "success" },
            "sent": step.sent,
            "carried": step.carried,
            "failed": null,
            "blocked": [],
            "left_active": null,
            "transport": {
                "error": answer.transport_error,
                "timed_out": taped.timed_out,
                "client_timeout_ms": self.timeout.as_millis() as u64,
                "connection": taped.connection,
                "reused": taped.reused,
            },
            "tls": tls,
            "redacted": redacted,
            "markers": markers,
        })
    }

    /// The response as taped, parsed by the parser `check` uses, redacted; a transport failure
    /// (or a body that does not decode within the limit) is an entry without a status.
    fn response_of(&self, taped: &Taped) -> (Response, Answer, Value) {
        let text = crate::document::decode(&taped.received).text;
        let head = taped
            .error
            .is_none()
            .then(|| input::http::head(&text))
            .flatten();
        let unit = head
            .as_ref()
            .map(|_| input::http::unit(&taped.received, &text, self.limits));
        let undecodable = unit.as_ref().and_then(|u| u.errors.first().cloned());
        let mut markers = json!({"card-number": 0, "cvv": 0});
        let (Some((status_line, head_end)), Some(unit), None) = (head, unit, &undecodable) else {
            let answer = Answer {
                status: None,
                body: None,
                entry: None,
                transport_error: Some(undecodable.unwrap_or_else(|| failure(taped, &text))),
            };
            return (Response::none(), answer, markers);
        };
        let http = unit.http.clone().unwrap_or_default();
        let mut parts = text[status_line].splitn(3, ' ');
        let version = parts.next().unwrap_or("").to_string();
        let reason = parts.nth(1).unwrap_or("").to_string();
        let raw_body = &taped.received[head_end.min(taped.received.len())..];
        let wire = match http.is_chunked() {
            true => input::http::dechunk(raw_body).map_or(raw_body.len(), |b| b.len()),
            false => raw_body.len(),
        };
        // An image read only in part: the client's de-chunked bytes, not the cut tape's.
        let partial = taped.decoded.clone().filter(|_| http.is_chunked());
        let body = partial.or(unit.body);
        let decoded = body.clone().unwrap_or_default();
        let (headers, body_redacted, counts) = self.redact_response(&http.headers, &decoded);
        for (kind, n) in counts {
            if let Some(m) = markers.as_object_mut() {
                let slot = m.entry(kind.name()).or_insert(json!(0));
                *slot = json!(slot.as_u64().unwrap_or(0) + n as u64);
            }
        }
        let header = |name: &str| http.header(name).map(|h| h.value.clone());
        let response = Response {
            status: http.status.unwrap_or(0),
            status_text: reason,
            http_version: version,
            cookies: Vec::new(),
            redirect_url: header("Location").unwrap_or_default(),
            headers,
            content: Content::of(
                &body_redacted,
                wire,
                &header("Content-Type").unwrap_or_else(|| "x-unknown".to_string()),
            ),
            headers_size: head_end as i64,
            body_size: wire as i64,
        };
        let answer = Answer {
            status: http.status,
            body,
            entry: None,
            transport_error: None,
        };
        (response, answer, markers)
    }

    pub(super) fn redact_request_headers(&self, headers: Vec<NameValue>) -> Vec<NameValue> {
        headers
            .into_iter()
            .map(|h| {
                let lower = h.name.to_ascii_lowercase();
                let value = if self.secrets.is_off() {
                    h.value
                } else if lower == "authorization" || lower == "proxy-authorization" {
                    "Basic [REDACTED]".to_string()
                } else if self
                    .redact_headers
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(&h.name))
                {
                    "[REDACTED]".to_string()
                } else {
                    String::from_utf8_lossy(&self.secrets.scrub(h.value.as_bytes()).0).into_owned()
                };
                NameValue {
                    name: h.name,
                    value,
                }
            })
            .collect()
    }

    pub(super) fn redact_request_body(&self, body: &[u8]) -> Vec<u8> {
        if self.secrets.is_off() {
            return body.to_vec();
        }
        let (b, _) = self.secrets.scrub_element(body, &["userid"], Kind::User);
        let (b, _) = self
            .secrets
            .scrub_element(&b, &["password"], Kind::Password);
        let (b, _) = self
            .secrets
            .scrub_element(&b, &["password"], Kind::BadPassword);
        // The short CVV keeps its own marker where the booking put it; the rest by value.
        let (b, _) = self
            .secrets
            .scrub_element(&b, &["PlainText", "cvv"], Kind::Cvv);
        let (b, _) = self.secrets.scrub(&b);
        b
    }

    /// Response headers and body with every known secret replaced; the card data counts.
    fn redact_response(
        &self,
        headers: &[input::Header],
        body: &[u8],
    ) -> (Vec<NameValue>, Vec<u8>, Vec<(Kind, usize)>) {
        let mut counts = Vec::new();
        // Every secret echoed, by kind (credentials-in-response, card-data-in-response), and
        // the removals of a short secret that may be ordinary text.
        let mut count = |kind: Kind, n: usize| {
            if n > 0 && kind != Kind::Header {
                counts.push((kind, n));
            }
        };
        let headers = headers
            .iter()
            .map(|h| {
                let lower = h.name.to_ascii_lowercase();
                let value = if self.secrets.is_off() {
                    h.value.clone()
                } else if matches!(
                    lower.as_str(),
                    "set-cookie" | "authorization" | "proxy-authorization"
                ) || self
                    .redact_headers
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(&h.name))
                {
                    "[REDACTED]".to_string()
                } else {
                    let (v, c) = self.secrets.scrub(h.value.as_bytes());
                    c.into_iter().for_each(|(k, n)| count(k, n));
                    String::from_utf8_lossy(&v).into_owned()
                };
                NameValue {
                    name: h.name.clone(),
                    value,
                }
            })
            .collect();
        if self.secrets.is_off() {
            return (headers, body.to_vec(), counts);
        }
        let (b, n) =
            self.secrets
                .scrub_element(body, &["SeriesCode", "PlainText", "cvv"], Kind::Cvv);
        count(Kind::Cvv, n);
        let (b, c) = self.secrets.scrub(&b);
        c.into_iter().for_each(|(k, n)| count(k, n));
        (headers, b, counts)
    }
}

/// The request head as sent: its headers in order, and its size.
fn sent_head(sent: &[u8]) -> (Vec<NameValue>, usize) {
    let end = memchr::memmem::find(sent, b"\r\n\r\n").map_or(sent.len(), |p| p + 4);
    let head = String::from_utf8_lossy(&sent[..end]);
    let headers = head
        .split("\r\n")
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| NameValue {
            name: n.to_string(),
            value: v.trim().to_string(),
        })
        .collect();
    (headers, end)
}

/// Why there is no complete response, from the client's error and what the tape holds.
fn failure(taped: &Taped, text: &str) -> String {
    let error = taped
        .error
        .clone()
        .unwrap_or_else(|| "the response has no complete head".to_string());
    if taped.received.is_empty() {
        return match taped.timed_out {
            true => error,
            false if error.contains("closed the connection") => {
                "the server closed the connection without answering".to_string()
            }
            false => error,
        };
    }
    let Some((_, head_end)) = input::http::head(text) else {
        return format!(
            "{error}; {} bytes came, without a complete status line and headers",
            taped.received.len()
        );
    };
    let unit = input::http::unit(&taped.received, text, Limits::default());
    let http = unit.http.unwrap_or_default();
    let got = taped.received.len().saturating_sub(head_end);
    match http
        .header("Content-Length")
        .and_then(|h| h.value.trim().parse::<usize>().ok())
    {
        Some(length) if got < length => {
            format!("the body ended after {got} of {length} bytes ({error})")
        }
        _ if http.is_chunked() => {
            format!("the chunked body ended before its last chunk, after {got} bytes ({error})")
        }
        _ => format!("{error}, after the head and {got} bytes of body"),
    }
}
