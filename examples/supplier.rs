//! A supplier to try otalint against: the test suite's mock supplier (`tests/it/probe/mock.rs`,
//! `answers.rs` for HS2, `hs4_mock.rs` for HS4), compiled in as it is and served on a port.
//!
//! ```text
//! cargo run --example supplier -- --mode conforming|broken [--listen 127.0.0.1:PORT] [--service hs2|hs4] [--scenario FILE]
//! ```
//!
//! `conforming` answers every step as the contract says; `broken` misbehaves on some steps
//! (HS2: a stale echo token on search, a chunked availability answer; HS4: a search answer
//! with a three-letter chain code, an amenity code outside Concur's list, a hotel far outside
//! the searched radius and a hotel without superchain code). It listens on loopback unless
//! told otherwise, prints its URL, and, with `--scenario FILE`, writes an `otalint probe`
//! scenario for itself. It runs until it is stopped (Ctrl-C).

#![allow(dead_code)]

#[path = "../tests/it/probe/answers.rs"]
mod answers;
#[path = "../tests/it/probe/hs4_mock.rs"]
mod hs4_mock;
#[path = "../tests/it/probe/image_mock.rs"]
mod image_mock;
#[path = "../tests/it/probe/mock.rs"]
mod mock;
#[path = "../tests/it/probe/tls.rs"]
mod tls;

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use mock::{Behaviour, Mock};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// Every answer as the contract says.
    Conforming,
    /// Some answers break the contract or Concur's kit checks.
    Broken,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Service {
    /// Hotel Service v2 (SOAP).
    Hs2,
    /// Hotel Service v4 (REST/JSON).
    Hs4,
}

#[derive(Parser)]
#[command(
    about = "The test suite's mock supplier, for trying otalint probe (loopback only unless told)"
)]
struct Args {
    #[arg(long, value_enum)]
    mode: Mode,
    /// Where to listen; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: String,
    #[arg(long, value_enum, default_value = "hs4")]
    service: Service,
    /// Write an `otalint probe` scenario for this supplier to FILE.
    #[arg(long, value_name = "FILE")]
    scenario: Option<std::path::PathBuf>,
}

/// The HS4 search answer of the broken mode: `HTL4444` has a three-letter chain code, an
/// amenity code outside Concur's list and lies in London; `HTL5555` has no superChainCode.
const BROKEN_HS4_SEARCH: &str = r#"{"hotelProperties": [
{"propertyCode": "HTL4444", "chainCode": "HVH", "superChainCode": "ZZ", "hotelName": "Hotel HTL4444", "availabilityStatus": "AVAILABLE_FOR_SALE",
 "address": {"addressLines": ["1 Main St"], "city": "London", "countryCode": "GB"}, "position": {"latitude": 51.5072, "longitude": -0.1276},
 "contactInfo": {"emails": ["desk@hotel.example"], "phoneNumbers": ["+44 20 5550 0100"]}, "amenities": [{"amenityCode": 173}, {"amenityCode": 255}],
 "leadImageURI": "https://images.hotel.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 189.0, "currencyCode": "USD"}}},
{"propertyCode": "HTL5555", "chainCode": "ZZ", "hotelName": "Hotel HTL5555", "availabilityStatus": "AVAILABLE_FOR_SALE",
 "address": {"addressLines": ["1 Main St"], "city": "Seattle", "countryCode": "US"},
 "contactInfo": {"emails": ["desk@hotel.example"], "phoneNumbers": ["+1 206 555 0100"]}, "amenities": [{"amenityCode": 173}],
 "leadImageURI": "https://images.hotel.example/lead.jpg", "leadRate": {"avgNightlyRate": {"amount": 149.5, "currencyCode": "USD"}}}
], "searchSessionToken": "0f8c2a6e-3b1d-4e7a-9c5f-8d2b6a4e1c7f"}"#;

fn plan(mode: Mode, service: Service) -> Vec<(&'static str, Behaviour)> {
    match (mode, service) {
        (Mode::Conforming, _) => Vec::new(),
        (Mode::Broken, Service::Hs2) => vec![
            ("search", Behaviour::WrongEchoToken),
            ("availability", Behaviour::Chunked(64)),
        ],
        (Mode::Broken, Service::Hs4) => {
            vec![("search", Behaviour::Body(BROKEN_HS4_SEARCH.to_string()))]
        }
    }
}

/// A scenario for `otalint probe` against this supplier; the credentials come from the
/// environment variables it names.
fn scenario(url: &str, service: Service) -> String {
    let section = match service {
        Service::Hs2 => "hs2",
        Service::Hs4 => "hs4",
    };
    format!(
        r#"# otalint probe against examples/supplier.rs: set MOCK_USER={user} MOCK_PASSWORD='{password}'
# MOCK_CARD={card} MOCK_CVV={cvv} (the mock's test values, no real card).
version = 1
name = "example-supplier"

[{section}]
url = "{url}"

[credentials]
user_env = "MOCK_USER"
password_env = "MOCK_PASSWORD"

[transport]
proxy = "none"

[requestor]
id = "HTL011235"
currency = "USD"
language = "en"
country = "US"

[[search]]
name = "Seattle"
latitude = 47.606209
longitude = -122.332071
radius = 5
unit = "miles"
checkin = "+90d"
nights = 2
hotels_to_shop = 2

[booking]
confirm_host = "127.0.0.1"
[booking.guest]
given_name = "Janelle"
surname = "Doherty"
email = "probe@example.com"
phone = "703-555-6100"
[booking.guest_address]
line = "209 Madison St"
city = "Alexandria"
postal_code = "22314"
country = "US"
[booking.card]
code = "VI"
type = "Visa"
number_env = "MOCK_CARD"
cvv_env = "MOCK_CVV"
expire = "2030-02"
holder = "Janelle Doherty"
"#,
        user = mock::USER,
        password = mock::PASSWORD,
        card = mock::CARD,
        cvv = mock::CVV,
    )
}

fn main() -> ExitCode {
    let args = Args::parse();
    let listener = match TcpListener::bind(&args.listen) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("supplier: cannot listen on {}: {e}", args.listen);
            return ExitCode::from(2);
        }
    };
    let hs4 = args.service == Service::Hs4;
    let plan = plan(args.mode, args.service);
    let plan: Vec<(&str, Behaviour)> = plan.iter().map(|(s, b)| (*s, b.clone())).collect();
    let server = Mock::start_on(listener, &plan, hs4);
    let url = if hs4 { server.hs4_url() } else { server.url() };
    // The mock names 127.0.0.1; a listener elsewhere is reached at its own address.
    let url = match args.listen.rsplit_once(':') {
        Some((host, _)) if host != "127.0.0.1" => url.replacen("127.0.0.1", host, 1),
        _ => url,
    };
    if let Some(path) = &args.scenario
        && let Err(e) = std::fs::write(path, scenario(&url, args.service))
    {
        eprintln!("supplier: cannot write {}: {e}", path.display());
        return ExitCode::from(2);
    }
    println!("{url}");
    let _ = std::io::stdout().flush();
    eprintln!(
        "supplier: answering as a {} supplier at {url} (Ctrl-C stops it); credentials: MOCK_USER={} MOCK_PASSWORD='{}'",
        match args.mode {
            Mode::Conforming => "conforming",
            Mode::Broken => "broken",
        },
        mock::USER,
        mock::PASSWORD
    );
    loop {
        std::thread::park();
    }
}
