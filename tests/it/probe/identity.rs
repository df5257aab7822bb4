//! The recording is the record (docs/probe.md "The recording"): `check` on the HAR gives the probe's report
//! byte for byte in every format; the HAR is HAR 1.2; probe facts are read only from otalint's
//! own HARs.

use super::*;

/// Every format (all nine), each to its own file, from the probe and from `check` on its recording.
#[test]
fn check_on_the_recording_reproduces_every_format_byte_for_byte() {
    let mock = Mock::start(&[
        ("availability", Behaviour::Chunked(200)),
        ("bad-credentials", Behaviour::Status(401)),
        ("repeat-cancel", Behaviour::CancelError("95")),
        ("detail", Behaviour::WrongEchoToken),
    ]);
    let formats = [
        "human", "concise", "json", "sarif", "github", "junit", "gitlab",
    ];
    // Every format, each into `<prefix>.<format>`.
    let outputs = |prefix: &str| -> Vec<String> {
        let mut args: Vec<String> = Vec::new();
        for f in formats {
            args.extend(["--format".into(), f.into(), "--output".into()]);
            args.push(format!("{prefix}.{f}"));
        }
        args.extend(["--color".into(), "never".into()]);
        args
    };
    let args = outputs("probe");
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = probe(&scenario(&mock.url(), BOOKING), &refs);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let check_args = outputs("check");
    let refs: Vec<&str> = check_args.iter().map(String::as_str).collect();
    let out = check(run.dir.path(), &refs);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in formats {
        let a =
            std::fs::read(run.dir.path().join(format!("probe.{f}"))).expect("the probe's report");
        let b = std::fs::read(run.dir.path().join(format!("check.{f}"))).expect("check's report");
        assert!(!a.is_empty(), "{f} is empty");
        assert!(
            a == b,
            "{f} differs:\n--- probe\n{}\n--- check\n{}",
            String::from_utf8_lossy(&a),
            String::from_utf8_lossy(&b)
        );
    }
    // The step names the entries in every report that names entries.
    let junit = std::fs::read_to_string(run.dir.path().join("probe.junit")).expect("junit");
    assert!(
        junit.contains("entry 4: hs2.availability (POST http://127.0.0.1:"),
        "{junit}"
    );
    let human = std::fs::read_to_string(run.dir.path().join("probe.human")).expect("human");
    assert!(human.contains("chunked-encoding"), "{human}");
}

#[test]
fn the_recording_is_har_1_2_and_its_times_add_up() {
    let mock = Mock::start(&[("search", Behaviour::Gzip), ("detail", Behaviour::Close)]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("testdata/schemas/har-1.2.json").expect("schema"),
    )
    .expect("JSON");
    let validator = jsonschema::draft7::new(&schema).expect("a valid schema");
    let har = run.har();
    let errors: Vec<String> = validator
        .iter_errors(&har)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(har["log"]["creator"]["name"], "otalint");
    for e in har["log"]["entries"].as_array().expect("entries") {
        let t = &e["timings"];
        let sum: f64 = ["connect", "send", "wait", "receive"]
            .iter()
            .map(|k| t[k].as_f64().unwrap_or(0.0).max(0.0))
            .sum();
        let time = e["time"].as_f64().expect("time");
        assert!(
            (time - sum).abs() < 0.01,
            "time {time} is not the sum {sum} of {t}"
        );
    }
    // A transport failure is an entry too: status 0, no headers, the reason in _otalint.
    let closed = entry(&har, "hs2.detail");
    assert_eq!(closed["response"]["status"], 0);
    assert!(
        closed["_otalint"]["transport"]["error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{closed}"
    );
    // Pretty-printed with two spaces, fields in a fixed order.
    let text = run.har_text();
    assert!(
        text.starts_with("{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\""),
        "{}",
        &text[..80.min(text.len())]
    );
}

#[test]
fn probe_facts_are_ignored_in_a_har_otalint_did_not_write() {
    let mock = Mock::start(&[("bad-credentials", Behaviour::AcceptAnyCredentials)]);
    let run = probe(&scenario(&mock.url(), ""), &[]);
    assert!(
        run.findings()
            .contains(&"credentials-not-rejected@hs2.bad-credentials".to_string())
    );
    let foreign = run
        .har_text()
        .replacen("\"name\": \"otalint\"", "\"name\": \"mitmproxy\"", 1);
    std::fs::write(run.dir.path().join("run.har"), foreign).expect("write");
    let out = check(run.dir.path(), &["--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(
        !rules.iter().any(|r| [
            "credentials-not-rejected",
            "endpoint-tls",
            "flow-step-failed"
        ]
        .contains(r)),
        "{rules:?}"
    );
    assert!(
        report["files"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.contains("recorded by otalint probe")),
        "{}",
        report["files"][0]
    );
}

#[test]
fn an_interrupted_run_leaves_a_valid_recording_of_what_was_done() {
    // The recording is rewritten after every exchange: kill the run while it waits on a slow
    // answer, and the HAR holds the exchanges before it.
    let mock = Mock::start(&[(
        "detail",
        Behaviour::Slow(std::time::Duration::from_secs(30)),
    )]);
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("probe.toml"),
        scenario(&mock.url(), "").replace("timeout = \"30s\"", "timeout = \"60s\""),
    )
    .expect("scenario");
    let bin = assert_cmd::cargo::cargo_bin("otalint");
    let mut child = std::process::Command::new(bin)
        .current_dir(dir.path())
        .env_clear()
        .env("MOCK_USER", mock::USER)
        .env("MOCK_PASSWORD", mock::PASSWORD)
        .args([
            "probe",
            "--scenario",
            "probe.toml",
            "--har",
            "run.har",
            "--no-config",
        ])
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !mock.steps().contains(&"detail".to_string()) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    child.kill().expect("kill");
    let _ = child.wait();
    let text = std::fs::read_to_string(dir.path().join("run.har")).expect("a recording");
    let har: Value = serde_json::from_str(&text).expect("valid JSON");
    let steps: Vec<&str> = har["log"]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["_otalint"]["step"].as_str())
        .collect();
    assert!(
        steps.contains(&"hs2.availability") && !steps.contains(&"hs2.detail"),
        "{steps:?}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn the_evidence_bundle_holds_every_exchange_and_checks() {
    let mock = Mock::start(&[
        ("availability", Behaviour::Chunked(100)),
        ("book", Behaviour::EchoCard),
    ]);
    let run = probe(&scenario(&mock.url(), BOOKING), &["--evidence", "evidence"]);
    let dir = run.dir.path().join("evidence");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the bundle")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in [
        "run.har",
        "report.md",
        "report.html",
        "scenario.toml",
        "console.txt",
        "04-hs2.availability.rq.xml",
        "04-hs2.availability.rs.xml",
        "04-hs2.availability.http",
        "11-hs2.book.http",
    ] {
        assert!(
            names.contains(&name.to_string()),
            "{name} missing: {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.starts_with('.')),
        "no leftovers: {names:?}"
    );
    let raw = std::fs::read_to_string(dir.join("04-hs2.availability.http")).expect("raw");
    assert!(
        raw.starts_with("HTTP/1.1 200 OK\r\n") && raw.contains("Transfer-Encoding: chunked\r\n"),
        "the raw answer as taped"
    );
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(mock::PASSWORD) && !text.contains(mock::CARD),
            "{name} holds a secret"
        );
    }
    let console = std::fs::read_to_string(dir.join("console.txt")).expect("console");
    assert!(
        console.contains("hs2.availability") && console.contains("chunked-encoding"),
        "{console}"
    );
    assert_eq!(
        std::fs::read(dir.join("run.har")).expect("copy"),
        std::fs::read(run.har_path()).expect("har")
    );
    // `check DIR` works on the bundle: the recording, the raw answers, the bodies.
    let out = Command::cargo_bin("otalint")
        .expect("bin")
        .env_clear()
        .args(["check", "--no-config", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"chunked-encoding") && rules.contains(&"card-data-in-response"),
        "{rules:?}"
    );
    assert!(report["summary"]["files"].as_u64().expect("files") > 30);
}
