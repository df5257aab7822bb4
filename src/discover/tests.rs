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
