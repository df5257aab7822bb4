//! The probe recordings among the bundled samples (`testdata/samples/captures/*/probe-hs2.har`)
//! are runs against the mock, with the endpoint renamed: a conforming TLS run, and a run where
//! the supplier gets every probe rule wrong. This test makes them again and compares what
//! `check` finds in both; `OTALINT_BLESS=1` writes the new runs over the samples.

use super::*;

const BROKEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/testdata/samples/captures/broken/probe-hs2.har"
);
const CONFORMING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/testdata/samples/captures/conforming/probe-hs2.har"
);

fn broken_plan() -> Vec<(&'static str, Behaviour)> {
    vec![
        ("bad-credentials", Behaviour::AcceptAnyCredentials),
        ("no-hotels", Behaviour::Status(500)),
        ("unknown-hotel-detail", Behaviour::Close),
        ("unknown-rate", Behaviour::Status(500)),
        ("unknown-booking", Behaviour::Status(500)),
        ("unknown-hotel", Behaviour::PricedUnknownHotel),
        ("invalid-date", Behaviour::Status(500)),
        ("book", Behaviour::EchoCard),
        ("read", Behaviour::Status(500)),
        ("repeat-cancel", Behaviour::CancelError("188")),
    ]
}

/// A recording with the mock's address replaced by a supplier-looking one.
fn renamed(run: &Run, port: u16, to: &str) -> String {
    run.har_text()
        .replace(&format!("https://127.0.0.1:{port}"), to)
        .replace(&format!("http://127.0.0.1:{port}"), to)
        .replace(
            &format!("127.0.0.1:{port}"),
            to.split("://").nth(1).unwrap_or(to),
        )
}

/// `rule@step` of `check` (default rules and data) on a recording.
fn checked(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("run.har"), text).expect("write");
    let out = Command::cargo_bin("otalint")
        .expect("bin")
        .current_dir(dir.path())
        .args(["check", "run.har", "--no-config", "--format", "json"])
        .output()
        .expect("runs");
    let har: Value = serde_json::from_str(text).expect("json");
    findings(&String::from_utf8_lossy(&out.stdout), &har)
}

#[test]
fn the_probe_samples_are_what_the_mock_records() {
    let bless = std::env::var_os("OTALINT_BLESS").is_some();
    let mock = Mock::start(&broken_plan());
    let run = probe(
        &scenario(&mock.url(), BOOKING),
        &["--now", "2026-11-22T10:00:00Z"],
    );
    let fresh = renamed(&run, mock.port, "http://test.acme-hotels.example");
    let mock = Mock::start_tls(&[], false);
    let text = scenario(&mock.tls_url(), BOOKING)
        .replace("proxy = \"none\"", "proxy = \"none\"\nca_file = \"ca.pem\"");
    let good = super::flow::probe_ca(&text, &format!("{}/ca.pem", tls::DIR));
    let good = renamed(&good, mock.port, "https://test.acme-hotels.example");
    if bless {
        std::fs::write(BROKEN, &fresh).expect("write the broken sample");
        std::fs::write(CONFORMING, &good).expect("write the conforming sample");
    }
    let sample = std::fs::read_to_string(BROKEN).expect("the broken sample");
    let found = checked(&sample);
    assert_eq!(
        found,
        checked(&fresh),
        "the broken sample no longer matches a fresh run: OTALINT_BLESS=1 to rewrite it"
    );
    for rule in [
        "credentials-not-rejected",
        "flow-step-failed",
        "no-response",
        "endpoint-tls",
        "unknown-hotel-answer",
        "invalid-date-answer",
        "cancelled-booking-answer",
        "card-data-in-response",
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(&format!("{rule}@"))),
            "the broken sample lacks {rule}: {found:?}"
        );
    }
    let sample = std::fs::read_to_string(CONFORMING).expect("the conforming sample");
    assert_eq!(checked(&sample), Vec::<String>::new());
    assert_eq!(checked(&good), Vec::<String>::new());
}
