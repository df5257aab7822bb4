//! The binary, end to end: exit codes, formats, stdin, directories, rules files, docs.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/samples");

fn otalint() -> Command {
    let mut cmd = Command::cargo_bin("otalint").expect("binary builds");
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd
}

fn json(args: &[&str]) -> (Value, i32) {
    let out = otalint()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (v, out.status.code().expect("exit code"))
}

fn rules_of(v: &Value) -> BTreeSet<String> {
    v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_string())
        .collect()
}

const CLEAN: &str = "testdata/samples/hs2/conforming/cancel.xml";
const ERRORS: &str = "testdata/samples/hs2/broken/search-auth-failure.xml";
const WARNS: &str = "testdata/samples/hs2/broken/cancel-already-cancelled-warning.xml";

#[test]
fn conforming_samples_are_clean() {
    for dir in ["hs2/conforming", "hs1/conforming", "xx1/conforming"] {
        let (v, code) = json(&[&format!("{SAMPLES}/{dir}")]);
        assert_eq!(v["diagnostics"], Value::Array(vec![]), "{dir}");
        assert_eq!(code, 0);
        assert!(v["summary"]["files"].as_u64().expect("count") >= 3);
    }
}

#[test]
fn broken_samples_break_every_default_rule() {
    let (v, code) = json(&[SAMPLES]);
    assert_eq!(code, 1);
    let found = rules_of(&v);
    for rule in otalint::rules::RULES {
        // concur-ws samples are chosen by the repository's otalint.toml.
        if rule.level != otalint::Level::Off {
            assert!(found.contains(rule.name), "no sample breaks {}", rule.name);
        }
    }
    let with_findings: BTreeSet<_> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["path"].as_str().expect("path").to_string())
        .collect();
    for f in v["files"].as_array().expect("files") {
        let path = f["path"].as_str().expect("path");
        assert_eq!(
            path.contains("/broken/"),
            with_findings.contains(path),
            "{path}: broken samples have findings, conforming ones none"
        );
    }
}

#[test]
fn exit_status_follows_the_fail_level() {
    otalint().args(["check", CLEAN]).assert().code(0);
    otalint().args(["check", ERRORS]).assert().code(1);
    otalint().args(["check", WARNS]).assert().code(0);
    otalint()
        .args(["check", WARNS, "--fail-on", "warning"])
        .assert()
        .code(1);
    otalint()
        .args(["check", WARNS, "--ignore", "warnings", "--fail-on", "info"])
        .assert()
        .code(0);
}

#[test]
fn an_unreadable_path_is_an_error_and_the_run_goes_on() {
    let (v, code) = json(&["does/not/exist.xml", ERRORS]);
    assert_eq!(code, 2);
    assert_eq!(v["errors"][0]["path"], "does/not/exist.xml");
    assert!(
        rules_of(&v).contains("authentication-type"),
        "the other file was checked"
    );
    otalint()
        .args(["check", "does/not/exist.xml", CLEAN])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does/not/exist.xml"));
}

#[test]
fn json_positions_are_one_based_characters_and_byte_offsets() {
    let (v, _) = json(&[
        "testdata/rules/not-utf8/ok_utf8_with_bom_and_accents.xml",
        ERRORS,
    ]);
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "path",
        "rule",
        "level",
        "message",
        "help",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "length",
    ] {
        assert!(d.get(key).is_some(), "diagnostic has {key}");
    }
    let text = fs::read_to_string(ERRORS).expect("sample");
    let offset = d["offset"].as_u64().expect("offset") as usize;
    let length = d["length"].as_u64().expect("length") as usize;
    assert_eq!(&text[offset..offset + length], "4");
    let line = d["line"].as_u64().expect("line") as usize;
    let column = d["column"].as_u64().expect("column") as usize;
    let src_line = text.lines().nth(line - 1).expect("line exists");
    assert_eq!(src_line.chars().nth(column - 1), Some('4'));
    assert_eq!(d["level"], "error");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[1]["profile"], "hs2");
    assert!(
        files[1]["reason"]
            .as_str()
            .expect("reason")
            .contains("SOAP envelope")
    );
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = otalint()
        .args(["check", "-", "--format", "json"])
        .write_stdin(fs::read(ERRORS).expect("sample"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert_eq!(v["diagnostics"][0]["rule"], "authentication-type");
}

#[test]
fn directories_are_walked_for_the_chosen_extensions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested = dir.path().join("a/b");
    fs::create_dir_all(&nested).expect("mkdir");
    fs::copy(ERRORS, nested.join("one.xml")).expect("copy");
    fs::copy(ERRORS, nested.join("two.soap")).expect("copy");
    fs::write(dir.path().join("notes.txt"), "not xml").expect("write");
    let root = dir.path().to_str().expect("utf-8 path");
    let (v, _) = json(&[root]);
    assert_eq!(v["summary"]["files"], 1);
    let (v, _) = json(&[root, "--ext", "xml,soap"]);
    assert_eq!(v["summary"]["files"], 2);
    // A file named on the command line is checked whatever its extension.
    let (v, _) = json(&[nested.join("two.soap").to_str().expect("path")]);
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn no_path_checks_the_current_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(CLEAN, dir.path().join("cancel.xml")).expect("copy");
    let out = otalint()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["files"][0]["path"], "./cancel.xml");
}

#[test]
fn a_rules_file_adds_a_code_with_a_known_payload_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("mine.toml");
    fs::write(
        &rules,
        "profile = \"hs2\"\n\n[codes.777]\ntype = \"13\"\ndescription = \"Hotel closed\"\npayload = \"hotel-codes\"\n",
    )
    .expect("write");
    let response = dir.path().join("rs.xml");
    let sample = fs::read_to_string("testdata/samples/hs2/conforming/availability-sold-out.xml")
        .expect("sample")
        .replace("Code=\"322\"", "Code=\"777\"")
        .replace("HTL4444,HTL5555", "HTL4444, HTL5555");
    fs::write(&response, sample).expect("write");
    let response = response.to_str().expect("path");
    let (without, _) = json(&[response]);
    assert_eq!(
        rules_of(&without),
        BTreeSet::from(["code-not-for-type".to_string()])
    );
    let (with, _) = json(&[response, "--rules", rules.to_str().expect("path")]);
    assert_eq!(
        rules_of(&with),
        BTreeSet::from(["payload-format".to_string()])
    );
}

#[test]
fn a_bad_rules_file_points_at_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("bad.toml");
    fs::write(&rules, "profile = \"hs2\"\n\n[codes.777]\ntype = \"13\"\ndescription = \"x\"\npayload = \"hotel-code\"\n").expect("write");
    otalint()
        .args(["check", CLEAN, "--color", "never", "--rules"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:6:11"))
        .stderr(predicate::str::contains("unknown variant `hotel-code`"));
    fs::write(&rules, "[codes.1]\ndescription = \"x\"\n").expect("write");
    otalint()
        .args(["check", CLEAN, "--rules"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must name the profile"));
}

#[test]
fn unknown_rule_names_get_a_suggestion() {
    otalint()
        .args(["check", CLEAN, "--select", "payload-fromat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `payload-format`?"));
    otalint()
        .args(["explain", "mising-code"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `missing-code`?"));
}

#[test]
fn off_rules_run_when_selected() {
    let file = "testdata/rules/short-text-mismatch/bad_424_no_availability.xml";
    let (v, _) = json(&[file]);
    assert!(rules_of(&v).is_empty());
    let (v, _) = json(&[file, "--extend-select", "short-text-mismatch"]);
    assert_eq!(
        rules_of(&v),
        BTreeSet::from(["short-text-mismatch".to_string()])
    );
    let (v, _) = json(&[file, "--select", "payload"]);
    assert_eq!(
        rules_of(&v),
        BTreeSet::from(["short-text-mismatch".to_string()])
    );
}

#[test]
fn profile_and_edition_can_be_forced() {
    let bare = "testdata/rules/soap-envelope-missing/bad_bare_ota_forced_hs2.xml";
    let (v, _) = json(&[bare]);
    assert_eq!(v["files"][0]["profile"], "hs1");
    let (v, _) = json(&[bare, "--profile", "hs2"]);
    assert_eq!(v["files"][0]["profile"], "hs2");
    assert_eq!(v["files"][0]["reason"], "forced with --profile");
    assert!(rules_of(&v).contains("soap-envelope-missing"));
    let legacy = "testdata/samples/hs2/broken/search-legacy-short-text-payload.xml";
    let (v, _) = json(&[legacy, "--payload-location", "short-text"]);
    assert!(rules_of(&v).is_empty());
}

#[test]
fn human_output_names_file_position_rule_and_help() {
    otalint()
        .args(["check", ERRORS, "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("search-auth-failure.xml:7:22]"))
        .stdout(predicate::str::contains("authentication-type"))
        .stdout(predicate::str::contains(
            "help: \"For all authentication errors",
        ))
        .stdout(predicate::str::contains(
            "1 file: 1 error, 0 warnings, 0 infos",
        ))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    otalint()
        .args(["check", ERRORS, "--color", "always"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
    // Not a terminal: `auto` means no colour, with or without NO_COLOR.
    otalint()
        .args(["check", ERRORS])
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn explain_works_for_every_rule() {
    for rule in otalint::rules::RULES {
        otalint()
            .args(["explain", rule.name])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(format!("# {}", rule.name)))
            .stdout(predicate::str::contains("## Why it matters"));
    }
}

#[test]
fn the_readme_rule_table_is_current() {
    let out = otalint()
        .args(["rules", "--format", "markdown"])
        .output()
        .expect("runs");
    let table = String::from_utf8(out.stdout).expect("utf-8");
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    assert!(
        readme.contains(&table),
        "README.md's rule table is stale; replace it with `otalint rules --format markdown`:\n{table}"
    );
}

#[test]
fn rules_lists_every_rule() {
    let out = otalint()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v.as_array().expect("array").len(),
        otalint::rules::RULES.len()
    );
    otalint()
        .args(["rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("payload-format"));
}

#[test]
fn requests_beside_responses_are_paired_and_not_checked_alone() {
    let (v, _) = json(&[&format!("{SAMPLES}/hs2/conforming")]);
    let files = v["files"].as_array().expect("files");
    assert!(
        files
            .iter()
            .all(|f| !f["path"].as_str().expect("path").contains(".rq."))
    );
    let search = files
        .iter()
        .find(|f| f["path"].as_str().expect("path").ends_with("/search.xml"))
        .expect("search.xml was checked");
    assert!(
        search["request"]
            .as_str()
            .expect("paired")
            .ends_with("/search.rq.xml")
    );
    assert_eq!(search["notes"], Value::Array(vec![]));
    // A request named on its own, without its response, is checked like any file.
    let (v, _) = json(&[&format!("{SAMPLES}/hs2/conforming/search.rq.xml")]);
    assert!(rules_of(&v).contains("not-a-response"));
}

#[test]
fn request_flag_pairs_one_response() {
    let rs = "testdata/samples/hs2/broken/read-answered-with-cancel.xml";
    let read = "testdata/samples/hs2/broken/read-answered-with-cancel.rq.xml";
    let cancel = "testdata/samples/hs2/conforming/cancel.rq.xml";
    let (v, _) = json(&[rs, "--request", cancel]);
    assert!(rules_of(&v).is_empty(), "a cancel answers a cancel");
    let (v, _) = json(&[rs, "--request", read]);
    assert_eq!(
        rules_of(&v),
        BTreeSet::from(["response-mismatch".to_string()])
    );
    otalint()
        .args(["check", rs, CLEAN, "--request", read])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--request pairs one response"));
}

#[test]
fn pairing_that_is_not_possible_is_said() {
    let rs = "testdata/samples/hs2/broken/read-answered-with-cancel.xml";
    // A response given as the request.
    let (v, code) = json(&[rs, "--request", CLEAN]);
    assert_eq!(code, 0);
    let notes = v["files"][0]["notes"].as_array().expect("notes");
    assert!(
        notes[0]
            .as_str()
            .expect("note")
            .contains("holds no OTA request"),
        "{notes:?}"
    );
    assert_eq!(v["files"][0]["request"], Value::Null);
    otalint()
        .args(["check", rs, "--color", "never", "--request", CLEAN])
        .assert()
        .stdout(predicate::str::contains("note: pairing not possible"));
    // A request that cannot be read is an error; the response is still checked.
    let (v, code) = json(&[rs, "--request", "no/such/request.xml"]);
    assert_eq!(code, 2);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["errors"][0]["path"], "no/such/request.xml");
}

#[test]
fn one_run_checks_each_file_under_its_own_profile() {
    let (v, _) = json(&[SAMPLES]);
    let profile_of = |suffix: &str| {
        v["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["path"].as_str().expect("path").ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} was checked"))["profile"]
            .clone()
    };
    assert_eq!(profile_of("hs2/conforming/search.xml"), "hs2");
    assert_eq!(profile_of("hs1/conforming/search.xml"), "hs1");
    assert_eq!(profile_of("xx1/conforming/fare-search.xml"), "xx1");
    assert_eq!(profile_of("xx1/conforming/fare-search-soap.xml"), "xx1");
    assert_eq!(profile_of("xx1/conforming/rail-search-wrapped.xml"), "xx1");
}

#[test]
fn a_known_codes_list_names_its_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("codes.toml");
    fs::write(
        &rules,
        "profile = \"xx1\"\n[infogroup.known_codes]\ncodes = { XX01234 = \"Any\" }\n",
    )
    .expect("write");
    let sample = format!("{SAMPLES}/xx1/conforming/pnr-view-seed-example.xml");
    let (v, _) = json(&[&sample, "--rules", rules.to_str().expect("path")]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "normalized-code-format");
    assert!(d["message"].as_str().expect("message").contains("XX01004"));
    assert!(
        d["help"].as_str().expect("help").contains("codes.toml"),
        "{d}"
    );
}

const HAR: &str = "testdata/samples/captures/broken/session.har";

#[test]
fn a_har_checks_each_entry_under_its_own_profile() {
    let (v, code) = json(&[HAR]);
    assert_eq!(code, 1);
    let files = v["files"].as_array().expect("files");
    let profiles: Vec<_> = files
        .iter()
        .map(|f| f["profile"].as_str().expect("profile"))
        .collect();
    assert_eq!(profiles, ["hs2", "hs2", "hs2", "hs4", "hs4", "hs4"]);
    assert_eq!(files[1]["entry"], 1);
    assert_eq!(
        files[1]["request"], "the request of entry 2",
        "SOAP entries are paired"
    );
    let found: Vec<_> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["entry"].as_u64().expect("entry"),
                d["rule"].as_str().expect("rule"),
                d["body"].as_bool().expect("body"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (1, "slow-response", false),
            (1, "echo-token", true),
            (4, "auth-status", false),
            (5, "slow-response", false),
            // `{"hotels": []}` answers a search (the URL says so): not a SearchResponse.
            (5, "missing-required-content", true),
            (5, "unknown-field", true),
        ]
    );
    // An http finding points into the HAR file, at the entry's value.
    let d = &v["diagnostics"][2];
    let text = fs::read_to_string(HAR).expect("har");
    let offset = d["offset"].as_u64().expect("offset") as usize;
    assert_eq!(&text[offset..offset + 3], "403");
}

#[test]
fn every_input_kind_is_read_from_stdin() {
    for (file, rule) in [
        (
            "testdata/samples/captures/broken/auth-failure-401.http",
            "auth-status",
        ),
        (HAR, "echo-token"),
        (
            "testdata/rules/unsupported-ota-code/bad_322.json",
            "unsupported-ota-code",
        ),
        (ERRORS, "authentication-type"),
    ] {
        let out = otalint()
            .args(["check", "-", "--format", "json"])
            .write_stdin(fs::read(file).expect("sample"))
            .output()
            .expect("runs");
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert!(rules_of(&v).contains(rule), "{file}: {v}");
    }
}

#[test]
fn the_input_kind_can_be_forced() {
    // A JSON error body read as XML is not well-formed XML.
    let (v, _) = json(&[
        "testdata/rules/unsupported-ota-code/bad_322.json",
        "--input-kind",
        "xml",
    ]);
    assert!(rules_of(&v).contains("malformed-xml"));
}

#[test]
fn http_facts_can_be_given_for_a_bare_body() {
    let body = "testdata/samples/hs2/conforming/availability-sold-out.xml";
    let (v, _) = json(&[body]);
    assert!(rules_of(&v).is_empty());
    let (v, _) = json(&[
        body,
        "--status",
        "500",
        "--elapsed",
        "70s",
        "--header",
        "Content-Type: text/plain",
    ]);
    assert_eq!(
        rules_of(&v),
        BTreeSet::from([
            "application-error-status".to_string(),
            "content-type".to_string(),
            "slow-response".to_string()
        ])
    );
    otalint()
        .args(["check", body, "--header", "no colon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not `Name: value`"));
}

#[test]
fn broken_hars_are_clear_errors_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = fs::read_to_string(HAR).expect("har");
    let truncated = dir.path().join("truncated.har");
    fs::write(&truncated, &text[..text.len() / 2]).expect("write");
    let odd = dir.path().join("odd.har");
    fs::write(
        &odd,
        r#"{"log": {"version": "1.2", "entries": [42, {"response": {"status": 401, "headers": [], "content": {"mimeType": "text/xml", "text": ""}}}]}}"#,
    )
    .expect("write");
    let (v, code) = json(&[
        truncated.to_str().expect("path"),
        odd.to_str().expect("path"),
    ]);
    assert_eq!(code, 2);
    let errors: Vec<_> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["message"].as_str().expect("message").to_string())
        .collect();
    // Errors are sorted by path: odd.har, then truncated.har.
    assert_eq!(errors[0], "HAR entry 1 is not an object");
    assert!(
        errors[1].starts_with("not a valid HAR: EOF while parsing"),
        "{errors:?}"
    );
    assert!(errors[1].contains("line"), "{errors:?}");
    assert!(
        rules_of(&v).contains("auth-status"),
        "entry 2 was still checked"
    );
}

#[cfg(unix)]
#[test]
fn filesystem_faults_are_errors_naming_the_path_and_the_run_goes_on() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::copy(ERRORS, d.join("good.xml")).expect("copy");
    symlink(d.join("loop-b.xml"), d.join("loop-a.xml")).expect("symlink");
    symlink(d.join("loop-a.xml"), d.join("loop-b.xml")).expect("symlink");
    symlink(d.join("gone.xml"), d.join("dangling.xml")).expect("symlink");
    let fifo = d.join("pipe.xml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let root = d.to_str().expect("path");
    // The walk: every bad entry is named, the good file is still checked, nothing blocks.
    let (v, code) = json(&[root]);
    assert_eq!(code, 2);
    let errors: BTreeSet<_> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let path = e["path"].as_str().expect("path");
            path.rsplit('/').next().expect("name").to_string()
        })
        .collect();
    assert_eq!(
        errors,
        BTreeSet::from(["dangling.xml", "loop-a.xml", "loop-b.xml", "pipe.xml"].map(String::from))
    );
    assert!(
        rules_of(&v).contains("authentication-type"),
        "good.xml was checked"
    );
    // Named on the command line, the same.
    let (v, code) = json(&[
        fifo.to_str().expect("path"),
        d.join("loop-a.xml").to_str().expect("path"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(v["errors"].as_array().expect("errors").len(), 2);
    let fifo_error = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .find(|e| e["path"].as_str().is_some_and(|p| p.ends_with("pipe.xml")))
        .expect("the FIFO is named");
    assert!(
        fifo_error["message"]
            .as_str()
            .expect("message")
            .contains("not a regular file")
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    // Readable by the unprivileged user the check may run as.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let file = dir.path().join("secret.xml");
    fs::copy(CLEAN, &file).expect("copy");
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::copy(CLEAN, locked.join("inside.xml")).expect("copy");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).expect("chmod");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let path = dir.path().to_str().expect("path");
    let out = if fs::read(&file).is_ok() {
        // Root reads anything: run the check as `nobody`, for whom the permissions hold. CI
        // runs as root, so this is the branch it takes; it must never turn into a skip.
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("otalint"))
            .args(["check", "--no-config", "--format", "json", path])
            .output()
            .expect("setpriv (util-linux) runs the check as nobody")
    } else {
        otalint()
            .args(["check", "--no-config", "--format", "json", path])
            .output()
            .expect("runs")
    };
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let messages: Vec<_> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["path"].as_str().expect("path").to_string())
        .collect();
    assert!(
        messages.iter().any(|p| p.ends_with("secret.xml")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|p| p.ends_with("locked")),
        "{messages:?}"
    );
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Process, Stdio};
    // Far more output than a pipe holds (64 KiB), so writing must meet the closed pipe.
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..40 {
        let copy = dir.path().join(format!("copy{i:02}"));
        for entry in walkdir::WalkDir::new(SAMPLES).into_iter().flatten() {
            let to = copy.join(entry.path().strip_prefix(SAMPLES).expect("inside"));
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).expect("mkdir");
            } else {
                fs::copy(entry.path(), &to).expect("copy");
            }
        }
    }
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("otalint"))
        .args(["check", "--no-config", "--color", "always", "--exit-zero"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    // The reader is dropped here: `| head -1`.
    let out = child.wait_with_output().expect("exits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    // The same run to a file: well past a pipe's 64 KiB, or the test proves nothing.
    let full = otalint()
        .args(["check", "--no-config", "--color", "always", "--exit-zero"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(full.stdout.len() > 1 << 20, "{} bytes", full.stdout.len());
}

#[test]
fn otalint_never_writes_to_its_inputs() {
    fn snapshot(root: &Path) -> Vec<(String, u64, std::time::SystemTime, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.expect("walk");
            if entry.file_type().is_file() {
                let meta = entry.metadata().expect("metadata");
                out.push((
                    entry.path().display().to_string(),
                    meta.len(),
                    meta.modified().expect("mtime"),
                    fs::read(entry.path()).expect("read"),
                ));
            }
        }
        out
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("testdata");
    for entry in walkdir::WalkDir::new("testdata") {
        let entry = entry.expect("walk");
        let target = copy.join(entry.path().strip_prefix("testdata").expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let before = snapshot(&copy);
    assert!(before.len() > 200);
    let root = copy.to_str().expect("path");
    for format in ["human", "json"] {
        otalint()
            .args(["check", root, "--format", format])
            .assert()
            .code(predicate::in_iter([1, 2]));
    }
    let sample = copy.join("samples/hs2/conforming/search.xml");
    otalint()
        .arg("check")
        .arg(&sample)
        .arg("--request")
        .arg(copy.join("samples/hs2/conforming/search.rq.xml"))
        .assert()
        .code(0);
    assert!(before == snapshot(&copy), "an input file changed");
}

#[test]
fn completions_and_man_pages_come_from_the_command_line_definition() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = otalint()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(
            script.contains("otalint") && script.contains("payload-location"),
            "{shell}"
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bash = dir.path().join("otalint.bash");
    fs::write(
        &bash,
        otalint()
            .args(["completions", "bash"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("write");
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&bash)
        .status()
        .expect("bash runs");
    assert!(syntax.success(), "the bash completion script parses");
    let page = otalint().args(["man"]).output().expect("runs");
    let page = String::from_utf8(page.stdout).expect("UTF-8");
    assert!(
        page.starts_with(".ie") && page.contains(".TH otalint 1"),
        "{page}"
    );
    let check = otalint().args(["man", "check"]).output().expect("runs");
    let check = String::from_utf8(check.stdout).expect("UTF-8");
    assert!(check.contains(".TH otalint-check 1") && check.contains("max\\-decoded\\-size"));
    otalint().args(["man", "nope"]).assert().code(2);
}

#[test]
fn now_is_the_time_of_answers_that_state_none() {
    // A deadline stated with an offset, past at 07:00 UTC the next day; the file says no time.
    let file = "testdata/rules/cancel-deadline/bad_hs2_past_at_now.xml";
    let (v, code) = json(&[file]);
    assert!(
        !rules_of(&v).contains("cancel-deadline"),
        "no time, no guess"
    );
    assert_eq!(code, 0);
    let (v, _) = json(&[file, "--now", "2027-02-19T07:00:00Z"]);
    assert!(rules_of(&v).contains("cancel-deadline"), "{v}");
    let (v, _) = json(&[file, "--now", "2027-02-18T07:00:00Z"]);
    assert!(!rules_of(&v).contains("cancel-deadline"), "not yet past");
    otalint()
        .args(["check", file, "--now", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("RFC 3339"));
}

#[test]
fn a_closed_pipe_never_turns_findings_into_success() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // `check … --format sarif | head -1`: the reader takes one line and closes the pipe.
    // Some 400 kB of SARIF do not fit in a pipe's buffer, so otalint meets the closed pipe.
    for format in ["sarif", "human"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("otalint"))
            .args(["check", SAMPLES, "testdata/rules", "--format", format])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a line");
        // The reader is dropped here: the pipe is closed.
        assert!(!first.is_empty(), "{format}");
        let status = child.wait().expect("exits");
        assert_eq!(status.code(), Some(1), "{format}: findings were reported");
    }
}

#[test]
fn a_misspelt_required_hs4_field_is_one_finding_at_error_level() {
    // `hotelPropertys`: an unknown field and a missing required one, one cause.
    let dir = tempfile::tempdir().expect("tempdir");
    let search = fs::read_to_string(format!("{SAMPLES}/hs4/conforming/search.json")).expect("read");
    let typo = dir.path().join("search.json");
    fs::write(
        &typo,
        search.replace("\"hotelProperties\"", "\"hotelPropertys\""),
    )
    .expect("write");
    fs::copy(
        format!("{SAMPLES}/hs4/conforming/search.rq.json"),
        dir.path().join("search.rq.json"),
    )
    .expect("the request, which names the operation");
    let typo = typo.display().to_string();
    let (v, code) = json(&[&typo, "--fail-on", "error"]);
    let found: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().expect("rule"),
                d["level"].as_str().expect("level"),
            )
        })
        .collect();
    assert_eq!(found, [("unknown-field", "error")], "{v}");
    assert_eq!(
        code, 1,
        "--fail-on error fails a response Concur's schema rejects"
    );
    // An unknown field that is no misspelling of a required one stays a warning at most.
    let (v, _) = json(&["testdata/rules/unknown-field/ok_declared_fields.json"]);
    assert_eq!(v["diagnostics"], Value::Array(vec![]));
}

#[test]
fn white_space_around_a_whole_payload_is_an_info_and_between_items_an_error() {
    let dir = "testdata/rules/payload-format";
    let level = |file: &str| {
        let (v, code) = json(&[&format!("{dir}/{file}"), "--fail-on", "warning"]);
        let d = &v["diagnostics"][0];
        (
            d["level"].as_str().expect("level").to_string(),
            d["help"].as_str().expect("help").to_string(),
            code,
        )
    };
    let (at, help, code) = level("bad_424_pretty_printed.xml");
    assert_eq!((at.as_str(), code), ("info", 0));
    assert!(
        help.starts_with("Concur's documents show none; trim it to be safe"),
        "{help}"
    );
    let (at, _, code) = level("bad_424_pretty_printed_space_inside.xml");
    assert_eq!((at.as_str(), code), ("error", 1));
}
