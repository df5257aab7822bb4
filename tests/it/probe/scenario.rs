//! `probe.toml` (docs/probe.md "The scenario file"): mistakes at their line and column with a did-you-mean, secrets
//! refused, environment variables required, limits, relative dates, `--init`.

use super::*;

fn scenario_error(text: &str) -> (i32, String) {
    let run = probe(text, &[]);
    (run.code(), run.stderr())
}

const URL: &str = "http://127.0.0.1:9/hs2";

#[test]
fn an_unknown_key_is_shown_at_its_place_with_a_did_you_mean() {
    let text = scenario(URL, "").replace("hotels_to_shop = 2", "hotels_to_shopp = 2");
    let (code, err) = scenario_error(&text);
    assert_eq!(code, 2);
    assert!(err.contains("invalid probe scenario"), "{err}");
    assert!(
        err.contains("unknown key `hotels_to_shopp`; did you mean `hotels_to_shop`?"),
        "{err}"
    );
    assert!(err.contains("probe.toml:30:1"), "{err}");
}

#[test]
fn a_literal_secret_is_refused() {
    let text = scenario(URL, "").replace(
        "password_env = \"MOCK_PASSWORD\"",
        "password_env = \"MOCK_PASSWORD\"\npassword = \"hunter22\"",
    );
    let (code, err) = scenario_error(&text);
    assert_eq!(code, 2);
    assert!(
        err.contains("`password` holds a secret: put it in an environment variable"),
        "{err}"
    );
    assert!(
        !err.contains("hunter22") || err.contains("password = \"hunter22\""),
        "only the source line may show it"
    );
}

#[test]
fn a_missing_environment_variable_is_named() {
    let text = scenario(URL, "").replace("MOCK_PASSWORD", "NOT_SET_ANYWHERE");
    let (code, err) = scenario_error(&text);
    assert_eq!(code, 2);
    assert!(
        err.contains("environment variable NOT_SET_ANYWHERE (named by `credentials.password_env`"),
        "{err}"
    );
}

#[test]
fn urls_with_credentials_and_bad_values_are_refused() {
    for (from, to, says) in [
        (
            URL,
            "https://u:p@127.0.0.1/hs2",
            "the URL holds credentials",
        ),
        (URL, "ftp://127.0.0.1/hs2", "is not an absolute https://"),
        ("nights = 2", "nights = 0", "`nights` is 1 to 30"),
        (
            "hotels_to_shop = 2",
            "hotels_to_shop = 101",
            "`hotels_to_shop` is 1 to 100",
        ),
        (
            "checkin = \"+90d\"",
            "checkin = \"soon\"",
            "is not a check-in such as `+90d`",
        ),
        ("unit = \"miles\"", "unit = \"furlongs\"", "use miles or km"),
        ("version = 1", "version = 2", "scenario `version = 1`"),
        (
            "checkin = \"+90d\"",
            "checkin = \"+90d\"\nhotel_codes = [\"A-CODE-THAT-IS-TOO-LONG\"]",
            "is not a HotelCode (1 to 16 characters",
        ),
    ] {
        let text = scenario(URL, "").replace(from, to);
        let (code, err) = scenario_error(&text);
        assert_eq!(code, 2, "{to}: {err}");
        assert!(err.contains(says), "{to}: {err}");
    }
}

#[test]
fn a_booking_against_another_host_stops_before_any_request() {
    let mock = Mock::start(&[]);
    let text = scenario(&mock.url(), BOOKING).replace(
        "confirm_host = \"127.0.0.1\"",
        "confirm_host = \"prod.acme.example\"",
    );
    let run = probe(&text, &[]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("confirm_host is `prod.acme.example` but the endpoint's host is `127.0.0.1`"),
        "{}",
        run.stderr()
    );
    assert!(
        mock.steps().is_empty(),
        "nothing was sent: {:?}",
        mock.steps()
    );
}

#[test]
fn a_check_in_in_the_past_is_refused() {
    let text = scenario(URL, "").replace("checkin = \"+90d\"", "checkin = \"2020-01-01\"");
    let (code, err) = scenario_error(&text);
    assert_eq!(code, 2);
    assert!(
        err.contains("check-in 2020-01-01 is not after today"),
        "{err}"
    );
}

#[test]
fn init_writes_a_template_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("dir");
    let init = || {
        Command::cargo_bin("otalint")
            .expect("bin")
            .current_dir(dir.path())
            .args(["probe", "--init"])
            .output()
            .expect("runs")
    };
    let first = init();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("probe.toml")).expect("written");
    assert!(text.contains("user_env = \"ACME_CONCUR_USER\""));
    std::fs::write(dir.path().join("probe.toml"), "mine").expect("write");
    let second = init();
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("never overwrites"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("probe.toml")).expect("kept"),
        "mine"
    );
}

#[test]
fn an_unwritable_recording_stops_the_run_before_any_request() {
    let mock = Mock::start(&[]);
    // A directory where the recording should go.
    let run = super::flow::probe_in(&scenario(&mock.url(), ""), &[], &[], |d| {
        std::fs::create_dir(d.join("run.har")).expect("mkdir");
    });
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("cannot write the recording run.har"),
        "{}",
        run.stderr()
    );
    assert!(mock.steps().is_empty(), "{:?}", mock.steps());
}

#[test]
fn an_unreadable_ca_file_is_exit_2() {
    let run = probe(&scenario(URL, ""), &["--ca-file", "missing.pem"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("cannot read the CA file missing.pem"),
        "{}",
        run.stderr()
    );
}

#[test]
fn the_init_template_runs_as_written_and_its_comments_stay_comments() {
    let mock = Mock::start(&[]);
    let dir = tempfile::tempdir().expect("dir");
    let bin = || {
        let mut c = Command::cargo_bin("otalint").expect("the binary");
        c.current_dir(dir.path()).env_clear().env("NO_COLOR", "1");
        c
    };
    let init = bin()
        .args(["probe", "--init", "probe.toml"])
        .output()
        .expect("runs");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    // As a user would: point it at the endpoint, no proxy, and go.
    let text = std::fs::read_to_string(dir.path().join("probe.toml")).expect("template");
    let text = text
        .replace("https://test.acme-hotels.example/concur/hs2", &mock.url())
        .replace("proxy = \"env\"", "proxy = \"none\"");
    std::fs::write(dir.path().join("probe.toml"), text).expect("scenario");
    let out = bin()
        .env("ACME_CONCUR_USER", mock::USER)
        .env("ACME_CONCUR_PASSWORD", mock::PASSWORD)
        .args([
            "probe",
            "--scenario",
            "probe.toml",
            "--har",
            "run.har",
            "--no-config",
        ])
        .args(["--format", "markdown"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&out.stdout);
    let title = report.lines().find(|l| l.starts_with("# ")).unwrap_or("");
    assert_eq!(
        title,
        "# Concur pre-certification: acme-test",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_dry_run_needs_no_credentials_and_shows_placeholders() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("probe.toml"), scenario(URL, BOOKING)).expect("scenario");
    let out = Command::cargo_bin("otalint")
        .expect("the binary")
        .current_dir(dir.path())
        .env_clear()
        .args([
            "probe",
            "--scenario",
            "probe.toml",
            "--dry-run",
            "--no-config",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("<userid>{MOCK_USER not set}</userid>"),
        "{stdout}"
    );
    assert!(
        stdout.contains("<password>{MOCK_PASSWORD not set}</password>"),
        "{stdout}"
    );
    assert!(stdout.contains("{MOCK_CARD not set}"), "{stdout}");
    assert!(
        stderr.contains("not set, shown as placeholders: MOCK_USER, MOCK_PASSWORD"),
        "{stderr}"
    );
    // A real run still demands them.
    let real = Command::cargo_bin("otalint")
        .expect("the binary")
        .current_dir(dir.path())
        .env_clear()
        .args(["probe", "--scenario", "probe.toml", "--no-config"])
        .output()
        .expect("runs");
    assert_eq!(real.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&real.stderr).contains("MOCK_USER"));
}

#[test]
fn the_orphan_probe_is_not_in_the_format() {
    let (code, err) = scenario_error(&scenario(URL, "[probes]\norphan = true\n"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown key `orphan`"), "{err}");
    assert!(!err.contains("not in this release"), "{err}");
}
