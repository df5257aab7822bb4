//! Runs every fixture under `testdata/rules/<rule>/`.
//!
//! A fixture states what otalint must report, in comments at its end or in a sidecar file
//! `<fixture>.expect` (for files that cannot hold a comment):
//!
//! ```text
//! <!-- otalint: profile=hs2 payload-location=short-text -->
//! <!-- expect: payload-format 7:52 -->
//! ```
//!
//! A file `NAME.rq.xml` beside a fixture `NAME.xml` is the request paired with it, as the CLI
//! pairs them. Fixtures are read as the CLI reads files: XML or JSON bodies, raw HTTP
//! responses (`.http`), HAR captures (`.har`). An expectation is `rule line:col` in the file,
//! `rule body line:col` in a decoded (chunked or gzip) body, with `entry=N` first for a HAR
//! entry's finding; `error: text` expects a unit that could not be checked. The findings of every rule (the fixture's own rule included even when it is
//! off by default) must be exactly the expected ones. A `bad_` fixture must expect its directory's
//! rule at least once, an `ok_` fixture never.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use otalint::input::HttpFacts;
use otalint::profile::UserRules;
use otalint::rules::{LintOptions, RULES, RuleSet};
use otalint::{Linter, PayloadLocation, Profile, ProfileSet};

mod common;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/rules");

struct Fixture {
    path: PathBuf,
    rule: String,
    bytes: Vec<u8>,
    request: Option<Vec<u8>>,
    directive: Vec<String>,
    /// Sorted; the same finding twice at one place is expected twice.
    expected: Vec<String>,
}

fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(ROOT)
        .expect("testdata/rules exists")
        .map(|e| e.expect("readable").path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let rule = dir.file_name().expect("name").to_string_lossy().to_string();
        let mut files: Vec<_> = fs::read_dir(&dir)
            .expect("readable")
            .map(|e| e.expect("readable").path())
            .filter(|p| p.extension().is_some_and(|e| e != "expect"))
            .filter(|p| !p.to_string_lossy().contains(".rq."))
            .filter(|p| p.extension().is_some_and(|e| e != "toml"))
            .collect();
        files.sort();
        for path in files {
            let bytes = fs::read(&path).expect("readable fixture");
            let request = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|stem| fs::read(path.with_file_name(format!("{stem}.rq.xml"))).ok());
            let sidecar = PathBuf::from(format!("{}.expect", path.display()));
            let notes = if sidecar.exists() {
                fs::read_to_string(&sidecar).expect("readable sidecar")
            } else {
                comments(&String::from_utf8_lossy(&bytes))
            };
            let mut directive = Vec::new();
            let mut expected = Vec::new();
            for line in notes.lines() {
                if let Some(d) = line.trim().strip_prefix("otalint:") {
                    // `key=value` pairs: `--` may not appear inside an XML comment.
                    directive.extend(d.split_whitespace().map(str::to_string));
                } else if let Some(e) = line.trim().strip_prefix("expect:") {
                    expected.push(e.trim().to_string());
                }
            }
            expected.sort();
            out.push(Fixture {
                path,
                rule: rule.clone(),
                bytes,
                request,
                directive,
                expected,
            });
        }
    }
    out
}

/// The bodies of `<!-- otalint: … -->` and `<!-- expect: … -->` comments, one per line.
fn comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        let body = &rest[start + 4..];
        let Some(end) = body.find("-->") else { break };
        let c = body[..end].trim();
        if c.starts_with("expect:") || c.starts_with("otalint:") {
            out.push_str(c);
            out.push('\n');
        }
        rest = &body[end + 3..];
    }
    out
}

fn linter(fixture: &Fixture) -> Linter {
    // `rules=FILE` layers a rules file from the fixture's directory.
    let user: Vec<_> = fixture
        .directive
        .iter()
        .filter_map(|d| d.strip_prefix("rules="))
        .map(|name| {
            let path = fixture.path.with_file_name(name);
            UserRules {
                text: fs::read_to_string(&path).expect("rules file beside the fixture"),
                path: path.display().to_string(),
            }
        })
        .collect();
    let mut linter = Linter::new(ProfileSet::load(&user).expect("valid rules files"));
    let mut options = LintOptions::default();
    let mut select = Vec::new();
    for pair in &fixture.directive {
        let (flag, value) = pair.split_once('=').expect("directives are key=value");
        let value = value.to_string();
        match flag {
            "profile" => {
                linter.forced = Some(match value.as_str() {
                    "hs2" => Profile::Hs2,
                    "hs1" => Profile::Hs1,
                    "xx1" => Profile::Xx1,
                    "hs4" => Profile::Hs4,
                    "concur-ws" => Profile::ConcurWs,
                    other => panic!("unknown profile {other}"),
                })
            }
            "payload-location" => {
                options.payload_location = match value.as_str() {
                    "content" => PayloadLocation::Content,
                    "short-text" => PayloadLocation::ShortText,
                    other => panic!("unknown location {other}"),
                }
            }
            "extend-select" => select.push(value),
            "rules" => {}
            "status" => {
                let http = linter.http.get_or_insert_with(HttpFacts::default);
                http.status = Some(value.parse().expect("a status"));
            }
            "elapsed" => {
                let http = linter.http.get_or_insert_with(HttpFacts::default);
                http.elapsed = Some(value.parse().expect("seconds"));
            }
            other => panic!("{}: unknown directive {other}", fixture.path.display()),
        }
    }
    select.push(fixture.rule.clone());
    linter.rules = RuleSet::from_selection(&[], &select, &[]).expect("known rules");
    linter.options = options;
    linter
}

fn findings(fixture: &Fixture) -> Vec<String> {
    let request = fixture.request.as_deref().map(|r| ("request", r));
    let file = linter(fixture).check_file(&fixture.bytes, request);
    if request.is_some() {
        for unit in file.units.iter().flatten() {
            assert!(
                unit.checked.paired,
                "{}: {:?}",
                fixture.path.display(),
                unit.checked.notes
            );
        }
    }
    common::outcome(&file, false)
}

#[test]
fn every_fixture_reports_exactly_what_it_expects() {
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() > 60, "fixtures were found ({})", all.len());
    for f in &all {
        let name = f.path.file_name().expect("name").to_string_lossy();
        let own = |e: &String| e.split(' ').next() == Some(f.rule.as_str());
        if name.starts_with("bad_") && !f.expected.iter().any(own) {
            failures.push(format!(
                "{}: a bad_ fixture must expect {}",
                f.path.display(),
                f.rule
            ));
        }
        if name.starts_with("ok_") && f.expected.iter().any(own) {
            failures.push(format!(
                "{}: an ok_ fixture must not expect {}",
                f.path.display(),
                f.rule
            ));
        }
        let actual = findings(f);
        if actual != f.expected {
            failures.push(format!(
                "{}\n    expected: {:?}\n    actual:   {:?}",
                f.path.display(),
                f.expected,
                actual
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_rule_has_bad_and_ok_fixtures() {
    let all = fixtures();
    let mut missing = Vec::new();
    for rule in RULES {
        for prefix in ["bad_", "ok_"] {
            let found = all.iter().any(|f| {
                f.rule == rule.name
                    && f.path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            });
            if !found {
                missing.push(format!("{} has no {prefix} fixture", rule.name));
            }
        }
    }
    let dirs: BTreeSet<_> = all.iter().map(|f| f.rule.clone()).collect();
    for dir in dirs {
        if !RULES.iter().any(|r| r.name == dir) {
            missing.push(format!("testdata/rules/{dir} names no rule"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// The `## Example` of every rule's docs makes the rule fire; the `## Fix` does not. The
/// first ```` ```xml ````, ```` ```http ```` or ```` ```json ```` block under each heading is
/// checked as a file (a raw HTTP response, a HAR or a JSON body are read as such). A
/// ```` ```xml-request ```` block is the request paired with both, and a comment
/// `<!-- ... N bytes of content ... -->` stands for that much content.
#[test]
fn docs_examples_are_true() {
    for rule in RULES {
        let docs = rule.docs();
        let block = |heading: &str, tags: &[&str]| -> Option<String> {
            let after = &docs[docs.find(heading)?..];
            let (start, _) = tags
                .iter()
                .filter_map(|t| {
                    let open = format!("```{t}\n");
                    after.find(&open).map(|at| (at + open.len(), t))
                })
                .min()?;
            let end = after[start..].find("```")?;
            Some(expand(&after[start..start + end]))
        };
        let request = block("## Example", &["xml-request"]);
        let linter = {
            let mut l = Linter::new(ProfileSet::load(&[]).expect("built-in data"));
            l.rules = RuleSet::from_selection(&[], &[rule.name.to_string()], &[]).expect("known");
            if rule.profiles.len() == 1 || rule.profiles[0] != Profile::Hs2 {
                l.forced = Some(rule.profiles[0]);
            }
            l
        };
        let fires = |example: &str| {
            let pair = request.as_deref().map(|r| ("request", r.as_bytes()));
            // A raw HTTP example ends its head with a blank line.
            let bytes = if example.starts_with("HTTP/") {
                example.replacen("\n\n", "\r\n\r\n", 1).into_bytes()
            } else {
                example.as_bytes().to_vec()
            };
            linter
                .check_file(&bytes, pair)
                .units
                .iter()
                .flatten()
                .any(|u| u.checked.diagnostics.iter().any(|d| d.rule == rule.name))
        };
        let tags = ["xml", "http", "json"];
        let example =
            block("## Example", &tags).unwrap_or_else(|| panic!("{}: no example", rule.name));
        assert!(
            fires(&example),
            "{}: the example does not trigger the rule",
            rule.name
        );
        let fix =
            block("## Fix", &tags).unwrap_or_else(|| panic!("{}: no fixed example", rule.name));
        assert!(
            !fires(&fix),
            "{}: the fixed example still triggers the rule",
            rule.name
        );
    }
}

/// Expands `<!-- ... 160,000 bytes of content ... -->` into a comment of that many bytes.
fn expand(example: &str) -> String {
    let Some(start) = example.find("<!-- ... ") else {
        return example.to_string();
    };
    let rest = &example[start + 9..];
    let Some(end) = rest.find(" bytes of content ... -->") else {
        return example.to_string();
    };
    let size: usize = rest[..end].replace(',', "").parse().expect("a byte count");
    let filler = format!("<!--{}-->", "x".repeat(size.saturating_sub(7)));
    let after = &rest[end + " bytes of content ... -->".len()..];
    format!("{}{filler}{after}", &example[..start])
}

#[test]
fn fixture_spans_point_into_the_file() {
    for f in fixtures() {
        let request = f.request.as_deref().map(|r| ("request", r));
        let file = linter(&f).check_file(&f.bytes, request);
        common::assert_spans_valid(&file, &f.path.display().to_string());
    }
}
