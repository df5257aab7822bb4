//! No secret reaches a file or an output (docs/probe.md "What is never stored"): the password, the wrong password, the
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
fn base64_of_the_password_inside_a_longer_value_is_removed() {
    let mock = Mock::start(&[("detail", Behaviour::EchoBase64Password)]);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    assert_ne!(run.code(), 2, "{}", run.stderr());
    let detail = entry(&run.har(), "hs2.detail").clone();
    let body = detail["response"]["content"]["text"].as_str().unwrap_or("");
    assert!(body.contains("[REDACTED:password]"), "{body}");
    assert!(
        mock.steps().contains(&"cancel".to_string()),
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

// ---- decoded views, the write gate, short secrets, credentials-in-response, file modes ----

/// A password that JSON, XML, URL encoding and base64 all change.
const HOSTILE: &str = "p&\"<>+/= %é\\";

/// `secret` in every encoding a supplier might echo it in; with `cores`, also the parts of its
/// base64 that stand in any longer base64 value holding it.
fn encodings(secret: &str, cores: bool) -> Vec<String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let url = |lower: bool, plus: bool| -> String {
        secret
            .bytes()
            .map(|b| match b {
                b' ' if plus => "+".to_string(),
                b if b.is_ascii_alphanumeric() => (b as char).to_string(),
                b if lower => format!("%{b:02x}"),
                b => format!("%{b:02X}"),
            })
            .collect()
    };
    let numeric = |hex: bool| -> String {
        secret
            .chars()
            .map(|c| match (c.is_ascii_alphanumeric(), hex) {
                (true, _) => c.to_string(),
                (false, true) => format!("&#x{:x};", c as u32),
                (false, false) => format!("&#{};", c as u32),
            })
            .collect()
    };
    let json = serde_json::to_string(secret).expect("json");
    let mut all = vec![
        secret.to_string(),
        secret.to_uppercase(),
        secret.to_lowercase(),
        secret.replace('&', "&amp;").replace('<', "&lt;"),
        answers::esc(secret),
        numeric(false),
        numeric(true),
        json[1..json.len() - 1].to_string(),
        url(false, false),
        url(true, false),
        url(true, true),
        STANDARD.encode(secret).trim_end_matches('=').to_string(),
        URL_SAFE_NO_PAD.encode(secret),
    ];
    if cores {
        // The part of the base64 that does not depend on where the secret starts in a longer
        // encoded value, at each of the three alignments.
        for shift in 0..3 {
            let mut padded = vec![0u8; shift];
            padded.extend_from_slice(secret.as_bytes());
            for encoded in [STANDARD.encode(&padded), URL_SAFE_NO_PAD.encode(&padded)] {
                let start = (8 * shift).div_ceil(6);
                let end = (8 * (shift + secret.len())) / 6;
                all.push(encoded[start..end].to_string());
            }
        }
    }
    all.sort();
    all.dedup();
    all
}

/// A chunked body without its framing (the test's own reading, not otalint's).
fn dechunked(raw: &[u8]) -> Vec<u8> {
    let Some(head) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return raw.to_vec();
    };
    if !String::from_utf8_lossy(&raw[..head])
        .to_ascii_lowercase()
        .contains("chunked")
    {
        return raw.to_vec();
    }
    let (mut out, mut at) = (raw[..head + 4].to_vec(), head + 4);
    while let Some(eol) = raw[at..].windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[at..at + eol]).trim(), 16);
        let Ok(size) = size.map(|n| n.min(raw.len() - (at + eol + 2))) else {
            break;
        };
        out.extend_from_slice(&raw[at + eol + 2..at + eol + 2 + size]);
        at += eol + 2 + size + 2;
        if size == 0 || at >= raw.len() {
            break;
        }
    }
    out
}

/// Every gzip member in `raw`, inflated.
fn inflated(raw: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    for at in (0..raw.len().saturating_sub(2)).filter(|&i| raw[i..i + 3] == [0x1f, 0x8b, 8]) {
        let _ = flate2::read::GzDecoder::new(&raw[at..]).read_to_end(&mut out);
    }
    out
}

/// Every file under `dir` (the run's directory: recording, reports, evidence), read as the
/// test reads it: as written, without chunk framing, inflated.
fn written(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let name = e.path().display().to_string();
        let bytes = std::fs::read(e.path()).expect("read");
        let plain = dechunked(&bytes);
        all.push((format!("{name} (inflated)"), inflated(&plain)));
        all.push((format!("{name} (dechunked)"), plain));
        all.push((name, bytes));
    }
    all
}

/// No file the run wrote holds `secret` in any encoding (case-insensitively).
fn assert_no_file_holds(run: &Run, secret: &str) {
    let forms = encodings(secret, secret.chars().count() >= 6);
    let files = written(run.dir.path());
    assert!(files.len() > 3, "the run wrote files");
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for form in &forms {
            assert!(
                !text.contains(&form.to_lowercase()),
                "{name} holds the secret as {form:?}"
            );
        }
    }
}

fn probe_as(password: &str, plan: &[(&str, Behaviour)], extra: &[&str]) -> (Mock, Run) {
    let mut plan = plan.to_vec();
    plan.push(("credentials", Behaviour::Password(password.to_string())));
    let mock = Mock::start(&plan);
    let run = super::flow::probe_in(
        &scenario(&mock.url(), BOOKING),
        extra,
        &[("MOCK_PASSWORD", password)],
        |_| {},
    );
    (mock, run)
}

fn echo(text: String) -> Behaviour {
    Behaviour::Echo(mock::Echo {
        text,
        ..mock::Echo::default()
    })
}

#[test]
fn every_encoding_of_an_echoed_password_is_removed_from_every_file() {
    let pw = HOSTILE;
    let forms = encodings(pw, false);
    let text = |from: usize| -> String {
        forms[from..]
            .iter()
            .map(|f| format!("<Text><![CDATA[{f}]]></Text>"))
            .collect::<Vec<_>>()
            .join("")
    };
    let (mock, run) = probe_as(
        pw,
        &[
            ("search", echo(text(0))),
            (
                "detail",
                Behaviour::Echo(mock::Echo {
                    headers: format!(
                        "X-Debug: pass={}\r\nX-Trace: {}\r\n",
                        pw.bytes()
                            .map(|b| match b {
                                b' ' => "+".to_string(),
                                b if b.is_ascii_alphanumeric() => (b as char).to_string(),
                                b => format!("%{b:02x}"),
                            })
                            .collect::<String>(),
                        STANDARD.encode(format!("acme;{pw};end"))
                    ),
                    ..mock::Echo::default()
                }),
            ),
        ],
        &["--evidence", "ev"],
    );
    assert_ne!(run.code(), 2, "{}", run.stderr());
    assert!(
        mock.steps().contains(&"cancel".to_string()),
        "{:?}",
        mock.steps()
    );
    assert!(run.har_text().contains("[REDACTED:password]"));
    assert!(
        run.dir.path().join("ev/run.har").exists(),
        "the bundle was written"
    );
    assert_no_file_holds(&run, pw);
    assert_no_file_holds(&run, &format!("{}:{pw}", mock::USER));
}

#[test]
fn a_four_character_password_echoed_in_a_header_and_a_body_is_removed_and_said() {
    let pw = "Zq4!";
    let (_mock, run) = probe_as(
        pw,
        &[(
            "detail",
            Behaviour::Echo(mock::Echo {
                headers: format!("X-Debug: pass={pw}\r\n"),
                text: format!("<!-- login {} -->", pw.to_lowercase()),
                ..mock::Echo::default()
            }),
        )],
        &[
            "--format",
            "markdown",
            "--output",
            "report.md",
            "--evidence",
            "ev",
        ],
    );
    assert_ne!(run.code(), 2, "{}", run.stderr());
    let detail = entry(&run.har(), "hs2.detail").clone();
    let text = detail.to_string();
    assert!(text.contains("pass=[REDACTED:short]"), "{text}");
    assert!(text.contains("login [REDACTED:short]"), "{text}");
    assert!(
        run.stderr()
            .contains("shorter than six characters was removed in 2 places"),
        "{}",
        run.stderr()
    );
    let report = std::fs::read_to_string(run.dir.path().join("report.md")).expect("report");
    assert!(
        report.contains("shorter than six characters was removed in 2 place"),
        "{report}"
    );
    let console = std::fs::read_to_string(run.dir.path().join("ev/console.txt")).expect("console");
    assert!(
        console.contains("shorter than six characters was removed in 2 places"),
        "{console}"
    );
    assert_no_file_holds(&run, pw);
}

#[test]
fn the_evidence_bundle_holds_no_base64_gzip_or_chunk_split_password() {
    let pw = mock::PASSWORD;
    let inside = format!("<Text>{}</Text>", answers::esc(pw));
    let (_mock, run) = probe_as(
        pw,
        &[
            (
                "detail",
                echo(format!(
                    "<Text>{}</Text>",
                    STANDARD.encode(format!("session;{pw};end"))
                )),
            ),
            (
                "availability",
                Behaviour::Echo(mock::Echo {
                    text: inside.clone(),
                    gzip: true,
                    chunk: Some(64),
                    ..mock::Echo::default()
                }),
            ),
            (
                "search",
                Behaviour::Echo(mock::Echo {
                    text: inside,
                    chunk: Some(5),
                    ..mock::Echo::default()
                }),
            ),
        ],
        &["--evidence", "ev"],
    );
    assert_ne!(run.code(), 2, "{}", run.stderr());
    let ev = run.dir.path().join("ev");
    let names: Vec<String> = std::fs::read_dir(&ev)
        .expect("the bundle")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for step in ["hs2.search", "hs2.availability", "hs2.detail"] {
        assert!(
            names.iter().any(|n| n.ends_with(&format!("{step}.http"))),
            "{step}: {names:?}"
        );
    }
    assert_no_file_holds(&run, pw);
}

#[test]
fn an_echoed_password_is_a_credentials_in_response_error_offline_too() {
    let mock = Mock::start(&[("search", Behaviour::EchoPassword)]);
    let run = probe(&scenario(&mock.url(), ""), &[]);
    assert!(
        run.findings()
            .contains(&"credentials-in-response@hs2.search".to_string()),
        "{:?}",
        run.findings()
    );
    let offline = check(run.dir.path(), &["--format", "json"]);
    let offline = findings(&String::from_utf8_lossy(&offline.stdout), &run.har());
    assert_eq!(offline, run.findings());
}

#[cfg(unix)]
#[test]
fn files_follow_the_umask_and_keep_the_mode_they_replace() {
    use std::os::unix::fs::PermissionsExt;
    let bin = assert_cmd::cargo::cargo_bin("otalint");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("file").permissions().mode() & 0o777;
    let mock = Mock::start(&[]);
    let run = super::flow::probe_in(
        &scenario(&mock.url(), ""),
        &["--evidence", "ev", "--format", "html", "--output", "r.html"],
        &[],
        |_| {},
    );
    // probe_in runs under the test's umask: make it 022 explicitly by re-running check.
    let sh = |umask: &str, args: &str| {
        let out = std::process::Command::new("sh")
            .current_dir(run.dir.path())
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" {args}"))
            .arg(&bin)
            .output()
            .expect("sh");
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let d = run.dir.path();
    sh(
        "022",
        "check run.har --no-config --rules fast.toml --format json --output a.json --write-baseline b.json",
    );
    assert_eq!(mode(&d.join("a.json")), 0o644);
    assert_eq!(mode(&d.join("b.json")), 0o644);
    sh(
        "077",
        "check run.har --no-config --rules fast.toml --format json --output c.json",
    );
    assert_eq!(mode(&d.join("c.json")), 0o600);
    // Replacing a 0644 report under umask 077 keeps 0644; a 0640 one stays 0640.
    std::fs::set_permissions(d.join("b.json"), std::fs::Permissions::from_mode(0o640))
        .expect("chmod");
    sh(
        "077",
        "check run.har --no-config --rules fast.toml --format json --output a.json --write-baseline b.json",
    );
    assert_eq!(mode(&d.join("a.json")), 0o644);
    assert_eq!(mode(&d.join("b.json")), 0o640);
    // The probe's own files (recording, evidence, reports): 0666 less the test's umask.
    let expected = mode(&d.join("probe.toml"));
    for f in [
        "run.har",
        "r.html",
        "ev/run.har",
        "ev/console.txt",
        "ev/scenario.toml",
        "ev/report.md",
    ] {
        assert_eq!(mode(&d.join(f)), expected, "{f}");
    }
}
