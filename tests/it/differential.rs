//! The guard of every speed short-cut: rules that look at bytes before nodes
//! (`ota-namespace`, `cdata-or-markup`) must report exactly what they report when they decide
//! on the parsed nodes alone (`LintOptions::plain`). A seeded generator makes a corpus varied
//! in every way that could fool a byte scan — prefixes, default and nested redeclared
//! namespaces, `xmlns=""`, `TPA_Extensions`, CDATA, entities and character references,
//! comments and processing instructions holding markup, a BOM, CRLF — in every profile (HS2
//! SOAP, HS1 bare, XX/1, Concur web-service errors, HS4 JSON), plus the samples and fixtures
//! of the repository put through the same variations. Both paths check every document with
//! every rule; the findings must be equal. The same seed makes the same corpus on every run.

use std::fs;
use std::path::Path;

use otalint::rules::RuleSet;
use otalint::{Linter, ProfileSet};

use crate::common;

/// splitmix64: small, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const OTA: &str = "http://www.opentravel.org/OTA/2003/05";
const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// How an element names its namespace.
#[derive(Clone, Copy)]
enum Ns {
    /// Nothing on the element: it inherits (or has no prefix declared).
    Inherit,
    /// `xmlns="OTA"` on the element.
    DefaultOta,
    /// `xmlns=""`.
    Empty,
    /// `xmlns="urn:other"`.
    Other,
    /// `ota:` declared on the element.
    PrefixOta,
    /// `ota:` used, declared further up (or not at all).
    PrefixOnly,
    /// `soap:` used (declared on the envelope, when there is one).
    PrefixSoap,
}

const NS: [Ns; 7] = [
    Ns::Inherit,
    Ns::DefaultOta,
    Ns::Empty,
    Ns::Other,
    Ns::PrefixOta,
    Ns::PrefixOnly,
    Ns::PrefixSoap,
];

/// An element's start and end tags for `name` written the way `ns` says.
fn tags(name: &str, ns: Ns, attributes: &str) -> (String, String) {
    let (qname, decl) = match ns {
        Ns::Inherit => (name.to_string(), String::new()),
        Ns::DefaultOta => (name.to_string(), format!(" xmlns=\"{OTA}\"")),
        Ns::Empty => (name.to_string(), " xmlns=\"\"".to_string()),
        Ns::Other => (name.to_string(), " xmlns=\"urn:example:other\"".to_string()),
        Ns::PrefixOta => (format!("ota:{name}"), format!(" xmlns:ota=\"{OTA}\"")),
        Ns::PrefixOnly => (format!("ota:{name}"), String::new()),
        Ns::PrefixSoap => (format!("soap:{name}"), String::new()),
    };
    (
        format!("<{qname}{decl}{attributes}>"),
        format!("</{qname}>"),
    )
}

/// A text value that may fool a byte scan.
fn text(rng: &mut Rng) -> String {
    rng.pick(&[
        "No availability",
        "HTL4444,HTL5555",
        "Queen bed&lt;br/&gt;Free WiFi",
        "at 10:00 &amp; 12:30",
        "&#60;b&#62;bold&#60;/b&#62;",
        "&#x3C;p:A xmlns:p='x'&#x3E;",
        "<![CDATA[plain text]]>",
        "<![CDATA[Queen bed<br/>Free WiFi]]>",
        "<![CDATA[<p:A xmlns:p='urn:x'/>]]>",
        "a<![CDATA[ b ]]>c",
        "<!-- <p:A xmlns:p='urn:x'> -->text",
        "<!-- <![CDATA[ in a comment ]]> -->",
        "<?pi <p:A> xmlns ?>after",
        "see http://example.com/a:b",
        "x:y <- not a tag",
        "[brackets] &amp;lt; [[",
        "",
    ])
    .to_string()
}

/// An attribute list that may fool a byte scan.
fn attributes(rng: &mut Rng) -> String {
    rng.pick(&[
        "",
        " Type=\"13\" Code=\"322\"",
        " T=\"12:30\" U=\"http://x/y\"",
        " xml:lang=\"en\"",
        " Text=\"&lt;br/&gt;\"",
        " Note=\"&lt;![CDATA[x]]&gt;\"",
        " ShortText=\"a xmlns b\"",
        " p:Attr=\"1\" xmlns:p=\"urn:example:p\"",
    ])
    .to_string()
}

/// One child of the response, possibly with children of its own.
fn child(rng: &mut Rng, depth: usize, out: &mut String) {
    let name = *rng.pick(&[
        "Errors",
        "Success",
        "Warnings",
        "RoomStays",
        "UniqueID",
        "TPA_Extensions",
        "HotelReservations",
        "Text",
    ]);
    let ns = if rng.chance(60) {
        Ns::Inherit
    } else {
        *rng.pick(&NS)
    };
    let (open, close) = tags(name, ns, &attributes(rng));
    out.push_str(&open);
    if name == "TPA_Extensions" && rng.chance(70) {
        out.push_str("<x:Debug xmlns:x=\"urn:example:debug\"><Inner xmlns=\"urn:y\"/></x:Debug>");
    }
    if name == "Errors" {
        let (eo, ec) = tags("Error", *rng.pick(&NS), " Type=\"13\" Code=\"322\"");
        out.push_str(&format!("{eo}{}{ec}", text(rng)));
    }
    if depth < 3 && rng.chance(50) {
        for _ in 0..rng.below(3) {
            child(rng, depth + 1, out);
        }
    } else {
        out.push_str(&text(rng));
    }
    out.push_str(&close);
    if rng.chance(20) {
        let between: &&str = rng.pick(&[
            "<!-- xmlns:p -->",
            "<!-- <ota:X> -->",
            "\n  ",
            "<?target data?>",
        ]);
        out.push_str(between);
    }
}

/// An OTA response element, with how its namespace is written.
fn response(rng: &mut Rng, out: &mut String) {
    let name = *rng.pick(&[
        "OTA_HotelAvailRS",
        "OTA_HotelResRS",
        "OTA_CancelRS",
        "OTA_HotelDescriptiveInfoRS",
        "OTA_ReadRS",
    ]);
    let ns = *rng.pick(&[
        Ns::DefaultOta,
        Ns::DefaultOta,
        Ns::PrefixOta,
        Ns::PrefixOta,
        Ns::Inherit,
        Ns::Empty,
        Ns::Other,
        Ns::PrefixOnly,
    ]);
    let (open, close) = tags(
        name,
        ns,
        " EchoToken=\"e1\" Version=\"1.0\" PrimaryLangID=\"en\" AltLangID=\"en\"",
    );
    out.push_str(&open);
    for _ in 0..1 + rng.below(3) {
        child(rng, 0, out);
    }
    out.push_str(&close);
}

/// An XML message of a profile: HS2 in SOAP, HS1 bare, XX/1, or a Concur web-service error.
fn xml_message(rng: &mut Rng) -> String {
    let mut body = String::new();
    match rng.below(5) {
        // HS2: a SOAP envelope, its prefix declared on it (or the OTA one too).
        0 | 1 => {
            let envelopes = [
                ("soap:", format!(" xmlns:soap=\"{SOAP}\"")),
                (
                    "soap:",
                    format!(" xmlns:soap=\"{SOAP}\" xmlns:ota=\"{OTA}\""),
                ),
                ("SOAP-ENV:", format!(" xmlns:SOAP-ENV=\"{SOAP}\"")),
                ("", format!(" xmlns=\"{SOAP}\"")),
            ];
            let (p, decl) = rng.pick(&envelopes);
            body.push_str(&format!("<{p}Envelope{decl}>"));
            if rng.chance(50) {
                body.push_str(&format!("<{p}Header/>"));
            }
            body.push_str(&format!("<{p}Body>"));
            response(rng, &mut body);
            body.push_str(&format!("</{p}Body></{p}Envelope>"));
        }
        // HS1: the bare response.
        2 => response(rng, &mut body),
        // XX/1: a PASS message, bare or in SOAP, maybe with an InfoGroup.
        3 => {
            let info = if rng.chance(50) {
                "<InfoGroup><ForInfo Type=\"1\"><Text>a &lt;b&gt; <![CDATA[c]]></Text></ForInfo></InfoGroup>"
            } else {
                ""
            };
            let inner = format!(
                "<FareSearchRS version=\"1.0\" Lang=\"en\">{info}<Fares><Fare Carrier=\"LH\" Note=\"{}\"/></Fares></FareSearchRS>",
                rng.pick(&["x:y", "&lt;br&gt;", "plain"])
            );
            if rng.chance(50) {
                body.push_str(&format!(
                    "<soap:Envelope xmlns:soap=\"{SOAP}\"><soap:Body>{inner}</soap:Body></soap:Envelope>"
                ));
            } else {
                body.push_str(&inner);
            }
        }
        // A Concur web-service error, in an HTTP response.
        _ => {
            return format!(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml; charset=utf-8\r\n\r\n<Error><StatusCode>400</StatusCode><Content><Error><Message>{}</Message><Id>4E3F</Id></Error></Content></Error>\n",
                text(rng)
            );
        }
    }
    body
}

/// An HS4 JSON body whose strings hold what a byte scan looks for.
fn json_message(rng: &mut Rng) -> String {
    let value = *rng.pick(&[
        "<![CDATA[x]]>",
        "&lt;br/&gt;",
        "xmlns:p=\\\"urn:x\\\"",
        "<p:A>",
        "plain",
    ]);
    match rng.below(3) {
        0 => format!("{{\"otaCode\": \"{value}\", \"message\": \"{value}\"}}"),
        1 => format!(
            "{{\"hotels\": [{{\"hotelKey\": \"H1\", \"name\": \"{value}\", \"address\": {{\"city\": \"[x]\"}}}}]}}"
        ),
        _ => format!("{{\"confirmationCodes\": [\"{value}\"], \"status\": \"CANCELLED\"}}"),
    }
}

/// A document put through the variations every input may have: a declaration, a BOM, CRLF.
fn vary(rng: &mut Rng, doc: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let http = doc.starts_with(b"HTTP/");
    if !http && rng.chance(25) {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    if !http && doc.starts_with(b"<") && !doc.starts_with(b"<?xml") && rng.chance(40) {
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    if rng.chance(30) {
        for &b in doc {
            if b == b'\n' && out.last() != Some(&b'\r') {
                out.push(b'\r');
            }
            out.push(b);
        }
    } else {
        out.extend_from_slice(doc);
    }
    out
}

/// Every sample and rule fixture of the repository (not HARs: their bodies are in the
/// samples too), in a fixed order.
fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut stack = vec![root.join("samples"), root.join("rules")];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| matches!(e.to_str(), Some("xml" | "json" | "http")))
            {
                out.push(fs::read(&path).expect("readable"));
            }
        }
    }
    out
}

fn linter(plain: bool) -> Linter {
    let mut l = Linter::new(ProfileSet::load(&[]).expect("built-in data"));
    l.rules = RuleSet::from_selection(&["all".to_string()], &[], &[]).expect("all");
    l.options.plain = plain;
    l
}

/// The findings of a document, with their levels, messages and help.
fn findings(linter: &Linter, doc: &[u8]) -> Vec<String> {
    let outcome = linter.check_file(doc, None);
    let mut lines = common::outcome(&outcome, false);
    for unit in outcome.units.iter().flatten() {
        for d in &unit.checked.diagnostics {
            lines.push(format!(
                "{} {:?} {}: {} / {}",
                d.rule,
                d.span,
                d.level,
                d.message,
                d.help.as_deref().unwrap_or("")
            ));
        }
    }
    lines
}

/// The rules with a byte-scan short-cut.
const RULES: [&str; 2] = ["ota-namespace", "cdata-or-markup"];

/// How many documents the generator makes; with the seeds put through variations, about
/// 1,200 documents are checked twice.
const GENERATED: usize = 800;

#[test]
fn short_cuts_find_what_the_plain_path_finds() {
    let mut rng = Rng(0x07A1_1A7E);
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for seed in seeds() {
        corpus.push(vary(&mut rng, &seed));
    }
    assert!(corpus.len() > 100, "the samples and fixtures are read");
    for _ in 0..GENERATED {
        let doc = match rng.below(8) {
            0 => json_message(&mut rng),
            _ => xml_message(&mut rng),
        };
        corpus.push(vary(&mut rng, doc.as_bytes()));
    }
    let (fast, plain) = (linter(false), linter(true));
    let mut differ = Vec::new();
    let mut fired = [0usize; 2];
    for doc in &corpus {
        let (a, b) = (findings(&fast, doc), findings(&plain, doc));
        for (n, rule) in fired.iter_mut().zip(RULES) {
            *n += usize::from(b.iter().any(|l| l.starts_with(rule)));
        }
        if a != b {
            differ.push(format!(
                "{}\n  optimised: {a:?}\n  plain:     {b:?}",
                String::from_utf8_lossy(doc)
            ));
        }
    }
    // The corpus must make the rules fire, or equal findings prove nothing.
    for (n, rule) in fired.iter().zip(RULES) {
        assert!(*n >= 20, "{rule} fired on only {n} documents");
    }
    assert!(
        differ.is_empty(),
        "{} of {} documents: the short-cuts report otherwise than the plain path\n\n{}",
        differ.len(),
        corpus.len(),
        differ
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
