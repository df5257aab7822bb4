//! What the `content` rules read: the successful answer (an HS4 body by its operation, an HS2
//! payload with `Success`), each rate of it, and the small text tests several rules share. Each
//! rule walks only the part of the answer it needs, directly by key or child name: no search of
//! the whole tree, no copy of a value unless it is reported.

use std::ops::Range;

use roxmltree::Node;
use serde_json::Value;

use crate::document::{child, local};
use crate::rule::Context;

/// Whether the body answers one of `otalint probe`'s negative probes (an unknown hotel, an
/// unknown rate, …): what it holds is the probe rules' to judge, not content shown to anyone.
fn negative_probe(cx: &Context) -> bool {
    cx.http
        .and_then(|h| h.probe.as_ref())
        .is_some_and(|p| p.probe.is_some())
}

/// A successful HS4 answer: its operation and body.
pub(crate) fn hs4<'a>(cx: &Context<'a, '_>) -> Option<(&'a str, &'a Value)> {
    if !super::hs4_contract::successful(cx) || negative_probe(cx) {
        return None;
    }
    Some((cx.operation?, cx.json?.value.as_ref()?))
}

/// A successful HS2 response (`Success` and no `Errors`): its payload element.
pub(crate) fn hs2<'a, 'i>(cx: &Context<'a, 'i>) -> Option<Node<'a, 'i>> {
    let shape = cx.shape.filter(|_| !negative_probe(cx))?;
    let response = shape.response?;
    (shape.success.is_some() && shape.errors.is_empty()).then_some(response)
}

/// Whether an HS4 operation answers with `ReservationDetails` (one booked rate).
pub(crate) fn is_reservation(op: &str) -> bool {
    matches!(op, "reservation" | "read" | "modify")
}

/// The items of the array at `key`; none when it is absent or not an array.
pub(crate) fn items<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The string at `key`, when it is one.
pub(crate) fn text<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The span of the value at `pointer` (at any depth).
pub(crate) fn span(cx: &Context, pointer: &str) -> Range<usize> {
    cx.json
        .and_then(|j| j.span(cx.text, pointer))
        .unwrap_or(0..0)
}

/// The opening brace or bracket of the value at `pointer`, for what it lacks.
pub(crate) fn opening(cx: &Context, pointer: &str) -> Range<usize> {
    let s = span(cx, pointer);
    s.start..(s.start + 1).min(s.end.max(s.start + 1))
}

/// Where one HS4 rate is: the `roomRate` of a rates answer's `HotelRate`, a rate details
/// answer's `roomRates` item, or a reservation's `roomRate`.
#[derive(Clone, Copy)]
pub(crate) enum Place {
    Rates { hotel: usize, rate: usize },
    Details { rate: usize },
    Reservation,
}

impl Place {
    /// The pointer of the rate's `roomRate` object.
    pub(crate) fn room_rate(self) -> String {
        match self {
            Place::Rates { hotel, rate } => format!("/hotelRates/{hotel}/rates/{rate}/roomRate"),
            Place::Details { rate } => format!("/roomRates/{rate}"),
            Place::Reservation => "/roomRate".to_string(),
        }
    }

    /// The pointer of the object holding the rate's room (its `HotelRate`, or the reservation).
    pub(crate) fn room(self) -> String {
        match self {
            Place::Rates { hotel, rate } => format!("/hotelRates/{hotel}/rates/{rate}"),
            Place::Details { rate } => format!("/roomRates/{rate}"),
            Place::Reservation => String::new(),
        }
    }
}

/// One HS4 rate: the `roomRate` object, the object holding its room facts (a rates answer's
/// `HotelRate`; `None` elsewhere), the hotel's code when the answer names it, and its place.
pub(crate) struct Rate<'v> {
    pub room_rate: &'v Value,
    pub room: Option<&'v Value>,
    pub hotel: Option<&'v str>,
    pub place: Place,
}

impl Rate<'_> {
    /// `rate BAR of hotel HTL4444`, as a message names it.
    pub(crate) fn name(&self) -> String {
        let id = text(self.room_rate, "ratePlanId").unwrap_or("without ratePlanId");
        match self.hotel {
            Some(h) => format!("rate {id} of hotel {h}"),
            None => format!("rate {id}"),
        }
    }
}

/// Calls `f` on each rate of a rates, rate details or reservation answer, in order.
pub(crate) fn each_rate<'v>(op: &str, value: &'v Value, mut f: impl FnMut(Rate<'v>)) {
    match op {
        "rates" => {
            for (h, hotel) in items(value, "hotelRates").iter().enumerate() {
                let code = text(hotel, "propertyCode");
                for (r, rate) in items(hotel, "rates").iter().enumerate() {
                    let Some(room_rate) = rate.get("roomRate").filter(|v| v.is_object()) else {
                        continue;
                    };
                    let place = Place::Rates { hotel: h, rate: r };
                    f(Rate {
                        room_rate,
                        room: Some(rate),
                        hotel: code,
                        place,
                    });
                }
            }
        }
        "ratedetails" => {
            for (r, room_rate) in items(value, "roomRates").iter().enumerate() {
                if room_rate.is_object() {
                    let place = Place::Details { rate: r };
                    f(Rate {
                        room_rate,
                        room: None,
                        hotel: None,
                        place,
                    });
                }
            }
        }
        op if is_reservation(op) && text(value, "status") != Some("CANCELLED") => {
            if let Some(room_rate) = value.get("roomRate").filter(|v| v.is_object()) {
                let hotel = value
                    .pointer("/basicHotelProperty/propertyCode")
                    .and_then(Value::as_str);
                f(Rate {
                    room_rate,
                    room: None,
                    hotel,
                    place: Place::Reservation,
                });
            }
        }
        _ => {}
    }
}

/// The HS2 `RoomStay`s of an `OTA_HotelAvailRS`.
pub(crate) fn room_stays<'a, 'i: 'a>(
    response: Node<'a, 'i>,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    child(response, "RoomStays").into_iter().flat_map(|s| {
        s.children()
            .filter(|n| n.is_element() && local(*n) == "RoomStay")
    })
}

/// The element children of `node` named `name`, under its child `list` (`RoomRates/RoomRate`).
pub(crate) fn listed<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    list: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    child(node, list).into_iter().flat_map(move |l| {
        l.children()
            .filter(move |n| n.is_element() && local(*n) == name)
    })
}

/// Whether an element holds any text that is not blank, at any depth (a description written
/// straight into `RoomDescription`, as some of Concur's samples do, or in its `Text`).
pub(crate) fn has_any_text(node: Node) -> bool {
    node.descendants()
        .any(|t| t.is_text() && t.text().is_some_and(|s| !s.trim().is_empty()))
}

/// Whether an element holds, under it, a `Text` (or `DescriptiveText`, `URL`) that is not blank.
pub(crate) fn has_text(node: Node, name: &str) -> bool {
    node.descendants()
        .filter(|n| n.is_element() && local(*n) == name)
        .any(|n| {
            n.children()
                .any(|t| t.text().is_some_and(|s| !s.trim().is_empty()))
        })
}

/// Whether a text holds nothing but white space.
pub(crate) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The markup-escaped character in a text, as written (`&amp;`, `&#39;`): text escaped twice,
/// which the traveller sees as written. Spaces inside are ignored, as the kit ignores them.
pub(crate) fn escaped(text: &str) -> Option<&str> {
    const NAMES: [&str; 5] = ["amp", "quot", "apos", "lt", "gt"];
    for (at, _) in text.match_indices('&') {
        let rest = &text[at + 1..];
        let Some(end) = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i)
        else {
            continue;
        };
        let inner = &rest[..end];
        let mut letters = inner.chars().filter(|c| !c.is_whitespace());
        let named = NAMES.iter().any(|n| {
            let mut it = letters.clone();
            n.chars()
                .all(|c| it.next().is_some_and(|d| d.eq_ignore_ascii_case(&c)))
                && it.next().is_none()
        });
        let numeric = letters.next() == Some('#') && {
            let digits: Vec<char> = letters.collect();
            match digits.split_first() {
                Some(('x' | 'X', hex)) => {
                    !hex.is_empty() && hex.iter().all(char::is_ascii_hexdigit)
                }
                _ => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
            }
        };
        if named || numeric {
            return Some(&text[at..at + end + 2]);
        }
    }
    None
}

/// What is wrong with an image URL: empty, not `https`, or (when `image`) not a `.jpg`,
/// `.jpeg` or `.png` file; `None` when it is fine.
pub(crate) fn image_problem(url: &str, image: bool) -> Option<String> {
    let url = url.trim();
    // The common case, settled without splitting: https and a known file type at the end.
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let https = url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    let ends = |e: &str| {
        path.len() > e.len()
            && path
                .get(path.len() - e.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(e))
    };
    if https && (!image || [".jpg", ".jpeg", ".png"].into_iter().any(ends)) {
        return None;
    }
    if url.is_empty() {
        return Some("is empty".to_string());
    }
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let mut problems = Vec::new();
    match scheme {
        Some(s) if s.eq_ignore_ascii_case("https") => {}
        Some(s) => problems.push(format!("uses {s}, not https")),
        None => problems.push("has no scheme; Concur expects https".to_string()),
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let extension = file.rsplit_once('.').map(|(_, e)| e);
    let known = extension.is_some_and(|e| {
        ["jpg", "jpeg", "png"]
            .iter()
            .any(|k| e.eq_ignore_ascii_case(k))
    });
    if image && !known {
        problems.push(match extension {
            Some(e) if !e.is_empty() && file.contains('.') => {
                format!("names a .{e} file, not .jpg, .jpeg or .png")
            }
            _ => "names no .jpg, .jpeg or .png file".to_string(),
        });
    }
    (!problems.is_empty()).then(|| problems.join(" and "))
}

/// Words a title leaves in lower case when they are not its first.
const MINOR: [&str; 21] = [
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "via", "with", "w/",
];

/// Whether a description is title cased: each word that starts with a letter starts with a
/// capital, except short words such as "and", "of" or "with" after the first.
pub(crate) fn title_cased(text: &str) -> bool {
    text.split_whitespace().enumerate().all(|(i, word)| {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            return true;
        };
        !first.is_lowercase()
            || (i > 0
                && MINOR
                    .iter()
                    .any(|m| word.trim_end_matches([',', ';', ':', '.']) == *m))
    })
}

/// A hash of texts compared loosely (case and runs of white space ignored), for finding the
/// same value twice without copying each: FNV-1a over the lowered words, a separator after each
/// word and each text. Weak on purpose (cheap); equal hashes are compared with [`loose_eq`].
pub(crate) fn loose_hash<'t>(parts: impl IntoIterator<Item = &'t str>, state: &mut u64) {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut eat = |b: u8| *state = (*state ^ u64::from(b)).wrapping_mul(PRIME);
    for part in parts {
        for word in part.split_whitespace() {
            if word.is_ascii() {
                word.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
            } else {
                let mut buf = [0u8; 4];
                for c in word.chars().flat_map(char::to_lowercase) {
                    c.encode_utf8(&mut buf).bytes().for_each(&mut eat);
                }
            }
            eat(b' ');
        }
        eat(0x1F);
    }
}

/// Whether two lists of texts are the same, compared loosely as [`loose_hash`] does.
pub(crate) fn loose_eq<'t>(
    a: impl IntoIterator<Item = &'t str>,
    b: impl IntoIterator<Item = &'t str>,
) -> bool {
    let mut a = a.into_iter();
    let mut b = b.into_iter();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let xs = x
                    .split_whitespace()
                    .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']));
                let ys = y
                    .split_whitespace()
                    .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']));
                if !xs.eq(ys) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// A new state for [`loose_hash`] (FNV-1a's offset basis).
pub(crate) fn hasher() -> u64 {
    0xcbf2_9ce4_8422_2325
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_found_as_written() {
        assert_eq!(escaped("Smith &amp; Sons"), Some("&amp;"));
        assert_eq!(escaped("Smith & Sons"), None);
        assert_eq!(escaped("Bed &Breakfast; Inn"), None);
        assert_eq!(escaped("O&#39;Hare Inn"), Some("&#39;"));
        assert_eq!(escaped("O&#x27;Hare"), Some("&#x27;"));
        assert_eq!(escaped("A &QUOT;B"), Some("&QUOT;"));
        assert_eq!(escaped("A & amp; B"), Some("& amp;"));
        assert_eq!(escaped("&#;"), None);
    }

    #[test]
    fn image_urls_are_judged_as_concur_documents_them() {
        assert_eq!(image_problem("https://x.example/a.jpg", true), None);
        assert_eq!(image_problem("https://x.example/a.JPEG?w=70", true), None);
        assert_eq!(image_problem("HTTPS://x.example/a.png#top", true), None);
        assert_eq!(image_problem("  ", true).as_deref(), Some("is empty"));
        assert_eq!(
            image_problem("http://x.example/a.png", true).as_deref(),
            Some("uses http, not https")
        );
        assert_eq!(
            image_problem("https://x.example/a.gif", true).as_deref(),
            Some("names a .gif file, not .jpg, .jpeg or .png")
        );
        assert_eq!(
            image_problem("//x.example/img?id=3", true).as_deref(),
            Some("has no scheme; Concur expects https and names no .jpg, .jpeg or .png file")
        );
        assert_eq!(image_problem("https://x.example/video", false), None);
        assert_eq!(
            image_problem("https://x.example.com/", true).as_deref(),
            Some("names no .jpg, .jpeg or .png file")
        );
    }

    #[test]
    fn title_case_allows_short_words_and_numbers() {
        assert!(title_cased("Best Available Rate, Breakfast Included"));
        assert!(title_cased("King Room with City View"));
        assert!(title_cased("2 Queen Beds (Non-Smoking)"));
        assert!(title_cased("BEST AVAILABLE RATE"));
        assert!(!title_cased("Best available rate"));
        assert!(!title_cased("king room"));
        assert!(!title_cased("and More"));
    }

    #[test]
    fn loose_comparison_ignores_case_and_spacing() {
        let hash = |parts: &[&str]| {
            let mut h = hasher();
            loose_hash(parts.iter().copied(), &mut h);
            h
        };
        assert_eq!(
            hash(&["Harbor  View", "1 Main St"]),
            hash(&["harbor view ", "1 main st"])
        );
        assert_ne!(
            hash(&["Harbor View", "1 Main St"]),
            hash(&["Harbor", "View 1 Main St"])
        );
        assert!(loose_eq(["Harbor  View"], ["harbor view"]));
        assert!(!loose_eq(["Harbor View"], ["Harbor View", ""]));
    }
}
