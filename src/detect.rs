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

/// Whether a body is read as JSON: as `--input` or a forced profile says, else from its
/// first byte, else from its `Content-Type`.
pub fn reads_as_json(
    input_kind: Option<InputKind>,
    forced: Option<Profile>,
    body: Option<&[u8]>,
    http: Option<&HttpFacts>,
) -> bool {
    match (input_kind, forced) {
        (Some(InputKind::Xml), _) => false,
        (Some(InputKind::Json), _) => true,
        (_, Some(p)) => p == Profile::Hs4,
        (_, None) => {
            body.is_some_and(looks_like_json)
                || http
                    .and_then(HttpFacts::media_type)
                    .is_some_and(|m| m.contains("json"))
        }
    }
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
    let local = name.rsplit(':').next().unwrap_or(name);
    let (profile, reason) = if local == "Envelope" {
        (
            Profile::Hs2,
            format!("root element `{name}` is a SOAP envelope"),
        )
    } else if local.starts_with("OTA_") {
        (
            Profile::Hs1,
            format!("root element `{name}` is bare OTA without a SOAP envelope"),
        )
    } else if local == "XXTransactionResponse" {
        (
            Profile::Xx1,
            format!("root element `{name}` is the XX/1 transaction wrapper"),
        )
    } else if local.ends_with("RS") {
        (
            Profile::Xx1,
            format!("root element `{name}` is a response that is neither OTA nor SOAP"),
        )
    } else {
        (
            Profile::Hs2,
            format!("root element `{name}` matches no profile; checked as hs2, the default"),
        )
    };
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
