//! What a file is: an XML body, a JSON body, a raw HTTP response or a HAR capture, split into
//! the units otalint checks (one per HAR entry, one otherwise).

use std::ops::Range;

pub mod har;
pub mod http;
pub mod json_spans;
pub mod probe_facts;
pub mod transcript;

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

/// A byte range of the *file* (a raw response's status line or header, a HAR entry's value),
/// as opposed to a range of the body: [`crate::rule::Findings::report_http`] takes only this,
/// so a file position can never be reported as a body position, nor the other way round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSpan(pub Range<usize>);

/// An HTTP header with where it stands in the file, when it stands in one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
    pub span: Option<FileSpan>,
}

/// What is known of the HTTP exchange around a body. Spans index the file's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpFacts {
    pub status: Option<u16>,
    pub status_span: Option<FileSpan>,
    pub headers: Vec<Header>,
    /// The response time in seconds, and where it was read.
    pub elapsed: Option<f64>,
    pub elapsed_span: Option<FileSpan>,
    /// The request's headers (HAR), for the operation (`SOAPAction`).
    pub request_headers: Vec<(String, String)>,
    /// A span for findings about the exchange as a whole (the status line, the HAR entry).
    pub span: Option<FileSpan>,
    /// Whether `headers` are all the response's headers (a raw response, a HAR entry), or
    /// only those given on the command line, so that a missing one is unknown.
    pub headers_known: bool,
    /// What `otalint probe` recorded about the exchange (only in its own HARs).
    pub probe: Option<Box<probe_facts::ProbeFacts>>,
    /// The request URL (a HAR entry's), for the HS4 operation.
    pub url: Option<String>,
    /// When the exchange started (a HAR entry's `startedDateTime`): the answer's time for
    /// `cancel-deadline`.
    pub started: Option<String>,
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
    pub fn status_or_whole(&self) -> Option<FileSpan> {
        self.status_span.clone().or_else(|| self.span.clone())
    }

    /// The best span for a finding about a header: the header's, else the exchange's.
    pub fn span_of(&self, header: &Header) -> Option<FileSpan> {
        header.span.clone().or_else(|| self.span.clone())
    }

    /// Whether the response was sent with `Transfer-Encoding: chunked`.
    pub fn is_chunked(&self) -> bool {
        self.header("Transfer-Encoding")
            .is_some_and(|h| h.value.to_ascii_lowercase().contains("chunked"))
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
    /// Why the tool could not check the body (a limit was exceeded).
    pub errors: Vec<String>,
    /// What the capture says of the exchange's service (a HAR entry's): [`crate::detect`]
    /// decides the profile from it.
    pub service: Option<ServiceEvidence>,
}

/// What a HAR entry tells of its service, before its body does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceEvidence {
    /// The profile otalint probe recorded the exchange as.
    pub recorded: Option<String>,
    /// The request URL.
    pub url: Option<String>,
    /// Whether the request was sent as JSON (its `Content-Type` or `postData.mimeType`).
    pub json_request: bool,
    /// Whether the response has no body.
    pub no_body: bool,
}

/// Limits that keep one file from taking the machine.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest file read (`--max-file-size`).
    pub max_file_bytes: u64,
    /// The largest body a compressed one may expand to (`--max-decoded-size`).
    pub max_decoded_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_decoded_bytes: 64 * 1024 * 1024,
        }
    }
}

/// `64MiB`, `100MB`, `512k`, `1048576` as bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "`{s}` is not a size such as `64MiB`, `100MB` or `1048576`"
            ));
        }
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("`{s}` is not a size such as `64MiB`, `100MB` or `1048576`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("100MB"), Ok(100_000_000));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }

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
