//! What a directory walk does with files that are not whole responses: requests are used for
//! pairing and otherwise skipped and counted (named alone, they get one `not-a-response`);
//! OTA error content kept alone (`Errors`, `Warnings`, `Error`) is checked as a fragment.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/samples");

/// `otalint check ARGS --format json` in `dir`: the report, the exit status and stderr.
fn run(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = Command::cargo_bin("otalint")
        .expect("binary builds")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    (report, out.status.code().expect("exit code"), stderr)
}

fn rules(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_string())
        .collect()
}

/// A supplier's fixtures: HS2 and HS4 requests beside responses, one request unanswered.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    fs::create_dir(root.join(".git")).expect("git");
    for (from, to) in [
        ("hs4/conforming/cancel.json", "cancel-ok.json"),
        ("hs4/conforming/cancel.rq.json", "cancel-ok.rq.json"),
        ("hs4/conforming/read.rq.json", "read-only.rq.json"),
        ("hs2/conforming/cancel.xml", "hs2/cancel.xml"),
    ] {
        let target = root.join(to);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::copy(Path::new(SAMPLES).join(from), target).expect("copy");
    }
    fs::write(
        root.join("hs2/OTA_HotelSearchRQ.xml"),
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <OTA_HotelSearchRQ xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"1\"/>\
         </soap:Body></soap:Envelope>\n",
    )
    .expect("request");
    dir
}

#[test]
fn requests_in_a_walk_are_paired_or_skipped_and_counted() {
    let dir = fixtures();
    let (report, status, _) = run(dir.path(), &[".", "--fail-on", "warning"]);
    assert_eq!(rules(&report), Vec::<String>::new(), "{report}");
    assert_eq!(status, 0, "a normal repository passes --fail-on warning");
    assert_eq!(report["summary"]["files"], 2, "{report}");
    // The human summary counts them; -v names each one and why.
    let out = Command::cargo_bin("otalint")
        .expect("binary builds")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", ".", "-v"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("2 files: 0 errors, 0 warnings, 0 infos; 3 requests (paired or skipped)"),
        "{stdout}"
    );
    for said in [
        "cancel-ok.rq.json: the request of ./cancel-ok.json",
        "read-only.rq.json: not checked alone: the body has the fields of CancelCriteria or ReadCriteria, the HS4 cancel or read request",
        "OTA_HotelSearchRQ.xml: not checked alone: `OTA_HotelSearchRQ` is a request",
    ] {
        assert!(stderr.contains(said), "{said}\n{stderr}");
    }
}

#[test]
fn a_request_named_alone_gets_one_finding_and_no_response_rule() {
    let dir = fixtures();
    // Judged as a response, the cancel request got `missing-confirmation-code`.
    for (file, message) in [
        (
            "cancel-ok.rq.json",
            "this body is an HS4 cancel or read request (CancelCriteria or ReadCriteria); otalint checks responses",
        ),
        (
            "hs2/OTA_HotelSearchRQ.xml",
            "`OTA_HotelSearchRQ` is a request; otalint checks responses",
        ),
    ] {
        let (report, status, _) = run(dir.path(), &[file]);
        assert_eq!(rules(&report), ["not-a-response"], "{file}: {report}");
        assert_eq!(report["diagnostics"][0]["message"], message);
        assert_eq!(status, 0, "{file}: a warning");
        assert!(
            report["files"][0]["notes"]
                .as_array()
                .expect("notes")
                .iter()
                .all(|n| !n.as_str().unwrap_or("").starts_with("operation"))
        );
    }
}

#[test]
fn error_content_kept_alone_is_checked_as_a_fragment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    fs::create_dir(root.join(".git")).expect("git");
    // As Concur's own docs show it: typographic quotes around an attribute value.
    fs::write(
        root.join("errors-template.xml"),
        "<Errors>\n    <Error Type=\u{201d}13\u{201d} Code=\"424\" ShortText=\"50.111,40.222,5,2\" />\n</Errors>\n",
    )
    .expect("write");
    fs::write(
        root.join("error-424.xml"),
        "<Error Type=\"13\" Code=\"424\">50.111,40.222,5,2</Error>\n",
    )
    .expect("write");
    fs::write(
        root.join("warnings.xml"),
        "<Warnings><Warning Type=\"3\" Code=\"15\">x</Warning></Warnings>\n",
    )
    .expect("write");
    let (report, status, _) = run(root, &["."]);
    assert_eq!(status, 1, "{report}");
    assert_eq!(report["summary"]["skipped"], 0, "{report}");
    let mut found: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["path"].as_str().expect("path"),
                d["rule"].as_str().expect("rule")
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "./error-424.xml missing-short-text",
            "./errors-template.xml malformed-xml",
            "./warnings.xml warnings-ignored",
        ]
    );
    let reasons: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["reason"].as_str().expect("reason"))
        .collect();
    assert!(
        reasons.contains(
            &"root element `Error` is an OTA Error: checked as a fragment of an hs2 response"
        ),
        "{reasons:?}"
    );
}
