//! Profiles (the contract a file is checked against), their detection, and the facts each
//! profile's rules read from `rules/<profile>.toml`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::path::{Count, Path, Target};
use crate::payload::PayloadFormat;

/// The contract a file is checked against.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// Concur Hotel Service v2: OTA 2015B in a SOAP 1.1 envelope.
    Hs2,
    /// Concur Hotel v1: bare OTA 2011B over HTTP.
    Hs1,
    /// PASS Consulting XX/1 (XX1) messages with an InfoGroup.
    Xx1,
    /// Concur Hotel Service v4: REST/JSON.
    Hs4,
    /// Error responses of Concur's own web services (only when selected).
    ConcurWs,
}

impl Profile {
    pub const ALL: &'static [Profile] = &[
        Profile::Hs2,
        Profile::Hs1,
        Profile::Xx1,
        Profile::Hs4,
        Profile::ConcurWs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Hs2 => "hs2",
            Profile::Hs1 => "hs1",
            Profile::Xx1 => "xx1",
            Profile::Hs4 => "hs4",
            Profile::ConcurWs => "concur-ws",
        }
    }

    fn embedded_data(self) -> &'static str {
        match self {
            Profile::Hs2 => include_str!("../rules/hs2.toml"),
            Profile::Hs1 => include_str!("../rules/hs1.toml"),
            Profile::Xx1 => include_str!("../rules/xx1.toml"),
            Profile::Hs4 => include_str!("../rules/hs4.toml"),
            Profile::ConcurWs => include_str!("../rules/concur-ws.toml"),
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the payload of an HS2 Type 13 error lives: the two editions of the error contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PayloadLocation {
    /// In the `Error` element's content (Concur docs from 2018-12 on).
    #[default]
    Content,
    /// In `ShortText` (the 2017 edition).
    ShortText,
}

/// Which profile a file got, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub profile: Profile,
    pub reason: String,
}

/// Picks the profile of an XML body from its root element's qualified name, as found by
/// [`crate::document::prolog`], which also works on documents too broken to parse. When the
/// document parses, [`refine`] looks inside it.
pub fn detect(root: Option<&str>) -> Detection {
    let Some(name) = root else {
        return Detection {
            profile: Profile::Hs2,
            reason: "no root element found; checked as hs2, the default".to_string(),
        };
    };
    let local = name.rsplit(':').next().unwrap_or(name);
    let (profile, reason) = if local == "Envelope" {
        (
            Profile::Hs2,
            format!("root element `{name}` is a SOAP envelope"),
        )
    } else if local.starts_with("OTA_") {
        (
            Profile::Hs1,
            format!("root element `{name}` is bare OTA without a SOAP envelope"),
        )
    } else if local == "XXTransactionResponse" {
        (
            Profile::Xx1,
            format!("root element `{name}` is the XX/1 transaction wrapper"),
        )
    } else if local.ends_with("RS") {
        (
            Profile::Xx1,
            format!("root element `{name}` is a response that is neither OTA nor SOAP"),
        )
    } else {
        (
            Profile::Hs2,
            format!("root element `{name}` matches no profile; checked as hs2, the default"),
        )
    };
    Detection { profile, reason }
}

/// Refines a detection with what only the parsed document shows: an XX/1 response inside a
/// SOAP Body, or a root whose first child is an `InfoGroup`.
pub fn refine(detection: Detection, doc: &roxmltree::Document) -> Detection {
    let root = doc.root_element();
    let first = crate::document::first_element;
    match detection.profile {
        Profile::Hs2 if root.tag_name().name() == "Envelope" => {
            let payload = first(root)
                .into_iter()
                .chain(root.children().filter(|c| c.is_element()))
                .find(|c| c.tag_name().name() == "Body")
                .and_then(first);
            match payload.map(|p| p.tag_name().name()) {
                Some(name)
                    if !name.starts_with("OTA_")
                        && (name == "XXTransactionResponse" || name.ends_with("RS")) =>
                {
                    Detection {
                        profile: Profile::Xx1,
                        reason: format!("the SOAP Body holds `{name}`, an XX/1 response"),
                    }
                }
                _ => detection,
            }
        }
        Profile::Hs2 | Profile::Hs1
            if first(root).is_some_and(|c| c.tag_name().name() == "InfoGroup")
                && root.tag_name().name() != "Envelope" =>
        {
            Detection {
                profile: Profile::Xx1,
                reason: format!(
                    "the first child of root element `{}` is an InfoGroup",
                    root.tag_name().name()
                ),
            }
        }
        _ => detection,
    }
}

// ---------------------------------------------------------------------------------------------
// rules/<profile>.toml
// ---------------------------------------------------------------------------------------------

/// The format of `rules/<profile>.toml` and of a user's `--rules` file. Every field is optional
/// so that a user's file can add or override single entries; [`Facts`] is the checked result.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataFile {
    pub profile: Option<toml::Spanned<String>>,
    pub namespaces: NamespacesData,
    pub errors: ErrorsData,
    pub types: BTreeMap<String, TypeData>,
    pub codes: BTreeMap<String, CodeData>,
    pub payload: PayloadData,
    pub message: MessageDefaults,
    pub messages: BTreeMap<String, MessageData>,
    pub pairing: PairingData,
    pub infogroup: InfoGroupData,
    pub http: HttpData,
    pub json: JsonData,
    pub error_body: ErrorBodyData,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpData {
    pub timeout_seconds: Option<f64>,
    pub auth_status: Option<u16>,
    pub wrong_auth_statuses: Option<Vec<u16>>,
    pub application_error_status: Option<u16>,
    pub statuses: Option<Vec<u16>>,
    pub content_types: Option<Vec<String>>,
    pub operations: BTreeMap<String, String>,
    pub ideal_seconds: BTreeMap<String, f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JsonData {
    pub ota_code_required_statuses: Option<Vec<u16>>,
    pub supported_codes: Option<Vec<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ErrorBodyData {
    pub requires: Option<Vec<toml::Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InfoGroupData {
    pub code_pattern: Option<toml::Spanned<String>>,
    pub elements: BTreeMap<String, ElementData>,
    pub known_codes: Option<KnownCodesData>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ElementData {
    pub children: Vec<String>,
    pub attributes: Vec<String>,
    pub any: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownCodesData {
    pub source: Option<String>,
    pub codes: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MessageDefaults {
    pub root_attributes: Option<Vec<String>>,
    pub max_bytes: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageData {
    #[serde(default)]
    pub answers: Vec<String>,
    pub max_bytes: Option<u64>,
    #[serde(default)]
    pub requires: Vec<RequireData>,
    #[serde(default)]
    pub enums: Vec<EnumData>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireData {
    pub path: toml::Spanned<String>,
    pub count: Option<toml::Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumData {
    pub path: toml::Spanned<String>,
    pub values: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PairingData {
    pub hotel_code_attributes: Option<Vec<String>>,
    pub rate_plan_attributes: Option<Vec<String>>,
    pub position: Option<String>,
    pub radius: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NamespacesData {
    pub soap: Option<String>,
    pub ota: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ErrorsData {
    pub code_pattern: Option<toml::Spanned<String>>,
    pub short_text_max: Option<usize>,
    pub default_type: Option<toml::Spanned<String>>,
    pub authentication_type: Option<String>,
    pub non_content: Option<Vec<String>>,
    pub generic_short_texts: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeData {
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeData {
    #[serde(rename = "type")]
    pub error_type: Option<toml::Spanned<String>>,
    pub description: String,
    pub payload: Option<PayloadFormat>,
    /// The ShortText must say what caused the error (unknown-cause).
    #[serde(default)]
    pub cause_required: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PayloadData {
    pub units: Option<Vec<String>>,
}

impl DataFile {
    /// Layers `other` on top of `self`: tables are merged entry by entry, values replaced.
    fn merge(&mut self, other: DataFile) {
        fn set<T>(slot: &mut Option<T>, value: Option<T>) {
            if value.is_some() {
                *slot = value;
            }
        }
        set(&mut self.namespaces.soap, other.namespaces.soap);
        set(&mut self.namespaces.ota, other.namespaces.ota);
        let (e, o) = (&mut self.errors, other.errors);
        set(&mut e.code_pattern, o.code_pattern);
        set(&mut e.short_text_max, o.short_text_max);
        set(&mut e.default_type, o.default_type);
        set(&mut e.authentication_type, o.authentication_type);
        set(&mut e.non_content, o.non_content);
        set(&mut e.generic_short_texts, o.generic_short_texts);
        self.types.extend(other.types);
        self.codes.extend(other.codes);
        set(&mut self.payload.units, other.payload.units);
        set(
            &mut self.message.root_attributes,
            other.message.root_attributes,
        );
        set(&mut self.message.max_bytes, other.message.max_bytes);
        self.messages.extend(other.messages);
        let (p, o) = (&mut self.pairing, other.pairing);
        set(&mut p.hotel_code_attributes, o.hotel_code_attributes);
        set(&mut p.rate_plan_attributes, o.rate_plan_attributes);
        set(&mut p.position, o.position);
        set(&mut p.radius, o.radius);
        let (g, o) = (&mut self.infogroup, other.infogroup);
        set(&mut g.code_pattern, o.code_pattern);
        g.elements.extend(o.elements);
        set(&mut g.known_codes, o.known_codes);
        let (h, o) = (&mut self.http, other.http);
        set(&mut h.timeout_seconds, o.timeout_seconds);
        set(&mut h.auth_status, o.auth_status);
        set(&mut h.wrong_auth_statuses, o.wrong_auth_statuses);
        set(&mut h.application_error_status, o.application_error_status);
        set(&mut h.statuses, o.statuses);
        set(&mut h.content_types, o.content_types);
        h.operations.extend(o.operations);
        h.ideal_seconds.extend(o.ideal_seconds);
        set(
            &mut self.json.ota_code_required_statuses,
            other.json.ota_code_required_statuses,
        );
        set(&mut self.json.supported_codes, other.json.supported_codes);
        set(&mut self.error_body.requires, other.error_body.requires);
    }
}

/// A code Concur expects, with its type and payload format.
#[derive(Debug, Clone)]
pub struct CodeFacts {
    pub error_type: Option<String>,
    pub description: String,
    pub payload: Option<PayloadFormat>,
    pub cause_required: bool,
}

/// What one message must hold, its size limit and the requests it answers.
#[derive(Debug, Clone, Default)]
pub struct MessageFacts {
    pub answers: Vec<String>,
    pub max_bytes: Option<u64>,
    pub requires: Vec<(Path, Count)>,
    /// Attribute paths and the values they may take.
    pub enums: Vec<(Path, Vec<String>)>,
}

/// Where a request names hotel codes, RatePlanIDs and its search area.
#[derive(Debug, Clone, Default)]
pub struct PairingFacts {
    pub hotel_code_attributes: Vec<String>,
    pub rate_plan_attributes: Vec<String>,
    pub position: Option<String>,
    pub radius: Option<String>,
}

/// The XX/1 InfoGroup schema and codes.
#[derive(Debug, Clone, Default)]
pub struct InfoGroupFacts {
    pub code_pattern: Option<regex::Regex>,
    pub code_pattern_source: String,
    pub elements: BTreeMap<String, ElementData>,
    /// The known normalized codes and the listing's source, when a user supplied them.
    pub known_codes: Option<(String, BTreeMap<String, String>)>,
}

/// The HTTP side of a contract.
#[derive(Debug, Clone, Default)]
pub struct HttpFactsData {
    pub timeout_seconds: Option<f64>,
    pub auth_status: Option<u16>,
    pub wrong_auth_statuses: Vec<u16>,
    pub application_error_status: Option<u16>,
    pub statuses: Vec<u16>,
    pub content_types: Vec<String>,
    /// SOAPAction values and root element names to operations.
    pub operations: BTreeMap<String, String>,
    pub ideal_seconds: BTreeMap<String, f64>,
}

/// The JSON error contract of HS4.
#[derive(Debug, Clone, Default)]
pub struct JsonFacts {
    pub ota_code_required_statuses: Vec<u16>,
    pub supported_codes: Vec<i64>,
}

/// The checked facts of one profile, as the rules read them.
#[derive(Debug, Clone)]
pub struct Facts {
    pub profile: Profile,
    pub soap_ns: Option<String>,
    pub ota_ns: Option<String>,
    pub code_pattern: Option<regex::Regex>,
    pub code_pattern_source: String,
    pub short_text_max: usize,
    pub default_type: Option<String>,
    pub authentication_type: Option<String>,
    pub non_content: Vec<String>,
    pub generic_short_texts: Vec<String>,
    /// Error type code to name; empty when the profile has no type contract.
    pub types: BTreeMap<String, String>,
    pub codes: BTreeMap<String, CodeFacts>,
    pub units: Vec<String>,
    pub root_attributes: Vec<String>,
    pub max_bytes: Option<u64>,
    pub messages: BTreeMap<String, MessageFacts>,
    pub pairing: PairingFacts,
    pub infogroup: InfoGroupFacts,
    pub http: HttpFactsData,
    pub json: JsonFacts,
    /// What a Concur web-service error body holds (error-body-shape).
    pub error_body: Vec<Path>,
}

impl Facts {
    pub fn message(&self, name: &str) -> Option<&MessageFacts> {
        self.messages.get(name)
    }

    /// The size limit of a response: its message's, or the profile's default.
    pub fn max_bytes_for(&self, name: &str) -> Option<u64> {
        self.message(name)
            .and_then(|m| m.max_bytes)
            .or(self.max_bytes)
    }

    /// The response that answers a request: as the data says, or `…RS` for `…RQ`.
    pub fn response_to(&self, request: &str) -> String {
        self.messages
            .iter()
            .find(|(_, m)| m.answers.iter().any(|a| a == request))
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| match request.strip_suffix("RQ") {
                Some(stem) => format!("{stem}RS"),
                None => request.to_string(),
            })
    }

    pub fn code(&self, code: &str) -> Option<&CodeFacts> {
        self.codes.get(code)
    }

    /// The codes listed for an error type, in data order.
    pub fn codes_for_type<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.codes
            .iter()
            .filter(move |(_, c)| c.error_type.as_deref() == Some(ty))
            .map(|(code, _)| code.as_str())
    }
}

/// A problem in a rules file, with the span of the offending text.
#[derive(Debug, Clone)]
pub struct DataError {
    pub path: String,
    pub text: String,
    pub message: String,
    pub span: Option<Range<usize>>,
}

/// The facts of every profile, built from the embedded data and the user's rules files.
#[derive(Debug, Clone)]
pub struct ProfileSet {
    facts: BTreeMap<Profile, Facts>,
}

/// A user's rules file, read by the caller.
pub struct UserRules {
    pub path: String,
    pub text: String,
}

impl ProfileSet {
    /// The embedded data only.
    pub fn builtin() -> Result<Self, DataError> {
        Self::load(&[])
    }

    /// The embedded data with each user file layered on top of the profile it names.
    pub fn load(user: &[UserRules]) -> Result<Self, DataError> {
        let mut files: BTreeMap<Profile, (DataFile, Vec<&UserRules>)> = BTreeMap::new();
        for &profile in Profile::ALL {
            let path = format!("rules/{profile}.toml");
            let data = parse_data(&path, profile.embedded_data())?;
            files.insert(profile, (data, Vec::new()));
        }
        for file in user {
            let data = parse_data(&file.path, &file.text)?;
            let Some(name) = &data.profile else {
                return Err(DataError {
                    path: file.path.clone(),
                    text: file.text.clone(),
                    message: format!(
                        "a rules file must name the profile it extends, e.g. `profile = \"hs2\"` (one of {})",
                        profile_names()
                    ),
                    span: Some(0..0),
                });
            };
            let Some(profile) = Profile::ALL
                .iter()
                .copied()
                .find(|p| p.as_str() == name.get_ref())
            else {
                return Err(DataError {
                    path: file.path.clone(),
                    text: file.text.clone(),
                    message: format!(
                        "unknown profile `{}`; expected one of {}",
                        name.get_ref(),
                        profile_names()
                    ),
                    span: Some(name.span()),
                });
            };
            // Each file is checked on its own first, so its mistakes point into it.
            let merged_alone = {
                let mut base = parse_data("", profile.embedded_data())?;
                base.merge(parse_data(&file.path, &file.text)?);
                base
            };
            resolve(profile, merged_alone, &file.path, &file.text)?;
            if let Some((base, users)) = files.get_mut(&profile) {
                base.merge(data);
                users.push(file);
            }
        }
        let mut facts = BTreeMap::new();
        for (profile, (data, users)) in files {
            let (path, text) = match users.last() {
                Some(u) => (u.path.clone(), u.text.clone()),
                None => (
                    format!("rules/{profile}.toml"),
                    profile.embedded_data().to_string(),
                ),
            };
            facts.insert(profile, resolve(profile, data, &path, &text)?);
        }
        Ok(ProfileSet { facts })
    }

    pub fn facts(&self, profile: Profile) -> &Facts {
        // Every profile is inserted by `load`; a missing one is impossible by construction.
        &self.facts[&profile]
    }
}

fn profile_names() -> String {
    Profile::ALL
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_data(path: &str, text: &str) -> Result<DataFile, DataError> {
    toml::from_str(text).map_err(|e| DataError {
        path: path.to_string(),
        text: text.to_string(),
        message: e.message().trim_end().to_string(),
        span: e.span(),
    })
}

fn resolve(profile: Profile, data: DataFile, path: &str, text: &str) -> Result<Facts, DataError> {
    let err = |message: String, span: Option<Range<usize>>| DataError {
        path: path.to_string(),
        text: text.to_string(),
        message,
        span,
    };
    let ota_ns = data.namespaces.ota;
    let pattern = |p: &toml::Spanned<String>| {
        regex::Regex::new(&format!("^(?:{})$", p.get_ref()))
            .map_err(|e| err(format!("invalid pattern: {e}"), Some(p.span())))
    };
    let code_pattern = data.errors.code_pattern.as_ref().map(pattern).transpose()?;
    let code_pattern_source = data
        .errors
        .code_pattern
        .map(toml::Spanned::into_inner)
        .unwrap_or_default();
    let infogroup = InfoGroupFacts {
        code_pattern: data
            .infogroup
            .code_pattern
            .as_ref()
            .map(pattern)
            .transpose()?,
        code_pattern_source: data
            .infogroup
            .code_pattern
            .map(toml::Spanned::into_inner)
            .unwrap_or_default(),
        elements: data.infogroup.elements,
        known_codes: data.infogroup.known_codes.map(|k| {
            let source = k.source.unwrap_or_else(|| path.to_string());
            (source, k.codes)
        }),
    };
    let types: BTreeMap<String, String> = data
        .types
        .into_iter()
        .map(|(code, t)| (code, t.name))
        .collect();
    let mut codes = BTreeMap::new();
    for (code, c) in data.codes {
        if let Some(ty) = &c.error_type
            && !types.contains_key(ty.get_ref())
        {
            return Err(err(
                format!(
                    "code {code} names type `{}`, which is not one of the profile's types ({})",
                    ty.get_ref(),
                    types.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
                Some(ty.span()),
            ));
        }
        codes.insert(
            code,
            CodeFacts {
                error_type: c.error_type.map(toml::Spanned::into_inner),
                description: c.description,
                payload: c.payload,
                cause_required: c.cause_required,
            },
        );
    }
    let default_type = match data.errors.default_type {
        Some(t) if !types.contains_key(t.get_ref()) => {
            return Err(err(
                format!(
                    "default type `{}` is not one of the profile's types",
                    t.get_ref()
                ),
                Some(t.span()),
            ));
        }
        t => t.map(toml::Spanned::into_inner),
    };
    let mut messages = BTreeMap::new();
    for (name, m) in data.messages {
        let path = |p: &toml::Spanned<String>| {
            Path::parse(p.get_ref()).map_err(|e| err(format!("invalid path: {e}"), Some(p.span())))
        };
        let mut requires = Vec::new();
        for r in &m.requires {
            let count = match &r.count {
                None => Count::AT_LEAST_ONE,
                Some(c) => Count::parse(c.get_ref())
                    .map_err(|e| err(format!("invalid count: {e}"), Some(c.span())))?,
            };
            requires.push((path(&r.path)?, count));
        }
        let mut enums = Vec::new();
        for e in &m.enums {
            let p = path(&e.path)?;
            if !matches!(p.target, Target::Attribute(_)) {
                return Err(err(
                    "an enum's path ends in an attribute, e.g. `@Status`".to_string(),
                    Some(e.path.span()),
                ));
            }
            enums.push((p, e.values.clone()));
        }
        messages.insert(
            name,
            MessageFacts {
                answers: m.answers,
                max_bytes: m.max_bytes,
                requires,
                enums,
            },
        );
    }
    let pairing = PairingFacts {
        hotel_code_attributes: data.pairing.hotel_code_attributes.unwrap_or_default(),
        rate_plan_attributes: data.pairing.rate_plan_attributes.unwrap_or_default(),
        position: data.pairing.position,
        radius: data.pairing.radius,
    };
    let http = HttpFactsData {
        timeout_seconds: data.http.timeout_seconds,
        auth_status: data.http.auth_status,
        wrong_auth_statuses: data.http.wrong_auth_statuses.unwrap_or_default(),
        application_error_status: data.http.application_error_status,
        statuses: data.http.statuses.unwrap_or_default(),
        content_types: data.http.content_types.unwrap_or_default(),
        operations: data.http.operations,
        ideal_seconds: data.http.ideal_seconds,
    };
    let json = JsonFacts {
        ota_code_required_statuses: data.json.ota_code_required_statuses.unwrap_or_default(),
        supported_codes: data.json.supported_codes.unwrap_or_default(),
    };
    let error_body = data
        .error_body
        .requires
        .unwrap_or_default()
        .iter()
        .map(|p| {
            Path::parse(p.get_ref()).map_err(|e| err(format!("invalid path: {e}"), Some(p.span())))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Facts {
        profile,
        soap_ns: data.namespaces.soap,
        ota_ns,
        code_pattern,
        code_pattern_source,
        short_text_max: data.errors.short_text_max.unwrap_or(64),
        default_type,
        authentication_type: data.errors.authentication_type,
        non_content: data.errors.non_content.unwrap_or_default(),
        generic_short_texts: data.errors.generic_short_texts.unwrap_or_default(),
        types,
        codes,
        units: data.payload.units.unwrap_or_default(),
        root_attributes: data.message.root_attributes.unwrap_or_default(),
        max_bytes: data.message.max_bytes,
        messages,
        pairing,
        infogroup,
        http,
        json,
        error_body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_loads() {
        let set = ProfileSet::builtin().expect("embedded rules data");
        let hs2 = set.facts(Profile::Hs2);
        assert_eq!(hs2.codes_for_type("1").collect::<Vec<_>>(), ["188"]);
        assert_eq!(hs2.codes_for_type("13").count(), 9);
        let matches = |p: Profile, code| {
            set.facts(p)
                .code_pattern
                .as_ref()
                .expect("pattern")
                .is_match(code)
        };
        assert!(matches(Profile::Hs2, "188A"));
        assert!(!matches(Profile::Hs1, "188A"));
        let xx1 = set
            .facts(Profile::Xx1)
            .infogroup
            .code_pattern
            .as_ref()
            .expect("pattern");
        assert!(xx1.is_match("XX01004") && !xx1.is_match("X01004"));
    }

    #[test]
    fn detection_by_root_name() {
        assert_eq!(detect(Some("s:Envelope")).profile, Profile::Hs2);
        assert_eq!(detect(Some("OTA_CancelRS")).profile, Profile::Hs1);
        assert_eq!(detect(Some("FareSearchRS")).profile, Profile::Xx1);
        assert_eq!(
            detect(Some("ns1:XXTransactionResponse")).profile,
            Profile::Xx1
        );
        assert!(detect(None).reason.contains("no root element"));
        assert!(detect(Some("Errors")).reason.contains("matches no profile"));
    }

    #[test]
    fn user_file_errors_point_into_it() {
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs2\"\n[codes.999]\ntype = \"7\"\ndescription = \"x\"\n".into(),
        };
        let e = ProfileSet::load(&[user]).expect_err("type 7 is unknown");
        assert_eq!(e.path, "mine.toml");
        let span = e.span.expect("span");
        assert_eq!(&e.text[span], "\"7\"");
    }

    #[test]
    fn detection_looks_inside_parsed_documents() {
        let soap = "<s:Envelope xmlns:s='x'><s:Body><PNRViewRS/></s:Body></s:Envelope>";
        let doc = roxmltree::Document::parse(soap).expect("xml");
        assert_eq!(
            refine(detect(Some("s:Envelope")), &doc).profile,
            Profile::Xx1
        );
        let ota = "<s:Envelope xmlns:s='x'><s:Body><OTA_CancelRS/></s:Body></s:Envelope>";
        let doc = roxmltree::Document::parse(ota).expect("xml");
        assert_eq!(
            refine(detect(Some("s:Envelope")), &doc).profile,
            Profile::Hs2
        );
        let info = "<Reply><InfoGroup/></Reply>";
        let doc = roxmltree::Document::parse(info).expect("xml");
        assert_eq!(refine(detect(Some("Reply")), &doc).profile, Profile::Xx1);
    }

    #[test]
    fn message_data_is_checked() {
        let set = ProfileSet::builtin().expect("embedded rules data");
        let hs2 = set.facts(Profile::Hs2);
        assert_eq!(hs2.response_to("OTA_ReadRQ"), "OTA_HotelResRS");
        assert_eq!(hs2.response_to("OTA_PingRQ"), "OTA_PingRS");
        assert_eq!(hs2.max_bytes_for("OTA_HotelSearchRS"), Some(1_000_000));
        assert_eq!(hs2.max_bytes_for("OTA_CancelRS"), Some(150_000));
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs2\"\n[messages.OTA_X]\nrequires = [{ path = \"A//B\" }]\n".into(),
        };
        let e = ProfileSet::load(&[user]).expect_err("bad path");
        assert!(e.message.contains("invalid path"), "{}", e.message);
        assert_eq!(&e.text[e.span.expect("span")], "\"A//B\"");
    }

    #[test]
    fn user_file_adds_codes() {
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs2\"\n[codes.999]\ntype = \"13\"\ndescription = \"Mine\"\npayload = \"hotel-codes\"\n".into(),
        };
        let set = ProfileSet::load(&[user]).expect("valid");
        let hs2 = set.facts(Profile::Hs2);
        assert!(hs2.code("999").is_some());
        assert!(hs2.code("322").is_some(), "built-in codes are kept");
    }
}
