//! `--check-images N` (docs/probe.md "Images"): after a hotel's content came (HS4 details with
//! the search's lead image, HS2 descriptive info), up to N distinct http(s) image URLs of each
//! hotel are fetched with GET, recorded like every exchange (step `hs4.image` / `hs2.image`),
//! and judged by `image-unreachable`. Only the first [`IMAGE_CAP`] bytes of an image are read;
//! nothing but `Accept` is sent (no credentials); an image never blocks a step.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::client::Taped;
use super::context::Context;
use super::exchange::{Answer, Outgoing, Recorder, Step};

/// The most images fetched per hotel, whatever `--check-images` asks.
pub const MAX_PER_HOTEL: usize = 20;

/// The most of an image's body read: its first bytes tell what it is.
pub const IMAGE_CAP: u64 = 1024 * 1024;

impl Recorder {
    /// GETs one image and records it (never in a dry run, nor once the run halted).
    fn get_image(&mut self, step: &Step, out: Outgoing) -> Option<Answer> {
        if self.dry() || self.halted().is_some() {
            return None;
        }
        let started = self.run.clock.now();
        // An image host is not the endpoint: no TLS check (`endpoint-tls` judges the endpoint).
        let taped = match &self.client {
            Some(client) => client.get(&out.url, &out.headers, IMAGE_CAP),
            None => Taped::default(),
        };
        Some(self.record(step, &out, taped, started, None))
    }
}

/// Whether the probe fetches this URL: http or https, with no user name or password in it.
fn fetchable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    !authority.is_empty() && !authority.contains('@') && !url.chars().any(char::is_whitespace)
}

/// Fetches up to `--check-images` distinct fetchable URLs of one hotel, in the order given.
pub fn check(cx: &mut Context, service: &'static str, hotel: &str, urls: Vec<String>) {
    let n = cx.rec.images;
    if n == 0 {
        return;
    }
    let mut seen = BTreeSet::new();
    let picked: Vec<String> = urls
        .into_iter()
        .map(|u| u.trim().to_string())
        .filter(|u| fetchable(u) && seen.insert(u.clone()))
        .take(n)
        .collect();
    let id = format!("{service}.image");
    for url in picked {
        let step = Step::new(
            service,
            &id,
            "image",
            None,
            json!({"hotel": hotel, "url": url}),
            format!("image of {hotel}"),
        );
        let out = Outgoing {
            url,
            headers: vec![("accept".to_string(), "image/*".to_string())],
            body: String::new(),
            mime: "",
        };
        let Some(answer) = cx.rec.get_image(&step, out) else {
            return;
        };
        let word = match (answer.status, &answer.transport_error) {
            (_, Some(e)) => format!("no response ({e})"),
            (Some(s), None) => format!("HTTP {s}"),
            (None, None) => "no HTTP status".to_string(),
        };
        cx.rec.verdict(&word);
    }
}

/// The string at `key` of a JSON object.
fn text<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Each HS4 search hotel's code and `leadImageURI`.
pub fn hs4_leads(answer: &Answer) -> Vec<(String, String)> {
    let Ok(v) = serde_json::from_str::<Value>(&answer.text()) else {
        return Vec::new();
    };
    v.get("hotelProperties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|h| {
            Some((
                text(h, "propertyCode")?.to_string(),
                text(h, "leadImageURI")?.to_string(),
            ))
        })
        .collect()
}

/// Fetches the images of each hotel asked: its lead image, then its details `mediaItems`.
pub fn hs4(cx: &mut Context, codes: &[String], leads: &[(String, String)], details: &Answer) {
    let v = serde_json::from_str::<Value>(&details.text()).unwrap_or_default();
    let listed: Vec<&Value> = v
        .get("hotelDetailsList")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    for code in codes {
        let mut urls: Vec<String> = leads
            .iter()
            .filter(|(c, _)| c == code)
            .map(|(_, u)| u.clone())
            .collect();
        let mine = listed.iter().filter(|d| {
            d.pointer("/propertyRef/propertyCode")
                .and_then(Value::as_str)
                == Some(code.as_str())
        });
        for d in mine {
            let items = d
                .pointer("/hotelDescriptiveInfo/mediaItems")
                .and_then(Value::as_array);
            urls.extend(
                items
                    .into_iter()
                    .flatten()
                    .filter_map(|m| text(m, "url").map(str::to_string)),
            );
        }
        check(cx, "hs4", code, urls);
    }
}

/// Fetches the `ImageItem/ImageFormat/URL`s of an HS2 descriptive info answer (its first
/// `HotelDescriptiveContent`, the one Concur reads).
pub fn hs2(cx: &mut Context, code: &str, details: &Answer) {
    if cx.rec.images == 0 {
        return;
    }
    let text = details.text();
    let Ok(doc) = roxmltree::Document::parse(&text) else {
        return;
    };
    let named = |n: &roxmltree::Node, name: &str| n.is_element() && n.tag_name().name() == name;
    let Some(content) = doc
        .descendants()
        .find(|n| named(n, "HotelDescriptiveContent"))
    else {
        return;
    };
    let urls = content
        .descendants()
        .filter(|n| named(n, "ImageItem"))
        .flat_map(|i| i.children().filter(|f| named(f, "ImageFormat")))
        .flat_map(|f| f.children().filter(|u| named(u, "URL")))
        .filter_map(|u| u.text().map(str::to_string))
        .collect();
    check(cx, "hs2", code, urls);
}

#[cfg(test)]
mod tests {
    use super::fetchable;

    #[test]
    fn only_http_and_https_without_credentials() {
        assert!(fetchable("https://img.example/a.jpg"));
        assert!(fetchable("HTTP://127.0.0.1:8080/a.png"));
        assert!(!fetchable("ftp://img.example/a.jpg"));
        assert!(!fetchable("file:///etc/passwd"));
        assert!(!fetchable("https://user:pw@img.example/a.jpg"));
        assert!(!fetchable("https:///a.jpg"));
        assert!(!fetchable("https://img.example/a b.jpg"));
    }
}
