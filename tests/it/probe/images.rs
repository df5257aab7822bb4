//! `--check-images N`: the mock links and serves its own images on 127.0.0.1 (`image_mock.rs`);
//! the probe fetches up to N per hotel, records them as `hs4.image` / `hs2.image`, sends no
//! credentials, reads no more than its cap, and `image-unreachable` judges them — the same on
//! `check run.har`.

use super::*;

/// The findings of a run on the HS4 mock serving these images, `endpoint-tls` and `image-url`
/// (plain HTTP on a random port, for the endpoint and the images) left out.
fn hs4_run(images: &[&str], extra: &[&str]) -> (Run, Mock, Vec<String>) {
    let names = images.iter().map(|n| n.to_string()).collect();
    let mock = Mock::start_hs4(&[("images", Behaviour::Images(names))]);
    let text = scenario(&mock.hs4_url(), "").replace("[hs2]", "[hs4]");
    let run = probe(&text, extra);
    let found = without_tls(run.findings());
    (run, mock, found)
}

fn without_tls(found: Vec<String>) -> Vec<String> {
    found
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@") && !f.starts_with("image-url@"))
        .collect()
}

/// The image requests the mock received (`image:NAME`), in order.
fn fetched(mock: &Mock) -> Vec<String> {
    mock.steps()
        .into_iter()
        .filter(|s| s.starts_with("image:"))
        .collect()
}

/// The messages of the `image-unreachable` findings of the run's JSON report.
fn messages(run: &Run) -> Vec<String> {
    let report: Value = serde_json::from_str(&run.stdout()).expect("a JSON report");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "image-unreachable")
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn conforming_images_are_fetched_without_credentials_and_give_no_finding() {
    let (run, mock, found) = hs4_run(
        &["lobby.jpg", "pool.png", "big-chunked.jpg"],
        &["--check-images", "5", "--evidence", "evidence"],
    );
    assert_eq!(found, Vec::<String>::new(), "{}", run.stderr());
    // The evidence bundle has each image's raw exchange, numbered as the recording is.
    let image_at = run
        .steps()
        .iter()
        .position(|s| s == "hs4.image")
        .expect("an image");
    let raw = run
        .dir
        .path()
        .join(format!("evidence/{:02}-hs4.image.http", image_at + 1));
    let raw = std::fs::read(&raw).unwrap_or_else(|e| panic!("{}: {e}", raw.display()));
    assert!(raw.starts_with(b"HTTP/1.1 200 OK\r\n"), "{raw:?}");
    // The lead image and the gallery of each of the two hotels, each image once per hotel.
    assert_eq!(
        fetched(&mock),
        ["image:lobby.jpg", "image:pool.png", "image:big-chunked.jpg"].repeat(2),
        "{}",
        run.stderr()
    );
    for r in mock.requests.lock().expect("lock").iter() {
        if r.step.starts_with("image:") {
            assert!(r.head.starts_with("GET /images/"), "{}", r.head);
            assert!(
                !r.head.to_ascii_lowercase().contains("authorization"),
                "credentials sent to the image host:\n{}",
                r.head
            );
        }
    }
    let steps = run.steps();
    assert_eq!(steps.iter().filter(|s| *s == "hs4.image").count(), 6);
    let image = entry(&run.har(), "hs4.image").clone();
    assert_eq!(image["request"]["method"], "GET");
    assert_eq!(image["response"]["status"], 200);
    assert!(run.stderr().contains("hs4.image"), "{}", run.stderr());
}

#[test]
fn a_missing_image_and_an_html_page_are_unreachable_and_an_endless_one_is_cut_at_the_cap() {
    let (run, mock, found) = hs4_run(
        &["missing.jpg", "page.jpg", "endless.png"],
        &["--check-images", "3"],
    );
    assert_eq!(
        found,
        ["image-unreachable@hs4.image"].repeat(4),
        "{}",
        run.stderr()
    );
    assert_eq!(fetched(&mock).len(), 6, "{:?}", mock.steps());
    let messages = messages(&run);
    let port = mock.port;
    assert!(
        messages.iter().any(|m| m
            == &format!(
                "the image http://127.0.0.1:{port}/images/missing.jpg answered HTTP 404 instead of 200"
            )),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m
            == &format!(
                "the image http://127.0.0.1:{port}/images/page.jpg came as `text/html`, not `image/*`"
            )),
        "{messages:?}"
    );
    // The endless image: judged by its first bytes (a PNG), read no further than the cap.
    let har = run.har();
    let endless: Vec<&Value> = har["log"]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| {
            e["request"]["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/endless.png"))
        })
        .collect();
    assert_eq!(endless.len(), 2);
    for e in endless {
        let size = e["response"]["content"]["size"].as_i64().unwrap_or(-1);
        assert!(
            (1 << 20..=(1 << 20) + (1 << 18)).contains(&size),
            "read {size} bytes of the endless image"
        );
    }
    // `check` on the recording finds the same.
    let checked = check(run.dir.path(), &["--format", "json"]);
    let again = without_tls(findings(&String::from_utf8_lossy(&checked.stdout), &har));
    assert_eq!(again, found);
}

#[test]
fn no_more_than_n_images_per_hotel() {
    let (run, mock, found) = hs4_run(&["a.jpg", "b.jpg", "c.jpg"], &["--check-images", "2"]);
    assert_eq!(found, Vec::<String>::new(), "{}", run.stderr());
    assert_eq!(
        fetched(&mock),
        ["image:a.jpg", "image:b.jpg"].repeat(2),
        "{}",
        run.stderr()
    );
}

#[test]
fn without_check_images_no_image_is_fetched() {
    let (run, mock, found) = hs4_run(&["missing.jpg"], &[]);
    assert_eq!(found, Vec::<String>::new(), "{}", run.stderr());
    assert!(mock.steps().contains(&"details".to_string()));
    assert_eq!(fetched(&mock), Vec::<String>::new());
    assert!(!run.steps().iter().any(|s| s.ends_with(".image")));
}

#[test]
fn hs2_descriptive_info_images_are_fetched_too() {
    let names = vec!["missing.jpg".to_string(), "lobby.jpg".to_string()];
    let mock = Mock::start(&[("images", Behaviour::Images(names))]);
    let run = probe(&scenario(&mock.url(), ""), &["--check-images", "2"]);
    let found = without_tls(run.findings());
    assert_eq!(found, ["image-unreachable@hs2.image"], "{}", run.stderr());
    assert_eq!(fetched(&mock), ["image:missing.jpg", "image:lobby.jpg"]);
    for r in mock.requests.lock().expect("lock").iter() {
        if r.step.starts_with("image:") {
            assert!(!r.head.to_ascii_lowercase().contains("authorization"));
        }
    }
}
