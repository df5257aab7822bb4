//! Trust on real supplier repositories and real captures: otalint never destroys an input,
//! never passes a body it did not check, and never cries wolf on files that are not its kind.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const CLEAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/testdata/samples/hs2/conforming/cancel.xml"
);

fn otalint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otalint").expect("binary builds");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100");
    cmd
}

/// A supplier repository: a Git checkout with build files beside the captures.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    fs::create_dir(root.join(".git")).expect("git");
    fs::create_dir_all(root.join("captures")).expect("mkdir");
    fs::copy(CLEAN, root.join("captures/cancel.xml")).expect("copy");
    fs::write(root.join("pom.xml"), "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion></project>\n").expect("pom");
    fs::create_dir_all(root.join("src/main/resources")).expect("mkdir");
    fs::write(
        root.join("src/main/resources/logback.xml"),
        "<configuration><root level=\"info\"/></configuration>\n",
    )
    .expect("logback");
    fs::write(
        root.join("package.json"),
        "{\"name\": \"hotel\", \"version\": \"1.0.0\", \"scripts\": {}}\n",
    )
    .expect("package");
    fs::write(
        root.join("tsconfig.json"),
        "{\"compilerOptions\": {\"strict\": true}}\n",
    )
    .expect("tsconfig");
    fs::write(
        root.join("openapi.json"),
        "{\"openapi\": \"3.0.0\", \"paths\": {}}\n",
    )
    .expect("openapi");
    dir
}

/// The run of otalint in `dir` with these arguments.
fn output(dir: &Path, args: &[&str]) -> std::process::Output {
    otalint(dir).args(args).output().expect("runs")
}

/// A temporary directory holding these files.
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn run_json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = otalint(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (v, out.status.code().expect("exit code"), stderr)
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.xml");
    fs::copy(CLEAN, &victim).expect("copy");
    let before = fs::read(&victim).expect("read");
    for (flag, value) in [
        ("--output", "victim.xml"),
        ("--write-baseline", "victim.xml"),
    ] {
        let mut cmd = otalint(dir.path());
        cmd.args(["check", "victim.xml"]);
        if flag == "--output" {
            cmd.args(["--format", "json"]);
        }
        let out = cmd.args([flag, value]).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("victim.xml is also an input"), "{stderr}");
        assert_eq!(
            fs::read(&victim).expect("read"),
            before,
            "{flag}: the input is intact"
        );
    }
    // Inside a walked directory too.
    let out = output(
        dir.path(),
        &["check", ".", "--format", "json", "--output", "./victim.xml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&victim).expect("read"), before);
}

#[test]
fn two_reports_to_one_file_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(CLEAN, dir.path().join("a.xml")).expect("copy");
    let out = otalint(dir.path())
        .args(["check", "a.xml", "--format", "json", "--output", "r.out"])
        .args(["--format", "sarif", "--output", "./r.out"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("both name"));
    assert!(!dir.path().join("r.out").exists(), "nothing was written");
}

#[test]
fn reports_and_baselines_written_in_the_walked_directory_are_not_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(CLEAN, dir.path().join("a.xml")).expect("copy");
    for _ in 0..2 {
        let out = otalint(dir.path())
            .args(["check", ".", "--format", "json", "--output", "report.json"])
            .args(["--write-baseline", "baseline.json"])
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value =
            serde_json::from_slice(&fs::read(dir.path().join("report.json")).expect("report"))
                .expect("json");
        assert_eq!(report["summary"]["files"], 1, "only a.xml: {report}");
    }
    // A baseline from an earlier run is otalint's own file: skipped by a later walk.
    let (v, code, _) = run_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["skipped"], 2, "the report and the baseline");
    // No temporary file is left beside the outputs.
    let left: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".otalint-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_supplier_repository_is_checked_without_crying_wolf() {
    let repo = repository();
    let (v, code, stderr) = run_json(repo.path(), &["."]);
    assert_eq!(code, 0, "{v}\n{stderr}");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["skipped"], 5);
    assert_eq!(v["diagnostics"], Value::Array(vec![]));
    // The human summary counts them apart; -v names each one and why.
    let out = output(repo.path(), &["check", "."]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("5 files skipped: not supplier messages"),
        "{stdout}"
    );
    let out = output(repo.path(), &["check", ".", "-v"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pom.xml: not checked: root element `project`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("package.json: not checked: a JSON object"),
        "{stderr}"
    );
    // Named on the command line, or under a forced profile, such a file is checked.
    let (v, code, _) = run_json(repo.path(), &["pom.xml"]);
    assert_eq!(code, 1);
    assert_eq!(v["diagnostics"][0]["rule"], "soap-envelope-missing");
    let (v, _, _) = run_json(repo.path(), &[".", "--profile", "hs2"]);
    assert_eq!(v["summary"]["skipped"], 0);
}

#[test]
fn an_empty_directory_and_excluded_paths_are_said() {
    let repo = repository();
    fs::create_dir(repo.path().join("nothing")).expect("mkdir");
    // Nothing checked at all: a tool error, never a clean "0 files".
    let out = output(repo.path(), &["check", "nothing"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nothing: nothing was checked: no file to check there"),
        "{stderr}"
    );
    // Beside a file that is checked, it is a note.
    let out = output(repo.path(), &["check", "nothing", "captures/cancel.xml"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note: nothing: no file to check there"),
        "{stderr}"
    );
    fs::write(
        repo.path().join("otalint.toml"),
        "exclude = [\"captures\"]\n",
    )
    .expect("config");
    let out = output(repo.path(), &["check", ".", "-v"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("captures: excluded by the configuration"),
        "{stderr}"
    );
    // A file named but excluded is said without -v, and so is that nothing was checked.
    let out = output(repo.path(), &["check", "captures/cancel.xml"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "note: captures/cancel.xml: named, but excluded by the configuration (`exclude`): not checked"
        ) && stderr.contains("nothing was checked: the configuration excludes every path named"),
        "{stderr}"
    );
}

#[test]
fn human_columns_count_characters_like_every_other_format() {
    let dir = dir_with(&[(
        "accents.xml",
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><OTA_CancelRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" EchoToken=\"é\" Version=\"1\" PrimaryLangID=\"fr\" AltLangID=\"fr\"><Errors><Error ShortText=\"Réservation déjà annulée\" Type=\"13\" Code=\"XX\">x</Error></Errors></OTA_CancelRS></soap:Body></soap:Envelope>\n",
    )]);
    let (v, _, _) = run_json(dir.path(), &["accents.xml"]);
    let d = &v["diagnostics"][0];
    let at = format!("accents.xml:{}:{}]", d["line"], d["column"]);
    let out = output(dir.path(), &["check", "accents.xml"]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains(&at), "{at} in\n{human}");
}

#[test]
fn a_help_line_never_breaks_inside_a_code_span() {
    let dir = dir_with(&[(
        "latin1.http",
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=ISO-8859-1\r\n\r\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><OTA_CancelRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" EchoToken=\"a\" Version=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Success/></OTA_CancelRS></soap:Body></soap:Envelope>\n",
    )]);
    for width in ["50", "60", "72", "100"] {
        let out = otalint(dir.path())
            .env("COLUMNS", width)
            .args(["check", "latin1.http"])
            .output()
            .expect("runs");
        let human = String::from_utf8_lossy(&out.stdout);
        assert!(
            human
                .lines()
                .any(|l| l.contains("`Content-Type: text/xml; charset=utf-8`")),
            "width {width}:\n{human}"
        );
    }
}

#[test]
fn auth_status_quotes_the_contract_of_the_profile() {
    let dir = dir_with(&[
        (
            "hs4.http",
            "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n",
        ),
        (
            "hs2.http",
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/xml\r\n\r\n",
        ),
    ]);
    let help = |file: &str, profile: &str| {
        let (v, _, _) = run_json(dir.path(), &[file, "--profile", profile]);
        v["diagnostics"][0]["help"]
            .as_str()
            .expect("help")
            .to_string()
    };
    assert!(help("hs4.http", "hs4").contains("\"If the username and password generates an authentication error, then there will be a HTTP 401 response.\""));
    assert!(help("hs2.http", "hs2").contains("then SAP Concur expects an HTTP 403 response.\""));
}

const WARNS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/testdata/samples/hs2/broken/cancel-already-cancelled-warning.xml"
);

#[test]
fn what_people_read_says_why_and_lines_up() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // --max-warnings says why the run failed.
    let out = output(
        here,
        &[
            "check",
            "--no-config",
            WARNS,
            "--max-warnings",
            "0",
            "--format",
            "concise",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 warning, more than --max-warnings 0 allows"),
        "{stderr}"
    );
    // --statistics: one row a rule, then the total.
    let out = output(
        here,
        &["check", "--no-config", "testdata/samples", "--statistics"],
    );
    let stats = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = stats.lines().collect();
    let last = rows.last().expect("rows");
    assert!(last.contains("total"), "{stats}");
    let named: Vec<&str> = rows[..rows.len() - 1]
        .iter()
        .map(|r| r.split_whitespace().nth(1).expect("rule"))
        .collect();
    let unique: std::collections::BTreeSet<_> = named.iter().collect();
    assert_eq!(unique.len(), named.len(), "one row a rule:\n{stats}");
    let sum: usize = rows[..rows.len() - 1]
        .iter()
        .map(|r| {
            r.split_whitespace()
                .next()
                .expect("n")
                .parse::<usize>()
                .expect("count")
        })
        .sum();
    assert!(last.trim_start().starts_with(&sum.to_string()), "{stats}");
    // `otalint rules`: every column starts at the same place on every line.
    let out = output(here, &["rules"]);
    let table = String::from_utf8_lossy(&out.stdout);
    let starts = |l: &str| -> Vec<usize> {
        let b = l.as_bytes();
        (1..b.len())
            .filter(|&i| b[i] != b' ' && b[i - 1] == b' ' && i >= 2 && b[i - 2] == b' ')
            .take(4)
            .collect()
    };
    let first = starts(table.lines().next().expect("a line"));
    for line in table.lines() {
        assert_eq!(starts(line)[..3], first[..3], "{line}");
    }
    // `explain GROUP` lists the group's rules.
    let out = output(here, &["explain", "payload"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`payload-format`") && text.contains("`unknown-cause`"),
        "{text}"
    );
    // Completions offer rule and group names.
    let out = output(here, &["completions", "bash"]);
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(script.contains("payload-format") && script.contains("concur-ws"));
    // A typo gets the closest name, not a list of all of them.
    let out = output(here, &["check", "--select", "payload-formt", WARNS]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean `payload-format`?") && stderr.lines().count() < 4,
        "{stderr}"
    );
}

#[test]
fn junit_fails_only_at_the_fail_level_and_keeps_body_positions_parseable() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = output(
        here,
        &[
            "check",
            "--no-config",
            WARNS,
            "--format",
            "junit",
            "--fail-on",
            "error",
        ],
    );
    let xml = String::from_utf8_lossy(&out.stdout);
    assert!(!xml.contains("<failure"), "{xml}");
    assert!(xml.contains("failures=\"0\""), "{xml}");
    assert!(
        xml.contains("<system-out>") && xml.contains("warning[warnings-ignored]"),
        "{xml}"
    );
    let out = output(
        here,
        &[
            "check",
            "--no-config",
            WARNS,
            "--format",
            "junit",
            "--fail-on",
            "warning",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<failure"));
    // A finding in a decoded body: `path:line:col:` first, the body named after it.
    let har = "testdata/samples/captures/broken/session.har";
    for format in ["concise", "junit"] {
        let out = output(here, &["check", "--no-config", har, "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains(".har (body"), "{format}: {text}");
        assert!(
            text.contains(".har:5:81: (body of entry 2) error[echo-token]"),
            "{format}: {text}"
        );
    }
}
