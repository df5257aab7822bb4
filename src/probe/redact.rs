//! Redaction by construction (docs/probe.md "What is never stored"): the probe knows every secret it put on the wire
//! and removes those exact values wherever a reader could see them — in every decoded view of
//! the bytes ([`crate::gate::views`]: XML references, JSON escapes, URL encoding, base64 and
//! base64url windows, chunked and gzip bodies, case-folded) — by replacing the raw bytes the
//! view's hit came from. The same views are scanned before a file is written
//! ([`crate::gate::Gate`]), so whatever that check can see, redaction has removed. Key names are
//! never trusted to find secrets, and no length makes a secret safe to keep: a secret shorter
//! than six characters is removed wherever it stands too, as `[REDACTED:short]` (that may take
//! ordinary text with it; the run says how many times it happened).

use std::ops::Range;

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
    /// A secret shorter than six characters, removed outside the element that carried it:
    /// it may be ordinary text that happens to be equal.
    Short,
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
            Kind::Short => "short",
        }
    }

    pub fn marker(self) -> String {
        format!("[REDACTED:{}]", self.name())
    }
}

/// The shortest secret whose every occurrence is taken to be it; a shorter one is removed as
/// well, as [`Kind::Short`].
const MIN_SURE: usize = 6;

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

    /// The secrets shorter than six characters, which are removed wherever they stand.
    pub fn short_values(&self) -> Vec<String> {
        self.values
            .iter()
            .filter(|(_, v)| !self.off && v.chars().count() < MIN_SURE)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Removes every known secret from `text` in every decoded view, until none is left (or
    /// a few rounds have passed: the gate's check then refuses the file); the text and how
    /// many of each kind were removed.
    pub fn scrub(&self, text: &[u8]) -> (Vec<u8>, Vec<(Kind, usize)>) {
        let (out, counts, _) = self.scrub_checked(text);
        (out, counts)
    }

    /// [`Secrets::scrub`], and whether its last round found the result clean.
    fn scrub_checked(&self, text: &[u8]) -> (Vec<u8>, Vec<(Kind, usize)>, bool) {
        let mut out = text.to_vec();
        let mut counts: Vec<(Kind, usize)> = Vec::new();
        for _ in 0..4 {
            let hits = self.hits(&out);
            if hits.is_empty() {
                return (out, counts, true);
            }
            for (_, kind) in &hits {
                match counts.iter_mut().find(|(k, _)| k == kind) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((*kind, 1)),
                }
            }
            out = replace_ranges(&out, &hits);
        }
        (out, counts, false)
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
        self.hits(bytes)
            .into_iter()
            .next()
            .map(|(r, kind)| (kind, r.start))
    }

    /// Every raw range a secret was seen in, in any view, merged and in order; a hit inside a
    /// marker already written is none.
    fn hits(&self, bytes: &[u8]) -> Vec<(Range<usize>, Kind)> {
        if self.off || self.values.is_empty() {
            return Vec::new();
        }
        let needles: Vec<(Kind, Vec<u8>)> = self
            .values
            .iter()
            .map(|(kind, v)| match v.chars().count() < MIN_SURE {
                true => (Kind::Short, crate::gate::views::fold(v.as_bytes())),
                false => (*kind, crate::gate::views::fold(v.as_bytes())),
            })
            .collect();
        let markers: Vec<Range<usize>> = memchr::memmem::find_iter(bytes, b"[REDACTED")
            .map(|at| {
                at..bytes[at..]
                    .iter()
                    .position(|&b| b == b']')
                    .map_or(bytes.len(), |e| at + e + 1)
            })
            .collect();
        // Base64 windows are read for the secrets of six characters or more, and only where
        // a part of their base64 stands; a shorter secret is too short to tell from the noise
        // of ordinary words read as base64.
        let cores = self.base64_cores();
        let b64 = |text: &[u8]| {
            cores
                .iter()
                .any(|c| memchr::memmem::find(text, c).is_some())
        };
        let mut hits: Vec<(Range<usize>, Kind)> = Vec::new();
        crate::gate::views::each(bytes, &b64, &mut |view| {
            let hay = crate::gate::views::fold(&view.text);
            for (kind, needle) in &needles {
                for at in memchr::memmem::find_iter(&hay, needle) {
                    let r = view.raw(at..at + needle.len());
                    // A short secret's digits inside a timestamp are the time's own.
                    if *kind == Kind::Short && in_timestamp(bytes, &r) {
                        continue;
                    }
                    if !markers.iter().any(|m| m.start <= r.start && r.end <= m.end) {
                        hits.push((r, *kind));
                    }
                }
            }
        });
        merge(hits)
    }
}

impl Secrets {
    /// The parts of each sure secret's base64 (standard and URL alphabets) that do not depend
    /// on where it starts in a longer encoded value, at each of the three alignments.
    fn base64_cores(&self) -> Vec<Vec<u8>> {
        let mut cores = Vec::new();
        for (_, value) in self
            .values
            .iter()
            .filter(|(_, v)| v.chars().count() >= MIN_SURE)
        {
            let bytes = value.as_bytes();
            for shift in 0..3 {
                let mut padded = vec![0u8; shift];
                padded.extend_from_slice(bytes);
                let start = (8 * shift).div_ceil(6);
                let end = (8 * (shift + bytes.len())) / 6;
                for engine in [STANDARD, base64::engine::general_purpose::URL_SAFE] {
                    let encoded = engine.encode(&padded);
                    if end > start + 3 && end <= encoded.len() {
                        cores.push(encoded.as_bytes()[start..end].to_vec());
                    }
                }
            }
        }
        cores.sort();
        cores.dedup();
        cores
    }
}

/// Whether `r` lies inside an RFC 3339 timestamp of `bytes` (`2026-12-07T19:43:12.737Z`, the
/// HAR's `startedDateTime`): the run of timestamp characters around it has a timestamp's shape.
fn in_timestamp(bytes: &[u8], r: &Range<usize>) -> bool {
    let stamp = |b: &u8| b.is_ascii_digit() || b"-:.+TZ".contains(b);
    if r.end > bytes.len() || !bytes[r.clone()].iter().all(stamp) {
        return false;
    }
    let start = bytes[..r.start]
        .iter()
        .rposition(|b| !stamp(b))
        .map_or(0, |p| p + 1);
    let end = bytes[r.end..]
        .iter()
        .position(|b| !stamp(b))
        .map_or(bytes.len(), |p| r.end + p);
    let run = &bytes[start..end];
    let digits = |range: Range<usize>| {
        run.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    run.len() >= 20
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && digits(11..13)
        && digits(14..16)
        && digits(17..19)
        && run[4] == b'-'
        && run[7] == b'-'
        && run[10] == b'T'
        && run[13] == b':'
        && run[16] == b':'
}

/// How many times a secret shorter than six characters was removed from the answers of a
/// recording (each may have been ordinary text).
pub fn short_removed(har: &super::har::Har) -> u64 {
    har.log
        .entries
        .iter()
        .filter_map(|e| e.otalint.get("markers")?.get(Kind::Short.name())?.as_u64())
        .sum()
}

/// What the run says when a short secret was removed: it may have taken ordinary text.
pub fn short_note(har: &super::har::Har) -> Option<String> {
    let n = short_removed(har);
    (n > 0).then(|| format!("a secret shorter than six characters was removed in {n} place{} of the answers ([REDACTED:short]); some removals may be ordinary text that happened to be equal", if n == 1 { "" } else { "s" }))
}

/// Overlapping ranges made one, of the kind of the widest.
fn merge(mut hits: Vec<(Range<usize>, Kind)>) -> Vec<(Range<usize>, Kind)> {
    hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(Range<usize>, Kind)> = Vec::new();
    for (r, kind) in hits {
        match out.last_mut() {
            Some((last, last_kind)) if r.start < last.end => {
                if r.end - r.start > last.end - last.start {
                    *last_kind = kind;
                }
                last.end = last.end.max(r.end);
            }
            _ => out.push((r, kind)),
        }
    }
    out
}

/// `bytes` with each range replaced by its kind's marker.
fn replace_ranges(bytes: &[u8], hits: &[(Range<usize>, Kind)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut last = 0;
    for (r, kind) in hits {
        out.extend_from_slice(&bytes[last..r.start]);
        out.extend_from_slice(kind.marker().as_bytes());
        last = r.end;
    }
    out.extend_from_slice(&bytes[last..]);
    out
}

impl crate::gate::Policy for Secrets {
    fn scrub(&self, bytes: &[u8]) -> crate::gate::Scrubbed {
        let (bytes, counts, checked) = self.scrub_checked(bytes);
        crate::gate::Scrubbed {
            bytes,
            checked,
            removed: counts
                .into_iter()
                .map(|(k, n)| (k.name().to_string(), n))
                .collect(),
        }
    }

    fn find(&self, bytes: &[u8]) -> Option<(String, usize)> {
        Secrets::find(self, bytes).map(|(k, at)| (k.name().to_string(), at))
    }
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
#[path = "redact_tests.rs"]
mod tests;
