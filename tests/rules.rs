//! Runs every fixture under `testdata/rules/<rule>/` as its own test, named
//! `<rule_module>::<file>` (`cargo test payload_format` runs that rule's fixtures,
//! `cargo test payload_format::bad_424` one of them), and checks every rule's docs.
//!
//! A fixture states what otalint must report, in comments at its end or in a sidecar file
//! `<fixture>.expect` (for files that cannot hold a comment):
//!
//! ```text
//! <!-- otalint: profile=hs2 payload-location=short-text -->
//! <!-- expect: payload-format 7:52-7:55 -->
//! ```
//!
//! A file `NAME.rq.xml` (`NAME.rq.json`) beside a fixture `NAME.xml` (`NAME.json`) is the request
//! paired with it, as the CLI
//! pairs them. Fixtures are read as the CLI reads files: XML or JSON bodies, raw HTTP
//! responses (`.http`), HAR captures (`.har`). An expectation is `rule START-END` with
//! positions `line:col` in the file, `rule body START-END` in a decoded (chunked or gzip)
//! body, with `entry=N` first for a HAR entry's finding; `error: text` expects a unit that
//! could not be checked. The end may be left out except in `bad_` fixtures, which must state
//! it: a span that grows to the whole element then fails. The findings of every default rule
//! (the fixture's own rule included even when it is off by default) must be exactly the
//! expected ones, so a new default rule can turn another rule's fixture red.
//!
//! `OTALINT_BLESS=1 cargo test --test rules` writes the actual span ends into expectations
//! whose starts match, for review in the diff.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use libtest_mimic::{Arguments, Failed, Trial};
use otalint::input::HttpFacts;
use otalint::profile::UserRules;
use otalint::rules::{LintOptions, RULES, RuleSet};
use otalint::{Linter, PayloadLocation, Profile, ProfileSet};

#[path = "it/common/mod.rs"]
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
    /// Where the expectations are written: the fixture itself or its sidecar.
    notes_file: PathBuf,
}

fn main() {
    let args = Arguments::from_args();
    let all = fixtures();
    let mut trials = vec![
        Trial::test("fixtures::every_rule_has_bad_and_ok_fixtures", {
            let names: Vec<(String, String)> =
                all.iter().map(|f| (f.rule.clone(), file_name(f))).collect();
            move || every_rule_has_bad_and_ok_fixtures(&names)
        }),
        Trial::test("fixtures::were_found", {
            let n = all.len();
            move || {
                (n > 60)
                    .then_some(())
                    .ok_or_else(|| format!("only {n} fixtures found").into())
            }
        }),
    ];
    for rule in RULES {
        trials.push(Trial::test(
            format!("docs::{}", module(rule.name)),
            move || docs_examples_are_true(rule),
        ));
    }
    for fixture in all {
        let name = format!("{}::{}", module(&fixture.rule), file_name(&fixture));
        trials.push(Trial::test(name, move || check_fixture(&fixture)));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// A rule name as its module (`payload-format` → `payload_format`), as `cargo test` filters.
fn module(rule: &str) -> String {
    rule.replace('-', "_")
}

fn file_name(f: &Fixture) -> String {
    f.path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
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
            .filter(|p| p.extension().is_some_and(|e| e != "expect" && e != "toml"))
            .filter(|p| !p.to_string_lossy().contains(".rq."))
            .collect();
        files.sort();
        for path in files {
            out.push(fixture(path, &rule));
        }
    }
    out
}

fn fixture(path: PathBuf, rule: &str) -> Fixture {
    let bytes = fs::read(&path).expect("readable fixture");
    let request = path.file_stem().and_then(|s| s.to_str()).and_then(|stem| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("xml");
        fs::read(path.with_file_name(format!("{stem}.rq.{ext}")))
            .or_else(|_| fs::read(path.with_file_name(format!("{stem}.rq.xml"))))
            .ok()
    });
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    let (notes, notes_file) = if sidecar.exists() {
        (
            fs::read_to_string(&sidecar).expect("readable sidecar"),
            sidecar,
        )
    } else {
        (comments(&String::from_utf8_lossy(&bytes)), path.clone())
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
    Fixture {
        path,
        rule: rule.to_string(),
        bytes,
        request,
        directive,
        expected,
        notes_file,
    }
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
                let profile =
                    <Profile as clap::ValueEnum>::from_str(&value, false).expect("a profile");
                linter.forced = Some(profile);
            }
            "payload-location" => {
                let location = <PayloadLocation as clap::ValueEnum>::from_str(&value, false)
                    .expect("an edition");
                options.payload_location = location;
            }
            "extend-select" => select.push(value),
            "operation" => options.operation = Some(value),
            "now" => options.now = Some(value.parse().expect("an RFC 3339 time")),
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

fn has_end(line: &str) -> bool {
    !line.starts_with("error:") && line.rsplit(' ').next().is_some_and(|at| at.contains('-'))
}

fn check_fixture(f: &Fixture) -> Result<(), Failed> {
    let name = file_name(f);
    let own = |e: &String| e.split(' ').next() == Some(f.rule.as_str());
    let bad = name.starts_with("bad_");
    if bad && !f.expected.iter().any(own) {
        return Err(format!("a bad_ fixture must expect {}", f.rule).into());
    }
    if name.starts_with("ok_") && f.expected.iter().any(own) {
        return Err(format!("an ok_ fixture must not expect {}", f.rule).into());
    }
    let request = f.request.as_deref().map(|r| ("request", r));
    let file = linter(f).check_file(&f.bytes, request);
    common::assert_spans_valid(&file, &f.path.display().to_string());
    if request.is_some() {
        for unit in file.units.iter().flatten() {
            if !unit.checked.paired {
                return Err(format!("the request was not paired: {:?}", unit.checked.notes).into());
            }
        }
    }
    let actual = common::outcome(&file, false);
    if std::env::var_os("OTALINT_BLESS").is_some() {
        bless(f, &actual);
    }
    let full = f
        .expected
        .iter()
        .all(|e| has_end(e) || e.starts_with("error:"));
    if bad && !full {
        return Err(
            "a bad_ fixture states where each span ends (`rule L:C-L:C`); \
                    OTALINT_BLESS=1 writes them"
                .into(),
        );
    }
    let compared: Vec<String> = if full {
        actual.clone()
    } else {
        let mut starts: Vec<String> = actual
            .iter()
            .map(|a| common::start_of(a).to_string())
            .collect();
        starts.sort();
        starts
    };
    let expected: Vec<String> = if full {
        f.expected.clone()
    } else {
        let mut starts: Vec<String> = f
            .expected
            .iter()
            .map(|e| common::start_of(e).to_string())
            .collect();
        starts.sort();
        starts
    };
    if compared != expected {
        return Err(format!(
            "\n    expected: {expected:?}\n    actual:   {compared:?}\n    (every default rule runs on every fixture)"
        )
        .into());
    }
    Ok(())
}

/// Writes the actual ends into expectations that state only their start.
fn bless(f: &Fixture, actual: &[String]) {
    let Ok(text) = fs::read_to_string(&f.notes_file) else {
        // A fixture that is not UTF-8 on purpose: its expectations are written by hand.
        eprintln!("{}: not UTF-8, not blessed", f.notes_file.display());
        return;
    };
    let mut unused: Vec<&String> = actual.iter().collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("expect:") {
        let body = at + "expect:".len();
        let tail = &rest[body..];
        // An expectation ends at its comment's `-->` or at the end of its line.
        let stop = [tail.find("-->"), tail.find('\n')]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(tail.len());
        let written = tail[..stop].trim();
        let lead = tail.len() - tail.trim_start().len();
        out.push_str(&rest[..body + lead.min(stop)]);
        let blessed = (!has_end(written))
            .then(|| {
                unused
                    .iter()
                    .position(|a| common::start_of(a) == written)
                    .map(|i| unused.remove(i).as_str())
            })
            .flatten();
        out.push_str(blessed.unwrap_or(written));
        rest = &tail[lead.min(stop) + written.len()..];
    }
    out.push_str(rest);
    if out != text {
        fs::write(&f.notes_file, out).expect("bless writes the fixture");
    }
}

fn every_rule_has_bad_and_ok_fixtures(all: &[(String, String)]) -> Result<(), Failed> {
    let mut missing = Vec::new();
    for rule in RULES {
        for prefix in ["bad_", "ok_"] {
            if !all
                .iter()
                .any(|(r, n)| r == rule.name && n.starts_with(prefix))
            {
                missing.push(format!("{} has no {prefix} fixture", rule.name));
            }
        }
    }
    let dirs: BTreeSet<_> = all.iter().map(|(r, _)| r.clone()).collect();
    for dir in dirs {
        if !RULES.iter().any(|r| r.name == dir) {
            missing.push(format!("testdata/rules/{dir} names no rule"));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("{missing:#?}").into())
    }
}

/// The `## Example` of a rule's docs makes the rule fire; the `## Fix` does not. The first
/// ```` ```xml ````, ```` ```http ```` or ```` ```json ```` block under each heading is checked
/// as a file (a raw HTTP response, a HAR or a JSON body are read as such). A
/// ```` ```xml-request ```` (```` ```json-request ````) block is the request paired with both, and a comment
/// `<!-- ... N bytes of content ... -->` stands for that much content.
fn docs_examples_are_true(rule: &otalint::rules::Rule) -> Result<(), Failed> {
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
    let request = block("## Example", &["xml-request", "json-request"]);
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
    let example = block("## Example", &tags).ok_or("no example")?;
    if !fires(&example) {
        return Err("the example does not trigger the rule".into());
    }
    let fix = block("## Fix", &tags).ok_or("no fixed example")?;
    if fires(&fix) {
        return Err("the fixed example still triggers the rule".into());
    }
    // A reader copies the fix: it must be clean under every default rule, not just this one.
    let mut all = Linter::new(ProfileSet::load(&[]).expect("built-in data"));
    all.rules = RuleSet::from_selection(&[], &[rule.name.to_string()], &[]).expect("known");
    all.forced = linter.forced;
    let pair = request.as_deref().map(|r| ("request", r.as_bytes()));
    let bytes = if fix.starts_with("HTTP/") {
        fix.replacen("\n\n", "\r\n\r\n", 1).into_bytes()
    } else {
        fix.as_bytes().to_vec()
    };
    let found: Vec<String> = all
        .check_file(&bytes, pair)
        .units
        .iter()
        .flatten()
        .flat_map(|u| {
            u.checked
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.rule, d.message))
        })
        .collect();
    if !found.is_empty() {
        return Err(format!("the fixed example is not clean: {found:#?}").into());
    }
    Ok(())
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
