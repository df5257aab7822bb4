//! The flow: the golden run (every step of §5.1 in order, Concur's headers, carried values
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
    let dir = tempfile::tempdir().expect("dir");
    let _ = dir;
    let run = probe_in(text, &[], |d| {
        std::fs::copy(ca, d.join("ca.pem")).expect("copy the CA");
    });
    run
}

fn probe_in(text: &str, extra: &[&str], prepare: impl FnOnce(&Path)) -> Run {
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
        .args([
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
        ])
        .args(extra)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("otalint runs");
    if let Ok(keep) = std::env::var("OTALINT_KEEP") {
        let _ = std::fs::copy(dir.path().join("run.har"), format!("{keep}/run.har"));
    }
    Run { dir, out }
}
