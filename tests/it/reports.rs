//! The reports for people (`--format markdown`, `--format html`): snapshots of both for an
//! otalint probe recording and for ordinary samples; the HTML is valid HTML5, self-contained,
//! accessible in its structure; the Markdown stays under GitHub's summary limit.

use std::collections::BTreeSet;

use assert_cmd::Command;

const PROBE: &str = "testdata/samples/captures/broken/probe-hs2.har";

fn report(format: &str, paths: &[&str]) -> String {
    let out = Command::cargo_bin("otalint")
        .expect("the binary")
        .env_clear()
        // The findings report's date, fixed as reproducible builds fix it.
        .env("SOURCE_DATE_EPOCH", "1796668503")
        .args(["check", "--no-config", "--format", format])
        .args(paths)
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_certification_report_in_markdown() {
    insta::assert_snapshot!("certification_markdown", report("markdown", &[PROBE]));
}

#[test]
fn the_certification_report_in_html() {
    insta::assert_snapshot!("certification_html", report("html", &[PROBE]));
}

/// `check a.har b.har`: one certification report per recording, each with its own header,
/// verdict and findings; other inputs in a section of their own (#24.9).
#[test]
fn each_recording_gets_its_own_certification_report() {
    const GOOD: &str = "testdata/samples/captures/conforming/probe-hs2.har";
    let md = report(
        "markdown",
        &[
            GOOD,
            PROBE,
            "testdata/samples/hs2/broken/cancel-no-code.xml",
        ],
    );
    let sections: Vec<&str> = md.split("\n## ").skip(1).collect();
    assert_eq!(sections.len(), 3, "{md}");
    let (good, broken, other) = (sections[0], sections[1], sections[2]);
    assert!(
        good.starts_with("Concur pre-certification") && good.contains(GOOD),
        "{good}"
    );
    assert!(!good.contains(PROBE), "{good}");
    assert!(good.contains("Verdict: PASS — 0 errors"), "{good}");
    assert!(
        !good.contains("credentials-not-rejected"),
        "B's findings under A: {good}"
    );
    assert!(broken.starts_with("Concur pre-certification") && broken.contains(PROBE));
    assert!(broken.contains("Verdict: FAIL — 7 errors"), "{broken}");
    assert!(broken.contains("credentials-not-rejected"), "{broken}");
    assert!(!broken.contains("cancel-no-code"), "{broken}");
    assert!(other.starts_with("Other inputs") && other.contains("cancel-no-code.xml"));
    assert!(!other.contains("credentials-not-rejected"), "{other}");
    let html = report("html", &[GOOD, PROBE]);
    check_html(&html);
    let doc = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).expect("selector");
    let verdicts: Vec<String> = doc
        .select(&select("h3"))
        .map(|h| h.text().collect::<String>())
        .filter(|t| t.starts_with("Verdict"))
        .collect();
    assert_eq!(verdicts.len(), 2, "{verdicts:?}");
    assert!(verdicts[0].contains("PASS") && verdicts[1].contains("FAIL"));
}

#[test]
fn the_findings_report_in_markdown_and_html() {
    let paths = [
        "testdata/samples/hs2/broken",
        "testdata/samples/hs2/conforming",
    ];
    insta::assert_snapshot!("findings_markdown", report("markdown", &paths));
    check_html(&report("html", &paths));
}

/// Parses the page as HTML5 and checks what the issue asks of it.
fn check_html(page: &str) {
    let doc = scraper::Html::parse_document(page);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    let select = |s: &str| scraper::Selector::parse(s).expect("selector");
    assert_eq!(doc.select(&select("script")).count(), 0, "no script");
    assert_eq!(
        doc.select(&select("link, img, iframe, object, embed"))
            .count(),
        0,
        "nothing external"
    );
    for el in doc.select(&select("[src], [href]")) {
        let url = el
            .value()
            .attr("src")
            .or(el.value().attr("href"))
            .unwrap_or("");
        assert!(
            url.starts_with('#') || url.starts_with("https://developer.concur.com/"),
            "external URL {url}"
        );
    }
    for table in doc.select(&select("table")) {
        assert!(
            table.select(&select("thead th[scope=col]")).count() > 0,
            "a table without headers"
        );
    }
    // Headings in order: never a level skipped on the way down.
    let mut last = 0;
    for h in doc.select(&select("h1, h2, h3, h4, h5, h6")) {
        let level: usize = h.value().name()[1..].parse().expect("level");
        assert!(
            level <= last + 1,
            "h{level} after h{last}: {}",
            h.text().collect::<String>()
        );
        last = level;
    }
    assert_eq!(doc.select(&select("h1")).count(), 1);
    // Levels are words, not colours alone.
    for badge in doc.select(&select(".tone")) {
        let text: String = badge.text().collect();
        assert!(
            text.chars().any(char::is_alphanumeric),
            "a badge without a word: {text:?}"
        );
    }
    assert!(page.contains("prefers-color-scheme: dark") && page.contains("@media print"));
    assert!(
        !page.contains("http://")
            || page.contains("test.acme-hotels.example")
            || !page.contains("src=\"http")
    );
}

#[test]
fn the_certification_html_is_valid_and_self_contained() {
    let page = report("html", &[PROBE]);
    check_html(&page);
    let sections: BTreeSet<&str> = [
        "Verdict",
        "Flow",
        "Negative probes",
        "Transport",
        "Booking",
        "Performance",
        "Findings by rule",
        "Correlation IDs",
        "Not tested",
        "Redaction",
    ]
    .into();
    for s in sections {
        assert!(page.contains(&format!("<h2>{s}")), "no {s} section");
    }
    assert!(page.contains("<mark>"), "findings show their span marked");
}

#[test]
fn markdown_stays_within_githubs_summary_limit_and_cuts_between_rows() {
    // 3,000 findings: far past what fits.
    let dir = tempfile::tempdir().expect("dir");
    let body = "<Errors><Error Code=\"1\"/></Errors>";
    for i in 0..2500 {
        let text = format!(
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><OTA_HotelAvailRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" EchoToken=\"{i}\">{body}{body}</OTA_HotelAvailRS></soap:Body></soap:Envelope>"
        );
        std::fs::write(
            dir.path().join(format!("r{i:04}-{}.xml", "x".repeat(150))),
            text,
        )
        .expect("write");
    }
    let out = Command::cargo_bin("otalint")
        .expect("bin")
        .args(["check", "--no-config", "--format", "markdown"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.len() < 1024 * 1024, "{} bytes", md.len());
    assert!(
        md.contains("more findings are not shown here"),
        "the cut is said"
    );
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert!(line.ends_with('|'), "a row cut in the middle: {line}");
    }
}

#[test]
fn otalint_never_checks_its_own_markdown_or_html() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::copy(
        "testdata/samples/hs2/conforming/search.xml",
        dir.path().join("a.xml"),
    )
    .expect("copy");
    let run = |args: &[&str]| {
        Command::cargo_bin("otalint")
            .expect("bin")
            .current_dir(dir.path())
            .env_clear()
            .args(["check", ".", "--no-config"])
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&[
        "--format",
        "markdown",
        "--output",
        "report.md",
        "--format",
        "html",
        "--output",
        "report.html",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["--ext", "xml,md,html", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["skipped"], 2, "{v}");
}

/// The findings report says when it was made and what it judged: the paths given, the
/// profiles they were read as, the otalint version, the configuration and options (#28.10).
#[test]
fn the_findings_report_says_when_and_what_was_checked() {
    let paths = [
        "testdata/samples/hs2/broken",
        "testdata/samples/hs4/conforming",
    ];
    let md = report("markdown", &paths);
    let about = md
        .split("| about the check | value |")
        .nth(1)
        .expect("the table under the title");
    let row = |key: &str| {
        about
            .lines()
            .find(|l| l.starts_with(&format!("| {key} |")))
            .unwrap_or_else(|| panic!("no {key} row in {about}"))
            .to_string()
    };
    assert!(row("Checked (UTC)").contains("2026-12-07T18:35:03Z"));
    assert!(row("Paths").contains("testdata/samples/hs2/broken testdata/samples/hs4/conforming"));
    assert!(row("Profiles").contains("hs2 (") && row("Profiles").contains("hs4 ("));
    assert!(row("otalint").contains(env!("CARGO_PKG_VERSION")));
    assert!(row("Configuration").contains("none (--no-config)"));
    let html = report("html", &paths);
    check_html(&html);
    assert!(html.contains("2026-12-07T18:35:03Z") && html.contains("none (--no-config)"));
}

/// `--output FILE` without `--format` writes the default format there (#28.9); it was
/// refused as an `--output` before any `--format`.
#[test]
fn an_output_without_a_format_writes_the_default_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.txt");
    let out = Command::cargo_bin("otalint")
        .expect("the binary")
        .env_clear()
        .args([
            "check",
            "--no-config",
            "testdata/samples/hs2/broken/cancel-no-code.xml",
        ])
        .arg("--output")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "the report went to the file");
    let report = std::fs::read_to_string(&file).expect("the report");
    assert!(report.contains("missing-code"), "{report}");
    assert!(
        report.contains("1 file: 1 error"),
        "the human summary: {report}"
    );
    assert!(!report.contains('\u{1b}'), "no colour in a file");
}
