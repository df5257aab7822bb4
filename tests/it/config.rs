//! Configuration, discovery and baselines, end to end: each test builds a small repository
//! in a temporary directory and runs the binary in it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/samples");

/// A sample with one `warnings-ignored` warning (line 7) and nothing else.
fn warns() -> PathBuf {
    Path::new(SAMPLES).join("hs2/broken/cancel-already-cancelled-warning.xml")
}

/// A sample with one `authentication-type` error.
fn errors() -> PathBuf {
    Path::new(SAMPLES).join("hs2/broken/search-auth-failure.xml")
}

fn clean() -> PathBuf {
    Path::new(SAMPLES).join("hs2/conforming/cancel.xml")
}

/// A repository: a temporary directory with `.git`, so configuration lookup stops there.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("repo")).expect("mkdir");
        fs::create_dir(dir.path().join("repo/.git")).expect("mkdir");
        Repo { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    /// Writes `text` at `path` (relative to the repository), making directories.
    fn write(&self, path: &str, text: &str) -> PathBuf {
        let target = self.root().join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(&target, text).expect("write");
        target
    }

    fn copy(&self, from: &Path, path: &str) -> PathBuf {
        self.write(path, &fs::read_to_string(from).expect("sample"))
    }

    /// `otalint ARGS` run in `dir` (relative to the repository).
    fn run(&self, dir: &str, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("otalint").expect("binary builds");
        cmd.current_dir(self.root().join(dir))
            .env_remove("GITHUB_ACTIONS")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .args(args);
        cmd
    }

    /// `otalint check ARGS --format json` run in `dir`: the report and the exit status.
    fn json(&self, dir: &str, args: &[&str]) -> (Value, i32) {
        let out = self
            .run(dir, &[&["check"], args, &["--format", "json"]].concat())
            .output()
            .expect("runs");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (v, out.status.code().expect("exit code"))
    }
}

/// `(path ending, rule, level)` of every diagnostic, paths relative to nothing in particular.
fn findings(v: &Value) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_string(),
                d["rule"].as_str().expect("rule").to_string(),
                d["level"].as_str().expect("level").to_string(),
            )
        })
        .collect()
}

fn paths(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path").to_string())
        .collect()
}

#[test]
fn configuration_is_found_from_the_working_directory_up_to_the_repository_root() {
    let repo = Repo::new();
    repo.copy(&warns(), "sub/deeper/a.xml");
    // Above the repository root: never read, though it is invalid.
    fs::write(repo.dir.path().join("otalint.toml"), "not = [valid").expect("write");
    let (v, code) = repo.json("sub/deeper", &[]);
    assert_eq!(code, 0);
    assert_eq!(findings(&v)[0].1, "warnings-ignored");

    repo.write(".otalint.toml", "[rules]\nwarnings-ignored = \"error\"\n");
    let (v, code) = repo.json("sub/deeper", &[]);
    assert_eq!(code, 1, "the hidden name is found too");
    assert_eq!(findings(&v)[0].2, "error");

    // `otalint.toml` nearer the working directory wins.
    repo.write("sub/otalint.toml", "[rules]\nwarnings-ignored = \"off\"\n");
    let (v, code) = repo.json("sub/deeper", &[]);
    assert_eq!((findings(&v).len(), code), (0, 0));

    // Both names in one directory: which one is read must not be a guess.
    repo.write("sub/deeper/.otalint.toml", "");
    repo.write("sub/deeper/otalint.toml", "");
    repo.run("sub/deeper", &["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "both otalint.toml and .otalint.toml are in",
        ));
    fs::remove_file(repo.root().join("sub/deeper/.otalint.toml")).expect("remove");
    fs::remove_file(repo.root().join("sub/deeper/otalint.toml")).expect("remove");

    // --no-config ignores them; --config names one.
    let (v, _) = repo.json("sub/deeper", &["--no-config"]);
    assert_eq!(findings(&v)[0].2, "warning");
    let (v, code) = repo.json("sub/deeper", &["--config", "../../.otalint.toml"]);
    assert_eq!((findings(&v)[0].2.as_str(), code), ("error", 1));
}

#[test]
fn levels_profiles_and_editions_follow_path_globs() {
    let repo = Repo::new();
    repo.copy(&warns(), "strict/a.xml");
    repo.copy(&warns(), "loose/a.xml");
    repo.copy(&warns(), "legacy/a.xml");
    repo.write(
        "otalint.toml",
        r#"
[rules]
warnings = "info"

[[overrides]]
files = ["strict/**"]
rules = { warnings-ignored = "error" }

[[overrides]]
files = ["legacy/*.xml"]
profile = "hs1"
"#,
    );
    let (v, code) = repo.json("", &[]);
    assert_eq!(code, 1);
    let mut got = findings(&v);
    got.sort();
    // The legacy file is checked as hs1, where an envelope is not an OTA payload.
    assert_eq!(
        got,
        vec![
            (
                "./legacy/a.xml".to_string(),
                "ota-payload-missing".to_string(),
                "error".to_string()
            ),
            (
                "./loose/a.xml".to_string(),
                "warnings-ignored".to_string(),
                "info".to_string()
            ),
            (
                "./strict/a.xml".to_string(),
                "warnings-ignored".to_string(),
                "error".to_string()
            ),
        ],
    );
    let legacy = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == "./legacy/a.xml")
        .expect("legacy checked");
    assert_eq!(legacy["profile"], "hs1");
    assert!(
        legacy["reason"]
            .as_str()
            .expect("reason")
            .contains("otalint.toml for `legacy/*.xml`"),
        "{legacy}"
    );
    // The command line wins over the configuration.
    let (v, _) = repo.json("", &["--profile", "hs2", "--ignore", "warnings-ignored"]);
    assert!(findings(&v).iter().all(|f| f.0 == "./legacy/a.xml"));
}

#[test]
fn a_bad_configuration_points_at_its_line_with_a_suggestion() {
    let repo = Repo::new();
    repo.copy(&clean(), "a.xml");
    for (text, expected, at) in [
        (
            "profile = \"hs2\"\nextension = [\"xml\"]\n",
            "did you mean `extensions`?",
            "otalint.toml:2:1",
        ),
        (
            "[rules]\npayload-formt = \"off\"\n",
            "did you mean `payload-format`?",
            "otalint.toml:2:1",
        ),
        (
            "[rules]\n\nmissing-type = \"fatal\"\n",
            "`fatal` is not a level",
            "otalint.toml:3:16",
        ),
        (
            "[rules]\nmalformed-xml = \"off\"\n",
            "cannot be re-levelled or turned off",
            "otalint.toml:2:1",
        ),
        (
            "[[overrides]]\nfiles = [\"a/[\"]\n",
            "invalid glob",
            "otalint.toml:2:10",
        ),
    ] {
        repo.write("otalint.toml", text);
        repo.run("", &["check", "a.xml"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(expected).and(predicate::str::contains(at)));
        repo.run("", &["config"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    }
}

#[test]
fn config_prints_the_settings_a_path_gets() {
    let repo = Repo::new();
    repo.write(
        "otalint.toml",
        "exclude = [\"vendor\"]\n[rules]\necho-token = \"warning\"\n\
         [[overrides]]\nfiles = [\"legacy/**\"]\npayload-location = \"short-text\"\nrules = { missing-type = \"off\" }\n",
    );
    let out = repo
        .run("", &["config", "legacy/a.xml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in [
        "otalint.toml",
        "# override 1 applies: files = [\"legacy/**\"]",
        "payload-location = \"short-text\"",
        "exclude = [\"vendor\"]",
        "echo-token = \"warning\"  # default error",
        "missing-type = \"off\"  # default warning",
        "payload-format = \"error\"\n",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    // What it prints is itself a configuration otalint reads.
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    repo.write("printed/otalint.toml", &body);
    repo.run("", &["config", "--config", "printed/otalint.toml"])
        .assert()
        .code(0);
    repo.run("", &["config", "vendor/x.xml"])
        .assert()
        .stdout(predicate::str::contains("# excluded"));
}

#[test]
fn walks_respect_gitignore_hidden_files_excludes_and_extensions() {
    let repo = Repo::new();
    repo.copy(&warns(), "kept.xml");
    repo.copy(&warns(), "kept.http.txt");
    repo.copy(&warns(), "build/out.xml");
    repo.copy(&warns(), ".cache/a.xml");
    repo.copy(&warns(), "vendor/lib.xml");
    repo.copy(&warns(), "drafts/a.draft.xml");
    repo.write(".gitignore", "build/\n");
    let (v, _) = repo.json("", &["--no-config"]);
    assert_eq!(
        paths(&v),
        ["./drafts/a.draft.xml", "./kept.xml", "./vendor/lib.xml"]
    );
    let (v, _) = repo.json("", &["--no-config", "--no-ignore", "--hidden"]);
    assert_eq!(paths(&v).len(), 5, "{:?}", paths(&v));
    repo.write(
        "otalint.toml",
        "exclude = [\"vendor\", \"*.draft.xml\"]\nextensions = [\"xml\", \"txt\"]\n",
    );
    let (v, _) = repo.json("", &[]);
    assert_eq!(paths(&v), ["./kept.http.txt", "./kept.xml"]);
    // Excluded files stay excluded when named (a pre-commit hook names every changed file);
    // --ext on the command line replaces the configured extensions.
    let (v, _) = repo.json("", &["vendor/lib.xml", "kept.xml"]);
    assert_eq!(paths(&v), ["kept.xml"]);
    let (v, _) = repo.json("", &["--ext", "txt"]);
    assert_eq!(paths(&v), ["./kept.http.txt"]);
}

#[test]
fn a_baseline_hides_known_findings_across_line_moves_and_lists_stale_entries() {
    let repo = Repo::new();
    let moved = repo.copy(&warns(), "responses/a.xml");
    repo.copy(&errors(), "responses/b.xml");
    let fixed = repo.copy(&errors(), "responses/c.xml");
    // Writing a baseline adopts the findings: exit 0 (the CI step that adopts it passes).
    repo.run("", &["check", "--write-baseline", "otalint-baseline.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "wrote 3 findings to baseline otalint-baseline.json",
        ));
    // A file whose findings are all known says so, not "no findings".
    repo.run(
        "responses",
        &[
            "check",
            "-v",
            "b.xml",
            "--baseline",
            "../otalint-baseline.json",
        ],
    )
    .assert()
    .code(0)
    .stdout(
        predicate::str::contains("1 known finding (in the baseline)")
            .and(predicate::str::contains("no findings").not()),
    );
    // A baseline that cannot be written is a failure.
    repo.run(
        "",
        &["check", "--write-baseline", "missing/dir/baseline.json"],
    )
    .assert()
    .code(2);
    let baseline = fs::read_to_string(repo.root().join("otalint-baseline.json")).expect("written");
    assert!(
        baseline.contains("\"path\":\"responses/a.xml\""),
        "{baseline}"
    );
    assert!(
        !baseline.contains("\"line\""),
        "no line numbers: {baseline}"
    );

    // Everything known: nothing reported, exit 0 — from another directory too.
    let (v, code) = repo.json("responses", &["--baseline", "../otalint-baseline.json"]);
    assert_eq!((findings(&v).len(), code), (0, 0), "{v}");
    assert_eq!(v["baseline"]["suppressed"], 3);

    // Lines move (a comment on top), one finding is fixed, a new one appears.
    let text = fs::read_to_string(&moved).expect("read");
    let text = text.replacen("?>\n", "?>\n<!-- moved\n down -->\n", 1);
    assert!(text.contains("moved"));
    fs::write(&moved, text).expect("write");
    fs::copy(clean(), &fixed).expect("copy");
    repo.copy(&warns(), "responses/new.xml");
    let (v, code) = repo.json("", &["--baseline", "otalint-baseline.json"]);
    assert_eq!(code, 0, "only a new warning");
    assert_eq!(
        findings(&v),
        [(
            "./responses/new.xml".to_string(),
            "warnings-ignored".to_string(),
            "warning".to_string()
        )]
    );
    assert_eq!(v["baseline"]["suppressed"], 2);
    let stale = v["baseline"]["stale"].as_array().expect("stale");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["path"], "responses/c.xml");
    assert_eq!(stale[0]["rule"], "authentication-type");
    repo.run("", &["check", "--baseline", "otalint-baseline.json"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("2 known findings not shown")
                .and(predicate::str::contains(
                    "1 baseline entry no longer matches",
                ))
                .and(predicate::str::contains(
                    "responses/c.xml: authentication-type at /Envelope/Body/",
                )),
        );

    // Pruning is writing it again.
    repo.run("", &["check", "--write-baseline", "otalint-baseline.json"])
        .assert()
        .code(0);
    let (v, code) = repo.json("", &["--baseline", "otalint-baseline.json"]);
    assert_eq!(
        (code, v["baseline"]["stale"].as_array().map(Vec::len)),
        (0, Some(0))
    );

    // A file that is not a baseline is an error, not an empty baseline.
    repo.write("other.json", "{\"findings\": 3}");
    repo.run("", &["check", "--baseline", "other.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an otalint baseline"));
}

#[test]
fn an_hs4_operation_can_be_set_per_path() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(
        dir.path().join("otalint.toml"),
        "[[overrides]]\nfiles = [\"rates/**\"]\noperation = \"rates\"\n",
    )
    .expect("config");
    fs::create_dir(dir.path().join("rates")).expect("dir");
    // A rates answer whose shape alone tells nothing: an empty object.
    fs::write(
        dir.path().join("rates/a.json"),
        "{\"checkin\": \"2027-02-20\"}",
    )
    .expect("body");
    let out = assert_cmd::Command::cargo_bin("otalint")
        .expect("bin")
        .current_dir(dir.path())
        .args([
            "check",
            "rates/a.json",
            "--format",
            "json",
            "--profile",
            "hs4",
        ])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        v["files"][0]["notes"]
            .to_string()
            .contains("operation rates"),
        "{v}"
    );
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(rules.contains(&"missing-required-content"), "{rules:?}");
    fs::write(dir.path().join("otalint.toml"), "operation = \"rate\"\n").expect("config");
    let out = assert_cmd::Command::cargo_bin("otalint")
        .expect("bin")
        .current_dir(dir.path())
        .args(["check", "rates/a.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("`rate` is not an HS4 operation; did you mean `rates`?")
    );
}

#[cfg(unix)]
#[test]
fn a_configuration_that_is_no_file_stops_the_run_naming_it() {
    // Each was silently ignored ("none (built-in defaults)"), so excludes and levels were lost.
    type Make = fn(&Path);
    let cases: [(&str, Make); 3] = [
        ("otalint.toml is a directory", |root| {
            fs::create_dir(root.join("otalint.toml")).expect("mkdir")
        }),
        (
            "otalint.toml (a symbolic link to missing.toml) cannot be read",
            |root| {
                std::os::unix::fs::symlink("missing.toml", root.join("otalint.toml")).expect("link")
            },
        ),
        (
            "otalint.toml (a symbolic link to otalint.toml) cannot be read",
            |root| {
                std::os::unix::fs::symlink("otalint.toml", root.join("otalint.toml")).expect("link")
            },
        ),
    ];
    for (said, make) in cases {
        let repo = Repo::new();
        repo.copy(&clean(), "cancel.xml");
        make(&repo.root());
        let out = repo
            .run(".", &["check", "cancel.xml"])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{said}: {stderr}");
        assert!(stderr.contains(said), "{said}: {stderr}");
    }
}
