//! The one place that decides what a body is: read as JSON or XML, and checked against which
//! profile, and why (the reason is printed in every report's header).

use roxmltree::Document;

use crate::document::{Shape, json::looks_like_json, local};
use crate::input::{HttpFacts, InputKind};
use crate::profile::Profile;

/// Which profile a file got, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub profile: Profile,
    pub reason: String,
}

/// Whether a body is read as JSON: as `--input` or a forced profile says, else from its own
/// bytes (`<` is XML, `{` or `[` JSON), and only where the bytes do not tell (an empty body,
/// a bare JSON string or plain text) from its `Content-Type`. A label that disagrees with
/// the bytes is the `content-type` rule's finding, not a reason to misread the body.
pub fn reads_as_json(
    input_kind: Option<InputKind>,
    forced: Option<Profile>,
    body: Option<&[u8]>,
    http: Option<&HttpFacts>,
) -> bool {
    match (input_kind, forced) {
        (Some(InputKind::Xml), _) => false,
        (Some(InputKind::Json), _) => true,
        (_, Some(Profile::Hs4)) => true,
        // Concur's web services answer in XML or JSON, as the request's `Accept` asks.
        (_, Some(p)) if p != Profile::ConcurWs => false,
        _ => {
            let labelled = || {
                http.and_then(HttpFacts::media_type)
                    .is_some_and(|m| m.contains("json"))
            };
            let bytes = body.unwrap_or_default();
            let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match start.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'<') => false,
                Some(_) if looks_like_json(bytes) => true,
                _ => labelled(),
            }
        }
    }
}

/// What an HTTP error's body is when it is no message: `an HTML page` or `a text page`.
pub fn error_page(body: &[u8]) -> Option<&'static str> {
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let at = start.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = start[at..start.len().min(at + 64)].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        Some("an HTML page")
    } else if matches!(head[0], b'<' | b'{' | b'[' | b'"') {
        None
    } else {
        Some("a text page")
    }
}

/// Why a file is clearly none of otalint's kinds (a `pom.xml`, a `package.json`, an OpenAPI
/// file), from its bytes: `None` for anything that may be a supplier message (an HTTP capture,
/// a HAR, XML or JSON that [`foreign_xml`] and [`foreign_json`] accept, anything too broken to
/// tell) and for a report or baseline otalint wrote, which [`written_by_otalint`] names. The
/// lint decides the same from what it has already read ([`crate::lint::BodyOutcome::foreign`]);
/// this is for files it has not read, such as an output's target.
pub fn not_a_message(bytes: &[u8], json_members: &[String]) -> Option<String> {
    if let Some(own) = written_by_otalint(bytes) {
        return Some(format!("{own} otalint wrote"));
    }
    match crate::input::sniff(bytes) {
        InputKind::Http | InputKind::Har => None,
        InputKind::Json => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let value = serde_json::from_slice::<serde_json::Value>(body).ok()?;
            foreign_json(&value, json_members)
        }
        InputKind::Xml => {
            let text = String::from_utf8_lossy(&bytes[..bytes.len().min(16 << 10)]);
            let root = crate::document::prolog(&text).root?.to_string();
            foreign_xml(&root, bytes)
        }
    }
}

/// What otalint writes, recognised by how it starts: a baseline, a JSON, SARIF or JUnit report.
pub fn written_by_otalint(bytes: &[u8]) -> Option<&'static str> {
    const STARTS: [(&str, &str); 6] = [
        (
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"otalint\">",
            "an HTML report",
        ),
        ("<!-- otalint report -->\n", "a Markdown report"),
        ("{\n  \"otalint-baseline\":", "a baseline"),
        ("{\n  \"version\": 1,\n  \"files\": [", "a JSON report"),
        (
            "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n  \"tool\": {\"driver\":{\"informationUri\":\"https://github.com/otalint/otalint\"",
            "a SARIF report",
        ),
        (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"otalint\"",
            "a JUnit report",
        ),
    ];
    STARTS
        .iter()
        .find(|(start, _)| bytes.starts_with(start.as_bytes()))
        .map(|(_, what)| *what)
}

/// Why an XML document with this root (its qualified name) is no supplier message: a root that
/// is not SOAP, OTA, XX/1 or a Concur error, in a document that holds none of them.
pub fn foreign_xml(root: &str, text: &[u8]) -> Option<String> {
    // Bytes that are no XML name: too broken to tell, so checked (and reported).
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':');
    // Bytes first: the root's name is nearly always ASCII.
    let is_name = if root.is_ascii() {
        root.bytes().all(|b| name_char(char::from(b)))
    } else {
        root.chars().all(name_char)
    };
    if !is_name || !root.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return None;
    }
    let local = root.rsplit_once(':').map_or(root, |(_, local)| local);
    let ours = local == "Envelope"
        || local.starts_with("OTA_")
        // OTA error content kept alone (a template), checked as a fragment.
        || local == "Errors"
        || local == "Warnings"
        || local == "XXTransactionResponse"
        || local.ends_with("RS")
        // A Concur web-service error body.
        || local == "Error"
        // An OTA payload or SOAP envelope wrapped in something else (a mistake to report),
        // or an XX/1 message whose first child is its InfoGroup.
        || [&b"OTA_"[..], b"Envelope", b"InfoGroup"]
            .iter()
            .any(|needle| memchr::memmem::find(text, needle).is_some());
    (!ours).then(|| format!("root element `{root}` is not a supplier message"))
}

/// Why a JSON body is no supplier message: not an object, or an object with none of the
/// members of an HS4 message or a Concur error (`members`). `{}` may be a broken answer: it
/// is checked.
pub fn foreign_json(value: &serde_json::Value, members: &[String]) -> Option<String> {
    let Some(object) = value.as_object() else {
        return Some("JSON that is not an object is not an HS4 message".to_string());
    };
    if object.is_empty() || object.keys().any(|k| members.contains(k)) {
        return None;
    }
    let mut keys: Vec<&String> = object.keys().collect();
    keys.sort();
    let shown: Vec<String> = keys.iter().take(3).map(|k| format!("`{k}`")).collect();
    Some(format!(
        "a JSON object with {} is not an HS4 message",
        shown.join(", ")
    ))
}

/// Why a body is a request rather than a response, when it is one: an OTA `…RQ` payload
/// (bare or in a SOAP Body), or an HS4 JSON body with the fields of an operation's request.
/// A walk uses such a file for pairing and otherwise skips it; named alone it gets one
/// `not-a-response` finding and no response rule.
pub fn request(
    shape: Option<&Shape>,
    json: Option<&serde_json::Value>,
    contract: &crate::profile::Contract,
) -> Option<String> {
    if let Some(payload) = shape.and_then(|s| s.request_payload) {
        return Some(format!("`{}` is a request", local(payload)));
    }
    let (operation, definition) =
        crate::rules::support::hs4_contract::request_fit(contract, json?)?;
    Some(format!(
        "the body has the fields of {definition}, the HS4 {operation} request"
    ))
}

/// The profile a HAR entry names before its body does, with why: the one otalint probe
/// recorded it as; else an HS4 operation's path that ends the request URL (a 500 HTML page
/// from `/hotels/reservation/read` is an HS4 answer, held to HS4's error contract); else
/// `hs4` for a body-less answer to a JSON request (a bare 401 from a REST endpoint).
pub fn entry_profile(
    e: &crate::input::ServiceEvidence,
    contract: &crate::profile::Contract,
) -> Option<(Profile, String)> {
    if let Some(name) = e.recorded.as_deref() {
        return Profile::ALL
            .iter()
            .find(|p| p.as_str() == name)
            .map(|p| (*p, format!("recorded by otalint probe as {name}")));
    }
    if let Some(url) = e.url.as_deref() {
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .trim_end_matches('/');
        let hs4 = contract
            .operations
            .values()
            .filter(|op| path.ends_with(op.path.as_str()))
            .max_by_key(|op| op.path.len());
        if let Some(op) = hs4 {
            return Some((
                Profile::Hs4,
                format!("the request URL ends in {}, an HS4 path", op.path),
            ));
        }
    }
    (e.no_body && e.json_request).then(|| {
        (
            Profile::Hs4,
            "no body; the request is JSON (hs4)".to_string(),
        )
    })
}

/// What detection looks at.
pub struct Evidence<'a, 'i> {
    /// A profile forced by `--profile` or the configuration, with why.
    pub forced: Option<(Profile, &'a str)>,
    pub json: bool,
    /// Whether there is a body to read.
    pub readable: bool,
    /// The root element's qualified name from the prolog, found even in a broken document.
    pub root: Option<&'a str>,
    /// The parsed document, when it parses.
    pub doc: Option<&'a Document<'i>>,
}

/// Picks the profile of a body.
pub fn detect(e: &Evidence) -> Detection {
    let found = |profile, reason: &str| Detection {
        profile,
        reason: reason.to_string(),
    };
    if let Some((profile, reason)) = e.forced {
        return found(profile, reason);
    }
    if e.json && !e.readable {
        return found(Profile::Hs4, "no body; its Content-Type is JSON (hs4)");
    }
    if e.json {
        return found(Profile::Hs4, "the body is JSON");
    }
    if !e.readable {
        return found(Profile::Hs2, "no body to read; checked as hs2, the default");
    }
    let detection = by_root_name(e.root);
    match e.doc {
        Some(doc) => refine(detection, doc),
        None => detection,
    }
}

/// The profile of an XML body from its root element's qualified name.
fn by_root_name(root: Option<&str>) -> Detection {
    let Some(name) = root else {
        return Detection {
            profile: Profile::Hs2,
            reason: "no root element found; checked as hs2, the default".to_string(),
        };
    };
    let local = name.rsplit_once(':').map_or(name, |(_, local)| local);
    let (profile, why) = if local == "Envelope" {
        (Profile::Hs2, "is a SOAP envelope")
    } else if local.starts_with("OTA_") {
        (Profile::Hs1, "is bare OTA without a SOAP envelope")
    } else if local == "XXTransactionResponse" {
        (Profile::Xx1, "is the XX/1 transaction wrapper")
    } else if local.ends_with("RS") {
        (Profile::Xx1, "is a response that is neither OTA nor SOAP")
    } else if local == "Errors" || local == "Warnings" {
        (
            Profile::Hs2,
            "is OTA error content: checked as a fragment of an hs2 response",
        )
    } else {
        (
            Profile::Hs2,
            "matches no profile; checked as hs2, the default",
        )
    };
    // Built by hand: this runs for every file, and `format!` costs several times more.
    let mut reason = String::with_capacity(16 + name.len() + 3 + why.len());
    for piece in ["root element `", name, "` ", why] {
        reason.push_str(piece);
    }
    Detection { profile, reason }
}

/// What only the parsed document shows: an XX/1 response inside a SOAP Body, or a root whose
/// first child is an `InfoGroup`.
fn refine(detection: Detection, doc: &Document) -> Detection {
    let root = doc.root_element();
    let envelope = local(root) == "Envelope";
    match detection.profile {
        Profile::Hs2 if envelope => match Shape::payload_of(root).map(local) {
            Some(name)
                if !name.starts_with("OTA_")
                    && (name == "XXTransactionResponse" || name.ends_with("RS")) =>
            {
                Detection {
                    profile: Profile::Xx1,
                    reason: format!("the SOAP Body holds `{name}`, an XX/1 response"),
                }
            }
            _ => detection,
        },
        Profile::Hs2 if local(root) == "Error" && Shape::is_fragment(root) => Detection {
            profile: Profile::Hs2,
            reason:
                "root element `Error` is an OTA Error: checked as a fragment of an hs2 response"
                    .to_string(),
        },
        Profile::Hs2 | Profile::Hs1
            if !envelope
                && crate::document::first_element(root)
                    .is_some_and(|c| local(c) == "InfoGroup") =>
        {
            Detection {
                profile: Profile::Xx1,
                reason: format!(
                    "the first child of root element `{}` is an InfoGroup",
                    local(root)
                ),
            }
        }
        _ => detection,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(xml: &str) -> Profile {
        let doc = Document::parse(xml).expect("xml");
        let root = crate::document::prolog(xml).root;
        detect(&Evidence {
            forced: None,
            json: false,
            readable: true,
            root,
            doc: Some(&doc),
        })
        .profile
    }

    #[test]
    fn detection_by_root_name() {
        assert_eq!(by_root_name(Some("s:Envelope")).profile, Profile::Hs2);
        assert_eq!(by_root_name(Some("OTA_CancelRS")).profile, Profile::Hs1);
        assert_eq!(by_root_name(Some("FareSearchRS")).profile, Profile::Xx1);
        assert_eq!(
            by_root_name(Some("ns1:XXTransactionResponse")).profile,
            Profile::Xx1
        );
        assert!(by_root_name(None).reason.contains("no root element"));
        assert!(
            by_root_name(Some("Errors"))
                .reason
                .contains("checked as a fragment")
        );
        assert!(
            by_root_name(Some("Criterion"))
                .reason
                .contains("matches no profile")
        );
    }

    #[test]
    fn detection_looks_inside_parsed_documents() {
        let soap = "<s:Envelope xmlns:s='x'><s:Body><PNRViewRS/></s:Body></s:Envelope>";
        assert_eq!(of(soap), Profile::Xx1);
        let ota = "<s:Envelope xmlns:s='x'><s:Body><OTA_CancelRS/></s:Body></s:Envelope>";
        assert_eq!(of(ota), Profile::Hs2);
        assert_eq!(of("<Reply><InfoGroup/></Reply>"), Profile::Xx1);
    }

    #[test]
    fn forced_json_and_empty_bodies() {
        let e = |forced, json, readable| Evidence {
            forced,
            json,
            readable,
            root: Some("OTA_CancelRS"),
            doc: None,
        };
        let forced = detect(&e(
            Some((Profile::Xx1, "forced with --profile")),
            true,
            true,
        ));
        assert_eq!(forced.profile, Profile::Xx1);
        assert_eq!(detect(&e(None, true, true)).reason, "the body is JSON");
        assert_eq!(detect(&e(None, false, false)).profile, Profile::Hs2);
        assert_eq!(detect(&e(None, false, true)).profile, Profile::Hs1);
    }
}
