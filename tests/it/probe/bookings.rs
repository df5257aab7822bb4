//! A reservation the probe made is cancelled, or named as possibly active — whatever happens:
//! a booking answered with a fault but an ID, HS4 codes without the supplier's, signals at the
//! worst moment (sent for real to the child, when the mock says the booking answer went out),
//! a recording that cannot be written.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command as StdCommand, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::*;
use crate::probe::mock::Gate;

/// A generous bound for a step of a test on a loaded machine; never a measure of speed.
const PATIENCE: Duration = Duration::from_secs(60);

/// The directory of a run: the scenario and the fast rules.
fn run_dir(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("probe.toml"), text).expect("scenario");
    std::fs::write(dir.path().join("fast.toml"), FAST_RULES).expect("rules");
    dir
}

/// `otalint probe` in `dir` as [`probe`] runs it, through `wrapper` (a command and its
/// arguments, before the binary) when not empty.
fn command(dir: &Path, wrapper: &[&str], extra: &[&str]) -> StdCommand {
    let bin = assert_cmd::cargo::cargo_bin("otalint");
    let mut c = match wrapper.split_first() {
        Some((first, rest)) => {
            let mut c = StdCommand::new(first);
            c.args(rest).arg(&bin);
            c
        }
        None => StdCommand::new(&bin),
    };
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("MOCK_USER", mock::USER)
        .env("MOCK_PASSWORD", mock::PASSWORD)
        .env("MOCK_CARD", mock::CARD)
        .env("MOCK_CVV", mock::CVV)
        .env("NO_COLOR", "1")
        .args(super::flow::PROBE_ARGS)
        .args(extra);
    c
}

/// A running probe whose stderr lines arrive on a channel as they are written.
struct Live {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Live {
    fn start(mut c: StdCommand) -> Live {
        let mut child = c
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("otalint starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Live {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    fn signal(&self, name: &str) {
        let ok = StdCommand::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(ok.success(), "kill -{name}");
    }

    /// Waits for a stderr line containing `needle`.
    fn wait_for(&mut self, needle: &str) {
        loop {
            match self.lines.recv_timeout(PATIENCE) {
                Ok(line) => {
                    let found = line.contains(needle);
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => panic!("no line with {needle:?} in\n{}", self.seen.join("\n")),
            }
        }
    }

    /// Waits for the exit: the status code and the whole stderr.
    fn finish(mut self) -> (i32, String, String) {
        let mut stdout = String::new();
        if let Some(mut out) = self.child.stdout.take() {
            let _ = std::io::Read::read_to_string(&mut out, &mut stdout);
        }
        let status = self.child.wait().expect("wait");
        while let Ok(line) = self.lines.recv_timeout(PATIENCE) {
            self.seen.push(line);
        }
        (status.code().unwrap_or(-1), self.seen.join("\n"), stdout)
    }
}

fn next(events: &Receiver<String>, what: &str) -> String {
    events
        .recv_timeout(PATIENCE)
        .unwrap_or_else(|_| panic!("the mock never reached {what}"))
}

/// The steps the mock saw after the booking.
fn after_book(mock: &Mock) -> Vec<String> {
    let steps = mock.steps();
    let at = steps.iter().position(|s| s == "book").expect("a booking");
    // The unknown-booking probe reads a reservation that does not exist: not the booking's.
    steps[at + 1..]
        .iter()
        .filter(|s| *s != "unknown-booking")
        .cloned()
        .collect()
}

#[test]
fn sigint_after_the_booking_answer_cancels_sends_nothing_else_and_exits_130() {
    let (gate, events) = Gate::new();
    let mock = Mock::start(&[
        ("book", Behaviour::Notify(gate.clone())),
        ("read", Behaviour::Hold(gate.clone())),
    ]);
    let dir = run_dir(&scenario(&mock.url(), BOOKING));
    let mut live = Live::start(command(dir.path(), &[], &[]));
    assert_eq!(next(&events, "the booking"), "book");
    live.signal("INT");
    live.wait_for("SIGINT received");
    gate.release();
    let (code, stderr, _) = live.finish();
    assert_eq!(code, 130, "{stderr}");
    let after = after_book(&mock);
    assert_eq!(
        after.last().map(String::as_str),
        Some("cancel"),
        "{after:?}"
    );
    assert!(
        after.iter().all(|s| s == "read" || s == "cancel"),
        "nothing new after the signal: {after:?}"
    );
    let har: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("run.har")).expect("the recording"),
    )
    .expect("JSON");
    let booking = &har["log"]["_otalint"]["run"]["bookings"][0];
    assert_eq!(booking["reservation_id"], "RES-1");
    assert_eq!(booking["cancelled"], true, "{stderr}");
    assert!(
        stderr.contains("reservation RES-1 (hs2) cancelled"),
        "{stderr}"
    );
    // The steps the signal kept from being sent say so, in the recording and the report.
    let steps = har["log"]["_otalint"]["run"]["steps"]
        .as_array()
        .expect("steps");
    let repeat = steps
        .iter()
        .find(|s| s["id"] == "hs2.repeat-cancel")
        .expect("the repeat-cancel step");
    assert_eq!(repeat["status"], "skipped");
    assert_eq!(repeat["why"], "not sent: the run was interrupted (SIGINT)");
    let out = check(dir.path(), &["--format", "markdown"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("not sent: the run was interrupted (SIGINT)"),
        "{report}"
    );
}

#[test]
fn a_second_sigterm_stops_at_once_and_still_names_the_reservation() {
    let (gate, events) = Gate::new();
    let mock = Mock::start(&[
        ("book", Behaviour::Notify(gate.clone())),
        ("cancel", Behaviour::Hold(gate.clone())),
    ]);
    let dir = run_dir(&scenario(&mock.url(), BOOKING));
    let mut live = Live::start(command(dir.path(), &[], &[]));
    assert_eq!(next(&events, "the booking"), "book");
    live.signal("TERM");
    live.wait_for("SIGTERM received");
    assert_eq!(next(&events, "the cancel"), "cancel");
    live.signal("TERM");
    let (code, stderr, _) = live.finish();
    gate.release();
    assert_eq!(code, 143, "{stderr}");
    assert!(
        stderr.contains("reservation RES-1 (hs2) may still be active at the supplier"),
        "{stderr}"
    );
    // The recording names it too, and so does the report made from it.
    let out = check(dir.path(), &["--format", "markdown"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("RES-1"), "{report}");
    assert!(
        report.contains("may still be active at the supplier"),
        "{report}"
    );
    let human = check(dir.path(), &[]);
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("reservation RES-1 (hs2) may still be active"),
        "{human}"
    );
}

#[test]
fn a_booking_answered_202_with_an_id_is_cancelled() {
    let mock = Mock::start(&[("book", Behaviour::StatusBody(202))]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    assert_eq!(after_book(&mock), ["cancel"], "{}", run.stderr());
    let booking = &run.har()["log"]["_otalint"]["run"]["bookings"][0];
    assert_eq!(booking["reservation_id"], "RES-1");
    assert_eq!(booking["cancelled"], true, "{}", run.stderr());
    assert!(
        run.findings()
            .contains(&"flow-step-failed@hs2.book".to_string()),
        "{:?}",
        run.findings()
    );
}

#[test]
fn hs4_codes_without_the_suppliers_are_cancelled_with_what_came_back() {
    let body = r#"{"confirmationCodes": [{"codeType": "RESERVATION", "code": "R-ONLY-7"}], "status": "RESERVED"}"#;
    let mock = Mock::start_hs4(&[("reservation", Behaviour::Body(body.to_string()))]);
    let run = probe(
        &scenario(&mock.hs4_url(), BOOKING).replace("[hs2]", "[hs4]"),
        &[],
    );
    let steps = mock.steps();
    let at = steps
        .iter()
        .position(|s| s == "reservation")
        .expect("booked");
    assert_eq!(
        steps[at + 1..],
        ["cancel", "unknown-booking"],
        "{}",
        run.stderr()
    );
    let cancel = mock.request("cancel").expect("a cancel");
    assert!(cancel.body.contains("R-ONLY-7"), "{}", cancel.body);
    let booking = &run.har()["log"]["_otalint"]["run"]["bookings"][0];
    assert_eq!(booking["reservation_id"], "R-ONLY-7");
    assert_eq!(booking["cancelled"], true, "{}", run.stderr());
}

/// A run under a file-size limit of about 1 MB (`ulimit -f 2000`: 512-byte blocks in `sh`,
/// 1 KiB in bash — 1 or 2 MB either way): a recording past it cannot be written, as on a full
/// disk, and the write fails with EFBIG.
fn limited(plan: &[(&str, Behaviour)]) -> (Mock, i32, String, tempfile::TempDir) {
    let mock = Mock::start(plan);
    let dir = run_dir(&scenario(&mock.url(), BOOKING));
    let wrapper = ["sh", "-c", "ulimit -f 2000 && exec \"$0\" \"$@\""];
    let out = command(dir.path(), &wrapper, &[])
        .output()
        .expect("otalint runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (mock, out.status.code().unwrap_or(-1), stderr, dir)
}

#[test]
fn a_recording_that_cannot_be_written_stops_the_run_with_exit_2() {
    // The detail answer makes the recording too large: nothing after it is sent.
    let (mock, code, stderr, dir) = limited(&[("detail", Behaviour::Oversize(3_000_000))]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot write the recording"), "{stderr}");
    let steps = mock.steps();
    assert_eq!(
        steps.last().map(String::as_str),
        Some("detail"),
        "{steps:?}"
    );
    assert!(!steps.contains(&"book".to_string()), "{steps:?}");
    assert!(dir.path().join("run.har").exists());
    // The booking answer does: its reservation is cancelled, and nothing else is sent.
    let (mock, code, stderr, _dir) = limited(&[("book", Behaviour::Oversize(3_000_000))]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(after_book(&mock), ["cancel"], "{stderr}");
    assert!(
        stderr.contains("reservation RES-1 (hs2) cancelled"),
        "{stderr}"
    );
}

#[test]
fn a_second_run_on_the_same_recording_is_refused_naming_it() {
    let (gate, events) = Gate::new();
    let mock = Mock::start(&[("search", Behaviour::Hold(gate.clone()))]);
    let dir = run_dir(&scenario(&mock.url(), ""));
    let first = Live::start(command(dir.path(), &[], &[]));
    // The first run is waiting for its search answer: it holds the recording.
    assert_eq!(next(&events, "the search"), "search");
    // Bounded: without the lock, the second run would wait on the held mock.
    let second = assert_cmd::Command::from_std(command(dir.path(), &[], &[]))
        .timeout(PATIENCE)
        .output()
        .expect("otalint runs");
    gate.release();
    let (code, stderr, _) = first.finish();
    let second_err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{second_err}");
    assert!(
        second_err.contains("another otalint probe is writing the recording run.har"),
        "{second_err}"
    );
    assert_eq!(code, 1, "the first run goes on: {stderr}");
    assert_eq!(mock.steps().iter().filter(|s| *s == "search").count(), 1);
    // The first run's recording is whole.
    let har: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("run.har")).expect("the recording"),
    )
    .expect("JSON");
    assert!(har["log"]["_otalint"]["run"]["finished"].is_string());
}

#[test]
fn the_temporaries_of_dead_runs_are_removed_and_named_in_verbose() {
    let mock = Mock::start(&[]);
    let dir = run_dir(&scenario(&mock.url(), ""));
    // A process that has ended: its id names the temporary a killed run would leave.
    let mut gone = StdCommand::new("true").spawn().expect("true runs");
    let dead = gone.id();
    gone.wait().expect("wait");
    let stale = dir
        .path()
        .join(format!(".otalint-probe-{dead}-x1Y2z3.har.tmp"));
    let live = dir.path().join(format!(
        ".otalint-probe-{}-a1B2c3.har.tmp",
        std::process::id()
    ));
    for p in [&stale, &live] {
        std::fs::write(p, "{\"log\":").expect("a temporary");
    }
    let out = command(dir.path(), &[], &["-v"])
        .output()
        .expect("otalint runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stale.exists(), "{stderr}");
    assert!(live.exists(), "a running process's temporary stays");
    let name = stale.file_name().expect("name").to_string_lossy();
    assert!(
        stderr.contains("otalint probe: removed ") && stderr.contains(&*name),
        "{stderr}"
    );
}
