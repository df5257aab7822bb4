//! ## What it does
//! Reports a hotel image URL that is empty, does not use `https`, or does not name a `.jpg`,
//! `.jpeg` or `.png` file (a query or fragment after the name is fine; the letters' case is
//! not judged). On HS4: each search hotel's `leadImageURI` and each details `mediaItems` `url`
//! (the file type only for `IMAGE` items: Concur shows no `VIDEO`). On HS2: a search
//! `Property`'s `TPA_Extensions/TPA_HotelPreviewImageURI/URL` and each descriptive info
//! `ImageItem/ImageFormat/URL` (of the first `HotelDescriptiveContent`, the one Concur reads).
//! An absent `leadImageURI` is `missing-required-content`'s, and
//! an HS4 URL that is no URI at all (empty, without a scheme) is `value-format`'s.
//!
//! ## Why it matters
//! Concur documents the lead image as "an HTTPS URL pointing to a .png or .jpg hotel image
//! file" (HS4 OpenAPI, `leadImageURI`; HS2 Search, `TPA_HotelPreviewImageURI/URL`), and the
//! gallery's as "a HTTPS URL pointing to a hotel image … works best with `.png` and `.jpg`
//! files" (HS2 Descriptive Info). Concur's HS4 kit warns "Expected LeadImageUri protocol is
//! https for property …", "Expected url protocol is https for property …", "Image url … must
//! have extension jpg,jpeg or png." and "Invalid Image url … for property …". A page served
//! over https does not load an http image: the traveller sees an empty frame. The kit also
//! accepts `.gif` (its pattern is `jpg|jpeg|gif|png`); Concur's documents name only .png and
//! .jpg, so otalint follows the documents and reports a `.gif`.
//!
//! ## Example
//! ```json
//! {"hotelDetailsList": [{"propertyRef": {"propertyCode": "HTL4444", "chainCode": "ZZ"}, "hotelDescriptiveInfo": {"propertyDescription": "A waterfront hotel on Elliott Bay.", "descriptiveInfos": [{"otaCode": 8, "contents": ["Check-in from 15:00."]}], "mediaItems": [{"type": "IMAGE", "url": "http://images.harborview.example/lobby.gif"}]}}]}
//! ```
//!
//! ## Fix
//! Serve the images over https as .jpg or .png files:
//! ```json
//! {"hotelDetailsList": [{"propertyRef": {"propertyCode": "HTL4444", "chainCode": "ZZ"}, "hotelDescriptiveInfo": {"propertyDescription": "A waterfront hotel on Elliott Bay.", "descriptiveInfos": [{"otaCode": 8, "contents": ["Check-in from 15:00."]}], "mediaItems": [{"type": "IMAGE", "url": "https://images.harborview.example/lobby.jpg"}]}}]}
//! ```

use std::ops::Range;

use super::prelude::*;
use super::support::content::{self, image_problem, items, text};
use super::support::shown;

pub static RULE: Rule = Rule {
    name: "image-url",
    group: Group::Content,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "a hotel image URL is empty, not https, or not a .jpg, .jpeg or .png file",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

fn hs4(cx: &Context, out: &mut Findings) {
    let Some((op, value)) = content::hs4(cx) else {
        return;
    };
    match op {
        "search" => {
            for (i, hotel) in items(value, "hotelProperties").iter().enumerate() {
                if let Some(url) = text(hotel, "leadImageURI").filter(|u| is_uri(u)) {
                    let at = || content::span(cx, &format!("/hotelProperties/{i}/leadImageURI"));
                    judge(out, url, true, text(hotel, "propertyCode"), at);
                }
            }
        }
        "details" => {
            for (i, hotel) in items(value, "hotelDetailsList").iter().enumerate() {
                let code = hotel.pointer("/propertyRef/propertyCode").and_then(serde_json::Value::as_str);
                let Some(info) = hotel.get("hotelDescriptiveInfo") else {
                    continue;
                };
                for (j, item) in items(info, "mediaItems").iter().enumerate() {
                    if let Some(url) = text(item, "url").filter(|u| is_uri(u)) {
                        let image = text(item, "type") != Some("VIDEO");
                        let at = || content::span(cx, &format!("/hotelDetailsList/{i}/hotelDescriptiveInfo/mediaItems/{j}/url"));
                        judge(out, url, image, code, at);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Whether an HS4 URL is a URI at all: one that is not (empty, no scheme) is `value-format`'s,
/// as the contract declares these fields `format: uri`.
fn is_uri(url: &str) -> bool {
    url.contains(':')
}

fn hs2(cx: &Context, out: &mut Findings) {
    let Some(response) = content::hs2(cx) else {
        return;
    };
    match local(response) {
        "OTA_HotelSearchRS" => {
            for property in content::listed(response, "Properties", "Property") {
                let urls = child(property, "TPA_Extensions")
                    .and_then(|t| child(t, "TPA_HotelPreviewImageURI"))
                    .into_iter()
                    .flat_map(|p| children(p, "URL"));
                for url in urls {
                    xml_url(cx, out, url, property.attribute("HotelCode"));
                }
            }
        }
        "OTA_HotelDescriptiveInfoRS" => {
            for hotel in content::listed(response, "HotelDescriptiveContents", "HotelDescriptiveContent").take(1) {
                let urls = content::listed(hotel, "MultimediaDescriptions", "MultimediaDescription")
                    .flat_map(|m| content::listed(m, "ImageItems", "ImageItem"))
                    .flat_map(|i| children(i, "ImageFormat"))
                    .flat_map(|f| children(f, "URL"));
                for url in urls {
                    xml_url(cx, out, url, hotel.attribute("HotelCode"));
                }
            }
        }
        _ => {}
    }
}

fn xml_url(cx: &Context, out: &mut Findings, url: roxmltree::Node, code: Option<&str>) {
    let (value, raw) = element_text(url);
    let at = || match &raw {
        // The URL as written, without the white space around it.
        Some(r) => {
            let written = &cx.text[r.clone()];
            let start = r.start + (written.len() - written.trim_start().len());
            start..start + written.trim().len()
        }
        None => cx.name_span(url),
    };
    judge(out, &value, true, code, at);
}

fn judge(out: &mut Findings, url: &str, image: bool, code: Option<&str>, at: impl Fn() -> Range<usize>) {
    let Some(problem) = image_problem(url, image) else {
        return;
    };
    let hotel = code.map_or_else(|| "a hotel".to_string(), |c| format!("hotel {c}"));
    let message = if url.trim().is_empty() {
        format!("the image URL of {hotel} is empty")
    } else {
        format!("the image URL {} of {hotel} {problem}", shown(url))
    };
    out.report(at(), message)
        .label("not an https .jpg or .png")
        .help("link each image as an https URL of a .jpg or .png file (Concur: \"an HTTPS URL pointing to a .png or .jpg hotel image file\")");
}
