//! The recording: HAR 1.2 as serde structs in a fixed field order (docs/probe.md "The recording"), pretty-
//! printed so spans are stable, rewritten after every exchange through a temporary file that is
//! scanned for secrets before it is renamed into place (docs/probe.md "What is never stored").

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::redact::Secrets;

#[derive(Serialize)]
pub struct Har {
    pub log: Log,
}

#[derive(Serialize)]
pub struct Log {
    pub version: &'static str,
    pub creator: Creator,
    pub comment: String,
    pub pages: Vec<Value>,
    pub entries: Vec<Entry>,
    #[serde(rename = "_otalint")]
    pub otalint: Value,
}

#[derive(Serialize)]
pub struct Creator {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub started_date_time: String,
    pub time: f64,
    pub request: Request,
    pub response: Response,
    pub cache: Value,
    pub timings: Timings,
    pub connection: String,
    pub comment: String,
    #[serde(rename = "_otalint")]
    pub otalint: Value,
}

#[derive(Serialize)]
pub struct NameValue {
    pub name: String,
    pub value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub method: String,
    pub url: String,
    pub http_version: String,
    pub cookies: Vec<Value>,
    pub headers: Vec<NameValue>,
    pub query_string: Vec<Value>,
    pub post_data: PostData,
    pub headers_size: i64,
    pub body_size: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostData {
    pub mime_type: String,
    pub text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    pub status: u16,
    pub status_text: String,
    pub http_version: String,
    pub cookies: Vec<Value>,
    pub headers: Vec<NameValue>,
    pub content: Content,
    #[serde(rename = "redirectURL")]
    pub redirect_url: String,
    pub headers_size: i64,
    pub body_size: i64,
}

impl Response {
    /// The response of an exchange that got none: status 0, no headers.
    pub fn none() -> Response {
        Response {
            status: 0,
            status_text: String::new(),
            http_version: String::new(),
            cookies: Vec::new(),
            headers: Vec::new(),
            content: Content::none(),
            redirect_url: String::new(),
            headers_size: -1,
            body_size: -1,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    pub size: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<i64>,
    pub mime_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
}

impl Content {
    /// A decoded body: verbatim when it is UTF-8, else base64 (so `not-utf8` sees the bytes).
    pub fn of(body: &[u8], wire: usize, mime: &str) -> Content {
        use base64::Engine;
        let (text, encoding) = match std::str::from_utf8(body) {
            Ok(t) => (t.to_string(), None),
            Err(_) => (
                base64::engine::general_purpose::STANDARD.encode(body),
                Some("base64"),
            ),
        };
        Content {
            size: body.len() as i64,
            compression: Some(body.len() as i64 - wire as i64).filter(|c| *c != 0),
            mime_type: mime.to_string(),
            text: (!body.is_empty()).then_some(text),
            encoding: encoding.filter(|_| !body.is_empty()),
        }
    }

    pub fn none() -> Content {
        Content {
            size: 0,
            compression: None,
            mime_type: "x-unknown".to_string(),
            text: None,
            encoding: None,
        }
    }
}

#[derive(Serialize)]
pub struct Timings {
    pub blocked: f64,
    pub dns: f64,
    pub ssl: f64,
    pub connect: f64,
    pub send: f64,
    pub wait: f64,
    pub receive: f64,
}

/// Milliseconds as HAR writes them: to the microsecond, so the sum is exact enough.
pub fn ms(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Why a recording was not kept.
pub enum WriteError {
    Io(std::io::Error),
    /// The self-check found a secret: its kind and byte offset.
    Secret(String, usize),
}

/// Serializes the HAR and writes it through the write gate: scrubbed, checked in every decoded
/// view, renamed into place — or refused.
pub fn write(path: &Path, har: &Har, secrets: &Secrets) -> Result<(), WriteError> {
    let mut bytes = serde_json::to_vec_pretty(har).map_err(|e| WriteError::Io(e.into()))?;
    bytes.push(b'\n');
    let gate = crate::gate::Gate::with(std::sync::Arc::new(secrets.clone()));
    match gate.write(path, &bytes) {
        Ok(_) => Ok(()),
        Err(crate::gate::Refusal::Io(e)) => Err(WriteError::Io(e)),
        Err(crate::gate::Refusal::Secret(kind, at)) => Err(WriteError::Secret(kind, at)),
    }
}
