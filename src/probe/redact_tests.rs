use super::*;

fn secrets() -> Secrets {
    let mut s = Secrets::default();
    s.add(Kind::Password, "p&ss\"w0rd");
    s.add(Kind::CardNumber, "4111111111111111");
    s.add(Kind::Cvv, "737");
    s
}

#[test]
fn every_form_of_a_secret_is_replaced() {
    let s = secrets();
    let text = b"a p&amp;ss&quot;w0rd b p&ss\\\"w0rd c p%26ss%22w0rd d 4111 1111 1111 1111 e 4111111111111111";
    let (out, counts) = s.scrub(text);
    let out = String::from_utf8(out).expect("utf-8");
    assert!(!out.contains("w0rd"), "{out}");
    assert!(!out.contains("1111"), "{out}");
    assert_eq!(
        counts
            .iter()
            .filter(|(k, _)| *k == Kind::CardNumber)
            .map(|(_, n)| n)
            .sum::<usize>(),
        2
    );
    assert_eq!(s.find(out.as_bytes()), None);
}

#[test]
fn base64_inside_a_longer_value_is_found() {
    let s = secrets();
    for prefix in ["", "x", "xy"] {
        let encoded = STANDARD.encode(format!("{prefix}user:p&ss\"w0rd;more"));
        assert!(s.find(encoded.as_bytes()).is_some(), "{prefix}: {encoded}");
    }
}

#[test]
fn a_short_cvv_is_marked_where_it_was_sent_and_removed_elsewhere() {
    let s = secrets();
    let (out, n) = s.scrub_element(
        b"<SeriesCode><PlainText>737</PlainText></SeriesCode> room 737",
        &["PlainText"],
        Kind::Cvv,
    );
    assert_eq!(n, 1);
    let (out, counts) = s.scrub(&out);
    assert_eq!(
        String::from_utf8_lossy(&out),
        "<SeriesCode><PlainText>[REDACTED:cvv]</PlainText></SeriesCode> room [REDACTED:short]"
    );
    assert_eq!(counts, vec![(Kind::Short, 1)]);
}

#[test]
fn a_password_every_encoding_changes_is_removed_from_every_form() {
    let password = "p&\"<>+/= %é\\";
    let mut s = Secrets::default();
    s.add(Kind::Password, password);
    let url: String = password
        .bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02x}"),
        })
        .collect();
    let json = serde_json::to_string(password).expect("json");
    let forms = [
        format!(
            "<a>{}</a>",
            password.replace('&', "&amp;").replace('<', "&lt;")
        ),
        format!(
            "<a v=\"{}\"/>",
            password
                .replace('&', "&#38;")
                .replace('"', "&#x22;")
                .replace('<', "&#60;")
        ),
        format!("q={}&x=1", url.replace("%20", "+")),
        format!("{{\"p\": {json}}}"),
        format!(
            "t={} end",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("id:{password}"))
        ),
        format!("shout {}", password.to_uppercase()),
    ];
    for form in forms {
        let (out, counts) = s.scrub(form.as_bytes());
        assert_eq!(
            s.find(&out),
            None,
            "{form} -> {}",
            String::from_utf8_lossy(&out)
        );
        assert_eq!(counts, vec![(Kind::Password, 1)], "{form}");
        assert!(
            String::from_utf8_lossy(&out).contains("[REDACTED:password]"),
            "{form}"
        );
    }
}

#[test]
fn a_short_secret_is_removed_wherever_it_stands() {
    let mut s = Secrets::default();
    s.add(Kind::Password, "Ab1!");
    let (out, counts) = s.scrub(b"X-Debug: pass=Ab1!\r\n\r\n<t>pass ab1%21</t>");
    assert_eq!(
        String::from_utf8_lossy(&out),
        "X-Debug: pass=[REDACTED:short]\r\n\r\n<t>pass [REDACTED:short]</t>"
    );
    assert_eq!(counts, vec![(Kind::Short, 2)]);
}

#[test]
fn a_json_file_keeps_its_structure() {
    let mut s = Secrets::default();
    s.add(Kind::Cvv, "737");
    let text = br#"{"time": 737.5, "text": "cvv 737 and \u0037\u00337"}"#;
    let (out, counts) = s.scrub(text);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("still JSON");
    assert_eq!(v["time"], 737.5);
    assert_eq!(v["text"], "cvv [REDACTED:short] and [REDACTED:short]");
    assert_eq!(counts, vec![(Kind::Short, 2)]);
}

#[test]
fn a_recording_of_a_megabyte_is_judged_in_a_few_views() {
    let mut s = secrets();
    s.add(Kind::User, "acme-probe-user");
    let body = "<RatePlan RatePlanID=\"RP-HTL4444\" AvailabilityStatus=\"AvailableForSale\">&amp; text</RatePlan>\n".repeat(10_000);
    let har = serde_json::to_vec_pretty(&serde_json::json!({"log": {"entries": [{"text": body}]}}))
        .expect("json");
    let mut views = 0;
    let cores = s.base64_cores();
    let b64 = |t: &[u8]| cores.iter().any(|c| memchr::memmem::find(t, c).is_some());
    crate::gate::views::each(&har, &b64, &mut |_| views += 1);
    // The JSON strings, their XML decoding and its `+` variant: no base64 window, since no
    // part of a secret's base64 stands in the text.
    assert!(views <= 4, "{views} views");
    let (out, counts) = s.scrub(&har);
    assert_eq!((out.len(), counts.len()), (har.len(), 0));
}

#[test]
fn a_short_secret_inside_a_timestamp_is_the_times_own() {
    // The CVV 737 as the milliseconds of a HAR's `startedDateTime`, and a 4-digit one as the
    // year: the timestamps stay whole (a HAR with a cut timestamp is no HAR), the same digits
    // elsewhere are removed.
    let mut s = Secrets::default();
    s.add(Kind::Cvv, "737");
    s.add(Kind::Cvv, "2026");
    let text = br#"{"startedDateTime": "2026-12-07T19:43:12.737Z", "text": "cvv 737, 2026+737"}"#;
    let (out, _) = s.scrub(text);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("still JSON");
    assert_eq!(v["startedDateTime"], "2026-12-07T19:43:12.737Z");
    assert_eq!(
        v["text"],
        "cvv [REDACTED:short], [REDACTED:short]+[REDACTED:short]"
    );
    assert_eq!(s.find(&out), None);
}
