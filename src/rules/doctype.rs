//! ## What it does
//! Reports a `<!DOCTYPE …>` in the document. otalint never expands its entities and never
//! fetches an external DTD: the DOCTYPE is set aside and the rest of the document is checked
//! without it.
//!
//! ## Why it matters
//! SOAP 1.1 (§3) says a SOAP message must not contain a Document Type Declaration, and a DTD
//! is how "billion laughs" entity expansion and external-entity (XXE) attacks get in. Concur
//! has no reason to accept one, and a hardened parser refuses the whole message.
//!
//! ## Example
//! ```xml
//! <!DOCTYPE Envelope [ <!ENTITY hotel "HTL4444"> ]>
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" Status="Cancelled">
//!       <Success/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Remove the DOCTYPE and write entity values out.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_CancelRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" Version="1.0" PrimaryLangID="en" AltLangID="en" Status="Cancelled">
//!       <Success/>
//!       <UniqueID Type="14" ID="RES12345"/>
//!       <UniqueID Type="15" ID="CXL777"/>
//!     </OTA_CancelRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "doctype",
    group: Group::Document,
    level: Level::Error,
    profiles: XML,
    summary: "a DOCTYPE/DTD is present (forbidden by SOAP 1.1, and a security hazard)",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(span) = cx.doctype else {
        return;
    };
    let keyword = span.start..(span.start + "<!DOCTYPE".len()).min(span.end);
    let why = match cx.profile {
        Profile::Hs2 => "SOAP 1.1 forbids a DTD in a message",
        Profile::Hs1 => "Concur's hotel contract has no DTD",
        Profile::Xx1 => "XX/1 messages have no DTD",
        Profile::Hs4 | Profile::ConcurWs => "Concur's web services accept no DTD",
    };
    out.report(keyword, "the document has a DOCTYPE")
        .label("DOCTYPE")
        .help(format!(
            "{why}, and DTDs carry entity-expansion and external-entity attacks: remove it \
             (otalint neither expands nor fetches its entities)"
        ));
}
