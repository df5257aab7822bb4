//! ## What it does
//! On an `otalint probe` recording, once per origin: reports an endpoint that is plain `http:`,
//! a certificate that does not verify for the host, on Hotel Service v2 an endpoint where
//! TLS 1.2 cannot be negotiated, on v4 one where no AES-256 suite can be; and, as a warning, a
//! port other than 443. The probe records what its handshakes found (`_otalint.tls`).
//!
//! ## Why it matters
//! "SAP Concur requires TLS 1.2 … The Hotel Supplier will provide SAP Concur HTTPS URL of its
//! end-point. Standard HTTPS port 443 should be used." (HS2 Introduction); "We require
//! Transport Layer Security v1.2 (TLS 1.2) or higher SSL protocol with a 256-bit AES cipher …
//! Standard HTTPS port 443 should be used." (HS4 Getting Started). Concur's client will not
//! connect where the probe's handshake fails.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 90, "_otalint": {"version": 1, "step": "hs2.search", "service": "hs2", "profile": "hs2", "operation": "search", "tls": {"version": "TLSv1.3", "cipher": "TLS13_AES_256_GCM_SHA384", "verified": true, "tls12": false, "aes256": true}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! Serve HTTPS on port 443 with a certificate from a public CA for the host, and enable
//! TLS 1.2 (v2) and the AES-256 suites (v4) beside TLS 1.3:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 90, "_otalint": {"version": 1, "step": "hs2.search", "service": "hs2", "profile": "hs2", "operation": "search", "tls": {"version": "TLSv1.3", "cipher": "TLS13_AES_256_GCM_SHA384", "verified": true, "tls12": true, "aes256": true}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe;

pub static RULE: Rule = Rule {
    name: "endpoint-tls",
    group: Group::Probe,
    level: Level::Error,
    profiles: PROBED,
    summary: "the endpoint is not HTTPS on port 443 with a verified certificate and the contract's TLS",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    let (Some(tls), Some(url)) = (&facts.tls, facts.url.as_deref()) else {
        return;
    };
    let span = facts.url_span.clone().or_else(|| http.span.clone());
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") {
        out.report_http(span, "the endpoint is plain HTTP; Concur calls an HTTPS URL")
            .label("http:")
            .help("\"The Hotel Supplier will provide SAP Concur HTTPS URL of its end-point.\" (HS2 Introduction, HS4 Getting Started)");
        return;
    }
    if !tls.verified && !tls.insecure {
        let why = tls.error.as_deref().unwrap_or("the certificate does not verify");
        out.report_http(span.clone(), format!("the endpoint's certificate does not verify: {why}"))
            .label("certificate")
            .help("use a certificate from a public CA that names the host; for a private test CA, give the probe its roots with `ca_file` (the run is then not what Concur sees)");
    }
    let (needed, ok) = match cx.profile {
        Profile::Hs4 => ("a 256-bit AES cipher suite (TLS 1.2 or higher)", tls.aes256),
        _ => ("TLS 1.2", tls.tls12),
    };
    if ok == Some(false) {
        let negotiated = tls.version.as_deref().map_or(String::new(), |v| {
            format!(" (it negotiated {v}{})", tls.cipher.as_deref().map_or(String::new(), |c| format!(", {c}")))
        });
        out.report_http(span.clone(), format!("{needed} cannot be negotiated with the endpoint{negotiated}"))
            .label("TLS")
            .help(match cx.profile {
                Profile::Hs4 => "\"We require Transport Layer Security v1.2 (TLS 1.2) or higher SSL protocol with a 256-bit AES cipher\" (HS4 Getting Started): enable TLS_ECDHE_*_WITH_AES_256_GCM_SHA384 or TLS13_AES_256_GCM_SHA384",
                _ => "\"SAP Concur requires TLS 1.2\" (HS2 Introduction): enable TLS 1.2 beside TLS 1.3",
            });
    }
    if let Some(port) = port(&lower)
        && port != 443
    {
        let level = out.level().lower();
        out.report_http(span, format!("the endpoint uses port {port}; Concur expects the standard HTTPS port 443"))
            .label("port")
            .help("\"Standard HTTPS port 443 should be used.\" (HS2 Introduction, HS4 Getting Started)")
            .level(level);
    }
}

/// The explicit port of an `https://` URL.
fn port(url: &str) -> Option<u16> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let after_host = match host_port.rfind(']') {
        Some(at) => &host_port[at + 1..],
        None => host_port,
    };
    after_host.rsplit_once(':').and_then(|(_, p)| p.parse().ok())
}
