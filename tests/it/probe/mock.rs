//! A mock HS2 supplier on 127.0.0.1 that answers as the contract says and misbehaves byte by
//! byte on request (the mock supplier). Each request is classified into the probe step it is
//! (`availability`, `unknown-hotel`, `repeat-cancel`, …) from its content and the mock's
//! state; a [`Behaviour`] planned for that step replaces the conforming answer.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use super::answers;

pub const USER: &str = "acme-probe-user";
pub const PASSWORD: &str = "s3cr&t-Pa55word";
pub const CARD: &str = "4111111111111111";
pub const CVV: &str = "737";

/// How the mock answers one step.
#[derive(Clone, Debug)]
#[allow(dead_code)]
pub enum Behaviour {
    Chunked(usize),
    Gzip,
    GzipChunked,
    Slow(Duration),
    Drip(Duration),
    Status(u16),
    AcceptAnyCredentials,
    Type4,
    TwoErrors,
    SoapFault,
    HtmlPage(u16),
    WrongEchoToken,
    Close,
    Truncate(usize),
    Redirect,
    Http10,
    Continue100,
    Oversize(usize),
    EchoCard,
    EchoPassword,
    /// The request's Authorization value and the password echoed in response headers.
    EchoAuthHeader,
    /// The password base64-encoded inside a longer value of the body.
    EchoBase64Password,
    CancelError(&'static str),
    PricedUnknownHotel,
    ErrorsForMixed,
    NoUniqueId,
    RateDetailsInd(Option<bool>),
    HeaderLines(usize),
    EndlessBody,
    /// A gzip body (compressed before the mock starts, so the time is the transfer's).
    GzipBomb(std::sync::Arc<Vec<u8>>),
    Raw(Vec<u8>),
    /// HS4: HTTP 200 with this JSON body instead of the conforming one.
    Body(String),
    /// The conforming answer in ISO-8859-1 (declared so, with a non-ASCII character).
    Latin1,
    /// The conforming body under this HTTP status (a booking answered `202`).
    StatusBody(u16),
    /// The conforming answer, then `step` is reported to the test through the gate.
    Notify(Arc<Gate>),
    /// `step` is reported to the test, and the answer waits until the test releases the gate.
    Hold(Arc<Gate>),
    /// HS2: the answer names another reservation (`UniqueID Type="14"`) than the request.
    OtherReservation,
    /// The conforming answer with an echo added (redaction tests).
    Echo(Echo),
    /// Planned under `credentials`: the password the mock accepts instead of [`PASSWORD`].
    Password(String),
    /// Planned under `images`: the images the mock links in its answers and serves itself
    /// (`image_mock.rs`: the name says what each one serves).
    Images(Vec<String>),
}

/// How a test learns that the mock reached a step, and lets a held answer go.
pub struct Gate {
    events: Mutex<std::sync::mpsc::Sender<String>>,
    released: Mutex<bool>,
    wake: std::sync::Condvar,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Gate")
    }
}

impl Gate {
    /// A gate, and the steps it reports as they come.
    pub fn new() -> (Arc<Gate>, std::sync::mpsc::Receiver<String>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let gate = Gate {
            events: Mutex::new(tx),
            released: Mutex::new(false),
            wake: std::sync::Condvar::new(),
        };
        (Arc::new(gate), rx)
    }

    pub fn report(&self, step: &str) {
        let _ = self.events.lock().expect("lock").send(step.to_string());
    }

    /// Lets every held answer go, now and later.
    pub fn release(&self) {
        *self.released.lock().expect("lock") = true;
        self.wake.notify_all();
    }

    /// Waits until the test releases the gate.
    pub fn wait(&self) {
        let mut released = self.released.lock().expect("lock");
        while !*released {
            released = self.wake.wait(released).expect("lock");
        }
    }
}

/// What [`Behaviour::Echo`] adds to the conforming answer, and how it frames it.
#[derive(Clone, Debug, Default)]
pub struct Echo {
    /// Header lines (each ending in `\r\n`).
    pub headers: String,
    /// Text put after `<Success/>`.
    pub text: String,
    pub gzip: bool,
    /// Sent chunked, in chunks of this size.
    pub chunk: Option<usize>,
}

impl Behaviour {
    /// `n` spaces, gzipped.
    pub fn gzip_bomb(n: usize) -> Behaviour {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![b' '; 1 << 20];
        for _ in 0..n / block.len() {
            let _ = e.write_all(&block);
        }
        Behaviour::GzipBomb(std::sync::Arc::new(e.finish().unwrap_or_default()))
    }
}

/// A request as the mock received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub step: String,
    pub head: String,
    pub body: String,
}

#[derive(Default)]
pub(super) struct State {
    pub(super) booked: BTreeSet<String>,
    pub(super) cancelled: BTreeSet<String>,
    pub(super) next: u32,
    pub(super) rate_details_ind: Option<bool>,
    pub(super) hs4: bool,
    /// The password accepted instead of [`PASSWORD`].
    pub(super) password: Option<String>,
    /// The images planned under `images`, and the port they are served on.
    pub(super) images: Vec<String>,
    pub(super) port: u16,
}

pub struct Mock {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
}

impl Mock {
    /// Starts a plain-HTTP mock with this plan.
    pub fn start(plan: &[(&str, Behaviour)]) -> Mock {
        Mock::serve(plan, None, false)
    }

    /// Starts a plain-HTTP Hotel Service v4 mock (REST/JSON, routed by path).
    pub fn start_hs4(plan: &[(&str, Behaviour)]) -> Mock {
        Mock::serve(plan, None, true)
    }

    /// Starts a TLS mock (the test CA's certificate for 127.0.0.1); `tls13_only` refuses 1.2.
    pub fn start_tls(plan: &[(&str, Behaviour)], tls13_only: bool) -> Mock {
        Mock::serve(plan, Some(super::tls::server_config(tls13_only)), false)
    }

    /// Starts a TLS mock with this server configuration.
    pub fn start_with_tls(plan: &[(&str, Behaviour)], config: Arc<rustls::ServerConfig>) -> Mock {
        Mock::serve(plan, Some(config), false)
    }

    fn serve(
        plan: &[(&str, Behaviour)],
        tls: Option<Arc<rustls::ServerConfig>>,
        hs4: bool,
    ) -> Mock {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        Mock::serve_on(listener, plan, tls, hs4)
    }

    /// Serves plain HTTP on a listener the caller bound (`examples/supplier.rs`).
    #[allow(dead_code)]
    pub fn start_on(listener: TcpListener, plan: &[(&str, Behaviour)], hs4: bool) -> Mock {
        Mock::serve_on(listener, plan, None, hs4)
    }

    fn serve_on(
        listener: TcpListener,
        plan: &[(&str, Behaviour)],
        tls: Option<Arc<rustls::ServerConfig>>,
        hs4: bool,
    ) -> Mock {
        let port = listener.local_addr().expect("addr").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let plan: BTreeMap<String, Behaviour> = plan
            .iter()
            .map(|(k, b)| (k.to_string(), b.clone()))
            .collect();
        let state = Arc::new(Mutex::new(State {
            rate_details_ind: plan
                .values()
                .find_map(|b| match b {
                    Behaviour::RateDetailsInd(v) => Some(*v),
                    _ => None,
                })
                .unwrap_or(Some(true)),
            hs4,
            password: plan.values().find_map(|b| match b {
                Behaviour::Password(p) => Some(p.clone()),
                _ => None,
            }),
            images: match plan.get("images") {
                Some(Behaviour::Images(names)) => names.clone(),
                _ => Vec::new(),
            },
            port,
            ..State::default()
        }));
        let (r, s) = (requests.clone(), stop.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (plan, state, r, tls) = (plan.clone(), state.clone(), r.clone(), tls.clone());
                thread::spawn(move || {
                    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
                    match tls {
                        None => connection(conn, &plan, &state, &r),
                        Some(config) => {
                            let Ok(server) = rustls::ServerConnection::new(config) else {
                                return;
                            };
                            let stream = rustls::StreamOwned::new(server, conn);
                            connection(stream, &plan, &state, &r);
                        }
                    }
                });
            }
        });
        Mock {
            port,
            requests,
            stop,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hs2", self.port)
    }

    pub fn hs4_url(&self) -> String {
        format!("http://127.0.0.1:{}/concur/v4", self.port)
    }

    pub fn tls_url(&self) -> String {
        format!("https://127.0.0.1:{}/hs2", self.port)
    }

    pub fn steps(&self) -> Vec<String> {
        self.requests
            .lock()
            .expect("lock")
            .iter()
            .map(|r| r.step.clone())
            .collect()
    }

    pub fn request(&self, step: &str) -> Option<Received> {
        self.requests
            .lock()
            .expect("lock")
            .iter()
            .find(|r| r.step == step)
            .cloned()
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn connection<S: Read + Write>(
    stream: S,
    plan: &BTreeMap<String, Behaviour>,
    state: &Mutex<State>,
    log: &Mutex<Vec<Received>>,
) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let length = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
            })
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let body = String::from_utf8_lossy(&body).into_owned();
        if super::image_mock::serve(reader.get_mut(), &head, log) {
            return;
        }
        let hs4 = state.lock().expect("lock").hs4;
        let step = match hs4 {
            true => super::hs4_mock::classify(&head, &body, &mut state.lock().expect("lock")),
            false => classify(&head, &body, &mut state.lock().expect("lock")),
        };
        log.lock().expect("lock").push(Received {
            step: step.clone(),
            head: head.clone(),
            body: body.clone(),
        });
        let behaviour = plan.get(&step).or_else(|| plan.get("*")).cloned();
        let respond = if hs4 {
            super::hs4_mock::respond
        } else {
            answers::respond
        };
        if let Some(Behaviour::Hold(gate)) = &behaviour {
            gate.report(&step);
            gate.wait();
        }
        let keep = respond(
            reader.get_mut(),
            &step,
            &head,
            &body,
            behaviour.as_ref(),
            state,
        );
        if let Some(Behaviour::Notify(gate)) = &behaviour {
            let _ = reader.get_mut().flush();
            gate.report(&step);
        }
        if !keep {
            let _ = reader.get_mut().flush();
            return;
        }
    }
}

pub(super) fn header<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then_some(v.trim())
    })
}

/// Which probe step a request is.
fn classify(head: &str, body: &str, state: &mut State) -> String {
    use base64::Engine;
    let action = header(head, "soapaction").unwrap_or("").to_string();
    let password = state
        .password
        .clone()
        .unwrap_or_else(|| PASSWORD.to_string());
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{password}"))
    );
    let soap_ok = body.contains(&format!("<password>{}</password>", answers::esc(&password)));
    if header(head, "authorization") != Some(expected.as_str()) || !soap_ok {
        return "bad-credentials".to_string();
    }
    let id = answers::attr_after(body, "UniqueID", "ID").unwrap_or_default();
    match action.as_str() {
        "search" if body.contains("Latitude=\"0\"") => "no-hotels".into(),
        "search" => "search".into(),
        "availability" if body.contains("-33\"") => "invalid-date".into(),
        "availability" => {
            let codes = answers::hotel_codes(body);
            let known = codes
                .iter()
                .filter(|c| answers::KNOWN.contains(&c.as_str()))
                .count();
            match (known, codes.len()) {
                (0, _) => "unknown-hotel".into(),
                (k, n) if k < n => "mixed-hotels".into(),
                // The tests shop two hotels: one alone is the single-hotel availability.
                (1, 1) => "availability-single".into(),
                _ => "availability".into(),
            }
        }
        "ratedetails" if body.contains("RatePlanID=\"RP-") => "ratedetails".into(),
        "ratedetails" => "unknown-rate".into(),
        "detail"
            if answers::hotel_codes(body)
                .iter()
                .all(|c| answers::KNOWN.contains(&c.as_str())) =>
        {
            "detail".into()
        }
        "detail" => "unknown-hotel-detail".into(),
        "book" => {
            state.next += 1;
            let id = format!("RES-{}", state.next);
            state.booked.insert(id);
            "book".into()
        }
        "read" if state.cancelled.contains(&id) => "read-cancelled".into(),
        "read" if state.booked.contains(&id) => "read".into(),
        "read" => "unknown-booking".into(),
        "cancel" if state.cancelled.contains(&id) => "repeat-cancel".into(),
        "cancel" => {
            state.cancelled.insert(id);
            "cancel".into()
        }
        other => format!("unknown-action:{other}"),
    }
}

/// The rate-details indicator the mock's availability answers carry.
pub(super) fn rate_details_ind(state: &Mutex<State>) -> Option<bool> {
    state.lock().expect("lock").rate_details_ind
}

/// The reservation a booking answer names (the latest).
pub(super) fn last_booking(state: &Mutex<State>) -> String {
    format!("RES-{}", state.lock().expect("lock").next)
}

pub(super) type MockState = State;
