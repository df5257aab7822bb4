//! The per-origin TLS check of `endpoint-tls`: three handshakes with rustls straight over TCP
//! — the full configuration (version, suite, whether the certificate verifies), TLS 1.2 only,
//! AES-256 suites only — recorded on the origin's first HAR entry. Through a proxy the check
//! is not made (the report says so).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

use crate::input::probe_facts::TlsFacts;

/// Runs the three handshakes against `host:port`.
pub fn check(
    host: &str,
    port: u16,
    ca_pem: Option<&[u8]>,
    insecure: bool,
    timeout: Duration,
) -> TlsFacts {
    let roots = roots(ca_pem);
    let provider = rustls::crypto::ring::default_provider();
    let full = config(
        &provider,
        rustls::DEFAULT_VERSIONS,
        &roots,
        insecure,
        |_| true,
    );
    let mut facts = TlsFacts {
        insecure,
        ..TlsFacts::default()
    };
    match handshake(host, port, full, timeout) {
        Ok((version, suite)) => {
            facts.verified = !insecure;
            facts.version = Some(version);
            facts.cipher = Some(suite);
        }
        Err(e) => {
            facts.error = Some(e);
            return facts;
        }
    }
    let tls12 = config(
        &provider,
        &[&rustls::version::TLS12],
        &roots,
        insecure,
        |_| true,
    );
    facts.tls12 = Some(handshake(host, port, tls12, timeout).is_ok());
    let aes = config(
        &provider,
        rustls::DEFAULT_VERSIONS,
        &roots,
        insecure,
        |name| name.contains("AES_256"),
    );
    facts.aes256 = Some(handshake(host, port, aes, timeout).is_ok());
    facts
}

fn roots(ca_pem: Option<&[u8]>) -> RootCertStore {
    use rustls::pki_types::pem::PemObject;
    let mut store = RootCertStore::empty();
    match ca_pem {
        Some(pem) => {
            for cert in CertificateDer::pem_slice_iter(pem).flatten() {
                let _ = store.add(cert);
            }
        }
        None => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    store
}

fn config(
    provider: &rustls::crypto::CryptoProvider,
    versions: &[&'static rustls::SupportedProtocolVersion],
    roots: &RootCertStore,
    insecure: bool,
    suite: impl Fn(&str) -> bool,
) -> Option<Arc<ClientConfig>> {
    let mut provider = provider.clone();
    provider
        .cipher_suites
        .retain(|s| suite(&format!("{:?}", s.suite())));
    let builder = ClientConfig::builder_with_provider(Arc::new(provider))
        .with_protocol_versions(versions)
        .ok()?;
    let config = if insecure {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate))
            .with_no_client_auth()
    } else {
        builder
            .with_root_certificates(roots.clone())
            .with_no_client_auth()
    };
    Some(Arc::new(config))
}

/// One handshake: the negotiated version and suite, or why it failed.
fn handshake(
    host: &str,
    port: u16,
    config: Option<Arc<ClientConfig>>,
    timeout: Duration,
) -> Result<(String, String), String> {
    let config = config.ok_or("no cipher suite of that kind is available")?;
    let name = ServerName::try_from(host.to_string()).map_err(|e| format!("{host}: {e}"))?;
    let addr = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("{host}: {e}"))?
        .next()
        .ok_or_else(|| format!("{host} does not resolve"))?;
    // The connection and the handshake together get `timeout`, however the server drips.
    let deadline = Instant::now() + timeout;
    let sock = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    let mut sock = Bounded { sock, deadline };
    let mut conn = ClientConnection::new(config, name).map_err(|e| e.to_string())?;
    while conn.is_handshaking() {
        conn.complete_io(&mut sock).map_err(|e| match e.get_ref() {
            _ if e.kind() == std::io::ErrorKind::TimedOut || e.kind() == std::io::ErrorKind::WouldBlock => format!(
                "the connection and TLS handshake did not finish within the connect time-out ({:.1} s)",
                timeout.as_secs_f64()
            ),
            Some(inner) => explained(&inner.to_string()),
            None => e.to_string(),
        })?;
    }
    let mut sock = sock.sock;
    let version = conn
        .protocol_version()
        .map(|v| match v {
            rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".to_string(),
            rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".to_string(),
            other => format!("{other:?}"),
        })
        .unwrap_or_default();
    let suite = conn
        .negotiated_cipher_suite()
        .map(|s| format!("{:?}", s.suite()))
        .unwrap_or_default();
    conn.send_close_notify();
    let _ = conn.write_tls(&mut sock);
    let _ = sock.flush();
    let mut rest = [0u8; 64];
    let _ = sock.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = sock.read(&mut rest);
    Ok((version, suite))
}

/// A socket whose every read and write ends by the deadline.
struct Bounded {
    sock: TcpStream,
    deadline: Instant,
}

impl Bounded {
    fn left(&self) -> std::io::Result<Duration> {
        self.deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::TimedOut))
    }
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.sock.set_read_timeout(Some(self.left()?))?;
        self.sock.read(buf)
    }
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.sock.set_write_timeout(Some(self.left()?))?;
        self.sock.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sock.flush()
    }
}

/// A certificate error of rustls in words, with what to do about it; other text as it is.
pub fn explained(error: &str) -> String {
    let ca_file = "for a test server, pass its certificate (or its CA) with --ca-file, or `ca_file` in [transport]";
    let why = if error.contains("CaUsedAsEndEntity") {
        format!(
            "the server presents a CA certificate as its own — usually a self-signed certificate (`openssl req -x509`); no public authority vouches for it and Concur will not accept it; {ca_file}"
        )
    } else if error.contains("UnknownIssuer") {
        format!(
            "the server's certificate is not signed by a trusted authority (self-signed, or a private CA); {ca_file}"
        )
    } else if error.contains("NotValidForName") {
        "the server's certificate does not name this host".to_string()
    } else if error.contains("Expired") {
        "the server's certificate has expired".to_string()
    } else if error.contains("NotValidYet") {
        "the server's certificate is not valid yet".to_string()
    } else {
        return error.to_string();
    };
    format!("{why} ({error})")
}

/// `--insecure`: every certificate is accepted (the run is marked not certifiable).
#[derive(Debug)]
struct AnyCertificate;

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        rustls::crypto::ring::default_provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::explained;

    #[test]
    fn certificate_errors_are_said_in_words() {
        let ca = explained("invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))");
        assert!(
            ca.starts_with("the server presents a CA certificate as its own"),
            "{ca}"
        );
        assert!(
            ca.contains("--ca-file")
                && ca.ends_with("(invalid peer certificate: Other(OtherError(CaUsedAsEndEntity)))"),
            "{ca}"
        );
        assert!(explained("invalid peer certificate: UnknownIssuer").contains("--ca-file"));
        assert_eq!(explained("connection refused"), "connection refused");
    }
}
