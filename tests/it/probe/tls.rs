//! The mock's TLS: the committed test certificate for 127.0.0.1 (scripts/gen-test-certs.sh).

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/probe/tls");

pub fn server_config(tls13_only: bool) -> Arc<rustls::ServerConfig> {
    config_of("server", tls13_only)
}

/// The self-signed certificate `openssl req -x509` makes (a CA certificate used as the
/// server's own).
pub fn self_signed_config() -> Arc<rustls::ServerConfig> {
    config_of("self-signed", false)
}

fn config_of(name: &str, tls13_only: bool) -> Arc<rustls::ServerConfig> {
    let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(format!("{DIR}/{name}.pem"))
        .expect("the certificate file")
        .map(|c| c.expect("a certificate"))
        .collect();
    let key = PrivateKeyDer::from_pem_file(format!("{DIR}/{name}.key")).expect("the key");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = if tls13_only {
        &[&rustls::version::TLS13]
    } else {
        rustls::DEFAULT_VERSIONS
    };
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("certificate and key");
    Arc::new(config)
}
