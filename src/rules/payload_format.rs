//! ## What it does
//! Reports a payload that does not fit its code's format. One finding names every problem of
//! the payload, its label at the first bad token and a label at each other one.
//! Formats (which code uses which is data, `payload` in `rules/hs2.toml`):
//!
//! | code | format | valid example |
//! |---|---|---|
//! | 320 | comma-separated `Node:value` items, node non-empty | `StayDateRange:2019-11-33` |
//! | 322, 400 | comma-separated hotel codes, 1-16 characters, no spaces | `HTL4444,HTL5555` |
//! | 424 | `Latitude,Longitude,Radius,UoM`: -90..90, -180..180, radius > 0, UoM 1 (miles) or 2 (km) | `50.111,40.222,5,2` |
//! | 438 | comma-separated RatePlanIDs, 1-64 characters | `111,222` |
//! | 748 | one requestor ID, 1-32 characters | `ACME-001` |
//! | 385 | one reservation ID, 1-32 characters | `RES12345` |
//!
//! Items are separated by commas; a `;` or `|` between them is named as the wrong separator.
//!
//! **White space** between the items (`HTL4444, HTL5555`) is an error: the `Error` content
//! is an `xs:string` in Concur's HotelService2.xsd (`FreeTextType`), which keeps white space,
//! and Concur's examples show none. White space around the *whole* payload (what a
//! pretty-printing serializer writes: `<Error …>\n  50.111,40.222,5,2\n</Error>`) is
//! reported at **info** level only: Concur documents its parsing neither way and the usual
//! number parsers trim it, but Concur's documents show none, so trim it to be safe. The
//! payload inside it is checked as if trimmed.
//!
//! Only the error Concur uses, the first, is checked.
//!
//! ## Why it matters
//! Concur parses the payload to act on it: which hotels had no availability, where the
//! search found nothing, which rates failed (Hotel v2 - Error Handling). A payload
//! that does not parse is as good as none. Concur's own 424 example,
//! `50.111,40.222,5,2`, shows the format: no spaces, a unit code, not a unit name.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No hotels found">50.111,40.222,5,km</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Write the payload in the code's format: here the OTA unit code 2 for kilometers.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelSearchRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="424" ShortText="No hotels found">50.111,40.222,5,2</Error>
//!       </Errors>
//!     </OTA_HotelSearchRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::support::payload_site::{State, site};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "payload-format",
    group: Group::Payload,
    level: Level::Error,
    profiles: HS2,
    summary: "the payload does not fit its code's format",
    data: &["codes.*.payload", "payload.units"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(site) = site(cx) else {
        return;
    };
    let State::Present { value, .. } = &site.state else {
        return;
    };
    // The payload inside the white space around it; that white space is only an info.
    let lead = value.len() - value.trim_start().len();
    let inner = value.trim();
    let mut problems = site.format.problems(inner, &cx.facts.payload.units);
    for p in &mut problems {
        p.range = p.range.start + lead..p.range.end + lead;
    }
    let span = |range: &std::ops::Range<usize>| {
        site.state
            .token_span(cx.text, range.clone())
            .unwrap_or_else(|| cx.name_span(site.error))
    };
    let Some((first, rest)) = problems.split_first() else {
        if inner.len() != value.len() && !inner.is_empty() {
            padded(out, &site, value, span);
        }
        return;
    };
    // One finding names every problem: fixing one at a time would take as many runs.
    let message = match rest.len() {
        0 => format!("code {} payload: {}", site.code, first.message),
        n => format!(
            "code {} payload: {}; and {n} more: {}",
            site.code,
            first.message,
            rest.iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let d = out.report(span(&first.range), message).label("here").help(format!(
        "code {} carries {}, e.g. `{}`",
        site.code,
        site.format.describe(),
        site.format.example()
    ));
    for problem in rest {
        d.related(span(&problem.range), problem.message.clone());
    }
}

/// White space around a payload that is otherwise right: an info, at its first run.
fn padded(
    out: &mut Findings,
    site: &super::support::payload_site::Site,
    value: &str,
    span: impl Fn(&std::ops::Range<usize>) -> std::ops::Range<usize>,
) {
    let lead = value.len() - value.trim_start().len();
    let run = if lead > 0 {
        0..lead
    } else {
        value.trim_end().len()..value.len()
    };
    out.report(
        span(&run),
        format!(
            "code {} payload `{}` has white space around it",
            site.code,
            crate::rules::support::shown(value)
        ),
    )
    .label("white space")
    .help(format!(
        "Concur's documents show none; trim it to be safe: `{}`",
        value.trim()
    ))
    .level(Level::Info);
}
