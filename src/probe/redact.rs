//! Redaction by construction (PROBE.md §9.5): the probe knows every secret it put on the wire
//! and replaces those exact values — and their XML-, JSON-, URL- and base64-encoded forms —
//! everywhere before anything is written; a last scan of the serialized recording refuses a
//! file in which any of them survived. Key names are never trusted to find secrets.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// What a secret is, as its marker names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    User,
    Password,
    BadPassword,
    Authorization,
    CardNumber,
    Cvv,
    Header,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Password => "password",
            Kind::BadPassword => "bad-password",
            Kind::Authorization => "authorization",
            Kind::CardNumber => "card-number",
            Kind::Cvv => "cvv",
            Kind::Header => "header",
        }
    }

    pub fn marker(self) -> String {
        format!("[REDACTED:{}]", self.name())
    }
}

/// The shortest secret replaced wherever it stands; shorter ones (a CVV) only where the
/// request put them.
const MIN_ANYWHERE: usize = 6;

#[derive(Clone, Debug, Default)]
pub struct Secrets {
    values: Vec<(Kind, String)>,
    off: bool,
}

impl Secrets {
    /// `--no-redact`: nothing is replaced and nothing refused.
    pub fn disabled() -> Secrets {
        Secrets {
            values: Vec::new(),
            off: true,
        }
    }

    pub fn is_off(&self) -> bool {
        self.off
    }

    pub fn add(&mut self, kind: Kind, value: &str) {
        if self.off || value.is_empty() || self.values.iter().any(|(_, v)| v == value) {
            return;
        }
        self.values.push((kind, value.to_string()));
        if kind == Kind::CardNumber {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            let grouped = digits
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>();
            for form in [digits.clone(), grouped.join(" "), grouped.join("-")] {
                if form != value && !form.is_empty() {
                    self.values.push((kind, form));
                }
            }
        }
        // Longest first, so that a secret inside another is not half-replaced.
        self.values.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    }

    /// The user and password as a Basic credential.
    pub fn add_basic(&mut self, user: &str, password: &str) -> String {
        let value = format!("Basic {}", STANDARD.encode(format!("{user}:{password}")));
        self.add(
            Kind::Authorization,
            &STANDARD.encode(format!("{user}:{password}")),
        );
        value
    }

    /// Replaces every known secret of six or more characters, in every encoding, by its
    /// marker; returns the text and how many card data replacements were made.
    pub fn scrub(&self, text: &[u8]) -> (Vec<u8>, Vec<(Kind, usize)>) {
        let mut out = text.to_vec();
        let mut counts = Vec::new();
        for (kind, value) in &self.values {
            if value.len() < MIN_ANYWHERE {
                continue;
            }
            let mut n = 0;
            for form in forms(value) {
                let (next, k) = replace(&out, form.as_bytes(), kind.marker().as_bytes());
                out = next;
                n += k;
            }
            if n > 0 {
                counts.push((*kind, n));
            }
        }
        (out, counts)
    }

    /// Replaces the text of each `<tag>` element (XML) or the value of each `"tag"` member
    /// (JSON) by the marker, for secrets too short to find by value (the CVV).
    pub fn scrub_element(&self, text: &[u8], tags: &[&str], kind: Kind) -> (Vec<u8>, usize) {
        let mut out = text.to_vec();
        let mut n = 0;
        for (k, value) in &self.values {
            if *k != kind {
                continue;
            }
            for tag in tags {
                for (open, close) in [
                    (
                        format!("<{tag}>{value}</"),
                        format!("<{tag}>{}</", kind.marker()),
                    ),
                    (
                        format!("\"{tag}\": \"{value}\""),
                        format!("\"{tag}\": \"{}\"", kind.marker()),
                    ),
                    (
                        format!("\"{tag}\":\"{value}\""),
                        format!("\"{tag}\":\"{}\"", kind.marker()),
                    ),
                ] {
                    let (next, c) = replace(&out, open.as_bytes(), close.as_bytes());
                    out = next;
                    n += c;
                }
            }
        }
        (out, n)
    }

    /// The first secret that survived in `bytes`, with where: the self-check.
    pub fn find(&self, bytes: &[u8]) -> Option<(Kind, usize)> {
        if self.off {
            return None;
        }
        self.values
            .iter()
            .filter(|(_, v)| v.len() >= MIN_ANYWHERE)
            .flat_map(|(kind, v)| {
                let mut all = forms(v);
                all.extend(base64_forms(v));
                all.into_iter().map(move |f| (*kind, f))
            })
            .filter(|(_, f)| !f.is_empty())
            .filter_map(|(kind, f)| memchr::memmem::find(bytes, f.as_bytes()).map(|at| (kind, at)))
            .min_by_key(|(_, at)| *at)
    }
}

/// A value as it may stand in a body or a header: itself, XML-escaped, JSON-escaped (and that
/// inside the HAR's own JSON), URL-encoded.
fn forms(value: &str) -> Vec<String> {
    let xml = crate::probe::hs2::requests::esc(value);
    let json = serde_json::to_string(value).unwrap_or_default();
    let json = json[1..json.len().saturating_sub(1)].to_string();
    let json_xml = serde_json::to_string(&xml).unwrap_or_default();
    let json_xml = json_xml[1..json_xml.len().saturating_sub(1)].to_string();
    let mut all = vec![value.to_string(), xml, json, json_xml, url_encoded(value)];
    all.sort();
    all.dedup();
    all.sort_by_key(|f| std::cmp::Reverse(f.len()));
    all
}

fn url_encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The parts of `value`'s base64 that do not depend on where it starts in the encoded stream
/// (three alignments), so that a secret base64-encoded inside a longer value is found too.
fn base64_forms(value: &str) -> Vec<String> {
    let bytes = value.as_bytes();
    (0..3)
        .filter_map(|shift| {
            let mut padded = vec![0u8; shift];
            padded.extend_from_slice(bytes);
            let encoded = STANDARD.encode(&padded);
            let start = (8 * shift).div_ceil(6);
            let end = (8 * (shift + bytes.len())) / 6;
            (end > start + 4).then(|| encoded[start..end].to_string())
        })
        .collect()
}

/// Replaces every `needle` in `hay`; the result and the count.
fn replace(hay: &[u8], needle: &[u8], with: &[u8]) -> (Vec<u8>, usize) {
    if needle.is_empty() {
        return (hay.to_vec(), 0);
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut n = 0;
    let mut last = 0;
    for at in memchr::memmem::find_iter(hay, needle) {
        if at < last {
            continue;
        }
        out.extend_from_slice(&hay[last..at]);
        out.extend_from_slice(with);
        last = at + needle.len();
        n += 1;
    }
    out.extend_from_slice(&hay[last..]);
    (out, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> Secrets {
        let mut s = Secrets::default();
        s.add(Kind::Password, "p&ss\"w0rd");
        s.add(Kind::CardNumber, "4111111111111111");
        s.add(Kind::Cvv, "737");
        s
    }

    #[test]
    fn every_form_of_a_secret_is_replaced() {
        let s = secrets();
        let text = b"a p&amp;ss&quot;w0rd b p&ss\\\"w0rd c p%26ss%22w0rd d 4111 1111 1111 1111 e 4111111111111111";
        let (out, counts) = s.scrub(text);
        let out = String::from_utf8(out).expect("utf-8");
        assert!(!out.contains("w0rd"), "{out}");
        assert!(!out.contains("1111"), "{out}");
        assert_eq!(
            counts
                .iter()
                .filter(|(k, _)| *k == Kind::CardNumber)
                .map(|(_, n)| n)
                .sum::<usize>(),
            2
        );
        assert_eq!(s.find(out.as_bytes()), None);
    }

    #[test]
    fn base64_inside_a_longer_value_is_found() {
        let s = secrets();
        for prefix in ["", "x", "xy"] {
            let encoded = STANDARD.encode(format!("{prefix}user:p&ss\"w0rd;more"));
            assert!(s.find(encoded.as_bytes()).is_some(), "{prefix}: {encoded}");
        }
    }

    #[test]
    fn a_short_cvv_is_replaced_only_where_it_was_sent() {
        let s = secrets();
        let (out, n) = s.scrub_element(
            b"<SeriesCode><PlainText>737</PlainText></SeriesCode> room 737",
            &["PlainText"],
            Kind::Cvv,
        );
        assert_eq!(n, 1);
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<SeriesCode><PlainText>[REDACTED:cvv]</PlainText></SeriesCode> room 737"
        );
    }
}
