//! ## What it does
//! Reports a body that is not UTF-8: a UTF-16 byte order mark, bytes that are not valid
//! UTF-8 (the first such sequence is labelled, the others counted), or an XML declaration
//! naming another encoding. Invalid bytes read as `?` for the other rules, so the rest of the
//! document is still checked; a UTF-16 body is not checked further.
//!
//! ## Why it matters
//! Concur sends `Accept-Charset: utf-8` with its requests and reads the response as UTF-8.
//! Hotel names and addresses are where Latin-1 or Windows-1252 bytes slip in, and they turn
//! into garbage or a rejected response.
//!
//! ## Example
//! ```xml
//! <?xml version="1.0" encoding="ISO-8859-1"?>
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
//! Encode the response as UTF-8 and declare it so (or leave the encoding out, which means
//! UTF-8).
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
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
use crate::document::EncodingProblem;

pub static RULE: Rule = Rule {
    name: "not-utf8",
    group: Group::Document,
    level: Level::Error,
    profiles: XML,
    summary: "the body is not UTF-8 (UTF-16, invalid bytes, or another declared encoding)",
    data: &[],
    check,
};

const HELP: &str = "Concur sends `Accept-Charset: utf-8`: encode the response as UTF-8";

fn check(cx: &Context, out: &mut Findings) {
    match cx.encoding {
        None => {}
        Some(EncodingProblem::Utf16Bom { big_endian }) => {
            let order = if *big_endian { "big" } else { "little" };
            out.report(
                0..2,
                format!("the body is UTF-16 ({order}-endian byte order mark)"),
            )
            .label("UTF-16 byte order mark")
            .help(format!(
                "{HELP}, without a byte order mark; otalint does not check a UTF-16 body further"
            ));
        }
        Some(EncodingProblem::InvalidUtf8 { span, count }) => {
            let more = match count {
                1 => String::new(),
                n => format!(" ({} more further on)", n - 1),
            };
            out.report(span.clone(), format!("bytes that are not valid UTF-8{more}"))
                .label("not UTF-8")
                .help(format!(
                    "{HELP}; bytes like these usually come from a Latin-1 or Windows-1252 encoder"
                ));
        }
        Some(EncodingProblem::Declared { span, name }) => {
            out.report(
                span.clone(),
                format!("the XML declaration names the encoding `{name}`"),
            )
            .label("not UTF-8")
            .help(format!("{HELP} and declare `encoding=\"UTF-8\"`"));
        }
    }
}
