//! The transport: the tape holds the exact bytes (a guard on the ureq pin), TLS facts per
//! origin, proxies and NO_PROXY.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

#[test]
fn tape_is_exact() {
    let raw = b"HTTP/1.1 200 Fine Thanks\r\nX-Odd-Case: A\r\ncontent-TYPE: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<a/>\r\n0\r\n\r\n".to_vec();
    let mock = Mock::start(&[("detail", Behaviour::Raw(raw))]);
    let run = probe(&scenario(&mock.url(), ""), &[]);
    let har = run.har();
    let detail = entry(&har, "hs2.detail").clone();
    let r = &detail["response"];
    assert_eq!(r["statusText"], "Fine Thanks");
    assert_eq!(r["httpVersion"], "HTTP/1.1");
    let names: Vec<&str> = r["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .filter_map(|h| h["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["X-Odd-Case", "content-TYPE", "Transfer-Encoding"],
        "names and order as sent"
    );
    assert_eq!(r["content"]["text"], "<a/>");
    assert_eq!(r["bodySize"], 4, "the body without its chunk framing");
    // The request as sent, read back from the tape: ureq's host and content-length included.
    let sent: Vec<&str> = detail["request"]["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .filter_map(|h| h["name"].as_str())
        .collect();
    assert!(
        sent.contains(&"host") && sent.contains(&"content-length") && sent.contains(&"soapaction"),
        "{sent:?}"
    );
    assert!(
        run.findings()
            .contains(&"chunked-encoding@hs2.detail".to_string())
    );
}

#[test]
fn tls_1_3_only_fails_hs2s_tls_1_2_requirement() {
    let mock = Mock::start_tls(&[], true);
    let text = scenario(&mock.tls_url(), "")
        .replace("proxy = \"none\"", "proxy = \"none\"\nca_file = \"ca.pem\"");
    let run = super::flow::probe_ca(&text, &format!("{}/ca.pem", tls::DIR));
    let report: Value = serde_json::from_str(&run.stdout()).expect("json");
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["rule"] == "endpoint-tls")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m
            .starts_with("TLS 1.2 cannot be negotiated with the endpoint (it negotiated TLSv1.3")),
        "{messages:?}"
    );
    assert_eq!(run.code(), 1);
}

#[test]
fn an_untrusted_certificate() {
    let mock = Mock::start_tls(&[], false);
    let text = scenario(&mock.tls_url(), "")
        .replace("proxy = \"none\"", "proxy = \"none\"\nca_file = \"ca.pem\"");
    let run = super::flow::probe_ca(&text, &format!("{}/other-ca.pem", tls::DIR));
    let found = run.findings();
    assert!(
        found.contains(&"endpoint-tls@hs2.bad-credentials".to_string()),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .filter(|f| !f.starts_with("endpoint-tls"))
            .all(|f| f.starts_with("no-response@")),
        "{found:?}"
    );
    assert!(
        run.stdout().contains("certificate does not verify"),
        "{}",
        run.stdout()
    );
    assert!(mock.steps().is_empty(), "no request got past the handshake");
}

/// A forward proxy for CONNECT on 127.0.0.1; counts the tunnels it opened.
fn proxy() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let c = c.clone();
            std::thread::spawn(move || tunnel(conn, &c));
        }
    });
    (port, count)
}

fn tunnel(mut client: TcpStream, count: &AtomicUsize) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let Some(target) = head
        .strip_prefix("CONNECT ")
        .and_then(|r| r.split_whitespace().next())
    else {
        return;
    };
    if !target.starts_with("127.0.0.1:") {
        let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\n\r\n");
        return;
    }
    let Ok(server) = TcpStream::connect(target) else {
        return;
    };
    count.fetch_add(1, Ordering::SeqCst);
    let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
    let (mut c2, mut s2) = (
        client.try_clone().expect("clone"),
        server.try_clone().expect("clone"),
    );
    let mut s = server;
    let mut c = client;
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut c2, &mut s);
    });
    let _ = std::io::copy(&mut s2, &mut c);
}

#[test]
fn a_proxy_and_no_proxy() {
    let mock = Mock::start_tls(&[], false);
    let (port, tunnels) = proxy();
    let proxy_url = format!("http://127.0.0.1:{port}");
    let text = scenario(&mock.tls_url(), "").replace(
        "proxy = \"none\"",
        &format!("proxy = \"{proxy_url}\"\nca_file = \"ca.pem\""),
    );
    let run = super::flow::probe_ca(&text, &format!("{}/ca.pem", tls::DIR));
    assert!(
        tunnels.load(Ordering::SeqCst) > 0,
        "the exchanges went through the proxy"
    );
    assert_eq!(run.findings(), Vec::<String>::new(), "{}", run.stderr());
    assert!(
        run.har()["log"]["entries"][0]["_otalint"]["tls"].is_null(),
        "no direct TLS check through a proxy"
    );
    // proxy = "env" with NO_PROXY naming the host: straight to the endpoint.
    let before = tunnels.load(Ordering::SeqCst);
    let text = scenario(&mock.tls_url(), "")
        .replace("proxy = \"none\"", "proxy = \"env\"\nca_file = \"ca.pem\"");
    let run = super::flow::probe_ca_env(
        &text,
        &format!("{}/ca.pem", tls::DIR),
        &[("HTTPS_PROXY", &proxy_url), ("NO_PROXY", "127.0.0.1")],
    );
    assert_eq!(
        tunnels.load(Ordering::SeqCst),
        before,
        "NO_PROXY is honoured"
    );
    assert_eq!(
        run.findings(),
        ["endpoint-tls@hs2.bad-credentials"],
        "{}",
        run.stderr()
    );
}

#[test]
fn insecure_accepts_any_certificate_and_says_so() {
    let mock = Mock::start_tls(&[], false);
    let run = probe(&scenario(&mock.tls_url(), ""), &["--insecure"]);
    let found: Vec<String> = run.findings();
    assert_eq!(
        found,
        ["endpoint-tls@hs2.bad-credentials"],
        "only the port warning: {}",
        run.stdout()
    );
    let har = run.har();
    assert_eq!(har["log"]["_otalint"]["run"]["insecure"], true);
    assert_eq!(
        har["log"]["entries"][0]["_otalint"]["tls"]["insecure"],
        true
    );
    assert!(!mock.steps().is_empty());
}

/// A TLS server that answers the ClientHello with its real handshake, one byte every 0.5 s.
fn drip_handshake_server() -> (u16, Arc<std::sync::atomic::AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let s = stop.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            if s.load(Ordering::SeqCst) {
                break;
            }
            let Ok(mut sock) = conn else { continue };
            let s = s.clone();
            std::thread::spawn(move || {
                let Ok(mut tls) = rustls::ServerConnection::new(tls::server_config(false)) else {
                    return;
                };
                let _ = sock.set_read_timeout(Some(std::time::Duration::from_secs(30)));
                while !tls.wants_write() {
                    if tls.read_tls(&mut sock).unwrap_or(0) == 0
                        || tls.process_new_packets().is_err()
                    {
                        return;
                    }
                }
                let mut flight = Vec::new();
                while tls.wants_write() {
                    if tls.write_tls(&mut flight).is_err() {
                        return;
                    }
                }
                for byte in flight {
                    if s.load(Ordering::SeqCst) || sock.write_all(&[byte]).is_err() {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(500));
                }
            });
        }
    });
    (port, stop)
}

#[test]
fn a_dripped_tls_handshake_ends_within_the_time_outs() {
    let (port, stop) = drip_handshake_server();
    let text = scenario(&format!("https://127.0.0.1:{port}/hs2"), "")
        .replace("timeout = \"30s\"", "timeout = \"5s\"")
        .replace("connect_timeout = \"10s\"", "connect_timeout = \"3s\"")
        .replace("proxy = \"none\"", "proxy = \"none\"\nca_file = \"ca.pem\"");
    // The handshake would take minutes at this pace; the run's own child time-out (60 s, in
    // probe_in) would end a run that waited for it.
    let run = super::flow::probe_ca(&text, &format!("{}/ca.pem", tls::DIR));
    stop.store(true, Ordering::SeqCst);
    let _ = TcpStream::connect(("127.0.0.1", port));
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let har = run.har();
    let first = &har["log"]["entries"][0];
    let tls = &first["_otalint"]["tls"];
    assert!(
        tls["error"]
            .as_str()
            .is_some_and(|e| e.contains("did not finish within the connect time-out")),
        "{tls}"
    );
    assert!(
        run.findings().iter().any(|f| f.starts_with("no-response@")),
        "{:?}",
        run.findings()
    );
    // The progress line shows the time the connection took to fail, not 0.00 s.
    let line = run
        .stderr()
        .lines()
        .find(|l| l.starts_with("[ 1/"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("a progress line in\n{}", run.stderr()));
    assert!(!line.contains(" 0.00 s"), "{line}");
    let time = first["time"].as_f64().expect("time");
    assert!(time >= 2900.0, "the connect time-out is 3 s: {time} ms");
}

#[test]
fn a_self_signed_certificate_is_explained_and_points_at_ca_file() {
    let mock = Mock::start_with_tls(&[], tls::self_signed_config());
    let run = probe(&scenario(&mock.tls_url(), ""), &[]);
    let har = run.har();
    let tls = har["log"]["entries"][0]["_otalint"]["tls"]["error"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        tls.contains("self-signed") && tls.contains("--ca-file"),
        "{tls}"
    );
    assert!(tls.contains("CaUsedAsEndEntity"), "{tls}");
    let stdout = run.stdout();
    assert!(stdout.contains("--ca-file"), "{stdout}");
}
