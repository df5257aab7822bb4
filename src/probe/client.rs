//! The HTTP client: one ureq `Agent` per run (keep-alive pool, no redirects, no decompression)
//! with a recording connector at the end of its chain that tapes the exact bytes on the wire —
//! the request as sent, the response as received (status line and reason phrase, header case
//! and order, chunk framing, the still-compressed body) — and timestamps each phase (docs/probe.md "What is sent", "Time-outs and limits").
//! The tape, not the client library, is what `check` judges.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, DefaultConnector, NextTimeout, Transport,
};
use ureq::{Agent, Proxy};

/// What one exchange put on the wire and got back.
#[derive(Debug, Default)]
pub struct Taped {
    pub sent: Vec<u8>,
    pub received: Vec<u8>,
    /// Why the exchange ended without a complete response, and whether a time-out ended it.
    pub error: Option<String>,
    pub timed_out: bool,
    pub timings: Timings,
    /// The pool connection (1, 2, …) and whether it was opened before this exchange.
    pub connection: u32,
    pub reused: bool,
    /// The body as the client decoded it (de-chunked), when only its first bytes were read
    /// ([`Client::get`]): the tape then ends inside the body.
    pub decoded: Option<Vec<u8>>,
}

/// Milliseconds per phase, as HAR `timings` has them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    pub connect: f64,
    pub send: f64,
    pub wait: f64,
    pub receive: f64,
}

impl Timings {
    pub fn total(&self) -> f64 {
        self.connect + self.send + self.wait + self.receive
    }
}

#[derive(Debug, Default)]
struct TapeState {
    sent: Vec<u8>,
    received: Vec<u8>,
    connections: u32,
    connection: u32,
    opened: bool,
    ready: Option<Instant>,
    first_write: Option<Instant>,
    last_write: Option<Instant>,
    first_read: Option<Instant>,
    last_read: Option<Instant>,
}

type Tape = Arc<Mutex<TapeState>>;

fn lock(tape: &Tape) -> MutexGuard<'_, TapeState> {
    // A panic while taping cannot leave the bytes half-valid in a way that matters here.
    tape.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The last connector of the chain: wraps the (decrypted) transport in a [`Recording`].
#[derive(Debug)]
struct RecordingConnector {
    tape: Tape,
    /// The proxy's `host:port`: ureq runs the whole chain for the connection to the proxy
    /// too, and that connection's bytes (the CONNECT) are not the exchange.
    proxy: Option<(String, u16)>,
}

impl<In: Transport> Connector<In> for RecordingConnector {
    type Out = Recording<In>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let to_proxy = self.proxy.as_ref().is_some_and(|(host, port)| {
            details.uri.host() == Some(host.as_str())
                && details.uri.port_u16().unwrap_or(80) == *port
        });
        Ok(chained.map(|inner| {
            if to_proxy {
                return Recording {
                    inner,
                    tape: None,
                    id: 0,
                };
            }
            let mut t = lock(&self.tape);
            t.connections += 1;
            t.opened = true;
            t.ready = Some(Instant::now());
            Recording {
                inner,
                tape: Some(self.tape.clone()),
                id: t.connections,
            }
        }))
    }
}

#[derive(Debug)]
struct Recording<T> {
    inner: T,
    /// `None` on the connection to a proxy.
    tape: Option<Tape>,
    id: u32,
}

impl<T: Transport> Transport for Recording<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let Some(tape) = self.tape.clone() else {
            return self.inner.transmit_output(amount, timeout);
        };
        {
            let bytes = &self.inner.buffers().output()[..amount];
            let mut t = lock(&tape);
            t.sent.extend_from_slice(bytes);
            t.connection = self.id;
            t.first_write.get_or_insert_with(Instant::now);
        }
        let result = self.inner.transmit_output(amount, timeout);
        lock(&tape).last_write = Some(Instant::now());
        result
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let before = self.inner.buffers().input().len();
        let result = self.inner.await_input(timeout);
        let input = self.inner.buffers().input();
        if let Some(tape) = &self.tape
            && input.len() > before
        {
            let mut t = lock(tape);
            t.received.extend_from_slice(&input[before..]);
            let now = Instant::now();
            t.first_read.get_or_insert(now);
            t.last_read = Some(now);
        }
        result
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

/// How the client connects.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// `None`: no proxy; `Some(None)`: from the environment; `Some(Some(url))`: this one.
    pub proxy: Option<Option<String>>,
    /// PEM roots that replace the built-in ones.
    pub ca_pem: Option<Vec<u8>>,
    pub insecure: bool,
    pub user_agent: String,
    pub keep_alive: bool,
    /// The largest response body read (a body past it ends the exchange).
    pub max_body: u64,
}

pub struct Client {
    agent: Agent,
    tape: Tape,
    max_body: u64,
}

impl Client {
    pub fn new(o: &ClientOptions) -> Result<Client, String> {
        use ureq::config::AutoHeaderValue;
        use ureq::tls::{PemItem, RootCerts, TlsConfig};
        let proxy = match &o.proxy {
            None => None,
            Some(None) => Proxy::try_from_env(),
            Some(Some(url)) => Some(Proxy::new(url).map_err(|e| format!("proxy `{url}`: {e}"))?),
        };
        let proxy_at = proxy.as_ref().map(|p| (p.host().to_string(), p.port()));
        let mut tls = TlsConfig::builder().disable_verification(o.insecure);
        if let Some(pem) = &o.ca_pem {
            let certs: Vec<_> = ureq::tls::parse_pem(pem)
                .filter_map(|item| match item {
                    Ok(PemItem::Certificate(c)) => Some(c),
                    _ => None,
                })
                .collect();
            if certs.is_empty() {
                return Err("the CA file holds no PEM certificate".to_string());
            }
            tls = tls.root_certs(RootCerts::Specific(Arc::new(certs)));
        }
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(o.timeout))
            .timeout_connect(Some(o.connect_timeout))
            .proxy(proxy)
            .tls_config(tls.build())
            .user_agent(AutoHeaderValue::Provided(Arc::new(o.user_agent.clone())))
            .accept(AutoHeaderValue::None)
            .accept_encoding(AutoHeaderValue::None)
            .max_idle_connections(if o.keep_alive { 4 } else { 0 })
            .max_idle_connections_per_host(if o.keep_alive { 4 } else { 0 })
            .build();
        let tape = Tape::default();
        let connector = DefaultConnector::new().chain(RecordingConnector {
            tape: tape.clone(),
            proxy: proxy_at,
        });
        Ok(Client {
            agent: Agent::with_parts(config, connector, DefaultResolver::default()),
            tape,
            max_body: o.max_body,
        })
    }

    /// POSTs `body` with these headers, in this order, and tapes the exchange.
    pub fn post(&self, url: &str, headers: &[(String, String)], body: &[u8]) -> Taped {
        self.taped(|| {
            let mut request = self.agent.post(url);
            for (name, value) in headers {
                request = request.header(name.as_str(), value.as_str());
            }
            request.send(body).and_then(|mut response| {
                response
                    .body_mut()
                    .with_config()
                    .limit(self.max_body)
                    .read_to_vec()
                    .map(|_| ())
            })
        })
    }

    /// GETs `url` with these headers and reads at most `cap` bytes of its body, then stops
    /// (the rest is never read nor kept: `--check-images` judges an image by its first bytes).
    pub fn get(&self, url: &str, headers: &[(String, String)], cap: u64) -> Taped {
        let mut decoded = Vec::new();
        let mut taped = self.taped(|| {
            let mut request = self.agent.get(url);
            for (name, value) in headers {
                request = request.header(name.as_str(), value.as_str());
            }
            request.call().and_then(|mut response| {
                let mut reader = std::io::Read::take(response.body_mut().as_reader(), cap);
                std::io::Read::read_to_end(&mut reader, &mut decoded)
                    .map(|_| ())
                    .map_err(ureq::Error::from)
            })
        });
        taped.decoded = Some(decoded);
        taped
    }

    /// Runs one exchange on a fresh tape and times its phases.
    fn taped(&self, exchange: impl FnOnce() -> Result<(), ureq::Error>) -> Taped {
        {
            let mut t = lock(&self.tape);
            let connections = t.connections;
            *t = TapeState {
                connections,
                ..TapeState::default()
            };
        }
        let start = Instant::now();
        let outcome = exchange();
        let end = Instant::now();
        let mut t = lock(&self.tape);
        let ms = |from: Option<Instant>, to: Option<Instant>| match (from, to) {
            (Some(a), Some(b)) if b >= a => (b - a).as_secs_f64() * 1000.0,
            _ => 0.0,
        };
        // A connection that never opened took the whole exchange to fail (not 0 s).
        let ready = match (t.opened, &outcome) {
            (true, _) => t.ready,
            (false, Err(_)) if t.first_write.is_none() => Some(end),
            (false, _) => Some(start),
        };
        let timings = Timings {
            connect: ms(Some(start), ready),
            send: ms(t.first_write, t.last_write),
            wait: ms(t.last_write, t.first_read.or(Some(end))),
            receive: ms(t.first_read, Some(end)),
        };
        let (error, timed_out) = match outcome {
            Ok(()) => (None, false),
            Err(e) => (Some(described(&e)), matches!(e, ureq::Error::Timeout(_))),
        };
        Taped {
            sent: std::mem::take(&mut t.sent),
            received: std::mem::take(&mut t.received),
            error,
            timed_out,
            timings,
            connection: t.connection,
            reused: !t.opened,
            decoded: None,
        }
    }
}

/// A ureq error in words a supplier reads.
fn described(e: &ureq::Error) -> String {
    use std::io::ErrorKind;
    match e {
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => "connection refused".to_string(),
            ErrorKind::ConnectionReset => "connection reset by the server".to_string(),
            ErrorKind::UnexpectedEof => {
                "the server closed the connection before the response was complete".to_string()
            }
            _ => format!("{io}"),
        },
        ureq::Error::HostNotFound => "the host name does not resolve".to_string(),
        ureq::Error::BodyExceedsLimit(n) => {
            format!("the response body is larger than the probe reads ({n} bytes)")
        }
        other => super::tls::explained(&other.to_string()),
    }
}
