//! The HS2 requests Concur sends (docs/probe.md "What is sent"), one builder per message, in the shape of
//! Concur's walkthrough captures: the SOAP envelope with the `authentication` header, 4-space
//! indent, start and end tags, lowercase `soapaction`.

use std::fmt::Write;

use crate::probe::scenario::{Booking, Requestor};

/// What every request carries.
pub struct Common<'a> {
    pub user: &'a str,
    pub password: &'a str,
    pub requestor: &'a Requestor,
    pub echo_token: String,
}

/// XML-escapes text and attribute values.
pub use crate::report::escape::xml as esc;

const OTA: &str = "http://www.opentravel.org/OTA/2003/05";

fn envelope(c: &Common, payload: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\">\n    <Header xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\">\n        <authentication xmlns=\"http://www.concur.com/webservice/auth\">\n            <userid>{}</userid>\n            <password>{}</password>\n        </authentication>\n    </Header>\n    <Body xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\">\n{payload}    </Body>\n</Envelope>\n",
        esc(c.user),
        esc(c.password)
    )
}

fn root(c: &Common, name: &str, version: &str, extra: &str) -> String {
    let r = c.requestor;
    format!(
        "        <{name} xmlns=\"{OTA}\" EchoToken=\"{}\" Version=\"{version}\" PrimaryLangID=\"{lang}\" AltLangID=\"{lang}\"{extra}>\n            <POS>\n                <Source ISOCurrency=\"{}\">\n                    <RequestorID Type=\"1\" ID=\"{}\"></RequestorID>\n                </Source>\n            </POS>\n",
        esc(&c.echo_token),
        esc(&r.currency),
        esc(&r.id),
        lang = esc(&r.language),
    )
}

/// A stay as `Start`/`End` dates.
pub struct Stay<'a> {
    pub start: &'a str,
    pub end: &'a str,
}

/// The search place.
pub struct Place<'a> {
    pub latitude: f64,
    pub longitude: f64,
    pub radius: f64,
    pub radius_max: Option<f64>,
    pub unit_code: u8,
    pub hotel_name: Option<&'a str>,
    pub custom_fields: &'a std::collections::BTreeMap<String, String>,
}

pub fn search(c: &Common, place: &Place, stay: &Stay) -> String {
    let mut s = root(c, "OTA_HotelSearchRQ", "4", " MaxResponses=\"100\"");
    s.push_str("            <Criteria>\n                <Criterion>\n");
    let _ = writeln!(
        s,
        "                    <Position Latitude=\"{}\" Longitude=\"{}\"></Position>",
        place.latitude, place.longitude
    );
    s.push_str("                    <RefPoint></RefPoint>\n");
    if let Some(name) = place.hotel_name {
        let _ = writeln!(
            s,
            "                    <HotelRef HotelName=\"{}\"></HotelRef>",
            esc(name)
        );
    }
    let max = place
        .radius_max
        .map_or(String::new(), |m| format!(" DistanceMax=\"{m}\""));
    let _ = writeln!(
        s,
        "                    <Radius Distance=\"{}\"{max} UnitOfMeasureCode=\"{}\"></Radius>",
        place.radius, place.unit_code
    );
    let _ = writeln!(
        s,
        "                    <StayDateRange Start=\"{}\" End=\"{}\"></StayDateRange>",
        stay.start, stay.end
    );
    s.push_str("                </Criterion>\n            </Criteria>\n");
    custom_fields(&mut s, place.custom_fields);
    s.push_str("        </OTA_HotelSearchRQ>\n");
    envelope(c, &s)
}

fn custom_fields(s: &mut String, fields: &std::collections::BTreeMap<String, String>) {
    if fields.is_empty() {
        return;
    }
    s.push_str("            <TPA_Extensions>\n                <CustomFields>\n");
    for (k, v) in fields {
        let _ = writeln!(
            s,
            "                    <CustomField Name=\"{}\" Value=\"{}\"></CustomField>",
            esc(k),
            esc(v)
        );
    }
    s.push_str("                </CustomFields>\n            </TPA_Extensions>\n");
}

/// A hotel: its code and chain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hotel {
    pub code: String,
    pub chain: Option<String>,
}

fn hotel_ref(h: &Hotel) -> String {
    let chain = h
        .chain
        .as_deref()
        .map_or(String::new(), |c| format!("ChainCode=\"{}\" ", esc(c)));
    format!(
        "<HotelRef {chain}HotelCode=\"{}\"></HotelRef>",
        esc(&h.code)
    )
}

/// Availability for these hotels; with `rate` the ratedetails request for that rate plan.
pub fn availability(
    c: &Common,
    hotels: &[Hotel],
    stay: &Stay,
    token: Option<&str>,
    rate: Option<&str>,
) -> String {
    let extra = if rate.is_some() {
        " RateDetailsInd=\"true\""
    } else {
        ""
    };
    let mut s = root(c, "OTA_HotelAvailRQ", "5", extra);
    s.push_str("            <AvailRequestSegments>\n                <AvailRequestSegment>\n                    <HotelSearchCriteria>\n");
    match (rate, hotels.first()) {
        (Some(rate), Some(h)) => {
            let _ = writeln!(
                s,
                "                        <Criterion>\n                            <RatePlanCandidates>\n                                <RatePlanCandidate RatePlanID=\"{}\">\n                                    <HotelRefs>{}</HotelRefs>\n                                </RatePlanCandidate>\n                            </RatePlanCandidates>\n                        </Criterion>",
                esc(rate),
                hotel_ref(h)
            );
        }
        _ => {
            for h in hotels {
                let _ = writeln!(
                    s,
                    "                        <Criterion>{}</Criterion>",
                    hotel_ref(h)
                );
            }
        }
    }
    s.push_str("                    </HotelSearchCriteria>\n");
    let _ = writeln!(
        s,
        "                    <StayDateRange Start=\"{}\" End=\"{}\"></StayDateRange>",
        stay.start, stay.end
    );
    s.push_str("                    <RoomStayCandidates>\n                        <RoomStayCandidate>\n                            <GuestCounts>\n                                <GuestCount AgeQualifyingCode=\"10\" Count=\"1\"></GuestCount>\n                            </GuestCounts>\n                        </RoomStayCandidate>\n                    </RoomStayCandidates>\n");
    token_extension(&mut s, token, "                    ");
    s.push_str("                </AvailRequestSegment>\n            </AvailRequestSegments>\n        </OTA_HotelAvailRQ>\n");
    envelope(c, &s)
}

fn token_extension(s: &mut String, token: Option<&str>, indent: &str) {
    if let Some(t) = token {
        let _ = writeln!(
            s,
            "{indent}<TPA_Extensions>\n{indent}    <SearchSessionToken>{}</SearchSessionToken>\n{indent}</TPA_Extensions>",
            esc(t)
        );
    }
}

pub fn detail(c: &Common, hotel: &Hotel) -> String {
    let mut s = root(c, "OTA_HotelDescriptiveInfoRQ", "3", "");
    let chain = hotel
        .chain
        .as_deref()
        .map_or(String::new(), |ch| format!("ChainCode=\"{}\" ", esc(ch)));
    let _ = writeln!(
        s,
        "            <HotelDescriptiveInfos>\n                <HotelDescriptiveInfo {chain}HotelCode=\"{}\"></HotelDescriptiveInfo>\n            </HotelDescriptiveInfos>",
        esc(&hotel.code)
    );
    s.push_str("        </OTA_HotelDescriptiveInfoRQ>\n");
    envelope(c, &s)
}

/// The card of a booking, with its secrets.
pub struct CardValues<'a> {
    pub number: &'a str,
    pub cvv: &'a str,
}

/// The rate being booked.
pub struct Choice<'a> {
    pub hotel: &'a Hotel,
    pub rate_plan: &'a str,
    pub guarantee_none: bool,
}

fn address(a: &crate::probe::scenario::Address, indent: &str) -> String {
    let state = a.state.as_deref().map_or(String::new(), |st| {
        format!(
            "\n{indent}    <StateProv StateCode=\"{}\"></StateProv>",
            esc(st)
        )
    });
    format!(
        "{indent}<Address>\n{indent}    <StreetNmbr>{}</StreetNmbr>\n{indent}    <CityName>{}</CityName>\n{indent}    <PostalCode>{}</PostalCode>{state}\n{indent}    <CountryName Code=\"{}\"></CountryName>\n{indent}</Address>\n",
        esc(&a.line),
        esc(&a.city),
        esc(&a.postal_code),
        esc(&a.country)
    )
}

pub fn book(
    c: &Common,
    b: &Booking,
    choice: &Choice,
    card: &CardValues,
    stay: &Stay,
    token: Option<&str>,
) -> String {
    let mut s = root(c, "OTA_HotelResRQ", "6", "");
    s.push_str("            <HotelReservations>\n                <HotelReservation>\n                    <RoomStays>\n                        <RoomStay>\n                            <RatePlans>\n");
    let _ = writeln!(
        s,
        "                                <RatePlan RatePlanID=\"{}\">",
        esc(choice.rate_plan)
    );
    if choice.guarantee_none {
        s.push_str(
            "                                    <Guarantee GuaranteeType=\"None\"></Guarantee>\n",
        );
    } else {
        let i = "                                                    ";
        let (year, month) = b.card.expire.split_once('-').unwrap_or(("", ""));
        let mmyy = format!("{month}{}", year.get(2..).unwrap_or(""));
        let _ = write!(
            s,
            "                                    <Guarantee GuaranteeType=\"CC/DC/Voucher\">\n                                        <GuaranteesAccepted>\n                                            <GuaranteeAccepted>\n                                                <PaymentCard CardCode=\"{code}\" ExpireDate=\"{mmyy}\">\n{i}<CardType Code=\"{code}\">{}</CardType>\n{i}<CardHolderName>{}</CardHolderName>\n{}{i}<CardNumber>\n{i}    <PlainText>{}</PlainText>\n{i}</CardNumber>\n{i}<SeriesCode>\n{i}    <PlainText>{}</PlainText>\n{i}</SeriesCode>\n                                                </PaymentCard>\n                                            </GuaranteeAccepted>\n                                        </GuaranteesAccepted>\n                                    </Guarantee>\n",
            esc(&b.card.kind),
            esc(&b.card.holder),
            address(&b.address, i),
            esc(card.number),
            esc(card.cvv),
            code = esc(&b.card.code),
        );
    }
    s.push_str(
        "                                </RatePlan>\n                            </RatePlans>\n",
    );
    let _ = writeln!(
        s,
        "                            <TimeSpan Start=\"{}\" End=\"{}\"></TimeSpan>",
        stay.start, stay.end
    );
    let _ = writeln!(
        s,
        "                            <BasicPropertyInfo HotelCode=\"{}\"></BasicPropertyInfo>",
        esc(&choice.hotel.code)
    );
    s.push_str("                        </RoomStay>\n                    </RoomStays>\n");
    let g = &b.guest;
    let i = "                                        ";
    let _ = write!(
        s,
        "                    <ResGuests>\n                        <ResGuest>\n                            <Profiles>\n                                <ProfileInfo>\n                                    <Profile>\n{i}<Customer>\n{i}    <PersonName>\n{i}        <GivenName>{}</GivenName>\n{i}        <Surname>{}</Surname>\n{i}    </PersonName>\n{i}    <Telephone PhoneNumber=\"{}\"></Telephone>\n{i}    <Email>{}</Email>\n{}{i}    <CitizenCountryName Code=\"{}\"></CitizenCountryName>\n{i}</Customer>\n",
        esc(&g.given_name),
        esc(&g.surname),
        esc(&g.phone),
        esc(&g.email),
        address(&b.address, &format!("{i}    ")),
        esc(&c.requestor.country),
    );
    if let Some(company) = &g.company {
        let _ = writeln!(
            s,
            "{i}<CompanyInfo>\n{i}    <CompanyName>{}</CompanyName>\n{i}</CompanyInfo>",
            esc(company)
        );
    }
    s.push_str("                                    </Profile>\n                                </ProfileInfo>\n                            </Profiles>\n                            <GuestCounts>\n                                <GuestCount Count=\"1\"></GuestCount>\n                            </GuestCounts>\n                        </ResGuest>\n                    </ResGuests>\n");
    token_extension(&mut s, token, "                    ");
    s.push_str("                </HotelReservation>\n            </HotelReservations>\n        </OTA_HotelResRQ>\n");
    envelope(c, &s)
}

pub fn read(c: &Common, reservation: &str) -> String {
    let mut s = root(c, "OTA_ReadRQ", "5.002", "");
    let _ = writeln!(
        s,
        "            <UniqueID Type=\"14\" ID=\"{}\"></UniqueID>",
        esc(reservation)
    );
    s.push_str("        </OTA_ReadRQ>\n");
    envelope(c, &s)
}

pub fn cancel(c: &Common, reservation: &str) -> String {
    let mut s = root(c, "OTA_CancelRQ", "3", " CancelType=\"Cancel\"");
    let _ = writeln!(
        s,
        "            <UniqueID Type=\"14\" ID=\"{}\"></UniqueID>",
        esc(reservation)
    );
    s.push_str("        </OTA_CancelRQ>\n");
    envelope(c, &s)
}
