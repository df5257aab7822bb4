//! Discovery: naming, order and pairing.

use std::ffi::OsStr;

use super::names::is_request_name;
use super::*;

#[test]
fn requests_and_responses_are_named_alike() {
    let rq = |n: &str| sibling_request_name(OsStr::new(n)).map(|s| s.into_string().ok());
    assert_eq!(rq("a.xml"), Some(Some("a.rq.xml".into())));
    assert_eq!(rq("a.rs.xml"), Some(Some("a.rq.xml".into())));
    assert_eq!(rq("a.rq.xml"), None);
    assert_eq!(rq(".xml"), None);
    assert_eq!(
        sibling_responses(Path::new("d/a.rq.http")),
        vec![PathBuf::from("d/a.http"), PathBuf::from("d/a.rs.http")]
    );
    assert_eq!(rq("x.y.rs.har"), Some(Some("x.y.rq.har".into())));
    assert_eq!(rq("noext"), None);
    assert!(is_request_name(OsStr::new("x.rq.json")));
    assert!(!is_request_name(OsStr::new("x.rs.json")));
}

#[test]
fn walks_yield_paths_in_byte_order_and_pair_requests() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "a0.xml",
        "a.xml",
        "a-b.xml",
        "a/x.xml",
        "b.rs.xml",
        "b.rq.xml",
        "c.rq.xml",
        "notes.txt",
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, "<x/>").expect("write");
    }
    let excluded = |_: &Path, _: bool| false;
    let exts = ["xml".to_string()];
    let discovery = Discovery::new(
        &[dir.path().to_path_buf()],
        WalkOptions {
            extensions: &exts,
            respect_ignore: true,
            hidden: false,
            excluded: &excluded,
            written: Default::default(),
            keep_excluded: false,
        },
    );
    let got: Vec<(String, Option<String>)> = discovery
        .map(|job| {
            let name = |p: &Path| {
                p.strip_prefix(dir.path())
                    .expect("inside")
                    .display()
                    .to_string()
            };
            match job.input {
                Input::File(p) => (name(&p), job.request.as_deref().map(name)),
                Input::Stdin => ("-".to_string(), None),
            }
        })
        .collect();
    let expected = [
        ("a-b.xml", None),
        ("a.xml", None),
        ("a/x.xml", None),
        ("a0.xml", None),
        ("b.rs.xml", Some("b.rq.xml")),
        ("c.rq.xml", None),
    ];
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.map(str::to_string)))
        .collect();
    assert_eq!(got, expected);
}

/// The files a walk of `named` yields, relative to it, in order.
fn walked(named: &Path, respect_ignore: bool, hidden: bool) -> Vec<String> {
    let excluded = |_: &Path, _: bool| false;
    let exts = ["xml".to_string()];
    let options = WalkOptions {
        extensions: &exts,
        respect_ignore,
        hidden,
        excluded: &excluded,
        written: Default::default(),
        keep_excluded: false,
    };
    let mut discovery = Discovery::new(&[named.to_path_buf()], options);
    let files = discovery
        .by_ref()
        .filter_map(|job| match job.input {
            Input::File(p) => Some(p.strip_prefix(named).expect("inside").display().to_string()),
            Input::Stdin => None,
        })
        .collect();
    let failures: Vec<&str> = discovery
        .failures
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    files
}

/// What ripgrep's walker (the `ignore` crate walking the whole tree) yields.
fn ignore_crate(named: &Path, respect_ignore: bool, hidden: bool) -> Vec<String> {
    let mut files: Vec<String> = ignore::WalkBuilder::new(named)
        .standard_filters(respect_ignore)
        .hidden(!hidden)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
        .map(|e| {
            e.path()
                .strip_prefix(named)
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn walks_skip_what_ripgreps_walker_skips() {
    let root = tempfile::tempdir().expect("tempdir");
    let files: &[(&str, &str)] = &[
        // Above the repository: `.ignore` counts, `.gitignore` does not.
        (".ignore", "outer-ignored/\n"),
        (".gitignore", "above.xml\n"),
        ("repo/.git/info/exclude", "excluded.xml\n"),
        (
            "repo/.gitignore",
            "build/\n*.tmp.xml\n!keep.tmp.xml\n/anchored.xml\nnamed/rooted.xml\n!.well-known/\n",
        ),
        ("repo/named/a.xml", ""),
        ("repo/named/above.xml", ""),
        ("repo/named/excluded.xml", ""),
        ("repo/named/x.tmp.xml", ""),
        ("repo/named/keep.tmp.xml", ""),
        ("repo/named/anchored.xml", ""),
        ("repo/named/rooted.xml", ""),
        ("repo/named/build/b.xml", ""),
        ("repo/named/outer-ignored/o.xml", ""),
        ("repo/named/.hidden.xml", ""),
        ("repo/named/.cache/c.xml", ""),
        ("repo/named/.well-known/w.xml", ""),
        ("repo/named/.well-known/.h.xml", ""),
        ("repo/named/sub/.gitignore", "local.xml\n/top.xml\n"),
        ("repo/named/sub/local.xml", ""),
        ("repo/named/sub/top.xml", ""),
        ("repo/named/sub/ok.xml", ""),
        ("repo/named/sub/deeper/local.xml", ""),
        ("repo/named/sub/deeper/top.xml", ""),
        ("repo/named/pre/.gitignore", "p.xml\nq.xml\n"),
        ("repo/named/pre/.ignore", "!p.xml\n"),
        ("repo/named/pre/p.xml", ""),
        ("repo/named/pre/q.xml", ""),
        // A nested repository: its own root for `.gitignore` files above it.
        ("repo/named/nested/.git/HEAD", ""),
        ("repo/named/nested/x.tmp.xml", ""),
        ("repo/named/nested/n.xml", ""),
    ];
    for (name, text) in files {
        let path = root.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let named = root.path().join("repo/named");
    for (respect, hidden) in [(true, false), (true, true), (false, false), (false, true)] {
        let mut ours = walked(&named, respect, hidden);
        let order = ours.clone();
        ours.sort();
        assert_eq!(order, ours, "byte order");
        assert_eq!(
            ours,
            ignore_crate(&named, respect, hidden),
            "respect_ignore {respect}, hidden {hidden}"
        );
    }
    let kept = walked(&named, true, false);
    assert!(kept.contains(&"a.xml".to_string()) && !kept.contains(&"x.tmp.xml".to_string()));
}
