//! The HS2 request builders (docs/probe.md "What is sent"): each request parses, and its elements stand where
//! Concur's walkthrough captures have them; values are escaped and read back.
use std::collections::BTreeMap;

use roxmltree::{Document, Node};

use otalint::probe::hs2::requests::*;
use otalint::probe::scenario::{Address, Booking, Card, Guest, Requestor, Secret};

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

fn booking() -> Booking {
    Booking {
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
    }
}

#[test]
fn book_has_the_walkthrough_shape_with_or_without_a_card() {
    let r = requestor();
    let booking = booking();
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
        text.contains("<Guarantee GuaranteeType=\"None\"></Guarantee>") && !text.contains("4111")
    );
}
