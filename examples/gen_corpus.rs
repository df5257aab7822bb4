//! Writes a benchmark corpus of realistic HS2, HS1 and XX/1 responses, deterministic from a
//! seed. Shapes (see scripts/bench.sh):
//!
//! - `small`: many 1-5 KB responses of every message type, about 3% of them breaking rules;
//! - `large`: availability responses of about 1 MB (many room stays);
//! - `huge`: one availability response of about 100 MB.
//!
//! `cargo run --release --example gen_corpus -- SHAPE COUNT OUT_DIR [SEED]`

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const OTA: &str = "http://www.opentravel.org/OTA/2003/05";
const CITIES: &[&str] = &[
    "Seattle", "Berlin", "Lyon", "Osaka", "Lima", "Perth", "Oslo", "Quito",
];
const STREETS: &[&str] = &[
    "Harbor Way",
    "Main Street",
    "Rue du Lac",
    "Hauptstrasse",
    "Calle Sol",
];
const ROOMS: &[&str] = &["KNG", "QQN", "TWN", "STE", "DBL"];

fn envelope(payload: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Header/>\n  <soap:Body>\n{payload}  </soap:Body>\n</soap:Envelope>\n"
    )
}

fn root(name: &str, rng: &mut Rng, extra: &str) -> String {
    format!(
        "    <{name} xmlns=\"{OTA}\" EchoToken=\"{:016x}\" Version=\"1.0\" PrimaryLangID=\"en\" AltLangID=\"en\"{extra}>\n",
        rng.next()
    )
}

fn property(rng: &mut Rng, i: u64) -> String {
    let city = rng.pick(CITIES);
    format!(
        "        <Property ChainCode=\"ZZ\" HotelCode=\"HTL{i:05}\" HotelName=\"{city} Hotel {i}\">\n          <Position Latitude=\"{}.{:05}\" Longitude=\"-{}.{:05}\"/>\n          <Address>\n            <AddressLine>{} {}</AddressLine>\n            <CityName>{city}</CityName>\n            <CountryName Code=\"US\"/>\n          </Address>\n          <Award Rating=\"{}\"/>\n        </Property>\n",
        rng.below(80),
        rng.below(100_000),
        rng.below(170),
        rng.below(100_000),
        rng.below(2000) + 1,
        rng.pick(STREETS),
        rng.below(5) + 1
    )
}

fn room_stay(rng: &mut Rng, i: u64) -> String {
    let room = rng.pick(ROOMS);
    let base = 80 + rng.below(400);
    format!(
        "        <RoomStay>\n          <RoomTypes>\n            <RoomType RoomTypeCode=\"{room}\" NonSmoking=\"true\">\n              <RoomDescription><Text>{room} room {i}, {} m2, city view</Text></RoomDescription>\n            </RoomType>\n          </RoomTypes>\n          <RatePlans>\n            <RatePlan RatePlanCode=\"BAR{i}\" RatePlanID=\"{}\">\n              <CancelPenalties>\n                <CancelPenalty>\n                  <Deadline OffsetTimeUnit=\"Hour\" OffsetUnitMultiplier=\"24\" OffsetDropTime=\"BeforeArrival\"/>\n                  <PenaltyDescription><Text>Free cancellation until 24 hours before arrival.</Text></PenaltyDescription>\n                </CancelPenalty>\n              </CancelPenalties>\n              <RatePlanDescription><Text>Best available rate, breakfast included</Text></RatePlanDescription>\n            </RatePlan>\n          </RatePlans>\n          <RoomRates>\n            <RoomRate RoomTypeCode=\"{room}\" RatePlanCode=\"BAR{i}\">\n              <Rates>\n                <Rate EffectiveDate=\"2026-12-01\" ExpireDate=\"2026-12-03\">\n                  <Base AmountBeforeTax=\"{base}.00\" AmountAfterTax=\"{}.50\" CurrencyCode=\"USD\"/>\n                </Rate>\n              </Rates>\n            </RoomRate>\n          </RoomRates>\n          <TimeSpan Start=\"2026-12-01\" End=\"2026-12-03\"/>\n          <BasicPropertyInfo HotelCode=\"HTL{:05}\" HotelName=\"Hotel {i}\"/>\n        </RoomStay>\n",
        18 + rng.below(40),
        rng.below(1_000_000),
        base + base / 8,
        rng.below(99_999)
    )
}

/// One availability response of about `bytes` bytes.
fn availability(rng: &mut Rng, bytes: usize) -> String {
    let mut payload = root("OTA_HotelAvailRS", rng, "");
    payload.push_str("      <Success/>\n      <RoomStays>\n");
    let mut i = 0;
    while payload.len() < bytes {
        payload.push_str(&room_stay(rng, i));
        i += 1;
    }
    payload.push_str("      </RoomStays>\n    </OTA_HotelAvailRS>\n");
    envelope(&payload)
}

/// One small response: every message type, HS2, HS1 and XX/1, about 3% of them broken (a tenth of the kinds that can break).
fn small(rng: &mut Rng, n: u64) -> (String, String) {
    let broken = rng.below(100) < 10;
    let kind = rng.below(20);
    let text = match kind {
        0..=5 => {
            let mut p = root("OTA_HotelSearchRS", rng, "");
            p.push_str("      <Success/>\n      <Properties>\n");
            for i in 0..(2 + rng.below(9)) {
                p.push_str(&property(rng, n * 10 + i));
            }
            p.push_str("      </Properties>\n    </OTA_HotelSearchRS>\n");
            envelope(&p)
        }
        6..=10 => {
            let mut p = root("OTA_HotelAvailRS", rng, "");
            p.push_str("      <Success/>\n      <RoomStays>\n");
            for i in 0..(1 + rng.below(3)) {
                p.push_str(&room_stay(rng, i));
            }
            p.push_str("      </RoomStays>\n    </OTA_HotelAvailRS>\n");
            envelope(&p)
        }
        11 => {
            let (code, content) = if broken {
                ("424", "50.111, 40.222, 5, km")
            } else {
                ("322", "HTL00001,HTL00002")
            };
            let mut p = root("OTA_HotelAvailRS", rng, "");
            let _ = write!(
                p,
                "      <Errors>\n        <Error Type=\"13\" Code=\"{code}\" ShortText=\"No availability\">{content}</Error>\n      </Errors>\n    </OTA_HotelAvailRS>\n"
            );
            envelope(&p)
        }
        12 => {
            let status = if broken { "Confirmed" } else { "Cancelled" };
            let mut p = root("OTA_CancelRS", rng, &format!(" Status=\"{status}\""));
            let _ = write!(
                p,
                "      <Success/>\n      <UniqueID Type=\"14\" ID=\"RES{:06}\"/>\n      <UniqueID Type=\"15\" ID=\"CXL{:06}\"/>\n    </OTA_CancelRS>\n",
                rng.below(999_999),
                rng.below(999_999)
            );
            envelope(&p)
        }
        13..=14 => {
            let mut p = root("OTA_HotelResRS", rng, " ResResponseType=\"Committed\"");
            let _ = write!(
                p,
                "      <Success/>\n      <HotelReservations>\n        <HotelReservation>\n          <UniqueID Type=\"14\" ID=\"RES{:06}\"/>\n          <RoomStays>\n{}          </RoomStays>\n{}        </HotelReservation>\n      </HotelReservations>\n    </OTA_HotelResRS>\n",
                rng.below(999_999),
                room_stay(rng, n),
                if broken {
                    ""
                } else {
                    "          <ResGlobalInfo/>\n"
                }
            );
            if broken {
                p = p.replace(" Type=\"14\"", "");
                p = p.replace("<Success/>", "<Success/>\n      <Errors><Error Code=\"188\" ShortText=\"Transaction error\"/></Errors>");
            }
            envelope(&p)
        }
        15..=16 => {
            let mut p = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OTA_HotelSearchRS xmlns=\"{OTA}\" EchoToken=\"ABC{}\" Version=\"1\">\n  <Success/>\n  <Properties>\n",
                rng.below(999)
            );
            for i in 0..(2 + rng.below(8)) {
                p.push_str(&property(rng, i));
            }
            p.push_str("  </Properties>\n</OTA_HotelSearchRS>\n");
            p
        }
        _ => {
            let code = if broken { "120" } else { "XX01004" };
            let mut p = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FareSearchRS version=\"1.0\" Lang=\"en\">\n  <InfoGroup>\n    <ForInfo Source=\"1A\"><Text>Fares are quoted in EUR</Text></ForInfo>\n",
            );
            if rng.below(2) == 0 {
                let _ = writeln!(
                    p,
                    "    <Error ErrorType=\"Air\"><Code>{code}</Code><Text>Invalid flight number</Text></Error>"
                );
            }
            p.push_str("  </InfoGroup>\n  <Fares>\n");
            for i in 0..(12 + rng.below(40)) {
                let _ = writeln!(
                    p,
                    "    <Fare Carrier=\"LH\" Flight=\"LH{}\" Amount=\"{}.{:02}\" Currency=\"EUR\"/>",
                    400 + i,
                    100 + rng.below(900),
                    rng.below(100)
                );
            }
            p.push_str("  </Fares>\n</FareSearchRS>\n");
            p
        }
    };
    (format!("rs-{n:06}.xml"), text)
}

/// An HS4 search response of about `target` bytes: hotels with addresses, contact data,
/// amenities and lead rates, as a supplier's JSON answer.
fn hs4_search(rng: &mut Rng, target: usize) -> String {
    let mut hotels = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < target {
        let code = format!("HTL{:05}", rng.below(100_000));
        let amenities: Vec<String> = (0..rng.below(12) + 3)
            .map(|_| format!("{{\"amenityCode\": {}}}", rng.below(300) + 1))
            .collect();
        let hotel = format!(
            "{{\"propertyCode\": \"{code}\", \"chainCode\": \"ZZ\", \"hotelName\": \"Hotel {i} {}\", \"availabilityStatus\": \"AVAILABLE_FOR_SALE\", \"address\": {{\"addressLines\": [\"{} Main Street\"], \"city\": \"{}\", \"postalCode\": \"{:05}\", \"countryCode\": \"US\"}}, \"position\": {{\"latitude\": 47.{:06}, \"longitude\": -122.{:06}}}, \"contactInfo\": {{\"emails\": [\"desk{i}@hotel.example\"], \"phoneNumbers\": [\"+1 206 555 {:04}\"]}}, \"amenities\": [{}], \"leadImageURI\": \"https://images.hotel.example/{code}.jpg\", \"leadRate\": {{\"avgNightlyRate\": {{\"amount\": {}.{:02}, \"currencyCode\": \"USD\"}}}}}}",
            rng.pick(&["Harbor", "Plaza", "Garden", "Central", "Airport"]),
            rng.below(9000) + 100,
            rng.pick(&["Seattle", "Bellevue", "Tacoma", "Redmond"]),
            rng.below(99999),
            rng.below(1_000_000),
            rng.below(1_000_000),
            rng.below(10_000),
            amenities.join(", "),
            rng.below(400) + 80,
            rng.below(100)
        );
        size += hotel.len() + 2;
        hotels.push(hotel);
        i += 1;
    }
    format!(
        "{{\"hotelProperties\": [\n{}\n], \"searchSessionToken\": \"0f8c2a6e-3b1d-4e7a-9c5f-8d2b6a4e1c7f\"}}\n",
        hotels.join(",\n")
    )
}

/// An otalint probe recording of `entries` HS2 availability exchanges (about 4 KB each).
fn probe_har(rng: &mut Rng, entries: u64) -> String {
    let bodies: Vec<String> = (0..entries).map(|i| small(rng, i).1).collect();
    har_of(rng, bodies)
}

/// A probe recording with these response bodies, one exchange each.
fn har_of(rng: &mut Rng, bodies: Vec<String>) -> String {
    let mut out = Vec::new();
    for (i, body) in bodies.into_iter().enumerate() {
        let body = body
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        out.push(format!(
            "{{\"startedDateTime\": \"2026-11-22T10:00:00.000Z\", \"time\": {}, \"request\": {{\"method\": \"POST\", \"url\": \"https://test.hotel.example/hs2\", \"httpVersion\": \"HTTP/1.1\", \"cookies\": [], \"headers\": [{{\"name\": \"soapaction\", \"value\": \"availability\"}}], \"queryString\": [], \"headersSize\": -1, \"bodySize\": -1}}, \"response\": {{\"status\": 200, \"statusText\": \"OK\", \"httpVersion\": \"HTTP/1.1\", \"cookies\": [], \"headers\": [{{\"name\": \"Content-Type\", \"value\": \"text/xml\"}}], \"content\": {{\"size\": {}, \"mimeType\": \"text/xml\", \"text\": \"{body}\"}}, \"redirectURL\": \"\", \"headersSize\": -1, \"bodySize\": -1}}, \"cache\": {{}}, \"timings\": {{\"send\": 0, \"wait\": 100, \"receive\": 1}}, \"_otalint\": {{\"version\": 1, \"step\": \"hs2.availability@{i}\", \"service\": \"hs2\", \"profile\": \"hs2\", \"operation\": \"availability\", \"probe\": null}}}}",
            rng.below(3000) + 100,
            body.len()
        ));
    }
    format!(
        "{{\"log\": {{\"version\": \"1.2\", \"creator\": {{\"name\": \"otalint\", \"version\": \"0.1.0\"}}, \"entries\": [\n{}\n]}}}}\n",
        out.join(",\n")
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(shape), Some(count), Some(out)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!(
            "usage: gen_corpus small|large|huge|hs4|har|har-big|har-one-body|hs4-many COUNT OUT_DIR [SEED [PER_DIR]]"
        );
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("COUNT is a number");
        return ExitCode::from(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42u64) | 1;
    // Files per subdirectory (`batch-000/`, `batch-001/`, …); 0 writes them all in OUT_DIR.
    let per_dir: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0);
    let out = PathBuf::from(out);
    if let Err(e) = fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let mut rng = Rng(seed);
    let mut bytes = 0usize;
    // The big shapes make one file of COUNT MB.
    let files = match shape.as_str() {
        "har-big" | "har-one-body" | "hs4-many" => 1,
        _ => count,
    };
    for n in 0..files {
        let (name, text) = match shape.as_str() {
            "small" => small(&mut rng, n),
            "large" => (
                format!("avail-{n:04}.xml"),
                availability(&mut rng, 1_000_000),
            ),
            "huge" => (
                format!("avail-huge-{n}.xml"),
                availability(&mut rng, 100_000_000),
            ),
            "hs4" => (format!("search-{n:05}.json"), hs4_search(&mut rng, 50_000)),
            "har" => (format!("probe-{n:03}.har"), probe_har(&mut rng, 200)),
            // The big shapes of issue 29, one file of COUNT MB each (findings in most entries,
            // on most hotels): time that grows faster than the size is quadratic work.
            "har-big" => (
                "probe-big.har".to_string(),
                probe_har(&mut rng, count * 1_000_000 / 3_350),
            ),
            "har-one-body" => {
                let body = availability(&mut rng, count as usize * 1_000_000);
                (
                    "probe-one-body.har".to_string(),
                    har_of(&mut rng, vec![body]),
                )
            }
            "hs4-many" => (
                "search-many.json".to_string(),
                hs4_search(&mut rng, count as usize * 1_000_000),
            ),
            other => {
                eprintln!("unknown shape {other}");
                return ExitCode::from(2);
            }
        };
        bytes += text.len();
        let dir = match per_dir {
            0 => out.clone(),
            per_dir => out.join(format!("batch-{:03}", n / per_dir)),
        };
        if let Err(e) = fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::from(2);
        }
        if let Err(e) = fs::write(dir.join(&name), text) {
            eprintln!("cannot write {name}: {e}");
            return ExitCode::from(2);
        }
    }
    println!("{files} files, {bytes} bytes in {}", out.display());
    ExitCode::SUCCESS
}
