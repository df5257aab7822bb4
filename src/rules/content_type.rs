//! ## What it does
//! Reports a response with a body whose `Content-Type` is missing or not the contract's:
//! `text/xml` or `application/xml` for the XML profiles, `application/json` for `hs4` (data:
//! `http.content_types`), or that declares a `charset` other than UTF-8 (on a body that is UTF-8:
//! a body that is not is reported once, by `not-utf8`). The body's own bytes
//! decide how it is read (`<` is XML, `{` JSON), so an XML body labelled JSON is checked as
//! XML and this rule names the label. An HTML or text page sent with an HTTP error status is
//! what servers do and the contract allows: it is not reported.
//!
//! ## Why it matters
//! Hotel v1 names `Content-Type: application/xml`, HS2 is SOAP 1.1 (`text/xml`), and HS4 is
//! JSON (`application/json`). Clients pick their parser by it; `text/html` from an error page
//! or a missing header makes Concur refuse a body that is otherwise right. Concur sends
//! `Accept-Charset: utf-8`, so a body declared `ISO-8859-1` is read wrongly or refused.
//!
//! ## Example
//! ```http
//! HTTP/1.1 200 OK
//! Content-Type: text/html
//!
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 200 OK
//! Content-Type: text/xml; charset=utf-8
//!
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "content-type",
    group: Group::Http,
    level: Level::Warning,
    profiles: HTTP,
    summary: "Content-Type not one the contract accepts",
    data: &["http.content_types"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let allowed = &cx.facts.http.content_types;
    if allowed.is_empty() || !cx.has_body || !http.headers_known {
        return;
    }
    let listed = allowed
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    match (http.header("Content-Type"), http.media_type()) {
        (Some(header), Some(media)) if !allowed.contains(&media) => {
            out.report_http(
                http.span_of(header),
                format!("Content-Type `{media}` is not {listed}"),
            )
            .label("wrong Content-Type")
            .help(format!("send `Content-Type: {}; charset=utf-8`", allowed[0]));
        }
        // A body that is not UTF-8 is `not-utf8`'s: the charset is the same cause.
        (Some(header), Some(_)) if cx.encoding.is_none() && charset(&header.value).is_some_and(|c| !c.eq_ignore_ascii_case("utf-8")) => {
            let declared = charset(&header.value).unwrap_or_default();
            out.report_http(
                http.span_of(header),
                format!("Content-Type declares charset `{declared}`; Concur reads UTF-8"),
            )
            .label("not UTF-8")
            .help(format!(
                "Concur sends `Accept-Charset: utf-8`: encode the body as UTF-8 and send `Content-Type: {}; charset=utf-8`",
                allowed[0]
            ));
        }
        (None, _) => {
            out.report_http(
                http.status_or_whole(),
                format!("the response has a body but no Content-Type; expected {listed}"),
            )
            .label("no Content-Type")
            .help(format!("send `Content-Type: {}; charset=utf-8`", allowed[0]));
        }
        _ => {}
    }
}

/// The `charset` parameter of a Content-Type value, without quotes.
fn charset(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|p| {
        let (name, v) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    })
}
