//! Every user-controlled string is escaped for its output format: a file whose name holds a
//! newline, a fake GitHub workflow command and a terminal escape sequence, and whose content
//! puts a Markdown image and backticks into a finding's message, is checked in every format.
//! No format lets the name start a line of its own (a fake annotation), no byte of a terminal
//! escape reaches stdout or stderr (even with `--color never`), the machine formats still
//! parse and keep the name, and the people's formats show the values as text: the Markdown,
//! read by a CommonMark parser with GitHub's table extension, and the HTML, read by an HTML5
//! parser, hold no image, link or markup the supplier wrote.

use std::path::Path;

use assert_cmd::Command;

/// A name with a line break and a fake annotation after it, and a terminal escape.
const NAME: &str = "a\n::error file=evil.xml,line=1::fake \u{1b}[31mred\u{1b}]0;title\u{7}.xml";

/// A response whose 424 payload carries backticks and a Markdown image.
const BODY: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1" Version="1.0" PrimaryLangID="en" AltLangID="en">
      <Errors>
        <Error Type="13" Code="424" ShortText="x">x` ![pwn](https://attacker.example/p.png) &lt;img src=x&gt; `,1,2,3</Error>
      </Errors>
    </OTA_HotelAvailRS>
  </soap:Body>
</soap:Envelope>
"#;

const FORMATS: [&str; 9] = [
    "human", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown", "html",
];

fn run(dir: &Path, format: &str) -> (String, String) {
    let out = Command::cargo_bin("otalint")
        .expect("the binary")
        .env_clear()
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            ".",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{format}: findings");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn hostile_names_and_values_are_escaped_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(NAME), BODY).expect("a file with a hostile name");
    for format in FORMATS {
        let (stdout, stderr) = run(dir.path(), format);
        for (what, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            assert!(
                !text.contains(['\u{1b}', '\u{7}']),
                "{format}: a terminal control reached {what}:\n{text}"
            );
            for line in text.lines() {
                assert!(
                    !line.trim_start().starts_with("::error file=evil"),
                    "{format}: a fake annotation on {what}: {line:?}"
                );
            }
        }
        let shown = match format {
            "junit" | "html" => "a&#10;::error file=evil",
            "markdown" => "a<br>::error file=evil",
            "github" => "a\\n%3A%3Aerror file=evil",
            "sarif" => "a%0A::error%20file=evil",
            _ => "a\\n::error file=evil",
        };
        assert!(
            stdout.contains(shown),
            "{format}: the name is not shown as {shown:?}"
        );
        match format {
            "json" | "sarif" | "gitlab" => {
                let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
                let text = value.to_string();
                assert!(
                    text.contains("::error file=evil") || text.contains("%0A::error%20file=evil")
                );
            }
            "junit" => {
                let doc = roxmltree::Document::parse(&stdout).expect("XML");
                let name = doc
                    .descendants()
                    .find(|n| n.has_tag_name("testcase"))
                    .and_then(|n| n.attribute("name"))
                    .expect("a test case");
                assert!(name.contains("a\n::error file=evil"), "{name:?}");
            }
            "markdown" => markdown_is_inert(&stdout),
            "html" => html_is_inert(&stdout),
            _ => {}
        }
    }
}

/// No image, link or HTML, and the attacker's address only as text or code.
fn markdown_is_inert(md: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut text = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) => {
                panic!("a live link or image to {dest_url} in:\n{md}")
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // otalint's own: the hidden marker and line breaks.
                assert!(
                    h.as_ref() == "<br>" || h.starts_with("<!-- otalint report -->"),
                    "HTML {h:?} in:\n{md}"
                );
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert!(
        text.contains("![pwn](https://attacker.example/p.png)"),
        "shown as text:\n{md}"
    );
    assert!(text.contains("<img src=x>"), "shown as text:\n{md}");
}

/// No element the supplier wrote; its values as text, and message code spans as `code`.
fn html_is_inert(page: &str) {
    let doc = scraper::Html::parse_document(page);
    let select = |s: &str| scraper::Selector::parse(s).expect("selector");
    assert_eq!(doc.select(&select("img, script, a")).count(), 0, "{page}");
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("<img src=x>"), "shown as text");
    assert!(!text.contains('\u{1b}'));
    // A finding's message renders its code spans as code (#28.11), never with backticks.
    let header = doc
        .select(&select(".finding header strong"))
        .next()
        .expect("a finding");
    assert!(
        header.select(&select("code")).count() > 0,
        "{}",
        header.html()
    );
}

/// A probe recording whose scenario name, scenario path and request URL hold Markdown, HTML
/// and backticks: the certification report shows them as text in both people's formats.
#[test]
fn a_recordings_own_values_are_text_in_the_certification_report() {
    let har = std::fs::read_to_string("testdata/samples/captures/conforming/probe-hs2.har")
        .expect("the bundled recording");
    let mut value: serde_json::Value = serde_json::from_str(&har).expect("JSON");
    let run = &mut value["log"]["_otalint"]["run"];
    let scenario = run["scenario"].as_str().expect("scenario").replace(
        "name = \"mock\"",
        "name = \"x` ![pwn](https://attacker.example/p.png) <img src=x> `y\"",
    );
    run["scenario"] = scenario.into();
    run["scenario_path"] = "a`` ![pwn](https://attacker.example/q.png) ``.toml".into();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("run.har"), value.to_string()).expect("written");
    for format in ["markdown", "html"] {
        let out = Command::cargo_bin("otalint")
            .expect("the binary")
            .env_clear()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", format, "run.har"])
            .output()
            .expect("runs");
        let page = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(page.contains("pwn"), "{format}: the values are shown");
        match format {
            "markdown" => markdown_is_inert(&page),
            _ => {
                let doc = scraper::Html::parse_document(&page);
                let select = |s: &str| scraper::Selector::parse(s).expect("selector");
                assert_eq!(doc.select(&select("img, script, a")).count(), 0, "{page}");
                let text: String = doc.root_element().text().collect();
                assert!(text.contains("<img src=x>"), "shown as text");
            }
        }
    }
}
