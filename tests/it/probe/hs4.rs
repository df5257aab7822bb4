//! The HS4 probe against the mock's REST half: the chain in the order of Concur's vendor kit,
//! the HS4 headers, every answer checked against its operation's contract (the operation from
//! the URL), and the misbehaviours with exactly their rules.

use super::*;

fn hs4_scenario(url: &str, extra: &str) -> String {
    scenario(url, extra).replace("[hs2]", "[hs4]")
}

/// The findings of a run, `endpoint-tls` (plain HTTP on a random port) left out.
fn run4(plan: &[(&str, Behaviour)]) -> (Run, Mock, Vec<String>) {
    let mock = Mock::start_hs4(plan);
    let run = probe(&hs4_scenario(&mock.hs4_url(), BOOKING), &[]);
    let found = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    (run, mock, found)
}

#[test]
fn the_hs4_flow_in_the_kits_order_with_nothing_to_find() {
    let (run, mock, found) = run4(&[]);
    assert_eq!(
        found,
        Vec::<String>::new(),
        "{}\n{}",
        run.stdout(),
        run.stderr()
    );
    assert_eq!(
        mock.steps(),
        [
            "bad-credentials",
            "search",
            "no-hotels",
            "details",
            "rates",
            "unknown-hotel",
            "mixed-hotels",
            "invalid-date",
            "unknown-rate",
            "reservation",
            "read",
            "cancel",
            "repeat-cancel",
            "read-cancelled",
            "unknown-booking"
        ],
        "{}",
        run.stderr()
    );
    let search = mock.request("search").expect("search");
    assert!(
        search
            .head
            .starts_with("POST /concur/v4/hotels/search HTTP/1.1"),
        "{}",
        search.head
    );
    for h in [
        "authorization: Basic ",
        "content-type: application/json",
        "accept: application/json",
        "concur-correlationid: ",
        "accept-language: en-US",
    ] {
        assert!(search.head.contains(h), "{h} missing in\n{}", search.head);
    }
    assert!(
        mock.request("reservation")
            .expect("reservation")
            .body
            .contains("\"ratePlanId\": \"RP-HTL4444\"")
    );
    assert!(
        mock.request("cancel")
            .expect("cancel")
            .body
            .contains("SUP-1"),
        "the booking's confirmation codes are carried"
    );
    let har = run.har();
    assert_eq!(
        har["log"]["_otalint"]["run"]["bookings"][0]["cancellation_number"],
        "CXL-SUP-1"
    );
    // Every entry is hs4, its operation from the URL.
    let report: Value = serde_json::from_str(&run.stdout()).expect("json");
    for f in report["files"].as_array().expect("files") {
        assert_eq!(f["profile"], "hs4", "{f}");
    }
    let rates = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["entry"] == 4)
        .expect("rates")
        .clone();
    assert!(
        rates["notes"]
            .to_string()
            .contains("operation rates: the request URL ends in /hotels/rates"),
        "{rates}"
    );
    assert!(!run.har_text().contains(mock::CARD) && !run.har_text().contains("\"cvv\": \"737\""));
}

#[test]
fn hs4_wants_401_for_a_wrong_password() {
    let (_, _, found) = run4(&[("bad-credentials", Behaviour::Status(403))]);
    assert_eq!(found, ["auth-status@hs4.bad-credentials"]);
    let (_, _, found) = run4(&[("bad-credentials", Behaviour::AcceptAnyCredentials)]);
    assert_eq!(found, ["credentials-not-rejected@hs4.bad-credentials"]);
}

#[test]
fn hs4_answers_are_checked_against_their_operation() {
    let rates = r#"{"checkin": "2027-03-01", "checkout": "2027-03-03", "hotelRates": [{"propertyCode": "HTL4444", "rates": [{"roomRate": {"ratePlanId": "RP-HTL4444", "rateChangesOverStay": false, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": "378.00"}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED"}}}]}]}"#;
    let (run, _, found) = run4(&[("rates", Behaviour::Body(rates.to_string()))]);
    assert!(
        found.contains(&"json-type@hs4.rates".to_string()),
        "{found:?}\n{}",
        run.stdout()
    );
}

#[test]
fn a_reservation_without_the_suppliers_confirmation() {
    let body = r#"{"basicHotelProperty": {"propertyCode": "HTL4444", "hotelName": "Harbor View", "cityCode": "SEA", "contactInfo": {"emails": ["a@b.example"], "phoneNumbers": ["1"]}}, "confirmationCodes": [{"codeType": "RESERVATION", "code": "R1"}], "guests": [{"firstname": "Janelle", "lastname": "Doherty"}], "roomDescription": ["King"], "status": "RESERVED", "roomRate": {"ratePlanId": "RP-HTL4444", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED"}}}"#;
    let (run, mock, found) = run4(&[("reservation", Behaviour::Body(body.to_string()))]);
    assert_eq!(
        found,
        [
            "flow-step-failed@hs4.reservation",
            "missing-confirmation-code@hs4.reservation"
        ],
        "{}",
        run.stdout()
    );
    // The code that came back is what the cancel is sent with.
    let cancel = mock
        .request("cancel")
        .expect("a cancel with the codes that came back");
    assert!(cancel.body.contains("\"R1\""), "{}", cancel.body);
}

#[test]
fn an_unknown_booking_that_is_found() {
    let body = r#"{"basicHotelProperty": {"propertyCode": "HTL4444", "hotelName": "Harbor View", "cityCode": "SEA", "contactInfo": {"emails": ["a@b.example"], "phoneNumbers": ["1"]}}, "confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": "OTALINT-NO-RES"}], "guests": [{"firstname": "J", "lastname": "D"}], "roomDescription": ["King"], "status": "CANCELLED"}"#;
    let (_, _, found) = run4(&[("unknown-booking", Behaviour::Body(body.to_string()))]);
    assert_eq!(found, ["unknown-booking-answer@hs4.unknown-booking"]);
}

/// A read answer of the mock's booking `SUP-1`, with what the test changes.
fn read_body(code: &str, guest: (&str, &str), total_after_tax: &str) -> String {
    format!(
        r#"{{"basicHotelProperty": {{"propertyCode": "HTL4444", "hotelName": "Harbor View Hotel", "cityCode": "SEA", "contactInfo": {{"emails": ["frontdesk@harborview.example"], "phoneNumbers": ["+1 206 555 0100"]}}}}, "confirmationCodes": [{{"codeType": "SUPPLIER_CONFIRMATION", "code": "{code}"}}, {{"codeType": "RESERVATION", "code": "R-{code}"}}], "guests": [{{"firstname": "{}", "lastname": "{}"}}], "roomDescription": ["King bed"], "status": "RESERVED", "roomRate": {{"ratePlanId": "RP-HTL4444", "rateChangesOverStay": false, "refundable": true, "rateDescription": ["Best Available Rate"], "totalPrice": {{"currencyCode": "USD", "totalBeforeTax": 378.0, "totalAfterTax": {total_after_tax}}}, "cancelPenalties": {{"penalties": [{{"refundableStatus": "FULLY_REFUNDABLE"}}]}}, "guarantee": {{"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}}}}}}"#,
        guest.0, guest.1
    )
}

#[test]
fn the_conforming_read_body_is_clean() {
    // The other read tests change one thing of this body; unchanged, it finds nothing.
    let body = read_body("SUP-1", ("Janelle", "Doherty"), "429.0");
    let (run, _, found) = run4(&[("read", Behaviour::Body(body))]);
    assert_eq!(found, Vec::<String>::new(), "{}", run.stdout());
}

#[test]
fn a_read_at_another_price_than_the_rates_quoted() {
    let body = read_body("SUP-1", ("Janelle", "Doherty"), "449.0");
    let (run, _, found) = run4(&[("read", Behaviour::Body(body))]);
    assert_eq!(found, ["price-mismatch@hs4.read"], "{}", run.stdout());
}

#[test]
fn a_read_naming_another_guest_than_the_booking() {
    let body = read_body("SUP-1", ("Test", "Traveler"), "429.0");
    let (run, _, found) = run4(&[("read", Behaviour::Body(body))]);
    assert_eq!(found, ["guest-mismatch@hs4.read"], "{}", run.stdout());
}

#[test]
fn a_read_of_another_reservation() {
    let body = read_body("SUP-9", ("Janelle", "Doherty"), "429.0");
    let (run, _, found) = run4(&[("read", Behaviour::Body(body))]);
    assert_eq!(
        found,
        ["reservation-id-mismatch@hs4.read"],
        "{}",
        run.stdout()
    );
}

#[test]
fn hs4_shops_every_place_and_books_at_the_first_with_its_stay() {
    let mock = Mock::start_hs4(&[]);
    let second = "[[search]]\nname = \"Bellevue\"\nlatitude = 47.61\nlongitude = -122.2\nradius = 5\nunit = \"km\"\ncheckin = \"+91d\"\nnights = 1\n";
    let text = hs4_scenario(&mock.hs4_url(), &format!("{second}\n{BOOKING}"));
    let run = probe(&text, &["--no-probes"]);
    assert_eq!(
        run.steps(),
        [
            "hs4.search",
            "hs4.details",
            "hs4.rates",
            "hs4.search@2",
            "hs4.details@2",
            "hs4.rates@2",
            "hs4.reservation",
            "hs4.read",
            "hs4.cancel"
        ],
        "{}",
        run.stderr()
    );
    let bodies: Vec<Value> = mock
        .requests
        .lock()
        .expect("lock")
        .iter()
        .filter(|r| r.step == "search" || r.step == "reservation")
        .map(|r| serde_json::from_str(&r.body).expect("a JSON body"))
        .collect();
    assert_eq!(bodies.len(), 3, "two searches and one reservation");
    assert_ne!(bodies[0]["checkin"], bodies[1]["checkin"], "two stays");
    assert_eq!(
        (&bodies[2]["checkin"], &bodies[2]["checkout"]),
        (&bodies[0]["checkin"], &bodies[0]["checkout"]),
        "booked with the first place's stay"
    );
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert_eq!(found, Vec::<String>::new(), "{}", run.stderr());
}

#[test]
fn hs4_single_hotel_rates_ask_for_the_chosen_hotel_alone() {
    let mock = Mock::start_hs4(&[]);
    let steps = "[steps]\nsingle_hotel_availability = true\n";
    let text = hs4_scenario(&mock.hs4_url(), &format!("{BOOKING}\n{steps}"));
    let run = probe(&text, &["--no-probes"]);
    assert_eq!(
        run.steps(),
        [
            "hs4.search",
            "hs4.details",
            "hs4.rates",
            "hs4.rates-single",
            "hs4.reservation",
            "hs4.read",
            "hs4.cancel"
        ],
        "{}",
        run.stderr()
    );
    let single = mock.request("rates-single").expect("the request");
    let body: Value = serde_json::from_str(&single.body).expect("JSON");
    assert_eq!(body["hotelPropertyRefs"].as_array().map(Vec::len), Some(1));
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert_eq!(found, Vec::<String>::new(), "{}", run.stderr());
}

#[test]
fn hs4_parallel_rates_are_sent_and_judged() {
    let mock = Mock::start_hs4(&[]);
    let text = hs4_scenario(&mock.hs4_url(), "[steps]\nparallel_availability = 2\n");
    let run = probe(&text, &["--no-probes"]);
    assert_eq!(
        run.steps(),
        [
            "hs4.search",
            "hs4.details",
            "hs4.rates",
            "hs4.parallel-rates",
            "hs4.parallel-rates"
        ],
        "{}",
        run.stderr()
    );
    assert_eq!(
        mock.steps().iter().filter(|s| *s == "rates-single").count(),
        2
    );
    let found: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    assert_eq!(found, Vec::<String>::new(), "{}", run.stderr());
    let mock = Mock::start_hs4(&[("rates-single", Behaviour::Status(500))]);
    let text = hs4_scenario(&mock.hs4_url(), "[steps]\nparallel_availability = 2\n");
    let run = probe(&text, &["--no-probes"]);
    assert!(
        run.findings()
            .contains(&"flow-step-failed@hs4.parallel-rates".to_string()),
        "{:?}",
        run.findings()
    );
}
