//! One exchange, from request to HAR entry: send through the taping client, read the tape with
//! the parser `check` uses for `curl -i` captures, check TLS once per origin, redact, append the
//! entry and rewrite the recording (ARCHITECTURE.md, the probe).

use std::collections::BTreeSet;
use std::io::Write;
use std::time::Duration;

use serde_json::{Value, json};

use super::client::{Client, Taped};
use super::har::NameValue;
use super::redact::Secrets;
use super::run::Run;
use crate::input::Limits;

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

impl Step {
    /// A step of `service` with nothing carried yet.
    pub fn new(
        service: &'static str,
        id: &str,
        operation: &'static str,
        probe: Option<&'static str>,
        sent: Value,
        summary: String,
    ) -> Step {
        Step {
            id: id.to_string(),
            service,
            operation,
            probe,
            sent,
            carried: json!({}),
            summary,
        }
    }
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
    /// The body as text: UTF-8, or else each byte as the ISO-8859-1 character it is (what a
    /// Latin-1 answer means; `not-utf8` reports the encoding, and the flow still reads the
    /// content rather than calling it malformed).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        let body = self.body.as_deref().unwrap_or_default();
        match std::str::from_utf8(body) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => std::borrow::Cow::Owned(body.iter().map(|b| char::from(*b)).collect()),
        }
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
    /// How [`Recorder::send_all`] makes a client per concurrent request.
    pub options: Option<super::client::ClientOptions>,
    /// Send each shopping step this many times.
    pub repeat: u32,
    /// `--check-images N`: the images fetched per hotel (0: none).
    pub images: usize,
    /// Progress lines waiting for the flow's verdict.
    pending: Vec<String>,
    /// `--evidence DIR`: the bundle being written.
    pub evidence: Option<super::evidence::Evidence>,
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
            options: None,
            repeat: 1,
            images: 0,
            pending: Vec::new(),
            evidence: None,
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
        super::stop::keep(self.run.possibly_active());
        if self.dry() || self.refused.is_some() {
            return;
        }
        if let Err(e) = self.run.write(&self.secrets) {
            eprintln!("otalint probe: {e}");
            self.refused = Some(e);
        }
    }

    /// Why nothing new is sent any more: a signal came, or the recording cannot be written.
    pub fn halted(&self) -> Option<String> {
        if let Some(signal) = super::stop::signal() {
            return Some(format!(
                "the run was interrupted ({})",
                super::stop::name(signal)
            ));
        }
        self.refused
            .as_ref()
            .map(|_| "the recording cannot be written".to_string())
    }

    /// Sends one request and records it; a dry run prints it instead.
    pub fn send(&mut self, step: &Step, out: Outgoing) -> Result<Answer, crate::error::Error> {
        if let Some(why) = self.halted()
            && (step.operation != "cancel" || step.probe.is_some())
        {
            // Only the cancel of what was booked still goes out.
            let why = format!("not sent: {why}");
            self.run
                .status(&step.id, "skipped", Some(why.clone()), None);
            return Ok(Answer {
                status: None,
                body: None,
                entry: None,
                transport_error: Some(why),
            });
        }
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
        Ok(self.record(step, &out, taped, started, tls))
    }

    /// Sends these requests at once, each on a client of its own (its own connection and
    /// tape), then records them in order (`[steps] parallel_availability`). A dry or halted run
    /// sends them one by one through [`Recorder::send`].
    pub fn send_all(
        &mut self,
        batch: Vec<(Step, Outgoing)>,
    ) -> Result<Vec<Answer>, crate::error::Error> {
        let options = self.options.clone();
        let Some(options) = options.filter(|_| !self.dry() && self.halted().is_none()) else {
            return batch.into_iter().map(|(s, o)| self.send(&s, o)).collect();
        };
        let clients = batch
            .iter()
            .map(|_| Client::new(&options))
            .collect::<Result<Vec<_>, _>>()
            .map_err(crate::error::Error::Usage)?;
        let tls: Vec<Option<Value>> = batch.iter().map(|(_, o)| self.tls_of(&o.url)).collect();
        let started = self.run.clock.now();
        let taped: Vec<Taped> = std::thread::scope(|scope| {
            let running: Vec<_> = batch
                .iter()
                .zip(&clients)
                .map(|((_, out), client)| {
                    scope.spawn(move || client.post(&out.url, &out.headers, out.body.as_bytes()))
                })
                .collect();
            running
                .into_iter()
                .map(|r| r.join().unwrap_or_default())
                .collect()
        });
        let mut answers = Vec::new();
        for (((step, out), taped), tls) in batch.into_iter().zip(taped).zip(tls) {
            self.sent += 1;
            answers.push(self.record(&step, &out, taped, started.clone(), tls));
        }
        Ok(answers)
    }

    /// One exchange into the recording, the evidence and the progress lines.
    pub(super) fn record(
        &mut self,
        step: &Step,
        out: &Outgoing,
        taped: Taped,
        started: String,
        tls: Option<Value>,
    ) -> Answer {
        let received = self.evidence.as_ref().map(|_| taped.received.clone());
        let (entry, answer) = self.entry(step, out, taped, started, tls);
        let index = self.run.har.log.entries.len();
        if let (Some(evidence), Some(raw)) = (&self.evidence, received)
            && self.refused.is_none()
            && let Err(e) = evidence.exchange(index, &entry, &raw, &self.secrets)
        {
            self.refused = Some(e);
        }
        self.run.har.log.entries.push(entry);
        self.progress(step, index, &answer);
        self.flush();
        Answer {
            entry: Some(index),
            ..answer
        }
    }

    /// The verdicts of the progress lines waiting, one word each (`send_all`'s requests).
    pub fn verdict_each(&mut self, words: &[String]) {
        let mut err = std::io::stderr().lock();
        let pending = std::mem::take(&mut self.pending);
        for (i, line) in pending.into_iter().enumerate() {
            let word = words.get(i).map_or("", String::as_str);
            let line = format!("{line}  {word}");
            let _ = writeln!(err, "{line}");
            if let Some(e) = &mut self.evidence {
                e.console.push(line);
            }
        }
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

    /// Prints the progress lines of the step just sent, with the flow's verdict on the first
    /// (`ok`, `FAILED: …`, `probe`) and `repeat` on the samples of `--repeat`.
    pub fn verdict(&mut self, word: &str) {
        let mut err = std::io::stderr().lock();
        for (i, line) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            let line = format!("{line}  {}", if i == 0 { word } else { "repeat" });
            let _ = writeln!(err, "{line}");
            if let Some(e) = &mut self.evidence {
                e.console.push(line);
            }
        }
    }

    /// Prints progress lines no verdict came for.
    pub fn flush_progress(&mut self) {
        let mut err = std::io::stderr().lock();
        for line in std::mem::take(&mut self.pending) {
            let _ = writeln!(err, "{line}");
            if let Some(e) = &mut self.evidence {
                e.console.push(line);
            }
        }
    }

    fn progress(&mut self, step: &Step, index: usize, answer: &Answer) {
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
        let line = format!(
            "[{:>2}/{}] {:<24} {:<22} {:<16} {:>6.2} s  {:>6.1} kB{:<5}",
            index + 1,
            self.planned.max(index + 1),
            step.id,
            shorten(&step.summary, 22),
            shorten(&status, 16),
            e.time / 1000.0,
            size,
            if gzip { " gzip" } else { "" }
        );
        self.pending.push(line);
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
