//! Daily use in a supplier's repository: a Maven-style repository where hooks pass files by
//! name (`--force-exclude`), and the GitHub Action's install script against a fake release.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/samples");

/// A Maven-style repository: build files that are XML or JSON but no supplier message, a
/// request/response pair of fixtures, a response with an error in `target/` (ignored by
/// `.gitignore`), one in a hidden directory and one the configuration excludes.
fn maven_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let target = root.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, text).expect("write");
    };
    let sample = |path: &str| fs::read_to_string(Path::new(SAMPLES).join(path)).expect("sample");
    fs::create_dir(root.join(".git")).expect("mkdir");
    write(".gitignore", "target/\n");
    write(
        "otalint.toml",
        "exclude = [\"src/test/resources/legacy\"]\n",
    );
    write(
        "pom.xml",
        "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  \
         <modelVersion>4.0.0</modelVersion>\n  <artifactId>connector</artifactId>\n</project>\n",
    );
    write(
        "src/main/resources/logback.xml",
        "<configuration>\n  <root level=\"info\"/>\n</configuration>\n",
    );
    write(
        "src/main/webapp/WEB-INF/web.xml",
        "<?xml version=\"1.0\"?>\n<web-app version=\"5.0\">\n  <servlet/>\n</web-app>\n",
    );
    write(
        "package.json",
        "{\"name\": \"connector-ui\", \"version\": \"1.0.0\", \"scripts\": {\"test\": \"jest\"}}\n",
    );
    write("README.md", "# connector\n");
    let request = sample("hs2/conforming/search.rq.xml");
    let broken = sample("hs2/broken/search-auth-failure.xml");
    write("src/test/resources/hs2/search.rq.xml", &request);
    write("src/test/resources/hs2/search.xml", &broken);
    write(
        "src/test/resources/hs2/cancel.xml",
        &sample("hs2/conforming/cancel.xml"),
    );
    write("src/test/resources/legacy/old.xml", &broken);
    write("target/test-classes/hs2/search.xml", &broken);
    write(".idea/copy.xml", &broken);
    dir
}

/// Every file of the repository, relative, as `git ls-files` would pass them to a hook.
const NAMED: &[&str] = &[
    "pom.xml",
    "package.json",
    "README.md",
    "otalint.toml",
    "src/main/resources/logback.xml",
    "src/main/webapp/WEB-INF/web.xml",
    "src/test/resources/hs2/search.rq.xml",
    "src/test/resources/hs2/search.xml",
    "src/test/resources/hs2/cancel.xml",
    "src/test/resources/legacy/old.xml",
    "target/test-classes/hs2/search.xml",
    ".idea/copy.xml",
];

fn otalint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otalint").expect("binary builds");
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1");
    cmd
}

/// `(exit status, the concise lines' `path rule`, stderr)`.
fn concise(dir: &Path, args: &[&str]) -> (i32, Vec<String>, String) {
    let out = otalint(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let found = stdout
        .lines()
        .filter_map(|l| {
            let (path, rest) = l.split_once(':')?;
            let rule = rest.split_once('[')?.1.split_once(']')?.0;
            Some(format!("{path} {rule}"))
        })
        .collect();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    (out.status.code().unwrap_or(-1), found, stderr)
}

/// Named files are checked whatever they are; with `--force-exclude` they obey what a walk
/// obeys, so the hook and `otalint check .` agree on the repository.
#[test]
fn force_exclude_makes_named_files_obey_the_walk() {
    let repo = maven_repo();
    let root = repo.path();

    // Named, everything XML is checked: the build files fail as no SOAP envelope.
    let (code, found, _) = concise(root, &NAMED[..3]);
    assert_eq!(code, 1);
    assert!(
        found.contains(&"pom.xml soap-envelope-missing".to_string()),
        "{found:?}"
    );

    let (walk_code, walked, _) = concise(root, &["."]);
    assert_eq!(
        walked,
        ["./src/test/resources/hs2/search.xml authentication-type"]
    );
    assert_eq!(walk_code, 1);

    let mut args = vec!["--force-exclude"];
    args.extend(NAMED);
    let (code, found, stderr) = concise(root, &args);
    assert_eq!(
        found,
        ["src/test/resources/hs2/search.xml authentication-type"],
        "{stderr}"
    );
    assert_eq!(code, walk_code, "{stderr}");

    // Only build files staged: nothing to check, exit 0.
    let (code, found, stderr) = concise(
        root,
        &[
            "--force-exclude",
            "pom.xml",
            "package.json",
            "src/main/webapp/WEB-INF/web.xml",
        ],
    );
    assert_eq!((code, found.len()), (0, 0), "{stderr}");

    // An absolute path inside the working directory is judged as its relative path.
    let ignored: PathBuf = root.join("target/test-classes/hs2/search.xml");
    let ignored = ignored.to_str().expect("UTF-8");
    let (code, found, stderr) = concise(root, &["--force-exclude", ignored]);
    assert_eq!((code, found.len()), (0, 0), "{stderr}");
    let (code, _, _) = concise(root, &[ignored]);
    assert_eq!(code, 1, "named without the flag, it is checked");
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_otalint");

/// The crate's version, as the scripts read it.
fn version() -> String {
    let out = std::process::Command::new(BIN)
        .arg("--version")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.split_whitespace()
        .nth(1)
        .expect("a version")
        .to_string()
}

fn bash(script: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(Path::new(ROOT).join("scripts").join(script));
    cmd
}

/// `scripts/package.sh TARGET BIN DIR` into `dir`: the archive's path. What is packed is a
/// two-line script that runs the test binary (a debug binary is 100+ MB: packing it would
/// measure the disk, not the script); it answers every command as the binary does.
fn package(target: &str, dir: &Path) -> PathBuf {
    let wrapper = dir.join("wrapper/otalint");
    fs::create_dir_all(wrapper.parent().expect("parent")).expect("mkdir");
    fs::write(&wrapper, format!("#!/bin/sh\nexec '{BIN}' \"$@\"\n")).expect("write");
    let status = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&wrapper)
        .status()
        .expect("chmod runs");
    assert!(status.success());
    let out = bash("package.sh")
        .arg(target)
        .arg(&wrapper)
        .arg(dir)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// The release archive: one directory with the binary, README, CHANGELOG, the completions and
/// a man page per subcommand made by the binary, and a checksum file `sha256sum -c` accepts.
#[test]
#[cfg(target_os = "linux")]
fn package_lays_out_the_archive_and_its_checksum() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = "x86_64-unknown-linux-gnu";
    let archive = package(target, dir.path());
    let name = format!("otalint-{}-{target}", version());
    assert_eq!(archive, dir.path().join(format!("{name}.tar.gz")));
    let list = std::process::Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .expect("tar runs");
    let list = String::from_utf8_lossy(&list.stdout);
    for file in [
        "otalint",
        "README.md",
        "CHANGELOG.md",
        "completions/otalint.bash",
        "completions/_otalint",
        "completions/otalint.fish",
        "completions/_otalint.ps1",
        "completions/otalint.elv",
        "man/otalint.1",
        "man/otalint-check.1",
        "man/otalint-explain.1",
        "man/otalint-rules.1",
        "man/otalint-config.1",
    ] {
        assert!(
            list.lines().any(|l| l == format!("{name}/{file}")),
            "{file} missing:\n{list}"
        );
    }
    assert!(!list.contains("otalint-help.1"), "{list}");
    let extracted = tempfile::tempdir().expect("tempdir");
    let status = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(extracted.path())
        .status()
        .expect("tar runs");
    assert!(status.success());
    let bash_completion = fs::read_to_string(
        extracted
            .path()
            .join(&name)
            .join("completions/otalint.bash"),
    )
    .expect("read");
    assert!(
        bash_completion.contains("--force-exclude"),
        "made by this binary"
    );
    let page =
        fs::read_to_string(extracted.path().join(&name).join("man/otalint-check.1")).expect("read");
    assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");

    let sum = fs::read_to_string(dir.path().join(format!("{name}.tar.gz.sha256"))).expect("sum");
    assert!(sum.ends_with(&format!("  {name}.tar.gz\n")), "{sum}");
    let check = std::process::Command::new("sha256sum")
        .arg("-c")
        .arg(format!("{name}.tar.gz.sha256"))
        .current_dir(dir.path())
        .output()
        .expect("sha256sum runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // A changed archive fails the check.
    fs::write(&archive, b"not the archive").expect("write");
    let check = std::process::Command::new("sha256sum")
        .arg("-c")
        .arg(format!("{name}.tar.gz.sha256"))
        .current_dir(dir.path())
        .output()
        .expect("sha256sum runs");
    assert!(!check.status.success());
}

/// `scripts/action.sh download` in a runner-like environment; `(success, GITHUB_OUTPUT, stderr)`.
fn action_download(work: &Path, releases: &Path, action_ref: &str) -> (bool, String, String) {
    let output = work.join("github-output");
    let _ = fs::remove_file(&output);
    let temp = work.join("runner-temp");
    fs::create_dir_all(&temp).expect("mkdir");
    let out = bash("action.sh")
        .arg("download")
        .env("OTALINT_ACTION_PATH", ROOT)
        .env("OTALINT_ACTION_REF", action_ref)
        .env("OTALINT_RELEASES", releases)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", &temp)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .expect("bash runs");
    let written = fs::read_to_string(&output).unwrap_or_default();
    (
        out.status.success(),
        written,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// The Action takes the release of its own version from a (here local) release directory,
/// verifies its checksum, and builds from source only when there is no release to take.
#[test]
#[cfg(target_os = "linux")]
fn the_action_downloads_its_release_and_verifies_it() {
    let work = tempfile::tempdir().expect("tempdir");
    let tag = format!("v{}", version());
    let releases = work.path().join("releases");
    let archive = package("x86_64-unknown-linux-musl", &releases.join(&tag));

    let (ok, out, err) = action_download(work.path(), &releases, &tag);
    assert!(ok, "{err}");
    assert!(out.contains("source=release\n"), "{out}");
    assert!(out.contains("cache-key=otalint-Linux-X64-"), "{out}");
    let bin = out
        .lines()
        .find_map(|l| l.strip_prefix("bin="))
        .expect("bin= written");
    let ran = std::process::Command::new(bin)
        .arg("--version")
        .output()
        .expect("the downloaded binary runs");
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout).trim(),
        format!("otalint {}", version())
    );

    // A branch or a commit is not a release: built from that source.
    let (ok, out, _) = action_download(work.path(), &releases, "main");
    assert!(
        ok && out.contains("source=cargo") && !out.contains("bin="),
        "{out}"
    );

    // An archive whose checksum does not match stops the step; nothing is offered to run.
    let sum = archive.with_extension("gz.sha256");
    let good = fs::read_to_string(&sum).expect("sum");
    fs::write(&sum, format!("{}{}", "0".repeat(64), &good[64..])).expect("write");
    let (ok, out, err) = action_download(work.path(), &releases, &tag);
    assert!(!ok, "{out}");
    assert!(err.contains("checksum"), "{err}");
    assert!(!out.contains("bin="), "{out}");
    // No checksum file at all: refused too.
    fs::remove_file(&sum).expect("rm");
    let (ok, _, err) = action_download(work.path(), &releases, &tag);
    assert!(!ok && err.contains("unverified"), "{err}");

    // A version tag without a release archive falls back to a source build.
    fs::remove_file(&archive).expect("rm");
    let (ok, out, _) = action_download(work.path(), &releases, &tag);
    assert!(ok && out.contains("source=cargo"), "{out}");
}

/// The Action's inputs: one path per line with spaces kept, one option per line with its
/// value; the SARIF it uploads has relative URIs without `./`.
#[test]
#[cfg(target_os = "linux")]
fn the_action_runs_check_with_quoted_inputs() {
    let work = tempfile::tempdir().expect("tempdir");
    let broken = fs::read_to_string(Path::new(SAMPLES).join("hs2/broken/search-auth-failure.xml"))
        .expect("sample");
    let warns = Path::new(SAMPLES).join("hs2/broken/cancel-already-cancelled-warning.xml");
    fs::create_dir_all(work.path().join("supplier captures/a b")).expect("mkdir");
    fs::write(
        work.path().join("supplier captures/a b/search.xml"),
        &broken,
    )
    .expect("write");
    fs::copy(&warns, work.path().join("cancel warning.xml")).expect("copy");
    fs::create_dir(work.path().join(".git")).expect("mkdir");
    let sarif = work.path().join("out.sarif");
    let run = |paths: &str, args: &str| {
        bash("action.sh")
            .args(["run", BIN])
            .current_dir(work.path())
            .env("INPUT_PATHS", paths)
            .env("INPUT_ARGS", args)
            .env("OTALINT_SARIF", &sarif)
            .env_remove("GITHUB_ACTIONS")
            .output()
            .expect("bash runs")
    };
    let out = run(
        "supplier captures\n  cancel warning.xml  \n\n",
        "--select authentication-type\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("::error file=supplier captures/a b/search.xml"),
        "{stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&sarif).expect("sarif written")).expect("JSON");
    let uri = &report["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "supplier%20captures/a%20b/search.xml");

    // The default path `.` gives relative URIs without `./`; an option's value after a space.
    let out = run("", "--fail-on warning\n--ignore authentication-type");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(&sarif).expect("sarif written");
    assert!(text.contains("\"uri\":\"cancel%20warning.xml\""), "{text}");
    assert!(!text.contains("\"uri\":\"./"), "{text}");
}
