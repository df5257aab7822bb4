//! The closing sections of the certification report: what the run did not test, and how its
//! redaction can be verified.

use serde_json::Value;

use super::doc::Block;
use super::recording::Recording;

pub fn not_tested(rec: &Recording) -> Vec<Block> {
    let mut items: Vec<String> = rec
        .steps()
        .into_iter()
        .filter(|s| s.1 == "skipped" || s.1 == "blocked")
        .map(|(id, status, why)| {
            format!(
                "{id}: {status}{}",
                why.map_or(String::new(), |w| format!(" — {w}"))
            )
        })
        .collect();
    items.extend([
        "Whether the endpoint still accepts TLS below 1.2 (the probe's TLS library cannot speak it).".to_string(),
        "Requests from Concur's own IP ranges: an endpoint that admits only them answers the probe with 403.".to_string(),
        "Concur's User-Agent, and whether Concur reuses connections or follows redirects, are not documented; the probe reuses connections and follows no redirect.".to_string(),
    ]);
    vec![Block::Heading(2, "Not tested".into()), Block::List(items)]
}

pub fn redaction(rec: &Recording) -> Vec<Block> {
    let mut b = vec![Block::Heading(2, "Redaction".into())];
    if rec.run.get("redacted").and_then(Value::as_bool) == Some(false) {
        b.push(Block::Banner(
            "This recording was made with --no-redact: it holds the credentials and card data."
                .into(),
        ));
        return b;
    }
    b.push(Block::Para(
        "The probe replaced every secret it sent — the password, the wrong password, the user, the Basic credential, the card number and CVV — with markers such as [REDACTED:password] wherever they stood, in requests, answers and headers (Set-Cookie values dropped), and refused to write a recording that still held one in any encoding. To verify: the first command counts the markers; the others look for your own secrets and must print 0.".into(),
    ));
    if let Some(n) = rec
        .run
        .get("short_removed")
        .and_then(Value::as_u64)
        .filter(|n| *n > 0)
    {
        b.push(Block::Para(format!(
            "A secret shorter than six characters was removed in {} of the answers ([REDACTED:short]); some removals may be ordinary text that happened to be equal.",
            super::plural(usize::try_from(n).unwrap_or(usize::MAX), "place")
        )));
    }
    b.push(Block::Command(format!(
        "grep -c 'REDACTED' {path}\ngrep -c \"$YOUR_PASSWORD\" {path}\ngrep -c \"$(printf '%s:%s' \"$YOUR_USER\" \"$YOUR_PASSWORD\" | base64)\" {path}",
        path = rec.path
    )));
    b
}
