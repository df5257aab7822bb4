//! Profiles: the contract a file is checked against, and the facts each profile's rules read
//! from `rules/<profile>.toml` ([`data`] the types, [`load`] embedding and layering).

mod data;
mod facts;
mod load;

pub use data::*;
pub use load::{ProfileSet, UserRules};

crate::names! {
    /// The contract a file is checked against.
    #[derive(serde::Deserialize, clap::ValueEnum)]
    #[serde(rename_all = "kebab-case")]
    pub enum Profile {
        /// Concur Hotel Service v2: OTA 2015B in a SOAP 1.1 envelope.
        Hs2 = "hs2",
        /// Concur Hotel v1: bare OTA 2011B over HTTP.
        Hs1 = "hs1",
        /// PASS Consulting XX/1 (XX1) messages with an InfoGroup.
        Xx1 = "xx1",
        /// Concur Hotel Service v4: REST/JSON.
        Hs4 = "hs4",
        /// Error responses of Concur's own web services (only when selected).
        ConcurWs = "concur-ws",
    }
}

/// The Hotel Service v4 operations, in the order Concur calls them (`--operation`,
/// `operation =` in otalint.toml, and the tie-break when a body's shape fits several).
pub const HS4_OPERATIONS: [&str; 8] = [
    "search",
    "details",
    "rates",
    "ratedetails",
    "reservation",
    "read",
    "modify",
    "cancel",
];

impl Profile {
    /// The data of [`Profile::embedded_data`] as JSON (made by `build.rs` from the TOML),
    /// which a run reads faster.
    pub fn embedded_json(self) -> &'static str {
        match self {
            Profile::Hs2 => include_str!(concat!(env!("OUT_DIR"), "/hs2.json")),
            Profile::Hs1 => include_str!(concat!(env!("OUT_DIR"), "/hs1.json")),
            Profile::Xx1 => include_str!(concat!(env!("OUT_DIR"), "/xx1.json")),
            Profile::Hs4 => include_str!(concat!(env!("OUT_DIR"), "/hs4.json")),
            Profile::ConcurWs => include_str!(concat!(env!("OUT_DIR"), "/concur-ws.json")),
        }
    }

    /// The profile's facts as shipped (`rules/<profile>.toml`), embedded in the binary.
    pub fn embedded_data(self) -> &'static str {
        match self {
            Profile::Hs2 => concat!(
                include_str!("../../rules/hs2.toml"),
                "\n",
                include_str!("../../rules/money.toml")
            ),
            Profile::Hs1 => include_str!("../../rules/hs1.toml"),
            Profile::Xx1 => include_str!("../../rules/xx1.toml"),
            Profile::Hs4 => concat!(
                include_str!("../../rules/hs4.toml"),
                "\n",
                include_str!("../../rules/hs4-contract.toml"),
                "\n",
                include_str!("../../rules/money.toml"),
                "\n",
                include_str!("../../rules/ota-codes.toml")
            ),
            Profile::ConcurWs => include_str!("../../rules/concur-ws.toml"),
        }
    }
}
