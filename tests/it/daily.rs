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
