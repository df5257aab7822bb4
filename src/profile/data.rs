//! The facts of one profile as the rules read them: `rules/<profile>.toml` deserialized
//! straight into these types, one struct per TOML section and one field per key. A new key is
//! one field here (with its doc), one line of TOML and a line in `rules/README.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, de};

use crate::payload::PayloadFormat;
use crate::selector::{Count, Path, Target};

/// The checked facts of one profile.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Facts {
    /// The profile a file extends (`profile = "hs2"`); read by the loader.
    pub profile: Option<String>,
    pub namespaces: Namespaces,
    pub errors: Errors,
    /// Error type code to its name; empty when the profile has no type contract.
    pub types: BTreeMap<String, ErrorType>,
    pub codes: BTreeMap<String, CodeFacts>,
    pub payload: Payload,
    pub message: MessageDefaults,
    pub messages: BTreeMap<String, MessageFacts>,
    pub pairing: PairingFacts,
    pub infogroup: InfoGroupFacts,
    pub http: HttpContract,
    pub json: JsonFacts,
    pub error_body: ErrorBody,
    pub probe: ProbeData,
    pub contract: Contract,
    pub money: Money,
    pub price: PriceFacts,
    /// `[ota_codes.<list>]`: the OTA code lists Concur supports (`rules/ota-codes.toml`).
    pub ota_codes: BTreeMap<String, CodeList>,
}

/// `[ota_codes.<list>]`: one OTA code list Concur supports (unknown-ota-code).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeList {
    /// What a finding calls the list: `Hotel Amenity Code (HAC)` (a user's file that only adds
    /// codes may leave it to the built-in list).
    #[serde(default)]
    pub name: String,
    /// Where the list comes from, named in the finding's help.
    #[serde(default)]
    pub source: String,
    /// Each code and its description; a set the rule looks codes up in.
    #[serde(deserialize_with = "numeric_keys")]
    pub codes: BTreeMap<i64, String>,
}

/// A table whose keys are integers (`173 = "Breakfast served in restaurant"`).
fn numeric_keys<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i64, String>, D::Error> {
    BTreeMap::<String, String>::deserialize(d)?
        .into_iter()
        .map(|(k, v)| {
            k.parse()
                .map(|k| (k, v))
                .map_err(|_| de::Error::custom(format!("`{k}` is not an integer code")))
        })
        .collect()
}

/// `[namespaces]`: the namespaces a message must use.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Namespaces {
    pub soap: Option<String>,
    pub ota: Option<String>,
}

/// `[errors]`: the `Error` element's contract.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Errors {
    pub code_pattern: Option<Pattern>,
    pub short_text_max: usize,
    /// The type Concur assumes for an `Error` without one.
    pub default_type: Option<String>,
    /// The type Concur rejects in favour of an HTTP status.
    pub authentication_type: Option<String>,
    /// Children of a response that are not business content.
    pub non_content: Vec<String>,
    /// ShortText values that name no cause.
    pub generic_short_texts: Vec<String>,
}

impl Default for Errors {
    fn default() -> Self {
        Errors {
            code_pattern: None,
            short_text_max: 64,
            default_type: None,
            authentication_type: None,
            non_content: Vec::new(),
            generic_short_texts: Vec::new(),
        }
    }
}

/// `[types.N]`: an error type Concur accepts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorType {
    pub name: String,
}

/// `[codes.N]`: a code Concur expects, with its type and payload format.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeFacts {
    #[serde(rename = "type")]
    pub error_type: Option<String>,
    pub description: String,
    pub payload: Option<PayloadFormat>,
    /// The ShortText must say what caused the error (unknown-cause).
    #[serde(default)]
    pub cause_required: bool,
}

/// `[payload]`: how code payloads are written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Payload {
    /// Distance units a position payload may name.
    pub units: Vec<String>,
}

/// `[message]`: what every response must have.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MessageDefaults {
    pub root_attributes: Vec<String>,
    pub max_bytes: Option<u64>,
}

/// `[messages.NAME]`: what one message must hold, its size limit and the requests it answers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageFacts {
    #[serde(default)]
    pub answers: Vec<String>,
    pub max_bytes: Option<u64>,
    #[serde(default)]
    pub requires: Vec<Require>,
    #[serde(default)]
    pub enums: Vec<EnumFacts>,
}

/// A path the message must hold, and how often.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Require {
    pub path: Path,
    #[serde(default = "at_least_one")]
    pub count: Count,
}

fn at_least_one() -> Count {
    Count::AT_LEAST_ONE
}

/// An attribute and the values it may take.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumFacts {
    #[serde(deserialize_with = "attribute_path")]
    pub path: Path,
    pub values: Vec<String>,
}

/// `[money]` (`rules/money.toml`, joined to hs2 and hs4): what a currency's amounts are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Money {
    /// ISO 4217 code to its minor unit (decimal places): the sums' tolerance is half a minor
    /// unit per summand.
    pub minor_units: BTreeMap<String, u32>,
    /// Where the minor units come from.
    pub minor_units_source: String,
}

/// `[price]`: how exactly the price rules compare.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PriceFacts {
    /// A fixed tolerance for the sums (a decimal, as text), where a source states one (hs4:
    /// Concur's kit's `0.1`); without it, half a minor unit per summand.
    pub tolerance: Option<String>,
}

/// `[pairing]`: where a request names hotel codes, RatePlanIDs and its search area.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PairingFacts {
    pub hotel_code_attributes: Vec<String>,
    pub rate_plan_attributes: Vec<String>,
    pub position: Option<String>,
    pub radius: Option<String>,
    /// Kilometres per distance unit, by the unit's code (`1` miles in HS2, `MILE` in HS4):
    /// outside-radius measures in the unit of the request.
    pub radius_units: BTreeMap<String, f64>,
}

/// `[infogroup]`: the XX/1 InfoGroup schema and codes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InfoGroupFacts {
    pub code_pattern: Option<Pattern>,
    pub elements: BTreeMap<String, ElementData>,
    /// The known normalized codes, when a user supplied them.
    pub known_codes: Option<KnownCodes>,
}

/// `[infogroup.elements.NAME]`: the children and attributes an element may have.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ElementData {
    pub children: Vec<String>,
    pub attributes: Vec<String>,
    pub any: bool,
}

/// `[infogroup.known_codes]`: a listing of normalized codes and where it comes from (the
/// rules file that gave it, unless it says).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownCodes {
    #[serde(default)]
    pub source: String,
    pub codes: BTreeMap<String, String>,
}

/// `[http]`: the HTTP side of a contract.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpContract {
    pub timeout_seconds: Option<f64>,
    pub auth_status: Option<u16>,
    /// Concur's sentence that sets `auth_status`, with where it stands.
    pub auth_sentence: Option<String>,
    pub wrong_auth_statuses: Vec<u16>,
    pub application_error_status: Option<u16>,
    pub statuses: Vec<u16>,
    pub content_types: Vec<String>,
    /// SOAPAction values and root element names to operations.
    pub operations: BTreeMap<String, String>,
    pub ideal_seconds: BTreeMap<String, f64>,
    /// hs4: the size limit of an operation's answer, in bytes (`response-too-large`).
    pub max_bytes: BTreeMap<String, u64>,
}

/// `[json]`: the JSON error contract of HS4.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JsonFacts {
    /// Statuses whose response is an Error object (the OpenAPI's `Error` schema).
    pub error_body_statuses: Vec<u16>,
    /// Top-level members that mark a JSON body as an HS4 message.
    pub message_members: Vec<String>,
    pub ota_code_required_statuses: Vec<u16>,
    pub supported_codes: Vec<i64>,
}

/// `[contract]` (hs4, `rules/hs4-contract.toml`): what each operation's 200 response holds,
/// derived from Concur's OpenAPI, and what Concur's prose adds to it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contract {
    /// Operation name (`rates`) to its path and its request's and response's definitions.
    pub operations: BTreeMap<String, Operation>,
    /// Definition name to its schema.
    pub definitions: BTreeMap<String, Schema>,
    /// Fields required unless another field has a value ("Required for all statuses, except
    /// for CANCELLED").
    pub required_unless: Vec<RequiredUnless>,
    /// Per operation, the confirmation code type its answer must carry.
    pub confirmation_codes: BTreeMap<String, ConfirmationRule>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub path: String,
    pub request: Option<String>,
    pub response: String,
}

/// A definition or a field: a JSON type or a reference to a definition, and its constraints.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Schema {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub items: Option<Box<Schema>>,
    pub required: Vec<String>,
    pub fields: BTreeMap<String, Schema>,
    #[serde(rename = "enum")]
    pub values: Vec<String>,
    pub format: Option<String>,
    pub pattern: Option<Pattern>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub multiple_of: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredUnless {
    pub definition: String,
    pub field: String,
    /// The field whose value lifts the requirement, and that value.
    pub unless_field: String,
    pub unless_value: String,
    pub sentence: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationRule {
    pub code_type: String,
    pub sentence: String,
}

/// `[probe]`: what `otalint probe`'s negative probes expect (docs/probe.md "The negative probes").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProbeData {
    /// Per probe (`unknown-hotel`, `invalid-date`, …): the right answers.
    pub expect: BTreeMap<String, ProbeExpect>,
}

/// `[probe.expect.<probe>]`: which answers to a negative probe are right ("accept") and which
/// are reported at info ("tolerate"); anything else is the probe rule's finding.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProbeExpect {
    /// OTA error codes (hs2 `Error/@Code`, hs4 `otaCode`) that answer the probe rightly.
    pub accept_codes: Vec<String>,
    /// A `Success` answer is right (a repeat cancel answered like the first).
    pub accept_success: bool,
    /// A `Success` answer without this child is right ("RoomStays is optional. When not
    /// included, it indicates the hotel is not available").
    pub accept_empty_success: Option<String>,
    /// HTTP statuses that answer the probe rightly whatever the body (hs4 404).
    pub accept_statuses: Vec<u16>,
    /// Codes reported at info instead of the rule's level (95 on a repeat cancel).
    pub tolerate_codes: Vec<String>,
    /// Concur's sentence the expectation stands on, with its source.
    pub sentence: Option<String>,
}

/// `[error_body]`: what a Concur web-service error body must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ErrorBody {
    pub requires: Vec<Path>,
}

/// A regular expression that must match a whole value, with the text it was written as.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: regex::Regex,
    pub source: String,
}

impl Pattern {
    pub fn is_match(&self, value: &str) -> bool {
        self.regex.is_match(value)
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        let regex = regex::Regex::new(&format!("^(?:{source})$"))
            .map_err(|e| de::Error::custom(format!("invalid pattern: {e}")))?;
        Ok(Pattern { regex, source })
    }
}

impl<'de> Deserialize<'de> for Path {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Path::parse(&source).map_err(|e| de::Error::custom(format!("invalid path: {e}")))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Count::parse(&source).map_err(|e| de::Error::custom(format!("invalid count: {e}")))
    }
}

/// A path that ends in an attribute (`Criterion/@Status`), as an enum's path must.
fn attribute_path<'de, D: Deserializer<'de>>(d: D) -> Result<Path, D::Error> {
    let path = Path::deserialize(d)?;
    if !matches!(path.target, Target::Attribute(_)) {
        return Err(de::Error::custom(
            "an enum's path ends in an attribute, e.g. `@Status`",
        ));
    }
    Ok(path)
}
