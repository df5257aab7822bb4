//! ## What it does
//! Reports a response with more than one `Error`, or more than one `Errors`. The error Concur
//! keeps and each one it drops are labelled. The other `errors` and `payload` rules check
//! only the error Concur keeps.
//!
//! ## Why it matters
//! "SAP Concur only ever expects one OTA error per message. Any extra errors will be
//! ignored." and "SAP Concur only uses the very first error that is returned, therefore any
//! excess error elements are dropped." (Hotel v2 - Error Handling). A supplier that
//! lists the real cause second never gets it to Concur.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability">HTL4444</Error>
//!         <Error Type="13" Code="438" ShortText="Requested rate not available">111</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Send the one error that matters most.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability">HTL4444</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "multiple-errors",
    group: Group::Errors,
    level: Level::Warning,
    profiles: HS2,
    summary: "more than one Error (or Errors); Concur uses only the very first",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let kept = shape.first_error();
    // Everything Concur drops: extra `Errors` elements and every `Error` but the first.
    let mut dropped = Vec::new();
    for (i, errors) in shape.errors.iter().enumerate() {
        if i > 0 {
            dropped.push(*errors);
        }
        dropped.extend(children(*errors, "Error").filter(|e| Some(*e) != kept));
    }
    let Some((first, rest)) = dropped.split_first() else {
        return;
    };
    let errors = shape.all_errors().count();
    let message = if shape.errors.len() > 1 {
        format!(
            "{} `Errors` elements with {errors} `Error`s; Concur uses only the first error",
            shape.errors.len()
        )
    } else {
        format!("{errors} `Error`s in one response; Concur uses only the first")
    };
    let d = out
        .report(cx.name_span(*first), message)
        .label("dropped by Concur")
        .help(
            "Concur only ever expects one OTA error per message and drops the rest: send the \
             most relevant error alone, or merge what the others say into its ShortText",
        );
    for node in rest {
        d.related(cx.name_span(*node), "dropped by Concur");
    }
    if let Some(kept) = kept {
        d.related(cx.name_span(kept), "the only error Concur uses");
    }
}
