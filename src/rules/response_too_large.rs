//! ## What it does
//! Reports a response whose uncompressed body is larger than its message's limit: search
//! 1 MB, availability and rate details 5 MB, every other HS2 message 150 KB; 5 MB for every
//! Hotel v1 message. The limits are data (`max_bytes`), read in decimal units (1 MB =
//! 1,000,000 bytes), the stricter reading of Concur's "1 MB".
//!
//! ## Why it matters
//! "Responses that exceed these limits will be dropped and handled as error responses." (HS2
//! Introduction; Hotel v1: "at most 5 MB uncompressed"). A search that returns every hotel of
//! a city in full detail works in testing and fails for the big cities in production.
//!
//! ## Example
//! A 160,000-byte `OTA_HotelDescriptiveInfoRS` (limit 150 KB), for instance with dozens of
//! long descriptions or embedded images (the test of these docs expands the comment below to
//! that size):
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelDescriptiveInfoRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Success/>
//!       <!-- ... 160,000 bytes of content ... -->
//!     </OTA_HotelDescriptiveInfoRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send less: fewer hotels per search page, shorter texts, links to images rather than
//! images, and no pretty-printing indentation in production responses.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelDescriptiveInfoRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Success/>
//!       <HotelDescriptiveContents>
//!         <HotelDescriptiveContent HotelCode="HTL4444" HotelName="Hotel Example">
//!           <HotelInfo><Descriptions><DescriptiveText>A waterfront hotel.</DescriptiveText></Descriptions></HotelInfo>
//!           <MultimediaDescriptions><MultimediaDescription><ImageItems><ImageItem><ImageFormat><URL>https://images.example/lobby.jpg</URL></ImageFormat></ImageItem></ImageItems></MultimediaDescription></MultimediaDescriptions>
//!           <!-- ... 100,000 bytes of content ... -->
//!         </HotelDescriptiveContent>
//!       </HotelDescriptiveContents>
//!     </OTA_HotelDescriptiveInfoRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "response-too-large",
    group: Group::Message,
    level: Level::Error,
    profiles: HS2_HS1_HS4,
    summary: "the uncompressed body is over its message's (or HS4 operation's) size limit",
    data: &["message.max_bytes", "messages.*.max_bytes", "http.max_bytes"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    if cx.profile == Profile::Hs4 {
        return hs4(cx, out);
    }
    let Some(response) = cx.response() else {
        return;
    };
    let name = local(response);
    let Some(limit) = cx.facts.max_bytes_for(name) else {
        return;
    };
    let size = cx.text.len() as u64;
    if size <= limit {
        return;
    }
    out.report(
        cx.name_span(response),
        format!(
            "the response is {} bytes; Concur drops `{name}` responses over {} bytes ({})",
            grouped(size),
            grouped(limit),
            human(limit)
        ),
    )
    .label("too large")
    .help(
        "\"Responses that exceed these limits will be dropped and handled as error responses\": \
         send fewer results or shorter texts, and no indentation in production",
    );
}

/// An HS4 answer over its operation's limit.
fn hs4(cx: &Context, out: &mut Findings) {
    let Some((op, limit)) = cx.operation.and_then(|op| Some((op, *cx.facts.http.max_bytes.get(op)?))) else {
        return;
    };
    let size = cx.text.len() as u64;
    if size <= limit || cx.json.is_none() {
        return;
    }
    out.report(
        0..cx.text.len().min(1),
        format!("the {op} response is {} bytes; Concur's limit is {} bytes ({})", grouped(size), grouped(limit), human(limit)),
    )
    .label("too large")
    .help("\"Responses that exceed these limits will be dropped\" (HS4 Getting Started): send fewer results or shorter texts, and no indentation");
}

/// 1234567 as `1,234,567`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 150000 as `150 KB`, 5000000 as `5 MB`.
fn human(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(100_000) {
        format!("{} MB", n as f64 / 1e6)
    } else if n >= 1_000 && n.is_multiple_of(100) {
        format!("{} KB", n as f64 / 1e3)
    } else {
        format!("{n} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(150), "150");
        assert_eq!(human(150_000), "150 KB");
        assert_eq!(human(5_000_000), "5 MB");
        assert_eq!(human(1_500_000), "1.5 MB");
        assert_eq!(human(999), "999 B");
    }
}
