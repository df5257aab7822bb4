//! What people read, pinned as snapshots (insta): the wording and layout of human output, a
//! configuration error, `otalint config`, and a baseline's summary. A change shows up as a diff
//! to review; `INSTA_UPDATE=always cargo test --test it snapshots` rewrites them after review.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn otalint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otalint").expect("binary builds");
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

/// stdout and stderr of a run, with its exit status.
fn transcript(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A repository in a temporary directory (with `.git`, so configuration lookup stops there)
/// holding copies of samples.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir");
    for (to, from) in files {
        let target = dir.path().join(to);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
        fs::copy(source, target).expect("copy");
    }
    dir
}

#[test]
fn human_output_of_a_response_with_two_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::assert_snapshot!(transcript(otalint(root).args([
        "check",
        "--no-config",
        "testdata/samples/hs2/broken/availability-two-errors.xml",
    ])));
}

#[test]
fn a_configuration_error() {
    let dir = repo(&[("a.xml", "testdata/samples/hs2/conforming/cancel.xml")]);
    fs::write(
        dir.path().join("otalint.toml"),
        "exclude = [\"vendor\"]\n\n[rules]\nmissing-root-attribute = \"off\"\npayload-formt = \"error\"\n",
    )
    .expect("write");
    insta::assert_snapshot!(transcript(otalint(dir.path()).args(["check", "a.xml"])));
}

#[test]
fn the_settings_a_path_gets() {
    let dir = repo(&[]);
    fs::write(
        dir.path().join("otalint.toml"),
        "[rules]\npairing = \"error\"\ncdata-or-markup = \"off\"\n\n\
         [[overrides]]\nfiles = [\"legacy/**\"]\nprofile = \"hs1\"\npayload-location = \"short-text\"\n",
    )
    .expect("write");
    insta::assert_snapshot!(transcript(
        otalint(dir.path()).args(["config", "legacy/a.xml"])
    ));
}

#[test]
fn a_baseline_summary_with_a_stale_entry() {
    let dir = repo(&[
        (
            "captures/warns.xml",
            "testdata/samples/hs2/broken/cancel-already-cancelled-warning.xml",
        ),
        (
            "captures/fixed.xml",
            "testdata/samples/hs2/broken/search-auth-failure.xml",
        ),
    ]);
    otalint(dir.path())
        .args(["check", "captures", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/samples/hs2/conforming/cancel.xml"),
        dir.path().join("captures/fixed.xml"),
    )
    .expect("copy");
    insta::assert_snapshot!(transcript(otalint(dir.path()).args([
        "check",
        "captures",
        "--baseline",
        "baseline.json",
    ])));
}
