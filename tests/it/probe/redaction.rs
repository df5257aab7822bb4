//! No secret reaches a file or an output (PROBE.md §9.5): the password, the wrong password, the
//! Basic header, the card number and CVV are replaced by value wherever they stand — also when
//! the supplier echoes them in odd places — and the self-check refuses a recording that still
//! holds one in an encoding the redaction does not replace.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::*;

/// Every form a secret could take in a file.
fn forms(secret: &str) -> Vec<String> {
    let xml = secret.replace('&', "&amp;");
    let json = serde_json::to_string(secret).expect("json");
    let url: String = secret
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    vec![
        secret.to_string(),
        xml,
        json[1..json.len() - 1].to_string(),
        url,
        STANDARD.encode(secret),
    ]
}

fn assert_clean(what: &str, text: &str) {
    let bad = format!("{}-otalint-invalid", mock::PASSWORD);
    let basic = STANDARD.encode(format!("{}:{}", mock::USER, mock::PASSWORD));
    let bad_basic = STANDARD.encode(format!("{}:{bad}", mock::USER));
    for secret in [mock::PASSWORD, bad.as_str(), mock::CARD, mock::USER] {
        for form in forms(secret) {
            assert!(!text.contains(&form), "{what} holds {form:?}");
        }
    }
    for b in [basic, bad_basic] {
        assert!(!text.contains(&b), "{what} holds the Basic credential");
    }
    assert!(!text.contains(">737<"), "{what} holds the CVV");
}

fn all_outputs(plan: &[(&str, Behaviour)]) -> Run {
    let mock = Mock::start(plan);
    let formats = [
        "human", "concise", "json", "sarif", "github", "junit", "gitlab",
    ];
    let mut args: Vec<String> = Vec::new();
    for f in formats {
        args.extend([
            "--format".into(),
            f.into(),
            "--output".into(),
            format!("out.{f}"),
        ]);
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = probe(&scenario(&mock.url(), BOOKING), &refs);
    assert_clean("the recording", &run.har_text());
    assert_clean("stdout", &run.stdout());
    assert_clean("stderr", &run.stderr());
    for f in formats {
        let text =
            std::fs::read_to_string(run.dir.path().join(format!("out.{f}"))).unwrap_or_default();
        assert_clean(f, &text);
    }
    run
}

#[test]
fn nothing_secret_is_recorded_or_reported() {
    let run = all_outputs(&[]);
    let har = run.har();
    let first = &har["log"]["entries"][0];
    let auth = first["request"]["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .find(|h| h["name"] == "authorization")
        .expect("authorization");
    assert_eq!(auth["value"], "Basic [REDACTED]");
    let body = first["request"]["postData"]["text"].as_str().expect("body");
    assert!(
        body.contains("<userid>[REDACTED:user]</userid>")
            && body.contains("<password>[REDACTED:bad-password]</password>"),
        "{body}"
    );
    let book = entry(&har, "hs2.book");
    let rq = book["request"]["postData"]["text"]
        .as_str()
        .expect("book request");
    assert!(
        rq.contains("[REDACTED:card-number]") && rq.contains("[REDACTED:cvv]"),
        "{rq}"
    );
    assert_eq!(har["log"]["_otalint"]["run"]["redacted"], true);
}

#[test]
fn secrets_the_supplier_echoes_in_odd_places_are_redacted() {
    let run = all_outputs(&[
        ("search", Behaviour::EchoPassword),
        ("detail", Behaviour::EchoAuthHeader),
        ("book", Behaviour::EchoCard),
    ]);
    let text = run.har_text();
    assert!(
        text.contains("[REDACTED:password]"),
        "the echoed password became a marker"
    );
    let har = run.har();
    let detail = entry(&har, "hs2.detail");
    let headers = detail["response"]["headers"].as_array().expect("headers");
    let value = |name: &str| {
        headers
            .iter()
            .find(|h| h["name"] == name)
            .map(|h| h["value"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert_eq!(value("Set-Cookie"), "[REDACTED]", "{headers:?}");
    assert_eq!(
        value("X-Echo-Authorization"),
        "Basic [REDACTED:authorization]"
    );
    assert_eq!(
        value("X-Debug"),
        "user=[REDACTED:user] pass=[REDACTED:password]"
    );
}

#[test]
fn a_secret_in_an_encoding_redaction_does_not_replace_stops_the_recording() {
    let mock = Mock::start(&[("detail", Behaviour::EchoBase64Password)]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("refusing to write a recording that contains a credential: password"),
        "{}",
        run.stderr()
    );
    // The recording holds what came before, and nothing was sent after it (no booking).
    let steps = run.steps();
    assert!(
        steps.contains(&"hs2.availability".to_string())
            && !steps.contains(&"hs2.detail".to_string()),
        "{steps:?}"
    );
    assert_eq!(
        mock.steps().last().map(String::as_str),
        Some("detail"),
        "{:?}",
        mock.steps()
    );
    assert_clean("the recording", &run.har_text());
}

#[test]
fn no_redact_keeps_secrets_and_says_so() {
    let mock = Mock::start(&[]);
    let run = probe(
        &scenario(&mock.url(), ""),
        &["--no-redact", "--format", "human", "--output", "report.txt"],
    );
    assert!(run.stderr().contains("NOT REDACTED"), "{}", run.stderr());
    let human = std::fs::read_to_string(run.dir.path().join("report.txt")).expect("report");
    assert!(
        human.contains("NOT REDACTED — do not share: run.har"),
        "{human}"
    );
    let json: Value = serde_json::from_str(&run.stdout()).expect("json");
    assert_eq!(json["probe"]["redacted"], false);
    assert_eq!(run.har()["log"]["_otalint"]["run"]["redacted"], false);
    assert!(run.har_text().contains(&STANDARD.encode(format!(
        "{}:{}",
        mock::USER,
        mock::PASSWORD
    ))));
}
