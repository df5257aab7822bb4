//! ## What it does
//! Reports a response sent with `Transfer-Encoding: chunked`. otalint de-chunks the body and
//! still checks it.
//!
//! ## Why it matters
//! "This error can be received if Chunked Transfer-Encoding is enabled by the developer's web
//! server. Concur does not support Chunked Transfer-Encoding." (Concur's
//! HTTP Status Codes). Many servers switch to chunked on their own for large or streamed responses; send a
//! `Content-Length` instead.
//!
//! ## Example
//! ```http
//! HTTP/1.1 200 OK
//! Content-Type: text/xml
//! Transfer-Encoding: chunked
//!
//! ```
//!
//! ## Fix
//! Buffer the response and send its length.
//! ```http
//! HTTP/1.1 200 OK
//! Content-Type: text/xml
//! Content-Length: 0
//!
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "chunked-encoding",
    group: Group::Http,
    level: Level::Error,
    profiles: HTTP,
    summary: "Transfer-Encoding: chunked, which Concur does not support",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let Some(header) = http
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("Transfer-Encoding") && h.value.to_ascii_lowercase().contains("chunked"))
    else {
        return;
    };
    out.report_http(
        http.span_of(header),
        "`Transfer-Encoding: chunked`; Concur does not support chunked responses",
    )
    .label("chunked")
    .help("\"Concur does not support Chunked Transfer-Encoding\": buffer the response and send a `Content-Length` header");
}
