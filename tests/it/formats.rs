//! Every output format end to end against the binary.

use std::collections::BTreeSet;
use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/samples");
const HAR: &str = "testdata/samples/captures/broken/session.har";
const GEO: &str = "testdata/samples/hs2/broken/search-geo-spaces.xml";

fn otalint() -> Command {
    let mut cmd = Command::cargo_bin("otalint").expect("binary builds");
    cmd.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100");
    cmd
}

fn run(args: &[&str]) -> (String, i32) {
    let out = otalint().arg("check").args(args).output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code().expect("exit code"),
    )
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string("testdata/schemas/sarif-2.1.0.json").expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::draft4::new(&schema).expect("a valid schema");
    let (out, code) = run(&[SAMPLES, "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let errors: Vec<_> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), otalint::rules::RULES.len());
    assert!(
        rules[0]["help"]["text"]
            .as_str()
            .expect("help")
            .contains("## Why it matters")
    );
    let results = run0["results"].as_array().expect("results");
    assert!(results.len() > 40);
    let geo = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("search-geo-spaces.xml"))
        })
        .expect("the geo sample");
    assert_eq!(geo["ruleId"], "payload-format");
    assert_eq!(geo["level"], "error");
    let region = &geo["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(7), Some(74))
    );
    let index = geo["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "payload-format");
}

#[test]
fn junit_parses_as_xml_with_a_test_case_per_file() {
    let (out, _) = run(&[&format!("{SAMPLES}/captures"), "--format", "junit"]);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a suite");
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(
        cases.len().to_string(),
        suite.attribute("tests").expect("tests")
    );
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(
        failures.to_string(),
        suite.attribute("failures").expect("failures")
    );
    assert!(cases.iter().any(|c| {
        c.attribute("name")
            .is_some_and(|n| n.contains("entry 2: POST"))
    }));
}

#[test]
fn gitlab_fingerprints_are_unique_and_stable() {
    let (first, _) = run(&[SAMPLES, "--format", "gitlab"]);
    let (second, _) = run(&[SAMPLES, "--format", "gitlab", "--threads", "1"]);
    assert_eq!(first, second, "same report on any number of threads");
    let issues: Vec<Value> = serde_json::from_str(&first).expect("JSON array");
    assert!(issues.len() > 40);
    let prints: BTreeSet<_> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    for i in &issues {
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().expect("severity"))
        );
        assert!(i["location"]["lines"]["begin"].as_u64().expect("line") >= 1);
    }
}

#[test]
fn concise_prints_one_line_per_finding() {
    let (out, code) = run(&[GEO, HAR, "--format", "concise"]);
    assert_eq!(code, 1);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(
        lines[0],
        "testdata/samples/hs2/broken/search-geo-spaces.xml:7:74: error[payload-format] code 424 payload: whitespace before longitude `\" -122.33207\"`; and 3 more: whitespace before radius `\" 5\"`; whitespace before unit of measure code `\" km\"`; unit of measure code `km` is not one of 1, 2 (OTA UOM: 1 miles, 2 kilometers)"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{HAR}:5:81: (body of entry 2) error[echo-token]")))
    );
    assert_eq!(lines.last(), Some(&"7 files: 5 errors, 1 warning, 1 info"));
}

#[test]
fn github_annotations_are_workflow_commands_and_the_default_under_actions() {
    let out = otalint()
        .args(["check", GEO, HAR])
        .env("GITHUB_ACTIONS", "true")
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.starts_with(
        "::error file=testdata/samples/hs2/broken/search-geo-spaces.xml,line=7,endLine=7,col=74,endColumn=75,title=payload-format::"
    ), "{text}");
    assert!(
        text.contains(
            "::error file=testdata/samples/captures/broken/session.har,title=echo-token::"
        )
    );
    // An explicit --format wins over the environment.
    let out = otalint()
        .args(["check", GEO, "--format", "json"])
        .env("GITHUB_ACTIONS", "true")
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with('{'));
}

#[test]
fn github_says_how_many_annotations_it_hides() {
    let (out, _) = run(&[SAMPLES, "--format", "github"]);
    assert!(
        out.contains("GitHub shows the first 10 error and 10 warning annotations of a step"),
        "{out}"
    );
}

#[test]
fn several_formats_go_to_their_own_files_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif = dir.path().join("otalint.sarif");
    let junit = dir.path().join("junit.xml");
    let out = otalint()
        .args(["check", GEO, "--format", "sarif", "--output"])
        .arg(&sarif)
        .args(["--format", "junit", "--output"])
        .arg(&junit)
        .args(["--format", "concise"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[payload-format]"));
    let log: Value =
        serde_json::from_str(&fs::read_to_string(&sarif).expect("sarif")).expect("JSON");
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "payload-format");
    roxmltree::Document::parse(&fs::read_to_string(&junit).expect("junit")).expect("XML");
    otalint()
        .args(["check", GEO, "--format", "json", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 formats would go to stdout"));
}

#[test]
fn exit_flags() {
    let warn = "testdata/samples/hs2/broken/cancel-already-cancelled-warning.xml";
    assert_eq!(run(&[GEO, "--exit-zero"]).1, 0);
    assert_eq!(run(&[warn]).1, 0);
    assert_eq!(run(&[warn, "--max-warnings", "0"]).1, 1);
    assert_eq!(run(&[warn, "--max-warnings", "1"]).1, 0);
    assert_eq!(
        run(&["no/such.xml", "--exit-zero"]).1,
        2,
        "errors are not findings"
    );
}

#[test]
fn quiet_and_statistics() {
    let (out, _) = run(&[GEO, "--quiet", "--color", "never"]);
    assert!(out.contains("payload-format"));
    assert!(!out.contains("1 file:"), "no summary");
    assert!(!out.contains("(root element"), "no file header");
    let (out, _) = run(&[SAMPLES, "--statistics"]);
    let line = out
        .lines()
        .find(|l| l.contains("payload-format"))
        .expect("a row");
    let count: usize = line
        .split_whitespace()
        .next()
        .expect("count")
        .parse()
        .expect("number");
    assert!(count >= 2);
    assert!(!out.contains("help:"), "statistics replace the findings");
}

#[test]
fn each_output_belongs_to_the_format_before_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif = dir.path().join("otalint.sarif");
    let out = otalint()
        .args([
            "check", GEO, "--format", "github", "--format", "sarif", "--output",
        ])
        .arg(&sarif)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("::error file="));
    let log: Value =
        serde_json::from_str(&fs::read_to_string(&sarif).expect("sarif")).expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    otalint()
        .args(["check", GEO, "--output", "x.json", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("comes before any --format"));
}
