//! `probe.toml` (docs/probe.md "The scenario file"): serde structs with spans, checked key by key so that a mistake
//! is reported at its line and column with a did-you-mean, as `otalint.toml` is. The file
//! names environment variables and never holds a credential: literal secrets are refused.

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::config::parse::unknown_key;

mod fields;
use crate::error::DataError;
pub use fields::parse_duration;
use fields::{booking, check_env, check_url, probes, search, steps, transport};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Raw {
    version: Spanned<i64>,
    name: Spanned<String>,
    hs2: Option<RawService>,
    hs4: Option<RawService>,
    credentials: RawCredentials,
    #[serde(default)]
    transport: RawTransport,
    requestor: RawRequestor,
    search: Spanned<Vec<RawSearch>>,
    booking: Option<RawBooking>,
    #[serde(default)]
    probes: RawProbes,
    #[serde(default)]
    steps: RawSteps,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawService {
    url: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCredentials {
    user_env: Spanned<String>,
    password_env: Spanned<String>,
    bad_password_env: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTransport {
    timeout: Option<Spanned<String>>,
    connect_timeout: Option<Spanned<String>>,
    proxy: Option<Spanned<String>>,
    ca_file: Option<String>,
    accept_encoding: Option<BTreeMap<String, String>>,
    keep_alive: Option<bool>,
    repeat: Option<Spanned<u32>>,
    pause: Option<Spanned<String>>,
    user_agent: Option<String>,
    #[serde(default)]
    redact_headers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequestor {
    id: String,
    currency: String,
    language: String,
    country: String,
    traveler_uuid: Option<String>,
    login_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearch {
    name: Option<String>,
    latitude: Spanned<f64>,
    longitude: Spanned<f64>,
    radius: f64,
    radius_max: Option<f64>,
    unit: Spanned<String>,
    hotel_name: Option<Spanned<String>>,
    checkin: Spanned<String>,
    nights: Spanned<i64>,
    hotels_to_shop: Option<Spanned<i64>>,
    #[serde(default)]
    hotel_codes: Vec<Spanned<String>>,
    #[serde(default)]
    custom_fields: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBooking {
    confirm_host: Spanned<String>,
    rate_plan_id: Option<Spanned<String>>,
    guest: Guest,
    guest_address: Address,
    card: RawCard,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCard {
    code: String,
    #[serde(rename = "type")]
    kind: String,
    number_env: Option<Spanned<String>>,
    number: Option<Spanned<String>>,
    cvv_env: Spanned<String>,
    expire: Spanned<String>,
    holder: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProbes {
    bad_credentials: Option<toml::Value>,
    no_hotels: Option<Position>,
    unknown_hotel: Option<Spanned<String>>,
    mixed_hotels: Option<bool>,
    invalid_date: Option<bool>,
    unknown_rate: Option<Spanned<String>>,
    unknown_booking: Option<Spanned<String>>,
    repeat_cancel: Option<bool>,
    read_cancelled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSteps {
    ratedetails: Option<Spanned<String>>,
    single_hotel_availability: Option<bool>,
    parallel_availability: Option<Spanned<i64>>,
}

/// The guest of the test booking.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub given_name: String,
    pub surname: String,
    pub email: String,
    pub phone: String,
    pub company: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub line: String,
    pub city: String,
    pub postal_code: String,
    pub state: Option<String>,
    pub country: String,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub latitude: f64,
    pub longitude: f64,
}

/// A checked scenario. Secrets are still names of environment variables here.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub hs2_url: Option<String>,
    pub hs4_url: Option<String>,
    pub user_env: String,
    pub password_env: String,
    pub bad_password_env: Option<String>,
    pub transport: Transport,
    pub requestor: Requestor,
    pub searches: Vec<Search>,
    pub booking: Option<Booking>,
    pub probes: Probes,
    pub ratedetails: RateDetails,
    /// `[steps] single_hotel_availability`: availability again for the chosen hotel alone.
    pub single_hotel: bool,
    /// `[steps] parallel_availability`: this many single-hotel availabilities at once (0: off).
    pub parallel: usize,
}

#[derive(Clone, Debug)]
pub struct Transport {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// `None`: no proxy; `Some(None)`: the environment's; `Some(Some(url))`.
    pub proxy: Option<Option<String>>,
    pub ca_file: Option<String>,
    pub hs2_accept_encoding: Option<String>,
    pub keep_alive: bool,
    pub repeat: u32,
    pub pause: Duration,
    pub user_agent: String,
    pub redact_headers: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Requestor {
    pub id: String,
    pub currency: String,
    pub language: String,
    pub country: String,
    /// `None`: a random UUID per run.
    pub traveler_uuid: Option<String>,
    pub login_id: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Search {
    pub name: String,
    pub position: Position,
    pub radius: f64,
    pub radius_max: Option<f64>,
    /// HS2 `UnitOfMeasureCode`: 1 miles, 2 km.
    pub unit_code: u8,
    pub hotel_name: Option<String>,
    /// `+90d` or `YYYY-MM-DD`, resolved against the run's date.
    pub checkin: String,
    pub nights: u32,
    pub hotels_to_shop: usize,
    pub hotel_codes: Vec<String>,
    pub custom_fields: BTreeMap<String, String>,
}

#[derive(Clone, Debug)]
pub struct Booking {
    pub confirm_host: String,
    pub rate_plan_id: Option<String>,
    pub guest: Guest,
    pub address: Address,
    pub card: Card,
}

#[derive(Clone, Debug)]
pub struct Card {
    pub code: String,
    pub kind: String,
    /// The environment variable, or a published test number written literally.
    pub number: Secret,
    pub cvv_env: String,
    /// `YYYY-MM`.
    pub expire: String,
    pub holder: String,
}

#[derive(Clone, Debug)]
pub enum Secret {
    Env(String),
    Literal(String),
}

#[derive(Clone, Debug)]
pub struct Probes {
    /// `None`: off; `Some(false)`: search only; `Some(true)`: every operation but book.
    pub bad_credentials: Option<bool>,
    pub no_hotels: Option<Position>,
    pub unknown_hotel: Option<String>,
    pub mixed_hotels: bool,
    pub invalid_date: bool,
    pub unknown_rate: Option<String>,
    pub unknown_booking: Option<String>,
    pub repeat_cancel: bool,
    pub read_cancelled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateDetails {
    AsConcur,
    Always,
    Never,
}

/// The published test card numbers that may be written literally.
pub(super) const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "5555555555554444",
    "378282246310005",
];

/// The keys that would hold a secret, refused wherever they stand.
const SECRET_KEYS: &[&str] = &["password", "user", "cvv", "bad_password", "secret", "token"];

pub(super) type Fail<'a> = &'a dyn Fn(String, Option<Range<usize>>) -> DataError;

impl Scenario {
    pub fn parse(path: &str, text: &str) -> Result<Scenario, DataError> {
        let err =
            |message: String, span: Option<Range<usize>>| DataError::new(path, text, message, span);
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let message = e.message().trim_end().to_string();
            let secret = message
                .strip_prefix("unknown field `")
                .and_then(|r| r.split_once('`'))
                .map(|(k, _)| k)
                .filter(|k| SECRET_KEYS.contains(k));
            let message = match secret {
                Some(key) => format!(
                    "`{key}` holds a secret: put it in an environment variable and name it with `{key}_env`; probe.toml is meant to be committed"
                ),
                None => unknown_key(&message).unwrap_or(message),
            };
            err(message, e.span())
        })?;
        build(raw, &err)
    }
}

fn build(raw: Raw, err: Fail) -> Result<Scenario, DataError> {
    if *raw.version.get_ref() != 1 {
        return Err(err(
            "this otalint reads scenario `version = 1`".into(),
            Some(raw.version.span()),
        ));
    }
    let name = raw.name.get_ref().clone();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(err(
            "`name` is used in file names: letters, digits, `-`, `_`, `.`".into(),
            Some(raw.name.span()),
        ));
    }
    let url = |s: &Option<RawService>| s.as_ref().map(|s| check_url(&s.url, err)).transpose();
    let hs2_url = url(&raw.hs2)?;
    let hs4_url = url(&raw.hs4)?;
    if hs2_url.is_none() && hs4_url.is_none() {
        return Err(err(
            "the scenario needs `[hs2]` or `[hs4]` with the endpoint's `url`".into(),
            None,
        ));
    }
    let env = |s: &Spanned<String>| check_env(s, err);
    let transport = transport(raw.transport, err)?;
    let searches = raw
        .search
        .get_ref()
        .iter()
        .map(|s| search(s, err))
        .collect::<Result<Vec<_>, _>>()?;
    if searches.is_empty() {
        return Err(err(
            "the scenario needs at least one `[[search]]` place".into(),
            Some(raw.search.span()),
        ));
    }
    Ok(Scenario {
        name,
        hs2_url,
        hs4_url,
        user_env: env(&raw.credentials.user_env)?,
        password_env: env(&raw.credentials.password_env)?,
        bad_password_env: raw
            .credentials
            .bad_password_env
            .as_ref()
            .map(env)
            .transpose()?,
        transport,
        requestor: Requestor {
            id: raw.requestor.id,
            currency: raw.requestor.currency,
            language: raw.requestor.language,
            country: raw.requestor.country,
            traveler_uuid: raw.requestor.traveler_uuid.filter(|t| t != "random"),
            login_id: raw.requestor.login_id,
        },
        searches,
        booking: raw.booking.map(|b| booking(b, err)).transpose()?,
        probes: probes(raw.probes, err)?,
        ratedetails: steps(&raw.steps, err)?,
        single_hotel: raw.steps.single_hotel_availability.unwrap_or(false),
        parallel: fields::parallel(&raw.steps, err)?,
    })
}
