//! Captures made by real clients (`testdata/transcripts/`, saved from a local server with
//! curl 7.88 and GNU Wget 1.21): what otalint reads out of them, and what it refuses with the
//! command that captures properly. Forcing `--input-kind` never turns a refusal into a pass.

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/transcripts");

/// `check FILE --format json` with extra arguments: the report and the exit status.
fn check(file: &str, extra: &[&str]) -> (Value, i32) {
    let out = Command::cargo_bin("otalint")
        .expect("binary builds")
        .current_dir(DIR)
        .args(["check", file, "--format", "json"])
        .args(extra)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (report, out.status.code().expect("exit code"))
}

fn errors(report: &Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["message"].as_str().expect("message").to_string())
        .collect()
}

fn findings(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["rule"].as_str().expect("rule"),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

const KINDS: [&[&str]; 4] = [
    &[],
    &["--input-kind", "http"],
    &["--input-kind", "xml"],
    &["--input-kind", "json"],
];

#[test]
fn a_headers_only_capture_is_a_tool_error() {
    // `curl -s -D - -o /dev/null URL`, as `http --print=h`: a head declaring 473 bytes.
    for kind in [&[][..], &["--input-kind", "http"]] {
        let (report, status) = check("headers-only.http", kind);
        assert_eq!(status, 2, "{kind:?}: {report}");
        let errors = errors(&report);
        assert!(
            errors[0].contains("only the headers (`Content-Length: 473`, no body)"),
            "{kind:?}: {errors:?}"
        );
        assert_eq!(report["summary"]["files"], 1, "{kind:?}");
    }
}

#[test]
fn a_curl_verbose_transcript_is_refused_whatever_kind_is_forced() {
    // `curl -v URL > log 2>&1`: the progress meter, then `*`, `>` and `<` lines.
    for kind in KINDS {
        let (report, status) = check("curl-v-cancel.log", kind);
        assert_eq!(status, 2, "{kind:?}: {report}");
        assert!(
            errors(&report)[0].contains("`curl -v` transcript")
                && errors(&report)[0].contains("curl -si URL > response.http"),
            "{kind:?}: {report}"
        );
        assert!(findings(&report).is_empty(), "{kind:?}");
    }
}

#[test]
fn a_wget_log_is_read_as_the_response_it_holds() {
    // (`--input-kind json` reads its XML body as JSON, as it would in any capture.)
    for kind in &KINDS[..3] {
        let (report, status) = check("wget-cancel.log", kind);
        assert_eq!(
            (status, findings(&report)),
            (0, vec![]),
            "{kind:?}: {report}"
        );
        assert_eq!(report["files"][0]["notes"][0], "read from a `wget -S` log");
        // The real finding, where it stands in the log (the body starts on line 12).
        let (report, status) = check("wget-search-auth-failure.log", kind);
        assert_eq!(status, 1, "{kind:?}: {report}");
        assert_eq!(findings(&report), ["authentication-type 17:22"], "{kind:?}");
    }
}

#[test]
fn a_wget_log_with_a_redirect_checks_the_last_response() {
    let (report, status) = check("wget-redirect.log", &[]);
    assert_eq!(status, 1, "{report}");
    assert_eq!(
        report["files"][0]["notes"][0],
        "read from a `wget -S` log: wget followed 1 redirect; the last response is checked"
    );
    assert_eq!(findings(&report), ["authentication-type 26:22"]);
}

#[test]
fn an_http_error_wget_did_not_save_is_a_tool_error() {
    let (report, status) = check("wget-500-no-body.log", &["--input-kind", "http"]);
    assert_eq!(status, 2, "{report}");
    assert!(
        errors(&report)[0].contains("--content-on-error"),
        "{report}"
    );
    // Saved with `--content-on-error`: the HTML page of a 500 is read as such.
    let (report, status) = check("wget-500-content-on-error.log", &[]);
    assert_eq!(status, 0, "{report}");
    assert!(
        report["files"][0]["notes"][1]
            .as_str()
            .is_some_and(|n| n.contains("the 500 response carries an HTML page")),
        "{report}"
    );
}

#[test]
fn a_wget_log_with_progress_lines_in_the_body_is_refused() {
    // A 120 kB body: wget wrote its progress dots between the pieces of it.
    for kind in KINDS {
        let (report, status) = check("wget-progress-in-body.log", kind);
        assert_eq!(status, 2, "{kind:?}: {report}");
        assert!(
            errors(&report)[0].contains("progress lines are mixed into the body"),
            "{kind:?}: {report}"
        );
        assert!(findings(&report).is_empty(), "{kind:?}");
    }
}
