//! The flow: the golden run (every step of docs/probe.md "The steps" in order, Concur's headers, carried values
//! arriving in the next request), gating, teardown, `--steps`, `--dry-run`.

use super::*;

#[test]
fn the_golden_run_sends_concurs_flow_and_finds_nothing() {
    let mock = Mock::start_tls(&[], false);
    let text = scenario(&mock.tls_url(), &format!("{BOOKING}\n[transport2]"))
        .replace("\n[transport2]", "");
    let text = text.replace("proxy = \"none\"", "proxy = \"none\"\nca_file = \"ca.pem\"");
    let dir_ca = format!("{}/ca.pem", tls::DIR);
    let run = probe_ca(&text, &dir_ca);
    // The mock listens on a random port, not 443: that warning is the only finding.
    assert_eq!(
        run.findings(),
        ["endpoint-tls@hs2.bad-credentials"],
        "{}\n{}",
        run.stdout(),
        run.stderr()
    );
    let report: Value = serde_json::from_str(&run.stdout()).expect("json");
    assert_eq!(report["diagnostics"][0]["level"], "warning");
    // The JSON report carries the run: steps, bookings.
    assert_eq!(report["probe"]["path"], "run.har");
    assert_eq!(
        report["probe"]["steps"].as_array().map(Vec::len),
        Some(17),
        "16 sent and the skipped ratedetails"
    );
    assert_eq!(report["probe"]["bookings"][0]["reservation_id"], "RES-1");
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let expected = [
        "bad-credentials",
        "search",
        "no-hotels",
        "availability",
        "mixed-hotels",
        "unknown-hotel",
        "invalid-date",
        "detail",
        "unknown-hotel-detail",
        "unknown-rate",
        "book",
        "read",
        "cancel",
        "repeat-cancel",
        "read-cancelled",
        "unknown-booking",
    ];
    assert_eq!(
        mock.steps(),
        expected,
        "the mock saw the requests in Concur's order"
    );
    let recorded: Vec<String> = expected.iter().map(|s| format!("hs2.{s}")).collect();
    assert_eq!(run.steps(), recorded);
    // Concur's headers, lowercase, on every request.
    let search = mock.request("search").expect("a search");
    for h in [
        "authorization: Basic ",
        "soapaction: search",
        "content-type: application/xml; charset=\"utf-8\"",
        "accept: application/xml",
        "accept-charset: utf-8",
        "accept-encoding: gzip",
        "concur-correlationid: ",
        "concur-traveleruuid: ",
        "user-agent: otalint-probe/",
    ] {
        assert!(search.head.contains(h), "{h} missing in\n{}", search.head);
    }
    // Carried: availability asks for the search's hotels; book books the rate availability offered;
    // read and cancel name the reservation the booking returned.
    let avail = mock.request("availability").expect("availability");
    assert!(
        avail.body.contains("HotelCode=\"HTL4444\"")
            && avail.body.contains("HotelCode=\"HTL5555\""),
        "{}",
        avail.body
    );
    assert!(
        mock.request("book")
            .expect("book")
            .body
            .contains("RatePlanID=\"RP-HTL4444\"")
    );
    assert!(
        mock.request("read")
            .expect("read")
            .body
            .contains("ID=\"RES-1\"")
    );
    assert!(
        mock.request("cancel")
            .expect("cancel")
            .body
            .contains("ID=\"RES-1\"")
    );
    let har = run.har();
    assert_eq!(
        har["log"]["_otalint"]["run"]["bookings"][0]["cancellation_number"],
        "CXL-RES-1"
    );
    let tls = &har["log"]["entries"][0]["_otalint"]["tls"];
    assert_eq!(tls["verified"], true, "{tls}");
    assert_eq!(tls["tls12"], true, "{tls}");
    assert!(run.stderr().contains("PASS"), "{}", run.stderr());
}

/// A probe with the test CA copied beside the scenario.
pub fn probe_ca(text: &str, ca: &str) -> Run {
    probe_ca_env(text, ca, &[])
}

/// [`probe_ca`] with more environment variables.
pub fn probe_ca_env(text: &str, ca: &str, env: &[(&str, &str)]) -> Run {
    probe_in(text, &[], env, |d| {
        std::fs::copy(ca, d.join("ca.pem")).expect("copy the CA");
    })
}

/// How every test runs the probe: the scenario and rules its directory holds, a fixed seed, JSON.
pub(super) const PROBE_ARGS: [&str; 12] = [
    "probe",
    "--scenario",
    "probe.toml",
    "--har",
    "run.har",
    "--rules",
    "fast.toml",
    "--no-config",
    "--seed",
    "7",
    "--format",
    "json",
];

pub(super) fn probe_in(
    text: &str,
    extra: &[&str],
    env: &[(&str, &str)],
    prepare: impl FnOnce(&Path),
) -> Run {
    let dir = tempfile::tempdir().expect("a temp dir");
    prepare(dir.path());
    if let Ok(keep) = std::env::var("OTALINT_KEEP") {
        let _ = std::fs::create_dir_all(&keep);
        std::fs::write(format!("{keep}/probe.toml"), text).ok();
    }
    std::fs::write(dir.path().join("probe.toml"), text).expect("scenario");
    std::fs::write(dir.path().join("fast.toml"), FAST_RULES).expect("rules");
    let out = Command::cargo_bin("otalint")
        .expect("the binary")
        .current_dir(dir.path())
        .env_clear()
        .env("MOCK_USER", mock::USER)
        .env("MOCK_PASSWORD", mock::PASSWORD)
        .env("MOCK_CARD", mock::CARD)
        .env("MOCK_CVV", mock::CVV)
        .env("NO_COLOR", "1")
        .args(PROBE_ARGS)
        .args(extra)
        .envs(env.iter().copied())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("otalint runs");
    if let Ok(keep) = std::env::var("OTALINT_KEEP") {
        let _ = std::fs::copy(dir.path().join("run.har"), format!("{keep}/run.har"));
    }
    Run { dir, out }
}

#[test]
fn without_booking_nothing_is_booked_and_the_report_says_so() {
    let mock = Mock::start(&[]);
    let run = probe(&scenario(&mock.url(), ""), &[]);
    assert!(
        !mock
            .steps()
            .iter()
            .any(|s| ["book", "read", "cancel"].contains(&s.as_str())),
        "{:?}",
        mock.steps()
    );
    let steps = run.har()["log"]["_otalint"]["run"]["steps"].clone();
    let book = steps
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["id"] == "hs2.book")
        .cloned()
        .expect("hs2.book");
    assert_eq!(book["status"], "skipped");
    assert!(
        book["why"]
            .as_str()
            .expect("why")
            .contains("booking not tested")
    );
}

#[test]
fn steps_pull_in_what_they_need_and_no_probes_means_none() {
    let mock = Mock::start(&[]);
    let run = probe(&scenario(&mock.url(), BOOKING), &["--steps", "hs2.book"]);
    assert_eq!(
        mock.steps(),
        ["search", "availability", "book", "cancel"],
        "{}",
        run.stderr()
    );
    let mock = Mock::start(&[]);
    let _run = probe(
        &scenario(&mock.url(), BOOKING),
        &["--no-probes", "--skip", "hs2.detail"],
    );
    assert_eq!(
        mock.steps(),
        ["search", "availability", "book", "read", "cancel"]
    );
    let mock = Mock::start(&[]);
    let run = probe(&scenario(&mock.url(), BOOKING), &["--steps", "hs2.serch"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("unknown step `hs2.serch`; did you mean `hs2.search`?"),
        "{}",
        run.stderr()
    );
    assert!(mock.steps().is_empty());
}

#[test]
fn a_failed_availability_blocks_the_booking() {
    let mock = Mock::start(&[("availability", Behaviour::Status(500))]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    assert!(!mock.steps().contains(&"book".to_string()));
    let report: Value = serde_json::from_str(&run.stdout()).expect("json");
    let failed = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["rule"] == "flow-step-failed")
        .cloned()
        .expect("flow-step-failed");
    let message = failed["message"].as_str().expect("message");
    assert!(
        message.starts_with(
            "hs2.availability failed: HTTP 500 instead of 200; not run because of it:"
        ),
        "{message}"
    );
    assert!(message.contains("hs2.book"), "{message}");
    assert!(
        run.stderr().contains("FAIL (incomplete:"),
        "{}",
        run.stderr()
    );
}

#[test]
fn repeat_sends_each_shopping_step_n_times() {
    let mock = Mock::start(&[]);
    let _run = probe(
        &scenario(&mock.url(), BOOKING),
        &["--no-probes", "--repeat", "3"],
    );
    let steps = mock.steps();
    assert_eq!(steps.iter().filter(|s| *s == "search").count(), 3);
    assert_eq!(steps.iter().filter(|s| *s == "availability").count(), 3);
    assert_eq!(
        steps.iter().filter(|s| *s == "book").count(),
        1,
        "booking steps never repeat"
    );
}

#[test]
fn a_dry_run_prints_every_request_redacted_and_sends_nothing() {
    let mock = Mock::start(&[]);
    let run = probe(
        &scenario(&mock.url(), BOOKING),
        &["--dry-run", "--now", "2026-11-22T10:00:00Z"],
    );
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(mock.steps().is_empty());
    assert!(!run.har_path().exists(), "a dry run writes nothing");
    let out = run.stdout().replace(&mock.port.to_string(), "PORT");
    assert!(!out.contains(mock::PASSWORD) && !out.contains(mock::CARD));
    insta::assert_snapshot!("probe_dry_run", out);
}

#[test]
fn bad_credentials_all_tries_every_operation_but_book() {
    let mock = Mock::start(&[]);
    let text = scenario(
        &mock.url(),
        &format!("{BOOKING}\n[probes]\nbad_credentials = \"all\"\n"),
    );
    let run = probe(&text, &[]);
    let sent: Vec<String> = run
        .steps()
        .into_iter()
        .filter(|s| s.starts_with("hs2.bad-credentials"))
        .collect();
    assert_eq!(
        sent,
        [
            "hs2.bad-credentials",
            "hs2.bad-credentials-availability",
            "hs2.bad-credentials-detail",
            "hs2.bad-credentials-read",
            "hs2.bad-credentials-cancel"
        ],
        "{}",
        run.stderr()
    );
    assert_eq!(
        mock.steps()
            .iter()
            .filter(|s| *s == "bad-credentials")
            .count(),
        5
    );
    // A supplier that takes any password on every operation gets a finding on each.
    let mock = Mock::start(&[("bad-credentials", Behaviour::Status(200))]);
    let text = scenario(
        &mock.url(),
        &format!("{BOOKING}\n[probes]\nbad_credentials = \"all\"\n"),
    );
    let run = probe(&text, &[]);
    let not_rejected = run
        .findings()
        .into_iter()
        .filter(|f| f.starts_with("credentials-not-rejected@"))
        .count();
    assert_eq!(not_rejected, 5, "{}", run.stdout());
}

#[test]
fn several_places_shop_each_and_book_once() {
    let mock = Mock::start(&[]);
    let second = "[[search]]\nname = \"Bellevue\"\nlatitude = 47.61\nlongitude = -122.2\nradius = 5\nunit = \"km\"\ncheckin = \"+91d\"\nnights = 1\n";
    let text = scenario(&mock.url(), &format!("{second}\n{BOOKING}"));
    let run = probe(&text, &["--no-probes"]);
    assert_eq!(
        run.steps(),
        [
            "hs2.search",
            "hs2.availability",
            "hs2.detail",
            "hs2.search@2",
            "hs2.availability@2",
            "hs2.detail@2",
            "hs2.book",
            "hs2.read",
            "hs2.cancel"
        ],
        "{}",
        run.stderr()
    );
    assert!(
        mock.requests
            .lock()
            .expect("lock")
            .iter()
            .any(|r| r.step == "search" && r.body.contains("UnitOfMeasureCode=\"2\""))
    );
    assert!(
        run.stderr().contains("hs2.availability") && run.stderr().contains("  ok"),
        "{}",
        run.stderr()
    );
}

#[test]
fn single_hotel_availability_asks_for_the_chosen_hotel_alone_and_is_judged() {
    let steps = "[steps]\nsingle_hotel_availability = true\n";
    let mock = Mock::start(&[]);
    let run = probe(
        &scenario(&mock.url(), &format!("{BOOKING}\n{steps}")),
        &["--no-probes"],
    );
    assert_eq!(
        run.steps(),
        [
            "hs2.search",
            "hs2.availability",
            "hs2.availability-single",
            "hs2.detail",
            "hs2.book",
            "hs2.read",
            "hs2.cancel"
        ],
        "{}",
        run.stderr()
    );
    let single = mock.request("availability-single").expect("the request");
    assert_eq!(
        single.body.matches("HotelCode=\"").count(),
        1,
        "{}",
        single.body
    );
    assert!(
        !run.findings()
            .iter()
            .any(|f| f.starts_with("flow-step-failed@")),
        "{:?}",
        run.findings()
    );
    // Off unless the scenario asks.
    let mock = Mock::start(&[]);
    let run = probe(&scenario(&mock.url(), BOOKING), &["--no-probes"]);
    assert!(!run.steps().iter().any(|s| s.contains("single")));
    // A single-hotel answer without the rate is a failed step; the booking still runs.
    let mock = Mock::start(&[("availability-single", Behaviour::Status(500))]);
    let run = probe(
        &scenario(&mock.url(), &format!("{BOOKING}\n{steps}")),
        &["--no-probes"],
    );
    assert!(
        run.findings()
            .contains(&"flow-step-failed@hs2.availability-single".to_string()),
        "{:?}",
        run.findings()
    );
    assert!(run.steps().contains(&"hs2.cancel".to_string()));
}

#[test]
fn parallel_availability_sends_its_requests_at_once() {
    use super::mock::Gate;
    let (gate, events) = Gate::new();
    // Every single-hotel availability is held until the test lets them go: the test sees
    // all three held at the same time only if the probe sent them at once.
    let mock = Mock::start(&[("availability-single", Behaviour::Hold(gate.clone()))]);
    let text = scenario(&mock.url(), "[steps]\nparallel_availability = 3\n");
    let running = std::thread::spawn(move || probe(&text, &["--no-probes"]));
    let mut held = 0;
    while held < 3 {
        match events.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(step) if step == "availability-single" => held += 1,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    gate.release();
    let run = running.join().expect("the probe thread");
    assert_eq!(held, 3, "held at once\n{}", run.stderr());
    assert_eq!(
        run.steps(),
        [
            "hs2.search",
            "hs2.availability",
            "hs2.parallel-availability",
            "hs2.parallel-availability",
            "hs2.parallel-availability",
            "hs2.detail"
        ],
        "{}",
        run.stderr()
    );
    assert!(
        !run.findings()
            .iter()
            .any(|f| f.starts_with("flow-step-failed@")),
        "{:?}",
        run.findings()
    );
    assert!(run.stderr().contains("(3 of 3)"), "{}", run.stderr());
    // Bounded: more than 8 at once is a scenario error.
    let text = scenario(&mock.url(), "[steps]\nparallel_availability = 9\n");
    let run = probe(&text, &[]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("`parallel_availability = 9`: use 0 (off) to 8 concurrent requests"),
        "{}",
        run.stderr()
    );
}

#[test]
fn parallel_availability_failures_are_judged_per_request() {
    let mock = Mock::start(&[("availability-single", Behaviour::Status(500))]);
    let text = scenario(&mock.url(), "[steps]\nparallel_availability = 2\n");
    let run = probe(&text, &["--no-probes"]);
    assert!(
        run.findings()
            .contains(&"flow-step-failed@hs2.parallel-availability".to_string()),
        "{:?}",
        run.findings()
    );
    let failed = run.har()["log"]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["_otalint"]["failed"].is_string())
        .count();
    assert_eq!(failed, 2, "{}", run.stderr());
}
