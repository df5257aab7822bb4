//! One exchange, from request to HAR entry: send through the taping client, read the tape with
//! the parser `check` uses for `curl -i` captures, check TLS once per origin, redact, append the
//! entry and rewrite the recording (PROBE.md §11 "data flow per exchange").

use std::collections::BTreeSet;
use std::io::Write;
use std::time::Duration;

use serde_json::{Value, json};

use super::client::{Client, Taped};
use super::har::{self, Content, Entry, NameValue, PostData, Request, Response, Timings};
use super::redact::{Kind, Secrets};
use super::run::Run;
use crate::input::{self, Limits};

/// A step as the flow asks for it.
#[derive(Clone)]
pub struct Step {
    pub id: String,
    pub service: &'static str,
    pub operation: &'static str,
    /// The negative probe (`unknown-hotel`), `None` on positive steps.
    pub probe: Option<&'static str>,
    /// What the expectation refers to; never secrets.
    pub sent: Value,
    /// Where carried values came from.
    pub carried: Value,
    /// A few words for the progress line and the HAR comment (`5 hotels from hs2.search`).
    pub summary: String,
}

/// What came back, for the flow to judge and carry from.
pub struct Answer {
    pub status: Option<u16>,
    /// The decoded body, before redaction (carried values are read from it).
    pub body: Option<Vec<u8>>,
    /// The HAR entry; `None` in a dry run.
    pub entry: Option<usize>,
    pub transport_error: Option<String>,
}

impl Answer {
    pub fn text(&self) -> &str {
        self.body
            .as_deref()
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// The request as the flow builds it.
#[derive(Clone)]
pub struct Outgoing {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub mime: &'static str,
}

/// Sends and records the exchanges of a run.
pub struct Recorder {
    pub client: Option<Client>,
    pub secrets: Secrets,
    pub run: Run,
    pub limits: Limits,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub ca_pem: Option<Vec<u8>>,
    pub insecure: bool,
    pub proxied: bool,
    pub pause: Duration,
    pub redact_headers: Vec<String>,
    pub planned: usize,
    /// Send each shopping step this many times.
    pub repeat: u32,
    /// The redaction check refused the recording: it is not written again, and the run ends
    /// with this error once the flow (and its cancel) is done.
    pub refused: Option<crate::error::Error>,
    tls_done: BTreeSet<String>,
    sent: usize,
}

impl Recorder {
    pub fn new(client: Option<Client>, secrets: Secrets, run: Run, limits: Limits) -> Recorder {
        Recorder {
            client,
            secrets,
            run,
            limits,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            ca_pem: None,
            insecure: false,
            proxied: false,
            pause: Duration::ZERO,
            redact_headers: Vec::new(),
            planned: 0,
            repeat: 1,
            refused: None,
            tls_done: BTreeSet::new(),
            sent: 0,
        }
    }

    pub fn dry(&self) -> bool {
        self.client.is_none()
    }

    /// Rewrites the recording (not in a dry run, nor after the redaction check refused it).
    pub fn flush(&mut self) {
        if self.dry() || self.refused.is_some() {
            return;
        }
        if let Err(e) = self.run.write(&self.secrets) {
            eprintln!("otalint probe: {e}");
            self.refused = Some(e);
        }
    }

    /// Sends one request and records it; a dry run prints it instead.
    pub fn send(&mut self, step: &Step, out: Outgoing) -> Result<Answer, crate::error::Error> {
        self.sent += 1;
        if self.client.is_none() {
            self.print_dry(step, &out);
            return Ok(Answer {
                status: None,
                body: None,
                entry: None,
                transport_error: None,
            });
        };
        if self.sent > 1 && !self.pause.is_zero() {
            std::thread::sleep(self.pause);
        }
        let started = self.run.clock.now();
        let tls = self.tls_of(&out.url);
        let taped = match &self.client {
            Some(client) => client.post(&out.url, &out.headers, out.body.as_bytes()),
            None => Taped::default(),
        };
        let (entry, answer) = self.entry(step, &out, taped, started, tls);
        self.run.har.log.entries.push(entry);
        let index = self.run.har.log.entries.len() - 1;
        self.progress(step, index, &answer);
        self.flush();
        Ok(Answer {
            entry: Some(index),
            ..answer
        })
    }

    /// The TLS facts to record on the first exchange with an origin.
    fn tls_of(&mut self, url: &str) -> Option<Value> {
        let (scheme, host, port) = origin(url)?;
        if !self.tls_done.insert(format!("{scheme}://{host}:{port}")) {
            return None;
        }
        if scheme == "http" {
            return Some(
                json!({"version": null, "cipher": null, "verified": false, "error": "plain HTTP: no TLS", "tls12": null, "aes256": null, "insecure": false}),
            );
        }
        if self.proxied {
            return None;
        }
        let t = super::tls::check(
            &host,
            port,
            self.ca_pem.as_deref(),
            self.insecure,
            self.connect_timeout,
        );
        Some(json!({
            "version": t.version, "cipher": t.cipher, "verified": t.verified, "error": t.error,
            "tls12": t.tls12, "aes256": t.aes256, "insecure": t.insecure,
        }))
    }

    fn entry(
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
        let text = crate::document::decode(&taped.received).text;
        let head = (taped.error.is_none())
            .then(|| input::http::head(&text))
            .flatten();
        // A body that cannot be decoded within the limit (a gzip bomb) is no usable answer.
        let unit = head
            .as_ref()
            .map(|_| input::http::unit(&taped.received, &text, self.limits));
        let undecodable = unit.as_ref().and_then(|u| u.errors.first().cloned());
        let head = head.filter(|_| undecodable.is_none());
        let mut markers = json!({"card-number": 0, "cvv": 0});
        let (response, answer) = match head {
            Some((status_line, head_end)) => {
                let unit = unit.unwrap_or_default();
                let http = unit.http.clone().unwrap_or_default();
                let line = &text[status_line];
                let mut parts = line.splitn(3, ' ');
                let version = parts.next().unwrap_or("").to_string();
                let _code = parts.next();
                let reason = parts.next().unwrap_or("").to_string();
                let raw_body = &taped.received[head_end.min(taped.received.len())..];
                let wire = if http.is_chunked() {
                    input::http::dechunk(raw_body).map_or(raw_body.len(), |b| b.len())
                } else {
                    raw_body.len()
                };
                let decoded = unit.body.clone().unwrap_or_default();
                let (headers, body_redacted, counts) =
                    self.redact_response(&http.headers, &decoded);
                for (kind, n) in counts {
                    if let Some(slot) = markers.get_mut(kind.name()) {
                        *slot = json!(slot.as_u64().unwrap_or(0) + n as u64);
                    }
                }
                let mime = http
                    .header("Content-Type")
                    .map_or("x-unknown".to_string(), |h| h.value.clone());
                let response = Response {
                    status: http.status.unwrap_or(0),
                    status_text: reason,
                    http_version: version,
                    cookies: Vec::new(),
                    redirect_url: http
                        .header("Location")
                        .map_or(String::new(), |h| h.value.clone()),
                    headers,
                    content: Content::of(&body_redacted, wire, &mime),
                    headers_size: head_end as i64,
                    body_size: wire as i64,
                };
                let answer = Answer {
                    status: http.status,
                    body: unit.body,
                    entry: None,
                    transport_error: None,
                };
                (response, answer)
            }
            None => (
                Response {
                    status: 0,
                    status_text: String::new(),
                    http_version: String::new(),
                    cookies: Vec::new(),
                    headers: Vec::new(),
                    content: Content::none(),
                    redirect_url: String::new(),
                    headers_size: -1,
                    body_size: -1,
                },
                Answer {
                    status: None,
                    body: None,
                    entry: None,
                    transport_error: Some(undecodable.unwrap_or_else(|| failure(&taped, &text))),
                },
            ),
        };
        let t = taped.timings;
        let otalint = json!({
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
            "redacted": if self.secrets.is_off() { json!([]) } else { json!(["authorization", "soap-userid", "soap-password", "card-number", "cvv"]) },
            "markers": markers,
        });
        let entry = Entry {
            started_date_time: started,
            time: har::ms(t.total()),
            request: Request {
                method: "POST".to_string(),
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

    fn redact_request_headers(&self, headers: Vec<NameValue>) -> Vec<NameValue> {
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

    fn redact_request_body(&self, body: &[u8]) -> Vec<u8> {
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
        let (b, _) = self.secrets.scrub(&b);
        let (b, _) = self
            .secrets
            .scrub_element(&b, &["PlainText", "cvv"], Kind::Cvv);
        b
    }

    /// Response headers and body with every known secret replaced; the card data counts.
    fn redact_response(
        &self,
        headers: &[input::Header],
        body: &[u8],
    ) -> (Vec<NameValue>, Vec<u8>, Vec<(Kind, usize)>) {
        let mut counts = Vec::new();
        let mut count = |kind: Kind, n: usize| {
            if n > 0 && matches!(kind, Kind::CardNumber | Kind::Cvv) {
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
        let (b, c) = self.secrets.scrub(body);
        c.into_iter().for_each(|(k, n)| count(k, n));
        let (b, n) = self
            .secrets
            .scrub_element(&b, &["SeriesCode", "PlainText", "cvv"], Kind::Cvv);
        count(Kind::Cvv, n);
        (headers, b, counts)
    }

    fn progress(&self, step: &Step, index: usize, answer: &Answer) {
        let e = &self.run.har.log.entries[index];
        let status = match answer.status {
            Some(s) => format!("{s} {}", e.response.status_text),
            None => "no response".to_string(),
        };
        let size = e.response.body_size.max(0) as f64 / 1000.0;
        let gzip =
            e.response.headers.iter().any(|h| {
                h.name.eq_ignore_ascii_case("content-encoding") && h.value.contains("gzip")
            });
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "[{:>2}/{}] {:<24} {:<22} {:<16} {:>6.2} s  {:.1} kB{}",
            index + 1,
            self.planned.max(index + 1),
            step.id,
            shorten(&step.summary, 22),
            shorten(&status, 16),
            e.time / 1000.0,
            size,
            if gzip { " gzip" } else { "" }
        );
    }

    fn print_dry(&self, step: &Step, out: &Outgoing) {
        let headers: Vec<NameValue> = out
            .headers
            .iter()
            .map(|(n, v)| NameValue {
                name: n.clone(),
                value: v.clone(),
            })
            .collect();
        let headers = self.redact_request_headers(headers);
        let body = self.redact_request_body(out.body.as_bytes());
        let mut o = std::io::stdout().lock();
        let _ = writeln!(
            o,
            "### [{:>2}] {}  {}\nPOST {}",
            self.sent, step.id, step.summary, out.url
        );
        for h in headers {
            let _ = writeln!(o, "{}: {}", h.name, h.value);
        }
        let _ = writeln!(o, "\n{}", String::from_utf8_lossy(&body).trim_end());
        let _ = writeln!(o);
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

/// `(scheme, host, port)` of a URL.
pub fn origin(url: &str) -> Option<(String, String, u16)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?;
    let (host, port) = match authority
        .rfind(':')
        .filter(|at| !authority[*at..].contains(']'))
    {
        Some(at) => (&authority[..at], authority[at + 1..].parse().ok()?),
        None => (authority, if scheme == "https" { 443 } else { 80 }),
    };
    Some((
        scheme,
        host.trim_matches(['[', ']']).to_ascii_lowercase(),
        port,
    ))
}

fn shorten(s: &str, n: usize) -> String {
    match s.char_indices().nth(n.saturating_sub(1)) {
        Some((at, _)) if s.chars().count() > n => format!("{}…", &s[..at]),
        _ => s.to_string(),
    }
}
