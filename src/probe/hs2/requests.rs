//! The HS2 requests Concur sends (PROBE.md §5.2), one builder per message, in the shape of
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
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use roxmltree::{Document, Node};

    use super::*;
    use crate::probe::scenario::{Address, Card, Guest, Secret};

    fn requestor() -> Requestor {
        Requestor {
            id: "HTL011235".into(),
            currency: "USD".into(),
            language: "en".into(),
            country: "US".into(),
            traveler_uuid: None,
            login_id: None,
        }
    }

    fn common(r: &Requestor) -> Common<'_> {
        Common {
            user: "u&<ser",
            password: "p\"w'd",
            requestor: r,
            echo_token: "E-1".into(),
        }
    }

    /// The element path below `from`, `/`-separated local names, that each element has.
    fn paths(from: Node) -> Vec<String> {
        from.descendants()
            .filter(Node::is_element)
            .map(|n| {
                let mut names: Vec<&str> = n
                    .ancestors()
                    .filter(Node::is_element)
                    .map(|a| a.tag_name().name())
                    .collect();
                names.reverse();
                names
                    .join("/")
                    .trim_start_matches("Envelope/Body/")
                    .to_string()
            })
            .collect()
    }

    fn payload<'a>(doc: &'a Document) -> Node<'a, 'a> {
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "Envelope");
        let auth = root
            .descendants()
            .find(|n| n.has_tag_name("authentication"))
            .expect("authentication");
        assert_eq!(
            auth.tag_name().namespace(),
            Some("http://www.concur.com/webservice/auth")
        );
        let text = |name| {
            auth.descendants()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(text("userid"), "u&<ser", "values are escaped and read back");
        assert_eq!(text("password"), "p\"w'd");
        let body = root
            .children()
            .find(|n| n.has_tag_name("Body"))
            .expect("Body");
        let p = body.first_element_child().expect("payload");
        assert_eq!(
            p.tag_name().namespace(),
            Some("http://www.opentravel.org/OTA/2003/05")
        );
        assert_eq!(p.attribute("EchoToken"), Some("E-1"));
        assert_eq!(p.attribute("PrimaryLangID"), p.attribute("AltLangID"));
        let id = p
            .descendants()
            .find(|n| n.has_tag_name("RequestorID"))
            .expect("RequestorID");
        assert_eq!(
            (id.attribute("Type"), id.attribute("ID")),
            (Some("1"), Some("HTL011235"))
        );
        p
    }

    fn has(all: &[String], path: &str) -> bool {
        all.iter().any(|p| p == path)
    }

    #[test]
    fn search_has_the_walkthrough_shape() {
        let r = requestor();
        let fields = BTreeMap::from([("OrgUnit".to_string(), "Travel & Co".to_string())]);
        let place = Place {
            latitude: 47.6,
            longitude: -122.3,
            radius: 5.0,
            radius_max: Some(30.0),
            unit_code: 1,
            hotel_name: Some("Harbour"),
            custom_fields: &fields,
        };
        let text = search(
            &common(&r),
            &place,
            &Stay {
                start: "2027-02-20",
                end: "2027-02-22",
            },
        );
        let doc = Document::parse(&text).expect("well-formed");
        let p = payload(&doc);
        assert_eq!(
            (
                p.tag_name().name(),
                p.attribute("Version"),
                p.attribute("MaxResponses")
            ),
            ("OTA_HotelSearchRQ", Some("4"), Some("100"))
        );
        let all = paths(p);
        for path in [
            "Position",
            "RefPoint",
            "HotelRef",
            "Radius",
            "StayDateRange",
        ] {
            assert!(
                has(
                    &all,
                    &format!("OTA_HotelSearchRQ/Criteria/Criterion/{path}")
                ),
                "{path}: {all:?}"
            );
        }
        assert!(has(
            &all,
            "OTA_HotelSearchRQ/TPA_Extensions/CustomFields/CustomField"
        ));
        let radius = p
            .descendants()
            .find(|n| n.has_tag_name("Radius"))
            .expect("Radius");
        assert_eq!(
            (
                radius.attribute("Distance"),
                radius.attribute("DistanceMax"),
                radius.attribute("UnitOfMeasureCode")
            ),
            (Some("5"), Some("30"), Some("1"))
        );
    }

    #[test]
    fn availability_and_ratedetails_have_the_walkthrough_shape() {
        let r = requestor();
        let hotels = [
            Hotel {
                code: "H1".into(),
                chain: Some("ZZ".into()),
            },
            Hotel {
                code: "H2".into(),
                chain: None,
            },
        ];
        let stay = Stay {
            start: "2027-02-20",
            end: "2027-02-22",
        };
        let text = availability(&common(&r), &hotels, &stay, Some("TOKEN"), None);
        let doc = Document::parse(&text).expect("well-formed");
        let p = payload(&doc);
        assert_eq!(p.attribute("Version"), Some("5"));
        let seg = "OTA_HotelAvailRQ/AvailRequestSegments/AvailRequestSegment";
        let all = paths(p);
        assert_eq!(
            all.iter()
                .filter(|x| **x == format!("{seg}/HotelSearchCriteria/Criterion/HotelRef"))
                .count(),
            2
        );
        for path in [
            "StayDateRange",
            "RoomStayCandidates/RoomStayCandidate/GuestCounts/GuestCount",
            "TPA_Extensions/SearchSessionToken",
        ] {
            assert!(has(&all, &format!("{seg}/{path}")), "{path}");
        }
        let text = availability(&common(&r), &hotels[..1], &stay, None, Some("RP-1"));
        let doc = Document::parse(&text).expect("well-formed");
        let p = payload(&doc);
        assert_eq!(p.attribute("RateDetailsInd"), Some("true"));
        assert!(has(
            &paths(p),
            &format!(
                "{seg}/HotelSearchCriteria/Criterion/RatePlanCandidates/RatePlanCandidate/HotelRefs/HotelRef"
            )
        ));
        assert!(!has(&paths(p), &format!("{seg}/TPA_Extensions")));
    }

    #[test]
    fn detail_read_and_cancel_have_the_walkthrough_shape() {
        let r = requestor();
        let text = detail(
            &common(&r),
            &Hotel {
                code: "H1".into(),
                chain: Some("ZZ".into()),
            },
        );
        let doc = Document::parse(&text).expect("well-formed");
        let p = payload(&doc);
        assert_eq!(
            (p.tag_name().name(), p.attribute("Version")),
            ("OTA_HotelDescriptiveInfoRQ", Some("3"))
        );
        assert!(has(
            &paths(p),
            "OTA_HotelDescriptiveInfoRQ/HotelDescriptiveInfos/HotelDescriptiveInfo"
        ));
        for (text, name, version) in [
            (read(&common(&r), "R-1"), "OTA_ReadRQ", "5.002"),
            (cancel(&common(&r), "R-1"), "OTA_CancelRQ", "3"),
        ] {
            let doc = Document::parse(&text).expect("well-formed");
            let p = payload(&doc);
            assert_eq!(
                (p.tag_name().name(), p.attribute("Version")),
                (name, Some(version))
            );
            let id = p
                .children()
                .find(|n| n.has_tag_name("UniqueID"))
                .expect("UniqueID");
            assert_eq!(
                (id.attribute("Type"), id.attribute("ID")),
                (Some("14"), Some("R-1"))
            );
        }
        assert!(cancel(&common(&r), "R").contains("CancelType=\"Cancel\""));
    }

    #[test]
    fn book_has_the_walkthrough_shape_with_or_without_a_card() {
        let r = requestor();
        let booking = Booking {
            confirm_host: "h".into(),
            rate_plan_id: None,
            guest: Guest {
                given_name: "Jan".into(),
                surname: "Doe".into(),
                email: "e@x".into(),
                phone: "1".into(),
                company: Some("ACME".into()),
            },
            address: Address {
                line: "1 St".into(),
                city: "C".into(),
                postal_code: "1".into(),
                state: Some("VA".into()),
                country: "US".into(),
            },
            card: Card {
                code: "VI".into(),
                kind: "Visa".into(),
                number: Secret::Env("X".into()),
                cvv_env: "Y".into(),
                expire: "2030-02".into(),
                holder: "Jan Doe".into(),
            },
        };
        let hotel = Hotel {
            code: "H1".into(),
            chain: None,
        };
        let card = CardValues {
            number: "4111111111111111",
            cvv: "737",
        };
        let stay = Stay {
            start: "2027-02-20",
            end: "2027-02-22",
        };
        let choice = Choice {
            hotel: &hotel,
            rate_plan: "RP-1",
            guarantee_none: false,
        };
        let text = book(&common(&r), &booking, &choice, &card, &stay, Some("T"));
        let doc = Document::parse(&text).expect("well-formed");
        let p = payload(&doc);
        assert_eq!(p.attribute("Version"), Some("6"));
        let all = paths(p);
        let stay_path = "OTA_HotelResRQ/HotelReservations/HotelReservation/RoomStays/RoomStay";
        let card_path = format!(
            "{stay_path}/RatePlans/RatePlan/Guarantee/GuaranteesAccepted/GuaranteeAccepted/PaymentCard"
        );
        for path in [
            "CardType",
            "CardHolderName",
            "Address/StateProv",
            "CardNumber/PlainText",
            "SeriesCode/PlainText",
        ] {
            assert!(has(&all, &format!("{card_path}/{path}")), "{path}");
        }
        assert!(
            has(&all, &format!("{stay_path}/TimeSpan"))
                && has(&all, &format!("{stay_path}/BasicPropertyInfo"))
        );
        let profile = "OTA_HotelResRQ/HotelReservations/HotelReservation/ResGuests/ResGuest/Profiles/ProfileInfo/Profile";
        assert!(
            has(&all, &format!("{profile}/Customer/PersonName/GivenName"))
                && has(&all, &format!("{profile}/CompanyInfo/CompanyName"))
        );
        let pc = p
            .descendants()
            .find(|n| n.has_tag_name("PaymentCard"))
            .expect("card");
        assert_eq!(pc.attribute("ExpireDate"), Some("0230"));
        let none = Choice {
            guarantee_none: true,
            ..choice
        };
        let text = book(&common(&r), &booking, &none, &card, &stay, None);
        assert!(
            text.contains("<Guarantee GuaranteeType=\"None\"></Guarantee>")
                && !text.contains("4111")
        );
    }
}
