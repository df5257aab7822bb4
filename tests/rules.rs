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
//! The findings of every rule (the fixture's own rule included even when it is off by
//! default) must be exactly the expected ones. A `bad_` fixture must expect its directory's
//! rule at least once, an `ok_` fixture never.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use otalint::diagnostic::LineIndex;
use otalint::rules::{LintOptions, RULES, RuleSet};
use otalint::{Linter, PayloadLocation, Profile, ProfileSet};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/rules");

struct Fixture {
    path: PathBuf,
    rule: String,
    bytes: Vec<u8>,
    directive: Vec<String>,
    expected: BTreeSet<String>,
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
            .collect();
        files.sort();
        for path in files {
            let bytes = fs::read(&path).expect("readable fixture");
            let sidecar = PathBuf::from(format!("{}.expect", path.display()));
            let notes = if sidecar.exists() {
                fs::read_to_string(&sidecar).expect("readable sidecar")
            } else {
                comments(&String::from_utf8_lossy(&bytes))
            };
            let mut directive = Vec::new();
            let mut expected = BTreeSet::new();
            for line in notes.lines() {
                if let Some(d) = line.trim().strip_prefix("otalint:") {
                    // `key=value` pairs: `--` may not appear inside an XML comment.
                    directive.extend(d.split_whitespace().map(str::to_string));
                } else if let Some(e) = line.trim().strip_prefix("expect:") {
                    expected.insert(e.trim().to_string());
                }
            }
            out.push(Fixture {
                path,
                rule: rule.clone(),
                bytes,
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
    let mut linter = Linter::new(ProfileSet::builtin().expect("built-in data"));
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
            other => panic!("{}: unknown directive {other}", fixture.path.display()),
        }
    }
    select.push(fixture.rule.clone());
    linter.rules = RuleSet::from_selection(&[], &select, &[]).expect("known rules");
    linter.options = options;
    linter
}

fn findings(fixture: &Fixture) -> BTreeSet<String> {
    let checked = linter(fixture).check(&fixture.bytes);
    let index = LineIndex::new(&checked.text);
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let p = index.position(d.span.start);
            format!("{} {}:{}", d.rule, p.line, p.column)
        })
        .collect()
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

/// The `## Example` of every rule's docs makes the rule fire; the `## Fix` does not.
#[test]
fn docs_examples_are_true() {
    for rule in RULES {
        let docs = rule.docs();
        let block = |heading: &str| -> Option<String> {
            let after = &docs[docs.find(heading)?..];
            let start = after.find("```xml\n")? + 7;
            let end = after[start..].find("```")?;
            Some(after[start..start + end].to_string())
        };
        let linter = {
            let mut l = Linter::new(ProfileSet::builtin().expect("built-in data"));
            l.rules = RuleSet::from_selection(&[], &[rule.name.to_string()], &[]).expect("known");
            l.forced = Some(rule.profiles[0]);
            l
        };
        let fires = |xml: &str| {
            linter
                .check(xml.as_bytes())
                .diagnostics
                .iter()
                .any(|d| d.rule == rule.name)
        };
        let example = block("## Example").unwrap_or_else(|| panic!("{}: no example", rule.name));
        assert!(
            fires(&example),
            "{}: the example does not trigger the rule",
            rule.name
        );
        let fix = block("## Fix").unwrap_or_else(|| panic!("{}: no fixed example", rule.name));
        assert!(
            !fires(&fix),
            "{}: the fixed example still triggers the rule",
            rule.name
        );
    }
}

#[test]
fn fixture_spans_point_into_the_file() {
    for f in fixtures() {
        let checked = linter(&f).check(&f.bytes);
        for d in &checked.diagnostics {
            assert!(
                d.span.end <= checked.text.len(),
                "{}",
                Path::display(&f.path)
            );
            assert!(
                checked.text.is_char_boundary(d.span.start),
                "{}",
                f.path.display()
            );
        }
    }
}
