//! The documents the rules cite, by the title a reader finds on the page and its public
//! address: a rule's docs name a document in passing ("Hotel v2 - Error Handling"), and
//! `otalint explain` lists the documents its docs name, with where to read them.

/// A document the rules' docs cite.
pub struct Source {
    /// How the docs name it (any of these, compared without case).
    pub cited_as: &'static [&'static str],
    /// The document's title as its page shows it.
    pub title: &'static str,
    /// Where a reader opens it.
    pub url: &'static str,
}

pub const SOURCES: &[Source] = &[
    Source {
        cited_as: &["Hotel v2 - Error Handling", "HS2 Error handling"],
        title: "SAP Concur, Direct Connect - Hotel v2 - Error Handling",
        url: "https://developer.concur.com/api-reference/direct-connects/hotel-service-2/Error-handling.html",
    },
    Source {
        cited_as: &["2017 edition"],
        title: "SAP Concur, Hotel v2 - Error Handling, the 2017 edition (ShortText payloads), in \
                the history of the Developer Center's repository",
        url: "https://github.com/concur/developer.concur.com",
    },
    Source {
        cited_as: &["HS2 Introduction"],
        title: "SAP Concur, Direct Connect - Hotel v2 - Introduction",
        url: "https://developer.concur.com/api-reference/direct-connects/hotel-service-2/Introduction.html",
    },
    Source {
        cited_as: &["HotelService2.xsd"],
        title: "SAP Concur, Direct Connect - Hotel v2 - XSD schema (HotelService2.xsd)",
        url: "https://developer.concur.com/api-reference/direct-connects/hotel-service-2/xsd-schema.html",
    },
    Source {
        cited_as: &["HTTP Status Codes"],
        title: "SAP Concur, HTTP Status Codes (Concur's web services)",
        url: "https://developer.concur.com/api-reference/http-status-codes.html",
    },
    Source {
        cited_as: &["HS4 Getting Started"],
        title: "SAP Concur, Direct Connect - Hotel Service v4 - Getting Started",
        url: "https://developer.concur.com/api-reference/direct-connects/hotel-service-4/v4.getting-started.html",
    },
    Source {
        cited_as: &["HS4 OpenAPI", "Concur's OpenAPI", "OpenAPI"],
        title: "SAP Concur, Direct Connect - Hotel Service v4 - Endpoints (the OpenAPI)",
        url: "https://developer.concur.com/api-reference/direct-connects/hotel-service-4/v4.endpoints.html",
    },
    Source {
        cited_as: &["HS4 supported error codes"],
        title: "SAP Concur, Direct Connect - Hotel v4 Supported Error Codes",
        url: "https://developer.concur.com/api-reference/direct-connects/hotel-service-4/v4.supported-error-codes.html",
    },
    Source {
        cited_as: &["XX1 Error Handling"],
        title: "PASS Consulting, XX1 Travel SDK - Error Handling",
        url: "https://xx1.pass-consulting.com/documentation/xx1-travel-sdk/error-handling/",
    },
];

/// The documents a rule's docs cite, in the order of [`SOURCES`].
pub fn cited_by(docs: &str) -> Vec<&'static Source> {
    // The docs are wrapped: a title may be split over two lines.
    let docs = docs
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    SOURCES
        .iter()
        .filter(|s| s.cited_as.iter().any(|c| docs.contains(&c.to_lowercase())))
        .collect()
}
