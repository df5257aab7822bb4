//! What a file is: an XML body, a JSON body, a raw HTTP response or a HAR capture, split into
//! the units otalint checks (one per HAR entry, one otherwise).

use std::ops::Range;

pub mod har;
pub mod http;
pub mod json_spans;

/// How a file's bytes are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    /// An XML body (HS2, HS1, XX/1, Concur web-service errors)
    Xml,
    /// A JSON body (HS4)
    Json,
    /// A raw HTTP response: status line, headers, blank line, body (`curl -i`)
    Http,
    /// A HAR 1.2 capture (browsers, mitmproxy, Charles, Fiddler)
    Har,
}

/// Guesses a file's kind from its first bytes.
pub fn sniff(bytes: &[u8]) -> InputKind {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let trimmed = match start.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(p) => &start[p..],
        None => return InputKind::Xml,
    };
    if trimmed.starts_with(b"HTTP/") {
        InputKind::Http
    } else if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        // A HAR names its `log` near the start; anything else is a JSON body.
        let head = &trimmed[..trimmed.len().min(4096)];
        if head
            .windows(6)
            .any(|w| w == b"\"log\":" || w == b"\"log\" ")
            && head
                .windows(9)
                .any(|w| w == b"\"version\"" || w == b"\"creator\"" || w == b"\"entries\"")
        {
            InputKind::Har
        } else {
            InputKind::Json
        }
    } else {
        InputKind::Xml
    }
}

/// An HTTP header with where it stands in the file, when it stands in one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
    pub span: Option<Range<usize>>,
}

/// What is known of the HTTP exchange around a body. Spans index the file's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpFacts {
    pub status: Option<u16>,
    pub status_span: Option<Range<usize>>,
    pub headers: Vec<Header>,
    /// The response time in seconds, and where it was read.
    pub elapsed: Option<f64>,
    pub elapsed_span: Option<Range<usize>>,
    /// The request's method, URL and headers (HAR), for the operation and SOAPAction.
    pub method: Option<String>,
    pub url: Option<String>,
    pub request_headers: Vec<(String, String)>,
    /// A span for findings about the exchange as a whole (the status line, the HAR entry).
    pub span: Option<Range<usize>>,
    /// Whether `headers` are all the response's headers (a raw response, a HAR entry), or
    /// only those given on the command line, so that a missing one is unknown.
    pub headers_known: bool,
}

impl HttpFacts {
    pub fn header(&self, name: &str) -> Option<&Header> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    pub fn request_header(&self, name: &str) -> Option<&str> {
        self.request_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The best span for a finding about the status.
    pub fn status_or_whole(&self) -> Option<Range<usize>> {
        self.status_span.clone().or_else(|| self.span.clone())
    }

    /// The media type of `Content-Type`, lowercase, without parameters.
    pub fn media_type(&self) -> Option<String> {
        self.header("Content-Type").map(|h| {
            h.value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// One message to check: a body, with the HTTP facts and the request that came with it.
#[derive(Clone, Debug, Default)]
pub struct Unit {
    /// For HAR entries: the entry's index and a label such as `entry 3: POST https://…`.
    pub entry: Option<(usize, String)>,
    /// The decoded body; `None` when it could not be had (see `notes`).
    pub body: Option<Vec<u8>>,
    /// Where the body stands verbatim in the file, when it does.
    pub body_offset: Option<usize>,
    pub http: Option<HttpFacts>,
    /// The request's name and bytes, for pairing.
    pub request: Option<(String, Vec<u8>)>,
    pub notes: Vec<String>,
}

/// Limits that keep one file from taking the machine.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest body a compressed one may expand to.
    pub max_decoded_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_decoded_bytes: 256 * 1024 * 1024,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_sniffed() {
        assert_eq!(sniff(b"HTTP/1.1 200 OK\r\n"), InputKind::Http);
        assert_eq!(sniff(b"  {\"otaCode\": 1}"), InputKind::Json);
        assert_eq!(
            sniff(b"{\"log\": {\"version\": \"1.2\", \"entries\": []}}"),
            InputKind::Har
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF<a/>"), InputKind::Xml);
        assert_eq!(sniff(b""), InputKind::Xml);
    }
}
