//! One test per behaviour of the mock supplier (the mock supplier): the exact rules expected, on
//! the exact step. The mock speaks plain HTTP on a random port, so `endpoint-tls` (plain HTTP)
//! is left out of the comparison; the TLS tests are in `transport`.

use std::time::Duration;

use super::*;

/// The findings of a run against a mock with this plan, `endpoint-tls` left out.
fn run_with(plan: &[(&str, Behaviour)], extra: &str, args: &[&str]) -> (Run, Vec<String>) {
    let mock = Mock::start(plan);
    let run = probe(&scenario(&mock.url(), extra), args);
    let found = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    (run, found)
}

/// The level of the first finding of `rule` in the run's JSON report.
fn level_of(run: &Run, rule: &str) -> String {
    let report: Value = serde_json::from_str(&run.stdout()).expect("json");
    report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["rule"] == rule)
        .map(|d| d["level"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

fn expect(plan: &[(&str, Behaviour)], expected: &[&str]) -> Run {
    let (run, found) = run_with(plan, BOOKING, &[]);
    assert_eq!(found, expected, "\n{}\n{}", run.stdout(), run.stderr());
    run
}

#[test]
fn conforming() {
    let run = expect(&[], &[]);
    // Plain HTTP is an error: the exit status says so.
    assert_eq!(run.code(), 1);
}

#[test]
fn chunked() {
    expect(
        &[("availability", Behaviour::Chunked(300))],
        &["chunked-encoding@hs2.availability"],
    );
}

#[test]
fn gzip_is_fine_and_recorded_decoded() {
    let run = expect(&[("search", Behaviour::Gzip)], &[]);
    let har = run.har();
    let entry = &har["log"]["entries"][1];
    assert_eq!(entry["_otalint"]["step"], "hs2.search");
    let headers = entry["response"]["headers"].as_array().expect("headers");
    assert!(
        headers
            .iter()
            .any(|h| h["name"] == "Content-Encoding" && h["value"] == "gzip"),
        "{headers:?}"
    );
    assert!(
        entry["response"]["content"]["compression"]
            .as_i64()
            .expect("compression")
            > 0
    );
    assert!(
        entry["response"]["content"]["text"]
            .as_str()
            .expect("text")
            .contains("OTA_HotelSearchRS")
    );
}

#[test]
fn gzip_chunked() {
    expect(
        &[("search", Behaviour::GzipChunked)],
        &["chunked-encoding@hs2.search"],
    );
}

/// The findings of a run with `rules` layered on the test rules, the client time-out `timeout`.
fn timed(plan: &[(&str, Behaviour)], rules: &str, timeout: &str) -> (Run, Vec<String>) {
    let mock = Mock::start(plan);
    let text = scenario(&mock.url(), BOOKING)
        .replace("timeout = \"30s\"", &format!("timeout = \"{timeout}\""));
    let rules = rules.to_string();
    let run = flow::probe_in(&text, &["--rules", "timed.toml"], &[], move |d| {
        std::fs::write(d.join("timed.toml"), rules).expect("rules");
    });
    let found = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    (run, found)
}

/// Rules with this time-out for every operation and this ideal time for `detail` (the other
/// ideal times stay generous).
fn times(timeout: u32, detail_ideal: f64) -> String {
    format!(
        "profile = \"hs2\"\n[http]\ntimeout_seconds = {timeout}\n[http.ideal_seconds]\ndetail = {detail_ideal}\n"
    )
}

#[test]
fn slow_past_the_time_out_and_past_the_ideal() {
    // 5.5 s is past a 5 s time-out however loaded the machine; the client waits 30 s.
    let slow = [("detail", Behaviour::Slow(Duration::from_millis(5500)))];
    let (run, found) = timed(&slow, &times(5, 0.5), "30s");
    assert_eq!(found, ["slow-response@hs2.detail"], "{}", run.stdout());
    assert_eq!(level_of(&run, "slow-response"), "error");
    // 0.6 s is past a 0.5 s ideal, and far from a 10 s time-out.
    let late = [("detail", Behaviour::Slow(Duration::from_millis(600)))];
    let (run, found) = timed(&late, &times(10, 0.5), "30s");
    assert_eq!(found, ["slow-response@hs2.detail"], "{}", run.stdout());
    assert_eq!(level_of(&run, "slow-response"), "warning");
}

#[test]
fn drip_is_measured_past_the_time_out_or_lost_before_it() {
    // A byte every 20 ms: the detail answer takes far longer than any time-out here.
    let drip = [("detail", Behaviour::Drip(Duration::from_millis(20)))];
    // The client waits 8 s, past the rules' 5 s: measured, so slow-response.
    let (run, found) = timed(&drip, &times(5, 0.5), "8s");
    assert_eq!(found, ["slow-response@hs2.detail"], "{}", run.stdout());
    // Waiting (5 s) less than the contract (20 s): nothing measured, so no-response.
    let (run, found) = timed(&drip, &times(20, 0.5), "5s");
    assert_eq!(found, ["no-response@hs2.detail"], "{}", run.stdout());
}

#[test]
fn status_401_on_bad_credentials_is_auth_status_only() {
    expect(
        &[("bad-credentials", Behaviour::Status(401))],
        &["auth-status@hs2.bad-credentials"],
    );
}

#[test]
fn accepting_any_credentials() {
    expect(
        &[("bad-credentials", Behaviour::AcceptAnyCredentials)],
        &["credentials-not-rejected@hs2.bad-credentials"],
    );
}

#[test]
fn type_4_is_authentication_type_only() {
    expect(
        &[("bad-credentials", Behaviour::Type4)],
        &["authentication-type@hs2.bad-credentials"],
    );
}

#[test]
fn two_errors_beside_rates() {
    // Concur keeps the first error and discards the rates: the flow cannot book either.
    expect(
        &[("availability", Behaviour::TwoErrors)],
        &[
            "content-discarded@hs2.availability",
            "flow-step-failed@hs2.availability",
            "multiple-errors@hs2.availability",
        ],
    );
}

#[test]
fn soap_fault_for_the_invalid_date_is_soap_fault_only() {
    expect(
        &[("invalid-date", Behaviour::SoapFault)],
        &["soap-fault@hs2.invalid-date"],
    );
}

#[test]
fn html_error_page() {
    let run = expect(
        &[("search", Behaviour::HtmlPage(500))],
        &[
            "content-type@hs2.search",
            "flow-step-failed@hs2.search",
            "soap-envelope-missing@hs2.search",
        ],
    );
    let blocked = run.har()["log"]["entries"][1]["_otalint"]["blocked"].clone();
    assert!(
        blocked
            .as_array()
            .is_some_and(|b| b.iter().any(|s| s == "hs2.availability")),
        "{blocked}"
    );
}

#[test]
fn wrong_echo_token() {
    expect(
        &[("detail", Behaviour::WrongEchoToken)],
        &["echo-token@hs2.detail"],
    );
}

#[test]
fn closed_without_a_byte() {
    let run = expect(&[("search", Behaviour::Close)], &["no-response@hs2.search"]);
    assert!(
        run.stdout().contains("not run because of it"),
        "{}",
        run.stdout()
    );
}

#[test]
fn nothing_listens() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let run = probe(&scenario(&format!("http://127.0.0.1:{port}/hs2"), ""), &[]);
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|f| f.starts_with("no-response@")),
        "{found:?}"
    );
    assert!(found.contains(&"no-response@hs2.search".to_string()));
    assert_eq!(
        run.code(),
        1,
        "a supplier that does not answer is a finding, not exit 2"
    );
}

#[test]
fn truncated_body() {
    let run = expect(
        &[("search", Behaviour::Truncate(300))],
        &["no-response@hs2.search"],
    );
    assert!(
        run.stdout().contains("the body ended after 300 of"),
        "{}",
        run.stdout()
    );
}

#[test]
fn redirect_is_not_followed() {
    let run = expect(
        &[("search", Behaviour::Redirect)],
        &[
            "flow-step-failed@hs2.search",
            "unexpected-status@hs2.search",
        ],
    );
    assert_eq!(
        run.har()["log"]["entries"][1]["response"]["redirectURL"],
        "https://elsewhere.example/hs2"
    );
}

#[test]
fn http_1_0() {
    let run = expect(&[("search", Behaviour::Http10)], &[]);
    assert_eq!(
        run.har()["log"]["entries"][1]["response"]["httpVersion"],
        "HTTP/1.0"
    );
}

#[test]
fn continue_100() {
    expect(&[("search", Behaviour::Continue100)], &[]);
}

#[test]
fn oversize_booking_answer() {
    expect(
        &[("book", Behaviour::Oversize(160_000))],
        &["response-too-large@hs2.book"],
    );
}

#[test]
fn echoed_card_is_a_finding_and_never_recorded() {
    // The number and the CVV: one finding each.
    let run = expect(
        &[("book", Behaviour::EchoCard)],
        &[
            "card-data-in-response@hs2.book",
            "card-data-in-response@hs2.book",
        ],
    );
    assert!(
        !run.har_text().contains("<SeriesCode>737<"),
        "the CVV is replaced where it was echoed"
    );
    assert!(!run.har_text().contains(mock::CARD));
    assert!(!run.har_text().contains("4111 1111"));
    assert!(!run.stdout().contains(mock::CARD));
}

#[test]
fn cancel_not_idempotent() {
    let run = expect(
        &[("repeat-cancel", Behaviour::CancelError("188"))],
        &["cancelled-booking-answer@hs2.repeat-cancel"],
    );
    assert_eq!(level_of(&run, "cancelled-booking-answer"), "warning");
}

#[test]
fn cancel_95_is_info() {
    let run = expect(
        &[("repeat-cancel", Behaviour::CancelError("95"))],
        &["cancelled-booking-answer@hs2.repeat-cancel"],
    );
    assert_eq!(level_of(&run, "cancelled-booking-answer"), "info");
    assert_eq!(run.code(), 1, "plain HTTP still fails the run");
}

#[test]
fn priced_unknown_hotel() {
    let run = expect(
        &[("unknown-hotel", Behaviour::PricedUnknownHotel)],
        &["unknown-hotel-answer@hs2.unknown-hotel"],
    );
    assert_eq!(level_of(&run, "unknown-hotel-answer"), "error");
}

#[test]
fn errors_for_mixed_hotels() {
    let run = expect(
        &[("mixed-hotels", Behaviour::ErrorsForMixed)],
        &["unknown-hotel-answer@hs2.mixed-hotels"],
    );
    assert_eq!(level_of(&run, "unknown-hotel-answer"), "warning");
}

#[test]
fn read_fails_and_the_cancel_is_still_sent() {
    let mock = Mock::start(&[("read", Behaviour::Status(500))]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert_eq!(found, ["flow-step-failed@hs2.read"], "{}", run.stdout());
    assert!(
        mock.steps().contains(&"cancel".to_string()),
        "{:?}",
        mock.steps()
    );
}

#[test]
fn booking_without_a_unique_id() {
    let run = expect(
        &[("book", Behaviour::NoUniqueId)],
        &[
            "flow-step-failed@hs2.book",
            "missing-required-content@hs2.book",
        ],
    );
    assert!(
        run.stdout()
            .contains("a reservation may exist at the supplier"),
        "{}",
        run.stdout()
    );
}

#[test]
fn rate_details_as_concur_calls_it() {
    let mock = Mock::start(&[("availability", Behaviour::RateDetailsInd(Some(false)))]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    assert!(
        mock.steps().contains(&"ratedetails".to_string()),
        "{:?}",
        mock.steps()
    );
    let book = mock.request("book").expect("book");
    assert!(book.body.contains("RatePlanID=\"RP-HTL4444\""));
    drop(run);
    for ind in [Some(true), None] {
        let mock = Mock::start(&[("availability", Behaviour::RateDetailsInd(ind))]);
        let run = probe(&scenario(&mock.url(), BOOKING), &[]);
        assert!(
            !mock.steps().contains(&"ratedetails".to_string()),
            "{ind:?}: {:?}",
            mock.steps()
        );
        let steps = &run.har()["log"]["_otalint"]["run"]["steps"];
        assert!(
            steps
                .as_array()
                .expect("steps")
                .iter()
                .any(|s| s["id"] == "hs2.ratedetails" && s["status"] == "skipped"),
            "{steps}"
        );
    }
}

#[test]
fn a_hundred_thousand_header_lines() {
    expect(
        &[("search", Behaviour::HeaderLines(100_000))],
        &["no-response@hs2.search"],
    );
}

#[test]
fn an_endless_body_stops_at_the_limit() {
    // A small limit and a generous time-out: the limit ends the exchange whatever the speed.
    let mock = Mock::start(&[("detail", Behaviour::EndlessBody)]);
    let run = probe(
        &scenario(&mock.url(), BOOKING),
        &["--max-decoded-size", "256KiB"],
    );
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert_eq!(found, ["no-response@hs2.detail"], "{}", run.stdout());
    let detail = entry(&run.har(), "hs2.detail").clone();
    let error = detail["_otalint"]["transport"]["error"]
        .as_str()
        .unwrap_or("");
    assert!(error.contains("larger than the probe reads"), "{error}");
}

#[test]
fn a_gzip_bomb_stops_at_the_decoded_limit() {
    // 8 MB of spaces against a 1 MiB limit: the limit decides, not the machine's speed.
    let bomb = Behaviour::gzip_bomb(8_000_000);
    let mock = Mock::start(&[("detail", bomb)]);
    let run = probe(
        &scenario(&mock.url(), BOOKING),
        &["--max-decoded-size", "1MiB"],
    );
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert_eq!(found, ["no-response@hs2.detail"], "{}", run.stdout());
    assert!(
        run.stdout().contains("max-decoded-size"),
        "{}",
        run.stdout()
    );
}

#[test]
fn raw_garbage() {
    expect(
        &[("detail", Behaviour::Raw(b"HELLO\r\n\r\n".to_vec()))],
        &["no-response@hs2.detail"],
    );
}

#[test]
fn a_failed_cancel_names_the_reservation_left_active() {
    let (run, found) = run_with(&[("cancel", Behaviour::Status(500))], BOOKING, &[]);
    assert_eq!(found, ["flow-step-failed@hs2.cancel"], "{}", run.stdout());
    assert!(
        run.stdout()
            .contains("reservation RES-1 may still be active at the supplier; cancel it by hand"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stderr()
            .contains("reservation RES-1 (hs2) may still be active at the supplier"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_latin1_answer_is_one_finding_with_true_words() {
    let (run, found) = run_with(&[("detail", Behaviour::Latin1)], BOOKING, &[]);
    assert_eq!(found, ["not-utf8@hs2.detail"], "{}", run.stdout());
    assert!(
        !run.stdout().contains("not well-formed"),
        "{}",
        run.stdout()
    );
    assert!(
        !run.stderr().contains("not well-formed"),
        "{}",
        run.stderr()
    );
}
